/* hlg-window.h: the main window
 * SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <adwaita.h>

#include "hlg-application.h"

G_BEGIN_DECLS

#define HLG_TYPE_WINDOW (hlg_window_get_type ())

G_DECLARE_FINAL_TYPE (HlgWindow, hlg_window, HLG, WINDOW, AdwApplicationWindow)

HlgWindow *hlg_window_new (HlgApplication *application);

G_END_DECLS
