/* test-store.c: the local store keeps every document, and every bad file aside
 * SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <glib/gstdio.h>

#include "hlg-id.h"
#include "hlg-store.h"

#include "test-util.h"

typedef TestUtilDir Fixture;

static HlgStore *
open_store (Fixture *f)
{
  return test_util_open_store (f->dir);
}

static HlgDocument *
new_organisation (const char *name)
{
  HlgDocument *doc = hlg_document_new (HLG_DOC_TYPE_ORGANISATION);

  g_assert_true (hlg_document_set_string (doc, "name", name, NULL));
  return doc;
}

static void
on_items_changed_cb (GListModel *model,
                     guint       position,
                     guint       removed,
                     guint       added,
                     guint      *n_signals)
{
  (*n_signals)++;
}

static void
test_store_save_and_reload (Fixture       *f,
                            gconstpointer  data)
{
  g_autoptr(HlgStore) store = open_store (f);
  g_autoptr(HlgStore) again = NULL;
  g_autoptr(HlgDocument) doc = new_organisation ("Statistics Netherlands");
  g_autoptr(GError) error = NULL;
  GListModel *model = hlg_store_get_model (store, HLG_DOC_TYPE_ORGANISATION);
  HlgDocument *loaded;
  g_autoptr(HlgDocument) first = NULL;
  guint n_signals = 0;

  g_assert_cmpuint (g_list_model_get_n_items (model), ==, 0);
  g_assert_true (hlg_store_save (store, doc, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (g_list_model_get_n_items (model), ==, 1);
  g_assert_true (hlg_store_lookup (store, hlg_document_get_id (doc)) == doc);
  g_assert_true (hlg_store_has_local_changes (store, hlg_document_get_id (doc)));
  g_assert_cmpuint (hlg_store_get_n_pending (store), ==, 1);

  /* Saving again updates in place: still one item, the same object, and
   * lists hear that it changed. */
  g_signal_connect (model, "items-changed", G_CALLBACK (on_items_changed_cb), &n_signals);
  g_assert_true (hlg_document_set_string (doc, "country", "Netherlands", NULL));
  g_assert_true (hlg_store_save (store, doc, NULL));
  g_assert_cmpuint (g_list_model_get_n_items (model), ==, 1);
  g_assert_cmpuint (n_signals, ==, 1);
  first = g_list_model_get_item (model, 0);
  g_assert_true (first == doc);
  g_assert_cmpuint (hlg_store_get_n_pending (store), ==, 1);

  again = open_store (f);
  loaded = hlg_store_lookup (again, hlg_document_get_id (doc));
  g_assert_nonnull (loaded);
  g_assert_cmpstr (hlg_document_get_string (loaded, "country"), ==, "Netherlands");
  g_assert_true (hlg_store_has_local_changes (again, hlg_document_get_id (doc)));
  g_assert_cmpuint (hlg_store_get_n_documents (again), ==, 1);
  g_assert_cmpuint (hlg_store_get_quarantined (again)->len, ==, 0);
}

static void
write_file (Fixture    *f,
            const char *name,
            const char *contents,
            gssize      length)
{
  g_autofree char *docs = g_build_filename (f->dir, "documents", NULL);
  g_autofree char *path = g_build_filename (docs, name, NULL);

  g_assert_cmpint (g_mkdir_with_parents (docs, 0700), ==, 0);
  g_assert_true (g_file_set_contents (path, contents, length, NULL));
}

static void
test_store_quarantine (Fixture       *f,
                       gconstpointer  data)
{
  g_autoptr(HlgStore) store = NULL;
  g_autoptr(HlgDocument) good = new_organisation ("ISTAT");
  g_autofree char *good_id = g_strdup (hlg_document_get_id (good));
  g_autofree char *mismatch = NULL;
  GPtrArray *quarantined;
  const char invalid_utf8[] = "{\"doc\": {\"_id\": \"organisation:11111111-1111-4111-8111-111111111111\","
                              " \"type\": \"organisation\", \"schema\": 1, \"name\": \"\xff\xfe\"}}";

  {
    g_autoptr(HlgStore) first = open_store (f);

    g_assert_true (hlg_store_save (first, good, NULL));
  }

  write_file (f, "organisation:22222222-2222-4222-8222-222222222222.json", "{\"doc\": {", -1);
  write_file (f, "organisation:33333333-3333-4333-8333-333333333333.json", "[1, 2]", -1);
  write_file (f, "notes.txt", "hello", -1);
  write_file (f, "organisation:44444444-4444-4444-8444-444444444444.json",
              "{\"doc\": {\"_id\": \"organisation:../../etc\", \"type\": \"organisation\", \"schema\": 1}}", -1);
  mismatch = g_strdup_printf ("{\"doc\": {\"_id\": \"%s\", \"type\": \"organisation\", \"schema\": 1, "
                              "\"name\": \"Copy\"}}", good_id);
  write_file (f, "organisation:55555555-5555-4555-8555-555555555555.json", mismatch, -1);
  write_file (f, "organisation:11111111-1111-4111-8111-111111111111.json", invalid_utf8, -1);
  /* An interrupted write is not a document: it goes, quietly. */
  write_file (f, "organisation:66666666-6666-4666-8666-666666666666.json.AB12CD", "{\"do", -1);

  store = open_store (f);
  quarantined = hlg_store_get_quarantined (store);
  g_assert_cmpuint (quarantined->len, ==, 6);
  g_assert_cmpuint (hlg_store_get_n_documents (store), ==, 1);
  g_assert_nonnull (hlg_store_lookup (store, good_id));
  g_assert_cmpstr (hlg_document_get_string (hlg_store_lookup (store, good_id), "name"), ==, "ISTAT");

  for (guint i = 0; i < quarantined->len; i++)
    {
      HlgQuarantined *q = g_ptr_array_index (quarantined, i);
      g_autofree char *reason_file = g_strconcat (q->file, ".reason.txt", NULL);

      g_assert_true (g_file_test (q->file, G_FILE_TEST_IS_REGULAR));
      g_assert_true (g_str_has_prefix (q->file, f->dir));
      g_assert_nonnull (g_strstr_len (q->file, -1, "/quarantine/"));
      g_assert_true (g_file_test (reason_file, G_FILE_TEST_IS_REGULAR));
      g_assert_cmpstr (q->reason, !=, "");
    }

  {
    g_autofree char *leftover = g_build_filename (f->dir, "documents",
                                                  "organisation:66666666-6666-4666-8666-666666666666.json.AB12CD",
                                                  NULL);
    g_autoptr(HlgStore) third = NULL;

    g_assert_false (g_file_test (leftover, G_FILE_TEST_EXISTS));
    /* Quarantined files are gone from documents/: the next load is clean. */
    third = open_store (f);
    g_assert_cmpuint (hlg_store_get_quarantined (third)->len, ==, 0);
    g_assert_cmpuint (hlg_store_get_n_documents (third), ==, 1);
  }
}

