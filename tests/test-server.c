/* test-server.c: the hlgmos-server's CouchDB API: documents, revisions, changes, input checks
 * SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "test-server"

#include "config.h"

#include <glib/gstdio.h>
#include <string.h>

#include "hlg-id.h"
#include "hlg-json.h"
#include "test-server-harness.h"

#define SEC "sec"
#define SEC_PW "sec-password"

static TestServer *ts;

/* A new valid document of @type, with the fields of the JSON object @fields. */
static JsonObject *
new_doc (HlgDocType  type,
         const char *fields)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(JsonObject) extra = hlg_json_object_from_data (fields, -1, &error);
  g_autofree char *id = hlg_id_new (type);
  JsonObject *doc = json_object_new ();
  JsonObjectIter iter;
  const char *name;
  JsonNode *member;

  g_assert_no_error (error);
  json_object_set_string_member (doc, "_id", id);
  json_object_set_string_member (doc, "type", hlg_doc_type_to_name (type));
  json_object_set_int_member (doc, "schema", 1);
  json_object_iter_init (&iter, extra);
  while (json_object_iter_next (&iter, &name, &member))
    json_object_set_member (doc, name, json_node_copy (member));

  return doc;
}

static JsonObject *
new_cycle (int year)
{
  g_autofree char *fields = g_strdup_printf ("{\"year\":%d}", year);

  return new_doc (HLG_DOC_TYPE_CYCLE, fields);
}

static char *
doc_path (JsonObject *doc)
{
  return g_strconcat ("/hlgmos/", json_object_get_string_member (doc, "_id"), NULL);
}

static char *
current_seq (void)
{
  g_autoptr(TestResponse) r = test_request (ts, "GET", "/hlgmos", SEC, SEC_PW, NULL);

  g_assert_cmpuint (r->status, ==, 200);
  return g_strdup (test_response_string (r, "update_seq"));
}

static JsonArray *
results_of (TestResponse *r)
{
  g_assert_cmpuint (r->status, ==, 200);
  return json_object_get_array_member (test_response_object (r), "results");
}

static void
test_info (void)
{
  g_autoptr(TestResponse) root = test_request (ts, "GET", "/", NULL, NULL, NULL);
  g_autoptr(TestResponse) dbs = test_request (ts, "GET", "/_all_dbs", SEC, SEC_PW, NULL);
  g_autoptr(TestResponse) db = test_request (ts, "GET", "/hlgmos", SEC, SEC_PW, NULL);
  g_autoptr(TestResponse) other = test_request (ts, "GET", "/otherdb", SEC, SEC_PW, NULL);
  JsonObject *object;
  const char *uuid;

  g_assert_cmpuint (root->status, ==, 200);
  object = test_response_object (root);
  g_assert_cmpstr (json_object_get_string_member (object, "couchdb"), ==, "Welcome");
  g_assert_cmpstr (json_object_get_string_member (json_object_get_object_member (object, "vendor"), "name"),
                   ==, "hlgmos");
  g_assert_nonnull (json_object_get_string_member (object, "version"));
  uuid = json_object_get_string_member (object, "uuid");
  g_assert_cmpuint (strlen (uuid), ==, 32);
  g_assert_cmpstr (uuid, ==, hlg_server_get_uuid (ts->server));

  g_assert_cmpuint (dbs->status, ==, 200);
  g_assert_cmpstr (dbs->text, ==, "[\"hlgmos\"]\n");

  g_assert_cmpuint (db->status, ==, 200);
  object = test_response_object (db);
  g_assert_cmpstr (json_object_get_string_member (object, "db_name"), ==, "hlgmos");
  g_assert_true (json_object_has_member (object, "doc_count"));
  g_assert_nonnull (json_object_get_string_member (object, "update_seq"));

  test_assert_error (other, 404, "not_found");
}

static void
test_auth (void)
{
  g_autoptr(TestResponse) anonymous = test_request (ts, "GET", "/hlgmos", NULL, NULL, NULL);
  g_autoptr(TestResponse) wrong = test_request (ts, "GET", "/hlgmos", SEC, "not-the-password", NULL);
  g_autoptr(TestResponse) right = test_request (ts, "GET", "/hlgmos", SEC, SEC_PW, NULL);
  g_autoptr(TestResponse) wrong_again = test_request (ts, "GET", "/hlgmos", SEC, "not-the-password", NULL);
  g_autoptr(TestResponse) prefix = test_request (ts, "GET", "/hlgmos", SEC, "sec-passwor", NULL);
  g_autoptr(TestResponse) nobody = test_request (ts, "GET", "/hlgmos", "nobody", SEC_PW, NULL);
  g_autoptr(TestResponse) changes = test_request (ts, "GET", "/hlgmos/_changes", NULL, NULL, NULL);
  g_autoptr(TestResponse) bulk = test_request (ts, "POST", "/hlgmos/_bulk_docs", SEC, "x",
                                               "{\"docs\":[]}");
  g_autoptr(TestResponse) anonymous_session = test_request (ts, "GET", "/_session", NULL, NULL, NULL);

  test_assert_error (anonymous, 401, "unauthorized");
  test_assert_error (wrong, 401, "unauthorized");
  g_assert_cmpuint (right->status, ==, 200);
  /* A good password verified (and cached) does not let a wrong one in. */
  test_assert_error (wrong_again, 401, "unauthorized");
  test_assert_error (prefix, 401, "unauthorized");
  test_assert_error (nobody, 401, "unauthorized");
  test_assert_error (changes, 401, "unauthorized");
  test_assert_error (bulk, 401, "unauthorized");

  {
    g_autofree char *url = g_strconcat (ts->url, "/hlgmos", NULL);
    g_autoptr(SoupMessage) msg = soup_message_new ("GET", url);
    g_autoptr(GBytes) body = NULL;

    soup_message_headers_replace (soup_message_get_request_headers (msg), "Authorization",
                                  "Basic !!!not-base64");
    body = soup_session_send_and_read (ts->session, msg, NULL, NULL);
    g_assert_cmpuint (soup_message_get_status (msg), ==, 401);
  }

  /* Anyone may ask who they are: nobody. */
  g_assert_cmpuint (anonymous_session->status, ==, 200);
  g_assert_true (json_object_get_null_member (json_object_get_object_member (test_response_object (anonymous_session),
                                                                             "userCtx"), "name"));
}

static char *
session_cookie (TestResponse *r)
{
  const char *set_cookie = soup_message_headers_get_one (r->headers, "Set-Cookie");
  const char *end;

  g_assert_nonnull (set_cookie);
  g_assert_true (g_str_has_prefix (set_cookie, "AuthSession="));
  g_assert_nonnull (strstr (set_cookie, "HttpOnly"));
  end = strchr (set_cookie, ';');
  return g_strndup (set_cookie, end - set_cookie);
}

