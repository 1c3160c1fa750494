/* test-sync.c: the sync client against the real server, in-process on loopback
 * SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <glib/gstdio.h>
#include <unistd.h>

#include "hlg-id.h"
#include "hlg-json.h"
#include "hlg-server.h"
#include "hlg-store.h"
#include "hlg-sync-client.h"

typedef struct
{
  char      *dir;
  HlgServer *server;
  char      *url;
  char      *cycle_id;
  guint      n_stores;
} Fixture;

static void
remove_tree (const char *path)
{
  g_autoptr(GDir) dir = g_dir_open (path, 0, NULL);
  const char *name;

  if (dir != NULL)
    {
      while ((name = g_dir_read_name (dir)))
        {
          g_autofree char *child = g_build_filename (path, name, NULL);

          remove_tree (child);
        }
    }
  g_remove (path);
}

static void
fixture_set_up (Fixture       *f,
                gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *db = NULL;

  f->dir = g_dir_make_tmp ("hlg-sync-XXXXXX", NULL);
  g_assert_nonnull (f->dir);
  db = g_build_filename (f->dir, "server.db", NULL);
  f->server = hlg_server_new (db, &error);
  g_assert_no_error (error);
  g_assert_true (hlg_server_listen (f->server, "127.0.0.1", 0, NULL, &error));
  g_assert_no_error (error);
  f->url = hlg_server_get_url (f->server);

  g_assert_true (hlg_server_add_user (f->server, "ana", "ana-secret", "secretariat", NULL, &error));
  g_assert_no_error (error);
  g_assert_true (hlg_server_add_user (f->server, "ben", "ben-secret", "secretariat", NULL, &error));
  g_assert_no_error (error);
  f->cycle_id = hlg_id_new (HLG_DOC_TYPE_CYCLE);
}

static void
fixture_tear_down (Fixture       *f,
                   gconstpointer  data)
{
  g_clear_object (&f->server);
  /* Let the server's sources go before the next test. */
  while (g_main_context_iteration (NULL, FALSE))
    ;
  remove_tree (f->dir);
  g_free (f->dir);
  g_free (f->url);
  g_free (f->cycle_id);
}

static HlgStore *
open_store_at (const char *path)
{
  HlgStore *store = hlg_store_new (path);
  g_autoptr(GError) error = NULL;

  g_assert_true (hlg_store_load (store, NULL, &error));
  g_assert_no_error (error);
  return store;
}

static char *
store_path (Fixture    *f,
            const char *name)
{
  return g_build_filename (f->dir, name, NULL);
}

static HlgSyncClient *
new_client (Fixture    *f,
            HlgStore   *store,
            const char *account,
            const char *password)
{
  HlgSyncClient *client = hlg_sync_client_new (store);

  hlg_sync_client_set_account (client, f->url, account, password);
  return client;
}

typedef struct
{
  gboolean  done;
  gboolean  ok;
  GError   *error;
} Wait;

static void
synced_cb (GObject      *object,
           GAsyncResult *result,
           gpointer      user_data)
{
  Wait *wait = user_data;

  wait->ok = hlg_sync_client_sync_finish (HLG_SYNC_CLIENT (object), result, &wait->error);
  wait->done = TRUE;
}

static gboolean
run_sync (HlgSyncClient  *client,
          GCancellable   *cancellable,
          GError        **error)
{
  Wait wait = { FALSE };

  hlg_sync_client_sync_async (client, cancellable, synced_cb, &wait);
  while (!wait.done)
    g_main_context_iteration (NULL, TRUE);

  if (wait.error != NULL)
    g_propagate_error (error, wait.error);
  return wait.ok;
}

static void
sync_ok (HlgSyncClient *client)
{
  g_autoptr(GError) error = NULL;

  g_assert_true (run_sync (client, NULL, &error));
  g_assert_no_error (error);
}

static HlgDocument *
new_proposal (Fixture    *f,
              const char *title)
{
  HlgDocument *doc = hlg_document_new (HLG_DOC_TYPE_PROPOSAL);

  g_assert_true (hlg_document_set_string (doc, "cycle", f->cycle_id, NULL));
  g_assert_true (hlg_document_set_string (doc, "kind", "project", NULL));
  g_assert_true (hlg_document_set_string (doc, "title", title, NULL));
  g_assert_true (hlg_document_set_string (doc, "status", "submitted", NULL));
  g_assert_true (hlg_document_set_string (doc, "summary", "First summary", NULL));
  return doc;
}

