/* test-sync-pouchdb.c: the sync client against PouchDB Server, a CouchDB-compatible peer without roles
 * SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <libsoup/soup.h>

#include "hlg-id.h"
#include "hlg-json.h"
#include "hlg-sample.h"
#include "test-server-harness.h"
#include "test-sync-harness.h"

/* Not HLG-MOS's roles: plain accounts in PouchDB Server's _users. */
static const char * const users[] = { "ana:ana-secret", "ben:ben-secret", NULL };

typedef struct
{
  char            *dir;
  char            *cycle_id;
  TestPouchServer *pouch;
  TestSyncPeer     peer;
} Fixture;

static void
fixture_set_up (Fixture       *f,
                gconstpointer  data)
{
  g_autoptr(GError) error = NULL;

  if (!test_pouch_check (&error))
    {
      if (g_strcmp0 (g_getenv ("HLGMOS_NO_NODE"), "1") == 0)
        g_test_skip_printf ("HLGMOS_NO_NODE=1: not run against PouchDB Server (%s)", error->message);
      else
        g_test_fail_printf ("%s (or set HLGMOS_NO_NODE=1 to skip these tests)", error->message);
      return;
    }

  f->dir = g_dir_make_tmp ("hlg-sync-pouchdb-XXXXXX", NULL);
  g_assert_nonnull (f->dir);
  f->cycle_id = hlg_id_new (HLG_DOC_TYPE_CYCLE);
  f->pouch = test_pouch_server_start (users, &error);
  g_assert_no_error (error);

  test_sync_peer_init (&f->peer, f->dir, test_pouch_server_get_url (f->pouch), f->cycle_id);
}

static void
fixture_tear_down (Fixture       *f,
                   gconstpointer  data)
{
  g_clear_pointer (&f->pouch, test_pouch_server_stop);
  while (g_main_context_iteration (NULL, FALSE))
    ;
  if (f->dir != NULL)
    test_util_remove_tree (f->dir);
  g_free (f->dir);
  g_free (f->cycle_id);
}

/* PouchDB keeps a revision tree: the client must have written each
 * document linearly, leaving no conflicting leaf on the server. */
