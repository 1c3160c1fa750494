/* bench-sync.c: how long syncs take against the real server on loopback
 * SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include "hlg-sample.h"
#include "hlg-server.h"
#include "test-sync-harness.h"

#define N_DOCS 10000
#define N_EDITS 1000

int
main (int   argc,
      char *argv[])
{
  g_autofree char *dir = g_dir_make_tmp ("hlg-bench-sync-XXXXXX", NULL);
  g_autofree char *db = g_build_filename (dir, "server.db", NULL);
  g_autofree char *url = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(HlgServer) server = NULL;
  g_autoptr(HlgStore) store = NULL;
  g_autoptr(HlgSyncClient) client = NULL;
  g_autoptr(GPtrArray) docs = NULL;
  TestSyncPeer peer = { 0 };
  double t;
  guint edited;

  g_setenv ("HLGMOS_CREDENTIALS", "memory", TRUE);
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

  peer.dir = dir;
  peer.url = url;
  store = test_sync_open_named (&peer, "store");
  client = test_sync_new_client (&peer, store, "ana", "ana-secret");

  t = test_sync_timed (client);
  g_assert_cmpuint (hlg_store_get_n_documents (store), ==, docs->len);
  g_print ("initial pull of %u documents (pages of %u): %.2f s, %.0f documents/s\n",
           docs->len, hlg_sync_client_get_page_size (client), t, docs->len / t);
  {
    gint64 start = g_get_monotonic_time ();

    /* The large pages went to journals; a thread splits them into files. */
    hlg_store_wait_split (store);
    g_print ("then splitting the journals into document files (in the background): %.2f s more\n",
             (g_get_monotonic_time () - start) / 1e6);
  }

  t = test_sync_timed (client);
  g_print ("sync with nothing changed: %.1f ms\n", t * 1000);

  /* One edit, pushed; then the edit's echo on the next pull. */
  edited = test_sync_edit_titles (store, 1, "Edited once");
  g_assert_cmpuint (edited, ==, 1);
  t = test_sync_timed (client);
  g_assert_cmpuint (hlg_store_get_n_pending (store), ==, 0);
  g_print ("sync with one document changed: %.1f ms\n", t * 1000);

  edited = test_sync_edit_titles (store, N_EDITS, "Edited");
  t = test_sync_timed (client);
  g_assert_cmpuint (hlg_store_get_n_pending (store), ==, 0);
  g_print ("push of %u edits: %.2f s, %.0f documents/s\n", edited, t, edited / t);

  g_clear_object (&client);
  g_clear_object (&store);
  g_clear_object (&server);
  while (g_main_context_iteration (NULL, FALSE))
    ;
  test_util_remove_tree (dir);
  return 0;
}
