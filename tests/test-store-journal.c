/* test-store-journal.c: large pages written as one journal, split into
 * document files later, and read back when they were not
 * SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <glib/gstdio.h>
#include <string.h>

#include "hlg-store.h"

#include "test-util.h"

#define N_DOCS 100

typedef TestUtilDir Fixture;

static char *
org_id (guint i)
{
  return g_strdup_printf ("organisation:00000000-0000-4000-8000-%012u", i);
}

static JsonObject *
org (const char *id,
     const char *rev,
     const char *name)
{
  JsonObject *object = json_object_new ();

  json_object_set_string_member (object, "_id", id);
  json_object_set_string_member (object, "_rev", rev);
  json_object_set_string_member (object, "type", "organisation");
  json_object_set_int_member (object, "schema", 1);
  json_object_set_string_member (object, "name", name);
  return object;
}

/* One page: organisations @first .. @first + @n - 1, all at @rev and
 * named @name; a NULL @name deletes them. */
static void
pull_page (HlgStore   *store,
           guint       first,
           guint       n,
           const char *rev,
           const char *name,
           const char *seq)
{
  g_autoptr(GPtrArray) page = g_ptr_array_new_with_free_func ((GDestroyNotify) hlg_remote_change_free);
  g_autoptr(GError) error = NULL;

  for (guint i = first; i < first + n; i++)
    {
      g_autofree char *id = org_id (i);
      g_autoptr(JsonObject) doc = name != NULL ? org (id, rev, name) : NULL;

      g_ptr_array_add (page, hlg_remote_change_new (id, rev, doc, doc == NULL));
    }
  g_assert_true (hlg_store_apply_remote_page (store, page, seq, NULL, &error));
  g_assert_no_error (error);
}

static guint
count_files (const char *dir,
             const char *sub,
             const char *suffix)
{
  g_autofree char *path = g_build_filename (dir, sub, NULL);
  g_autoptr(GDir) gdir = g_dir_open (path, 0, NULL);
  const char *name;
  guint n = 0;

  while (gdir != NULL && (name = g_dir_read_name (gdir)) != NULL)
    if (g_str_has_suffix (name, suffix))
      n++;
  return n;
}

/* Every organisation 0 .. N_DOCS - 1 is there, named @name at @rev. */
static void
assert_all (HlgStore   *store,
            const char *name,
            const char *rev)
{
  g_assert_cmpuint (hlg_store_get_n_documents (store), ==, N_DOCS);
  for (guint i = 0; i < N_DOCS; i++)
    {
      g_autofree char *id = org_id (i);
      HlgDocument *doc = hlg_store_lookup (store, id);

      g_assert_nonnull (doc);
      g_assert_cmpstr (hlg_document_get_string (doc, "name"), ==, name);
      g_assert_cmpstr (hlg_store_get_server_rev (store, id), ==, rev);
    }
}

static HlgStore *
reopen (Fixture *f)
{
  HlgStore *store = test_util_open_store (f->dir);

  g_assert_cmpuint (hlg_store_get_quarantined (store)->len, ==, 0);
  return store;
}

/* A large page is one journal at first, document files once split. */
static void
test_journal_split (Fixture       *f,
                    gconstpointer  data)
{
  g_autoptr(HlgStore) store = reopen (f);
  g_autoptr(HlgStore) again = NULL;

  g_setenv ("HLGMOS_STORE_KEEP_JOURNALS", "1", TRUE);
  pull_page (store, 0, N_DOCS, "1-a", "A", "1");
  g_assert_cmpuint (count_files (f->dir, "journal", ".journal"), ==, 1);
  g_assert_cmpuint (count_files (f->dir, "documents", ".json"), ==, 0);
  g_assert_cmpstr (hlg_store_get_checkpoint (store), ==, "1");
  assert_all (store, "A", "1-a");

  g_unsetenv ("HLGMOS_STORE_KEEP_JOURNALS");
  g_clear_object (&store);
  again = reopen (f);
  assert_all (again, "A", "1-a");
  hlg_store_wait_split (again);
  g_assert_cmpuint (count_files (f->dir, "journal", ".journal"), ==, 0);
  g_assert_cmpuint (count_files (f->dir, "documents", ".json"), ==, N_DOCS);
  g_assert_cmpuint (count_files (f->dir, "documents", ""), ==, N_DOCS);

  g_clear_object (&again);
  again = reopen (f);
  assert_all (again, "A", "1-a");
  g_assert_cmpstr (hlg_store_get_checkpoint (again), ==, "1");
}