static void
test_session (void)
{
  g_autoptr(GBytes) json_login = g_bytes_new_static ("{\"name\":\"" SEC "\",\"password\":\"" SEC_PW "\"}",
                                                     strlen ("{\"name\":\"" SEC "\",\"password\":\"" SEC_PW "\"}"));
  g_autoptr(GBytes) form_login = g_bytes_new_static ("name=" SEC "&password=" SEC_PW,
                                                     strlen ("name=" SEC "&password=" SEC_PW));
  g_autoptr(GBytes) bad_login = g_bytes_new_static ("name=" SEC "&password=wrong",
                                                    strlen ("name=" SEC "&password=wrong"));
  g_autoptr(TestResponse) login = test_request_full (ts, NULL, "POST", "/_session", NULL, NULL,
                                                     "application/json", json_login, NULL);
  g_autoptr(TestResponse) form = test_request_full (ts, NULL, "POST", "/_session", NULL, NULL,
                                                    "application/x-www-form-urlencoded", form_login, NULL);
  g_autoptr(TestResponse) bad = test_request_full (ts, NULL, "POST", "/_session", NULL, NULL,
                                                   "application/x-www-form-urlencoded", bad_login, NULL);
  g_autoptr(TestResponse) who = NULL;
  g_autoptr(TestResponse) db = NULL;
  g_autoptr(TestResponse) logout = NULL;
  g_autoptr(TestResponse) after = NULL;
  g_autoptr(TestResponse) forged = NULL;
  g_autofree char *cookie = NULL;
  g_autofree char *form_cookie = NULL;
  JsonObject *object;
  JsonObject *ctx;

  g_assert_cmpuint (login->status, ==, 200);
  object = test_response_object (login);
  g_assert_true (json_object_get_boolean_member (object, "ok"));
  g_assert_cmpstr (json_object_get_string_member (object, "name"), ==, SEC);
  g_assert_cmpstr (json_array_get_string_element (json_object_get_array_member (object, "roles"), 0),
                   ==, "secretariat");
  cookie = session_cookie (login);

  g_assert_cmpuint (form->status, ==, 200);
  form_cookie = session_cookie (form);
  g_assert_cmpstr (cookie, !=, form_cookie);

  test_assert_error (bad, 401, "unauthorized");
  g_assert_null (soup_message_headers_get_one (bad->headers, "Set-Cookie"));

  who = test_request_full (ts, NULL, "GET", "/_session", NULL, NULL, NULL, NULL, cookie);
  g_assert_cmpuint (who->status, ==, 200);
  ctx = json_object_get_object_member (test_response_object (who), "userCtx");
  g_assert_cmpstr (json_object_get_string_member (ctx, "name"), ==, SEC);

  db = test_request_full (ts, NULL, "GET", "/hlgmos", NULL, NULL, NULL, NULL, cookie);
  g_assert_cmpuint (db->status, ==, 200);

  logout = test_request_full (ts, NULL, "DELETE", "/_session", NULL, NULL, NULL, NULL, cookie);
  g_assert_cmpuint (logout->status, ==, 200);
  after = test_request_full (ts, NULL, "GET", "/hlgmos", NULL, NULL, NULL, NULL, cookie);
  test_assert_error (after, 401, "unauthorized");

  forged = test_request_full (ts, NULL, "GET", "/hlgmos", NULL, NULL, NULL, NULL,
                              "AuthSession=0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef");
  test_assert_error (forged, 401, "unauthorized");
}

static gboolean
is_rev (const char *rev,
        guint       generation)
{
  g_autofree char *prefix = g_strdup_printf ("%u-", generation);
  const char *hash;

  if (rev == NULL || !g_str_has_prefix (rev, prefix))
    return FALSE;

  hash = rev + strlen (prefix);
  if (strlen (hash) != 32)
    return FALSE;
  for (const char *p = hash; *p; p++)
    if (!g_ascii_isxdigit (*p))
      return FALSE;

  return TRUE;
}

static void
test_crud (void)
{
  g_autoptr(JsonObject) doc = new_cycle (2031);
  g_autofree char *path = doc_path (doc);
  g_autofree char *rev1 = NULL;
  g_autofree char *rev2 = NULL;
  g_autofree char *body = NULL;
  g_autofree char *stale = NULL;
  g_autofree char *missing_path = NULL;
  g_autofree char *delete_path = NULL;
  g_autofree char *rev3 = NULL;

  {
    g_autoptr(TestResponse) r = test_request (ts, "GET", path, SEC, SEC_PW, NULL);

    test_assert_error (r, 404, "not_found");
    g_assert_cmpstr (test_response_string (r, "reason"), ==, "missing");
  }

  rev1 = test_put (ts, SEC, SEC_PW, doc);
  g_assert_true (is_rev (rev1, 1));

  {
    g_autoptr(TestResponse) r = test_request (ts, "GET", path, SEC, SEC_PW, NULL);
    JsonObject *got;

    g_assert_cmpuint (r->status, ==, 200);
    got = test_response_object (r);
    g_assert_cmpstr (json_object_get_string_member (got, "_id"), ==,
                     json_object_get_string_member (doc, "_id"));
    g_assert_cmpstr (json_object_get_string_member (got, "_rev"), ==, rev1);
    g_assert_cmpint (json_object_get_int_member (got, "year"), ==, 2031);
    g_assert_cmpstr (json_object_get_string_member (got, "type"), ==, "cycle");
  }

  /* Update with the right revision. */
  json_object_set_int_member (doc, "year", 2032);
  rev2 = test_put (ts, SEC, SEC_PW, doc);
  g_assert_true (is_rev (rev2, 2));
  g_assert_cmpstr (rev1 + 2, !=, rev2 + 2);

  /* A stale revision, and no revision at all, conflict. */
  json_object_set_string_member (doc, "_rev", rev1);
  json_object_set_int_member (doc, "year", 2040);
  body = hlg_json_object_to_string (doc, FALSE);
  {
    g_autoptr(TestResponse) r = test_request (ts, "PUT", path, SEC, SEC_PW, body);

    test_assert_error (r, 409, "conflict");
    g_assert_cmpstr (test_response_string (r, "reason"), ==, "Document update conflict.");
  }
  json_object_remove_member (doc, "_rev");
  g_clear_pointer (&body, g_free);
  body = hlg_json_object_to_string (doc, FALSE);
  test_request_error (ts, "PUT", path, SEC, SEC_PW, body, 409, "conflict");
  {
    g_autoptr(TestResponse) r = test_request (ts, "GET", path, SEC, SEC_PW, NULL);

    g_assert_cmpint (json_object_get_int_member (test_response_object (r), "year"), ==, 2032);
    g_assert_cmpstr (test_response_string (r, "_rev"), ==, rev2);
  }

  /* Old revisions are not kept. */
  stale = g_strdup_printf ("%s?rev=%s", path, rev1);
  test_request_error (ts, "GET", stale, SEC, SEC_PW, NULL, 404, "not_found");

  /* A revision on a document that does not exist conflicts too. */
  {
    g_autoptr(JsonObject) ghost = new_cycle (2033);
    g_autofree char *ghost_path = doc_path (ghost);
    g_autofree char *ghost_body = NULL;
    g_autoptr(TestResponse) r = NULL;

    json_object_set_string_member (ghost, "_rev", rev1);
    ghost_body = hlg_json_object_to_string (ghost, FALSE);
    r = test_request (ts, "PUT", ghost_path, SEC, SEC_PW, ghost_body);
    test_assert_error (r, 409, "conflict");
  }

  /* Delete: without a revision it conflicts; with ?rev= it makes a tombstone. */
  test_request_error (ts, "DELETE", path, SEC, SEC_PW, NULL, 409, "conflict");
  delete_path = g_strdup_printf ("%s?rev=%s", path, rev2);
  {
    g_autoptr(TestResponse) r = test_request (ts, "DELETE", delete_path, SEC, SEC_PW, NULL);

    g_assert_cmpuint (r->status, ==, 200);
    g_assert_true (json_object_get_boolean_member (test_response_object (r), "ok"));
    rev3 = g_strdup (test_response_string (r, "rev"));
    g_assert_true (is_rev (rev3, 3));
  }
  {
    g_autoptr(TestResponse) r = test_request (ts, "GET", path, SEC, SEC_PW, NULL);

    test_assert_error (r, 404, "not_found");
    g_assert_cmpstr (test_response_string (r, "reason"), ==, "deleted");
  }
  test_request_error (ts, "DELETE", delete_path, SEC, SEC_PW, NULL, 404, "not_found");

  /* The tombstone is in _changes, with its revision and "deleted". */
  {
    g_autoptr(TestResponse) r = test_request (ts, "GET", "/hlgmos/_changes?include_docs=true", SEC, SEC_PW, NULL);
    JsonArray *results = results_of (r);
    gboolean found = FALSE;

    for (guint i = 0; i < json_array_get_length (results); i++)
      {
        JsonObject *change = json_array_get_object_element (results, i);

        if (!g_str_equal (json_object_get_string_member (change, "id"),
                          json_object_get_string_member (doc, "_id")))
          continue;
        g_assert_false (found);
        found = TRUE;
        g_assert_true (json_object_get_boolean_member (change, "deleted"));
        g_assert_cmpstr (json_object_get_string_member (json_array_get_object_element (
                           json_object_get_array_member (change, "changes"), 0), "rev"), ==, rev3);
        g_assert_true (json_object_get_boolean_member (json_object_get_object_member (change, "doc"),
                                                       "_deleted"));
        g_assert_false (json_object_has_member (json_object_get_object_member (change, "doc"), "year"));
      }
    g_assert_true (found);
  }

  /* _all_docs leaves it out. */
  {
    g_autoptr(TestResponse) r = test_request (ts, "GET", "/hlgmos/_all_docs", SEC, SEC_PW, NULL);

    g_assert_cmpuint (r->status, ==, 200);
    g_assert_null (strstr (r->text, json_object_get_string_member (doc, "_id")));
  }

  /* It can be made again, from the tombstone. */
  json_object_remove_member (doc, "_rev");
  {
    g_autofree char *rev4 = test_put (ts, SEC, SEC_PW, doc);

    g_assert_true (is_rev (rev4, 4));
  }

  /* DELETE with If-Match. */
  {
    g_autofree char *url = g_strconcat (ts->url, path, NULL);
    g_autoptr(SoupMessage) msg = soup_message_new ("DELETE", url);
    g_autofree char *etag = g_strdup_printf ("\"%s\"", json_object_get_string_member (doc, "_rev"));
    g_autofree char *pair = g_strdup (SEC ":" SEC_PW);
    g_autofree char *encoded = g_base64_encode ((const guchar *) pair, strlen (pair));
    g_autofree char *auth = g_strconcat ("Basic ", encoded, NULL);
    g_autoptr(GBytes) reply = NULL;

    soup_message_headers_replace (soup_message_get_request_headers (msg), "Authorization", auth);
    soup_message_headers_replace (soup_message_get_request_headers (msg), "If-Match", etag);
    reply = soup_session_send_and_read (ts->session, msg, NULL, NULL);
    g_assert_cmpuint (soup_message_get_status (msg), ==, 200);
  }

  missing_path = g_strconcat ("/hlgmos/", "cycle:00000000-0000-4000-8000-000000000000", NULL);
  test_request_error (ts, "DELETE", missing_path, SEC, SEC_PW, NULL, 404, "not_found");
}

