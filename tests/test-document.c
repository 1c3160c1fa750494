/* test-document.c: documents are created, read, written and validated
 * SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include "hlg-document.h"
#include "hlg-id.h"
#include "hlg-schema.h"

#define UUID "0b6f4a52-8f0e-4d43-9b1a-2f3c4d5e6f70"
#define CYCLE "\"cycle:" UUID "\""
#define PERSON "\"person:" UUID "\""
#define PROPOSAL "\"proposal:" UUID "\""

/* The required fields of each type, in the order of HlgDocType. */
static const char * const required_fields[HLG_N_DOC_TYPES] = {
  "\"year\": 2026",
  "\"cycle\": " CYCLE ", \"title\": \"Data stewardship\"",
  "\"name\": \"Statistics Canada\"",
  "\"name\": \"Ana Silva\"",
  "\"cycle\": " CYCLE ", \"kind\": \"project\", \"title\": \"LLMs for coding\", \"status\": \"draft\"",
  "\"proposal\": " PROPOSAL ", \"reviewer\": " PERSON,
  "\"proposal\": " PROPOSAL,
  "\"cycle\": " CYCLE ", \"voter\": " PERSON ", \"method\": \"approval\"",
  "\"title\": \"Synthetic data\"",
  "\"project\": \"project:" UUID "\"",
  "\"name\": \"Blue-Skies Thinking Network\"",
  "\"group\": \"group:" UUID "\", \"year\": 2026, \"title\": \"Edge AI\"",
  "\"title\": \"Quantum computing\"",
  "\"date\": \"2026-11-12\", \"topic\": \"Trust\"",
};

static char *
minimal_json (HlgDocType  type,
              const char *extra)
{
  return g_strdup_printf ("{\"_id\": \"%s:" UUID "\", \"type\": \"%s\", \"schema\": 1, %s%s%s}",
                          hlg_doc_type_to_name (type), hlg_doc_type_to_name (type),
                          required_fields[type], extra ? ", " : "", extra ? extra : "");
}

static void
test_document_new (void)
{
  for (HlgDocType t = 0; t < HLG_N_DOC_TYPES; t++)
    {
      g_autoptr(HlgDocument) doc = hlg_document_new (t);
      g_autoptr(GError) error = NULL;

      g_assert_cmpint (hlg_document_get_doc_type (doc), ==, t);
      g_assert_true (hlg_id_is_valid (hlg_document_get_id (doc)));
      g_assert_cmpint (hlg_document_get_schema (doc), ==, HLG_SCHEMA_VERSION);
      g_assert_false (hlg_document_is_read_only (doc));
      /* A new document lacks its required fields. */
      g_assert_false (hlg_document_validate (doc, &error));
      g_assert_error (error, HLG_DOCUMENT_ERROR, HLG_DOCUMENT_ERROR_INVALID);
    }
}

static void
test_document_every_type_validates (void)
{
  for (HlgDocType t = 0; t < HLG_N_DOC_TYPES; t++)
    {
      g_autofree char *json = minimal_json (t, NULL);
      g_autoptr(GError) error = NULL;
      g_autoptr(HlgDocument) doc = hlg_document_new_from_json (json, -1, &error);

      g_assert_no_error (error);
      g_assert_cmpint (hlg_document_get_doc_type (doc), ==, t);
      hlg_document_validate (doc, &error);
      g_assert_no_error (error);
    }
}

static void
test_document_unknown_fields_kept (void)
{
  g_autofree char *json = minimal_json (HLG_DOC_TYPE_PROPOSAL,
                                        "\"future_field\": {\"nested\": [1, 2, {\"x\": \"y\"}]}, "
                                        "\"summary\": \"Old\"");
  g_autoptr(HlgDocument) doc = hlg_document_new_from_json (json, -1, NULL);
  g_autoptr(HlgDocument) again = NULL;
  g_autofree char *written = NULL;
  JsonObject *future;

  g_assert_nonnull (doc);
  g_assert_true (hlg_document_set_string (doc, "summary", "New", NULL));
  written = hlg_document_to_json (doc, FALSE);
  again = hlg_document_new_from_json (written, -1, NULL);
  g_assert_nonnull (again);
  g_assert_cmpstr (hlg_document_get_string (again, "summary"), ==, "New");
  future = json_object_get_object_member (hlg_document_get_object (again), "future_field");
  g_assert_nonnull (future);
  g_assert_cmpuint (json_array_get_length (json_object_get_array_member (future, "nested")), ==, 3);
  g_assert_true (json_node_equal (json_object_get_member (hlg_document_get_object (doc), "future_field"),
                                  json_object_get_member (hlg_document_get_object (again), "future_field")));
}

