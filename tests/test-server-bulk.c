/* test-server-bulk.c: _bulk_docs bodies read document by document: strictness, what is stored, revisions
 * SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "test-server-bulk"

#include "config.h"

#include <glib/gstdio.h>
#include <string.h>

#include "hlg-id.h"
#include "hlg-json.h"
#include "test-server-harness.h"

#define SEC "sec"
#define SEC_PW "sec-password"

static TestServer *
start_server (void)
{
  g_autoptr(GError) error = NULL;
  TestServer *ts = test_server_new (NULL);

  g_assert_true (hlg_server_add_user (ts->server, SEC, SEC_PW, "secretariat", NULL, &error));
  g_assert_no_error (error);
  test_server_start (ts);
  return ts;
}

/* The text of a valid cycle document with a fresh ID, and @extra members. */
static char *
cycle_text (char      **out_id,
            int         year,
            const char *extra)
{
  char *id = hlg_id_new (HLG_DOC_TYPE_CYCLE);

  *out_id = id;
  return g_strdup_printf ("{\"_id\":\"%s\",\"type\":\"cycle\",\"schema\":1,\"year\":%d%s}", id, year,
                          extra);
}

static guint
doc_count (TestServer *ts)
{
  g_autoptr(TestResponse) r = test_request (ts, "GET", "/hlgmos", SEC, SEC_PW, NULL);

  g_assert_cmpuint (r->status, ==, 200);
  return json_object_get_int_member (test_response_object (r), "doc_count");
}

static TestResponse *
get_doc (TestServer *ts,
         const char *id)
{
  g_autofree char *path = g_strconcat ("/hlgmos/", id, NULL);

  return test_request (ts, "GET", path, SEC, SEC_PW, NULL);
}

/* Bad JSON anywhere in the body refuses the whole request, even when
 * documents before it were fine: nothing is written. */
static void
test_bad_json_writes_nothing (void)
{
  TestServer *ts = start_server ();
  g_autofree char *id = NULL;
  g_autofree char *good = cycle_text (&id, 2070, "");
  static const char * const bad_docs[] = {
    "{\"type\":\"cycle\",\"schema\":1,\"year\":tru}",             /* bad literal */
    "{\"type\":\"cycle\",\"schema\":1,\"title\":\"\xff\xfe\"}",  /* not UTF-8 */
    "{\"type\":\"cycle\",\"schema\":1,\"title\":\"a\\u0000b\"}", /* U+0000 */
    "{\"type\":\"cycle\",\"schema\":1,\"title\":\"\\ud800\"}",   /* half a surrogate pair */
    "[1,]",                                                       /* a bad non-object */
  };

  for (guint i = 0; i < G_N_ELEMENTS (bad_docs); i++)
    {
      g_autofree char *body = g_strdup_printf ("{\"docs\":[%s,%s]}", good, bad_docs[i]);
      g_autoptr(GBytes) bytes = g_bytes_new (body, strlen (body));
      g_autoptr(TestResponse) r = test_request_full (ts, NULL, "POST", "/hlgmos/_bulk_docs", SEC, SEC_PW,
                                                     NULL, bytes, NULL);
      g_autoptr(TestResponse) got = get_doc (ts, id);

      test_assert_error (r, 400, "bad_request");
      test_assert_error (got, 404, "not_found");
      g_assert_cmpuint (doc_count (ts), ==, 0);
    }

  /* Bad JSON outside the documents too. */
  {
    g_autofree char *body = g_strdup_printf ("{\"docs\":[%s],\"other\":[1,,2]}", good);

    test_request_error (ts, "POST", "/hlgmos/_bulk_docs", SEC, SEC_PW, body, 400, "bad_request");
    test_request_error (ts, "POST", "/hlgmos/_bulk_docs", SEC, SEC_PW, "{\"docs\":[{}", 400, "bad_request");
    test_request_error (ts, "POST", "/hlgmos/_bulk_docs", SEC, SEC_PW, "{\"docs\":{}}", 400, "bad_request");
    g_assert_cmpuint (doc_count (ts), ==, 0);
  }

  test_server_free (ts);
}