static void
assert_no_revision_conflicts (Fixture *f,
                              guint    n_expected)
{
  g_autoptr(SoupSession) session = soup_session_new ();
  g_autofree char *uri = g_strconcat (f->peer.url,
                                      "/hlgmos/_all_docs?include_docs=true&conflicts=true", NULL);
  g_autoptr(SoupMessage) msg = soup_message_new ("GET", uri);
  g_autofree char *auth = g_base64_encode ((const guchar *) "ana:ana-secret", 14);
  g_autofree char *header = g_strconcat ("Basic ", auth, NULL);
  g_autoptr(GBytes) body = NULL;
  g_autoptr(JsonObject) root = NULL;
  g_autoptr(GError) error = NULL;
  JsonArray *rows;

  soup_message_headers_replace (soup_message_get_request_headers (msg), "Authorization", header);
  body = soup_session_send_and_read (session, msg, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (soup_message_get_status (msg), ==, 200);
  root = hlg_json_object_from_data (g_bytes_get_data (body, NULL), g_bytes_get_size (body), &error);
  g_assert_no_error (error);
  rows = json_object_get_array_member (root, "rows");
  g_assert_cmpuint (json_array_get_length (rows), ==, n_expected);
  for (guint i = 0; i < json_array_get_length (rows); i++)
    {
      JsonObject *doc = json_object_get_object_member (json_array_get_object_element (rows, i),
                                                       "doc");

      g_assert_false (json_object_has_member (doc, "_conflicts"));
    }
}

/* One of the scenarios every peer must pass; @data is its TestSyncScenario. */
static void
test_pouchdb_scenario (Fixture       *f,
                       gconstpointer  data)
{
  const TestSyncScenario *scenario = data;

  if (f->pouch == NULL)
    return;
  scenario->run (&f->peer);
  assert_no_revision_conflicts (f, scenario->n_documents);
}

/* ------------------------------------- PouchDB's replicator, from hlgmos-server */

#define N_SAMPLE 300

/* The IDs @user may read, as hlgmos-server's _all_docs lists them. */
static GHashTable *
readable_ids (TestServer *ts,
              const char *user,
              const char *password)
{
  g_autoptr(TestResponse) response = test_request (ts, "GET", "/hlgmos/_all_docs", user, password,
                                                   NULL);
  GHashTable *ids = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  JsonArray *rows;

  g_assert_cmpuint (response->status, ==, 200);
  rows = json_object_get_array_member (test_response_object (response), "rows");
  for (guint i = 0; i < json_array_get_length (rows); i++)
    g_hash_table_add (ids, g_strdup (json_object_get_string_member (
                                       json_array_get_object_element (rows, i), "id")));
  return ids;
}

/* replicate.js pulls /hlgmos as @user, with PouchDB's own checkpoints
 * (on both sides) and its own HTTP agent; returns its report. */
static JsonObject *
pouch_replicate (TestServer *ts,
                 const char *user,
                 const char *password)
{
  g_autofree char *source = g_strconcat (ts->url, "/hlgmos", NULL);
  g_autofree char *credentials = g_strconcat (user, ":", password, NULL);
  const char *args[] = { source, "--user", credentials, "--agent", "default", "--ids", NULL };
  g_autoptr(GError) error = NULL;
  g_autofree char *out = test_pouch_run_script ("replicate.js", args, &error);
  JsonObject *result;

  g_assert_no_error (error);
  result = hlg_json_object_from_data (out, -1, &error);
  g_assert_no_error (error);
  return result;
}

/* Asserts that @result holds exactly @expected's IDs; returns how many are reviews. */
static guint
assert_same_ids (JsonObject *result,
                 GHashTable *expected)
{
  JsonArray *ids = json_object_get_array_member (result, "ids");
  guint n_reviews = 0;

  g_assert_cmpuint (json_array_get_length (ids), ==, g_hash_table_size (expected));
  g_assert_cmpint (json_object_get_int_member (result, "docs"), ==, g_hash_table_size (expected));
  for (guint i = 0; i < json_array_get_length (ids); i++)
    {
      const char *id = json_array_get_string_element (ids, i);

      g_assert_true (g_hash_table_contains (expected, id));
      if (g_str_has_prefix (id, "review:"))
        n_reviews++;
    }
  return n_reviews;
}

static void
test_pouchdb_replicates_from_hlgmos_server (Fixture       *f,
                                           gconstpointer  data)
{
  g_autoptr(GPtrArray) docs = NULL;
  g_autoptr(GHashTable) all = NULL;
  g_autoptr(GHashTable) authors = NULL;
  g_autoptr(JsonObject) result = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *person = hlg_id_new (HLG_DOC_TYPE_PERSON);
  TestServer *ts;
  guint n_reviews = 0;

  if (f->pouch == NULL)
    return;

  ts = test_server_new (NULL);
  g_assert_true (hlg_server_add_user (ts->server, "ana", "ana-secret", "secretariat", NULL, &error));
  g_assert_no_error (error);
  g_assert_true (hlg_server_add_user (ts->server, "carla", "carla-secret", "author", person, &error));
  g_assert_no_error (error);
  docs = hlg_sample_generate (N_SAMPLE, 7);
  g_assert_true (hlg_server_seed_demo (ts->server, docs, &error));
  g_assert_no_error (error);
  test_server_start (ts);

  for (guint i = 0; i < docs->len; i++)
    if (hlg_document_get_doc_type (docs->pdata[i]) == HLG_DOC_TYPE_REVIEW)
      n_reviews++;
  g_assert_cmpuint (n_reviews, >, 0);

  /* The secretariat gets every document, reviews included. */
  all = readable_ids (ts, "ana", "ana-secret");
  g_assert_cmpuint (g_hash_table_size (all), ==, docs->len);
  result = pouch_replicate (ts, "ana", "ana-secret");
  g_assert_cmpint (json_object_get_int_member (result, "docs_written"), ==, docs->len);
  g_assert_cmpuint (assert_same_ids (result, all), ==, n_reviews);
  g_clear_pointer (&result, json_object_unref);

  /* Again, into a new replica: PouchDB reads and updates its checkpoint on the server. */
  result = pouch_replicate (ts, "ana", "ana-secret");
  g_assert_cmpuint (assert_same_ids (result, all), ==, n_reviews);
  g_clear_pointer (&result, json_object_unref);

  /* An author: what it may read, and never a review. */
  authors = readable_ids (ts, "carla", "carla-secret");
  g_assert_cmpuint (g_hash_table_size (authors), >, 0);
  g_assert_cmpuint (g_hash_table_size (authors), <, docs->len);
  result = pouch_replicate (ts, "carla", "carla-secret");
  g_assert_cmpuint (assert_same_ids (result, authors), ==, 0);

  test_server_free (ts);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);
  g_setenv ("HLGMOS_CREDENTIALS", "memory", TRUE);

  test_sync_add_scenarios ("/sync-pouchdb/", sizeof (Fixture), (GTestFixtureFunc) fixture_set_up,
                           (GTestFixtureFunc) test_pouchdb_scenario, (GTestFixtureFunc) fixture_tear_down);
  g_test_add ("/sync-pouchdb/replicator-pulls-from-hlgmos-server", Fixture, NULL, fixture_set_up,
              test_pouchdb_replicates_from_hlgmos_server, fixture_tear_down);

  return g_test_run ();
}