/* A journal newer than the files wins over them when it was not split. */
static void
test_journal_newer_than_files (Fixture       *f,
                               gconstpointer  data)
{
  g_autoptr(HlgStore) store = reopen (f);

  pull_page (store, 0, N_DOCS, "1-a", "A", "1");
  hlg_store_wait_split (store);
  g_assert_cmpuint (count_files (f->dir, "documents", ".json"), ==, N_DOCS);

  g_setenv ("HLGMOS_STORE_KEEP_JOURNALS", "1", TRUE);
  pull_page (store, 0, N_DOCS, "2-b", "B", "2");
  assert_all (store, "B", "2-b");
  g_clear_object (&store);

  store = reopen (f);
  assert_all (store, "B", "2-b");
  g_assert_cmpstr (hlg_store_get_checkpoint (store), ==, "2");
  g_assert_cmpuint (hlg_store_get_n_pending (store), ==, 0);
  g_unsetenv ("HLGMOS_STORE_KEEP_JOURNALS");
}

/* A local edit after the journal, same revision: the edit wins, and its
 * base is the journal's version. */
static void
test_journal_local_edit_wins (Fixture       *f,
                              gconstpointer  data)
{
  g_autoptr(HlgStore) store = reopen (f);
  g_autofree char *id = org_id (7);
  g_autoptr(GError) error = NULL;
  g_autoptr(JsonObject) base = NULL;
  HlgDocument *doc;

  g_setenv ("HLGMOS_STORE_KEEP_JOURNALS", "1", TRUE);
  pull_page (store, 0, N_DOCS, "1-a", "A", "1");
  doc = hlg_store_lookup (store, id);
  g_assert_true (hlg_document_set_string (doc, "name", "Mine", &error));
  g_assert_true (hlg_store_save (store, doc, &error));
  g_assert_no_error (error);
  g_clear_object (&store);

  store = reopen (f);
  g_assert_cmpstr (hlg_document_get_string (hlg_store_lookup (store, id), "name"), ==, "Mine");
  g_assert_true (hlg_store_has_local_changes (store, id));
  g_assert_cmpuint (hlg_store_get_n_pending (store), ==, 1);
  base = hlg_store_dup_base (store, id);
  g_assert_nonnull (base);
  g_assert_cmpstr (json_object_get_string_member (base, "name"), ==, "A");

  g_unsetenv ("HLGMOS_STORE_KEEP_JOURNALS");
  g_clear_object (&store);
  store = reopen (f);
  hlg_store_wait_split (store);
  g_clear_object (&store);
  g_setenv ("HLGMOS_STORE_KEEP_JOURNALS", "1", TRUE);
  store = reopen (f);
  g_assert_cmpstr (hlg_document_get_string (hlg_store_lookup (store, id), "name"), ==, "Mine");
  g_assert_true (hlg_store_has_local_changes (store, id));
  g_unsetenv ("HLGMOS_STORE_KEEP_JOURNALS");
}

/* A small page that removes a document a journal holds is a journal too:
 * removing the file alone would bring the journal's copy back. */
static void
test_journal_removal (Fixture       *f,
                      gconstpointer  data)
{
  g_autoptr(HlgStore) store = reopen (f);
  g_autofree char *gone = org_id (3);

  g_setenv ("HLGMOS_STORE_KEEP_JOURNALS", "1", TRUE);
  pull_page (store, 0, N_DOCS, "1-a", "A", "1");
  pull_page (store, 3, 1, "2-d", NULL, "2");
  g_assert_null (hlg_store_lookup (store, gone));
  g_assert_cmpuint (count_files (f->dir, "journal", ".journal"), ==, 2);
  g_clear_object (&store);

  store = reopen (f);
  g_assert_null (hlg_store_lookup (store, gone));
  g_assert_cmpuint (hlg_store_get_n_documents (store), ==, N_DOCS - 1);

  g_unsetenv ("HLGMOS_STORE_KEEP_JOURNALS");
  g_clear_object (&store);
  store = reopen (f);
  hlg_store_wait_split (store);
  g_assert_cmpuint (count_files (f->dir, "documents", ".json"), ==, N_DOCS - 1);
  g_clear_object (&store);
  store = reopen (f);
  g_assert_null (hlg_store_lookup (store, gone));
  g_assert_cmpuint (hlg_store_get_n_documents (store), ==, N_DOCS - 1);
}

