/* bench-sync.c: how long syncs take against the real server on loopback
 * SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <glib/gstdio.h>

#include "hlg-sample.h"
#include "hlg-server.h"
#include "hlg-store.h"
#include "hlg-sync-client.h"

#define N_DOCS 10000
#define N_EDITS 1000

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
  g_autoptr(GError) error = NULL;

  wait->ok = hlg_sync_client_sync_finish (HLG_SYNC_CLIENT (object), result, &error);
  if (error != NULL)
    g_printerr ("sync failed: %s\n", error->message);
  wait->done = TRUE;
}

/* Seconds one sync takes. */
static double
timed_sync (HlgSyncClient *client)
{
  Wait wait = { FALSE };
  gint64 start = g_get_monotonic_time ();

  hlg_sync_client_sync_async (client, NULL, synced_cb, &wait);
  while (!wait.done)
    g_main_context_iteration (NULL, TRUE);
  g_assert_true (wait.ok);

  return (g_get_monotonic_time () - start) / 1e6;
}

int
main (int   argc,
      char *argv[])
{
  g_autofree char *dir = g_dir_make_tmp ("hlg-bench-sync-XXXXXX", NULL);
  g_autofree char *db = g_build_filename (dir, "server.db", NULL);
  g_autofree char *store_path = g_build_filename (dir, "store", NULL);
  g_autofree char *url = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(HlgServer) server = NULL;
  g_autoptr(HlgStore) store = NULL;
  g_autoptr(HlgSyncClient) client = NULL;
  g_autoptr(GPtrArray) docs = NULL;
  GListModel *model;
  double t;
  guint edited = 0;

  server = hlg_server_new (db, &error);
  g_assert_no_error (error);
  g_assert_true (hlg_server_listen (server, "127.0.0.1", 0, NULL, &error));
  g_assert_no_error (error);
  g_assert_true (hlg_server_add_user (server, "ana", "ana-secret", "secretariat", NULL, &error));
  g_assert_no_error (error);
  url = hlg_server_get_url (server);

  docs = hlg_sample_generate (N_DOCS, 42);
  g_assert_true (hlg_server_seed_demo (server, docs, &error));
  g_assert_no_error (error);

  store = hlg_store_new (store_path);
  g_assert_true (hlg_store_load (store, NULL, NULL));
  client = hlg_sync_client_new (store);
  hlg_sync_client_set_account (client, url, "ana", "ana-secret");

  t = timed_sync (client);
  g_assert_cmpuint (hlg_store_get_n_documents (store), ==, docs->len);
  g_print ("initial pull of %u documents (pages of 500): %.2f s, %.0f documents/s\n",
           docs->len, t, docs->len / t);

  t = timed_sync (client);
  g_print ("sync with nothing changed: %.1f ms\n", t * 1000);

  /* One edit, pushed; then the edit's echo on the next pull. */
  for (guint type = 0; type < HLG_N_DOC_TYPES && edited == 0; type++)
    {
      model = hlg_store_get_model (store, type);
      for (guint i = 0; i < g_list_model_get_n_items (model) && edited == 0; i++)
        {
          g_autoptr(HlgDocument) doc = g_list_model_get_item (model, i);

          if (hlg_document_get_string (doc, "title") != NULL &&
              hlg_document_set_string (doc, "title", "Edited once", NULL) &&
              hlg_store_save (store, doc, NULL))
            edited++;
        }
    }
  t = timed_sync (client);
  g_assert_cmpuint (hlg_store_get_n_pending (store), ==, 0);
  g_print ("sync with one document changed: %.1f ms\n", t * 1000);

  edited = 0;
  for (guint type = 0; type < HLG_N_DOC_TYPES && edited < N_EDITS; type++)
    {
      model = hlg_store_get_model (store, type);
      for (guint i = 0; i < g_list_model_get_n_items (model) && edited < N_EDITS; i++)
        {
          g_autoptr(HlgDocument) doc = g_list_model_get_item (model, i);
          g_autofree char *title = g_strdup_printf ("Edited %u", edited);

          if (hlg_document_get_string (doc, "title") != NULL &&
              hlg_document_set_string (doc, "title", title, NULL) &&
              hlg_store_save (store, doc, NULL))
            edited++;
        }
    }
  t = timed_sync (client);
  g_assert_cmpuint (hlg_store_get_n_pending (store), ==, 0);
  g_print ("push of %u edits: %.2f s, %.0f documents/s\n", edited, t, edited / t);

  g_clear_object (&client);
  g_clear_object (&store);
  g_clear_object (&server);
  while (g_main_context_iteration (NULL, FALSE))
    ;
  remove_tree (dir);
  return 0;
}