static void
test_bulk_docs (void)
{
  g_autoptr(JsonObject) existing = new_cycle (2050);
  g_autoptr(JsonObject) fresh = new_cycle (2051);
  g_autoptr(JsonObject) invalid = new_doc (HLG_DOC_TYPE_PROPOSAL, "{\"title\":\"no cycle or status\"}");
  g_autoptr(JsonObject) to_delete = new_cycle (2052);
  g_autoptr(JsonObject) untyped = new_doc (HLG_DOC_TYPE_CYCLE, "{\"year\":2053}");
  g_autofree char *old_rev = NULL;
  g_autofree char *delete_rev = NULL;
  g_autoptr(JsonArray) docs = json_array_new ();
  g_autoptr(JsonObject) request = json_object_new ();
  g_autoptr(JsonObject) stale = NULL;
  g_autoptr(JsonObject) deletion = json_object_new ();
  g_autoptr(JsonObject) bad_id = new_cycle (2054);
  g_autoptr(JsonObject) no_id = new_cycle (2055);
  g_autofree char *body = NULL;
  g_autoptr(TestResponse) r = NULL;
  JsonArray *results;
  const char *expected[] = { NULL, "conflict", "bad_request", NULL, "bad_request", "bad_request",
                             "bad_request", NULL };

  old_rev = test_put (ts, SEC, SEC_PW, existing);
  delete_rev = test_put (ts, SEC, SEC_PW, to_delete);
  json_object_set_int_member (existing, "year", 2060);
  stale = hlg_json_object_deep_copy (existing);
  json_object_set_string_member (stale, "_rev", "1-00000000000000000000000000000000");
  json_object_set_string_member (untyped, "type", "nonsense");
  json_object_set_string_member (bad_id, "_id", "cycle:../../etc/passwd");
  json_object_remove_member (no_id, "_id");

  json_object_set_string_member (deletion, "_id", json_object_get_string_member (to_delete, "_id"));
  json_object_set_string_member (deletion, "_rev", delete_rev);
  json_object_set_boolean_member (deletion, "_deleted", TRUE);

  json_array_add_object_element (docs, json_object_ref (fresh));           /* ok */
  json_array_add_object_element (docs, json_object_ref (stale));           /* conflict */
  json_array_add_object_element (docs, json_object_ref (invalid));         /* fails validation */
  json_array_add_object_element (docs, json_object_ref (deletion));        /* ok: deleted */
  json_array_add_object_element (docs, json_object_ref (untyped));         /* unknown type */
  json_array_add_string_element (docs, "not an object");
  json_array_add_object_element (docs, json_object_ref (bad_id));          /* bad ID */
  json_array_add_object_element (docs, json_object_ref (no_id));           /* ok: ID made */
  json_object_set_array_member (request, "docs", json_array_ref (docs));
  body = hlg_json_object_to_string (request, FALSE);

  r = test_request (ts, "POST", "/hlgmos/_bulk_docs", SEC, SEC_PW, body);
  g_assert_cmpuint (r->status, ==, 201);
  g_assert_true (JSON_NODE_HOLDS_ARRAY (r->json));
  results = json_node_get_array (r->json);
  g_assert_cmpuint (json_array_get_length (results), ==, G_N_ELEMENTS (expected));

  for (guint i = 0; i < G_N_ELEMENTS (expected); i++)
    {
      JsonObject *result = json_array_get_object_element (results, i);

      if (expected[i] == NULL)
        {
          g_assert_true (json_object_get_boolean_member (result, "ok"));
          g_assert_nonnull (json_object_get_string_member (result, "rev"));
          g_assert_true (hlg_id_is_valid (json_object_get_string_member (result, "id")));
        }
      else
        {
          g_assert_false (json_object_has_member (result, "ok"));
          g_assert_cmpstr (json_object_get_string_member (result, "error"), ==, expected[i]);
          g_assert_nonnull (json_object_get_string_member (result, "reason"));
        }
    }
  g_assert_cmpstr (json_object_get_string_member (json_array_get_object_element (results, 0), "id"), ==,
                   json_object_get_string_member (fresh, "_id"));
  g_assert_cmpstr (json_object_get_string_member (json_array_get_object_element (results, 1), "id"), ==,
                   json_object_get_string_member (existing, "_id"));
  g_assert_true (g_str_has_prefix (json_object_get_string_member (json_array_get_object_element (results, 7),
                                                                  "id"), "cycle:"));
  g_assert_true (is_rev (json_object_get_string_member (json_array_get_object_element (results, 3), "rev"), 2));

  /* What succeeded is stored; what failed is not. */
  {
    g_autofree char *path = doc_path (fresh);
    g_autoptr(TestResponse) got = test_request (ts, "GET", path, SEC, SEC_PW, NULL);

    g_assert_cmpuint (got->status, ==, 200);
  }
  {
    g_autofree char *path = doc_path (existing);
    g_autoptr(TestResponse) got = test_request (ts, "GET", path, SEC, SEC_PW, NULL);

    g_assert_cmpint (json_object_get_int_member (test_response_object (got), "year"), ==, 2050);
    g_assert_cmpstr (test_response_string (got, "_rev"), ==, old_rev);
  }
  {
    g_autofree char *path = doc_path (invalid);
    g_autoptr(TestResponse) got = test_request (ts, "GET", path, SEC, SEC_PW, NULL);

    test_assert_error (got, 404, "not_found");
    g_assert_cmpstr (test_response_string (got, "reason"), ==, "missing");
  }
  {
    g_autofree char *path = doc_path (to_delete);
    g_autoptr(TestResponse) got = test_request (ts, "GET", path, SEC, SEC_PW, NULL);

    g_assert_cmpstr (test_response_string (got, "reason"), ==, "deleted");
  }

  /* Malformed requests as a whole. */
  {
    g_autoptr(TestResponse) no_docs = test_request (ts, "POST", "/hlgmos/_bulk_docs", SEC, SEC_PW, "{}");
    g_autoptr(TestResponse) new_edits = test_request (ts, "POST", "/hlgmos/_bulk_docs", SEC, SEC_PW,
                                                      "{\"docs\":[],\"new_edits\":false}");
    g_autoptr(TestResponse) get = test_request (ts, "GET", "/hlgmos/_bulk_docs", SEC, SEC_PW, NULL);

    test_assert_error (no_docs, 400, "bad_request");
    test_assert_error (new_edits, 400, "bad_request");
    test_assert_error (get, 405, "method_not_allowed");
  }
}

