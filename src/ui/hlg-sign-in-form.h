/* hlg-sign-in-form.h: a server address, an account and a password, checked with the server
 * SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <adwaita.h>

#include "hlg-application.h"

G_BEGIN_DECLS

#define HLG_TYPE_SIGN_IN_FORM (hlg_sign_in_form_get_type ())

G_DECLARE_FINAL_TYPE (HlgSignInForm, hlg_sign_in_form, HLG, SIGN_IN_FORM, AdwBin)

HlgSignInForm *hlg_sign_in_form_new             (HlgApplication *application);
void           hlg_sign_in_form_set_application (HlgSignInForm  *self,
                                                 HlgApplication *application);
void           hlg_sign_in_form_set_fields      (HlgSignInForm  *self,
                                                 const char     *url,
                                                 const char     *account,
                                                 const char     *password);
const char    *hlg_sign_in_form_get_error       (HlgSignInForm  *self);
gboolean       hlg_sign_in_form_get_busy        (HlgSignInForm  *self);

G_END_DECLS
