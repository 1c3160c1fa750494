/* test-json-parse.c: the strict parser that builds json-glib trees, and JSON strings written fast
 * SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <string.h>

#include "hlg-document.h"
#include "hlg-json.h"
#include "hlg-sample.h"

static JsonObject *
parse (const char *text)
{
  g_autoptr(GError) error = NULL;
  JsonObject *object = hlg_json_parse_object (text, strlen (text), &error);

  if (object == NULL)
    g_error ("refused %s: %s", text, error->message);
  return object;
}

/* The tree json-glib's own parser builds, node for node. */
static void
assert_same_as_json_glib (const char *text)
{
  g_autoptr(JsonObject) ours = parse (text);
  g_autoptr(JsonObject) theirs = hlg_json_object_from_data (text, -1, NULL);
  g_autoptr(JsonNode) a = json_node_init_object (json_node_alloc (), ours);
  g_autoptr(JsonNode) b = json_node_init_object (json_node_alloc (), theirs);
  g_autofree char *a_text = json_to_string (a, FALSE);
  g_autofree char *b_text = json_to_string (b, FALSE);

  g_assert_nonnull (theirs);
  g_assert_true (json_node_equal (a, b));
  /* Same member order too. */
  g_assert_cmpstr (a_text, ==, b_text);
}

static void
test_parse_agrees (void)
{
  static const char * const texts[] = {
    "{}",
    " { } ",
    "{\"a\": 1}",
    "{\"a\": -0.5e+10, \"b\": [true, false, null, 0, -1, 2.25E-3], \"c\": {\"d\": []}}",
    "{\"s\": \"\\\"\\\\\\/\\b\\f\\n\\r\\t\\u00e9\\uD83D\\uDE00\"}",
    "{\"ключ\": \"значение\", \"é\": \"ü\", \"emoji\": \"😀\"}",
    "\n\t{\r\n\"a\"\t:\n[ ]\n}\n",
    "{\"z\": 1, \"a\": 2, \"m\": {\"y\": [1, {\"x\": \"deep\"}]}}",
    "{\"big\": 9223372036854775807, \"small\": -9223372036854775808}",
    "{\"long\": \"0123456789abcdef0123456789abcdef\\n0123456789\\u0041\"}",
  };
  g_autoptr(GPtrArray) sample = hlg_sample_generate (300, 7);

  for (guint i = 0; i < G_N_ELEMENTS (texts); i++)
    assert_same_as_json_glib (texts[i]);

  /* Real documents of every type. */
  for (guint i = 0; i < sample->len; i++)
    {
      g_autofree char *text = hlg_document_to_json (sample->pdata[i], i % 2 == 0);

      assert_same_as_json_glib (text);
    }
}

static void
test_parse_values (void)
{
  g_autoptr(JsonObject) object = parse ("{\"int\": -42, \"zero\": -0, \"double\": 1.5e3, "
                                        "\"huge\": 123456789012345678901234567890, "
                                        "\"pair\": \"\\ud83d\\ude00\", \"slash\": \"a\\/b\", "
                                        "\"twice\": 1, \"twice\": 2}");

  g_assert_cmpint (json_object_get_int_member (object, "int"), ==, -42);
  g_assert_cmpint (json_object_get_int_member (object, "zero"), ==, 0);
  g_assert_cmpfloat (json_object_get_double_member (object, "double"), ==, 1500.0);
  /* Beyond 64 bits: a double, as close as one gets. */
  g_assert_cmpuint (json_node_get_value_type (json_object_get_member (object, "huge")), ==, G_TYPE_DOUBLE);
  g_assert_cmpfloat_with_epsilon (json_object_get_double_member (object, "huge"), 1.2345678901234568e29, 1e15);
  g_assert_cmpstr (json_object_get_string_member (object, "pair"), ==, "\xf0\x9f\x98\x80");
  g_assert_cmpstr (json_object_get_string_member (object, "slash"), ==, "a/b");
  /* A repeated member: the last one wins, as with json-glib. */
  g_assert_cmpint (json_object_get_int_member (object, "twice"), ==, 2);
  g_assert_cmpuint (json_object_get_size (object), ==, 7);
}

static void
test_parse_refuses (void)
{
  g_autoptr(GString) deep = g_string_new ("{\"a\":");
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
    "{\"a\": \"short \\u12\"}",
    "{\"a\": \"raw\ttab\"}",
    "{\"a\": \"raw\nnewline\"}",
    "{\"a\": 1} trailing",
    "{\"a\": 1}{}",
    /* What no C string holds, and half a surrogate pair. */
    "{\"a\": \"nul \\u0000 inside\"}",
    "{\"nul \\u0000 in a name\": 1}",
    "{\"a\": \"\\ud83d alone\"}",
    "{\"a\": \"\\ude00 alone\"}",
    "{\"a\": \"\\ud83d\\u0041\"}",
    /* Not UTF-8, in a value and in a name. */
    "{\"a\": \"\xff\xfe\"}",
    "{\"\xc3\x28\": 1}",
    "{\"a\": \"\xe2\x82\"}",
  };

  for (guint i = 0; i < G_N_ELEMENTS (bad); i++)
    {
      g_autoptr(GError) error = NULL;
      g_autoptr(JsonObject) object = hlg_json_parse_object (bad[i], strlen (bad[i]), &error);

      if (object != NULL)
        g_error ("accepted %s", bad[i]);
      g_assert_error (error, HLG_DOCUMENT_ERROR, HLG_DOCUMENT_ERROR_PARSE);
    }

  /* Nesting deeper than the strict scan allows. */
  for (guint i = 0; i < 300; i++)
    g_string_append (deep, "[");
  for (guint i = 0; i < 300; i++)
    g_string_append (deep, "]");
  g_string_append (deep, "}");
  {
    g_autoptr(GError) error = NULL;
    g_autoptr(JsonObject) object = hlg_json_parse_object (deep->str, deep->len, &error);

    g_assert_null (object);
    g_assert_error (error, HLG_DOCUMENT_ERROR, HLG_DOCUMENT_ERROR_PARSE);
  }

  /* Only the @length bytes given are read: the rest of a larger buffer is not JSON. */
  {
    static const char text[] = "{\"a\": \"b\"} and more";
    g_autoptr(JsonObject) object = hlg_json_parse_object (text, 10, NULL);

    g_assert_nonnull (object);
    g_assert_cmpstr (json_object_get_string_member (object, "a"), ==, "b");
    g_assert_null (hlg_json_parse_object (text, 9, NULL));
  }
}

