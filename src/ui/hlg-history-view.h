/* hlg-history-view.h: a dialog with the versions of a document kept here, to compare and restore
 * SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <adwaita.h>

#include "hlg-history.h"
#include "hlg-store.h"

G_BEGIN_DECLS

#define HLG_TYPE_HISTORY_VIEW (hlg_history_view_get_type ())

G_DECLARE_FINAL_TYPE (HlgHistoryView, hlg_history_view, HLG, HISTORY_VIEW, AdwWindow)

HlgHistoryView *hlg_history_view_new               (HlgHistory     *history,
                                                    HlgStore       *store,
                                                    HlgDocument    *document,
                                                    gboolean        can_restore);
guint           hlg_history_view_get_n_versions    (HlgHistoryView *self);
gboolean        hlg_history_view_select            (HlgHistoryView *self,
                                                    guint           position);
HlgHistoryEntry *hlg_history_view_get_selected    (HlgHistoryView *self);
char           *hlg_history_view_dup_changes       (HlgHistoryView *self,
                                                    guint           position);
const char     *hlg_history_view_get_value         (HlgHistoryView *self,
                                                    const char     *field,
                                                    gboolean        now);
gboolean        hlg_history_view_restore           (HlgHistoryView *self,
                                                    GError        **error);

G_END_DECLS
