/* test-demo.c: the demo data set is complete, valid and stable
 * SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <glib/gstdio.h>

#include "hlg-demo.h"
#include "hlg-id.h"
#include "hlg-schema.h"
#include "hlg-store.h"

#include "test-util.h"

static GDateTime *
demo_now (void)
{
  return g_date_time_new_utc (2025, 5, 14, 10, 0, 0);
}

static GPtrArray *
demo_documents (void)
{
  g_autoptr(GDateTime) now = demo_now ();

  return hlg_demo_documents (now);
}

static void
test_demo_validates (void)
{
  g_autoptr(GPtrArray) docs = demo_documents ();

  g_assert_cmpuint (docs->len, >, 80);
  for (guint i = 0; i < docs->len; i++)
    {
      HlgDocument *doc = g_ptr_array_index (docs, i);

      test_util_assert_valid (doc);
      g_assert_true (hlg_id_is_valid (hlg_document_get_id (doc)));
    }
}

static void
test_demo_references (void)
{
  g_autoptr(GPtrArray) docs = demo_documents ();
  g_autoptr(GHashTable) ids = g_hash_table_new (g_str_hash, g_str_equal);
  guint n_refs;

  for (guint i = 0; i < docs->len; i++)
    {
      HlgDocument *doc = g_ptr_array_index (docs, i);

      /* No two documents share an ID. */
      g_assert_true (g_hash_table_add (ids, (gpointer) hlg_document_get_id (doc)));
    }

  n_refs = test_util_check_refs (docs, ids);

  g_assert_cmpuint (n_refs, >, 300);
}

static gboolean
has_string (HlgDocument *doc,
            const char  *field,
            const char  *value)
{
  return g_strcmp0 (hlg_document_get_string (doc, field), value) == 0;
}

static guint
count (GPtrArray  *docs,
       HlgDocType  type,
       const char *field,
       const char *value)
{
  guint n = 0;

  for (guint i = 0; i < docs->len; i++)
    {
      HlgDocument *doc = g_ptr_array_index (docs, i);

      if (hlg_document_get_doc_type (doc) == type &&
          (field == NULL || has_string (doc, field, value)))
        n++;
    }

  return n;
}

static void
test_demo_contents (void)
{
  g_autoptr(GPtrArray) docs = demo_documents ();
  static const char * const statuses[] = {
    "draft", "submitted", "under-review", "feedback-released", "recommended", "selected",
  };
  static const char * const groups[] = {
    "Blue-Skies Thinking Network", "Supporting Standards", "Capabilities and Communication",
    "Applying Data Science and Modern Methods",
  };
  guint n_conflicts = 0, n_ready = 0, n_board_only = 0, n_board = 0;
  guint n_released = 0, n_proposals;

  for (HlgDocType type = 0; type < HLG_N_DOC_TYPES; type++)
    {
      if (count (docs, type, NULL, NULL) == 0)
        g_test_message ("no document of type %s", hlg_doc_type_to_name (type));
      g_assert_cmpuint (count (docs, type, NULL, NULL), >, 0);
    }

  for (guint i = 0; i < G_N_ELEMENTS (statuses); i++)
    g_assert_cmpuint (count (docs, HLG_DOC_TYPE_PROPOSAL, "status", statuses[i]), >, 0);
  n_proposals = count (docs, HLG_DOC_TYPE_PROPOSAL, NULL, NULL);
  g_assert_cmpuint (n_proposals, >=, 6);
  g_assert_cmpuint (n_proposals, <=, 8);

  for (guint i = 0; i < G_N_ELEMENTS (groups); i++)
    g_assert_cmpuint (count (docs, HLG_DOC_TYPE_GROUP, "name", groups[i]), ==, 1);
  g_assert_cmpuint (count (docs, HLG_DOC_TYPE_ORGANISATION, NULL, NULL), >=, 12);
  g_assert_cmpuint (count (docs, HLG_DOC_TYPE_ORGANISATION, "name", "Statistics Netherlands"), ==, 1);
  g_assert_cmpuint (count (docs, HLG_DOC_TYPE_CYCLE, NULL, NULL), ==, 2);
  g_assert_cmpuint (count (docs, HLG_DOC_TYPE_PRIORITY, NULL, NULL), >=, 4);
  g_assert_cmpuint (count (docs, HLG_DOC_TYPE_PROJECT, "status", "running"), ==, 1);
  g_assert_cmpuint (count (docs, HLG_DOC_TYPE_BLUE_SKIES_REPORT, NULL, NULL), >=, 1);

  for (guint i = 0; i < docs->len; i++)
    {
      HlgDocument *doc = g_ptr_array_index (docs, i);

      switch (hlg_document_get_doc_type (doc))
        {
        case HLG_DOC_TYPE_REVIEW:
          n_conflicts += hlg_document_get_boolean (doc, "conflict_of_interest");
          n_ready += hlg_document_get_boolean (doc, "ready");
          n_board_only += hlg_document_get_string (doc, "comments_for_board") != NULL;
          break;

        case HLG_DOC_TYPE_FEEDBACK:
          n_released += hlg_document_get_boolean (doc, "released");
          break;

        case HLG_DOC_TYPE_PERSON:
          {
            JsonArray *roles = hlg_document_get_array (doc, "roles");

            for (guint j = 0; j < json_array_get_length (roles); j++)
              n_board += g_str_equal (json_array_get_string_element (roles, j), "board");
          }
          break;

        case HLG_DOC_TYPE_PRIORITY:
          {
            JsonArray *areas = hlg_document_get_array (doc, "focus_areas");

            g_assert_nonnull (areas);
            g_assert_cmpuint (json_array_get_length (areas), >, 0);
          }
          break;

        case HLG_DOC_TYPE_BLUE_SKIES_REPORT:
          {
            static const char * const answers[] = { "topic", "value", "current_work", "collaboration" };

            for (guint j = 0; j < G_N_ELEMENTS (answers); j++)
              g_assert_nonnull (hlg_document_get_string (doc, answers[j]));
          }
          break;

        default:
          break;
        }
    }

  g_assert_cmpuint (n_conflicts, >=, 1);
  g_assert_cmpuint (n_ready, >=, 4);
  g_assert_cmpuint (n_board_only, >=, 1);
  g_assert_cmpuint (n_released, >=, 1);
  g_assert_cmpuint (n_board, ==, 4);
}