/* Spaces anywhere JSON allows them; elements that are not objects get their
 * own error; the others are written. */
static void
test_spaced_body (void)
{
  TestServer *ts = start_server ();
  g_autofree char *id1 = NULL;
  g_autofree char *id2 = NULL;
  g_autofree char *doc1 = cycle_text (&id1, 2071, " , \"notes\" : [ 1 , 2 ] ");
  g_autofree char *doc2 = cycle_text (&id2, 2072, "");
  g_autofree char *body = g_strdup_printf ("\n{ \"new_edits\" : true ,\n  \"docs\" : [ %s ,\n"
                                           " \"not an object\" , 42 ,\t%s ] }\n", doc1, doc2);
  g_autoptr(TestResponse) r = test_request (ts, "POST", "/hlgmos/_bulk_docs", SEC, SEC_PW, body);
  JsonArray *results;

  g_assert_cmpuint (r->status, ==, 201);
  results = json_node_get_array (r->json);
  g_assert_cmpuint (json_array_get_length (results), ==, 4);
  g_assert_cmpstr (json_object_get_string_member (json_array_get_object_element (results, 0), "id"), ==, id1);
  g_assert_cmpstr (json_object_get_string_member (json_array_get_object_element (results, 1), "error"), ==,
                   "bad_request");
  g_assert_cmpstr (json_object_get_string_member (json_array_get_object_element (results, 2), "error"), ==,
                   "bad_request");
  g_assert_cmpstr (json_object_get_string_member (json_array_get_object_element (results, 3), "id"), ==, id2);
  g_assert_cmpuint (doc_count (ts), ==, 2);

  test_server_free (ts);
}

/* What is stored: _id and _rev first, then the fields as they came, with
 * every string as it was sent; the body's own _rev is not kept. */
static void
test_stored_text (void)
{
  TestServer *ts = start_server ();
  g_autofree char *id = NULL;
  g_autofree char *doc = cycle_text (&id, 2073, ",\"zeta\":\"quote \\\" backslash \\\\ tab \\t\","
                                     "\"alpha\":\"\\u00e9\\ud83d\\ude00 \\u0001 ключ\","
                                     "\"nested\":{\"b\":[1,-2,3.5,true,null],\"a\":\"\\n\"}");
  g_autofree char *body = g_strdup_printf ("{\"docs\":[%s]}", doc);
  g_autoptr(TestResponse) r = test_request (ts, "POST", "/hlgmos/_bulk_docs", SEC, SEC_PW, body);
  g_autoptr(TestResponse) got = get_doc (ts, id);
  JsonObject *object = test_response_object (got);
  JsonObject *nested;
  const char *rev;
  const char *text = got->text;

  g_assert_cmpuint (r->status, ==, 201);
  rev = json_object_get_string_member (json_array_get_object_element (json_node_get_array (r->json), 0), "rev");
  g_assert_cmpuint (got->status, ==, 200);
  g_assert_true (g_str_has_prefix (text, "{\"_id\":"));
  g_assert_true (strstr (text, "\"_rev\":") < strstr (text, "\"type\":"));
  g_assert_true (strstr (text, "\"zeta\":") < strstr (text, "\"alpha\":"));
  g_assert_true (strstr (text, "\"alpha\":") < strstr (text, "\"nested\":"));
  g_assert_cmpstr (json_object_get_string_member (object, "_rev"), ==, rev);
  g_assert_cmpstr (json_object_get_string_member (object, "zeta"), ==, "quote \" backslash \\ tab \t");
  g_assert_cmpstr (json_object_get_string_member (object, "alpha"), ==, "é😀 \x01 ключ");
  nested = json_object_get_object_member (object, "nested");
  g_assert_cmpstr (json_object_get_string_member (nested, "a"), ==, "\n");
  g_assert_cmpint (json_array_get_int_element (json_object_get_array_member (nested, "b"), 1), ==, -2);
  g_assert_cmpfloat (json_array_get_double_element (json_object_get_array_member (nested, "b"), 2), ==, 3.5);

  /* An update names the revision it replaces; the stored text has the new one only. */
  {
    g_autoptr(JsonObject) update = json_object_ref (object);
    g_autofree char *update_text = NULL;
    g_autofree char *update_body = NULL;
    g_autoptr(TestResponse) updated = NULL;
    g_autoptr(TestResponse) again = NULL;
    const char *new_rev;

    json_object_set_int_member (update, "year", 2074);
    update_text = hlg_json_object_to_string (update, FALSE);
    update_body = g_strdup_printf ("{\"docs\":[%s]}", update_text);
    updated = test_request (ts, "POST", "/hlgmos/_bulk_docs", SEC, SEC_PW, update_body);
    g_assert_cmpuint (updated->status, ==, 201);
    new_rev = json_object_get_string_member (json_array_get_object_element (json_node_get_array (updated->json),
                                                                             0), "rev");
    g_assert_true (g_str_has_prefix (new_rev, "2-"));
    again = get_doc (ts, id);
    g_assert_cmpstr (test_response_string (again, "_rev"), ==, new_rev);
    g_assert_null (strstr (again->text, rev));
    g_assert_cmpint (json_object_get_int_member (test_response_object (again), "year"), ==, 2074);
  }

  test_server_free (ts);
}