/* A damaged journal goes to quarantine, with a reason; the files load. */
static void
test_journal_damaged (Fixture       *f,
                      gconstpointer  data)
{
  g_autoptr(HlgStore) store = reopen (f);
  g_autofree char *journal = NULL;
  g_autofree char *contents = NULL;
  g_autoptr(GDir) gdir = NULL;
  g_autofree char *journal_dir = g_build_filename (f->dir, "journal", NULL);
  GPtrArray *quarantined;
  gsize length;

  pull_page (store, 0, 10, "1-a", "A", "1");
  g_setenv ("HLGMOS_STORE_KEEP_JOURNALS", "1", TRUE);
  pull_page (store, 10, N_DOCS - 10, "1-a", "A", "2");
  g_clear_object (&store);

  gdir = g_dir_open (journal_dir, 0, NULL);
  g_assert_nonnull (gdir);
  journal = g_build_filename (journal_dir, g_dir_read_name (gdir), NULL);
  g_assert_true (g_file_get_contents (journal, &contents, &length, NULL));
  g_assert_true (g_file_set_contents (journal, contents, length / 2, NULL));

  store = test_util_open_store (f->dir);
  quarantined = hlg_store_get_quarantined (store);
  g_assert_cmpuint (quarantined->len, ==, 1);
  g_assert_true (g_str_has_suffix (((HlgQuarantined *) quarantined->pdata[0])->name, ".journal"));
  g_assert_nonnull (strstr (((HlgQuarantined *) quarantined->pdata[0])->reason, "damaged"));
  g_assert_false (g_file_test (journal, G_FILE_TEST_EXISTS));
  g_assert_cmpuint (hlg_store_get_n_documents (store), ==, 10);
  g_unsetenv ("HLGMOS_STORE_KEEP_JOURNALS");
}

