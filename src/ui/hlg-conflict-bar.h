/* hlg-conflict-bar.h: a bar over a form saying its document is in conflict, with "Resolve…"
 * SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gtk/gtk.h>

#include "hlg-store.h"

G_BEGIN_DECLS

#define HLG_TYPE_CONFLICT_BAR (hlg_conflict_bar_get_type ())

G_DECLARE_FINAL_TYPE (HlgConflictBar, hlg_conflict_bar, HLG, CONFLICT_BAR, GtkWidget)

void     hlg_conflict_bar_set_document (HlgConflictBar *self,
                                        HlgStore       *store,
                                        const char     *id);
gboolean hlg_conflict_bar_get_revealed (HlgConflictBar *self);

G_END_DECLS