static char *
write_and_get_rev (TestServer *ts,
                   const char *doc)
{
  g_autofree char *body = g_strdup_printf ("{\"docs\":[%s]}", doc);
  g_autoptr(TestResponse) r = test_request (ts, "POST", "/hlgmos/_bulk_docs", SEC, SEC_PW, body);
  JsonObject *result;

  g_assert_cmpuint (r->status, ==, 201);
  result = json_array_get_object_element (json_node_get_array (r->json), 0);
  g_assert_true (json_object_get_boolean_member_with_default (result, "ok", FALSE));
  return g_strdup (json_object_get_string_member (result, "rev"));
}

/* A revision is a hash of the content: the same content in another key
 * order, on another server, gets the same one; other content another. */
static void
test_revision_of_content (void)
{
  TestServer *one = start_server ();
  TestServer *two = start_server ();
  TestServer *three = start_server ();
  g_autofree char *id = hlg_id_new (HLG_DOC_TYPE_CYCLE);
  g_autofree char *doc = g_strdup_printf ("{\"_id\":\"%s\",\"type\":\"cycle\",\"schema\":1,\"year\":2075,"
                                          "\"extra\":{\"b\":1,\"a\":[\"x\",{\"d\":2,\"c\":3}]}}", id);
  g_autofree char *reordered = g_strdup_printf ("{\"extra\":{\"a\":[\"x\",{\"c\":3,\"d\":2}],\"b\":1},"
                                                "\"year\":2075,\"schema\":1,\"type\":\"cycle\",\"_id\":\"%s\"}",
                                                id);
  g_autofree char *other = g_strdup_printf ("{\"_id\":\"%s\",\"type\":\"cycle\",\"schema\":1,\"year\":2076,"
                                            "\"extra\":{\"b\":1,\"a\":[\"x\",{\"d\":2,\"c\":3}]}}", id);
  g_autofree char *rev1 = write_and_get_rev (one, doc);
  g_autofree char *rev2 = write_and_get_rev (two, reordered);
  g_autofree char *rev3 = write_and_get_rev (three, other);

  g_assert_true (g_str_has_prefix (rev1, "1-"));
  g_assert_cmpuint (strlen (rev1), ==, 2 + 32);
  g_assert_cmpstr (rev1, ==, rev2);
  g_assert_cmpstr (rev1, !=, rev3);

  test_server_free (one);
  test_server_free (two);
  test_server_free (three);
}

