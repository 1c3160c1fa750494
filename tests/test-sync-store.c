/* test-sync-store.c: the store's sync-facing API: pages of server changes,
 * merges, conflicts and their resolution, pushes, the checkpoint
 * SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <glib/gstdio.h>
#include <string.h>

#include "hlg-json.h"
#include "hlg-store.h"

#include "test-util.h"

#define ORG1 "organisation:11111111-1111-4111-8111-111111111111"
#define ORG2 "organisation:22222222-2222-4222-8222-222222222222"

typedef TestUtilDir Fixture;

static HlgStore *
open_store (Fixture *f)
{
  HlgStore *store = test_util_open_store (f->dir);

  g_assert_cmpuint (hlg_store_get_quarantined (store)->len, ==, 0);
  return store;
}

static JsonObject *
org (const char *id,
     const char *name,
     const char *country)
{
  JsonObject *object = json_object_new ();

  json_object_set_string_member (object, "_id", id);
  json_object_set_string_member (object, "type", "organisation");
  json_object_set_int_member (object, "schema", 1);
  json_object_set_string_member (object, "name", name);
  if (country != NULL)
    json_object_set_string_member (object, "country", country);
  return object;
}

/* A page of one change; @doc is taken. */
static GPtrArray *
page_of (const char *id,
         const char *rev,
         JsonObject *doc)
{
  g_autoptr(JsonObject) owned = doc;
  GPtrArray *page = g_ptr_array_new_with_free_func ((GDestroyNotify) hlg_remote_change_free);

  g_ptr_array_add (page, hlg_remote_change_new (id, rev, doc, doc == NULL));
  return page;
}

