/* hlg-conflict-view.h: one document's conflicts, field by field: yours, theirs, or edited
 * SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gtk/gtk.h>

#include "hlg-store.h"

G_BEGIN_DECLS

#define HLG_TYPE_CONFLICT_VIEW (hlg_conflict_view_get_type ())

G_DECLARE_FINAL_TYPE (HlgConflictView, hlg_conflict_view, HLG, CONFLICT_VIEW, GtkWidget)

GtkWidget   *hlg_conflict_view_new             (HlgStore        *store,
                                                HlgDocument     *document);
HlgDocument *hlg_conflict_view_get_document    (HlgConflictView *self);
guint        hlg_conflict_view_get_n_conflicts (HlgConflictView *self);
const char  *hlg_conflict_view_get_path        (HlgConflictView *self,
                                                guint            index);
const char  *hlg_conflict_view_get_choice      (HlgConflictView *self,
                                                const char      *path);
GtkWidget   *hlg_conflict_view_get_editor      (HlgConflictView *self,
                                                const char      *path);
gboolean     hlg_conflict_view_resolve         (HlgConflictView *self,
                                                GError         **error);

G_END_DECLS
