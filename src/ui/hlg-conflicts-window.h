/* hlg-conflicts-window.h: the documents in conflict, and one document's conflicts to resolve
 * SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <adwaita.h>

#include "hlg-conflict-view.h"
#include "hlg-store.h"

G_BEGIN_DECLS

#define HLG_TYPE_CONFLICTS_WINDOW (hlg_conflicts_window_get_type ())

G_DECLARE_FINAL_TYPE (HlgConflictsWindow, hlg_conflicts_window, HLG, CONFLICTS_WINDOW, AdwWindow)

HlgConflictsWindow *hlg_conflicts_window_new        (HlgStore           *store);
void                hlg_conflicts_window_show_list  (HlgConflictsWindow *self);
gboolean            hlg_conflicts_window_open       (HlgConflictsWindow *self,
                                                     const char         *id);
GListModel         *hlg_conflicts_window_get_model  (HlgConflictsWindow *self);
HlgConflictView    *hlg_conflicts_window_get_view   (HlgConflictsWindow *self);

G_END_DECLS