static void
edit (HlgStore   *store,
      const char *id,
      const char *field,
      const char *value)
{
  HlgDocument *doc = hlg_store_lookup (store, id);
  g_autoptr(GError) error = NULL;

  g_assert_nonnull (doc);
  g_assert_true (hlg_document_set_string (doc, field, value, &error));
  g_assert_no_error (error);
  g_assert_true (hlg_store_save (store, doc, &error));
  g_assert_no_error (error);
}

static const char *
field (HlgStore   *store,
       const char *id,
       const char *name)
{
  HlgDocument *doc = hlg_store_lookup (store, id);

  g_assert_nonnull (doc);
  return hlg_document_get_string (doc, name);
}

/* Two stores, each with a client, sharing one proposal. */
typedef struct
{
  HlgStore      *a;
  HlgStore      *b;
  HlgSyncClient *ca;
  HlgSyncClient *cb;
  char          *id;
} Pair;

static void
pair_set_up (Fixture *f,
             Pair    *p)
{
  g_autofree char *pa = store_path (f, "a");
  g_autofree char *pb = store_path (f, "b");
  g_autoptr(HlgDocument) doc = new_proposal (f, "Shared proposal");

  p->a = open_store_at (pa);
  p->b = open_store_at (pb);
  p->ca = new_client (f, p->a, "ana", "ana-secret");
  p->cb = new_client (f, p->b, "ben", "ben-secret");
  p->id = g_strdup (hlg_document_get_id (doc));

  g_assert_true (hlg_store_save (p->a, doc, NULL));
  sync_ok (p->ca);
  g_assert_false (hlg_store_has_local_changes (p->a, p->id));
  g_assert_nonnull (hlg_store_get_server_rev (p->a, p->id));
  g_assert_cmpint (hlg_sync_client_get_state (p->ca), ==, HLG_SYNC_STATE_IDLE);
  sync_ok (p->cb);
  g_assert_cmpstr (field (p->b, p->id, "title"), ==, "Shared proposal");
}

static void
pair_tear_down (Pair *p)
{
  g_clear_object (&p->ca);
  g_clear_object (&p->cb);
  g_clear_object (&p->a);
  g_clear_object (&p->b);
  g_free (p->id);
}

static void
test_sync_merge_different_fields (Fixture       *f,
                                  gconstpointer  data)
{
  Pair p = { NULL };

  pair_set_up (f, &p);

  /* Offline, each edits another field. */
  edit (p.a, p.id, "title", "Title from A");
  edit (p.b, p.id, "summary", "Summary from B");
  g_assert_cmpint (hlg_sync_client_get_state (p.cb), ==, HLG_SYNC_STATE_PENDING);
  g_assert_cmpuint (hlg_sync_client_get_n_pending (p.cb), ==, 1);

  sync_ok (p.ca);
  sync_ok (p.cb);
  sync_ok (p.ca);

  for (guint i = 0; i < 2; i++)
    {
      HlgStore *s = i == 0 ? p.a : p.b;

      g_assert_cmpstr (field (s, p.id, "title"), ==, "Title from A");
      g_assert_cmpstr (field (s, p.id, "summary"), ==, "Summary from B");
      g_assert_false (hlg_store_has_local_changes (s, p.id));
      g_assert_cmpuint (hlg_store_get_n_conflicts (s), ==, 0);
    }
  g_assert_cmpstr (hlg_store_get_server_rev (p.a, p.id), ==, hlg_store_get_server_rev (p.b, p.id));
  g_assert_cmpint (hlg_sync_client_get_state (p.cb), ==, HLG_SYNC_STATE_IDLE);
  g_assert_nonnull (hlg_sync_client_get_last_synced (p.cb));

  pair_tear_down (&p);
}