static void
apply (HlgStore   *store,
       GPtrArray  *page,
       const char *seq,
       guint       expect_applied)
{
  g_autoptr(GPtrArray) owned = page;
  g_autoptr(GError) error = NULL;
  guint n = G_MAXUINT;

  g_assert_true (hlg_store_apply_remote_page (store, page, seq, &n, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (n, ==, expect_applied);
}

static void
on_items_changed (GListModel *model,
                  guint       position,
                  guint       removed,
                  guint       added,
                  guint      *count)
{
  (*count)++;
}

static void
test_sync_store_pull_new_and_replace (Fixture       *f,
                                      gconstpointer  data)
{
  g_autoptr(HlgStore) store = open_store (f);
  g_autoptr(HlgStore) again = NULL;
  g_autoptr(GPtrArray) page = g_ptr_array_new_with_free_func ((GDestroyNotify) hlg_remote_change_free);
  g_autoptr(JsonObject) o1 = org (ORG1, "ISTAT", NULL);
  g_autoptr(JsonObject) o2 = org (ORG2, "CBS", NULL);
  GListModel *model = hlg_store_get_model (store, HLG_DOC_TYPE_ORGANISATION);
  HlgDocument *doc;
  guint changes = 0;
  guint n = 0;

  g_assert_null (hlg_store_get_checkpoint (store));
  g_ptr_array_add (page, hlg_remote_change_new (ORG1, "1-a", o1, FALSE));
  g_ptr_array_add (page, hlg_remote_change_new (ORG2, "1-b", o2, FALSE));
  g_assert_true (hlg_store_apply_remote_page (store, page, "2-opaque", &n, NULL));
  g_assert_cmpuint (n, ==, 2);
  g_assert_cmpuint (g_list_model_get_n_items (model), ==, 2);
  g_assert_cmpstr (hlg_store_get_checkpoint (store), ==, "2-opaque");
  g_assert_cmpstr (hlg_store_get_server_rev (store, ORG1), ==, "1-a");
  g_assert_false (hlg_store_has_local_changes (store, ORG1));
  g_assert_cmpuint (hlg_store_get_n_pending (store), ==, 0);

  /* The same page again changes nothing. */
  g_assert_true (hlg_store_apply_remote_page (store, page, "2-opaque", &n, NULL));
  g_assert_cmpuint (n, ==, 0);
  g_assert_cmpuint (g_list_model_get_n_items (model), ==, 2);

  /* A newer revision replaces the same object in place. */
  doc = hlg_store_lookup (store, ORG1);
  g_signal_connect (model, "items-changed", G_CALLBACK (on_items_changed), &changes);
  apply (store, page_of (ORG1, "2-c", org (ORG1, "Istat", "Italy")), "3-opaque", 1);
  g_assert_true (hlg_store_lookup (store, ORG1) == doc);
  g_assert_cmpstr (hlg_document_get_string (doc, "country"), ==, "Italy");
  g_assert_cmpstr (hlg_document_get_rev (doc), ==, "2-c");
  g_assert_cmpuint (changes, ==, 1);
  g_assert_cmpuint (g_list_model_get_n_items (model), ==, 2);

  /* An older revision arriving late is ignored. */
  apply (store, page_of (ORG1, "1-a", org (ORG1, "ISTAT", NULL)), NULL, 0);
  g_assert_cmpstr (hlg_document_get_string (doc, "name"), ==, "Istat");

  /* A server deletion of an unchanged document removes it. */
  apply (store, page_of (ORG2, "2-d", NULL), "4-opaque", 1);
  g_assert_null (hlg_store_lookup (store, ORG2));
  g_assert_cmpuint (g_list_model_get_n_items (model), ==, 1);

  /* All of it survives a restart; no temporary file is left. */
  again = open_store (f);
  g_assert_cmpstr (hlg_store_get_checkpoint (again), ==, "4-opaque");
  g_assert_cmpstr (hlg_store_get_server_rev (again, ORG1), ==, "2-c");
  g_assert_cmpstr (hlg_document_get_string (hlg_store_lookup (again, ORG1), "country"), ==, "Italy");
  g_assert_null (hlg_store_lookup (again, ORG2));
  g_assert_cmpuint (hlg_store_get_n_pending (again), ==, 0);
  {
    g_autofree char *docs = g_build_filename (f->dir, "documents", NULL);
    g_autoptr(GDir) dir = g_dir_open (docs, 0, NULL);
    const char *name;
    guint files = 0;

    while ((name = g_dir_read_name (dir)))
      {
        g_assert_true (g_str_has_suffix (name, ".json"));
        files++;
      }
    g_assert_cmpuint (files, ==, 1);
  }
}

/* A page of one change whose document is @json, kept as text. */
static GPtrArray *
text_page_of (const char *id,
              const char *rev,
              const char *json)
{
  GPtrArray *page = g_ptr_array_new_with_free_func ((GDestroyNotify) hlg_remote_change_free);

  g_ptr_array_add (page, hlg_remote_change_new_from_text (id, rev, json, strlen (json)));
  return page;
}

static void
test_sync_store_pull_text (Fixture       *f,
                           gconstpointer  data)
{
  g_autoptr(HlgStore) store = open_store (f);
  g_autoptr(HlgStore) again = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *path = g_build_filename (f->dir, "documents", ORG1 ".json", NULL);
  g_autofree char *contents = NULL;
  /* Spaces and an escape the store would not write itself: the text is
   * kept as it came. */
  const char *text = "{ \"_id\": \"" ORG1 "\", \"_rev\": \"1-a\", \"type\": \"organisation\", "
                     "\"schema\": 1, \"name\": \"IS\\u0054AT\", \"extra\": [1, {\"k\": null}] }";
  HlgDocument *doc;
  JsonObject *sync_member;
  g_autoptr(JsonObject) file = NULL;

  apply (store, text_page_of (ORG1, "1-a", text), "1", 1);
  g_assert_cmpstr (hlg_store_get_checkpoint (store), ==, "1");
  g_assert_cmpstr (hlg_store_get_server_rev (store, ORG1), ==, "1-a");
  g_assert_false (hlg_store_has_local_changes (store, ORG1));

  /* On disk: the text as it came, and the sync state beside it. */
  g_assert_true (g_file_get_contents (path, &contents, NULL, NULL));
  g_assert_nonnull (strstr (contents, text));
  file = hlg_json_object_from_data (contents, -1, &error);
  g_assert_no_error (error);
  sync_member = hlg_json_object_get_object (file, "sync");
  g_assert_cmpstr (json_object_get_string_member (sync_member, "rev"), ==, "1-a");
  g_assert_false (json_object_get_boolean_member (sync_member, "local_changes"));

  /* Used, it reads as any document. */
  doc = hlg_store_lookup (store, ORG1);
  g_assert_cmpstr (hlg_document_get_string (doc, "name"), ==, "ISTAT");
  g_assert_cmpstr (hlg_document_get_rev (doc), ==, "1-a");

  /* Edited here after the pull, then changed on the server: merged. */
  g_assert_true (hlg_document_set_string (doc, "short_name", "IT", NULL));
  g_assert_true (hlg_store_save (store, doc, NULL));
  apply (store, text_page_of (ORG1, "2-b",
                              "{\"_id\": \"" ORG1 "\", \"_rev\": \"2-b\", \"type\": \"organisation\", "
                              "\"schema\": 1, \"name\": \"ISTAT\", \"country\": \"Italy\", "
                              "\"extra\": [1, {\"k\": null}]}"),
         "2", 1);
  g_assert_true (hlg_store_lookup (store, ORG1) == doc);
  g_assert_cmpstr (hlg_document_get_string (doc, "short_name"), ==, "IT");
  g_assert_cmpstr (hlg_document_get_string (doc, "country"), ==, "Italy");
  g_assert_cmpstr (hlg_document_get_rev (doc), ==, "2-b");
  g_assert_true (hlg_store_has_local_changes (store, ORG1));
  g_assert_false (hlg_store_has_conflicts (store, ORG1));

  /* A text whose _rev is not the change's: stored with the change's. */
  apply (store, text_page_of (ORG2, "3-c",
                              "{\"_id\": \"" ORG2 "\", \"_rev\": \"9-z\", \"type\": \"organisation\", "
                              "\"schema\": 1, \"name\": \"CBS\"}"),
         "3", 1);
  g_assert_cmpstr (hlg_document_get_rev (hlg_store_lookup (store, ORG2)), ==, "3-c");

  /* Unchanged on this side: replaced in place from the text. */
  {
    HlgDocument *cbs = hlg_store_lookup (store, ORG2);

    apply (store, text_page_of (ORG2, "4-d",
                                "{\"_id\": \"" ORG2 "\", \"_rev\": \"4-d\", \"type\": \"organisation\", "
                                "\"schema\": 1, \"name\": \"CBS NL\"}"),
           "4", 1);
    g_assert_true (hlg_store_lookup (store, ORG2) == cbs);
    g_assert_cmpstr (hlg_document_get_string (cbs, "name"), ==, "CBS NL");
  }

  /* Not a document: skipped, the rest goes on. */
  g_test_expect_message ("hlg-store", G_LOG_LEVEL_WARNING, "*not one*");
  apply (store, text_page_of (ORG2, "5-e", "{\"_id\": \"" ORG2 "\", \"_rev\": \"5-e\"}"), "5", 0);
  g_test_assert_expected_messages ();
  g_assert_cmpstr (hlg_store_get_checkpoint (store), ==, "5");

  /* Not JSON: the page fails, nothing is written, the checkpoint stays. */
  {
    g_autoptr(GPtrArray) page = text_page_of (ORG2, "6-f", "{\"_id\": \"" ORG2 "\", \"_rev\": ");
    guint n = 0;

    g_assert_false (hlg_store_apply_remote_page (store, page, "6", &n, &error));
    g_assert_error (error, HLG_STORE_ERROR, HLG_STORE_ERROR_INVALID);
    g_clear_error (&error);
    g_assert_cmpstr (hlg_store_get_checkpoint (store), ==, "5");
    g_assert_cmpstr (hlg_store_get_server_rev (store, ORG2), ==, "4-d");
  }

  /* All of it survives a restart. */
  again = open_store (f);
  g_assert_cmpstr (hlg_store_get_checkpoint (again), ==, "5");
  g_assert_cmpstr (hlg_document_get_string (hlg_store_lookup (again, ORG1), "short_name"), ==, "IT");
  g_assert_cmpstr (hlg_document_get_string (hlg_store_lookup (again, ORG1), "country"), ==, "Italy");
  g_assert_true (hlg_store_has_local_changes (again, ORG1));
  g_assert_cmpstr (hlg_document_get_string (hlg_store_lookup (again, ORG2), "name"), ==, "CBS NL");
}

/* Many documents changed in one page: each list says so once per item. */
static void
test_sync_store_page_notifies_each (Fixture       *f,
                                    gconstpointer  data)
{
  g_autoptr(HlgStore) store = open_store (f);
  g_autoptr(GPtrArray) page = g_ptr_array_new_with_free_func ((GDestroyNotify) hlg_remote_change_free);
  GListModel *model = hlg_store_get_model (store, HLG_DOC_TYPE_ORGANISATION);
  guint changes = 0;

  for (guint i = 0; i < 20; i++)
    {
      g_autofree char *id = g_strdup_printf ("organisation:00000000-0000-4000-8000-%012u", i);
      g_autoptr(JsonObject) o = org (id, "A", NULL);

      g_ptr_array_add (page, hlg_remote_change_new (id, "1-a", o, FALSE));
    }
  g_assert_true (hlg_store_apply_remote_page (store, page, "1", NULL, NULL));
  g_ptr_array_set_size (page, 0);

  for (guint i = 0; i < 20; i += 3)
    {
      g_autofree char *id = g_strdup_printf ("organisation:00000000-0000-4000-8000-%012u", i);
      g_autoptr(JsonObject) o = org (id, "B", NULL);

      g_ptr_array_add (page, hlg_remote_change_new (id, "2-b", o, FALSE));
    }
  g_signal_connect (model, "items-changed", G_CALLBACK (on_items_changed), &changes);
  g_assert_true (hlg_store_apply_remote_page (store, page, "2", NULL, NULL));
  g_assert_cmpuint (changes, ==, 7);
  g_assert_cmpuint (g_list_model_get_n_items (model), ==, 20);
  for (guint i = 0; i < 20; i++)
    {
      g_autoptr(HlgDocument) doc = g_list_model_get_item (model, i);

      g_assert_cmpstr (hlg_document_get_string (doc, "name"), ==,
                       g_str_has_prefix (hlg_document_get_rev (doc), "2-") ? "B" : "A");
    }
}

static void
test_sync_store_merge_different_fields (Fixture       *f,
                                        gconstpointer  data)
{
  g_autoptr(HlgStore) store = open_store (f);
  g_autoptr(JsonObject) body = NULL;
  g_autoptr(JsonObject) base = NULL;
  HlgDocument *doc;

  apply (store, page_of (ORG1, "1-a", org (ORG1, "ISTAT", NULL)), "1", 1);
  doc = hlg_store_lookup (store, ORG1);
  g_assert_true (hlg_document_set_string (doc, "short_name", "IT", NULL));
  g_assert_true (hlg_store_save (store, doc, NULL));
  g_assert_cmpuint (hlg_store_get_n_pending (store), ==, 1);

  apply (store, page_of (ORG1, "2-b", org (ORG1, "ISTAT", "Italy")), "2", 1);
  g_assert_true (hlg_store_lookup (store, ORG1) == doc);
  g_assert_cmpstr (hlg_document_get_string (doc, "short_name"), ==, "IT");
  g_assert_cmpstr (hlg_document_get_string (doc, "country"), ==, "Italy");
  g_assert_true (hlg_store_has_local_changes (store, ORG1));
  g_assert_false (hlg_store_has_conflicts (store, ORG1));
  g_assert_cmpuint (hlg_store_get_n_conflicts (store), ==, 0);

  /* The base is now the server's version; the push goes on top of it. */
  base = hlg_store_dup_base (store, ORG1);
  g_assert_cmpstr (json_object_get_string_member (base, "country"), ==, "Italy");
  g_assert_false (json_object_has_member (base, "short_name"));
  body = hlg_store_dup_for_push (store, ORG1);
  g_assert_cmpstr (json_object_get_string_member (body, "_rev"), ==, "2-b");
  g_assert_cmpstr (json_object_get_string_member (body, "short_name"), ==, "IT");
  {
    g_autoptr(GPtrArray) to_push = hlg_store_list_to_push (store);

    g_assert_cmpuint (to_push->len, ==, 1);
  }
}

static void
test_sync_store_conflict_and_resolve (Fixture       *f,
                                      gconstpointer  data)
{
  g_autoptr(HlgStore) store = open_store (f);
  g_autoptr(HlgStore) again = NULL;
  g_autoptr(GPtrArray) to_push = NULL;
  g_autoptr(GPtrArray) conflicted = NULL;
  g_autoptr(GError) error = NULL;
  HlgDocument *doc;
  JsonArray *records;
  JsonObject *record;

  apply (store, page_of (ORG1, "1-a", org (ORG1, "ISTAT", NULL)), "1", 1);
  doc = hlg_store_lookup (store, ORG1);
  g_assert_true (hlg_document_set_string (doc, "name", "Mine", NULL));
  g_assert_true (hlg_store_save (store, doc, NULL));

  apply (store, page_of (ORG1, "2-b", org (ORG1, "Theirs", NULL)), "2", 1);
  g_assert_cmpstr (hlg_document_get_string (doc, "name"), ==, "Mine");
  g_assert_true (hlg_store_has_conflicts (store, ORG1));
  g_assert_cmpuint (hlg_store_get_n_conflicts (store), ==, 1);
  to_push = hlg_store_list_to_push (store);
  g_assert_cmpuint (to_push->len, ==, 0);

  /* Both values survive a restart. */
  again = open_store (f);
  g_assert_cmpuint (hlg_store_get_n_conflicts (again), ==, 1);
  conflicted = hlg_store_list_conflicts (again);
  g_assert_cmpuint (conflicted->len, ==, 1);
  g_assert_cmpstr (g_ptr_array_index (conflicted, 0), ==, ORG1);
  records = hlg_store_get_conflicts (again, ORG1);
  g_assert_cmpuint (json_array_get_length (records), ==, 1);
  record = json_array_get_object_element (records, 0);
  g_assert_cmpstr (json_object_get_string_member (record, "path"), ==, "/name");
  g_assert_cmpstr (json_object_get_string_member (record, "mine"), ==, "Mine");
  g_assert_cmpstr (json_object_get_string_member (record, "theirs"), ==, "Theirs");
  g_assert_cmpstr (json_object_get_string_member (record, "base"), ==, "ISTAT");
  g_clear_object (&again);

  /* Taking theirs makes it the server's version: nothing left to push. */
  g_assert_true (hlg_store_resolve (store, ORG1, HLG_MERGE_TAKE_THEIRS, NULL, &error));
  g_assert_no_error (error);
  g_assert_cmpstr (hlg_document_get_string (doc, "name"), ==, "Theirs");
  g_assert_false (hlg_store_has_conflicts (store, ORG1));
  g_assert_false (hlg_store_has_local_changes (store, ORG1));
  g_assert_cmpuint (hlg_store_get_n_conflicts (store), ==, 0);
  g_assert_false (hlg_store_resolve (store, ORG1, HLG_MERGE_TAKE_MINE, NULL, NULL));

  /* Again, and this time keep mine: a local change on top of 3-c. */
  g_assert_true (hlg_document_set_string (doc, "name", "Mine again", NULL));
  g_assert_true (hlg_store_save (store, doc, NULL));
  apply (store, page_of (ORG1, "3-c", org (ORG1, "Theirs again", NULL)), "3", 1);
  g_assert_true (hlg_store_has_conflicts (store, ORG1));
  g_assert_true (hlg_store_resolve (store, ORG1, HLG_MERGE_TAKE_MINE, NULL, NULL));
  g_assert_cmpstr (hlg_document_get_string (doc, "name"), ==, "Mine again");
  g_assert_true (hlg_store_has_local_changes (store, ORG1));
  g_clear_pointer (&to_push, g_ptr_array_unref);
  to_push = hlg_store_list_to_push (store);
  g_assert_cmpuint (to_push->len, ==, 1);
  {
    g_autoptr(JsonObject) body = hlg_store_dup_for_push (store, ORG1);

    g_assert_cmpstr (json_object_get_string_member (body, "_rev"), ==, "3-c");
  }

  /* A merged object chosen by a person. */
  apply (store, page_of (ORG1, "4-d", org (ORG1, "Theirs 4", NULL)), "4", 1);
  g_assert_true (hlg_store_has_conflicts (store, ORG1));
  {
    g_autoptr(JsonObject) chosen = org (ORG1, "Both", "Italy");
    g_autoptr(JsonObject) wrong = org (ORG2, "Other", NULL);

    g_assert_false (hlg_store_resolve (store, ORG1, HLG_MERGE_TAKE_MINE, wrong, &error));
    g_assert_error (error, HLG_STORE_ERROR, HLG_STORE_ERROR_INVALID);
    g_clear_error (&error);
    g_assert_true (hlg_store_resolve (store, ORG1, HLG_MERGE_TAKE_MINE, chosen, NULL));
    g_assert_cmpstr (hlg_document_get_string (doc, "name"), ==, "Both");
    g_assert_cmpstr (hlg_document_get_rev (doc), ==, "4-d");
    g_assert_true (hlg_store_has_local_changes (store, ORG1));
  }
}

static void
test_sync_store_delete_vs_edit (Fixture       *f,
                                gconstpointer  data)
{
  g_autoptr(HlgStore) store = open_store (f);
  GListModel *model = hlg_store_get_model (store, HLG_DOC_TYPE_ORGANISATION);
  HlgDocument *doc;
  JsonObject *record;

  g_autoptr(GPtrArray) page = g_ptr_array_new_with_free_func ((GDestroyNotify) hlg_remote_change_free);
  g_autoptr(JsonObject) o1 = org (ORG1, "One", NULL);
  g_autoptr(JsonObject) o2 = org (ORG2, "Two", NULL);

  g_ptr_array_add (page, hlg_remote_change_new (ORG1, "1-a", o1, FALSE));
  g_ptr_array_add (page, hlg_remote_change_new (ORG2, "1-b", o2, FALSE));
  g_assert_true (hlg_store_apply_remote_page (store, page, "1", NULL, NULL));

  /* Edited here, deleted there: the edit stays and is reported. */
  doc = hlg_store_lookup (store, ORG1);
  g_assert_true (hlg_document_set_string (doc, "country", "Here", NULL));
  g_assert_true (hlg_store_save (store, doc, NULL));
  apply (store, page_of (ORG1, "2-x", NULL), "2", 1);
  g_assert_true (hlg_store_lookup (store, ORG1) == doc);
  g_assert_true (hlg_store_has_conflicts (store, ORG1));
  record = json_array_get_object_element (hlg_store_get_conflicts (store, ORG1), 0);
  g_assert_cmpstr (json_object_get_string_member (record, "path"), ==, "");
  g_assert_true (json_object_has_member (record, "mine"));
  g_assert_false (json_object_has_member (record, "theirs"));
  /* Taking theirs deletes it here too. */
  g_assert_true (hlg_store_resolve (store, ORG1, HLG_MERGE_TAKE_THEIRS, NULL, NULL));
  g_assert_null (hlg_store_lookup (store, ORG1));
  g_assert_cmpuint (hlg_store_get_n_pending (store), ==, 0);

  /* Deleted here, edited there: the edit comes back and is reported. */
  g_assert_true (hlg_store_delete (store, ORG2, NULL));
  g_assert_cmpuint (g_list_model_get_n_items (model), ==, 0);
  apply (store, page_of (ORG2, "2-y", org (ORG2, "Two", "There")), "3", 1);
  doc = hlg_store_lookup (store, ORG2);
  g_assert_nonnull (doc);
  g_assert_cmpstr (hlg_document_get_string (doc, "country"), ==, "There");
  g_assert_cmpuint (g_list_model_get_n_items (model), ==, 1);
  g_assert_true (hlg_store_has_conflicts (store, ORG2));
  record = json_array_get_object_element (hlg_store_get_conflicts (store, ORG2), 0);
  g_assert_false (json_object_has_member (record, "mine"));
  g_assert_true (json_object_has_member (record, "theirs"));
  /* Taking mine deletes it again, a deletion to push on top of 2-y. */
  g_assert_true (hlg_store_resolve (store, ORG2, HLG_MERGE_TAKE_MINE, NULL, NULL));
  g_assert_null (hlg_store_lookup (store, ORG2));
  g_assert_cmpuint (g_list_model_get_n_items (model), ==, 0);
  {
    g_autoptr(JsonObject) body = hlg_store_dup_for_push (store, ORG2);

    g_assert_true (json_object_get_boolean_member (body, "_deleted"));
    g_assert_cmpstr (json_object_get_string_member (body, "_rev"), ==, "2-y");
  }
}

static void
test_sync_store_mark_pushed (Fixture       *f,
                             gconstpointer  data)
{
  g_autoptr(HlgStore) store = open_store (f);
  g_autoptr(HlgStore) again = NULL;
  g_autoptr(HlgDocument) doc = hlg_document_new (HLG_DOC_TYPE_ORGANISATION);
  g_autoptr(HlgDocument) other = hlg_document_new (HLG_DOC_TYPE_ORGANISATION);
  g_autoptr(GPtrArray) pushed = g_ptr_array_new_with_free_func ((GDestroyNotify) hlg_pushed_free);
  g_autoptr(JsonObject) body = NULL;
  g_autoptr(JsonObject) body2 = NULL;
  g_autoptr(JsonObject) base = NULL;
  g_autofree char *id = g_strdup (hlg_document_get_id (doc));
  g_autofree char *other_id = g_strdup (hlg_document_get_id (other));

  g_assert_true (hlg_document_set_string (doc, "name", "New", NULL));
  g_assert_true (hlg_store_save (store, doc, NULL));
  g_assert_true (hlg_document_set_string (other, "name", "Other", NULL));
  g_assert_true (hlg_store_save (store, other, NULL));
  g_assert_cmpuint (hlg_store_get_n_pending (store), ==, 2);

  body = hlg_store_dup_for_push (store, id);
  g_assert_false (json_object_has_member (body, "_rev"));
  body2 = hlg_store_dup_for_push (store, other_id);

  /* "other" changes while its push is on the way. */
  g_assert_true (hlg_document_set_string (other, "country", "Later", NULL));
  g_assert_true (hlg_store_save (store, other, NULL));

  g_ptr_array_add (pushed, hlg_pushed_new (id, "1-n", body));
  g_ptr_array_add (pushed, hlg_pushed_new (other_id, "1-o", body2));
  g_assert_true (hlg_store_mark_pushed (store, pushed, NULL));

  g_assert_false (hlg_store_has_local_changes (store, id));
  g_assert_cmpstr (hlg_store_get_server_rev (store, id), ==, "1-n");
  g_assert_cmpstr (hlg_document_get_rev (doc), ==, "1-n");
  g_assert_true (hlg_store_has_local_changes (store, other_id));
  g_assert_cmpstr (hlg_store_get_server_rev (store, other_id), ==, "1-o");
  base = hlg_store_dup_base (store, other_id);
  g_assert_false (json_object_has_member (base, "country"));
  g_assert_cmpuint (hlg_store_get_n_pending (store), ==, 1);

  /* Our own push coming back in the change feed is nothing new. */
  {
    g_autoptr(JsonObject) echo = hlg_json_object_deep_copy (body);

    apply (store, page_of (id, "1-n", g_steal_pointer (&echo)), "9", 0);
  }

  /* A pushed deletion leaves nothing behind. */
  g_assert_true (hlg_store_delete (store, id, NULL));
  {
    g_autoptr(GPtrArray) del = g_ptr_array_new_with_free_func ((GDestroyNotify) hlg_pushed_free);
    g_autoptr(JsonObject) tomb = hlg_store_dup_for_push (store, id);

    g_assert_true (json_object_get_boolean_member (tomb, "_deleted"));
    g_ptr_array_add (del, hlg_pushed_new (id, "2-del", tomb));
    g_assert_true (hlg_store_mark_pushed (store, del, NULL));
  }
  g_assert_false (hlg_store_has_local_changes (store, id));
  g_assert_null (hlg_store_get_server_rev (store, id));

  again = open_store (f);
  g_assert_cmpuint (hlg_store_get_n_documents (again), ==, 1);
  g_assert_cmpuint (hlg_store_get_n_pending (again), ==, 1);
  g_assert_cmpstr (hlg_store_get_server_rev (again, other_id), ==, "1-o");
}

static void
test_sync_store_remote_state (Fixture       *f,
                              gconstpointer  data)
{
  g_autoptr(HlgStore) store = open_store (f);
  g_autoptr(HlgStore) again = NULL;
  g_autoptr(GDateTime) when = g_date_time_new_utc (2025, 9, 30, 12, 0, 0);
  g_autoptr(GDateTime) read_back = NULL;

  g_assert_true (hlg_store_set_remote (store, "http://127.0.0.1:1/", "ana", NULL));
  apply (store, page_of (ORG1, "1-a", org (ORG1, "One", NULL)), "17-x", 1);
  g_assert_true (hlg_store_set_last_synced (store, when, NULL));

  again = open_store (f);
  g_assert_cmpstr (hlg_store_get_remote_url (again), ==, "http://127.0.0.1:1/");
  g_assert_cmpstr (hlg_store_get_remote_account (again), ==, "ana");
  g_assert_cmpstr (hlg_store_get_checkpoint (again), ==, "17-x");
  read_back = hlg_store_get_last_synced (again);
  g_assert_nonnull (read_back);
  g_assert_true (g_date_time_equal (read_back, when));

  /* The same remote keeps the checkpoint; another starts over. */
  g_assert_true (hlg_store_set_remote (again, "http://127.0.0.1:1/", "ana", NULL));
  g_assert_cmpstr (hlg_store_get_checkpoint (again), ==, "17-x");
  g_assert_true (hlg_store_set_remote (again, "http://127.0.0.1:2/", "ana", NULL));
  g_assert_null (hlg_store_get_checkpoint (again));
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

#define ADD(path, func) \
  g_test_add (path, Fixture, NULL, test_util_dir_set_up, func, test_util_dir_tear_down)
  ADD ("/sync-store/pull-new-and-replace", test_sync_store_pull_new_and_replace);
  ADD ("/sync-store/merge-different-fields", test_sync_store_merge_different_fields);
  ADD ("/sync-store/conflict-and-resolve", test_sync_store_conflict_and_resolve);
  ADD ("/sync-store/delete-vs-edit", test_sync_store_delete_vs_edit);
  ADD ("/sync-store/mark-pushed", test_sync_store_mark_pushed);
  ADD ("/sync-store/pull-text", test_sync_store_pull_text);
  ADD ("/sync-store/page-notifies-each", test_sync_store_page_notifies_each);
  ADD ("/sync-store/remote-state", test_sync_store_remote_state);
#undef ADD

  return g_test_run ();
}
