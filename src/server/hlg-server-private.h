/* hlg-server-private.h: HlgServer's struct and the helpers its files share
 * SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <json-glib/json-glib.h>
#include <libsoup/soup.h>

#include "hlg-json-index.h"
#include "hlg-server.h"
#include "hlg-server-acl.h"
#include "hlg-server-auth.h"
#include "hlg-server-db.h"

G_BEGIN_DECLS

struct _HlgServer
{
  GObject        parent_instance;

  HlgServerDb   *db;
  HlgServerAuth *auth;
  SoupServer    *soup;
  GMainContext  *context;   /* where the listeners and longpoll timeouts run */
  GList         *waiters;   /* longpoll requests with nothing to say yet */
  int            n_waiters; /* atomic, read from other threads by tests */
  char          *host;      /* as it goes in a URL */
  guint          port;
  gboolean       tls;
  char          *seq_suffix;
  GString       *scratch;   /* each write's text to hash, then to store: one buffer, reused */
  HlgJsonIndex  *old_body;  /* the stored text a write replaces, indexed */
  GAsyncQueue   *spare_bodies; /* GByteArray: request bodies' buffers, reused */
  GDateTime     *clock;     /* tests: the time the write rules see; NULL for the real one */
};

/* hlg-server.c: JSON, requests and responses */
void        _hlg_server_append_json_string         (GString                *out,
                                                    const char             *s);
guint64     _hlg_server_rev_generation             (const char             *rev);
const char *_hlg_server_get_string_member          (JsonObject             *object,
                                                    const char             *member);
gboolean    _hlg_server_get_true_member            (JsonObject             *object,
                                                    const char             *member);
void        _hlg_server_respond_text               (SoupServerMessage      *msg,
                                                    guint                   status,
                                                    char                   *json);
void        _hlg_server_respond_object             (SoupServerMessage      *msg,
                                                    guint                   status,
                                                    JsonObject             *object);
void        _hlg_server_respond_error              (SoupServerMessage      *msg,
                                                    guint                   status,
                                                    const char             *error,
                                                    const char             *reason);
guint       _hlg_server_error_status               (const GError           *error,
                                                    const char            **name);
void        _hlg_server_respond_gerror             (SoupServerMessage      *msg,
                                                    const GError           *error);
void        _hlg_server_respond_method_not_allowed (SoupServerMessage      *msg,
                                                    const char             *allowed);
char       *_hlg_server_format_seq                 (HlgServer              *self,
                                                    gint64                  seq);
GBytes     *_hlg_server_get_body                   (SoupServerMessage      *msg);
JsonObject *_hlg_server_parse_body_object          (SoupServerMessage      *msg,
                                                    GError                **error);
const char *_hlg_server_query_get                  (GHashTable             *query,
                                                    const char             *name);
gboolean    _hlg_server_query_get_bool             (GHashTable             *query,
                                                    const char             *name);
gboolean    _hlg_server_query_get_uint             (GHashTable             *query,
                                                    const char             *name,
                                                    guint                   fallback,
                                                    guint                  *out,
                                                    GError                **error);
gboolean    _hlg_server_parse_since                (HlgServer              *self,
                                                    const char             *text,
                                                    gint64                 *out,
                                                    GError                **error);
void        _hlg_server_acl_context_init           (HlgServer              *self,
                                                    HlgServerAclContext    *context,
                                                    const HlgServerAccount *account);
void        _hlg_server_acl_context_clear          (HlgServerAclContext    *context);
gboolean    _hlg_server_row_is_readable            (HlgServerAclContext    *context,
                                                    HlgServerRow           *row);
HlgServerRow *_hlg_server_lookup_readable          (HlgServer              *self,
                                                    SoupServerMessage      *msg,
                                                    HlgServerAccount       *account,
                                                    const char             *id);
void        _hlg_server_append_tombstone           (GString                *out,
                                                    HlgServerRow           *row);
char       *_hlg_server_get_if_match               (SoupServerMessage      *msg);

/* hlg-server-changes.c: _changes and its longpoll feed */
void        _hlg_server_handle_changes             (HlgServer              *self,
                                                    SoupServerMessage      *msg,
                                                    GHashTable             *query,
                                                    HlgServerAccount       *account);
void        _hlg_server_notify_waiters             (HlgServer              *self);
void        _hlg_server_clear_waiters              (HlgServer              *self);

/* hlg-server-replication.c: what CouchDB's replicators ask of a source */
void        _hlg_server_handle_bulk_get            (HlgServer              *self,
                                                    SoupServerMessage      *msg,
                                                    GHashTable             *query,
                                                    HlgServerAccount       *account);
void        _hlg_server_handle_open_revs           (HlgServer              *self,
                                                    SoupServerMessage      *msg,
                                                    GHashTable             *query,
                                                    HlgServerAccount       *account,
                                                    const char             *id);
void        _hlg_server_handle_revs_diff           (HlgServer              *self,
                                                    SoupServerMessage      *msg,
                                                    HlgServerAccount       *account);
void        _hlg_server_handle_local               (HlgServer              *self,
                                                    SoupServerMessage      *msg,
                                                    GHashTable             *query,
                                                    HlgServerAccount       *account,
                                                    const char             *id);

G_END_DECLS