/* Each milestone of the current cycle falls in the month the strategy gives. */
static void
test_demo_cycle (void)
{
  g_autoptr(GPtrArray) docs = demo_documents ();
  static const struct
  {
    const char *kind;
    int         month;
  } expected[] = {
    { "priorities-meeting", 3 }, { "ces-plenary", 6 }, { "priorities-release", 7 },
    { "proposal-deadline", 9 }, { "board-review", 10 }, { "feedback", 10 },
    { "workshop", 11 }, { "selection", 11 },
  };
  gboolean found_current = FALSE;

  for (guint i = 0; i < docs->len; i++)
    {
      HlgDocument *doc = g_ptr_array_index (docs, i);
      JsonArray *milestones;

      if (hlg_document_get_doc_type (doc) != HLG_DOC_TYPE_CYCLE)
        continue;
      g_assert_true (hlg_document_get_int (doc, "year", 0) == 2025 ||
                     hlg_document_get_int (doc, "year", 0) == 2024);
      if (hlg_document_get_int (doc, "year", 0) != 2025)
        continue;

      found_current = TRUE;
      milestones = hlg_document_get_array (doc, "milestones");
      g_assert_cmpuint (json_array_get_length (milestones), ==, G_N_ELEMENTS (expected));
      for (guint j = 0; j < G_N_ELEMENTS (expected); j++)
        {
          JsonObject *m = json_array_get_object_element (milestones, j);
          g_autofree char *prefix = g_strdup_printf ("2025-%02d-", expected[j].month);

          g_assert_cmpstr (json_object_get_string_member (m, "kind"), ==, expected[j].kind);
          g_assert_true (g_str_has_prefix (json_object_get_string_member (m, "start"), prefix));
        }
    }

  g_assert_true (found_current);
}

/* Same date, same documents; another year keeps the IDs of what does not
 * belong to a cycle. */
static void
test_demo_stable_ids (void)
{
  g_autoptr(GPtrArray) a = demo_documents ();
  g_autoptr(GPtrArray) b = demo_documents ();
  g_autoptr(GDateTime) later = g_date_time_new_utc (2026, 2, 1, 0, 0, 0);
  g_autoptr(GPtrArray) c = hlg_demo_documents (later);
  g_autoptr(GHashTable) ids_c = g_hash_table_new (g_str_hash, g_str_equal);
  const char *cbs = NULL;

  g_assert_cmpuint (a->len, ==, b->len);
  for (guint i = 0; i < a->len; i++)
    {
      g_autofree char *ja = hlg_document_to_json (g_ptr_array_index (a, i), FALSE);
      g_autofree char *jb = hlg_document_to_json (g_ptr_array_index (b, i), FALSE);

      g_assert_cmpstr (ja, ==, jb);
    }

  for (guint i = 0; i < c->len; i++)
    g_hash_table_add (ids_c, (gpointer) hlg_document_get_id (g_ptr_array_index (c, i)));
  for (guint i = 0; i < a->len; i++)
    {
      HlgDocument *doc = g_ptr_array_index (a, i);
      HlgDocType type = hlg_document_get_doc_type (doc);

      if (type == HLG_DOC_TYPE_ORGANISATION || type == HLG_DOC_TYPE_PERSON ||
          type == HLG_DOC_TYPE_GROUP)
        g_assert_true (g_hash_table_contains (ids_c, hlg_document_get_id (doc)));
      if (has_string (doc, "name", "Statistics Netherlands"))
        cbs = hlg_document_get_id (doc);
    }

  /* The ID must never change between versions: stores out there hold it. */
  g_assert_cmpstr (cbs, ==, "organisation:5aecbe31-7fed-54f5-96b0-d324f66166dc");
}

