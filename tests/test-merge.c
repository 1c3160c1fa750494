/* test-merge.c: the three-way merge keeps both sides' work and every conflict
 * SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include "hlg-json.h"
#include "hlg-merge.h"

static JsonObject *
obj (const char *json)
{
  g_autoptr(GError) error = NULL;
  JsonObject *object = hlg_json_object_from_data (json, -1, &error);

  g_assert_no_error (error);
  return object;
}

/* Compares @object with the JSON @expected, member order included. */
static void
assert_json (JsonObject *object,
             const char *expected)
{
  g_autoptr(JsonObject) want = obj (expected);
  g_autofree char *got_text = hlg_json_object_to_string (object, FALSE);
  g_autofree char *want_text = hlg_json_object_to_string (want, FALSE);

  g_assert_cmpstr (got_text, ==, want_text);
}

static JsonObject *
find_conflict (GPtrArray  *conflicts,
               const char *path)
{
  for (guint i = 0; i < conflicts->len; i++)
    {
      JsonObject *record = g_ptr_array_index (conflicts, i);

      if (g_str_equal (json_object_get_string_member (record, "path"), path))
        return record;
    }

  return NULL;
}

/* The conflict record at @path, which must be there. */
static JsonObject *
get_conflict (GPtrArray  *conflicts,
              const char *path)
{
  JsonObject *record = find_conflict (conflicts, path);

  g_assert_nonnull (record);
  return record;
}

static const char *
side_string (JsonObject *record,
             const char *side)
{
  return json_object_get_string_member_with_default (record, side, NULL);
}

/* Merges, and compares the result with the JSON @expected and the
 * conflicts found with @n_conflicts. */
static JsonObject *
merge_checked (JsonObject  *base,
               JsonObject  *mine,
               JsonObject  *theirs,
               guint        n_conflicts,
               GPtrArray  **conflicts,
               const char  *expected)
{
  JsonObject *merged = hlg_merge (base, mine, theirs, conflicts);

  assert_json (merged, expected);
  g_assert_cmpuint ((*conflicts)->len, ==, n_conflicts);
  return merged;
}

/* Resolves every conflict of @merged with @take and compares the result with @expected. */
static void
assert_take (JsonObject   *merged,
             GPtrArray    *conflicts,
             HlgMergeTake  take,
             const char   *expected)
{
  g_autoptr(JsonObject) taken = hlg_merge_take (merged, conflicts, take);

  assert_json (taken, expected);
}

/* Merges that end without a conflict. */
typedef struct
{
  const char *base;
  const char *mine;
  const char *theirs;
  const char *merged;
} CleanMerge;

static const CleanMerge same_change = {
  "{\"title\": \"A\", \"status\": \"draft\", \"old\": 1}",
  "{\"title\": \"B\", \"status\": \"submitted\"}",
  "{\"title\": \"B\", \"status\": \"submitted\"}",
  "{\"title\": \"B\", \"status\": \"submitted\"}",
};

/* Theirs' order; mine's additions after their predecessor in mine. */
static const CleanMerge arrays_add_both_sides = {
  "{\"work_packages\": [{\"id\": \"a\", \"title\": \"A\"}, "
  "{\"id\": \"b\", \"title\": \"B\"}]}",
  "{\"work_packages\": [{\"id\": \"a\", \"title\": \"A\"}, "
  "{\"id\": \"m\", \"title\": \"M\"}, "
  "{\"id\": \"b\", \"title\": \"B\"}, {\"id\": \"m2\", \"title\": \"M2\"}]}",
  "{\"work_packages\": [{\"id\": \"t\", \"title\": \"T\"}, "
  "{\"id\": \"a\", \"title\": \"A\"}, {\"id\": \"b\", \"title\": \"B\"}]}",
  "{\"work_packages\": [{\"id\": \"t\", \"title\": \"T\"}, "
  "{\"id\": \"a\", \"title\": \"A\"}, {\"id\": \"m\", \"title\": \"M\"}, "
  "{\"id\": \"b\", \"title\": \"B\"}, {\"id\": \"m2\", \"title\": \"M2\"}]}",
};

