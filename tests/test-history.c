/* test-history.c: the versions of a document kept beside the store
 * SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <glib/gstdio.h>
#include <signal.h>
#include <string.h>
#include <sys/wait.h>
#include <unistd.h>

#include "hlg-history.h"
#include "hlg-id.h"
#include "hlg-store.h"

#include "test-util.h"

typedef struct
{
  char       *dir;
  HlgStore   *store;
  HlgHistory *history;
  GDateTime  *now;
} Fixture;

static GDateTime *
fixture_clock (gpointer data)
{
  Fixture *f = data;

  return g_date_time_ref (f->now);
}

static void
advance (Fixture *f,
         int      minutes)
{
  GDateTime *later = g_date_time_add_minutes (f->now, minutes);

  g_date_time_unref (f->now);
  f->now = later;
}

static void
fixture_set_up (Fixture       *f,
                gconstpointer  data)
{
  f->dir = test_util_make_tmp_dir ("hlg-history-XXXXXX");
  f->store = test_util_open_store (f->dir);
  f->history = hlg_history_new (f->store);
  f->now = g_date_time_new_utc (2026, 7, 1, 9, 0, 0);
  hlg_history_set_clock (f->history, fixture_clock, f);
}

static void
fixture_tear_down (Fixture       *f,
                   gconstpointer  data)
{
  g_clear_object (&f->history);
  g_clear_object (&f->store);
  g_clear_pointer (&f->now, g_date_time_unref);
  test_util_remove_tree (f->dir);
  g_clear_pointer (&f->dir, g_free);
}

static HlgDocument *
new_proposal (Fixture    *f,
              const char *title)
{
  HlgDocument *doc = hlg_document_new (HLG_DOC_TYPE_PROPOSAL);
  g_autoptr(GError) error = NULL;

  g_assert_true (hlg_document_set_string (doc, "status", "draft", NULL));
  g_assert_true (hlg_document_set_string (doc, "title", title, NULL));
  g_assert_true (hlg_store_save (f->store, doc, &error));
  g_assert_no_error (error);
  return doc;
}

/* Types @title as a local edit, saved through the store. */
static void
type_title (Fixture     *f,
            HlgDocument *doc,
            const char  *title)
{
  g_autoptr(GError) error = NULL;

  g_assert_true (hlg_document_set_string (doc, "title", title, NULL));
  g_assert_true (hlg_store_save (f->store, doc, &error));
  g_assert_no_error (error);
}

static GListModel *
list (Fixture     *f,
      HlgDocument *doc)
{
  g_autoptr(GError) error = NULL;
  GListModel *model = hlg_history_list (f->history, hlg_document_get_id (doc), &error);

  g_assert_no_error (error);
  g_assert_nonnull (model);
  return model;
}

static const char *
title_at (GListModel *model,
          guint       position)
{
  g_autoptr(HlgHistoryEntry) entry = g_list_model_get_item (model, position);

  g_assert_nonnull (entry);
  return json_object_get_string_member (hlg_history_entry_get_doc (entry), "title");
}

static HlgHistoryOrigin
origin_at (GListModel *model,
           guint       position)
{
  g_autoptr(HlgHistoryEntry) entry = g_list_model_get_item (model, position);

  return hlg_history_entry_get_origin (entry);
}

/* A server version of @doc with @title at @rev, recorded as the pull would. */
static void
pull_title (Fixture     *f,
            HlgDocument *doc,
            const char  *title,
            const char  *rev)
{
  g_autoptr(JsonObject) object = hlg_document_dup_object (doc);
  g_autoptr(GError) error = NULL;

  json_object_set_string_member (object, "title", title);
  json_object_set_string_member (object, "_rev", rev);
  g_assert_true (hlg_history_record (f->history, hlg_document_get_id (doc), object,
                                     HLG_HISTORY_ORIGIN_SERVER, rev, NULL, &error));
  g_assert_no_error (error);
}

static char *
history_file (Fixture     *f,
              HlgDocument *doc)
{
  g_autofree char *name = g_strconcat (hlg_document_get_id (doc), ".jsonl", NULL);

  return g_build_filename (f->dir, "history", name, NULL);
}