static void
test_sync_same_field_conflict (Fixture       *f,
                               gconstpointer  data)
{
  Pair p = { NULL };
  JsonObject *record;

  pair_set_up (f, &p);

  edit (p.a, p.id, "title", "Title from A");
  edit (p.b, p.id, "title", "Title from B");
  sync_ok (p.ca);
  sync_ok (p.cb);

  /* B keeps its value, holds A's, and pushes nothing until resolved. */
  g_assert_cmpint (hlg_sync_client_get_state (p.cb), ==, HLG_SYNC_STATE_CONFLICTS);
  g_assert_cmpuint (hlg_sync_client_get_n_conflicts (p.cb), ==, 1);
  g_assert_cmpstr (field (p.b, p.id, "title"), ==, "Title from B");
  record = json_array_get_object_element (hlg_store_get_conflicts (p.b, p.id), 0);
  g_assert_cmpstr (json_object_get_string_member (record, "path"), ==, "/title");
  g_assert_cmpstr (json_object_get_string_member (record, "mine"), ==, "Title from B");
  g_assert_cmpstr (json_object_get_string_member (record, "theirs"), ==, "Title from A");
  sync_ok (p.ca);
  g_assert_cmpstr (field (p.a, p.id, "title"), ==, "Title from A");

  /* B chooses its own: it reaches A on top of A's revision. */
  g_assert_true (hlg_store_resolve (p.b, p.id, HLG_MERGE_TAKE_MINE, NULL, NULL));
  g_assert_cmpint (hlg_sync_client_get_state (p.cb), ==, HLG_SYNC_STATE_PENDING);
  sync_ok (p.cb);
  sync_ok (p.ca);
  g_assert_cmpstr (field (p.a, p.id, "title"), ==, "Title from B");
  g_assert_cmpuint (hlg_store_get_n_conflicts (p.a), ==, 0);
  g_assert_false (hlg_store_has_local_changes (p.b, p.id));

  pair_tear_down (&p);
}

static void
test_sync_delete_vs_edit (Fixture       *f,
                          gconstpointer  data)
{
  Pair p = { NULL };
  JsonObject *record;

  pair_set_up (f, &p);

  g_assert_true (hlg_store_delete (p.a, p.id, NULL));
  edit (p.b, p.id, "summary", "Edited by B");
  sync_ok (p.ca);
  g_assert_null (hlg_store_lookup (p.a, p.id));
  sync_ok (p.cb);

  /* The edit stays on B, reported. */
  g_assert_cmpstr (field (p.b, p.id, "summary"), ==, "Edited by B");
  g_assert_true (hlg_store_has_conflicts (p.b, p.id));
  record = json_array_get_object_element (hlg_store_get_conflicts (p.b, p.id), 0);
  g_assert_cmpstr (json_object_get_string_member (record, "path"), ==, "");
  g_assert_false (json_object_has_member (record, "theirs"));

  /* Keeping it brings it back for A too. */
  g_assert_true (hlg_store_resolve (p.b, p.id, HLG_MERGE_TAKE_MINE, NULL, NULL));
  sync_ok (p.cb);
  g_assert_false (hlg_store_has_local_changes (p.b, p.id));
  sync_ok (p.ca);
  g_assert_cmpstr (field (p.a, p.id, "summary"), ==, "Edited by B");

  pair_tear_down (&p);
}

static void
on_progress_cb (HlgSyncClient *client,
                GParamSpec    *pspec,
                GCancellable  *cancellable)
{
  if (hlg_sync_client_get_progress_done (client) >= 150)
    g_cancellable_cancel (cancellable);
}