static void
test_document_newer_schema_read_only (void)
{
  g_autofree char *json = g_strdup_printf ("{\"_id\": \"organisation:" UUID "\", "
                                           "\"type\": \"organisation\", \"schema\": %d, "
                                           "\"name\": \"INE\"}", HLG_SCHEMA_VERSION + 1);
  g_autoptr(HlgDocument) doc = hlg_document_new_from_json (json, -1, NULL);
  g_autoptr(GError) error = NULL;

  g_assert_nonnull (doc);
  g_assert_true (hlg_document_is_read_only (doc));
  g_assert_nonnull (g_strstr_len (hlg_document_get_read_only_reason (doc), -1, "newer version"));
  g_assert_false (hlg_document_set_string (doc, "name", "INSEE", &error));
  g_assert_error (error, HLG_DOCUMENT_ERROR, HLG_DOCUMENT_ERROR_READ_ONLY);
  g_assert_cmpstr (hlg_document_get_string (doc, "name"), ==, "INE");
}

static void
test_document_bad_input (void)
{
  static const char * const bad[] = {
    "",
    "[]",
    "\"text\"",
    "{\"_id\": \"proposal:" UUID "\"",                                    /* truncated */
    "{\"type\": \"proposal\", \"schema\": 1}",                             /* no _id */
    "{\"_id\": \"../../x\", \"type\": \"proposal\", \"schema\": 1}",
    "{\"_id\": \"proposal:" UUID "\", \"type\": \"review\", \"schema\": 1}",
    "{\"_id\": \"proposal:" UUID "\", \"type\": \"proposal\"}",            /* no schema */
    "{\"_id\": \"proposal:" UUID "\", \"type\": \"proposal\", \"schema\": \"1\"}",
    "{\"_id\": \"proposal:" UUID "\", \"type\": \"proposal\", \"schema\": 0}",
  };

  for (guint i = 0; i < G_N_ELEMENTS (bad); i++)
    {
      g_autoptr(GError) error = NULL;
      g_autoptr(HlgDocument) doc = hlg_document_new_from_json (bad[i], -1, &error);

      g_assert_null (doc);
      g_assert_nonnull (error);
      g_assert_true (error->domain == HLG_DOCUMENT_ERROR);
    }
}

static void
test_document_invalid_utf8 (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(HlgDocument) doc = NULL;
  const char json[] = "{\"_id\": \"organisation:" UUID "\", \"type\": \"organisation\", "
                      "\"schema\": 1, \"name\": \"\xc3\x28\"}";

  doc = hlg_document_new_from_json (json, -1, &error);
  g_assert_null (doc);
  g_assert_error (error, HLG_DOCUMENT_ERROR, HLG_DOCUMENT_ERROR_PARSE);
}

static void
assert_field_invalid (HlgDocType  type,
                      const char *extra,
                      const char *field)
{
  g_autofree char *json = minimal_json (type, extra);
  g_autoptr(HlgDocument) doc = hlg_document_new_from_json (json, -1, NULL);
  g_autoptr(GError) error = NULL;

  g_assert_nonnull (doc);
  g_assert_false (hlg_document_validate (doc, &error));
  g_assert_error (error, HLG_DOCUMENT_ERROR, HLG_DOCUMENT_ERROR_INVALID);
  if (g_strstr_len (error->message, -1, field) == NULL)
    g_error ("“%s” does not name %s", error->message, field);
}

