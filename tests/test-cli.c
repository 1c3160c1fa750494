/* test-cli.c: hlgmos-cli, run as a program on a temporary store
 * SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <gio/gio.h>
#include <glib/gstdio.h>

#include "hlg-id.h"
#include "hlg-json.h"
#include "hlg-server.h"
#include "hlg-store.h"

#include "test-util.h"

#define ORG_ID "organisation:11111111-1111-4111-8111-111111111111"

typedef struct
{
  char      *dir;
  char      *store;
  HlgServer *server; /* for the network commands */
  char      *url;
} Fixture;

static void
fixture_set_up (Fixture       *f,
                gconstpointer  data)
{
  f->dir = test_util_make_tmp_dir ("hlg-cli-XXXXXX");
  f->store = g_build_filename (f->dir, "store", NULL);
}

static void
fixture_tear_down (Fixture       *f,
                   gconstpointer  data)
{
  g_clear_object (&f->server);
  while (g_main_context_iteration (NULL, FALSE))
    ;
  test_util_remove_tree (f->dir);
  g_free (f->dir);
  g_free (f->store);
  g_free (f->url);
}

static void
communicated_cb (GObject      *object,
                 GAsyncResult *result,
                 gpointer      user_data)
{
  *(GAsyncResult **) user_data = g_object_ref (result);
}

/* Runs hlgmos-cli with @args (NULL-terminated) and @input on stdin;
 * returns the exit status. */
static int
run_cli (Fixture     *f,
         const char  *input,
         char       **out,
         char       **err,
         ...)
{
  g_autoptr(GPtrArray) argv = g_ptr_array_new ();
  g_autoptr(GSubprocessLauncher) launcher = NULL;
  g_autoptr(GSubprocess) proc = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *stdout_buf = NULL;
  g_autofree char *stderr_buf = NULL;
  g_autofree char *cli = g_test_build_filename (G_TEST_BUILT, "..", "src", "cli", "hlgmos-cli", NULL);
  g_autoptr(GAsyncResult) result = NULL;
  const char *arg;
  va_list ap;

  g_ptr_array_add (argv, cli);
  g_ptr_array_add (argv, (char *) "--data-dir");
  g_ptr_array_add (argv, f->store);
  va_start (ap, err);
  while ((arg = va_arg (ap, const char *)) != NULL)
    g_ptr_array_add (argv, (char *) arg);
  va_end (ap);
  g_ptr_array_add (argv, NULL);

  launcher = g_subprocess_launcher_new (G_SUBPROCESS_FLAGS_STDIN_PIPE |
                                        G_SUBPROCESS_FLAGS_STDOUT_PIPE |
                                        G_SUBPROCESS_FLAGS_STDERR_PIPE);
  g_subprocess_launcher_setenv (launcher, "LC_ALL", "C.UTF-8", TRUE);
  g_subprocess_launcher_setenv (launcher, "HLGMOS_CREDENTIALS", "memory", TRUE);
  proc = g_subprocess_launcher_spawnv (launcher, (const char * const *) argv->pdata, &error);
  g_assert_no_error (error);
  /* The server, when there is one, answers from this main loop. */
  g_subprocess_communicate_utf8_async (proc, input, NULL, communicated_cb, &result);
  while (result == NULL)
    g_main_context_iteration (NULL, TRUE);
  g_subprocess_communicate_utf8_finish (proc, result, &stdout_buf, &stderr_buf, &error);
  g_assert_no_error (error);

  if (out != NULL)
    *out = g_steal_pointer (&stdout_buf);
  if (err != NULL)
    *err = g_steal_pointer (&stderr_buf);
  g_assert_true (g_subprocess_get_if_exited (proc));
  return g_subprocess_get_exit_status (proc);
}

static char *
write_json (Fixture    *f,
            const char *name,
            const char *json)
{
  char *path = g_build_filename (f->dir, name, NULL);

  g_assert_true (g_file_set_contents (path, json, -1, NULL));
  return path;
}

