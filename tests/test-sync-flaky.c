/* test-sync-flaky.c: scheduled syncs through a link that fails at random
 * converge once it heals, with nothing lost and nothing twice
 * SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <glib/gstdio.h>
#include <libsoup/soup.h>

#include "hlg-id.h"
#include "hlg-server.h"
#include "hlg-store.h"
#include "hlg-sync-client.h"

#include "test-util.h"

#define N_EACH 20

/* A proxy in front of the server that answers 500, or drops the
 * connection before or after the server did the work. */
typedef struct
{
  SoupServer  *server;
  SoupSession *session;
  char        *upstream;
  char        *url;
  GRand       *rand;
  gboolean     flaky;
  guint        n_broken;
} Proxy;

typedef struct
{
  Proxy             *proxy;
  SoupServerMessage *msg;
  SoupMessage       *out;
} Forward;

static void
drop_connection (SoupServerMessage *msg)
{
  g_autoptr(GIOStream) stream = soup_server_message_steal_connection (msg);

  g_io_stream_close (stream, NULL, NULL);
}

static void
forwarded_cb (GObject      *object,
              GAsyncResult *result,
              gpointer      user_data)
{
  Forward *forward = user_data;
  Proxy *proxy = forward->proxy;
  g_autoptr(GBytes) bytes = soup_session_send_and_read_finish (SOUP_SESSION (object), result, NULL);

  soup_server_message_unpause (forward->msg);
  if (bytes == NULL)
    {
      soup_server_message_set_status (forward->msg, SOUP_STATUS_BAD_GATEWAY, NULL);
    }
  else if (proxy->flaky && g_rand_double (proxy->rand) < 0.15)
    {
      /* The server did it; the client never hears. */
      proxy->n_broken++;
      drop_connection (forward->msg);
    }
  else
    {
      SoupMessageHeaders *in = soup_message_get_response_headers (forward->out);
      SoupMessageHeaders *back = soup_server_message_get_response_headers (forward->msg);
      const char *type = soup_message_headers_get_content_type (in, NULL);
      const char *cookie = soup_message_headers_get_one (in, "Set-Cookie");
      gsize size;
      gconstpointer data = g_bytes_get_data (bytes, &size);

      if (cookie != NULL)
        soup_message_headers_append (back, "Set-Cookie", cookie);
      soup_server_message_set_status (forward->msg, soup_message_get_status (forward->out), NULL);
      soup_server_message_set_response (forward->msg, type ? type : "application/json",
                                        SOUP_MEMORY_COPY, data, size);
    }

  g_object_unref (forward->msg);
  g_object_unref (forward->out);
  g_free (forward);
}

static void
proxy_cb (SoupServer        *server,
          SoupServerMessage *msg,
          const char        *path,
          GHashTable        *query,
          gpointer           user_data)
{
  Proxy *proxy = user_data;
  GUri *uri = soup_server_message_get_uri (msg);
  g_autofree char *target = NULL;
  SoupMessageBody *body = soup_server_message_get_request_body (msg);
  SoupMessageHeaders *headers = soup_server_message_get_request_headers (msg);
  const char *value;
  Forward *forward;

  if (proxy->flaky)
    {
      double r = g_rand_double (proxy->rand);

      if (r < 0.2)
        {
          proxy->n_broken++;
          soup_server_message_set_status (msg, SOUP_STATUS_INTERNAL_SERVER_ERROR, NULL);
          return;
        }
      if (r < 0.3)
        {
          proxy->n_broken++;
          drop_connection (msg);
          return;
        }
    }

  target = g_strdup_printf ("%s%s%s%s", proxy->upstream, g_uri_get_path (uri),
                            g_uri_get_query (uri) ? "?" : "", g_uri_get_query (uri) ? g_uri_get_query (uri) : "");
  forward = g_new0 (Forward, 1);
  forward->proxy = proxy;
  forward->msg = g_object_ref (msg);
  forward->out = soup_message_new (soup_server_message_get_method (msg), target);
  g_assert_nonnull (forward->out);

  for (guint i = 0; i < 3; i++)
    {
      static const char * const names[] = { "Authorization", "Cookie", "Accept" };

      value = soup_message_headers_get_one (headers, names[i]);
      if (value != NULL)
        soup_message_headers_replace (soup_message_get_request_headers (forward->out), names[i], value);
    }
  if (body->length > 0)
    {
      g_autoptr(GBytes) bytes = soup_message_body_flatten (body);

      soup_message_set_request_body_from_bytes (forward->out,
                                                soup_message_headers_get_content_type (headers, NULL),
                                                bytes);
    }

  soup_server_message_pause (msg);
  soup_session_send_and_read_async (proxy->session, forward->out, G_PRIORITY_DEFAULT, NULL,
                                    forwarded_cb, forward);
}