static void
test_document_field_validation (void)
{
  assert_field_invalid (HLG_DOC_TYPE_PROPOSAL, "\"focus_areas\": [\"world-peace\"]", "focus_areas[0]");
  assert_field_invalid (HLG_DOC_TYPE_PROPOSAL, "\"start\": \"2026-02-30\"", "start");
  assert_field_invalid (HLG_DOC_TYPE_PROPOSAL, "\"lead_organisation\": \"person:" UUID "\"",
                        "lead_organisation");
  assert_field_invalid (HLG_DOC_TYPE_PROPOSAL, "\"supporting_organisations\": [\"../x\"]",
                        "supporting_organisations[0]");
  assert_field_invalid (HLG_DOC_TYPE_PROPOSAL,
                        "\"work_packages\": [{\"id\": \"a\", \"title\": \"One\"}, "
                        "{\"id\": \"a\", \"title\": \"Two\"}]", "work_packages[1]");
  assert_field_invalid (HLG_DOC_TYPE_PROPOSAL, "\"work_packages\": [{\"id\": \"a\"}]",
                        "work_packages[0].title");
  assert_field_invalid (HLG_DOC_TYPE_PROPOSAL, "\"resources\": {\"travel\": -5}",
                        "resources.travel");
  assert_field_invalid (HLG_DOC_TYPE_PROPOSAL, "\"submitted_at\": \"yesterday\"", "submitted_at");
  assert_field_invalid (HLG_DOC_TYPE_REVIEW, "\"scores\": {\"active-engagement\": 6}",
                        "scores.active-engagement");
  assert_field_invalid (HLG_DOC_TYPE_REVIEW, "\"ready\": \"yes\"", "ready");
  assert_field_invalid (HLG_DOC_TYPE_REVIEW, "\"recommendation\": \"maybe\"", "recommendation");
  assert_field_invalid (HLG_DOC_TYPE_CYCLE,
                        "\"milestones\": [{\"id\": \"m\", \"kind\": \"party\", \"start\": \"2026-03-01\"}]",
                        "milestones[0].kind");
  assert_field_invalid (HLG_DOC_TYPE_ORGANISATION, "\"country\": 5", "country");
  assert_field_invalid (HLG_DOC_TYPE_ORGANISATION, "\"short_name\": \"two\\nlines\"", "short_name");
}

static void
count_cb (HlgDocument *doc,
          guint       *count)
{
  (*count)++;
}

static void
test_document_setters (void)
{
  g_autoptr(HlgDocument) doc = hlg_document_new (HLG_DOC_TYPE_REVIEW);
  g_autoptr(GError) error = NULL;
  guint changed = 0;

  g_signal_connect (doc, "changed", G_CALLBACK (count_cb), &changed);

  g_assert_true (hlg_document_set_int (doc, "feasibility", 4, NULL));
  g_assert_true (hlg_document_set_int (doc, "feasibility", 4, NULL));
  g_assert_cmpuint (changed, ==, 1);
  g_assert_cmpint (hlg_document_get_int (doc, "feasibility", -1), ==, 4);
  g_assert_true (hlg_document_set_boolean (doc, "ready", TRUE, NULL));
  g_assert_true (hlg_document_get_boolean (doc, "ready"));
  g_assert_true (hlg_document_set_string (doc, "comments_for_authors", NULL, NULL));
  g_assert_cmpuint (changed, ==, 2);

  g_assert_false (hlg_document_set_string (doc, "_id", "review:" UUID, &error));
  g_assert_error (error, HLG_DOCUMENT_ERROR, HLG_DOCUMENT_ERROR_INVALID);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/document/new", test_document_new);
  g_test_add_func ("/document/every-type-validates", test_document_every_type_validates);
  g_test_add_func ("/document/unknown-fields-kept", test_document_unknown_fields_kept);
  g_test_add_func ("/document/newer-schema-read-only", test_document_newer_schema_read_only);
  g_test_add_func ("/document/bad-input", test_document_bad_input);
  g_test_add_func ("/document/invalid-utf8", test_document_invalid_utf8);
  g_test_add_func ("/document/field-validation", test_document_field_validation);
  g_test_add_func ("/document/setters", test_document_setters);

  return g_test_run ();
}
