/* test-json.c: the strict scan that lets the store load without building trees
 * SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <string.h>

#include "hlg-document.h"
#include "hlg-json.h"

static void
test_scan_accepts (void)
{
  static const char * const good[] = {
    "{}",
    " { } ",
    "{\"a\": 1}",
    "{\"a\": -0.5e+10, \"b\": [true, false, null, 0, -1, 2.25E-3], \"c\": {\"d\": []}}",
    "{\"s\": \"\\\"\\\\\\/\\b\\f\\n\\r\\t\\u00e9\\uD83D\\uDE00\"}",
    "{\"ключ\": \"значение\", \"é\": \"ü\"}",
    "\n\t{\r\n\"a\"\t:\n[ ]\n}\n",
  };

  for (guint i = 0; i < G_N_ELEMENTS (good); i++)
    {
      g_autoptr(GError) error = NULL;
      g_autoptr(JsonObject) parsed = NULL;

      if (!hlg_json_scan_object (good[i], strlen (good[i]), NULL, 0, &error))
        g_error ("refused %s: %s", good[i], error->message);
      /* json-glib agrees that it is an object. */
      parsed = hlg_json_object_from_data (good[i], -1, &error);
      g_assert_no_error (error);
      g_assert_nonnull (parsed);
    }
}

static void
test_scan_refuses (void)
{
  g_autofree char *deep = NULL;
  g_autofree char *open_brackets = NULL;
  g_autofree char *close_brackets = NULL;
  static const char * const bad[] = {
    "",
    "   ",
    "[]",
    "\"text\"",
    "1",
    "{",
    "}",
    "{\"a\"}",
    "{\"a\": }",
    "{\"a\": 1,}",
    "{\"a\": [1, 2,]}",
    "{\"a\": 01}",
    "{\"a\": 1.}",
    "{\"a\": .5}",
    "{\"a\": 1e}",
    "{\"a\": +1}",
    "{\"a\": NaN}",
    "{\"a\": tru}",
    "{\"a\": nul}",
    "{'a': 1}",
    "{a: 1}",
    "{\"a\": \"unterminated}",
    "{\"a\": \"bad \\x escape\"}",
    "{\"a\": \"short \\u12 escape\"}",
    "{\"a\": \"tab\tinside\"}",
    "{\"a\": \"new\nline\"}",
    "{\"a\": 1} {}",
    "{\"a\": 1} x",
    "{\"a\" 1}",
    "{\"a\": [1 2]}",
    "{\"a\": 1 \"b\": 2}",
  };

  for (guint i = 0; i < G_N_ELEMENTS (bad); i++)
    {
      g_autoptr(GError) error = NULL;

      if (hlg_json_scan_object (bad[i], strlen (bad[i]), NULL, 0, &error))
        g_error ("accepted %s", bad[i]);
      g_assert_error (error, HLG_DOCUMENT_ERROR, HLG_DOCUMENT_ERROR_PARSE);
    }

  /* Nesting deeper than any document has is refused, not a stack overflow. */
  open_brackets = g_strnfill (100000, '[');
  close_brackets = g_strnfill (100000, ']');
  deep = g_strdup_printf ("{\"a\": %s1%s}", open_brackets, close_brackets);
  g_assert_false (hlg_json_scan_object (deep, strlen (deep), NULL, 0, NULL));
}

static void
test_scan_members (void)
{
  const char *json = "{\"doc\": {\"x\": [1, {\"doc\": 2}]}, \"n\": 42, \"s\": \"abc\", \"e\": \"a\\nb\"}";
  HlgJsonMember members[] = { { "doc" }, { "n" }, { "s" }, { "e" }, { "missing" } };
  g_autofree char *s = NULL;
  g_autofree char *e = NULL;
  gint64 n = 0;

  g_assert_true (hlg_json_scan_object (json, strlen (json), members, G_N_ELEMENTS (members), NULL));
  g_assert_cmpmem (members[0].value, members[0].length, "{\"x\": [1, {\"doc\": 2}]}", 22);
  g_assert_true (hlg_json_member_get_int (&members[1], &n));
  g_assert_cmpint (n, ==, 42);
  s = hlg_json_member_dup_string (&members[2]);
  g_assert_cmpstr (s, ==, "abc");
  /* Strings with escapes are not unescaped: they are never IDs. */
  e = hlg_json_member_dup_string (&members[3]);
  g_assert_null (e);
  g_assert_null (members[4].value);
  g_assert_false (hlg_json_member_get_int (&members[2], &n));
}