static guint
count_occurrences (const char *text,
                   const char *needle)
{
  guint n = 0;

  for (const char *p = strstr (text, needle); p != NULL; p = strstr (p + 1, needle))
    n++;
  return n;
}

/* The stored text copies the members' texts from the request where they
 * say what the parsed document holds; a name written with an escape, or a
 * name given twice, makes the server write the document out instead. */
static void
test_stored_text_names (void)
{
  TestServer *ts = start_server ();
  g_autofree char *id1 = NULL, *id2 = NULL, *id3 = NULL;
  g_autofree char *escaped = cycle_text (&id1, 2075, ",\"n\\u006ftes\":\"x\"");
  g_autofree char *twice = cycle_text (&id2, 2076, ",\"notes\":\"a\",\"notes\":\"b\"");
  g_autofree char *escaped_id = NULL;
  g_autofree char *body = NULL;
  g_autoptr(TestResponse) r = NULL;
  const char *ids[3];
  const char *notes[] = { "x", "b", "y" };

  id3 = hlg_id_new (HLG_DOC_TYPE_CYCLE);
  escaped_id = g_strdup_printf ("{\"\\u005fid\":\"%s\",\"type\":\"cycle\",\"schema\":1,\"year\":2077,"
                                "\"notes\":\"y\"}", id3);
  ids[0] = id1, ids[1] = id2, ids[2] = id3;
  body = g_strdup_printf ("{\"docs\":[%s,%s,%s]}", escaped, twice, escaped_id);
  r = test_request (ts, "POST", "/hlgmos/_bulk_docs", SEC, SEC_PW, body);
  g_assert_cmpuint (r->status, ==, 201);

  for (guint i = 0; i < G_N_ELEMENTS (ids); i++)
    {
      g_autoptr(TestResponse) got = get_doc (ts, ids[i]);
      JsonObject *result = json_array_get_object_element (json_node_get_array (r->json), i);

      g_assert_true (json_object_get_boolean_member_with_default (result, "ok", FALSE));
      g_assert_cmpuint (got->status, ==, 200);
      g_assert_cmpuint (count_occurrences (got->text, "\"notes\":"), ==, 1);
      g_assert_cmpuint (count_occurrences (got->text, "\"_id\":"), ==, 1);
      g_assert_cmpuint (count_occurrences (got->text, "\\u"), ==, 0);
      g_assert_cmpstr (test_response_string (got, "notes"), ==, notes[i]);
      g_assert_cmpstr (test_response_string (got, "_rev"), ==, json_object_get_string_member (result, "rev"));
    }

  test_server_free (ts);
}

/* More documents than the server checks ahead of writing, of many lengths,
 * every seventh refused: each stored text is its own document's, whole. */
static void
test_many_documents (void)
{
  TestServer *ts = start_server ();
  g_autoptr(GString) body = g_string_new ("{\"docs\":[");
  g_autoptr(GPtrArray) ids = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(TestResponse) r = NULL;
  JsonArray *results;
  const guint n = 300;

  for (guint i = 0; i < n; i++)
    {
      g_autofree char *notes = g_strnfill ((i * 37) % 5000, 'a' + i % 26);
      g_autofree char *extra = g_strdup_printf (",\"notes\":\"%s\"", notes);
      g_autofree char *refused = g_strdup_printf (",\"schema\":\"%u\"", i);
      char *id = NULL;
      g_autofree char *doc = cycle_text (&id, 2000 + i % 100, i % 7 == 3 ? refused : extra);

      g_ptr_array_add (ids, id);
      g_string_append_printf (body, "%s%s", i > 0 ? "," : "", doc);
    }
  g_string_append (body, "]}");
  r = test_request (ts, "POST", "/hlgmos/_bulk_docs", SEC, SEC_PW, body->str);
  g_assert_cmpuint (r->status, ==, 201);
  results = json_node_get_array (r->json);
  g_assert_cmpuint (json_array_get_length (results), ==, n);

  for (guint i = 0; i < n; i++)
    {
      JsonObject *result = json_array_get_object_element (results, i);
      g_autoptr(TestResponse) got = get_doc (ts, ids->pdata[i]);
      g_autofree char *notes = g_strnfill ((i * 37) % 5000, 'a' + i % 26);

      g_assert_cmpstr (json_object_get_string_member (result, "id"), ==, ids->pdata[i]);
      if (i % 7 == 3)
        {
          g_assert_cmpstr (json_object_get_string_member (result, "error"), ==, "bad_request");
          g_assert_cmpuint (got->status, ==, 404);
          continue;
        }
      g_assert_true (json_object_get_boolean_member_with_default (result, "ok", FALSE));
      g_assert_cmpuint (got->status, ==, 200);
      g_assert_cmpstr (test_response_string (got, "notes"), ==, notes);
      g_assert_cmpint (json_object_get_int_member (test_response_object (got), "year"), ==, 2000 + i % 100);
      g_assert_cmpuint (count_occurrences (got->text, "\"notes\":"), ==, 1);
    }
  g_assert_cmpuint (doc_count (ts), ==, n - (n + 3) / 7);

  test_server_free (ts);
}