static void
test_local_saves_coalesce (Fixture       *f,
                           gconstpointer  data)
{
  g_autoptr(HlgDocument) doc = new_proposal (f, "A");
  g_autoptr(GListModel) model = NULL;
  g_autoptr(HlgHistoryEntry) newest = NULL;

  /* Typing, saved every second for nine minutes: one version. */
  for (int i = 0; i < 9; i++)
    {
      g_autofree char *title = g_strdup_printf ("A%d", i);

      advance (f, 1);
      type_title (f, doc, title);
    }
  model = list (f, doc);
  g_assert_cmpuint (g_list_model_get_n_items (model), ==, 1);
  g_assert_cmpstr (title_at (model, 0), ==, "A8");
  g_clear_object (&model);

  /* Ten minutes after the run began, the next save starts a new version. */
  advance (f, 1);
  type_title (f, doc, "B");
  model = list (f, doc);
  g_assert_cmpuint (g_list_model_get_n_items (model), ==, 2);
  g_assert_cmpstr (title_at (model, 0), ==, "B");
  g_assert_cmpstr (title_at (model, 1), ==, "A8");
  newest = g_list_model_get_item (model, 0);
  g_assert_true (g_date_time_equal (hlg_history_entry_get_at (newest), f->now));
  g_assert_cmpint (hlg_history_entry_get_origin (newest), ==, HLG_HISTORY_ORIGIN_LOCAL);
  g_assert_null (hlg_history_entry_get_rev (newest));
  g_clear_object (&model);

  /* A server version in between: the next local save is a version of its own. */
  pull_title (f, doc, "Theirs", "2-aaaa");
  advance (f, 1);
  type_title (f, doc, "C");
  model = list (f, doc);
  g_assert_cmpuint (g_list_model_get_n_items (model), ==, 4);
  g_assert_cmpstr (title_at (model, 0), ==, "C");
  g_assert_cmpstr (title_at (model, 1), ==, "Theirs");
  g_assert_cmpint (origin_at (model, 1), ==, HLG_HISTORY_ORIGIN_SERVER);
  g_assert_cmpstr (title_at (model, 2), ==, "B");

  /* Read back by a new history object, from the file alone. */
  {
    g_autoptr(HlgHistory) again = hlg_history_new (f->store);
    g_autoptr(GListModel) reread = hlg_history_list (again, hlg_document_get_id (doc), NULL);

    g_assert_cmpuint (g_list_model_get_n_items (reread), ==, 4);
    g_assert_cmpstr (title_at (reread, 3), ==, "A8");
  }
}

static void
test_server_versions (Fixture       *f,
                      gconstpointer  data)
{
  g_autoptr(HlgDocument) doc = new_proposal (f, "Mine");
  g_autoptr(GListModel) model = NULL;
  g_autoptr(HlgHistoryEntry) entry = NULL;

  /* Each revision once, one after the other, never coalesced. */
  pull_title (f, doc, "One", "1-aaaa");
  pull_title (f, doc, "Two", "2-bbbb");
  pull_title (f, doc, "Two", "2-bbbb");
  pull_title (f, doc, "One", "1-aaaa");
  model = list (f, doc);
  g_assert_cmpuint (g_list_model_get_n_items (model), ==, 3);
  g_assert_cmpstr (title_at (model, 0), ==, "Two");
  g_assert_cmpstr (title_at (model, 1), ==, "One");
  g_assert_cmpstr (title_at (model, 2), ==, "Mine");
  entry = g_list_model_get_item (model, 0);
  g_assert_cmpstr (hlg_history_entry_get_rev (entry), ==, "2-bbbb");
  g_assert_cmpint (hlg_history_entry_get_origin (entry), ==, HLG_HISTORY_ORIGIN_SERVER);
  g_clear_object (&model);

  /* A new revision with the same content as the last version is no new version. */
  pull_title (f, doc, "Two", "3-cccc");
  model = list (f, doc);
  g_assert_cmpuint (g_list_model_get_n_items (model), ==, 3);
  g_clear_object (&model);

  /* Nor is a local save that changed nothing. */
  advance (f, 30);
  g_assert_true (hlg_document_set_string (doc, "title", "Two", NULL));
  type_title (f, doc, "Two");
  model = list (f, doc);
  g_assert_cmpuint (g_list_model_get_n_items (model), ==, 3);
}

