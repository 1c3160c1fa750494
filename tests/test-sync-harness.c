/* test-sync-harness.c: the sync client's scenarios, run against any CouchDB-compatible peer
 * SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <glib/gstdio.h>
#include <signal.h>
#include <string.h>

#include "test-sync-harness.h"

/* A peer with the accounts ana (ana-secret) and ben (ben-secret). */
void
test_sync_peer_init (TestSyncPeer *peer,
                     const char   *dir,
                     const char   *url,
                     const char   *cycle_id)
{
  peer->dir = dir;
  peer->url = url;
  peer->cycle_id = cycle_id;
  peer->user_a = "ana";
  peer->password_a = "ana-secret";
  peer->user_b = "ben";
  peer->password_b = "ben-secret";
}

HlgStore *
test_sync_open_named (const TestSyncPeer *peer,
                      const char         *name)
{
  g_autofree char *path = g_build_filename (peer->dir, name, NULL);

  return test_util_open_store (path);
}

HlgSyncClient *
test_sync_new_client (const TestSyncPeer *peer,
                      HlgStore           *store,
                      const char         *account,
                      const char         *password)
{
  HlgSyncClient *client = hlg_sync_client_new (store);

  hlg_sync_client_set_account (client, peer->url, account, password);
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

gboolean
test_sync_run (HlgSyncClient  *client,
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

void
test_sync_ok (HlgSyncClient *client)
{
  g_autoptr(GError) error = NULL;

  g_assert_true (test_sync_run (client, NULL, &error));
  g_assert_no_error (error);
}

/* Seconds one successful sync takes. */
double
test_sync_timed (HlgSyncClient *client)
{
  gint64 start = g_get_monotonic_time ();

  test_sync_ok (client);
  return (g_get_monotonic_time () - start) / 1e6;
}

HlgDocument *
test_sync_new_proposal (const char *cycle_id,
                        const char *title)
{
  HlgDocument *doc = hlg_document_new (HLG_DOC_TYPE_PROPOSAL);

  g_assert_true (hlg_document_set_string (doc, "cycle", cycle_id, NULL));
  g_assert_true (hlg_document_set_string (doc, "kind", "project", NULL));
  g_assert_true (hlg_document_set_string (doc, "title", title, NULL));
  g_assert_true (hlg_document_set_string (doc, "status", "submitted", NULL));
  g_assert_true (hlg_document_set_string (doc, "summary", "First summary", NULL));
  return doc;
}

void
test_sync_edit (HlgStore   *store,
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

const char *
test_sync_field (HlgStore   *store,
                 const char *id,
                 const char *name)
{
  HlgDocument *doc = hlg_store_lookup (store, id);

  g_assert_nonnull (doc);
  return hlg_document_get_string (doc, name);
}

/* Changes the titles of @n documents that have one, to "@prefix <i>";
 * returns how many. */
guint
test_sync_edit_titles (HlgStore   *store,
                       guint       n,
                       const char *prefix)
{
  guint edited = 0;

  for (guint type = 0; type < HLG_N_DOC_TYPES && edited < n; type++)
    {
      GListModel *model = hlg_store_get_model (store, type);

      for (guint i = 0; i < g_list_model_get_n_items (model) && edited < n; i++)
        {
          g_autoptr(HlgDocument) doc = g_list_model_get_item (model, i);
          g_autofree char *title = g_strdup_printf ("%s %u", prefix, edited);

          if (hlg_document_get_string (doc, "title") != NULL &&
              hlg_document_set_string (doc, "title", title, NULL) &&
              hlg_store_save (store, doc, NULL))
            edited++;
        }
    }
  return edited;
}

/* ------------------------------------------------------------ scenarios */

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
pair_set_up (const TestSyncPeer *peer,
             Pair               *p)
{
  g_autoptr(HlgDocument) doc = test_sync_new_proposal (peer->cycle_id, "Shared proposal");

  p->a = test_sync_open_named (peer, "a");
  p->b = test_sync_open_named (peer, "b");
  p->ca = test_sync_new_client (peer, p->a, peer->user_a, peer->password_a);
  p->cb = test_sync_new_client (peer, p->b, peer->user_b, peer->password_b);
  p->id = g_strdup (hlg_document_get_id (doc));

  g_assert_true (hlg_store_save (p->a, doc, NULL));
  test_sync_ok (p->ca);
  g_assert_false (hlg_store_has_local_changes (p->a, p->id));
  g_assert_nonnull (hlg_store_get_server_rev (p->a, p->id));
  g_assert_cmpint (hlg_sync_client_get_state (p->ca), ==, HLG_SYNC_STATE_IDLE);
  test_sync_ok (p->cb);
  g_assert_cmpstr (test_sync_field (p->b, p->id, "title"), ==, "Shared proposal");
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

void
test_sync_scenario_merge_different_fields (const TestSyncPeer *peer)
{
  Pair p = { NULL };

  pair_set_up (peer, &p);

  /* Offline, each edits another field. */
  test_sync_edit (p.a, p.id, "title", "Title from A");
  test_sync_edit (p.b, p.id, "summary", "Summary from B");
  g_assert_cmpint (hlg_sync_client_get_state (p.cb), ==, HLG_SYNC_STATE_PENDING);
  g_assert_cmpuint (hlg_sync_client_get_n_pending (p.cb), ==, 1);

  test_sync_ok (p.ca);
  test_sync_ok (p.cb);
  test_sync_ok (p.ca);

  for (guint i = 0; i < 2; i++)
    {
      HlgStore *s = i == 0 ? p.a : p.b;

      g_assert_cmpstr (test_sync_field (s, p.id, "title"), ==, "Title from A");
      g_assert_cmpstr (test_sync_field (s, p.id, "summary"), ==, "Summary from B");
      g_assert_false (hlg_store_has_local_changes (s, p.id));
      g_assert_cmpuint (hlg_store_get_n_conflicts (s), ==, 0);
    }
  g_assert_cmpstr (hlg_store_get_server_rev (p.a, p.id), ==, hlg_store_get_server_rev (p.b, p.id));
  g_assert_cmpint (hlg_sync_client_get_state (p.cb), ==, HLG_SYNC_STATE_IDLE);
  g_assert_nonnull (hlg_sync_client_get_last_synced (p.cb));

  pair_tear_down (&p);
}

void
test_sync_scenario_same_field_conflict (const TestSyncPeer *peer)
{
  Pair p = { NULL };
  JsonObject *record;

  pair_set_up (peer, &p);

  test_sync_edit (p.a, p.id, "title", "Title from A");
  test_sync_edit (p.b, p.id, "title", "Title from B");
  test_sync_ok (p.ca);
  test_sync_ok (p.cb);

  /* B keeps its value, holds A's, and pushes nothing until resolved. */
  g_assert_cmpint (hlg_sync_client_get_state (p.cb), ==, HLG_SYNC_STATE_CONFLICTS);
  g_assert_cmpuint (hlg_sync_client_get_n_conflicts (p.cb), ==, 1);
  g_assert_cmpstr (test_sync_field (p.b, p.id, "title"), ==, "Title from B");
  record = json_array_get_object_element (hlg_store_get_conflicts (p.b, p.id), 0);
  g_assert_cmpstr (json_object_get_string_member (record, "path"), ==, "/title");
  g_assert_cmpstr (json_object_get_string_member (record, "mine"), ==, "Title from B");
  g_assert_cmpstr (json_object_get_string_member (record, "theirs"), ==, "Title from A");
  test_sync_ok (p.ca);
  g_assert_cmpstr (test_sync_field (p.a, p.id, "title"), ==, "Title from A");

  /* B chooses its own: it reaches A on top of A's revision. */
  g_assert_true (hlg_store_resolve (p.b, p.id, HLG_MERGE_TAKE_MINE, NULL, NULL));
  g_assert_cmpint (hlg_sync_client_get_state (p.cb), ==, HLG_SYNC_STATE_PENDING);
  test_sync_ok (p.cb);
  test_sync_ok (p.ca);
  g_assert_cmpstr (test_sync_field (p.a, p.id, "title"), ==, "Title from B");
  g_assert_cmpuint (hlg_store_get_n_conflicts (p.a), ==, 0);
  g_assert_false (hlg_store_has_local_changes (p.b, p.id));

  pair_tear_down (&p);
}

void
test_sync_scenario_delete_vs_edit (const TestSyncPeer *peer)
{
  Pair p = { NULL };
  JsonObject *record;

  pair_set_up (peer, &p);

  g_assert_true (hlg_store_delete (p.a, p.id, NULL));
  test_sync_edit (p.b, p.id, "summary", "Edited by B");
  test_sync_ok (p.ca);
  g_assert_null (hlg_store_lookup (p.a, p.id));
  test_sync_ok (p.cb);

  /* The edit stays on B, reported. */
  g_assert_cmpstr (test_sync_field (p.b, p.id, "summary"), ==, "Edited by B");
  g_assert_true (hlg_store_has_conflicts (p.b, p.id));
  record = json_array_get_object_element (hlg_store_get_conflicts (p.b, p.id), 0);
  g_assert_cmpstr (json_object_get_string_member (record, "path"), ==, "");
  g_assert_false (json_object_has_member (record, "theirs"));

  /* Keeping it brings it back for A too. */
  g_assert_true (hlg_store_resolve (p.b, p.id, HLG_MERGE_TAKE_MINE, NULL, NULL));
  test_sync_ok (p.cb);
  g_assert_false (hlg_store_has_local_changes (p.b, p.id));
  test_sync_ok (p.ca);
  g_assert_cmpstr (test_sync_field (p.a, p.id, "summary"), ==, "Edited by B");

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

/* Expects a database that holds nothing else. */
void
test_sync_scenario_paging_and_resume (const TestSyncPeer *peer)
{
  g_autoptr(HlgStore) a = test_sync_open_named (peer, "a");
  g_autoptr(HlgSyncClient) ca = test_sync_new_client (peer, a, peer->user_a, peer->password_a);
  g_autoptr(GCancellable) cancellable = g_cancellable_new ();
  g_autoptr(GError) error = NULL;
  guint n_after_cancel;

  for (guint i = 0; i < 1000; i++)
    {
      g_autofree char *title = g_strdup_printf ("Proposal %u", i);
      g_autoptr(HlgDocument) doc = test_sync_new_proposal (peer->cycle_id, title);

      g_assert_true (hlg_store_save (a, doc, NULL));
    }
  test_sync_ok (ca);
  g_assert_cmpuint (hlg_store_get_n_pending (a), ==, 0);

  /* B pulls 50 at a time and is cancelled part of the way. */
  {
    g_autoptr(HlgStore) b = test_sync_open_named (peer, "b");
    g_autoptr(HlgSyncClient) cb = test_sync_new_client (peer, b, peer->user_b, peer->password_b);

    hlg_sync_client_set_page_size (cb, 50);
    g_signal_connect (cb, "notify::progress-done", G_CALLBACK (on_progress_cb), cancellable);
    g_assert_false (test_sync_run (cb, cancellable, &error));
    g_assert_error (error, G_IO_ERROR, G_IO_ERROR_CANCELLED);
    g_clear_error (&error);
    n_after_cancel = hlg_store_get_n_documents (b);
    g_assert_cmpuint (n_after_cancel, >=, 150);
    g_assert_cmpuint (n_after_cancel, <, 1000);
    g_assert_nonnull (hlg_store_get_checkpoint (b));
  }

  /* As after a kill: a new process reads what is on disk and goes on. */
  {
    g_autoptr(HlgStore) b = test_sync_open_named (peer, "b");
    g_autoptr(HlgSyncClient) cb = test_sync_new_client (peer, b, peer->user_b, peer->password_b);
    GListModel *model = hlg_store_get_model (b, HLG_DOC_TYPE_PROPOSAL);
    g_autoptr(GHashTable) titles = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);

    g_assert_cmpuint (hlg_store_get_n_documents (b), ==, n_after_cancel);
    g_assert_cmpuint (hlg_store_get_quarantined (b)->len, ==, 0);
    hlg_sync_client_set_page_size (cb, 50);
    test_sync_ok (cb);
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
    test_sync_ok (cb);
    g_assert_cmpuint (hlg_sync_client_get_progress_done (cb), ==, 0);
  }
}

const TestSyncScenario test_sync_scenarios[] = {
  { "merge-different-fields", test_sync_scenario_merge_different_fields, 1 },
  { "same-field-conflict", test_sync_scenario_same_field_conflict, 1 },
  { "delete-vs-edit", test_sync_scenario_delete_vs_edit, 1 },
  { "paging-and-resume", test_sync_scenario_paging_and_resume, 1000 },
  { NULL, NULL, 0 },
};

/* Registers the scenarios as tests "@prefix<name>" of a fixture whose
 * @run gets the TestSyncScenario as its data. */
void
test_sync_add_scenarios (const char      *prefix,
                         gsize            fixture_size,
                         GTestFixtureFunc set_up,
                         GTestFixtureFunc run,
                         GTestFixtureFunc tear_down)
{
  for (const TestSyncScenario *s = test_sync_scenarios; s->name != NULL; s++)
    {
      g_autofree char *path = g_strconcat (prefix, s->name, NULL);

      g_test_add_vtable (path, fixture_size, s, set_up, run, tear_down);
    }
}

/* --------------------------------------------------- PouchDB Server */

#define POUCH_INSTALL_HINT \
  "run `npm ci --prefix tests/pouchdb` (Debian: apt-get install nodejs npm)"

/* Seconds to wait for node to start or stop. */
#define POUCH_TIMEOUT_S 60

struct _TestPouchServer
{
  GSubprocess      *process;
  GDataInputStream *out;
  char             *url;
};

/* tests/pouchdb in the source tree: meson test sets G_TEST_SRCDIR. */
char *
test_pouch_dir (void)
{
  const char *dir = g_getenv ("HLG_POUCHDB_DIR");
  const char *srcdir = g_getenv ("G_TEST_SRCDIR");

  if (dir != NULL)
    return g_strdup (dir);
  return g_build_filename (srcdir != NULL ? srcdir : "tests", "pouchdb", NULL);
}

/* Whether node and the installed packages are there. */
gboolean
test_pouch_check (GError **error)
{
  g_autofree char *node = g_find_program_in_path ("node");
  g_autofree char *dir = test_pouch_dir ();
  g_autofree char *installed = g_build_filename (dir, "node_modules", "express-pouchdb",
                                                 "package.json", NULL);

  if (node == NULL)
    {
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_NOT_FOUND,
                   "node is not on PATH: PouchDB Server cannot run; " POUCH_INSTALL_HINT);
      return FALSE;
    }
  if (!g_file_test (installed, G_FILE_TEST_EXISTS))
    {
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_NOT_FOUND,
                   "%s/node_modules is missing or incomplete: " POUCH_INSTALL_HINT, dir);
      return FALSE;
    }
  return TRUE;
}

static GSubprocess *
spawn_node (const char          *script,
            const char * const  *args,
            GSubprocessFlags     flags,
            GError             **error)
{
  g_autoptr(GSubprocessLauncher) launcher = g_subprocess_launcher_new (flags);
  g_autoptr(GPtrArray) argv = g_ptr_array_new ();
  g_autofree char *dir = test_pouch_dir ();

  g_subprocess_launcher_set_cwd (launcher, dir);
  g_ptr_array_add (argv, (char *) "node");
  g_ptr_array_add (argv, (char *) script);
  for (guint i = 0; args != NULL && args[i] != NULL; i++)
    g_ptr_array_add (argv, (char *) args[i]);
  g_ptr_array_add (argv, NULL);

  return g_subprocess_launcher_spawnv (launcher, (const char * const *) argv->pdata, error);
}

typedef struct
{
  gboolean  done;
  char     *line;
  GError   *error;
} LineWait;

static void
line_read_cb (GObject      *object,
              GAsyncResult *result,
              gpointer      user_data)
{
  LineWait *wait = user_data;

  wait->line = g_data_input_stream_read_line_finish_utf8 (G_DATA_INPUT_STREAM (object), result,
                                                          NULL, &wait->error);
  wait->done = TRUE;
}

static gboolean
on_timeout_cb (gpointer user_data)
{
  g_cancellable_cancel (user_data);
  return G_SOURCE_REMOVE;
}

/* Starts server.js with @users ("name:password"); its stderr goes to ours. */
TestPouchServer *
test_pouch_server_start (const char * const  *users,
                         GError             **error)
{
  return test_pouch_server_start_with_databases (users, NULL, error);
}

/* The same, with empty @databases beside "hlgmos". */
TestPouchServer *
test_pouch_server_start_with_databases (const char * const  *users,
                                        const char * const  *databases,
                                        GError             **error)
{
  g_autoptr(TestPouchServer) self = g_new0 (TestPouchServer, 1);
  g_autoptr(GPtrArray) args = g_ptr_array_new ();
  g_autoptr(GCancellable) cancellable = g_cancellable_new ();
  g_autoptr(GSource) timeout = g_timeout_source_new_seconds (POUCH_TIMEOUT_S);
  LineWait wait = { FALSE };
  const char *prefix = "Listening on ";

  if (!test_pouch_check (error))
    return NULL;

  for (guint i = 0; users != NULL && users[i] != NULL; i++)
    {
      g_ptr_array_add (args, (char *) "--user");
      g_ptr_array_add (args, (char *) users[i]);
    }
  for (guint i = 0; databases != NULL && databases[i] != NULL; i++)
    {
      g_ptr_array_add (args, (char *) "--db");
      g_ptr_array_add (args, (char *) databases[i]);
    }
  g_ptr_array_add (args, NULL);

  /* Our end of its stdin: when we go, it goes. */
  self->process = spawn_node ("server.js", (const char * const *) args->pdata,
                              G_SUBPROCESS_FLAGS_STDIN_PIPE | G_SUBPROCESS_FLAGS_STDOUT_PIPE,
                              error);
  if (self->process == NULL)
    return NULL;
  self->out = g_data_input_stream_new (g_subprocess_get_stdout_pipe (self->process));

  g_source_set_callback (timeout, on_timeout_cb, cancellable, NULL);
  g_source_attach (timeout, NULL);
  g_data_input_stream_read_line_async (self->out, G_PRIORITY_DEFAULT, cancellable,
                                       line_read_cb, &wait);
  while (!wait.done)
    g_main_context_iteration (NULL, TRUE);
  g_source_destroy (timeout);

  if (wait.error != NULL)
    {
      g_propagate_prefixed_error (error, wait.error, "waiting for server.js to listen: ");
      return NULL;
    }
  if (wait.line == NULL || !g_str_has_prefix (wait.line, prefix))
    {
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_FAILED,
                   "server.js did not start (it said “%s”; its messages are above)",
                   wait.line != NULL ? wait.line : "nothing");
      g_free (wait.line);
      return NULL;
    }

  /* hlg_server_get_url()'s form: no trailing slash. */
  self->url = g_strdup (wait.line + strlen (prefix));
  g_free (wait.line);
  if (g_str_has_suffix (self->url, "/"))
    self->url[strlen (self->url) - 1] = '\0';

  return g_steal_pointer (&self);
}

const char *
test_pouch_server_get_url (TestPouchServer *self)
{
  return self->url;
}

static void
waited_cb (GObject      *object,
           GAsyncResult *result,
           gpointer      user_data)
{
  int *state = user_data;

  /* 1: it exited; -1: it did not in time. */
  *state = g_subprocess_wait_finish (G_SUBPROCESS (object), result, NULL) ? 1 : -1;
}

/* Stops node (SIGTERM, then SIGKILL if it lingers) and reaps it. */
void
test_pouch_server_stop (TestPouchServer *self)
{
  if (self->process != NULL)
    {
      g_autoptr(GCancellable) cancellable = g_cancellable_new ();
      g_autoptr(GSource) timeout = g_timeout_source_new_seconds (POUCH_TIMEOUT_S);
      int state = 0;

      g_subprocess_send_signal (self->process, SIGTERM);
      g_source_set_callback (timeout, on_timeout_cb, cancellable, NULL);
      g_source_attach (timeout, NULL);
      g_subprocess_wait_async (self->process, cancellable, waited_cb, &state);
      while (state == 0)
        g_main_context_iteration (NULL, TRUE);
      g_source_destroy (timeout);

      if (state < 0)
        {
          g_subprocess_force_exit (self->process);
          g_subprocess_wait (self->process, NULL, NULL);
        }
    }
  g_clear_object (&self->out);
  g_clear_object (&self->process);
  g_free (self->url);
  g_free (self);
}

/* Runs one of tests/pouchdb's scripts to the end; returns its stdout. */
char *
test_pouch_run_script (const char          *script,
                       const char * const  *args,
                       GError             **error)
{
  g_autoptr(GSubprocess) process = NULL;
  g_autofree char *out = NULL;

  if (!test_pouch_check (error))
    return NULL;
  process = spawn_node (script, args, G_SUBPROCESS_FLAGS_STDOUT_PIPE, error);
  if (process == NULL)
    return NULL;
  if (!g_subprocess_communicate_utf8 (process, NULL, NULL, &out, NULL, error))
    return NULL;
  if (!g_subprocess_get_successful (process))
    {
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_FAILED,
                   "node %s failed (its messages are above)", script);
      return NULL;
    }
  return g_steal_pointer (&out);
}
