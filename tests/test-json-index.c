/* test-json-index.c: a JSON text checked and indexed without a tree
 * SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <string.h>

#include "hlg-document.h"
#include "hlg-id.h"
#include "hlg-json-index.h"
#include "hlg-sample.h"

static HlgJsonIndex *
index_text (const char *text)
{
  g_autoptr(GError) error = NULL;
  HlgJsonIndex *index = hlg_json_index_new ();

  if (!hlg_json_index_parse (index, text, strlen (text), &error))
    g_error ("refused %s: %s", text, error->message);
  return index;
}

static char *
sorted_text (HlgJsonIndex *index,
             guint         value)
{
  GString *out = g_string_new (NULL);

  hlg_json_index_append_sorted (index, value, out);
  return g_string_free (out, FALSE);
}

/* Every value's kind, size and extent, and the places of members. */
static void
test_index_shape (void)
{
  const char *text = " {\"a\": [1, -2.5, \"x\\n\", true, false, null, {}], \"b\": {\"c\": []}, "
                     "\"huge\": 9223372036854775808, \"max\": 9223372036854775807, "
                     "\"min\": -9223372036854775808, \"e\": 1E2, \"zero\": -0} ";
  g_autoptr(HlgJsonIndex) index = index_text (text);
  static const HlgJsonKind kinds[] = {
    HLG_JSON_INT, HLG_JSON_DOUBLE, HLG_JSON_STRING, HLG_JSON_TRUE, HLG_JSON_FALSE, HLG_JSON_NULL,
    HLG_JSON_OBJECT,
  };
  guint a, b, element;
  gsize length;
  const char *raw;

  g_assert_cmpint (hlg_json_index_get_kind (index, 0), ==, HLG_JSON_OBJECT);
  g_assert_cmpuint (hlg_json_index_get_size (index, 0), ==, 7);
  raw = hlg_json_index_get_text (index, 0, &length);
  g_assert_true (raw == text + 1);
  g_assert_cmpuint (length, ==, strlen (text) - 2);

  a = hlg_json_index_lookup (index, 0, "a");
  g_assert_cmpuint (a, ==, 2);
  g_assert_cmpint (hlg_json_index_get_kind (index, a), ==, HLG_JSON_ARRAY);
  g_assert_cmpuint (hlg_json_index_get_size (index, a), ==, G_N_ELEMENTS (kinds));
  element = a + 1;
  for (guint i = 0; i < G_N_ELEMENTS (kinds); i++, element = hlg_json_index_next (index, element))
    g_assert_cmpint (hlg_json_index_get_kind (index, element), ==, kinds[i]);
  g_assert_cmpint (hlg_json_index_get_int (index, a + 1), ==, 1);
  g_assert_cmpfloat (hlg_json_index_get_double (index, a + 2), ==, -2.5);
  g_assert_true (hlg_json_index_is_escaped (index, a + 3));
  g_assert_cmpstr (hlg_json_index_get_string (index, a + 3), ==, "x\n");
  raw = hlg_json_index_get_text (index, a + 3, &length);
  g_assert_cmpmem (raw, length, "\"x\\n\"", 5);

  /* The name after the array and all it holds is b's. */
  g_assert_cmpstr (hlg_json_index_get_string (index, hlg_json_index_next (index, a)), ==, "b");
  b = hlg_json_index_lookup (index, 0, "b");
  g_assert_cmpuint (b, ==, hlg_json_index_next (index, a) + 1);
  g_assert_cmpuint (hlg_json_index_lookup (index, b, "c"), ==, b + 2);
  g_assert_cmpuint (hlg_json_index_lookup (index, b, "a"), ==, 0);
  g_assert_cmpuint (hlg_json_index_lookup (index, 0, "c"), ==, 0);

  /* Integers as json-glib reads them: within 64 bits, or else doubles. */
  g_assert_cmpint (hlg_json_index_get_kind (index, hlg_json_index_lookup (index, 0, "huge")), ==,
                   HLG_JSON_DOUBLE);
  g_assert_cmpint (hlg_json_index_get_int (index, hlg_json_index_lookup (index, 0, "max")), ==, G_MAXINT64);
  g_assert_cmpint (hlg_json_index_get_int (index, hlg_json_index_lookup (index, 0, "min")), ==, G_MININT64);
  g_assert_cmpint (hlg_json_index_get_kind (index, hlg_json_index_lookup (index, 0, "e")), ==,
                   HLG_JSON_DOUBLE);
  g_assert_cmpint (hlg_json_index_get_kind (index, hlg_json_index_lookup (index, 0, "zero")), ==,
                   HLG_JSON_INT);
}