static void
test_changes (void)
{
  g_autofree char *start = current_seq ();
  g_autoptr(GPtrArray) docs = g_ptr_array_new_with_free_func ((GDestroyNotify) json_object_unref);
  g_autofree char *path = NULL;
  g_autofree char *since = NULL;
  g_autoptr(GPtrArray) seen = g_ptr_array_new_with_free_func (g_free);

  for (int i = 0; i < 5; i++)
    {
      JsonObject *doc = new_cycle (2100 + i);
      g_autofree char *rev = test_put (ts, SEC, SEC_PW, doc);

      g_ptr_array_add (docs, doc);
    }

  /* Page by two: 2, 2, 1, then nothing. */
  since = g_strdup (start);
  for (guint page = 0; page < 4; page++)
    {
      g_autofree char *url = g_strdup_printf ("/hlgmos/_changes?since=%s&limit=2%s", since,
                                              page == 0 ? "&include_docs=true" : "");
      g_autoptr(TestResponse) r = test_request (ts, "GET", url, SEC, SEC_PW, NULL);
      JsonArray *results = results_of (r);
      JsonObject *object = test_response_object (r);
      guint expected = page < 2 ? 2 : page == 2 ? 1 : 0;
      gint64 expected_pending = page == 0 ? 3 : page == 1 ? 1 : 0;

      g_assert_cmpuint (json_array_get_length (results), ==, expected);
      g_assert_cmpint (json_object_get_int_member (object, "pending"), ==, expected_pending);
      for (guint i = 0; i < expected; i++)
        {
          JsonObject *change = json_array_get_object_element (results, i);

          g_assert_nonnull (json_object_get_string_member (change, "seq"));
          g_ptr_array_add (seen, g_strdup (json_object_get_string_member (change, "id")));
          g_assert_true (json_object_has_member (change, "doc") == (page == 0));
          g_assert_false (json_object_has_member (change, "deleted"));
          if (page == 0)
            g_assert_cmpstr (json_object_get_string_member (json_object_get_object_member (change, "doc"), "type"),
                             ==, "cycle");
        }
      if (expected > 0)
        g_assert_cmpstr (json_object_get_string_member (object, "last_seq"), ==,
                         json_object_get_string_member (json_array_get_object_element (results, expected - 1),
                                                        "seq"));
      else
        g_assert_cmpstr (json_object_get_string_member (object, "last_seq"), ==, since);
      g_free (since);
      since = g_strdup (json_object_get_string_member (object, "last_seq"));
    }

  g_assert_cmpuint (seen->len, ==, 5);
  for (guint i = 0; i < 5; i++)
    g_assert_cmpstr (seen->pdata[i], ==, json_object_get_string_member (docs->pdata[i], "_id"));

  /* An edit moves a document to the end; it is listed once. */
  json_object_set_int_member (docs->pdata[0], "year", 2199);
  g_free (test_put (ts, SEC, SEC_PW, docs->pdata[0]));
  {
    g_autofree char *url = g_strdup_printf ("/hlgmos/_changes?since=%s", start);
    g_autoptr(TestResponse) r = test_request (ts, "GET", url, SEC, SEC_PW, NULL);
    JsonArray *results = results_of (r);

    g_assert_cmpuint (json_array_get_length (results), ==, 5);
    g_assert_cmpstr (json_object_get_string_member (json_array_get_object_element (results, 4), "id"), ==,
                     json_object_get_string_member (docs->pdata[0], "_id"));
  }

  /* A sequence from another server starts again from the beginning. */
  {
    g_autoptr(TestResponse) r = test_request (ts, "GET", "/hlgmos/_changes?since=999999-deadbeef&limit=1",
                                              SEC, SEC_PW, NULL);

    g_assert_cmpuint (json_array_get_length (results_of (r)), ==, 1);
  }
  {
    g_autoptr(TestResponse) bad = test_request (ts, "GET", "/hlgmos/_changes?since=banana", SEC, SEC_PW, NULL);
    g_autoptr(TestResponse) bad_limit = test_request (ts, "GET", "/hlgmos/_changes?limit=-1", SEC, SEC_PW, NULL);
    g_autoptr(TestResponse) bad_feed = test_request (ts, "GET", "/hlgmos/_changes?feed=continuous",
                                                     SEC, SEC_PW, NULL);

    test_assert_error (bad, 400, "bad_request");
    test_assert_error (bad_limit, 400, "bad_request");
    test_assert_error (bad_feed, 400, "bad_request");
  }
  (void) path;
}

typedef struct
{
  TestServer *ts;
  char       *path;
  TestResponse *response;
} LongpollData;

static gpointer
longpoll_thread (gpointer user_data)
{
  LongpollData *data = user_data;
  g_autoptr(SoupSession) session = soup_session_new ();

  soup_session_set_timeout (session, 30);
  data->response = test_request_full (data->ts, session, "GET", data->path, SEC, SEC_PW, NULL, NULL, NULL);

  return NULL;
}

static void
wait_for_waiting (guint n)
{
  /* The longpoll is registered in the server thread; yield until it is. */
  while (hlg_server_get_n_waiting (ts->server) != n)
    g_thread_yield ();
}

static void
test_longpoll_change (void)
{
  g_autofree char *since = current_seq ();
  g_autoptr(JsonObject) doc = new_cycle (2150);
  LongpollData data = { ts, NULL, NULL };
  GThread *thread;
  JsonArray *results;

  data.path = g_strdup_printf ("/hlgmos/_changes?feed=longpoll&since=%s&timeout=30000&include_docs=true",
                               since);
  thread = g_thread_new ("longpoll", longpoll_thread, &data);
  wait_for_waiting (1);
  g_assert_null (data.response);

  g_free (test_put (ts, SEC, SEC_PW, doc));
  g_thread_join (thread);
  wait_for_waiting (0);

  results = results_of (data.response);
  g_assert_cmpuint (json_array_get_length (results), ==, 1);
  g_assert_cmpstr (json_object_get_string_member (json_array_get_object_element (results, 0), "id"), ==,
                   json_object_get_string_member (doc, "_id"));
  g_assert_cmpstr (json_object_get_string_member (test_response_object (data.response), "last_seq"), !=, since);

  test_response_free (data.response);
  g_free (data.path);
}

static void
test_longpoll_timeout (void)
{
  g_autofree char *since = current_seq ();
  g_autofree char *path = g_strdup_printf ("/hlgmos/_changes?feed=longpoll&since=%s&timeout=300", since);
  gint64 start = g_get_monotonic_time ();
  g_autoptr(TestResponse) r = test_request (ts, "GET", path, SEC, SEC_PW, NULL);
  gint64 elapsed = g_get_monotonic_time () - start;

  g_assert_cmpuint (json_array_get_length (results_of (r)), ==, 0);
  g_assert_cmpstr (test_response_string (r, "last_seq"), ==, since);
  /* It waited for the timeout, not less. */
  g_assert_cmpint (elapsed, >=, 290 * 1000);
  g_assert_cmpuint (hlg_server_get_n_waiting (ts->server), ==, 0);

  /* A normal feed with nothing new answers at once. */
  {
    g_autofree char *normal = g_strdup_printf ("/hlgmos/_changes?since=%s", since);
    g_autoptr(TestResponse) n = test_request (ts, "GET", normal, SEC, SEC_PW, NULL);

    g_assert_cmpuint (json_array_get_length (results_of (n)), ==, 0);
    g_assert_cmpint (json_object_get_int_member (test_response_object (n), "pending"), ==, 0);
  }
}

/* Each bad input: its status and error, and nothing stored. */
static void
assert_rejected (const char *method,
                 const char *path,
                 GBytes     *body,
                 guint       status,
                 const char *error)
{
  g_autofree char *before = current_seq ();
  g_autofree char *after = NULL;
  g_autoptr(TestResponse) r = test_request_full (ts, NULL, method, path, SEC, SEC_PW, NULL, body, NULL);

  test_assert_error (r, status, error);
  after = current_seq ();
  g_assert_cmpstr (before, ==, after);
}

static void
reject_text (const char *path,
             const char *text,
             guint       status,
             const char *error)
{
  g_autoptr(GBytes) body = g_bytes_new (text, strlen (text));

  assert_rejected ("PUT", path, body, status, error);
}