static void
test_torn_last_line (Fixture       *f,
                     gconstpointer  data)
{
  g_autoptr(HlgDocument) doc = new_proposal (f, "First");
  g_autofree char *path = history_file (f, doc);
  g_autofree char *contents = NULL;
  g_autoptr(GListModel) model = NULL;
  g_autoptr(GString) torn = NULL;
  gsize length;

  advance (f, 20);
  type_title (f, doc, "Second");
  g_assert_true (g_file_get_contents (path, &contents, &length, NULL));

  /* A kill during a write: half a line at the end. */
  torn = g_string_new_len (contents, length);
  g_string_append_len (torn, contents, length / 3);
  g_assert_true (g_file_set_contents (path, torn->str, torn->len, NULL));

  {
    g_autoptr(HlgHistory) again = hlg_history_new (f->store);

    model = hlg_history_list (again, hlg_document_get_id (doc), NULL);
    g_assert_cmpuint (g_list_model_get_n_items (model), ==, 2);
    g_assert_cmpstr (title_at (model, 0), ==, "Second");
    g_assert_cmpstr (title_at (model, 1), ==, "First");
    g_clear_object (&model);

    /* The next version replaces the torn piece and the file reads whole. */
    hlg_history_set_clock (again, fixture_clock, f);
    g_clear_object (&f->history);
    advance (f, 20);
    type_title (f, doc, "Third");
    model = hlg_history_list (again, hlg_document_get_id (doc), NULL);
    g_assert_cmpuint (g_list_model_get_n_items (model), ==, 3);
    g_assert_cmpstr (title_at (model, 0), ==, "Third");
  }
  g_clear_pointer (&contents, g_free);
  g_assert_true (g_file_get_contents (path, &contents, &length, NULL));
  g_assert_cmpuint (length, >, 0);
  g_assert_cmpint (contents[length - 1], ==, '\n');
}

static void
test_unreadable_file (Fixture       *f,
                      gconstpointer  data)
{
  g_autoptr(HlgDocument) doc = new_proposal (f, "First");
  g_autofree char *path = history_file (f, doc);
  g_autoptr(HlgHistory) again = NULL;
  g_autoptr(GListModel) model = NULL;
  g_autoptr(GError) error = NULL;

  /* A folder where the file should be: reported, and left in place. */
  g_assert_cmpint (g_unlink (path), ==, 0);
  g_assert_cmpint (g_mkdir (path, 0700), ==, 0);
  again = hlg_history_new (f->store);
  model = hlg_history_list (again, hlg_document_get_id (doc), &error);
  g_assert_null (model);
  g_assert_error (error, HLG_HISTORY_ERROR, HLG_HISTORY_ERROR_IO);
  g_clear_error (&error);
  g_assert_false (hlg_history_record (again, hlg_document_get_id (doc),
                                      hlg_document_get_object (doc), HLG_HISTORY_ORIGIN_LOCAL,
                                      NULL, NULL, &error));
  g_assert_error (error, HLG_HISTORY_ERROR, HLG_HISTORY_ERROR_IO);
  g_assert_true (g_file_test (path, G_FILE_TEST_IS_DIR));
}

static void
test_cap (Fixture       *f,
          gconstpointer  data)
{
  g_autoptr(HlgDocument) doc = new_proposal (f, "v0");
  g_autoptr(GListModel) model = NULL;
  guint n_server = 0;

  hlg_history_set_max_entries (f->history, 20);
  /* Versions 1-5 from the server, then local ones far apart. */
  for (int i = 1; i <= 5; i++)
    {
      g_autofree char *title = g_strdup_printf ("s%d", i);
      g_autofree char *rev = g_strdup_printf ("%d-abcd", i);

      pull_title (f, doc, title, rev);
    }
  for (int i = 1; i <= 16; i++)
    {
      g_autofree char *title = g_strdup_printf ("v%d", i);

      advance (f, 15);
      type_title (f, doc, title);
    }

  /* The 21st version (v15) went over the cap: 18 were kept, the oldest
   * local ones (v0, v1, v2) gone first, the server's all kept; then v16. */
  model = list (f, doc);
  g_assert_cmpuint (g_list_model_get_n_items (model), ==, 19);
  g_assert_cmpstr (title_at (model, 0), ==, "v16");
  for (guint i = 0; i < g_list_model_get_n_items (model); i++)
    n_server += origin_at (model, i) == HLG_HISTORY_ORIGIN_SERVER;
  g_assert_cmpuint (n_server, ==, 5);
  g_assert_cmpstr (title_at (model, 13), ==, "v3");
  g_assert_cmpstr (title_at (model, 14), ==, "s5");
  g_assert_cmpstr (title_at (model, 18), ==, "s1");
  g_clear_object (&model);

  /* The cap holds as versions keep coming. */
  for (int i = 17; i <= 60; i++)
    {
      g_autofree char *title = g_strdup_printf ("v%d", i);

      advance (f, 15);
      type_title (f, doc, title);
      g_clear_object (&model);
      model = list (f, doc);
      g_assert_cmpuint (g_list_model_get_n_items (model), <=, 20);
    }
  g_assert_cmpstr (title_at (model, 0), ==, "v60");
}