static void
test_delimit (void)
{
  const char *json = "{\"results\": [{\"doc\": {\"s\": \"a\\\\\", \"t\": \"}]\\\"\"}}, 7, \"x\", [[]]],"
                     " \"last_seq\": \"12-g\", \"pending\": 0}";
  HlgJsonMember members[] = { { "results" }, { "last_seq" }, { "pending" }, { "missing" } };
  g_autoptr(GArray) elements = g_array_new (FALSE, FALSE, sizeof (HlgJsonMember));
  HlgJsonMember doc[] = { { "doc" } };
  HlgJsonMember *first;
  g_autofree char *seq = NULL;
  gint64 pending = -1;

  g_assert_true (hlg_json_delimit_object (json, strlen (json), members, G_N_ELEMENTS (members), NULL));
  seq = hlg_json_member_dup_string (&members[1]);
  g_assert_cmpstr (seq, ==, "12-g");
  g_assert_true (hlg_json_member_get_int (&members[2], &pending));
  g_assert_cmpint (pending, ==, 0);
  g_assert_null (members[3].value);

  /* Escaped quotes and brackets inside strings do not end a value. */
  g_assert_true (hlg_json_delimit_array (members[0].value, members[0].length, elements, NULL));
  g_assert_cmpuint (elements->len, ==, 4);
  first = &g_array_index (elements, HlgJsonMember, 0);
  g_assert_true (hlg_json_delimit_object (first->value, first->length, doc, 1, NULL));
  {
    const char *expected = "{\"s\": \"a\\\\\", \"t\": \"}]\\\"\"}";

    g_assert_cmpmem (doc[0].value, doc[0].length, expected, strlen (expected));
  }
  g_assert_cmpmem (g_array_index (elements, HlgJsonMember, 1).value,
                   g_array_index (elements, HlgJsonMember, 1).length, "7", 1);
  g_assert_cmpmem (g_array_index (elements, HlgJsonMember, 3).value,
                   g_array_index (elements, HlgJsonMember, 3).length, "[[]]", 4);

  /* What the values are is the caller's to check, but not the shape. */
  {
    static const char * const bad[] = {
      "", "[]", "{", "{\"a\" 1}", "{\"a\": }", "{\"a\": 1,}", "{\"a\": {\"b\": 1}", "{\"a\": \"b}",
      "{\"a\": 1} x",
    };

    for (guint i = 0; i < G_N_ELEMENTS (bad); i++)
      {
        g_autoptr(GError) error = NULL;

        g_assert_false (hlg_json_delimit_object (bad[i], strlen (bad[i]), members, 1, &error));
        g_assert_error (error, HLG_DOCUMENT_ERROR, HLG_DOCUMENT_ERROR_PARSE);
      }
    g_array_set_size (elements, 0);
    g_assert_false (hlg_json_delimit_array ("[1, ]", 5, elements, NULL));
    g_assert_false (hlg_json_delimit_array ("{}", 2, elements, NULL));
    g_array_set_size (elements, 0);
    g_assert_true (hlg_json_delimit_array (" [ ] ", 5, elements, NULL));
    g_assert_cmpuint (elements->len, ==, 0);
  }
}

static void
test_lazy_document (void)
{
  const char *json = "{\"_id\": \"organisation:0b6f4a52-8f0e-4d43-9b1a-2f3c4d5e6f70\", "
                     "\"type\": \"organisation\", \"schema\": 1, \"name\": \"Statistics Austria\", "
                     "\"extra\": {\"kept\": [1, 2]}}";
  g_autoptr(GError) error = NULL;
  g_autoptr(HlgDocument) lazy = hlg_document_new_from_text (g_strdup (json), strlen (json), &error);
  g_autoptr(HlgDocument) eager = hlg_document_new_from_json (json, -1, NULL);
  g_autofree char *a = NULL;
  g_autofree char *b = NULL;

  g_assert_no_error (error);
  g_assert_cmpstr (hlg_document_get_id (lazy), ==, hlg_document_get_id (eager));
  g_assert_cmpint (hlg_document_get_doc_type (lazy), ==, HLG_DOC_TYPE_ORGANISATION);
  g_assert_cmpint (hlg_document_get_schema (lazy), ==, 1);
  a = hlg_document_to_json (lazy, FALSE);
  b = hlg_document_to_json (eager, FALSE);
  g_assert_cmpstr (a, ==, b);
  g_assert_cmpstr (hlg_document_get_title (lazy), ==, "Statistics Austria");
}

static void
test_lazy_document_refused (void)
{
  static const char * const bad[] = {
    "{\"type\": \"organisation\", \"schema\": 1}",
    "{\"_id\": \"organisation:../../x\", \"type\": \"organisation\", \"schema\": 1}",
    "{\"_id\": \"organisation:0b6f4a52-8f0e-4d43-9b1a-2f3c4d5e6f70\", \"type\": \"person\", \"schema\": 1}",
    "{\"_id\": \"organisation:0b6f4a52-8f0e-4d43-9b1a-2f3c4d5e6f70\", \"type\": \"organisation\", \"schema\": 1.5}",
    "{\"_id\": \"organisation:0b6f4a52-8f0e-4d43-9b1a-2f3c4d5e6f70\", \"type\": \"organisation\"}",
    "{\"_id\": \"organisation:0b6f4a52-8f0e-4d43-9b1a-2f3c4d5e6f70\", \"type\": \"organisation\", \"schema\": 1,}",
  };

  for (guint i = 0; i < G_N_ELEMENTS (bad); i++)
    {
      g_autoptr(GError) error = NULL;
      g_autoptr(HlgDocument) doc = hlg_document_new_from_text (g_strdup (bad[i]), strlen (bad[i]), &error);

      g_assert_null (doc);
      g_assert_nonnull (error);
    }
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/json/scan/accepts", test_scan_accepts);
  g_test_add_func ("/json/scan/refuses", test_scan_refuses);
  g_test_add_func ("/json/scan/members", test_scan_members);
  g_test_add_func ("/json/delimit", test_delimit);
  g_test_add_func ("/json/lazy-document", test_lazy_document);
  g_test_add_func ("/json/lazy-document-refused", test_lazy_document_refused);

  return g_test_run ();
}