static void
test_sync_paging_and_resume (Fixture       *f,
                             gconstpointer  data)
{
  g_autofree char *pa = store_path (f, "a");
  g_autofree char *pb = store_path (f, "b");
  g_autoptr(HlgStore) a = open_store_at (pa);
  g_autoptr(HlgSyncClient) ca = new_client (f, a, "ana", "ana-secret");
  g_autoptr(GCancellable) cancellable = g_cancellable_new ();
  g_autoptr(GError) error = NULL;
  guint n_after_cancel;

  for (guint i = 0; i < 1000; i++)
    {
      g_autofree char *title = g_strdup_printf ("Proposal %u", i);
      g_autoptr(HlgDocument) doc = new_proposal (f, title);

      g_assert_true (hlg_store_save (a, doc, NULL));
    }
  sync_ok (ca);
  g_assert_cmpuint (hlg_store_get_n_pending (a), ==, 0);

  /* B pulls 50 at a time and is cancelled part of the way. */
  {
    g_autoptr(HlgStore) b = open_store_at (pb);
    g_autoptr(HlgSyncClient) cb = new_client (f, b, "ben", "ben-secret");

    hlg_sync_client_set_page_size (cb, 50);
    g_signal_connect (cb, "notify::progress-done", G_CALLBACK (on_progress_cb), cancellable);
    g_assert_false (run_sync (cb, cancellable, &error));
    g_assert_error (error, G_IO_ERROR, G_IO_ERROR_CANCELLED);
    g_clear_error (&error);
    n_after_cancel = hlg_store_get_n_documents (b);
    g_assert_cmpuint (n_after_cancel, >=, 150);
    g_assert_cmpuint (n_after_cancel, <, 1000);
    g_assert_nonnull (hlg_store_get_checkpoint (b));
  }

  /* As after a kill: a new process reads what is on disk and goes on. */
  {
    g_autoptr(HlgStore) b = open_store_at (pb);
    g_autoptr(HlgSyncClient) cb = new_client (f, b, "ben", "ben-secret");
    GListModel *model = hlg_store_get_model (b, HLG_DOC_TYPE_PROPOSAL);
    g_autoptr(GHashTable) titles = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);

    g_assert_cmpuint (hlg_store_get_n_documents (b), ==, n_after_cancel);
    g_assert_cmpuint (hlg_store_get_quarantined (b)->len, ==, 0);
    hlg_sync_client_set_page_size (cb, 50);
    sync_ok (cb);
    g_assert_cmpuint (hlg_sync_client_get_progress_done (cb), ==, 1000 - n_after_cancel);
    g_assert_cmpuint (g_list_model_get_n_items (model), ==, 1000);
    for (guint i = 0; i < 1000; i++)
      {
        g_autoptr(HlgDocument) doc = g_list_model_get_item (model, i);

        g_assert_true (g_hash_table_add (titles, g_strdup (hlg_document_get_title (doc))));
      }
    g_assert_cmpuint (g_hash_table_size (titles), ==, 1000);
    g_assert_cmpuint (hlg_store_get_n_pending (b), ==, 0);

    /* Nothing new: nothing pulled. */
    sync_ok (cb);
    g_assert_cmpuint (hlg_sync_client_get_progress_done (cb), ==, 0);
  }
}

static void
test_sync_wrong_password (Fixture       *f,
                          gconstpointer  data)
{
  g_autofree char *pa = store_path (f, "a");
  g_autoptr(HlgStore) a = open_store_at (pa);
  g_autoptr(HlgSyncClient) ca = new_client (f, a, "ana", "not-the-password");
  g_autoptr(GError) error = NULL;

  g_assert_false (run_sync (ca, NULL, &error));
  g_assert_error (error, HLG_SYNC_ERROR, HLG_SYNC_ERROR_AUTH);
  g_assert_cmpint (hlg_sync_client_get_state (ca), ==, HLG_SYNC_STATE_AUTH_REQUIRED);
  g_assert_nonnull (hlg_sync_client_get_error_message (ca));
  g_assert_null (hlg_store_get_checkpoint (a));

  /* The right one, through a cookie session this time. */
  hlg_sync_client_set_account (ca, f->url, "ana", "ana-secret");
  hlg_sync_client_set_use_cookie (ca, TRUE);
  sync_ok (ca);
  g_assert_cmpint (hlg_sync_client_get_state (ca), ==, HLG_SYNC_STATE_IDLE);
  g_assert_null (hlg_sync_client_get_error_message (ca));
}