static void
test_bad_input (void)
{
  g_autoptr(JsonObject) doc = new_cycle (2160);
  g_autofree char *path = doc_path (doc);
  g_autofree char *good = hlg_json_object_to_string (doc, FALSE);
  g_autofree char *wrong_type = NULL;
  g_autofree char *unknown_type = NULL;
  g_autofree char *invalid = NULL;
  g_autofree char *other_id = NULL;
  g_autofree char *special = NULL;
  g_autofree char *nul = NULL;
  g_autoptr(GString) big = g_string_new ("{\"_id\":\"");
  g_autoptr(GBytes) big_bytes = NULL;
  g_autoptr(GBytes) bad_utf8 = NULL;
  g_autoptr(JsonObject) copy = NULL;
  static const char bad_utf8_text[] = "{\"type\":\"cycle\",\"schema\":1,\"year\":2160,\"title\":\"\xff\xfe\"}";

  /* Malformed JSON, not an object, an empty body. */
  reject_text (path, "{\"type\": \"cycle\", ", 400, "bad_request");
  reject_text (path, "[1, 2, 3]", 400, "bad_request");
  reject_text (path, "", 400, "bad_request");

  /* Invalid UTF-8. */
  bad_utf8 = g_bytes_new (bad_utf8_text, sizeof bad_utf8_text - 1);
  assert_rejected ("PUT", path, bad_utf8, 400, "bad_request");

  /* Over 8 MB. */
  g_string_append (big, json_object_get_string_member (doc, "_id"));
  g_string_append (big, "\",\"type\":\"cycle\",\"schema\":1,\"year\":2160,\"title\":\"");
  while (big->len < HLG_SERVER_MAX_BODY + 1024)
    g_string_append (big, "aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa");
  g_string_append (big, "\"}");
  big_bytes = g_bytes_new (big->str, big->len);
  assert_rejected ("PUT", path, big_bytes, 413, "too_large");

  /* Bad IDs in the URL. */
  reject_text ("/hlgmos/cycle:not-a-uuid", good, 400, "bad_request");
  reject_text ("/hlgmos/cycle:3F2504E0-4F89-11D3-9A0C-0305E82C3301", good, 400, "bad_request");
  reject_text ("/hlgmos/nothing:3f2504e0-4f89-11d3-9a0c-0305e82c3301", good, 400, "bad_request");
  reject_text ("/hlgmos/cycle%2F3f2504e0-4f89-11d3-9a0c-0305e82c3301", good, 400, "bad_request");
  /* libsoup refuses these paths itself, before any handler, with a bare 400. */
  {
    const char *paths[] = { "/hlgmos/..%2F..%2Fetc%2Fpasswd", "/hlgmos/cycle%003f2504e0-4f89-11d3-9a0c-0305e82c3301" };
    g_autofree char *before = current_seq ();
    g_autofree char *after = NULL;

    for (guint i = 0; i < G_N_ELEMENTS (paths); i++)
      {
        g_autoptr(TestResponse) r = test_request (ts, "PUT", paths[i], SEC, SEC_PW, good);

        g_assert_cmpuint (r->status, ==, 400);
      }
    after = current_seq ();
    g_assert_cmpstr (before, ==, after);
  }
  test_request_error (ts, "GET", "/hlgmos/x%3Ay", SEC, SEC_PW, NULL, 400, "bad_request");

  /* The body's _id differs from the URL's. */
  copy = hlg_json_object_deep_copy (doc);
  other_id = hlg_id_new (HLG_DOC_TYPE_CYCLE);
  json_object_set_string_member (copy, "_id", other_id);
  {
    g_autofree char *text = hlg_json_object_to_string (copy, FALSE);

    reject_text (path, text, 400, "bad_request");
  }

  /* An unknown type; a type that does not match the ID. */
  json_object_set_string_member (copy, "_id", json_object_get_string_member (doc, "_id"));
  json_object_set_string_member (copy, "type", "spaceship");
  unknown_type = hlg_json_object_to_string (copy, FALSE);
  reject_text (path, unknown_type, 400, "bad_request");
  json_object_set_string_member (copy, "type", "priority");
  wrong_type = hlg_json_object_to_string (copy, FALSE);
  reject_text (path, wrong_type, 400, "bad_request");

  /* Fails the schema: a missing required field, a wrong kind of value. */
  json_object_set_string_member (copy, "type", "cycle");
  json_object_remove_member (copy, "year");
  invalid = hlg_json_object_to_string (copy, FALSE);
  reject_text (path, invalid, 400, "bad_request");
  json_object_set_string_member (copy, "year", "two thousand");
  {
    g_autofree char *text = hlg_json_object_to_string (copy, FALSE);

    reject_text (path, text, 400, "bad_request");
  }
  json_object_set_int_member (copy, "year", 2160);
  json_object_remove_member (copy, "schema");
  {
    g_autofree char *text = hlg_json_object_to_string (copy, FALSE);

    reject_text (path, text, 400, "bad_request");
  }

  /* An unknown special member. */
  json_object_set_int_member (copy, "schema", 1);
  json_object_set_string_member (copy, "_attachments", "x");
  special = hlg_json_object_to_string (copy, FALSE);
  reject_text (path, special, 400, "bad_request");

  /* A NUL byte in the body. */
  {
    static const char text[] = "{\"type\":\"cycle\",\"schema\":1,\"year\":2160}\0junk";
    g_autoptr(GBytes) bytes = g_bytes_new (text, sizeof text - 1);

    assert_rejected ("PUT", path, bytes, 400, "bad_request");
  }
  (void) nul;

  /* And after all that, the document was never stored; a good PUT works. */
  {
    g_autoptr(TestResponse) r = test_request (ts, "GET", path, SEC, SEC_PW, NULL);

    test_assert_error (r, 404, "not_found");
    g_assert_cmpstr (test_response_string (r, "reason"), ==, "missing");
  }
  g_free (test_put (ts, SEC, SEC_PW, doc));
}

static void
test_all_docs (void)
{
  g_autoptr(JsonObject) a = new_cycle (2170);
  g_autoptr(JsonObject) b = new_cycle (2171);
  g_autofree char *rev_b = NULL;
  g_autofree char *delete_path = NULL;
  g_autofree char *keys_json = NULL;
  g_autofree char *keys_body = NULL;
  g_autofree char *missing = hlg_id_new (HLG_DOC_TYPE_CYCLE);

  g_free (test_put (ts, SEC, SEC_PW, a));
  rev_b = test_put (ts, SEC, SEC_PW, b);
  delete_path = g_strdup_printf ("/hlgmos/%s?rev=%s", json_object_get_string_member (b, "_id"), rev_b);
  {
    g_autoptr(TestResponse) r = test_request (ts, "DELETE", delete_path, SEC, SEC_PW, NULL);

    g_assert_cmpuint (r->status, ==, 200);
  }

  {
    g_autoptr(TestResponse) r = test_request (ts, "GET", "/hlgmos/_all_docs?include_docs=true", SEC, SEC_PW, NULL);
    JsonArray *rows = json_object_get_array_member (test_response_object (r), "rows");
    const char *previous = "";
    gboolean found_a = FALSE;

    g_assert_cmpint (json_object_get_int_member (test_response_object (r), "total_rows"), ==,
                     json_array_get_length (rows));
    for (guint i = 0; i < json_array_get_length (rows); i++)
      {
        JsonObject *row = json_array_get_object_element (rows, i);
        const char *id = json_object_get_string_member (row, "id");

        /* Sorted by ID. */
        g_assert_cmpint (strcmp (previous, id), <, 0);
        previous = id;
        g_assert_cmpstr (json_object_get_string_member (row, "key"), ==, id);
        g_assert_cmpstr (json_object_get_string_member (json_object_get_object_member (row, "doc"), "_id"), ==, id);
        g_assert_cmpstr (id, !=, json_object_get_string_member (b, "_id"));
        if (g_str_equal (id, json_object_get_string_member (a, "_id")))
          found_a = TRUE;
      }
    g_assert_true (found_a);
  }

  keys_json = g_strdup_printf ("[\"%s\",\"%s\",\"%s\"]", json_object_get_string_member (a, "_id"),
                               missing, json_object_get_string_member (b, "_id"));
  keys_body = g_strdup_printf ("{\"keys\":%s}", keys_json);
  {
    g_autoptr(TestResponse) r = test_request (ts, "POST", "/hlgmos/_all_docs?include_docs=true", SEC, SEC_PW,
                                              keys_body);
    JsonArray *rows = json_object_get_array_member (test_response_object (r), "rows");
    JsonObject *row;

    g_assert_cmpuint (json_array_get_length (rows), ==, 3);
    row = json_array_get_object_element (rows, 0);
    g_assert_cmpint (json_object_get_int_member (json_object_get_object_member (row, "doc"), "year"), ==, 2170);
    row = json_array_get_object_element (rows, 1);
    g_assert_cmpstr (json_object_get_string_member (row, "error"), ==, "not_found");
    row = json_array_get_object_element (rows, 2);
    g_assert_true (json_object_get_boolean_member (json_object_get_object_member (row, "value"), "deleted"));
    g_assert_true (json_object_get_null_member (row, "doc"));
  }
  {
    g_autofree char *query = g_uri_escape_string (keys_json, NULL, FALSE);
    g_autofree char *url = NULL;
    g_autoptr(TestResponse) r = NULL;

    url = g_strdup_printf ("/hlgmos/_all_docs?keys=%s", query);
    r = test_request (ts, "GET", url, SEC, SEC_PW, NULL);
    g_assert_cmpuint (r->status, ==, 200);
    g_assert_cmpuint (json_array_get_length (json_object_get_array_member (test_response_object (r), "rows")),
                      ==, 3);
  }
  test_request_error (ts, "POST", "/hlgmos/_all_docs", SEC, SEC_PW, "{\"keys\":[1]}",
                      400, "bad_request");
}