static void
test_bad_id (Fixture       *f,
             gconstpointer  data)
{
  static const char * const bad[] = {
    "../proposal:x", "proposal:../../etc", "proposal/0", "", "nothing:123",
  };
  g_autoptr(JsonObject) object = json_object_new ();

  for (guint i = 0; i < G_N_ELEMENTS (bad); i++)
    {
      g_autoptr(GError) error = NULL;
      g_autoptr(GListModel) model = NULL;

      json_object_set_string_member (object, "_id", bad[i]);
      g_assert_false (hlg_history_record (f->history, bad[i], object, HLG_HISTORY_ORIGIN_LOCAL,
                                          NULL, NULL, &error));
      g_assert_error (error, HLG_HISTORY_ERROR, HLG_HISTORY_ERROR_INVALID);
      g_clear_error (&error);
      model = hlg_history_list (f->history, bad[i], &error);
      g_assert_null (model);
      g_assert_error (error, HLG_HISTORY_ERROR, HLG_HISTORY_ERROR_INVALID);
    }

  /* Nothing was written anywhere. */
  {
    g_autofree char *dir = g_build_filename (f->dir, "history", NULL);

    g_assert_false (g_file_test (dir, G_FILE_TEST_EXISTS));
  }

  /* A version of another document is refused too. */
  {
    g_autofree char *id = hlg_id_new (HLG_DOC_TYPE_PROPOSAL);
    g_autofree char *other = hlg_id_new (HLG_DOC_TYPE_PROPOSAL);
    g_autoptr(GError) error = NULL;

    json_object_set_string_member (object, "_id", other);
    g_assert_false (hlg_history_record (f->history, id, object, HLG_HISTORY_ORIGIN_LOCAL,
                                        NULL, NULL, &error));
    g_assert_error (error, HLG_HISTORY_ERROR, HLG_HISTORY_ERROR_INVALID);
  }
}

static void
test_restore (Fixture       *f,
              gconstpointer  data)
{
  static const char * const keep[] = { "status", NULL };
  g_autoptr(HlgDocument) doc = new_proposal (f, "Old title");
  g_autofree char *id = g_strdup (hlg_document_get_id (doc));
  g_autoptr(GListModel) model = NULL;
  g_autoptr(HlgHistoryEntry) old = NULL;
  g_autoptr(GPtrArray) pushed = g_ptr_array_new_with_free_func ((GDestroyNotify) hlg_pushed_free);
  g_autoptr(GError) error = NULL;

  /* Pushed as revision 1; then changed here a while later. */
  g_ptr_array_add (pushed, hlg_pushed_new (id, "1-aaaa", hlg_store_dup_for_push (f->store, id)));
  g_assert_true (hlg_store_mark_pushed (f->store, pushed, &error));
  g_assert_no_error (error);
  g_assert_false (hlg_store_has_local_changes (f->store, id));
  advance (f, 11);
  g_assert_true (hlg_document_set_string (doc, "summary", "New summary", NULL));
  g_assert_true (hlg_document_set_string (doc, "status", "revised", NULL));
  type_title (f, doc, "New title");

  model = list (f, doc);
  g_assert_cmpuint (g_list_model_get_n_items (model), ==, 2);
  old = g_list_model_get_item (model, 1);
  g_assert_cmpstr (json_object_get_string_member (hlg_history_entry_get_doc (old), "title"), ==,
                   "Old title");
  g_clear_object (&model);

  /* A minute later, within the run of "New title": restored all the same. */
  advance (f, 1);
  g_assert_true (hlg_history_restore (f->history, doc, old, keep, &error));
  g_assert_no_error (error);

  /* The old content, as a local change on top of the current revision,
   * with the fields asked to stay as they are. */
  g_assert_cmpstr (hlg_document_get_string (doc, "title"), ==, "Old title");
  g_assert_null (hlg_document_get_string (doc, "summary"));
  g_assert_cmpstr (hlg_document_get_string (doc, "status"), ==, "revised");
  g_assert_true (hlg_store_has_local_changes (f->store, id));
  {
    g_autoptr(JsonObject) body = hlg_store_dup_for_push (f->store, id);

    g_assert_cmpstr (json_object_get_string_member (body, "_rev"), ==, "1-aaaa");
    g_assert_cmpstr (json_object_get_string_member (body, "title"), ==, "Old title");
  }
  {
    g_autoptr(HlgStore) fresh = test_util_open_store (f->dir);

    g_assert_cmpstr (hlg_document_get_string (hlg_store_lookup (fresh, id), "title"), ==,
                     "Old title");
  }

  /* The version it replaced stays, and the restore is a version too. */
  model = list (f, doc);
  g_assert_cmpuint (g_list_model_get_n_items (model), ==, 3);
  g_assert_cmpstr (title_at (model, 0), ==, "Old title");
  g_assert_cmpstr (title_at (model, 1), ==, "New title");
  g_assert_cmpstr (title_at (model, 2), ==, "Old title");
}