static void
test_cli_version_and_usage (Fixture       *f,
                            gconstpointer  data)
{
  g_autofree char *out = NULL;
  g_autofree char *err = NULL;
  g_autofree char *out2 = NULL;
  g_autofree char *err2 = NULL;

  g_assert_cmpint (run_cli (f, NULL, &out, NULL, "--version", NULL), ==, 0);
  g_assert_true (g_str_has_prefix (out, "hlgmos-cli " PACKAGE_VERSION));

  g_assert_cmpint (run_cli (f, NULL, NULL, &err, "no-such-command", NULL), ==, 2);
  g_assert_nonnull (strstr (err, "no-such-command"));
  g_assert_cmpint (run_cli (f, NULL, NULL, NULL, NULL), ==, 2);
  g_assert_cmpint (run_cli (f, NULL, NULL, NULL, "get", NULL), ==, 2);
  g_assert_cmpint (run_cli (f, NULL, NULL, NULL, "list", "--bogus", NULL), ==, 2);
  g_assert_cmpint (run_cli (f, NULL, &out2, &err2, "list", "--type", "nonsense", NULL), ==, 1);
  g_assert_cmpstr (out2, ==, "");
  g_assert_nonnull (strstr (err2, "nonsense"));
}

static void
test_cli_put_get_list_delete (Fixture       *f,
                              gconstpointer  data)
{
  g_autofree char *file = write_json (f, "org.json",
                                      "{\"_id\": \"" ORG_ID "\", \"type\": \"organisation\", "
                                      "\"schema\": 1, \"name\": \"ISTAT\", \"x_later\": [1, 2]}");
  g_autofree char *file2 = write_json (f, "org2.json",
                                       "{\"_id\": \"" ORG_ID "\", \"type\": \"organisation\", "
                                       "\"schema\": 1, \"name\": \"Istat\", \"country\": \"Italy\"}");
  g_autofree char *out = NULL;
  g_autofree char *got = NULL;
  g_autofree char *listed = NULL;
  g_autofree char *filtered = NULL;
  g_autofree char *after = NULL;
  g_autoptr(JsonObject) object = NULL;
  g_autoptr(HlgStore) store = NULL;

  g_assert_cmpint (run_cli (f, NULL, &out, NULL, "put", file, NULL), ==, 0);
  g_assert_cmpstr (out, ==, ORG_ID "\n");

  g_assert_cmpint (run_cli (f, NULL, &got, NULL, "get", ORG_ID, NULL), ==, 0);
  object = hlg_json_object_from_data (got, -1, NULL);
  g_assert_nonnull (object);
  g_assert_cmpstr (json_object_get_string_member (object, "name"), ==, "ISTAT");
  /* Unknown fields survive the round trip. */
  g_assert_true (json_object_has_member (object, "x_later"));

  g_assert_cmpint (run_cli (f, NULL, &listed, NULL, "list", NULL), ==, 0);
  g_assert_cmpstr (listed, ==, ORG_ID "\tISTAT\n");
  g_assert_cmpint (run_cli (f, NULL, &filtered, NULL, "list", "--type", "proposal", NULL), ==, 0);
  g_assert_cmpstr (filtered, ==, "");

  /* An update is a local change of the same document. */
  g_assert_cmpint (run_cli (f, NULL, NULL, NULL, "put", file2, NULL), ==, 0);
  store = hlg_store_new (f->store);
  g_assert_true (hlg_store_load (store, NULL, NULL));
  g_assert_cmpuint (hlg_store_get_n_documents (store), ==, 1);
  g_assert_cmpstr (hlg_document_get_string (hlg_store_lookup (store, ORG_ID), "country"), ==, "Italy");
  g_assert_true (hlg_store_has_local_changes (store, ORG_ID));

  g_assert_cmpint (run_cli (f, NULL, NULL, NULL, "delete", ORG_ID, NULL), ==, 0);
  g_assert_cmpint (run_cli (f, NULL, &after, NULL, "list", NULL), ==, 0);
  g_assert_cmpstr (after, ==, "");
  g_assert_cmpint (run_cli (f, NULL, NULL, NULL, "get", ORG_ID, NULL), ==, 1);
  g_assert_cmpint (run_cli (f, NULL, NULL, NULL, "delete", ORG_ID, NULL), ==, 1);
}