/* Request bodies are read into buffers the server keeps for the next
 * requests: a short body after a long one, and the other way, each is
 * read as sent. */
static void
test_bodies_reused (void)
{
  TestServer *ts = start_server ();
  const guint lengths[] = { 200000, 10, 150000, 3000, 0, 250000 };

  for (guint i = 0; i < G_N_ELEMENTS (lengths); i++)
    {
      g_autofree char *notes = g_strnfill (lengths[i], 'k' + i);
      g_autofree char *extra = g_strdup_printf (",\"notes\":\"%s\"", notes);
      g_autofree char *id = NULL;
      g_autofree char *doc = cycle_text (&id, 2050 + i, extra);
      g_autofree char *rev = write_and_get_rev (ts, doc);
      g_autoptr(TestResponse) got = get_doc (ts, id);

      g_assert_true (g_str_has_prefix (rev, "1-"));
      g_assert_cmpstr (test_response_string (got, "notes"), ==, notes);
    }

  test_server_free (ts);
}

/* "N-" and the MD5 of the previous revision, "\n0\n" (or "\n1\n" for a
 * deletion) and the content with its keys sorted: what clients that
 * replicate rely on, pinned here for a write, an update, a deletion and
 * a write over the tombstone. */
static void
test_revision_hash (void)
{
  TestServer *ts = start_server ();
  g_autofree char *id = NULL;
  g_autofree char *doc = cycle_text (&id, 2077, ",\"notes\":\"n\"");
  g_autofree char *sorted1 = g_strdup_printf ("{\"_id\":\"%s\",\"notes\":\"n\",\"schema\":1,"
                                              "\"type\":\"cycle\",\"year\":2077}", id);
  g_autofree char *sorted2 = g_strdup_printf ("{\"_id\":\"%s\",\"notes\":\"n\",\"schema\":1,"
                                              "\"type\":\"cycle\",\"year\":2078}", id);
  g_autofree char *hashed1 = g_strconcat ("\n0\n", sorted1, NULL);
  g_autofree char *md5_1 = g_compute_checksum_for_string (G_CHECKSUM_MD5, hashed1, -1);
  g_autofree char *expected1 = g_strconcat ("1-", md5_1, NULL);
  g_autofree char *rev1 = write_and_get_rev (ts, doc);
  g_autofree char *update = NULL;
  g_autofree char *hashed2 = NULL;
  g_autofree char *md5_2 = NULL;
  g_autofree char *expected2 = NULL;
  g_autofree char *rev2 = NULL;
  g_autofree char *path = NULL;
  g_autofree char *kept = NULL;
  g_autofree char *hashed3 = NULL;
  g_autofree char *md5_3 = NULL;
  g_autofree char *expected3 = NULL;
  g_autoptr(TestResponse) deleted = NULL;

  g_assert_cmpstr (rev1, ==, expected1);

  update = g_strdup_printf ("{\"year\":2078,\"_rev\":\"%s\",\"type\":\"cycle\",\"schema\":1,"
                            "\"notes\":\"n\",\"_id\":\"%s\"}", rev1, id);
  hashed2 = g_strconcat (rev1, "\n0\n", sorted2, NULL);
  md5_2 = g_compute_checksum_for_string (G_CHECKSUM_MD5, hashed2, -1);
  expected2 = g_strconcat ("2-", md5_2, NULL);
  rev2 = write_and_get_rev (ts, update);
  g_assert_cmpstr (rev2, ==, expected2);

  /* A tombstone hashes the content it keeps: the stored one, _rev and all. */
  path = g_strdup_printf ("/hlgmos/%s?rev=%s", id, rev2);
  deleted = test_request (ts, "DELETE", path, SEC, SEC_PW, NULL);
  g_assert_cmpuint (deleted->status, ==, 200);
  kept = g_strdup_printf ("{\"_id\":\"%s\",\"_rev\":\"%s\",\"notes\":\"n\",\"schema\":1,"
                          "\"type\":\"cycle\",\"year\":2078}", id, rev2);
  hashed3 = g_strconcat (rev2, "\n1\n", kept, NULL);
  md5_3 = g_compute_checksum_for_string (G_CHECKSUM_MD5, hashed3, -1);
  expected3 = g_strconcat ("3-", md5_3, NULL);
  g_assert_cmpstr (test_response_string (deleted, "rev"), ==, expected3);

  /* Written again over the tombstone without naming it: after it all the same. */
  {
    g_autofree char *again = g_strdup_printf ("{\"_id\":\"%s\",\"type\":\"cycle\",\"schema\":1,"
                                              "\"year\":2078,\"notes\":\"n\"}", id);
    g_autofree char *hashed4 = g_strconcat (expected3, "\n0\n", sorted2, NULL);
    g_autofree char *md5_4 = g_compute_checksum_for_string (G_CHECKSUM_MD5, hashed4, -1);
    g_autofree char *expected4 = g_strconcat ("4-", md5_4, NULL);
    g_autofree char *rev4 = write_and_get_rev (ts, again);

    g_assert_cmpstr (rev4, ==, expected4);
  }

  test_server_free (ts);
}