static void
test_restore_refused (Fixture       *f,
                      gconstpointer  data)
{
  g_autoptr(HlgDocument) doc = new_proposal (f, "Mine");
  g_autoptr(HlgDocument) other = new_proposal (f, "Other");
  g_autoptr(GListModel) model = list (f, other);
  g_autoptr(HlgHistoryEntry) entry = g_list_model_get_item (model, 0);
  g_autoptr(GError) error = NULL;

  /* A version of another document never lands in this one. */
  g_assert_false (hlg_history_restore (f->history, doc, entry, NULL, &error));
  g_assert_error (error, HLG_HISTORY_ERROR, HLG_HISTORY_ERROR_INVALID);
  g_assert_cmpstr (hlg_document_get_string (doc, "title"), ==, "Mine");
}

/* The child of test_killed: keeps a version a record, as fast as it can,
 * each with a text of another length, and says which after each one. */
G_GNUC_NORETURN static void
record_until_killed (Fixture    *f,
                     const char *id,
                     guint       round,
                     int         ack_fd)
{
  g_autofree char *padding = g_strnfill (16384, 'x');
  g_autoptr(JsonObject) object = json_object_new ();

  json_object_set_string_member (object, "_id", id);
  json_object_set_string_member (object, "type", "proposal");
  json_object_set_int_member (object, "schema", 1);
  for (guint32 counter = 1;; counter++)
    {
      /* Titles differ from round to round: a version the same as the
       * last one would rightly not be kept again. */
      g_autofree char *title = g_strdup_printf ("%u-%u", round, counter);

      advance (f, 11);
      json_object_set_string_member (object, "title", title);
      json_object_set_string_member (object, "summary", padding + (counter * 7919) % 16384);
      if (!hlg_history_record (f->history, id, object, HLG_HISTORY_ORIGIN_LOCAL, NULL, NULL, NULL) ||
          write (ack_fd, &counter, sizeof counter) != sizeof counter)
        _exit (3);
    }
}

/* Killed at random moments while keeping versions: every version it was
 * told was kept is there, in order, and the file reads. */
static void
test_killed (Fixture       *f,
             gconstpointer  data)
{
  g_autofree char *id = hlg_id_new (HLG_DOC_TYPE_PROPOSAL);
  g_autoptr(GRand) rand = g_rand_new_with_seed (g_test_rand_int ());

  hlg_history_set_max_entries (f->history, 1000000);
  for (guint kill_no = 0; kill_no < 20; kill_no++)
    {
      g_autoptr(HlgHistory) reader = hlg_history_new (f->store);
      g_autoptr(GListModel) model = NULL;
      guint32 acked = 0, counter;
      guint wanted = g_rand_int_range (rand, 1, 40);
      guint n_before;
      int fds[2];
      int status;
      pid_t pid;

      model = hlg_history_list (reader, id, NULL);
      n_before = g_list_model_get_n_items (model);
      g_clear_object (&model);

      g_assert_cmpint (pipe (fds), ==, 0);
      pid = fork ();
      g_assert_cmpint (pid, >=, 0);
      if (pid == 0)
        {
          close (fds[0]);
          record_until_killed (f, id, kill_no, fds[1]);
        }
      close (fds[1]);
      for (guint i = 0; i < wanted && read (fds[0], &counter, sizeof counter) == sizeof counter; i++)
        acked = counter;
      g_usleep (g_rand_int_range (rand, 0, 2000));
      kill (pid, SIGKILL);
      while (read (fds[0], &counter, sizeof counter) == sizeof counter)
        acked = counter;
      close (fds[0]);
      g_assert_cmpint (waitpid (pid, &status, 0), ==, pid);
      g_assert_true (WIFSIGNALED (status));
      /* The children's clocks start at this one: move it past theirs, or the
       * next child's first version would rightly replace the last one. */
      advance (f, 11 * (acked + 2));

      /* Read by a fresh history: all earlier versions, then 1..acked (or one more). */
      model = hlg_history_list (reader, id, NULL);
      g_assert_nonnull (model);
      g_assert_cmpuint (g_list_model_get_n_items (model), >=, n_before + acked);
      g_assert_cmpuint (g_list_model_get_n_items (model), <=, n_before + acked + 1);
      for (guint32 c = 1; c <= acked; c++)
        {
          g_autofree char *title = g_strdup_printf ("%u-%u", kill_no, c);

          g_assert_cmpstr (title_at (model, g_list_model_get_n_items (model) - n_before - c), ==,
                           title);
        }
    }
}

