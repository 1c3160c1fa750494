/* hlg-application.h: the HLG-MOS application, which hands out the store and settings
 * SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <adwaita.h>

#include "hlg-history.h"
#include "hlg-store.h"

G_BEGIN_DECLS

#define HLG_TYPE_APPLICATION (hlg_application_get_type ())

G_DECLARE_FINAL_TYPE (HlgApplication, hlg_application, HLG, APPLICATION, AdwApplication)

HlgApplication *hlg_application_new                 (void);
HlgStore       *hlg_application_get_store           (HlgApplication *self);
HlgHistory     *hlg_application_get_history         (HlgApplication *self);
GSettings      *hlg_application_get_settings        (HlgApplication *self);
gboolean        hlg_application_has_setting         (HlgApplication *self,
                                                     const char     *key);
GObject        *hlg_application_get_sync_client     (HlgApplication *self);
gboolean        hlg_application_has_server          (HlgApplication *self);
const char     *hlg_application_get_screenshots_dir (HlgApplication *self);
gboolean        hlg_application_get_load_done       (HlgApplication *self);
const GError   *hlg_application_get_load_error      (HlgApplication *self);
const char     *hlg_application_get_role            (HlgApplication *self);
void            hlg_application_reload_role         (HlgApplication *self);
HlgDocument    *hlg_application_find_me             (HlgApplication *self);
HlgDocument    *hlg_application_ensure_me           (HlgApplication *self,
                                                     GError        **error);
gboolean        hlg_application_wants_welcome       (HlgApplication *self);
void            hlg_application_sign_in_async       (HlgApplication      *self,
                                                     const char          *url,
                                                     const char          *account,
                                                     const char          *password,
                                                     GCancellable        *cancellable,
                                                     GAsyncReadyCallback  callback,
                                                     gpointer             user_data);
gboolean        hlg_application_sign_in_finish      (HlgApplication *self,
                                                     GAsyncResult   *result,
                                                     GError        **error);
void            hlg_application_sign_out_async      (HlgApplication      *self,
                                                     GCancellable        *cancellable,
                                                     GAsyncReadyCallback  callback,
                                                     gpointer             user_data);
gboolean        hlg_application_sign_out_finish     (HlgApplication *self,
                                                     GAsyncResult   *result,
                                                     GError        **error);
GtkWindow      *hlg_application_confirm_sign_out    (HlgApplication *self,
                                                     GtkWindow      *parent);

gboolean        hlg_role_can                        (const char     *role,
                                                     const char     *what);

G_END_DECLS