/* Any value may be the whole text; anything but one value is refused. */
static void
test_index_refuses (void)
{
  g_autoptr(HlgJsonIndex) index = hlg_json_index_new ();
  g_autoptr(GString) deep = g_string_new (NULL);
  static const char * const good[] = { "1", " \"x\" ", "null", "[]", "[[], {}]", "-0.5e-3" };
  static const char * const bad[] = {
    "", " ", "1 2", "[1,]", "{\"a\":1,}", "01", "\"\\u0000\"", "\"\\ud83d\"", "\"\xff\"",
    "\"tab\there\"", "{\"a\" 1}", "[1}", "truee", "\"\\", "\"\\u00e\"",
  };

  for (guint i = 0; i < G_N_ELEMENTS (good); i++)
    g_assert_true (hlg_json_index_parse (index, good[i], strlen (good[i]), NULL));

  for (guint i = 0; i < G_N_ELEMENTS (bad); i++)
    {
      g_autoptr(GError) error = NULL;

      if (hlg_json_index_parse (index, bad[i], strlen (bad[i]), &error))
        g_error ("accepted %s", bad[i]);
      g_assert_error (error, HLG_DOCUMENT_ERROR, HLG_DOCUMENT_ERROR_PARSE);
    }

  /* 256 levels, not more. */
  for (guint i = 0; i < 256; i++)
    g_string_append_c (deep, '[');
  for (guint i = 0; i < 256; i++)
    g_string_append_c (deep, ']');
  g_assert_true (hlg_json_index_parse (index, deep->str, deep->len, NULL));
  g_string_prepend_c (deep, '[');
  g_string_append_c (deep, ']');
  g_assert_false (hlg_json_index_parse (index, deep->str, deep->len, NULL));

  /* A refused text leaves nothing to read; the next one is whole. */
  g_assert_true (hlg_json_index_parse (index, "{\"b\":2}", 7, NULL));
  g_assert_cmpuint (hlg_json_index_get_size (index, 0), ==, 1);
}

/* Names are compared unescaped; a name given twice counts once, with its
 * last value, as json-glib keeps it. */
static void
test_index_names (void)
{
  g_autoptr(HlgJsonIndex) index = index_text ("{\"b\":1,\"\\u0061\":2,\"b\":3,\"B\":4,\"ab\":5,\"a\\u0062\":6}");
  HlgJsonIndexMember members[6];
  static const char * const names[] = { "B", "a", "ab", "b" };
  static const gint64 values[] = { 4, 2, 6, 3 };
  guint n;

  g_assert_cmpint (hlg_json_index_compare (index, 3, "a"), ==, 0);
  g_assert_cmpint (hlg_json_index_compare (index, 3, "b"), <, 0);
  g_assert_cmpint (hlg_json_index_compare (index, 1, "a"), >, 0);
  g_assert_cmpint (hlg_json_index_compare (index, 1, "bb"), <, 0);
  g_assert_cmpint (hlg_json_index_get_int (index, hlg_json_index_lookup (index, 0, "b")), ==, 3);
  g_assert_cmpint (hlg_json_index_get_int (index, hlg_json_index_lookup (index, 0, "a")), ==, 2);
  g_assert_cmpint (hlg_json_index_get_int (index, hlg_json_index_lookup (index, 0, "ab")), ==, 6);

  n = hlg_json_index_sort_members (index, 0, members);
  g_assert_cmpuint (n, ==, G_N_ELEMENTS (names));
  for (guint i = 0; i < n; i++)
    {
      g_assert_cmpstr (hlg_json_index_get_string (index, members[i].name), ==, names[i]);
      g_assert_cmpint (hlg_json_index_get_int (index, members[i].value), ==, values[i]);
    }
}

/* The sorted text: keys in order at every level, each once; strings
 * escaped only where they must be; numbers as json-glib reads them. */
static void
test_index_sorted (void)
{
  static const struct
  {
    const char *text;
    const char *sorted;
  } cases[] = {
    { "{ \"b\" : [ 1 , { \"y\" : true , \"x\" : null } ] , \"a\" : { } }",
      "{\"a\":{},\"b\":[1,{\"x\":null,\"y\":true}]}" },
    { "{\"k\":\"a\\/b\\u00e9\\u00E9\\t\\\"\\\\\\u0001\\ud83d\\ude00\"}",
      "{\"k\":\"a/b\u00e9\u00e9\\t\\\"\\\\\\u0001\U0001F600\"}" },
    { "[1.50, 1E2, -0, 0.1, 12345678901234567890, -7, 2e-3]",
      "[1.5,100,0,0.10000000000000001,1.2345678901234567e+19,-7,0.002]" },
    { "{\"x\":1,\"x\":{\"b\":2,\"a\":1,\"b\":3}}", "{\"x\":{\"a\":1,\"b\":3}}" },
    { "{\"\\u0062\":1,\"a\":2}", "{\"a\":2,\"b\":1}" },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autoptr(HlgJsonIndex) index = index_text (cases[i].text);
      g_autofree char *sorted = sorted_text (index, 0);

      g_assert_cmpstr (sorted, ==, cases[i].sorted);
    }
}