static char *
append_string (const char *s)
{
  GString *out = g_string_new ("[");

  hlg_json_append_string (out, s);
  g_string_append_c (out, ']');
  return g_string_free (out, FALSE);
}

static void
test_append_string (void)
{
  static const struct { const char *in; const char *out; } cases[] = {
    { "", "[\"\"]" },
    { "plain", "[\"plain\"]" },
    { "exactly8", "[\"exactly8\"]" },
    { "quote \" and backslash \\", "[\"quote \\\" and backslash \\\\\"]" },
    { "\n\r\t\b\f", "[\"\\n\\r\\t\\b\\f\"]" },
    { "\x01\x1f\x7f", "[\"\\u0001\\u001f\x7f\"]" },
    { "é ключ 😀 / <", "[\"é ключ 😀 / <\"]" },
    { "0123456789abcdef\"", "[\"0123456789abcdef\\\"\"]" },
    { "0123456\"89abcdef", "[\"0123456\\\"89abcdef\"]" },
  };
  g_autoptr(GString) all = g_string_new (NULL);

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autofree char *out = append_string (cases[i].in);

      g_assert_cmpstr (out, ==, cases[i].out);
    }

  /* Every byte that needs an escape, at every offset within eight bytes,
   * reads back as it was. */
  for (guint c = 1; c < 0x80; c++)
    for (guint offset = 0; offset < 9; offset++)
      {
        g_autofree char *in = g_strdup_printf ("%.*s%c%s", offset, "abcdefghi", c, "tail-of-text");
        g_autofree char *out = append_string (in);
        g_autofree char *object_text = g_strconcat ("{\"s\":", out + 1, NULL);
        g_autoptr(JsonObject) object = NULL;

        object_text[strlen (object_text) - 1] = '}';
        object = parse (object_text);
        g_assert_cmpstr (json_object_get_string_member (object, "s"), ==, in);
      }
}

typedef struct
{
  GString *names;
  guint    n;
} Members;

static void
member_found_cb (gpointer    user_data,
                 const char *name,
                 gsize       name_length,
                 const char *value,
                 gsize       value_length)
{
  Members *members = user_data;

  g_string_append_printf (members->names, "%.*s=%.*s;", (int) name_length, name,
                          (int) value_length, value);
  members->n++;
}

static void
test_delimit_members (void)
{
  static const char text[] = "{\"docs\": [1, {\"a\": \"]\"}], \"new_edits\" : true, \"x\":\"\\\"\"}";
  Members members = { g_string_new (NULL), 0 };
  g_autoptr(GError) error = NULL;

  g_assert_true (hlg_json_delimit_members (text, strlen (text), member_found_cb, &members, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (members.n, ==, 3);
  g_assert_cmpstr (members.names->str, ==, "docs=[1, {\"a\": \"]\"}];new_edits=true;x=\"\\\"\";");
  g_string_free (members.names, TRUE);

  members.names = g_string_new (NULL);
  g_assert_false (hlg_json_delimit_members ("{\"a\": [}", 8, member_found_cb, &members, &error));
  g_assert_error (error, HLG_DOCUMENT_ERROR, HLG_DOCUMENT_ERROR_PARSE);
  g_string_free (members.names, TRUE);
}

static void
test_check_value (void)
{
  static const char * const good[] = { "true", " false ", "null", "-1.5e3", "\"s\\n\"", "[]",
                                        "{\"a\": [1, {}]}" };
  static const char * const bad[] = { "", "tru", "1.", "[1,]", "{\"a\" 1}", "\"open", "1 2",
                                      "\"\\q\"" };

  for (guint i = 0; i < G_N_ELEMENTS (good); i++)
    g_assert_true (hlg_json_check_value (good[i], strlen (good[i])));
  for (guint i = 0; i < G_N_ELEMENTS (bad); i++)
    g_assert_false (hlg_json_check_value (bad[i], strlen (bad[i])));
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/json-parse/agrees-with-json-glib", test_parse_agrees);
  g_test_add_func ("/json-parse/values", test_parse_values);
  g_test_add_func ("/json-parse/refuses", test_parse_refuses);
  g_test_add_func ("/json-parse/append-string", test_append_string);
  g_test_add_func ("/json-parse/delimit-members", test_delimit_members);
  g_test_add_func ("/json-parse/check-value", test_check_value);

  return g_test_run ();
}