/* Their reordering and my edit both survive. */
static const CleanMerge arrays_reorder = {
  "{\"m\": [{\"id\": \"1\"}, {\"id\": \"2\"}, {\"id\": \"3\"}]}",
  "{\"m\": [{\"id\": \"1\"}, {\"id\": \"2\", \"x\": 1}, {\"id\": \"3\"}]}",
  "{\"m\": [{\"id\": \"3\"}, {\"id\": \"1\"}, {\"id\": \"2\"}]}",
  "{\"m\": [{\"id\": \"3\"}, {\"id\": \"1\"}, {\"id\": \"2\", \"x\": 1}]}",
};

static void
test_merge_clean (gconstpointer data)
{
  const CleanMerge *test = data;
  g_autoptr(JsonObject) base = obj (test->base);
  g_autoptr(JsonObject) mine = obj (test->mine);
  g_autoptr(JsonObject) theirs = obj (test->theirs);
  g_autoptr(GPtrArray) conflicts = NULL;
  g_autoptr(JsonObject) merged = merge_checked (base, mine, theirs, 0, &conflicts, test->merged);
}

static void
test_merge_different_fields (void)
{
  g_autoptr(JsonObject) base = obj ("{\"_id\": \"p:1\", \"title\": \"A\", \"summary\": \"S\", \"kind\": \"project\"}");
  g_autoptr(JsonObject) mine = obj ("{\"_id\": \"p:1\", \"title\": \"A mine\", \"summary\": \"S\", \"kind\": \"project\"}");
  g_autoptr(JsonObject) theirs = obj ("{\"_id\": \"p:1\", \"title\": \"A\", \"summary\": \"S theirs\", \"kind\": \"project\"}");
  g_autoptr(GPtrArray) conflicts = NULL;
  g_autoptr(JsonObject) merged =
    merge_checked (base, mine, theirs, 0, &conflicts,
                   "{\"_id\": \"p:1\", \"title\": \"A mine\", \"summary\": \"S theirs\", \"kind\": \"project\"}");

  /* The inputs are untouched. */
  assert_json (mine, "{\"_id\": \"p:1\", \"title\": \"A mine\", \"summary\": \"S\", \"kind\": \"project\"}");
  assert_json (theirs, "{\"_id\": \"p:1\", \"title\": \"A\", \"summary\": \"S theirs\", \"kind\": \"project\"}");
}

static void
test_merge_same_field_conflict (void)
{
  g_autoptr(JsonObject) base = obj ("{\"title\": \"A\", \"summary\": \"S\"}");
  g_autoptr(JsonObject) mine = obj ("{\"title\": \"Mine\", \"summary\": \"S\"}");
  g_autoptr(JsonObject) theirs = obj ("{\"title\": \"Theirs\", \"summary\": \"S2\"}");
  g_autoptr(GPtrArray) conflicts = NULL;
  g_autoptr(JsonObject) merged =
    merge_checked (base, mine, theirs, 1, &conflicts,
                   "{\"title\": \"Mine\", \"summary\": \"S2\"}");
  JsonObject *record;

  /* The local value stays (above); the other is kept in the record. */
  record = get_conflict (conflicts, "/title");
  g_assert_cmpstr (side_string (record, "mine"), ==, "Mine");
  g_assert_cmpstr (side_string (record, "theirs"), ==, "Theirs");
  g_assert_cmpstr (side_string (record, "base"), ==, "A");

  assert_take (merged, conflicts, HLG_MERGE_TAKE_MINE,
               "{\"title\": \"Mine\", \"summary\": \"S2\"}");
  assert_take (merged, conflicts, HLG_MERGE_TAKE_THEIRS,
               "{\"title\": \"Theirs\", \"summary\": \"S2\"}");
}