/* The tree built from the index is json-glib's own, for generated
 * documents of every type; and one index serves text after text. */
static void
test_index_to_node (void)
{
  g_autoptr(GPtrArray) docs = hlg_sample_generate (200, 7);
  g_autoptr(HlgJsonIndex) index = hlg_json_index_new ();

  for (guint i = 0; i < docs->len; i++)
    {
      g_autofree char *text = hlg_document_to_json (docs->pdata[i], i % 2 == 0);
      g_autoptr(JsonNode) theirs = json_from_string (text, NULL);
      g_autoptr(JsonNode) ours = NULL;
      g_autoptr(JsonObject) picked = NULL;
      static const char * const names[] = { "type", "title", NULL };

      g_assert_true (hlg_json_index_parse (index, text, strlen (text), NULL));
      ours = hlg_json_index_to_node (index, 0);
      g_assert_true (json_node_equal (ours, theirs));

      picked = hlg_json_index_pick (index, 0, names);
      g_assert_cmpstr (json_object_get_string_member (picked, "type"), ==,
                       json_object_get_string_member (json_node_get_object (theirs), "type"));
      g_assert_cmpuint (json_object_get_size (picked), ==,
                        json_object_has_member (json_node_get_object (theirs), "title") ? 2 : 1);
    }
}

/* A document's text validates as its tree does, without an _id when one
 * is given beside it; a line break in a one-line field is refused however
 * it is escaped. */
static void
test_index_validate (void)
{
  g_autofree char *id = hlg_id_new (HLG_DOC_TYPE_ORGANISATION);
  static const struct
  {
    const char *members;
    gboolean    valid;
  } cases[] = {
    { "\"name\":\"Statistics Canada\"", TRUE },
    { "\"name\":\"Statistics \\\"Canada\\\"\"", TRUE },
    { "\"name\":\"two\\nlines\"", FALSE },
    { "\"name\":\"two\\u000alines\"", FALSE },
    { "\"name\":\"\\u004eo break\",\"short_name\":\"S\\u000AC\"", FALSE },
    { "\"name\":5", FALSE },
    { "", FALSE },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autofree char *text = g_strdup_printf ("{\"type\":\"organisation\",\"schema\":1%s%s}",
                                               cases[i].members[0] ? "," : "", cases[i].members);
      g_autofree char *with_id = g_strdup_printf ("{\"_id\":\"%s\",%s", id, text + 1);
      g_autoptr(HlgJsonIndex) index = index_text (text);
      g_autoptr(HlgJsonIndex) whole = index_text (with_id);
      g_autoptr(HlgDocument) doc = hlg_document_new_from_json (with_id, -1, NULL);
      g_autoptr(GError) error = NULL;

      g_assert_nonnull (doc);
      g_assert_cmpint (hlg_document_validate_index (index, 0, id, &error), ==, cases[i].valid);
      g_assert_cmpint (hlg_document_validate_index (whole, 0, NULL, NULL), ==, cases[i].valid);
      g_assert_cmpint (hlg_document_validate (doc, NULL), ==, cases[i].valid);
      if (!cases[i].valid)
        g_assert_error (error, HLG_DOCUMENT_ERROR, HLG_DOCUMENT_ERROR_INVALID);
    }

  /* Without an _id, and none given: no document. */
  {
    g_autoptr(HlgJsonIndex) index = index_text ("{\"type\":\"organisation\",\"schema\":1,\"name\":\"X\"}");

    g_assert_false (hlg_document_validate_index (index, 0, NULL, NULL));
  }
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/json-index/shape", test_index_shape);
  g_test_add_func ("/json-index/refuses", test_index_refuses);
  g_test_add_func ("/json-index/names", test_index_names);
  g_test_add_func ("/json-index/sorted", test_index_sorted);
  g_test_add_func ("/json-index/to-node", test_index_to_node);
  g_test_add_func ("/json-index/validate", test_index_validate);

  return g_test_run ();
}