static void
test_restart (void)
{
  TestServer *first = test_server_new (NULL);
  TestServer *second;
  g_autoptr(GError) error = NULL;
  g_autoptr(JsonObject) doc = new_cycle (2180);
  g_autofree char *dir = g_strdup (first->dir);
  g_autofree char *db_path = g_strdup (first->db_path);
  g_autofree char *uuid = NULL;
  g_autofree char *rev = NULL;
  g_autofree char *last_seq = NULL;
  g_autofree char *path = doc_path (doc);

  hlg_server_add_user (first->server, "admin", "pw-admin", "secretariat", NULL, &error);
  g_assert_no_error (error);
  test_server_start (first);
  uuid = g_strdup (hlg_server_get_uuid (first->server));
  rev = test_put (first, "admin", "pw-admin", doc);
  {
    g_autoptr(TestResponse) r = test_request (first, "GET", "/hlgmos/_changes", "admin", "pw-admin", NULL);

    last_seq = g_strdup (test_response_string (r, "last_seq"));
  }
  /* Keep the files: the harness only removes a directory it owns. */
  g_clear_pointer (&first->dir, g_free);
  test_server_free (first);

  second = test_server_new (db_path);
  test_server_start (second);
  g_assert_cmpstr (hlg_server_get_uuid (second->server), ==, uuid);
  {
    g_autoptr(TestResponse) root = test_request (second, "GET", "/", NULL, NULL, NULL);
    g_autoptr(TestResponse) got = test_request (second, "GET", path, "admin", "pw-admin", NULL);
    g_autoptr(TestResponse) changes = test_request (second, "GET", "/hlgmos/_changes", "admin", "pw-admin", NULL);

    g_assert_cmpstr (test_response_string (root, "uuid"), ==, uuid);
    g_assert_cmpuint (got->status, ==, 200);
    g_assert_cmpstr (test_response_string (got, "_rev"), ==, rev);
    g_assert_cmpint (json_object_get_int_member (test_response_object (got), "year"), ==, 2180);
    g_assert_cmpstr (test_response_string (changes, "last_seq"), ==, last_seq);
  }
  json_object_set_int_member (doc, "year", 2181);
  {
    g_autofree char *rev2 = test_put (second, "admin", "pw-admin", doc);

    g_assert_true (is_rev (rev2, 2));
  }
  second->dir = g_steal_pointer (&dir);
  test_server_free (second);
}

static void
test_plain_http_refused (void)
{
  g_autofree char *dir = g_dir_make_tmp ("hlg-test-server-XXXXXX", NULL);
  g_autofree char *db = g_build_filename (dir, "plain.db", NULL);
  g_autofree char *wal = g_strconcat (db, "-wal", NULL);
  g_autofree char *shm = g_strconcat (db, "-shm", NULL);
  g_autoptr(GError) error = NULL;
  HlgServer *server = hlg_server_new (db, &error);
  const char *addresses[] = { "0.0.0.0", "::", "192.0.2.1" };

  g_assert_no_error (error);
  for (guint i = 0; i < G_N_ELEMENTS (addresses); i++)
    {
      g_assert_false (hlg_server_listen (server, addresses[i], 0, NULL, &error));
      g_assert_error (error, HLG_SERVER_ERROR, HLG_SERVER_ERROR_INSECURE);
      g_clear_error (&error);
    }
  g_assert_false (hlg_server_listen (server, "not an address", 0, NULL, &error));
  g_assert_error (error, HLG_SERVER_ERROR, HLG_SERVER_ERROR_FAILED);
  g_clear_error (&error);

  g_object_unref (server);
  g_remove (db);
  g_remove (wal);
  g_remove (shm);
  g_rmdir (dir);
}

/* The one entry of a _bulk_get result for the document @i asked for. */
static JsonObject *
bulk_get_entry (TestResponse *r,
                guint         i)
{
  JsonArray *results = results_of (r);
  JsonObject *result = json_array_get_object_element (results, i);
  JsonArray *docs = json_object_get_array_member (result, "docs");

  g_assert_cmpuint (json_array_get_length (docs), ==, 1);
  return json_array_get_object_element (docs, 0);
}

static void
assert_bulk_get_error (TestResponse *r,
                       guint         i,
                       const char   *error,
                       const char   *reason)
{
  JsonObject *entry = bulk_get_entry (r, i);
  JsonObject *detail;

  g_assert_false (json_object_has_member (entry, "ok"));
  detail = json_object_get_object_member (entry, "error");
  g_assert_cmpstr (json_object_get_string_member (detail, "error"), ==, error);
  if (reason != NULL)
    g_assert_cmpstr (json_object_get_string_member (detail, "reason"), ==, reason);
  else
    g_assert_nonnull (json_object_get_string_member (detail, "reason"));
}

/* "_revisions" holds the current revision only: {"start":N,"ids":[hash]}. */
static void
assert_revisions (JsonObject *doc,
                  const char *rev)
{
  JsonObject *revisions = json_object_get_object_member (doc, "_revisions");
  JsonArray *ids = json_object_get_array_member (revisions, "ids");
  g_autofree char *generation = g_strndup (rev, strchr (rev, '-') - rev);

  g_assert_cmpint (json_object_get_int_member (revisions, "start"), ==,
                   g_ascii_strtoll (generation, NULL, 10));
  g_assert_cmpuint (json_array_get_length (ids), ==, 1);
  g_assert_cmpstr (json_array_get_string_element (ids, 0), ==, strchr (rev, '-') + 1);
}

