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
#include "test-sync-harness.h"

typedef struct
{
  char         *dir;
  HlgServer    *server;
  char         *url;
  char         *cycle_id;
  TestSyncPeer  peer;
} Fixture;

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

  test_sync_peer_init (&f->peer, f->dir, f->url, f->cycle_id);
}

static void
fixture_tear_down (Fixture       *f,
                   gconstpointer  data)
{
  g_clear_object (&f->server);
  /* Let the server's sources go before the next test. */
  while (g_main_context_iteration (NULL, FALSE))
    ;
  test_util_remove_tree (f->dir);
  g_free (f->dir);
  g_free (f->url);
  g_free (f->cycle_id);
}

/* One of the scenarios every peer must pass; @data is its TestSyncScenario. */
static void
test_sync_scenario (Fixture       *f,
                    gconstpointer  data)
{
  const TestSyncScenario *scenario = data;

  scenario->run (&f->peer);
}

static void
test_sync_wrong_password (Fixture       *f,
                          gconstpointer  data)
{
  g_autoptr(HlgStore) a = test_sync_open_named (&f->peer, "a");
  g_autoptr(HlgSyncClient) ca = test_sync_new_client (&f->peer, a, "ana", "not-the-password");
  g_autoptr(GError) error = NULL;

  g_assert_false (test_sync_run (ca, NULL, &error));
  g_assert_error (error, HLG_SYNC_ERROR, HLG_SYNC_ERROR_AUTH);
  g_assert_cmpint (hlg_sync_client_get_state (ca), ==, HLG_SYNC_STATE_AUTH_REQUIRED);
  g_assert_nonnull (hlg_sync_client_get_error_message (ca));
  g_assert_null (hlg_store_get_checkpoint (a));

  /* The right one, through a cookie session this time. */
  hlg_sync_client_set_account (ca, f->url, "ana", "ana-secret");
  hlg_sync_client_set_use_cookie (ca, TRUE);
  test_sync_ok (ca);
  g_assert_cmpint (hlg_sync_client_get_state (ca), ==, HLG_SYNC_STATE_IDLE);
  g_assert_null (hlg_sync_client_get_error_message (ca));
}

static void
test_sync_author_never_receives_review (Fixture       *f,
                                        gconstpointer  data)
{
  g_autoptr(HlgStore) a = test_sync_open_named (&f->peer, "a");
  g_autoptr(HlgStore) author = test_sync_open_named (&f->peer, "author");
  g_autoptr(HlgSyncClient) ca = test_sync_new_client (&f->peer, a, "ana", "ana-secret");
  g_autoptr(HlgSyncClient) cc = NULL;
  g_autoptr(HlgDocument) proposal = test_sync_new_proposal (f->cycle_id, "Submitted proposal");
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
  test_sync_ok (ca);
  g_assert_cmpuint (hlg_store_get_n_pending (a), ==, 0);

  cc = test_sync_new_client (&f->peer, author, "carla", "carla-secret");
  test_sync_ok (cc);
  g_assert_nonnull (hlg_store_lookup (author, hlg_document_get_id (proposal)));
  g_assert_null (hlg_store_lookup (author, hlg_document_get_id (review)));
  g_assert_cmpuint (g_list_model_get_n_items (hlg_store_get_model (author, HLG_DOC_TYPE_REVIEW)), ==, 0);

  /* A review the author writes is refused, reported, and not retried. */
  {
    g_autoptr(HlgDocument) forged = hlg_document_new (HLG_DOC_TYPE_REVIEW);

    g_assert_true (hlg_document_set_string (forged, "proposal", hlg_document_get_id (proposal), NULL));
    g_assert_true (hlg_document_set_string (forged, "reviewer", person, NULL));
    g_assert_true (hlg_store_save (author, forged, NULL));
    g_assert_false (test_sync_run (cc, NULL, &error));
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
  g_autoptr(HlgStore) a = test_sync_open_named (&f->peer, "a");
  g_autoptr(HlgSyncClient) ca = hlg_sync_client_new (a);
  g_autoptr(GError) error = NULL;

  g_assert_false (test_sync_run (ca, NULL, &error));
  g_assert_error (error, HLG_SYNC_ERROR, HLG_SYNC_ERROR_NOT_CONFIGURED);
  g_clear_error (&error);

  /* A closed port: an error with the reason, not a hang. */
  hlg_sync_client_set_account (ca, "http://127.0.0.1:1", "ana", "x");
  g_assert_false (test_sync_run (ca, NULL, &error));
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
  g_autofree char *db = g_build_filename (f->dir, "tls.db", NULL);
  g_autofree char *url = NULL;
  g_autoptr(GTlsCertificate) certificate = NULL;
  g_autoptr(HlgServer) tls_server = NULL;
  g_autoptr(HlgStore) a = test_sync_open_named (&f->peer, "a");
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
  ca = test_sync_new_client (&f->peer, a, "ana", "ana-secret");
  hlg_sync_client_set_account (ca, url, "ana", "ana-secret");
  g_assert_false (test_sync_run (ca, NULL, &error));
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

  test_sync_add_scenarios ("/sync/", sizeof (Fixture), (GTestFixtureFunc) fixture_set_up,
                           (GTestFixtureFunc) test_sync_scenario, (GTestFixtureFunc) fixture_tear_down);

#define ADD(path, func) \
  g_test_add (path, Fixture, NULL, fixture_set_up, func, fixture_tear_down)
  ADD ("/sync/wrong-password", test_sync_wrong_password);
  ADD ("/sync/author-never-receives-review", test_sync_author_never_receives_review);
  ADD ("/sync/not-configured", test_sync_not_configured);
  ADD ("/sync/untrusted-certificate", test_sync_untrusted_certificate);
#undef ADD

  return g_test_run ();
}