typedef TestUtilDir Fixture;

static void
test_demo_populate (Fixture       *f,
                    gconstpointer  data)
{
  g_autoptr(GDateTime) now = demo_now ();
  g_autoptr(GPtrArray) docs = hlg_demo_documents (now);
  g_autoptr(HlgStore) store = test_util_open_store (f->dir);
  g_autoptr(HlgStore) again = NULL;
  g_autoptr(HlgStore) reloaded = NULL;
  g_autoptr(GError) error = NULL;

  g_assert_true (hlg_demo_populate (store, now, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (hlg_store_get_n_documents (store), ==, docs->len);

  /* Twice in the same store, then again from a fresh load: no duplicates. */
  g_assert_true (hlg_demo_populate (store, now, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (hlg_store_get_n_documents (store), ==, docs->len);

  again = test_util_open_store (f->dir);
  g_assert_true (hlg_demo_populate (again, now, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (hlg_store_get_n_documents (again), ==, docs->len);

  reloaded = test_util_open_store (f->dir);
  g_assert_cmpuint (hlg_store_get_quarantined (reloaded)->len, ==, 0);
  g_assert_cmpuint (hlg_store_get_n_documents (reloaded), ==, docs->len);
  for (guint i = 0; i < docs->len; i++)
    {
      HlgDocument *doc = g_ptr_array_index (docs, i);
      HlgDocument *loaded = hlg_store_lookup (reloaded, hlg_document_get_id (doc));
      g_autofree char *expected = NULL;
      g_autofree char *actual = NULL;

      g_assert_nonnull (loaded);
      g_assert_true (hlg_document_validate (loaded, NULL));
      expected = hlg_document_to_json (doc, FALSE);
      actual = hlg_document_to_json (loaded, FALSE);
      g_assert_cmpstr (actual, ==, expected);
    }
  g_assert_cmpuint (g_list_model_get_n_items (hlg_store_get_model (reloaded, HLG_DOC_TYPE_PROPOSAL)),
                    ==, count (docs, HLG_DOC_TYPE_PROPOSAL, NULL, NULL));
}

static gboolean
array_has (JsonArray  *array,
           const char *value)
{
  for (guint i = 0; array != NULL && i < json_array_get_length (array); i++)
    if (g_strcmp0 (json_array_get_string_element (array, i), value) == 0)
      return TRUE;

  return FALSE;
}

/* Each account of the demo server ("hlgmos-server --demo") is one person
 * of that role, found by its "account" as the app signed in finds itself;
 * the demo author co-writes a draft, so has something to edit. */
static void
test_demo_accounts (void)
{
  g_autoptr(GPtrArray) docs = demo_documents ();
  static const char * const accounts[] = { "secretariat", "board", "author", "member" };

  for (guint a = 0; a < G_N_ELEMENTS (accounts); a++)
    {
      HlgDocument *person = NULL;
      gboolean drafts = FALSE;

      for (guint i = 0; i < docs->len; i++)
        {
          HlgDocument *doc = g_ptr_array_index (docs, i);

          if (hlg_document_get_doc_type (doc) != HLG_DOC_TYPE_PERSON ||
              g_strcmp0 (hlg_document_get_string (doc, "account"), accounts[a]) != 0)
            continue;
          g_assert_null (person);
          person = doc;
        }
      g_assert_nonnull (person);
      g_assert_true (array_has (hlg_document_get_array (person, "roles"), accounts[a]));

      for (guint i = 0; i < docs->len; i++)
        {
          HlgDocument *doc = g_ptr_array_index (docs, i);

          drafts |= hlg_document_get_doc_type (doc) == HLG_DOC_TYPE_PROPOSAL &&
                    g_strcmp0 (hlg_document_get_string (doc, "status"), "draft") == 0 &&
                    array_has (hlg_document_get_array (doc, "authors"),
                               hlg_document_get_id (person));
        }
      g_assert_true (drafts == g_str_equal (accounts[a], "author"));
    }
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/demo/validates", test_demo_validates);
  g_test_add_func ("/demo/accounts", test_demo_accounts);
  g_test_add_func ("/demo/references", test_demo_references);
  g_test_add_func ("/demo/contents", test_demo_contents);
  g_test_add_func ("/demo/cycle", test_demo_cycle);
  g_test_add_func ("/demo/stable-ids", test_demo_stable_ids);
  g_test_add ("/demo/populate", Fixture, NULL, test_util_dir_set_up, test_demo_populate,
              test_util_dir_tear_down);

  return g_test_run ();
}