static void
test_bulk_get (void)
{
  g_autoptr(JsonObject) doc = new_cycle (2060);
  g_autoptr(JsonObject) gone = new_cycle (2061);
  g_autofree char *first_rev = test_put (ts, SEC, SEC_PW, doc);
  g_autofree char *rev = NULL;
  g_autofree char *gone_rev = test_put (ts, SEC, SEC_PW, gone);
  g_autofree char *gone_path = doc_path (gone);
  g_autofree char *delete_path = g_strdup_printf ("%s?rev=%s", gone_path, gone_rev);
  g_autoptr(TestResponse) deleted = test_request (ts, "DELETE", delete_path, SEC, SEC_PW, NULL);
  g_autofree char *missing = hlg_id_new (HLG_DOC_TYPE_CYCLE);
  const char *id = json_object_get_string_member (doc, "_id");
  const char *gone_id = json_object_get_string_member (gone, "_id");
  const char *tombstone_rev = test_response_string (deleted, "rev");
  g_autofree char *body = NULL;
  g_autoptr(TestResponse) r = NULL;
  JsonObject *ok;

  json_object_set_int_member (doc, "year", 2062);
  rev = test_put (ts, SEC, SEC_PW, doc);
  g_assert_cmpuint (deleted->status, ==, 200);

  body = g_strdup_printf ("{\"docs\":[{\"id\":\"%s\"},{\"id\":\"%s\",\"rev\":\"%s\"},"
                          "{\"id\":\"%s\",\"rev\":\"%s\"},{\"id\":\"%s\"},"
                          "{\"id\":\"%s\",\"rev\":\"%s\"},{\"id\":\"%s\"},"
                          "{\"rev\":\"1-x\"},{\"id\":5},\"text\",{\"id\":\"not an id\"},"
                          "{\"id\":\"%s\",\"rev\":7}]}",
                          id, id, rev, id, "9-0123", missing, gone_id, tombstone_rev, gone_id, id);
  r = test_request (ts, "POST", "/hlgmos/_bulk_get?revs=true&latest=true", SEC, SEC_PW, body);
  g_assert_cmpuint (json_array_get_length (results_of (r)), ==, 11);
  g_assert_cmpstr (json_object_get_string_member (json_array_get_object_element (results_of (r), 0),
                                                  "id"), ==, id);

  /* Without a rev, and with the current one: the document, with its history. */
  for (guint i = 0; i < 2; i++)
    {
      ok = json_object_get_object_member (bulk_get_entry (r, i), "ok");
      g_assert_cmpstr (json_object_get_string_member (ok, "_id"), ==, id);
      g_assert_cmpstr (json_object_get_string_member (ok, "_rev"), ==, rev);
      g_assert_cmpint (json_object_get_int_member (ok, "year"), ==, 2062);
      assert_revisions (ok, rev);
    }
  assert_bulk_get_error (r, 2, "not_found", "missing");
  assert_bulk_get_error (r, 3, "not_found", "missing");

  /* A tombstone asked for by its rev: the stub, as replicators want it. */
  ok = json_object_get_object_member (bulk_get_entry (r, 4), "ok");
  g_assert_true (json_object_get_boolean_member (ok, "_deleted"));
  g_assert_cmpstr (json_object_get_string_member (ok, "_rev"), ==, tombstone_rev);
  g_assert_false (json_object_has_member (ok, "year"));
  assert_revisions (ok, tombstone_rev);
  assert_bulk_get_error (r, 5, "not_found", "deleted");
  for (guint i = 6; i < 11; i++)
    assert_bulk_get_error (r, i, "bad_request", NULL);
  g_clear_pointer (&r, test_response_free);

  /* latest=true: an earlier revision gets the current one; without, it is missing. */
  g_free (body);
  body = g_strdup_printf ("{\"docs\":[{\"id\":\"%s\",\"rev\":\"%s\"}]}", id, first_rev);
  r = test_request (ts, "POST", "/hlgmos/_bulk_get?latest=true", SEC, SEC_PW, body);
  ok = json_object_get_object_member (bulk_get_entry (r, 0), "ok");
  g_assert_cmpstr (json_object_get_string_member (ok, "_rev"), ==, rev);
  g_assert_false (json_object_has_member (ok, "_revisions"));
  g_clear_pointer (&r, test_response_free);
  r = test_request (ts, "POST", "/hlgmos/_bulk_get", SEC, SEC_PW, body);
  assert_bulk_get_error (r, 0, "not_found", "missing");
  g_clear_pointer (&r, test_response_free);

  /* Bad requests as a whole. */
  test_request_error (ts, "POST", "/hlgmos/_bulk_get", SEC, SEC_PW, "{\"docs\":{}}",
                      400, "bad_request");
  test_request_error (ts, "POST", "/hlgmos/_bulk_get", SEC, SEC_PW, "[1]", 400, "bad_request");
  test_request_error (ts, "POST", "/hlgmos/_bulk_get", SEC, SEC_PW, "{\"docs\":[",
                      400, "bad_request");
  test_request_error (ts, "GET", "/hlgmos/_bulk_get", SEC, SEC_PW, NULL, 405, "method_not_allowed");
  test_request_error (ts, "POST", "/hlgmos/_bulk_get", NULL, NULL, body, 401, "unauthorized");
}

static void
test_open_revs (void)
{
  g_autoptr(JsonObject) doc = new_cycle (2063);
  g_autofree char *rev = test_put (ts, SEC, SEC_PW, doc);
  g_autofree char *path = doc_path (doc);
  g_autofree char *all = g_strconcat (path, "?open_revs=all&revs=true", NULL);
  g_autofree char *listed = g_strdup_printf ("%s?open_revs=%%5B%%22%s%%22,%%229-abc%%22%%5D", path,
                                             rev);
  g_autofree char *bad = g_strconcat (path, "?open_revs=%5B1%5D", NULL);
  g_autofree char *missing_id = hlg_id_new (HLG_DOC_TYPE_CYCLE);
  g_autofree char *missing = g_strdup_printf ("/hlgmos/%s?open_revs=all", missing_id);
  g_autoptr(TestResponse) r = test_request (ts, "GET", all, SEC, SEC_PW, NULL);
  JsonArray *array;
  JsonObject *ok;

  g_assert_cmpuint (r->status, ==, 200);
  array = json_node_get_array (r->json);
  g_assert_cmpuint (json_array_get_length (array), ==, 1);
  ok = json_object_get_object_member (json_array_get_object_element (array, 0), "ok");
  g_assert_cmpstr (json_object_get_string_member (ok, "_rev"), ==, rev);
  assert_revisions (ok, rev);
  g_clear_pointer (&r, test_response_free);

  r = test_request (ts, "GET", listed, SEC, SEC_PW, NULL);
  g_assert_cmpuint (r->status, ==, 200);
  array = json_node_get_array (r->json);
  g_assert_cmpuint (json_array_get_length (array), ==, 2);
  ok = json_object_get_object_member (json_array_get_object_element (array, 0), "ok");
  g_assert_cmpstr (json_object_get_string_member (ok, "_rev"), ==, rev);
  g_assert_false (json_object_has_member (ok, "_revisions"));
  g_assert_cmpstr (json_object_get_string_member (json_array_get_object_element (array, 1),
                                                  "missing"), ==, "9-abc");
  g_clear_pointer (&r, test_response_free);

  test_request_error (ts, "GET", bad, SEC, SEC_PW, NULL, 400, "bad_request");
  test_request_error (ts, "GET", missing, SEC, SEC_PW, NULL, 404, "not_found");
}

static void
test_revs_diff (void)
{
  g_autoptr(JsonObject) doc = new_cycle (2064);
  g_autofree char *rev = test_put (ts, SEC, SEC_PW, doc);
  g_autofree char *other = hlg_id_new (HLG_DOC_TYPE_CYCLE);
  const char *id = json_object_get_string_member (doc, "_id");
  g_autofree char *body = g_strdup_printf ("{\"%s\":[\"%s\",\"9-abc\"],\"%s\":[\"1-def\"]}",
                                           id, rev, other);
  g_autoptr(TestResponse) r = test_request (ts, "POST", "/hlgmos/_revs_diff", SEC, SEC_PW, body);
  JsonObject *object;
  JsonArray *missing;

  g_assert_cmpuint (r->status, ==, 200);
  object = test_response_object (r);
  g_assert_cmpuint (json_object_get_size (object), ==, 2);
  missing = json_object_get_array_member (json_object_get_object_member (object, id), "missing");
  g_assert_cmpuint (json_array_get_length (missing), ==, 1);
  g_assert_cmpstr (json_array_get_string_element (missing, 0), ==, "9-abc");
  missing = json_object_get_array_member (json_object_get_object_member (object, other), "missing");
  g_assert_cmpstr (json_array_get_string_element (missing, 0), ==, "1-def");
  g_clear_pointer (&r, test_response_free);

  g_free (body);
  body = g_strdup_printf ("{\"%s\":[\"%s\"]}", id, rev);
  r = test_request (ts, "POST", "/hlgmos/_revs_diff", SEC, SEC_PW, body);
  g_assert_cmpstr (r->text, ==, "{}\n");
  g_clear_pointer (&r, test_response_free);

  test_request_error (ts, "POST", "/hlgmos/_revs_diff", SEC, SEC_PW, "{\"x\":\"1-a\"}",
                      400, "bad_request");
  test_request_error (ts, "POST", "/hlgmos/_revs_diff", SEC, SEC_PW, "{\"x\":[1]}",
                      400, "bad_request");
}

