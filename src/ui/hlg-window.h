/* hlg-window.h: the main window, a sidebar of places beside their content
 * SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <adwaita.h>

#include "hlg-application.h"
#include "hlg-conflicts-window.h"
#include "hlg-welcome.h"

G_BEGIN_DECLS

#define HLG_TYPE_WINDOW (hlg_window_get_type ())

G_DECLARE_FINAL_TYPE (HlgWindow, hlg_window, HLG, WINDOW, AdwApplicationWindow)

HlgWindow  *hlg_window_new            (HlgApplication  *application);
gboolean    hlg_window_show_place     (HlgWindow       *self,
                                       const char      *place,
                                       GError         **error);
const char *hlg_window_get_place      (HlgWindow       *self);
GtkWidget  *hlg_window_get_place_page (HlgWindow       *self,
                                       const char      *place);
gboolean    hlg_window_open_document  (HlgWindow       *self,
                                       const char      *id,
                                       GError         **error);
void        hlg_window_add_toast      (HlgWindow       *self,
                                       AdwToast        *toast);
void        hlg_window_add_error      (HlgWindow       *self,
                                       const GError    *error);
void        hlg_window_report_load    (HlgWindow       *self);
void        hlg_window_sync           (HlgWindow       *self);
const char *hlg_window_get_sync_text  (HlgWindow       *self);
const char *hlg_window_get_review_badge (HlgWindow    *self);
HlgConflictsWindow *hlg_window_show_conflicts (HlgWindow  *self,
                                               const char *id);
HlgWelcome *hlg_window_get_welcome    (HlgWindow       *self);

G_END_DECLS