/* One page from the server: @id at @rev with @title. */
static void
apply_page (Fixture    *f,
            const char *id,
            const char *rev,
            const char *title)
{
  g_autoptr(GPtrArray) page = g_ptr_array_new_with_free_func ((GDestroyNotify) hlg_remote_change_free);
  g_autoptr(JsonObject) doc = json_object_new ();
  g_autoptr(GError) error = NULL;

  json_object_set_string_member (doc, "_id", id);
  json_object_set_string_member (doc, "_rev", rev);
  json_object_set_string_member (doc, "type", "proposal");
  json_object_set_int_member (doc, "schema", 1);
  json_object_set_string_member (doc, "status", "submitted");
  json_object_set_string_member (doc, "title", title);
  g_ptr_array_add (page, hlg_remote_change_new (id, rev, doc, FALSE));
  g_assert_true (hlg_store_apply_remote_page (f->store, page, rev, NULL, &error));
  g_assert_no_error (error);
}

/* The store's pulls feed the history: a document first seen writes none;
 * when it changes, the version it had and the new one are kept. */
static void
test_pulled_versions (Fixture       *f,
                      gconstpointer  data)
{
  const char *id = "proposal:5b7f0e52-3a43-4a8e-9c3f-1d2e3f4a5b6c";
  g_autoptr(GListModel) model = NULL;
  g_autoptr(HlgHistoryEntry) newest = NULL;
  g_autoptr(GError) error = NULL;

  apply_page (f, id, "1-aaaa", "First");
  model = hlg_history_list (f->history, id, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (g_list_model_get_n_items (model), ==, 0);
  g_clear_object (&model);

  apply_page (f, id, "2-bbbb", "Second");
  apply_page (f, id, "3-cccc", "Third");
  model = hlg_history_list (f->history, id, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (g_list_model_get_n_items (model), ==, 3);
  g_assert_cmpstr (title_at (model, 0), ==, "Third");
  g_assert_cmpstr (title_at (model, 1), ==, "Second");
  g_assert_cmpstr (title_at (model, 2), ==, "First");
  newest = g_list_model_get_item (model, 0);
  g_assert_cmpstr (hlg_history_entry_get_rev (newest), ==, "3-cccc");
  g_assert_cmpint (origin_at (model, 2), ==, HLG_HISTORY_ORIGIN_SERVER);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add ("/history/local-saves-coalesce", Fixture, NULL, fixture_set_up,
              test_local_saves_coalesce, fixture_tear_down);
  g_test_add ("/history/server-versions", Fixture, NULL, fixture_set_up, test_server_versions,
              fixture_tear_down);
  g_test_add ("/history/torn-last-line", Fixture, NULL, fixture_set_up, test_torn_last_line,
              fixture_tear_down);
  g_test_add ("/history/unreadable-file", Fixture, NULL, fixture_set_up, test_unreadable_file,
              fixture_tear_down);
  g_test_add ("/history/cap", Fixture, NULL, fixture_set_up, test_cap, fixture_tear_down);
  g_test_add ("/history/bad-id", Fixture, NULL, fixture_set_up, test_bad_id, fixture_tear_down);
  g_test_add ("/history/restore", Fixture, NULL, fixture_set_up, test_restore,
              fixture_tear_down);
  g_test_add ("/history/killed", Fixture, NULL, fixture_set_up, test_killed, fixture_tear_down);
  g_test_add ("/history/pulled-versions", Fixture, NULL, fixture_set_up, test_pulled_versions,
              fixture_tear_down);
  g_test_add ("/history/restore-refused", Fixture, NULL, fixture_set_up, test_restore_refused,
              fixture_tear_down);

  return g_test_run ();
}