static void
test_local (void)
{
  g_autoptr(TestResponse) r = NULL;
  g_autofree char *long_path = NULL;
  g_autofree char *big = NULL;
  g_autoptr(GError) error = NULL;
  const char *path = "/hlgmos/_local/Ab0-_.~=+x";
  JsonObject *object;

  test_request_error (ts, "GET", path, SEC, SEC_PW, NULL, 404, "not_found");

  r = test_request (ts, "PUT", path, SEC, SEC_PW, "{\"last_seq\":\"5-abc\",\"history\":[]}");
  g_assert_cmpuint (r->status, ==, 201);
  g_assert_cmpstr (test_response_string (r, "id"), ==, "_local/Ab0-_.~=+x");
  g_assert_cmpstr (test_response_string (r, "rev"), ==, "0-1");
  g_clear_pointer (&r, test_response_free);

  r = test_request (ts, "GET", path, SEC, SEC_PW, NULL);
  g_assert_cmpuint (r->status, ==, 200);
  object = test_response_object (r);
  g_assert_cmpstr (json_object_get_string_member (object, "_id"), ==, "_local/Ab0-_.~=+x");
  g_assert_cmpstr (json_object_get_string_member (object, "_rev"), ==, "0-1");
  g_assert_cmpstr (json_object_get_string_member (object, "last_seq"), ==, "5-abc");
  g_clear_pointer (&r, test_response_free);

  /* Updates name the revision they replace. */
  test_request_error (ts, "PUT", path, SEC, SEC_PW, "{\"last_seq\":\"6-abc\"}", 409, "conflict");
  test_request_error (ts, "PUT", path, SEC, SEC_PW, "{\"_rev\":\"0-9\",\"last_seq\":\"6-abc\"}",
                      409, "conflict");
  r = test_request (ts, "PUT", path, SEC, SEC_PW,
                    "{\"_id\":\"_local/Ab0-_.~=+x\",\"_rev\":\"0-1\",\"last_seq\":\"6-abc\"}");
  g_assert_cmpuint (r->status, ==, 201);
  g_assert_cmpstr (test_response_string (r, "rev"), ==, "0-2");
  g_clear_pointer (&r, test_response_free);

  /* Another account has its own, and none yet. */
  g_assert_true (hlg_server_add_user (ts->server, "other", "other-password", "member", NULL, &error));
  g_assert_no_error (error);
  test_request_error (ts, "GET", path, "other", "other-password", NULL, 404, "not_found");
  r = test_request (ts, "PUT", path, "other", "other-password", "{\"last_seq\":\"1-abc\"}");
  g_assert_cmpstr (test_response_string (r, "rev"), ==, "0-1");
  g_clear_pointer (&r, test_response_free);
  r = test_request (ts, "GET", path, SEC, SEC_PW, NULL);
  g_assert_cmpstr (test_response_string (r, "last_seq"), ==, "6-abc");
  g_clear_pointer (&r, test_response_free);

  /* Never listed with the documents. */
  r = test_request (ts, "GET", "/hlgmos/_all_docs", SEC, SEC_PW, NULL);
  g_assert_null (strstr (r->text, "_local"));
  g_clear_pointer (&r, test_response_free);
  r = test_request (ts, "GET", "/hlgmos/_changes", SEC, SEC_PW, NULL);
  g_assert_null (strstr (r->text, "_local"));
  g_clear_pointer (&r, test_response_free);

  /* Bad IDs and bodies. */
  long_path = g_strnfill (8 + 7 + 201, 'a');
  memcpy (long_path, "/hlgmos/_local/", 15);
  test_request_error (ts, "GET", long_path, SEC, SEC_PW, NULL, 400, "bad_request");
  long_path[strlen (long_path) - 1] = '\0';
  test_request_error (ts, "GET", long_path, SEC, SEC_PW, NULL, 404, "not_found");
  test_request_error (ts, "GET", "/hlgmos/_local/a%20b", SEC, SEC_PW, NULL, 400, "bad_request");
  test_request_error (ts, "PUT", "/hlgmos/_local/%C3%A9", SEC, SEC_PW, "{}", 400, "bad_request");
  test_request_error (ts, "PUT", "/hlgmos/_local/new", SEC, SEC_PW, "{\"_attachments\":{}}",
                      400, "bad_request");
  test_request_error (ts, "PUT", "/hlgmos/_local/new", SEC, SEC_PW, "{\"_id\":\"_local/old\"}",
                      400, "bad_request");
  test_request_error (ts, "PUT", "/hlgmos/_local/new", SEC, SEC_PW, "[]", 400, "bad_request");
  big = g_strdup_printf ("{\"x\":\"%0*d\"}", 70 * 1024, 0);
  test_request_error (ts, "PUT", "/hlgmos/_local/new", SEC, SEC_PW, big, 413, "too_large");
  test_request_error (ts, "POST", path, SEC, SEC_PW, "{}", 405, "method_not_allowed");
  test_request_error (ts, "GET", path, NULL, NULL, NULL, 401, "unauthorized");

  /* Deleting takes the current revision. */
  test_request_error (ts, "DELETE", "/hlgmos/_local/Ab0-_.~=+x?rev=0-1", SEC, SEC_PW, NULL,
                      409, "conflict");
  r = test_request (ts, "DELETE", "/hlgmos/_local/Ab0-_.~=+x?rev=0-2", SEC, SEC_PW, NULL);
  g_assert_cmpuint (r->status, ==, 200);
  g_clear_pointer (&r, test_response_free);
  test_request_error (ts, "GET", path, SEC, SEC_PW, NULL, 404, "not_found");
  test_request_error (ts, "DELETE", "/hlgmos/_local/Ab0-_.~=+x?rev=0-2", SEC, SEC_PW, NULL,
                      404, "not_found");
}

/* RFC 7230 §6.6: "Connection: close" asked for is answered in kind. */
static void
test_connection_close (void)
{
  for (guint i = 0; i < 2; i++)
    {
      g_autofree char *url = g_strconcat (ts->url, "/", NULL);
      g_autoptr(SoupMessage) msg = soup_message_new ("GET", url);
      g_autoptr(GBytes) body = NULL;
      g_autoptr(GError) error = NULL;
      SoupMessageHeaders *headers;

      if (i == 0)
        soup_message_headers_replace (soup_message_get_request_headers (msg), "Connection", "close");
      body = soup_session_send_and_read (ts->session, msg, NULL, &error);
      g_assert_no_error (error);
      g_assert_cmpuint (soup_message_get_status (msg), ==, 200);
      headers = soup_message_get_response_headers (msg);
      g_assert_cmpint (soup_message_headers_header_contains (headers, "Connection", "close"), ==,
                       i == 0);
    }
}

int
main (int   argc,
      char *argv[])
{
  g_autoptr(GError) error = NULL;
  int status;

  g_test_init (&argc, &argv, NULL);

  ts = test_server_new (NULL);
  hlg_server_add_user (ts->server, SEC, SEC_PW, "secretariat", NULL, &error);
  g_assert_no_error (error);
  test_server_start (ts);

  g_test_add_func ("/server/info", test_info);
  g_test_add_func ("/server/auth", test_auth);
  g_test_add_func ("/server/session", test_session);
  g_test_add_func ("/server/crud", test_crud);
  g_test_add_func ("/server/bulk-docs", test_bulk_docs);
  g_test_add_func ("/server/changes", test_changes);
  g_test_add_func ("/server/longpoll-change", test_longpoll_change);
  g_test_add_func ("/server/longpoll-timeout", test_longpoll_timeout);
  g_test_add_func ("/server/bad-input", test_bad_input);
  g_test_add_func ("/server/all-docs", test_all_docs);
  g_test_add_func ("/server/restart", test_restart);
  g_test_add_func ("/server/plain-http-refused", test_plain_http_refused);
  g_test_add_func ("/server/bulk-get", test_bulk_get);
  g_test_add_func ("/server/open-revs", test_open_revs);
  g_test_add_func ("/server/revs-diff", test_revs_diff);
  g_test_add_func ("/server/local", test_local);
  g_test_add_func ("/server/connection-close", test_connection_close);

  status = g_test_run ();
  test_server_free (ts);

  return status;
}
