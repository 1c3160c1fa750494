/* hlg-server-auth.h: password hashes, the verification cache and cookie sessions
 * SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

typedef struct _HlgServerAuth HlgServerAuth;

gboolean       hlg_server_auth_init            (GError        **error);
char          *hlg_server_auth_hash_password   (const char     *password,
                                                GError        **error);
gboolean       hlg_server_auth_verify_password (const char     *hash,
                                                const char     *password);

HlgServerAuth *hlg_server_auth_new             (void);
void           hlg_server_auth_free            (HlgServerAuth  *auth);
char          *hlg_server_auth_cache_key       (HlgServerAuth  *auth,
                                                const char     *name,
                                                const char     *password);
gboolean       hlg_server_auth_cache_lookup    (HlgServerAuth  *auth,
                                                const char     *key);
void           hlg_server_auth_cache_add       (HlgServerAuth  *auth,
                                                const char     *key,
                                                const char     *name);
void           hlg_server_auth_forget          (HlgServerAuth  *auth,
                                                const char     *name);
char          *hlg_server_auth_session_new     (HlgServerAuth  *auth,
                                                const char     *name);
const char    *hlg_server_auth_session_lookup  (HlgServerAuth  *auth,
                                                const char     *token);
void           hlg_server_auth_session_remove  (HlgServerAuth  *auth,
                                                const char     *token);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (HlgServerAuth, hlg_server_auth_free)

G_END_DECLS