/* The revision hashes the content written out again, each object's keys
 * sorted, values as json-glib reads them; the stored text keeps each
 * value's text as it came, each name once. Here with a name that sorts
 * before the _id the server gives, a name with an escape, a name given
 * twice, numbers written in other ways and strings with escapes. */
static void
test_revision_canonical (void)
{
  TestServer *ts = start_server ();
  const char *doc = "{\"type\":\"cycle\",\"schema\":1,\"year\":2079,"
                    "\"Zeta\":[3,{\"b\":1.50,\"a\":\"a\\/b\\u00e9\\u2028\"}],\"n\\u006ftes\":\"x\","
                    "\"extra\":1,\"extra\":2,\"big\":12345678901234567890,\"e\":1E2,\"z\":-0}";
  g_autofree char *body = g_strdup_printf ("{\"docs\":[%s]}", doc);
  g_autoptr(TestResponse) r = test_request (ts, "POST", "/hlgmos/_bulk_docs", SEC, SEC_PW, body);
  g_autoptr(TestResponse) got = NULL;
  g_autofree char *sorted = NULL;
  g_autofree char *hashed = NULL;
  g_autofree char *md5 = NULL;
  g_autofree char *stored = NULL;
  JsonObject *result;
  const char *id, *rev;

  g_assert_cmpuint (r->status, ==, 201);
  result = json_array_get_object_element (json_node_get_array (r->json), 0);
  g_assert_true (json_object_get_boolean_member_with_default (result, "ok", FALSE));
  id = json_object_get_string_member (result, "id");
  rev = json_object_get_string_member (result, "rev");

  sorted = g_strdup_printf ("{\"Zeta\":[3,{\"a\":\"a/b\u00e9\u2028\",\"b\":1.5}],\"_id\":\"%s\","
                            "\"big\":1.2345678901234567e+19,\"e\":100,\"extra\":2,\"notes\":\"x\","
                            "\"schema\":1,\"type\":\"cycle\",\"year\":2079,\"z\":0}", id);
  hashed = g_strconcat ("\n0\n", sorted, NULL);
  md5 = g_compute_checksum_for_string (G_CHECKSUM_MD5, hashed, -1);
  g_assert_cmpstr (rev + 2, ==, md5);

  got = get_doc (ts, id);
  stored = g_strdup_printf ("{\"_id\":\"%s\",\"_rev\":\"%s\",\"type\":\"cycle\",\"schema\":1,"
                            "\"year\":2079,\"Zeta\":[3,{\"b\":1.50,\"a\":\"a\\/b\\u00e9\\u2028\"}],"
                            "\"notes\":\"x\",\"extra\":2,\"big\":12345678901234567890,\"e\":1E2,"
                            "\"z\":-0}", id, rev);
  g_assert_cmpstr (g_strchomp (got->text), ==, stored);

  test_server_free (ts);
}