static void
proxy_start (Proxy      *proxy,
             const char *upstream)
{
  g_autoptr(GError) error = NULL;
  GSList *uris;

  proxy->upstream = g_strdup (upstream);
  proxy->rand = g_rand_new_with_seed (20251125);
  proxy->session = soup_session_new ();
  soup_session_remove_feature_by_type (proxy->session, SOUP_TYPE_AUTH_MANAGER);
  proxy->server = soup_server_new (NULL, NULL);
  soup_server_add_handler (proxy->server, NULL, proxy_cb, proxy, NULL);
  g_assert_true (soup_server_listen_local (proxy->server, 0, SOUP_SERVER_LISTEN_IPV4_ONLY, &error));
  g_assert_no_error (error);
  uris = soup_server_get_uris (proxy->server);
  proxy->url = g_strdup_printf ("http://127.0.0.1:%d", g_uri_get_port (uris->data));
  g_slist_free_full (uris, (GDestroyNotify) g_uri_unref);
}

static void
proxy_stop (Proxy *proxy)
{
  soup_server_disconnect (proxy->server);
  g_clear_object (&proxy->server);
  g_clear_object (&proxy->session);
  g_clear_pointer (&proxy->rand, g_rand_free);
  g_clear_pointer (&proxy->upstream, g_free);
  g_clear_pointer (&proxy->url, g_free);
}

static HlgStore *
open_store_at (const char *dir,
               const char *name)
{
  g_autofree char *path = g_build_filename (dir, name, NULL);
  HlgStore *store = hlg_store_new (path);

  g_assert_true (hlg_store_load (store, NULL, NULL));
  return store;
}

static void
add_proposals (HlgStore   *store,
               const char *cycle,
               const char *prefix)
{
  for (guint i = 0; i < N_EACH; i++)
    {
      g_autoptr(HlgDocument) doc = hlg_document_new (HLG_DOC_TYPE_PROPOSAL);
      g_autofree char *title = g_strdup_printf ("%s %u", prefix, i);

      g_assert_true (hlg_document_set_string (doc, "cycle", cycle, NULL));
      g_assert_true (hlg_document_set_string (doc, "kind", "activity", NULL));
      g_assert_true (hlg_document_set_string (doc, "title", title, NULL));
      g_assert_true (hlg_document_set_string (doc, "status", "submitted", NULL));
      g_assert_true (hlg_store_save (store, doc, NULL));
    }
}

static gboolean
on_guard_cb (gpointer data)
{
  *(gboolean *) data = TRUE;
  return G_SOURCE_REMOVE;
}

static gboolean
is_quiet (HlgSyncClient *client)
{
  return hlg_store_get_n_pending (hlg_sync_client_get_store (client)) == 0 &&
         hlg_sync_client_get_state (client) == HLG_SYNC_STATE_IDLE;
}

typedef struct
{
  gboolean done;
  gboolean ok;
} Wait;

static void
synced_cb (GObject      *object,
           GAsyncResult *result,
           gpointer      user_data)
{
  Wait *wait = user_data;

  wait->ok = hlg_sync_client_sync_finish (HLG_SYNC_CLIENT (object), result, NULL);
  wait->done = TRUE;
}

static void
sync_ok (HlgSyncClient *client)
{
  Wait wait = { FALSE };

  hlg_sync_client_sync_async (client, NULL, synced_cb, &wait);
  while (!wait.done)
    g_main_context_iteration (NULL, TRUE);
  g_assert_true (wait.ok);
}