/* A large push is one journal too; after it nothing is pending. */
static void
test_journal_push (Fixture       *f,
                   gconstpointer  data)
{
  g_autoptr(HlgStore) store = reopen (f);
  g_autoptr(GPtrArray) pushed = g_ptr_array_new_with_free_func ((GDestroyNotify) hlg_pushed_free);
  g_autoptr(GError) error = NULL;

  g_setenv ("HLGMOS_STORE_KEEP_JOURNALS", "1", TRUE);
  for (guint i = 0; i < N_DOCS; i++)
    {
      g_autofree char *id = org_id (i);
      g_autoptr(JsonObject) object = org (id, "1-a", "Local");
      g_autoptr(HlgDocument) doc = NULL;

      json_object_remove_member (object, "_rev");
      doc = hlg_document_new_from_object (object, &error);
      g_assert_no_error (error);
      g_assert_true (hlg_store_save (store, doc, &error));
      g_ptr_array_add (pushed, hlg_pushed_new (id, "1-p", hlg_document_get_object (doc)));
    }
  g_assert_cmpuint (hlg_store_get_n_pending (store), ==, N_DOCS);
  g_assert_true (hlg_store_mark_pushed (store, pushed, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (hlg_store_get_n_pending (store), ==, 0);
  g_assert_cmpuint (count_files (f->dir, "journal", ".journal"), ==, 1);
  g_clear_object (&store);

  store = reopen (f);
  assert_all (store, "Local", "1-p");
  g_assert_cmpuint (hlg_store_get_n_pending (store), ==, 0);
  g_unsetenv ("HLGMOS_STORE_KEEP_JOURNALS");
}

/* The text of organisation @i as a server sends it: spaces, escapes. */
static char *
org_text (guint i)
{
  g_autofree char *id = org_id (i);

  return g_strdup_printf ("{ \"_id\": \"%s\", \"_rev\": \"1-t\", \"type\": \"organisation\", "
                          "\"schema\": 1, \"name\": \"T\\u00e9xt \\\"%u\\\"\" }", id, i);
}

/* Each document file of organisations @first .. @first + @n - 1 holds
 * the text the server sent, as it was, and its sync state. */
static void
assert_text_files (Fixture *f,
                   guint    first,
                   guint    n)
{
  for (guint i = first; i < first + n; i++)
    {
      g_autofree char *id = org_id (i);
      g_autofree char *name = g_strconcat (id, ".json", NULL);
      g_autofree char *path = g_build_filename (f->dir, "documents", name, NULL);
      g_autofree char *text = org_text (i);
      g_autofree char *expected = g_strdup_printf ("{\"doc\":%s,\"sync\":{\"rev\":\"1-t\","
                                                   "\"local_changes\":false}}", text);
      g_autofree char *contents = NULL;

      g_assert_true (g_file_get_contents (path, &contents, NULL, NULL));
      g_assert_cmpstr (contents, ==, expected);
    }
}

/* Documents pulled as text are written as they came, without a tree: in
 * a journal (a large page) as in files (a small one); the store takes the
 * changes' text rather than copying it. */
static void
test_journal_text_page (Fixture       *f,
                        gconstpointer  data)
{
  g_autoptr(HlgStore) store = reopen (f);
  g_autoptr(GError) error = NULL;
  const guint n_small = 10;

  g_setenv ("HLGMOS_STORE_KEEP_JOURNALS", "1", TRUE);
  for (guint first = 0; first < N_DOCS; first += first == 0 ? n_small : N_DOCS - n_small)
    {
      g_autoptr(GPtrArray) page = g_ptr_array_new_with_free_func ((GDestroyNotify) hlg_remote_change_free);
      guint n = first == 0 ? n_small : N_DOCS - n_small;

      for (guint i = first; i < first + n; i++)
        {
          g_autofree char *id = org_id (i);
          g_autofree char *text = org_text (i);

          g_ptr_array_add (page, hlg_remote_change_new_from_text (id, "1-t", text, strlen (text)));
        }
      g_assert_true (hlg_store_apply_remote_page (store, page, first == 0 ? "1" : "2", NULL, &error));
      g_assert_no_error (error);
      for (guint i = 0; i < page->len; i++)
        g_assert_null (((HlgRemoteChange *) page->pdata[i])->text);
    }
  /* The small page went to files, the large one to a journal. */
  g_assert_cmpuint (count_files (f->dir, "documents", ".json"), ==, n_small);
  g_assert_cmpuint (count_files (f->dir, "journal", ".journal"), ==, 1);
  assert_text_files (f, 0, n_small);

  g_clear_object (&store);
  g_unsetenv ("HLGMOS_STORE_KEEP_JOURNALS");
  store = reopen (f);
  g_assert_cmpuint (hlg_store_get_n_documents (store), ==, N_DOCS);
  hlg_store_wait_split (store);
  g_assert_cmpuint (count_files (f->dir, "journal", ".journal"), ==, 0);
  assert_text_files (f, 0, N_DOCS);

  g_clear_object (&store);
  store = reopen (f);
  for (guint i = 0; i < N_DOCS; i++)
    {
      g_autofree char *id = org_id (i);
      g_autofree char *name = g_strdup_printf ("T\u00e9xt \"%u\"", i);

      g_assert_cmpstr (hlg_document_get_string (hlg_store_lookup (store, id), "name"), ==, name);
      g_assert_cmpstr (hlg_store_get_server_rev (store, id), ==, "1-t");
    }
  g_assert_cmpstr (hlg_store_get_checkpoint (store), ==, "2");
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);
  g_unsetenv ("HLGMOS_STORE_KEEP_JOURNALS");

#define ADD(path, func) \
  g_test_add (path, Fixture, NULL, test_util_dir_set_up, func, test_util_dir_tear_down)
  ADD ("/store-journal/split", test_journal_split);
  ADD ("/store-journal/newer-than-files", test_journal_newer_than_files);
  ADD ("/store-journal/local-edit-wins", test_journal_local_edit_wins);
  ADD ("/store-journal/removal", test_journal_removal);
  ADD ("/store-journal/damaged", test_journal_damaged);
  ADD ("/store-journal/push", test_journal_push);
  ADD ("/store-journal/text-page", test_journal_text_page);
#undef ADD

  return g_test_run ();
}