static void
test_store_refuses_bad_ids (Fixture       *f,
                            gconstpointer  data)
{
  g_autoptr(HlgStore) store = open_store (f);

  g_assert_null (hlg_store_lookup (store, "../../etc/passwd"));
  g_assert_null (hlg_store_lookup (store, ""));
  g_assert_null (hlg_store_lookup (store, NULL));
  g_assert_false (hlg_store_delete (store, "organisation:/etc", NULL));
}

static void
test_store_delete (Fixture       *f,
                   gconstpointer  data)
{
  g_autoptr(HlgStore) store = open_store (f);
  g_autoptr(HlgStore) again = NULL;
  g_autoptr(HlgDocument) doc = new_organisation ("Statistics Poland");
  g_autoptr(GError) error = NULL;

  g_assert_true (hlg_store_save (store, doc, NULL));
  g_assert_true (hlg_store_delete (store, hlg_document_get_id (doc), &error));
  g_assert_no_error (error);
  g_assert_cmpuint (g_list_model_get_n_items (hlg_store_get_model (store, HLG_DOC_TYPE_ORGANISATION)), ==, 0);
  g_assert_cmpuint (hlg_store_get_n_pending (store), ==, 0);
  g_assert_false (hlg_store_delete (store, hlg_document_get_id (doc), &error) );

  again = open_store (f);
  g_assert_cmpuint (hlg_store_get_n_documents (again), ==, 0);
}

static void
on_loaded_cb (GObject      *object,
              GAsyncResult *result,
              gpointer      user_data)
{
  gboolean *done = user_data;
  g_autoptr(GError) error = NULL;

  g_assert_true (hlg_store_load_finish (HLG_STORE (object), result, &error));
  g_assert_no_error (error);
  *done = TRUE;
}

static void
test_store_load_async (Fixture       *f,
                       gconstpointer  data)
{
  g_autoptr(HlgStore) store = NULL;
  gboolean done = FALSE;
  guint n_signals = 0;

  {
    g_autoptr(HlgStore) first = open_store (f);

    for (guint i = 0; i < 1000; i++)
      {
        g_autoptr(HlgDocument) doc = new_organisation ("Office");

        g_assert_true (hlg_store_save (first, doc, NULL));
      }
  }

  store = hlg_store_new (f->dir);
  g_signal_connect (hlg_store_get_model (store, HLG_DOC_TYPE_ORGANISATION), "items-changed",
                    G_CALLBACK (on_items_changed_cb), &n_signals);
  hlg_store_load_async (store, NULL, on_loaded_cb, &done);
  g_assert_false (hlg_store_is_loaded (store));
  while (!done)
    g_main_context_iteration (NULL, TRUE);

  g_assert_true (hlg_store_is_loaded (store));
  g_assert_cmpuint (hlg_store_get_n_documents (store), ==, 1000);
  /* Loaded in batches: the list grew several times, not once at the end. */
  g_assert_cmpuint (n_signals, >, 1);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add ("/store/save-and-reload", Fixture, NULL, test_util_dir_set_up, test_store_save_and_reload, test_util_dir_tear_down);
  g_test_add ("/store/quarantine", Fixture, NULL, test_util_dir_set_up, test_store_quarantine, test_util_dir_tear_down);
  g_test_add ("/store/refuses-bad-ids", Fixture, NULL, test_util_dir_set_up, test_store_refuses_bad_ids, test_util_dir_tear_down);
  g_test_add ("/store/delete", Fixture, NULL, test_util_dir_set_up, test_store_delete, test_util_dir_tear_down);
  g_test_add ("/store/load-async", Fixture, NULL, test_util_dir_set_up, test_store_load_async, test_util_dir_tear_down);

  return g_test_run ();
}