static void
test_cli_put_rejects_bad_files (Fixture       *f,
                                gconstpointer  data)
{
  g_autofree char *good = write_json (f, "good.json",
                                      "{\"_id\": \"" ORG_ID "\", \"type\": \"organisation\", "
                                      "\"schema\": 1, \"name\": \"ISTAT\"}");
  const char *bad[] = {
    "{\"_id\": \"" ORG_ID "\", \"type\": \"organisation\", \"schema\": 1}",          /* no name */
    "{\"_id\": \"" ORG_ID "\", \"type\": \"organisation\", \"schema\": 1, \"name\": 5}",
    "{\"_id\": \"organisation:../../etc\", \"type\": \"organisation\", \"schema\": 1, \"name\": \"x\"}",
    "{\"_id\": \"" ORG_ID "\", \"type\": \"proposal\", \"schema\": 1, \"name\": \"x\"}",
    "{\"_id\": \"" ORG_ID "\", \"type\": \"organisation\", \"schema\": 1, \"name\": \"x\"",
    "[1, 2, 3]",
  };
  g_autofree char *missing = g_build_filename (f->dir, "missing.json", NULL);
  g_autofree char *before = NULL;

  g_assert_cmpint (run_cli (f, NULL, NULL, NULL, "put", good, NULL), ==, 0);
  g_assert_cmpint (run_cli (f, NULL, &before, NULL, "get", ORG_ID, NULL), ==, 0);

  for (guint i = 0; i < G_N_ELEMENTS (bad); i++)
    {
      g_autofree char *name = g_strdup_printf ("bad%u.json", i);
      g_autofree char *path = write_json (f, name, bad[i]);
      g_autofree char *out = NULL;
      g_autofree char *err = NULL;
      g_autofree char *now = NULL;

      g_assert_cmpint (run_cli (f, NULL, &out, &err, "put", path, NULL), ==, 1);
      g_assert_cmpstr (out, ==, "");
      g_assert_nonnull (strstr (err, name));
      /* Nothing changed. */
      g_assert_cmpint (run_cli (f, NULL, &now, NULL, "get", ORG_ID, NULL), ==, 0);
      g_assert_cmpstr (now, ==, before);
    }

  g_assert_cmpint (run_cli (f, NULL, NULL, NULL, "put", missing, NULL), ==, 1);
  g_assert_cmpint (run_cli (f, NULL, NULL, NULL, "get", "../etc/passwd", NULL), ==, 1);
}

static void
test_cli_demo (Fixture       *f,
               gconstpointer  data)
{
  g_autofree char *listed = NULL;
  g_autofree char *proposals = NULL;
  g_auto(GStrv) lines = NULL;
  g_autoptr(HlgStore) store = NULL;

  g_assert_cmpint (run_cli (f, NULL, NULL, NULL, "demo", NULL), ==, 0);
  g_assert_cmpint (run_cli (f, NULL, &proposals, NULL, "list", "--type", "proposal", NULL), ==, 0);
  g_assert_true (g_str_has_prefix (proposals, "proposal:"));
  g_assert_cmpint (run_cli (f, NULL, &listed, NULL, "list", NULL), ==, 0);
  lines = g_strsplit (listed, "\n", -1);

  /* Every document the store holds is listed, one line each, valid. */
  store = hlg_store_new (f->store);
  g_assert_true (hlg_store_load (store, NULL, NULL));
  g_assert_cmpuint (g_strv_length (lines) - 1, ==, hlg_store_get_n_documents (store));
  g_assert_cmpuint (hlg_store_get_quarantined (store)->len, ==, 0);
  for (guint i = 0; lines[i] != NULL && lines[i][0] != '\0'; i++)
    {
      g_auto(GStrv) cols = g_strsplit (lines[i], "\t", 2);
      HlgDocument *doc = hlg_store_lookup (store, cols[0]);
      g_autoptr(GError) error = NULL;

      g_assert_nonnull (doc);
      g_assert_cmpstr (cols[1], ==, hlg_document_get_title (doc));
      hlg_document_validate (doc, &error);
      g_assert_no_error (error);
    }
}

