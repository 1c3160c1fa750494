/* hlg-welcome.h: the first start: work locally, or sign in to a server
 * SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <adwaita.h>

#include "hlg-application.h"
#include "hlg-sign-in-form.h"

G_BEGIN_DECLS

#define HLG_TYPE_WELCOME (hlg_welcome_get_type ())

G_DECLARE_FINAL_TYPE (HlgWelcome, hlg_welcome, HLG, WELCOME, AdwBin)

HlgWelcome    *hlg_welcome_new           (HlgApplication *application);
HlgSignInForm *hlg_welcome_get_form      (HlgWelcome     *self);
const char    *hlg_welcome_get_step      (HlgWelcome     *self);

G_END_DECLS