static void
test_sync_flaky_link_converges (void)
{
  g_autofree char *dir = g_dir_make_tmp ("hlg-sync-flaky-XXXXXX", NULL);
  g_autofree char *db = g_build_filename (dir, "server.db", NULL);
  g_autofree char *url = NULL;
  g_autofree char *cycle = hlg_id_new (HLG_DOC_TYPE_CYCLE);
  g_autoptr(HlgServer) server = NULL;
  g_autoptr(HlgStore) a = open_store_at (dir, "a");
  g_autoptr(HlgStore) b = open_store_at (dir, "b");
  g_autoptr(HlgSyncClient) ca = hlg_sync_client_new (a);
  g_autoptr(HlgSyncClient) cb = hlg_sync_client_new (b);
  g_autoptr(GError) error = NULL;
  Proxy proxy = { NULL };
  gboolean timed_out = FALSE;
  guint guard;
  GListModel *ma = hlg_store_get_model (a, HLG_DOC_TYPE_PROPOSAL);
  GListModel *mb = hlg_store_get_model (b, HLG_DOC_TYPE_PROPOSAL);

  server = hlg_server_new (db, &error);
  g_assert_no_error (error);
  g_assert_true (hlg_server_listen (server, "127.0.0.1", 0, NULL, &error));
  g_assert_no_error (error);
  g_assert_true (hlg_server_add_user (server, "ana", "ana-secret", "secretariat", NULL, NULL));
  g_assert_true (hlg_server_add_user (server, "ben", "ben-secret", "secretariat", NULL, NULL));
  url = hlg_server_get_url (server);
  proxy_start (&proxy, url);
  proxy.flaky = TRUE;

  hlg_sync_client_set_account (ca, proxy.url, "ana", "ana-secret");
  hlg_sync_client_set_account (cb, proxy.url, "ben", "ben-secret");
  hlg_sync_client_set_page_size (ca, 5);
  hlg_sync_client_set_page_size (cb, 5);
  hlg_sync_client_set_timings (ca, 10, 5, 40);
  hlg_sync_client_set_timings (cb, 10, 5, 40);

  add_proposals (a, cycle, "From A");
  add_proposals (b, cycle, "From B");

  /* Scheduled syncs, retried with back-off, until nothing is waiting. */
  hlg_sync_client_start (ca);
  hlg_sync_client_start (cb);
  guard = g_timeout_add_seconds (40, on_guard_cb, &timed_out);
  while (!timed_out && !(is_quiet (ca) && is_quiet (cb)))
    g_main_context_iteration (NULL, TRUE);
  g_assert_false (timed_out);
  g_assert_cmpuint (proxy.n_broken, >, 0);

  /* An edit is synced by itself a moment later. */
  {
    g_autoptr(HlgDocument) doc = g_list_model_get_item (ma, 0);

    g_assert_true (hlg_document_set_string (doc, "summary", "Edited later", NULL));
    g_assert_true (hlg_store_save (a, doc, NULL));
    g_assert_cmpuint (hlg_store_get_n_pending (a), ==, 1);
    while (!timed_out && !is_quiet (ca))
      g_main_context_iteration (NULL, TRUE);
    g_assert_false (timed_out);
  }
  g_source_remove (guard);
  hlg_sync_client_stop (ca);
  hlg_sync_client_stop (cb);

  /* Healed: a round each, and both hold the same, once each. */
  proxy.flaky = FALSE;
  sync_ok (ca);
  sync_ok (cb);
  sync_ok (ca);

  g_assert_cmpuint (g_list_model_get_n_items (ma), ==, 2 * N_EACH);
  g_assert_cmpuint (g_list_model_get_n_items (mb), ==, 2 * N_EACH);
  g_assert_cmpint (hlg_server_get_doc_count (server), ==, 2 * N_EACH);
  for (guint i = 0; i < 2 * N_EACH; i++)
    {
      g_autoptr(HlgDocument) doc = g_list_model_get_item (ma, i);
      const char *id = hlg_document_get_id (doc);
      HlgDocument *other = hlg_store_lookup (b, id);
      g_autoptr(JsonNode) na = NULL;
      g_autoptr(JsonNode) nb = NULL;

      g_assert_nonnull (other);
      g_assert_cmpstr (hlg_store_get_server_rev (a, id), ==, hlg_store_get_server_rev (b, id));
      /* The same content, member order aside. */
      na = json_node_init_object (json_node_alloc (), hlg_document_get_object (doc));
      nb = json_node_init_object (json_node_alloc (), hlg_document_get_object (other));
      g_assert_true (json_node_equal (na, nb));
    }
  g_assert_cmpuint (hlg_store_get_n_pending (a) + hlg_store_get_n_pending (b), ==, 0);
  g_assert_cmpuint (hlg_store_get_n_conflicts (a) + hlg_store_get_n_conflicts (b), ==, 0);

  g_clear_object (&ca);
  g_clear_object (&cb);
  proxy_stop (&proxy);
  g_clear_object (&server);
  while (g_main_context_iteration (NULL, FALSE))
    ;
  test_util_remove_tree (dir);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/sync/flaky-link-converges", test_sync_flaky_link_converges);

  return g_test_run ();
}