static void
start_server (Fixture *f)
{
  g_autofree char *db = g_build_filename (f->dir, "server.db", NULL);
  g_autoptr(GError) error = NULL;

  f->server = hlg_server_new (db, &error);
  g_assert_no_error (error);
  g_assert_true (hlg_server_listen (f->server, "127.0.0.1", 0, NULL, &error));
  g_assert_no_error (error);
  f->url = hlg_server_get_url (f->server);
  g_assert_true (hlg_server_add_user (f->server, "ana", "ana-secret", "secretariat", NULL, &error));
  g_assert_no_error (error);
  g_assert_true (hlg_server_add_user (f->server, "ben", "ben-secret", "secretariat", NULL, &error));
  g_assert_no_error (error);
}

static char *
proposal_json (const char *id,
               const char *cycle,
               const char *title)
{
  return g_strdup_printf ("{\"_id\": \"%s\", \"type\": \"proposal\", \"schema\": 1, "
                          "\"cycle\": \"%s\", \"kind\": \"project\", \"status\": \"submitted\", "
                          "\"title\": \"%s\", \"summary\": \"Comma, and \\\"quotes\\\"\"}",
                          id, cycle, title);
}

static void
test_cli_network (Fixture       *f,
                  gconstpointer  data)
{
  g_autofree char *store_a = g_build_filename (f->dir, "a", NULL);
  g_autofree char *store_b = g_build_filename (f->dir, "b", NULL);
  g_autofree char *id = hlg_id_new (HLG_DOC_TYPE_PROPOSAL);
  g_autofree char *cycle = hlg_id_new (HLG_DOC_TYPE_CYCLE);
  g_autofree char *json1 = proposal_json (id, cycle, "First title");
  g_autofree char *json_a = proposal_json (id, cycle, "Title from A");
  g_autofree char *json_b = proposal_json (id, cycle, "Title from B");
  g_autofree char *file1 = write_json (f, "p1.json", json1);
  g_autofree char *file_a = write_json (f, "pa.json", json_a);
  g_autofree char *file_b = write_json (f, "pb.json", json_b);
  g_autofree char *err = NULL;
  g_autofree char *csv = NULL;
  g_autofree char *exported = NULL;
  g_autofree char *listing = NULL;
  g_autofree char *state_path = NULL;
  g_autofree char *state = NULL;
  g_autoptr(JsonParser) parser = json_parser_new ();

  start_server (f);

  /* A wrong password is a sign-in failure, and nothing is kept. */
  g_free (f->store);
  f->store = g_strdup (store_a);
  g_assert_cmpint (run_cli (f, "wrong\n", NULL, &err, "login", f->url, "ana", NULL), ==, 3);
  g_assert_cmpstr (err, !=, "");
  state_path = g_build_filename (store_a, "sync-state.json", NULL);
  g_assert_false (g_file_test (state_path, G_FILE_TEST_EXISTS));
  g_assert_cmpint (run_cli (f, NULL, NULL, NULL, "sync", NULL), ==, 3);

  g_assert_cmpint (run_cli (f, "ana-secret\n", NULL, NULL, "login", f->url, "ana", NULL), ==, 0);
  g_assert_true (g_file_get_contents (state_path, &state, NULL, NULL));
  g_assert_nonnull (strstr (state, "\"ana\""));
  g_assert_null (strstr (state, "ana-secret"));
  g_assert_cmpint (run_cli (f, NULL, NULL, NULL, "put", file1, NULL), ==, 0);
  g_assert_cmpint (run_cli (f, "ana-secret\n", NULL, NULL, "sync", "--password-stdin", NULL), ==, 0);

  /* A second store receives it. */
  g_free (f->store);
  f->store = g_strdup (store_b);
  g_assert_cmpint (run_cli (f, "ben-secret\n", NULL, NULL, "login", f->url, "ben", NULL), ==, 0);
  g_assert_cmpint (run_cli (f, "ben-secret\n", NULL, NULL, "sync", "--password-stdin", NULL), ==, 0);
  g_assert_cmpint (run_cli (f, NULL, &csv, NULL, "export", "--type", "proposal", "--format", "csv", NULL), ==, 0);
  g_assert_true (g_str_has_prefix (csv, "_id,cycle,kind,title,"));
  g_assert_nonnull (strstr (csv, "First title"));
  g_assert_nonnull (strstr (csv, "\"Comma, and \"\"quotes\"\"\""));
  g_assert_cmpint (run_cli (f, NULL, &exported, NULL, "export", "--type", "proposal", "--format", "json", NULL), ==, 0);
  g_assert_true (json_parser_load_from_data (parser, exported, -1, NULL));
  g_assert_cmpuint (json_array_get_length (json_node_get_array (json_parser_get_root (parser))), ==, 1);
  g_assert_cmpint (run_cli (f, NULL, NULL, NULL, "export", "--type", "proposal", "--format", "xml", NULL), ==, 2);

  /* Both change the title: the second to sync has a conflict. */
  g_assert_cmpint (run_cli (f, NULL, NULL, NULL, "put", file_b, NULL), ==, 0);
  g_free (f->store);
  f->store = g_strdup (store_a);
  g_assert_cmpint (run_cli (f, NULL, NULL, NULL, "put", file_a, NULL), ==, 0);
  g_assert_cmpint (run_cli (f, "ana-secret\n", NULL, NULL, "sync", "--password-stdin", NULL), ==, 0);
  g_free (f->store);
  f->store = g_strdup (store_b);
  g_assert_cmpint (run_cli (f, "ben-secret\n", NULL, NULL, "sync", "--password-stdin", NULL), ==, 4);
  g_assert_cmpint (run_cli (f, NULL, &listing, NULL, "conflicts", NULL), ==, 4);
  g_assert_nonnull (strstr (listing, id));
  g_assert_nonnull (strstr (listing, "/title"));
  g_assert_nonnull (strstr (listing, "Title from A"));
  g_assert_nonnull (strstr (listing, "Title from B"));
  g_assert_cmpint (run_cli (f, NULL, NULL, NULL, "resolve", id, "--take", "sideways", NULL), ==, 2);
  g_assert_cmpint (run_cli (f, NULL, NULL, NULL, "resolve", id, "--take", "theirs", NULL), ==, 0);
  g_assert_cmpint (run_cli (f, NULL, NULL, NULL, "conflicts", NULL), ==, 0);
  g_assert_cmpint (run_cli (f, "ben-secret\n", NULL, NULL, "sync", "--password-stdin", NULL), ==, 0);
  {
    g_autofree char *got = NULL;

    g_assert_cmpint (run_cli (f, NULL, &got, NULL, "get", id, NULL), ==, 0);
    g_assert_nonnull (strstr (got, "Title from A"));
  }
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add ("/cli/version-and-usage", Fixture, NULL,
              fixture_set_up, test_cli_version_and_usage, fixture_tear_down);
  g_test_add ("/cli/put-get-list-delete", Fixture, NULL,
              fixture_set_up, test_cli_put_get_list_delete, fixture_tear_down);
  g_test_add ("/cli/put-rejects-bad-files", Fixture, NULL,
              fixture_set_up, test_cli_put_rejects_bad_files, fixture_tear_down);

  g_test_add ("/cli/demo", Fixture, NULL,
              fixture_set_up, test_cli_demo, fixture_tear_down);

  g_test_add ("/cli/network", Fixture, NULL,
              fixture_set_up, test_cli_network, fixture_tear_down);

  return g_test_run ();
}