static void
test_sync_author_never_receives_review (Fixture       *f,
                                        gconstpointer  data)
{
  g_autofree char *pa = store_path (f, "a");
  g_autofree char *pc = store_path (f, "author");
  g_autoptr(HlgStore) a = open_store_at (pa);
  g_autoptr(HlgStore) author = open_store_at (pc);
  g_autoptr(HlgSyncClient) ca = new_client (f, a, "ana", "ana-secret");
  g_autoptr(HlgSyncClient) cc = NULL;
  g_autoptr(HlgDocument) proposal = new_proposal (f, "Submitted proposal");
  g_autoptr(HlgDocument) review = hlg_document_new (HLG_DOC_TYPE_REVIEW);
  g_autofree char *person = hlg_id_new (HLG_DOC_TYPE_PERSON);
  g_autoptr(GError) error = NULL;

  g_assert_true (hlg_server_add_user (f->server, "carla", "carla-secret", "author", person, &error));
  g_assert_no_error (error);

  g_assert_true (hlg_document_set_string (review, "proposal", hlg_document_get_id (proposal), NULL));
  g_assert_true (hlg_document_set_string (review, "reviewer", person, NULL));
  g_assert_true (hlg_document_set_string (review, "comments_for_board", "Board only", NULL));
  g_assert_true (hlg_store_save (a, proposal, NULL));
  g_assert_true (hlg_store_save (a, review, NULL));
  sync_ok (ca);
  g_assert_cmpuint (hlg_store_get_n_pending (a), ==, 0);

  cc = new_client (f, author, "carla", "carla-secret");
  sync_ok (cc);
  g_assert_nonnull (hlg_store_lookup (author, hlg_document_get_id (proposal)));
  g_assert_null (hlg_store_lookup (author, hlg_document_get_id (review)));
  g_assert_cmpuint (g_list_model_get_n_items (hlg_store_get_model (author, HLG_DOC_TYPE_REVIEW)), ==, 0);

  /* A review the author writes is refused, reported, and not retried. */
  {
    g_autoptr(HlgDocument) forged = hlg_document_new (HLG_DOC_TYPE_REVIEW);

    g_assert_true (hlg_document_set_string (forged, "proposal", hlg_document_get_id (proposal), NULL));
    g_assert_true (hlg_document_set_string (forged, "reviewer", person, NULL));
    g_assert_true (hlg_store_save (author, forged, NULL));
    g_assert_false (run_sync (cc, NULL, &error));
    g_assert_error (error, HLG_SYNC_ERROR, HLG_SYNC_ERROR_REJECTED);
    g_clear_error (&error);
    g_assert_cmpint (hlg_sync_client_get_state (cc), ==, HLG_SYNC_STATE_ERROR);
    g_assert_nonnull (strstr (hlg_sync_client_get_error_message (cc), hlg_document_get_id (forged)));
    g_assert_true (hlg_store_has_local_changes (author, hlg_document_get_id (forged)));
  }
}

static void
test_sync_not_configured (Fixture       *f,
                          gconstpointer  data)
{
  g_autofree char *pa = store_path (f, "a");
  g_autoptr(HlgStore) a = open_store_at (pa);
  g_autoptr(HlgSyncClient) ca = hlg_sync_client_new (a);
  g_autoptr(GError) error = NULL;

  g_assert_false (run_sync (ca, NULL, &error));
  g_assert_error (error, HLG_SYNC_ERROR, HLG_SYNC_ERROR_NOT_CONFIGURED);
  g_clear_error (&error);

  /* A closed port: an error with the reason, not a hang. */
  hlg_sync_client_set_account (ca, "http://127.0.0.1:1", "ana", "x");
  g_assert_false (run_sync (ca, NULL, &error));
  g_assert_nonnull (error);
  g_assert_true (error->domain == HLG_SYNC_ERROR);
  g_assert_cmpint (hlg_sync_client_get_state (ca), !=, HLG_SYNC_STATE_SYNCING);
  g_assert_nonnull (hlg_sync_client_get_error_message (ca));
}

/* A self-signed certificate for 127.0.0.1, trusted by nobody. */
static const char self_signed_pem[] =
  "-----BEGIN CERTIFICATE-----\n"
  "MIIBkDCCATagAwIBAgIUCvko58uqKUfh15EKtd9GIyCynTQwCgYIKoZIzj0EAwIw\n"
  "FDESMBAGA1UEAwwJMTI3LjAuMC4xMCAXDTI2MTEyNTE4MDAyOVoYDzIxMjYxMTAx\n"
  "MTgwMDI5WjAUMRIwEAYDVQQDDAkxMjcuMC4wLjEwWTATBgcqhkjOPQIBBggqhkjO\n"
  "PQMBBwNCAASxzdCaHJsyWyYs0LmmCvS+ENR8QOIpPBRMUBju/6EDeN4493Ofl///\n"
  "3TqINp5mlB4R0Tuc84t7Io1mfxmi3riTo2QwYjAdBgNVHQ4EFgQUnBHh6VGf6quM\n"
  "QRHoOJHiz8FzO4owHwYDVR0jBBgwFoAUnBHh6VGf6quMQRHoOJHiz8FzO4owDwYD\n"
  "VR0TAQH/BAUwAwEB/zAPBgNVHREECDAGhwR/AAABMAoGCCqGSM49BAMCA0gAMEUC\n"
  "IQDQLuoiIoaRedUYGQaz9aQmzPOVPWx0Mf1APnV7mHuUngIgNEVOforODEXACWkq\n"
  "ei0hSLKa9/so0kvXAPLD8A+OL/4=\n"
  "-----END CERTIFICATE-----\n"
  "-----BEGIN PRIVATE KEY-----\n"
  "MIGHAgEAMBMGByqGSM49AgEGCCqGSM49AwEHBG0wawIBAQQg07Skx4pL74WpI+7b\n"
  "RXOZbBIRqADZz+7mXU/VMkVW1WyhRANCAASxzdCaHJsyWyYs0LmmCvS+ENR8QOIp\n"
  "PBRMUBju/6EDeN4493Ofl///3TqINp5mlB4R0Tuc84t7Io1mfxmi3riT\n"
  "-----END PRIVATE KEY-----\n";