static void
test_merge_deleted_field (void)
{
  g_autoptr(JsonObject) base = obj ("{\"a\": 1, \"b\": 2, \"c\": 3}");
  g_autoptr(JsonObject) mine = obj ("{\"a\": 1, \"c\": 30}");   /* deletes b, edits c */
  g_autoptr(JsonObject) theirs = obj ("{\"b\": 2, \"c\": 3}");  /* deletes a */
  g_autoptr(JsonObject) mine2 = obj ("{\"a\": 1, \"b\": 2}");   /* deletes c */
  g_autoptr(JsonObject) theirs2 = obj ("{\"a\": 1, \"b\": 2, \"c\": 4}");  /* edits c */
  g_autoptr(GPtrArray) conflicts = NULL;
  g_autoptr(GPtrArray) conflicts2 = NULL;
  g_autoptr(JsonObject) merged =
    merge_checked (base, mine, theirs, 0, &conflicts,
                   "{\"c\": 30}");
  /* Delete against edit: the edit stays, and the deletion is reported. */
  g_autoptr(JsonObject) merged2 =
    merge_checked (base, mine2, theirs2, 1, &conflicts2, "{\"a\": 1, \"b\": 2, \"c\": 4}");
  JsonObject *record;

  record = get_conflict (conflicts2, "/c");
  g_assert_false (json_object_has_member (record, "mine"));
  g_assert_cmpint (json_object_get_int_member (record, "theirs"), ==, 4);
  g_assert_cmpint (json_object_get_int_member (record, "base"), ==, 3);
}

static void
test_merge_nested_objects (void)
{
  g_autoptr(JsonObject) base = obj ("{\"resources\": {\"travel\": 1000, \"project_manager_months\": 6, "
                                    "\"trust_fund_request\": 5000}}");
  g_autoptr(JsonObject) mine = obj ("{\"resources\": {\"travel\": 2000, \"project_manager_months\": 6, "
                                    "\"trust_fund_request\": 7000}}");
  g_autoptr(JsonObject) theirs = obj ("{\"resources\": {\"travel\": 1000, \"project_manager_months\": 9, "
                                      "\"trust_fund_request\": 6000}}");
  g_autoptr(GPtrArray) conflicts = NULL;
  g_autoptr(JsonObject) merged =
    merge_checked (base, mine, theirs, 1, &conflicts,
                   "{\"resources\": {\"travel\": 2000, \"project_manager_months\": 9, "
                   "\"trust_fund_request\": 7000}}");
  JsonObject *record;

  record = get_conflict (conflicts, "/resources/trust_fund_request");
  g_assert_cmpint (json_object_get_int_member (record, "mine"), ==, 7000);
  g_assert_cmpint (json_object_get_int_member (record, "theirs"), ==, 6000);
  g_assert_cmpint (json_object_get_int_member (record, "base"), ==, 5000);

  assert_take (merged, conflicts, HLG_MERGE_TAKE_THEIRS,
               "{\"resources\": {\"travel\": 2000, \"project_manager_months\": 9, "
               "\"trust_fund_request\": 6000}}");
}

static void
test_merge_arrays_edit_items (void)
{
  g_autoptr(JsonObject) base = obj ("{\"risks\": [{\"id\": \"r1\", \"issue\": \"I1\", \"mitigation\": \"M1\"}, "
                                    "{\"id\": \"r2\", \"issue\": \"I2\"}, {\"id\": \"r3\", \"issue\": \"I3\"}]}");
  /* mine: edits r1's issue, deletes r2, edits r3 */
  g_autoptr(JsonObject) mine = obj ("{\"risks\": [{\"id\": \"r1\", \"issue\": \"I1 mine\", \"mitigation\": \"M1\"}, "
                                    "{\"id\": \"r3\", \"issue\": \"I3 mine\"}]}");
  /* theirs: edits r1's mitigation, edits r2, deletes r3 */
  g_autoptr(JsonObject) theirs = obj ("{\"risks\": [{\"id\": \"r1\", \"issue\": \"I1\", \"mitigation\": \"M1 theirs\"}, "
                                      "{\"id\": \"r2\", \"issue\": \"I2 theirs\"}]}");
  g_autoptr(GPtrArray) conflicts = NULL;
  /* Both edits of r1 merge; each deleted-and-edited item stays edited and
   * is reported. */
  g_autoptr(JsonObject) merged =
    merge_checked (base, mine, theirs, 2, &conflicts,
                   "{\"risks\": [{\"id\": \"r1\", \"issue\": \"I1 mine\", \"mitigation\": \"M1 theirs\"}, "
                   "{\"id\": \"r3\", \"issue\": \"I3 mine\"}, {\"id\": \"r2\", \"issue\": \"I2 theirs\"}]}");
  JsonObject *record;

  record = get_conflict (conflicts, "/risks/r2");
  g_assert_false (json_object_has_member (record, "mine"));
  g_assert_true (json_object_has_member (record, "theirs"));
  record = get_conflict (conflicts, "/risks/r3");
  g_assert_true (json_object_has_member (record, "mine"));
  g_assert_false (json_object_has_member (record, "theirs"));

  /* Taking mine applies my deletion of r2 and keeps my r3. */
  assert_take (merged, conflicts, HLG_MERGE_TAKE_MINE,
               "{\"risks\": [{\"id\": \"r1\", \"issue\": \"I1 mine\", \"mitigation\": \"M1 theirs\"}, "
               "{\"id\": \"r3\", \"issue\": \"I3 mine\"}]}");
}