/* Checkpoints run while the server does: what is committed reaches the
 * database file without waiting for it to close. */
static void
test_checkpoints_while_running (void)
{
  TestServer *ts = start_server ();
  g_autofree char *filler = g_strnfill (4000, 'x');
  g_autofree char *extra = g_strdup_printf (",\"notes\":\"%s\"", filler);
  GStatBuf st;
  gint64 deadline;

  /* About 24 MB of JSON in six commits, more than the WAL is let to hold. */
  for (guint batch = 0; batch < 6; batch++)
    {
      g_autoptr(GString) body = g_string_new ("{\"docs\":[");
      g_autoptr(TestResponse) r = NULL;

      for (guint i = 0; i < 1000; i++)
        {
          g_autofree char *id = NULL;
          g_autofree char *doc = cycle_text (&id, 2000 + i % 100, extra);

          if (i > 0)
            g_string_append_c (body, ',');
          g_string_append (body, doc);
        }
      g_string_append (body, "]}");
      r = test_request (ts, "POST", "/hlgmos/_bulk_docs", SEC, SEC_PW, body->str);
      g_assert_cmpuint (r->status, ==, 201);
    }

  /* The checkpointer works in the background: give it a moment. */
  deadline = g_get_monotonic_time () + 20 * G_USEC_PER_SEC;
  while (g_stat (ts->db_path, &st) == 0 && st.st_size < 2 * 1024 * 1024 &&
         g_get_monotonic_time () < deadline)
    g_usleep (50 * 1000);
  g_assert_cmpint (g_stat (ts->db_path, &st), ==, 0);
  g_assert_cmpint (st.st_size, >=, 2 * 1024 * 1024);
  g_assert_cmpuint (doc_count (ts), ==, 6000);

  test_server_free (ts);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/server-bulk/bad-json-writes-nothing", test_bad_json_writes_nothing);
  g_test_add_func ("/server-bulk/spaced-body", test_spaced_body);
  g_test_add_func ("/server-bulk/stored-text", test_stored_text);
  g_test_add_func ("/server-bulk/stored-text-names", test_stored_text_names);
  g_test_add_func ("/server-bulk/revision-canonical", test_revision_canonical);
  g_test_add_func ("/server-bulk/many-documents", test_many_documents);
  g_test_add_func ("/server-bulk/bodies-reused", test_bodies_reused);
  g_test_add_func ("/server-bulk/revision-of-content", test_revision_of_content);
  g_test_add_func ("/server-bulk/revision-hash", test_revision_hash);
  g_test_add_func ("/server-bulk/checkpoints-while-running", test_checkpoints_while_running);

  return g_test_run ();
}
