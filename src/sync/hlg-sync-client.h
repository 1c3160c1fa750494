/* hlg-sync-client.h: syncs the local store with a CouchDB-compatible server
 * SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gio/gio.h>

#include "hlg-store.h"

G_BEGIN_DECLS

/* What a person sees in the header bar. */
typedef enum
{
  HLG_SYNC_STATE_IDLE,          /* synced, nothing waiting */
  HLG_SYNC_STATE_SYNCING,
  HLG_SYNC_STATE_PENDING,       /* local changes not yet pushed */
  HLG_SYNC_STATE_OFFLINE,
  HLG_SYNC_STATE_CONFLICTS,     /* documents wait for a person to choose */
  HLG_SYNC_STATE_ERROR,         /* see error-message */
  HLG_SYNC_STATE_AUTH_REQUIRED, /* the server refused the name or password */
} HlgSyncState;

#define HLG_SYNC_ERROR (hlg_sync_error_quark ())

typedef enum
{
  HLG_SYNC_ERROR_NOT_CONFIGURED,
  HLG_SYNC_ERROR_AUTH,
  HLG_SYNC_ERROR_FORBIDDEN,
  HLG_SYNC_ERROR_TLS,
  HLG_SYNC_ERROR_OFFLINE,
  HLG_SYNC_ERROR_NETWORK,
  HLG_SYNC_ERROR_SERVER,
  HLG_SYNC_ERROR_PROTOCOL,
  HLG_SYNC_ERROR_REJECTED,      /* the server refused some documents */
  HLG_SYNC_ERROR_STORE,
} HlgSyncError;

#define HLG_TYPE_SYNC_CLIENT (hlg_sync_client_get_type ())

G_DECLARE_FINAL_TYPE (HlgSyncClient, hlg_sync_client, HLG, SYNC_CLIENT, GObject)

GQuark         hlg_sync_error_quark              (void);
HlgSyncClient *hlg_sync_client_new               (HlgStore             *store);
HlgStore      *hlg_sync_client_get_store         (HlgSyncClient        *self);
void           hlg_sync_client_set_account       (HlgSyncClient        *self,
                                                  const char           *url,
                                                  const char           *account,
                                                  const char           *password);
const char    *hlg_sync_client_get_url           (HlgSyncClient        *self);
const char    *hlg_sync_client_get_account       (HlgSyncClient        *self);
void           hlg_sync_client_set_use_cookie    (HlgSyncClient        *self,
                                                  gboolean              use_cookie);
void           hlg_sync_client_set_page_size     (HlgSyncClient        *self,
                                                  guint                 page_size);
guint          hlg_sync_client_get_page_size     (HlgSyncClient        *self);
HlgSyncState   hlg_sync_client_get_state         (HlgSyncClient        *self);
guint          hlg_sync_client_get_n_pending     (HlgSyncClient        *self);
guint          hlg_sync_client_get_n_conflicts   (HlgSyncClient        *self);
guint          hlg_sync_client_get_progress_done (HlgSyncClient        *self);
guint          hlg_sync_client_get_progress_total (HlgSyncClient       *self);
const char    *hlg_sync_client_get_error_message (HlgSyncClient        *self);
GDateTime     *hlg_sync_client_get_last_synced   (HlgSyncClient        *self);

void           hlg_sync_client_check_login_async  (HlgSyncClient       *self,
                                                   GCancellable        *cancellable,
                                                   GAsyncReadyCallback  callback,
                                                   gpointer             user_data);
gboolean       hlg_sync_client_check_login_finish (HlgSyncClient       *self,
                                                   GAsyncResult        *result,
                                                   GError             **error);
void           hlg_sync_client_sync_async        (HlgSyncClient        *self,
                                                  GCancellable         *cancellable,
                                                  GAsyncReadyCallback   callback,
                                                  gpointer              user_data);
gboolean       hlg_sync_client_sync_finish       (HlgSyncClient        *self,
                                                  GAsyncResult         *result,
                                                  GError              **error);

void           hlg_sync_client_start             (HlgSyncClient        *self);
void           hlg_sync_client_stop              (HlgSyncClient        *self);
void           hlg_sync_client_sync_now          (HlgSyncClient        *self);
void           hlg_sync_client_set_timings       (HlgSyncClient        *self,
                                                  guint                 debounce_ms,
                                                  guint                 retry_base_ms,
                                                  guint                 retry_max_ms);

G_END_DECLS