static void
test_merge_arrays_conflicting_item_field (void)
{
  g_autoptr(JsonObject) base = obj ("{\"wp\": [{\"id\": \"a/b\", \"title\": \"A\"}]}");
  g_autoptr(JsonObject) mine = obj ("{\"wp\": [{\"id\": \"a/b\", \"title\": \"Mine\"}]}");
  g_autoptr(JsonObject) theirs = obj ("{\"wp\": [{\"id\": \"a/b\", \"title\": \"Theirs\"}]}");
  g_autoptr(GPtrArray) conflicts = NULL;
  g_autoptr(JsonObject) merged =
    merge_checked (base, mine, theirs, 1, &conflicts,
                   "{\"wp\": [{\"id\": \"a/b\", \"title\": \"Mine\"}]}");
  JsonNode *node;

  /* An item is named by its id, escaped as in JSON Pointer. */
  g_assert_nonnull (find_conflict (conflicts, "/wp/a~1b/title"));
  node = hlg_merge_get_path (merged, "/wp/a~1b/title");
  g_assert_nonnull (node);
  g_assert_cmpstr (json_node_get_string (node), ==, "Mine");

  assert_take (merged, conflicts, HLG_MERGE_TAKE_THEIRS,
               "{\"wp\": [{\"id\": \"a/b\", \"title\": \"Theirs\"}]}");
}

static void
test_merge_plain_arrays_whole (void)
{
  g_autoptr(JsonObject) base = obj ("{\"focus_areas\": [\"active-engagement\"], \"n\": [1]}");
  g_autoptr(JsonObject) mine = obj ("{\"focus_areas\": [\"active-engagement\", \"agile-adaptive-culture\"], \"n\": [1]}");
  g_autoptr(JsonObject) theirs = obj ("{\"focus_areas\": [\"trusted-data-authority\"], \"n\": [1, 2]}");
  g_autoptr(GPtrArray) conflicts = NULL;
  g_autoptr(JsonObject) merged =
    merge_checked (base, mine, theirs, 1, &conflicts,
                   "{\"focus_areas\": [\"active-engagement\", \"agile-adaptive-culture\"], \"n\": [1, 2]}");
  JsonObject *record;

  record = get_conflict (conflicts, "/focus_areas");
  g_assert_cmpuint (json_array_get_length (json_object_get_array_member (record, "theirs")), ==, 1);
  g_assert_cmpuint (json_array_get_length (json_object_get_array_member (record, "mine")), ==, 2);
}

static void
test_merge_no_base (void)
{
  g_autoptr(JsonObject) mine = obj ("{\"_id\": \"x\", \"title\": \"Mine\", \"kind\": \"project\", "
                                    "\"only_mine\": true, \"o\": {\"a\": 1, \"b\": 2}}");
  g_autoptr(JsonObject) theirs = obj ("{\"_id\": \"x\", \"title\": \"Theirs\", \"kind\": \"project\", "
                                      "\"only_theirs\": 1, \"o\": {\"a\": 1, \"b\": 3}}");
  g_autoptr(GPtrArray) conflicts = NULL;
  g_autoptr(JsonObject) merged =
    merge_checked (NULL, mine, theirs, 2, &conflicts,
                   "{\"_id\": \"x\", \"title\": \"Mine\", \"kind\": \"project\", \"only_theirs\": 1, "
                   "\"o\": {\"a\": 1, \"b\": 2}, \"only_mine\": true}");
  JsonObject *record;

  record = get_conflict (conflicts, "/title");
  g_assert_false (json_object_has_member (record, "base"));
  g_assert_cmpstr (side_string (record, "theirs"), ==, "Theirs");
  g_assert_nonnull (find_conflict (conflicts, "/o/b"));
}

