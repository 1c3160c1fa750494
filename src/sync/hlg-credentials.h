/* hlg-credentials.h: account passwords in the keyring, or in memory only
 * SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gio/gio.h>

G_BEGIN_DECLS

/* The libsecret schema: attributes "server" (URL) and "account". */
#define HLG_CREDENTIALS_SCHEMA_NAME "org.unece.HLGMOS.Account"

gboolean  hlg_credentials_use_memory   (void);
void      hlg_credentials_store_async  (const char           *server,
                                        const char           *account,
                                        const char           *password,
                                        GCancellable         *cancellable,
                                        GAsyncReadyCallback   callback,
                                        gpointer              user_data);
gboolean  hlg_credentials_store_finish (GAsyncResult         *result,
                                        GError              **error);
void      hlg_credentials_lookup_async (const char           *server,
                                        const char           *account,
                                        GCancellable         *cancellable,
                                        GAsyncReadyCallback   callback,
                                        gpointer              user_data);
char     *hlg_credentials_lookup_finish (GAsyncResult        *result,
                                         GError             **error);
void      hlg_credentials_clear_async  (const char           *server,
                                        const char           *account,
                                        GCancellable         *cancellable,
                                        GAsyncReadyCallback   callback,
                                        gpointer              user_data);
gboolean  hlg_credentials_clear_finish (GAsyncResult         *result,
                                        GError              **error);

G_END_DECLS