static void
test_sync_untrusted_certificate (Fixture       *f,
                                 gconstpointer  data)
{
  g_autofree char *db = store_path (f, "tls.db");
  g_autofree char *pa = store_path (f, "a");
  g_autofree char *url = NULL;
  g_autoptr(GTlsCertificate) certificate = NULL;
  g_autoptr(HlgServer) tls_server = NULL;
  g_autoptr(HlgStore) a = open_store_at (pa);
  g_autoptr(HlgSyncClient) ca = NULL;
  g_autoptr(GError) error = NULL;

  /* In a child process: the LeakSanitizer of GCC 12 crashes on the
   * thread-local storage GnuTLS leaves in GLib's worker threads, so the
   * child leaves without the leak check, once its checks have passed. */
  if (!g_test_subprocess ())
    {
      g_test_trap_subprocess (NULL, 0, G_TEST_SUBPROCESS_DEFAULT);
      g_test_trap_assert_passed ();
      return;
    }

  certificate = g_tls_certificate_new_from_pem (self_signed_pem, -1, &error);
  g_assert_no_error (error);
  tls_server = hlg_server_new (db, &error);
  g_assert_no_error (error);
  g_assert_true (hlg_server_listen (tls_server, "127.0.0.1", 0, certificate, &error));
  g_assert_no_error (error);
  g_assert_true (hlg_server_add_user (tls_server, "ana", "ana-secret", "secretariat", NULL, &error));
  url = hlg_server_get_url (tls_server);
  g_assert_true (g_str_has_prefix (url, "https://"));

  /* Refused, with the reason, and the password never sent. */
  ca = new_client (f, a, "ana", "ana-secret");
  hlg_sync_client_set_account (ca, url, "ana", "ana-secret");
  g_assert_false (run_sync (ca, NULL, &error));
  g_assert_error (error, HLG_SYNC_ERROR, HLG_SYNC_ERROR_TLS);
  g_assert_cmpint (hlg_sync_client_get_state (ca), ==, HLG_SYNC_STATE_ERROR);
  g_assert_nonnull (strstr (hlg_sync_client_get_error_message (ca), "not signed by a known authority"));
  g_assert_null (hlg_store_get_checkpoint (a));
  g_clear_object (&ca);
  g_clear_object (&tls_server);
  g_clear_object (&a);
  fixture_tear_down (f, data);
  _exit (0);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);
  g_setenv ("HLGMOS_CREDENTIALS", "memory", TRUE);

#define ADD(path, func) \
  g_test_add (path, Fixture, NULL, fixture_set_up, func, fixture_tear_down)
  ADD ("/sync/merge-different-fields", test_sync_merge_different_fields);
  ADD ("/sync/same-field-conflict", test_sync_same_field_conflict);
  ADD ("/sync/delete-vs-edit", test_sync_delete_vs_edit);
  ADD ("/sync/paging-and-resume", test_sync_paging_and_resume);
  ADD ("/sync/wrong-password", test_sync_wrong_password);
  ADD ("/sync/author-never-receives-review", test_sync_author_never_receives_review);
  ADD ("/sync/not-configured", test_sync_not_configured);
  ADD ("/sync/untrusted-certificate", test_sync_untrusted_certificate);
#undef ADD

  return g_test_run ();
}