static void
test_merge_unknown_fields_kept (void)
{
  g_autoptr(JsonObject) base = obj ("{\"title\": \"A\", \"x_future\": {\"deep\": [1, {\"k\": null}]}}");
  g_autoptr(JsonObject) mine = obj ("{\"title\": \"B\", \"x_future\": {\"deep\": [1, {\"k\": null}]}}");
  g_autoptr(JsonObject) theirs = obj ("{\"title\": \"A\", \"x_future\": {\"deep\": [1, {\"k\": null}]}, "
                                      "\"x_new\": \"n\"}");
  g_autoptr(GPtrArray) conflicts = NULL;
  g_autoptr(JsonObject) merged =
    merge_checked (base, mine, theirs, 0, &conflicts,
                   "{\"title\": \"B\", \"x_future\": {\"deep\": [1, {\"k\": null}]}, \"x_new\": \"n\"}");

  /* The result shares nothing with the inputs. */
  json_object_set_int_member (json_object_get_object_member (merged, "x_future"), "changed", 1);
  g_assert_false (json_object_has_member (json_object_get_object_member (theirs, "x_future"), "changed"));
  g_assert_false (json_object_has_member (json_object_get_object_member (mine, "x_future"), "changed"));
}

static void
test_merge_set_path (void)
{
  g_autoptr(JsonObject) doc = obj ("{\"a\": {\"b\": 1}, \"l\": [{\"id\": \"x\", \"v\": 1}, {\"id\": \"y\"}]}");

  hlg_merge_set_path (doc, "/a/b", json_node_init_int (json_node_alloc (), 2));
  hlg_merge_set_path (doc, "/a/c~0d", json_node_init_string (json_node_alloc (), "t"));
  hlg_merge_set_path (doc, "/l/x/v", NULL);
  hlg_merge_set_path (doc, "/l/z", NULL);
  hlg_merge_set_path (doc, "/new/deep", json_node_init_boolean (json_node_alloc (), TRUE));
  hlg_merge_set_path (doc, "no-slash", json_node_init_int (json_node_alloc (), 1));
  assert_json (doc, "{\"a\": {\"b\": 2, \"c~d\": \"t\"}, \"l\": [{\"id\": \"x\"}, {\"id\": \"y\"}], "
                    "\"new\": {\"deep\": true}}");
  g_assert_null (hlg_merge_get_path (doc, "/l/nope"));
  g_assert_null (hlg_merge_get_path (doc, ""));
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/merge/different-fields", test_merge_different_fields);
  g_test_add_func ("/merge/same-field-conflict", test_merge_same_field_conflict);
  g_test_add_data_func ("/merge/same-change-is-not-conflict", &same_change, test_merge_clean);
  g_test_add_func ("/merge/deleted-field", test_merge_deleted_field);
  g_test_add_func ("/merge/nested-objects", test_merge_nested_objects);
  g_test_add_data_func ("/merge/arrays-add-both-sides", &arrays_add_both_sides,
                        test_merge_clean);
  g_test_add_func ("/merge/arrays-edit-items", test_merge_arrays_edit_items);
  g_test_add_func ("/merge/arrays-conflicting-item-field", test_merge_arrays_conflicting_item_field);
  g_test_add_data_func ("/merge/arrays-reorder", &arrays_reorder, test_merge_clean);
  g_test_add_func ("/merge/plain-arrays-whole", test_merge_plain_arrays_whole);
  g_test_add_func ("/merge/no-base", test_merge_no_base);
  g_test_add_func ("/merge/unknown-fields-kept", test_merge_unknown_fields_kept);
  g_test_add_func ("/merge/set-path", test_merge_set_path);

  return g_test_run ();
}
