/* hlg-preferences-window.h: where work is kept and synced: locally, or a server and account
 * SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <adwaita.h>

#include "hlg-application.h"
#include "hlg-sign-in-form.h"

G_BEGIN_DECLS

#define HLG_TYPE_PREFERENCES_WINDOW (hlg_preferences_window_get_type ())

G_DECLARE_FINAL_TYPE (HlgPreferencesWindow, hlg_preferences_window, HLG, PREFERENCES_WINDOW,
                      AdwPreferencesWindow)

HlgPreferencesWindow *hlg_preferences_window_new          (HlgApplication       *application);
HlgSignInForm        *hlg_preferences_window_show_sign_in (HlgPreferencesWindow *self);

G_END_DECLS
