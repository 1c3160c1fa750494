/* test-server-acl.c: the server's role rules, on every read path and every write path
 * SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "test-server-acl"

#include "config.h"

#include <string.h>

#include "hlg-id.h"
#include "hlg-json.h"
#include "hlg-server-acl.h"
#include "test-server-harness.h"

/* Written in a review's comments for the Board only: an author must never
 * receive it, through any path. */
#define BOARD_ONLY "BOARD-ONLY-SECRET-COMMENT"

typedef enum
{
  SEC,
  BOARD1,
  BOARD2,
  AUTHOR1,
  AUTHOR2,
  MEMBER1,
  N_USERS
} User;

static const char * const user_names[N_USERS] = {
  "sec", "board1", "board2", "author1", "author2", "member1"
};
static const char * const user_roles[N_USERS] = {
  "secretariat", "board", "board", "author", "author", "member"
};

/* The fixture's documents, and who may read each. */
typedef enum
{
  D_CYCLE,
  D_ORG,
  D_GROUP,
  D_PROJECT,
  D_PERSON_B1,
  D_PROP_DRAFT_A1,   /* created by author1, draft */
  D_PROP_SUB_A1,     /* created by author1, then submitted */
  D_PROP_DRAFT_A2,   /* by the secretariat, authors [A2], draft */
  D_PROP_SUB_A2,     /* by the secretariat, authors [A2], submitted */
  D_PROP_SELECTED,   /* selected at the workshop */
  D_REV_B1_SUB_A1,   /* board1's review of PROP_SUB_A1, declaring a conflict */
  D_REV_B2_SUB_A1,   /* board2's review of PROP_SUB_A1, with Board-only comments */
  D_REV_B2_SUB_A2,   /* board2's review of PROP_SUB_A2 */
  D_FB_A1_RELEASED,  /* feedback on PROP_SUB_A1, released */
  D_FB_A2_RELEASED,  /* feedback on PROP_SUB_A2, released */
  D_FB_A1_DRAFT,     /* feedback on PROP_SUB_A1, not released, by board1 */
  D_BALLOT_M1,       /* member1's ballot */
  D_BALLOT_B1,       /* a ballot for board1's person */
  N_DOCS
} Doc;

static TestServer *ts;
static char *person_ids[N_USERS];
static JsonObject *docs[N_DOCS];

/* readable[doc][user] */
static const gboolean readable[N_DOCS][N_USERS] = {
  /*                   sec  b1  b2  a1  a2  m1 */
  [D_CYCLE] =         { 1,  1,  1,  1,  1,  1 },
  [D_ORG] =           { 1,  1,  1,  1,  1,  1 },
  [D_GROUP] =         { 1,  1,  1,  1,  1,  1 },
  [D_PROJECT] =       { 1,  1,  1,  1,  1,  1 },
  [D_PERSON_B1] =     { 1,  1,  1,  1,  1,  1 },
  [D_PROP_DRAFT_A1] = { 1,  0,  0,  1,  0,  0 },
  [D_PROP_SUB_A1] =   { 1,  1,  1,  1,  1,  0 },
  [D_PROP_DRAFT_A2] = { 1,  0,  0,  0,  1,  0 },
  [D_PROP_SUB_A2] =   { 1,  1,  1,  1,  1,  0 },
  [D_PROP_SELECTED] = { 1,  1,  1,  1,  1,  1 },
  [D_REV_B1_SUB_A1] = { 1,  1,  1,  0,  0,  0 },
  [D_REV_B2_SUB_A1] = { 1,  0,  1,  0,  0,  0 },
  [D_REV_B2_SUB_A2] = { 1,  1,  1,  0,  0,  0 },
  [D_FB_A1_RELEASED] = { 1, 1,  1,  1,  0,  1 },
  [D_FB_A2_RELEASED] = { 1, 1,  1,  0,  1,  1 },
  [D_FB_A1_DRAFT] =   { 1,  1,  1,  0,  0,  0 },
  [D_BALLOT_M1] =     { 1,  1,  1,  0,  0,  1 },
  [D_BALLOT_B1] =     { 1,  1,  1,  0,  0,  0 },
};

static char *
password_of (User user)
{
  return g_strdup_printf ("pw-%s", user_names[user]);
}

static JsonObject *
new_doc (HlgDocType  type,
         const char *format,
         ...) G_GNUC_PRINTF (2, 3);

/* A new document of @type with the fields of a JSON object made from @format. */
static JsonObject *
new_doc (HlgDocType  type,
         const char *format,
         ...)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(JsonObject) extra = NULL;
  g_autofree char *fields = NULL;
  g_autofree char *id = hlg_id_new (type);
  JsonObject *doc = json_object_new ();
  JsonObjectIter iter;
  const char *name;
  JsonNode *member;
  va_list args;

  va_start (args, format);
  fields = g_strdup_vprintf (format, args);
  va_end (args);

  extra = hlg_json_object_from_data (fields, -1, &error);
  g_assert_no_error (error);
  json_object_set_string_member (doc, "_id", id);
  json_object_set_string_member (doc, "type", hlg_doc_type_to_name (type));
  json_object_set_int_member (doc, "schema", 1);
  json_object_iter_init (&iter, extra);
  while (json_object_iter_next (&iter, &name, &member))
    json_object_set_member (doc, name, json_node_copy (member));

  return doc;
}

static guint
put_as (User        user,
        JsonObject *doc)
{
  g_autofree char *password = password_of (user);
  g_autofree char *path = g_strconcat ("/hlgmos/", json_object_get_string_member (doc, "_id"), NULL);
  g_autofree char *body = hlg_json_object_to_string (doc, FALSE);
  g_autoptr(TestResponse) r = test_request (ts, "PUT", path, user_names[user], password, body);

  if (r->status == 201)
    json_object_set_string_member (doc, "_rev", test_response_string (r, "rev"));
  else
    test_assert_error (r, r->status, r->status == 403 ? "forbidden" : test_response_string (r, "error"));

  return r->status;
}

static void
put_ok (User        user,
        JsonObject *doc)
{
  g_autofree char *password = password_of (user);

  g_free (test_put (ts, user_names[user], password, doc));
}

static void
assert_forbidden (User        user,
                  JsonObject *doc)
{
  g_autofree char *password = password_of (user);
  g_autofree char *path = g_strconcat ("/hlgmos/", json_object_get_string_member (doc, "_id"), NULL);
  g_autofree char *body = hlg_json_object_to_string (doc, FALSE);
  g_autoptr(TestResponse) r = test_request (ts, "PUT", path, user_names[user], password, body);

  test_assert_error (r, 403, "forbidden");
}

static TestResponse *
get_as (User        user,
        const char *path)
{
  g_autofree char *password = password_of (user);

  return test_request (ts, "GET", path, user_names[user], password, NULL);
}

static void
make_fixture (void)
{
  const char *cycle;
  const char *prop_sub_a1;
  const char *prop_sub_a2;

  docs[D_CYCLE] = new_doc (HLG_DOC_TYPE_CYCLE, "{\"year\":2025}");
  put_ok (SEC, docs[D_CYCLE]);
  cycle = json_object_get_string_member (docs[D_CYCLE], "_id");

  docs[D_ORG] = new_doc (HLG_DOC_TYPE_ORGANISATION, "{\"name\":\"Statistics Somewhere\"}");
  put_ok (SEC, docs[D_ORG]);
  docs[D_GROUP] = new_doc (HLG_DOC_TYPE_GROUP, "{\"name\":\"Capabilities and Communication\"}");
  put_ok (SEC, docs[D_GROUP]);
  docs[D_PROJECT] = new_doc (HLG_DOC_TYPE_PROJECT, "{\"title\":\"Large language models\"}");
  put_ok (SEC, docs[D_PROJECT]);
  docs[D_PERSON_B1] = new_doc (HLG_DOC_TYPE_PERSON, "{\"name\":\"Board One\",\"roles\":[\"board\"]}");
  json_object_set_string_member (docs[D_PERSON_B1], "_id", person_ids[BOARD1]);
  put_ok (SEC, docs[D_PERSON_B1]);

  docs[D_PROP_DRAFT_A1] = new_doc (HLG_DOC_TYPE_PROPOSAL,
                                   "{\"cycle\":\"%s\",\"kind\":\"project\",\"title\":\"A1 draft\","
                                   "\"status\":\"draft\"}", cycle);
  put_ok (AUTHOR1, docs[D_PROP_DRAFT_A1]);

  docs[D_PROP_SUB_A1] = new_doc (HLG_DOC_TYPE_PROPOSAL,
                                 "{\"cycle\":\"%s\",\"kind\":\"project\",\"title\":\"A1 submitted\","
                                 "\"status\":\"draft\"}", cycle);
  put_ok (AUTHOR1, docs[D_PROP_SUB_A1]);
  json_object_set_string_member (docs[D_PROP_SUB_A1], "status", "submitted");
  put_ok (AUTHOR1, docs[D_PROP_SUB_A1]);
  prop_sub_a1 = json_object_get_string_member (docs[D_PROP_SUB_A1], "_id");

  docs[D_PROP_DRAFT_A2] = new_doc (HLG_DOC_TYPE_PROPOSAL,
                                   "{\"cycle\":\"%s\",\"kind\":\"activity\",\"title\":\"A2 draft\","
                                   "\"status\":\"draft\",\"authors\":[\"%s\"]}", cycle, person_ids[AUTHOR2]);
  put_ok (SEC, docs[D_PROP_DRAFT_A2]);
  docs[D_PROP_SUB_A2] = new_doc (HLG_DOC_TYPE_PROPOSAL,
                                 "{\"cycle\":\"%s\",\"kind\":\"activity\",\"title\":\"A2 submitted\","
                                 "\"status\":\"submitted\",\"authors\":[\"%s\"]}", cycle, person_ids[AUTHOR2]);
  put_ok (SEC, docs[D_PROP_SUB_A2]);
  prop_sub_a2 = json_object_get_string_member (docs[D_PROP_SUB_A2], "_id");
  docs[D_PROP_SELECTED] = new_doc (HLG_DOC_TYPE_PROPOSAL,
                                   "{\"cycle\":\"%s\",\"kind\":\"project\",\"title\":\"Selected\","
                                   "\"status\":\"selected\",\"authors\":[\"%s\"]}", cycle, person_ids[AUTHOR2]);
  put_ok (SEC, docs[D_PROP_SELECTED]);

  docs[D_REV_B1_SUB_A1] = new_doc (HLG_DOC_TYPE_REVIEW,
                                   "{\"proposal\":\"%s\",\"reviewer\":\"%s\",\"conflict_of_interest\":true}",
                                   prop_sub_a1, person_ids[BOARD1]);
  put_ok (BOARD1, docs[D_REV_B1_SUB_A1]);
  docs[D_REV_B2_SUB_A1] = new_doc (HLG_DOC_TYPE_REVIEW,
                                   "{\"proposal\":\"%s\",\"reviewer\":\"%s\",\"recommendation\":\"support\","
                                   "\"comments_for_authors\":\"Fine.\",\"comments_for_board\":\"" BOARD_ONLY "\"}",
                                   prop_sub_a1, person_ids[BOARD2]);
  put_ok (BOARD2, docs[D_REV_B2_SUB_A1]);
  docs[D_REV_B2_SUB_A2] = new_doc (HLG_DOC_TYPE_REVIEW,
                                   "{\"proposal\":\"%s\",\"reviewer\":\"%s\",\"comments_for_board\":\"" BOARD_ONLY "\"}",
                                   prop_sub_a2, person_ids[BOARD2]);
  put_ok (BOARD2, docs[D_REV_B2_SUB_A2]);

  docs[D_FB_A1_RELEASED] = new_doc (HLG_DOC_TYPE_FEEDBACK,
                                    "{\"proposal\":\"%s\",\"message\":\"Good\",\"released\":true}", prop_sub_a1);
  put_ok (SEC, docs[D_FB_A1_RELEASED]);
  docs[D_FB_A2_RELEASED] = new_doc (HLG_DOC_TYPE_FEEDBACK,
                                    "{\"proposal\":\"%s\",\"message\":\"Revise\",\"released\":true}", prop_sub_a2);
  put_ok (SEC, docs[D_FB_A2_RELEASED]);
  docs[D_FB_A1_DRAFT] = new_doc (HLG_DOC_TYPE_FEEDBACK,
                                 "{\"proposal\":\"%s\",\"message\":\"Draft\",\"released\":false}", prop_sub_a1);
  put_ok (BOARD1, docs[D_FB_A1_DRAFT]);

  docs[D_BALLOT_M1] = new_doc (HLG_DOC_TYPE_BALLOT, "{\"cycle\":\"%s\",\"voter\":\"%s\",\"method\":\"approval\"}",
                               cycle, person_ids[MEMBER1]);
  put_ok (MEMBER1, docs[D_BALLOT_M1]);
  docs[D_BALLOT_B1] = new_doc (HLG_DOC_TYPE_BALLOT, "{\"cycle\":\"%s\",\"voter\":\"%s\",\"method\":\"approval\"}",
                               cycle, person_ids[BOARD1]);
  put_ok (SEC, docs[D_BALLOT_B1]);
}

static gboolean
array_has_id (JsonArray  *array,
              const char *member,
              const char *id)
{
  for (guint i = 0; i < json_array_get_length (array); i++)
    {
      JsonObject *item = json_array_get_object_element (array, i);

      if (g_strcmp0 (json_object_get_string_member_with_default (item, member, NULL), id) == 0)
        return TRUE;
    }

  return FALSE;
}

/* For one user, every fixture document: GET, _all_docs (plain, with
 * include_docs, with keys) and _changes agree with the table. */
static void
check_reads (gconstpointer data)
{
  User user = GPOINTER_TO_INT (data);
  g_autoptr(TestResponse) all = get_as (user, "/hlgmos/_all_docs?include_docs=true");
  g_autoptr(TestResponse) changes = get_as (user, "/hlgmos/_changes?include_docs=true");
  g_autoptr(TestResponse) paged = get_as (user, "/hlgmos/_changes?limit=1");
  JsonArray *rows, *results;

  g_assert_cmpuint (all->status, ==, 200);
  g_assert_cmpuint (changes->status, ==, 200);
  rows = json_object_get_array_member (test_response_object (all), "rows");
  results = json_object_get_array_member (test_response_object (changes), "results");

  for (Doc d = 0; d < N_DOCS; d++)
    {
      const char *id = json_object_get_string_member (docs[d], "_id");
      g_autofree char *path = g_strconcat ("/hlgmos/", id, NULL);
      g_autoptr(TestResponse) got = get_as (user, path);
      g_autofree char *keys = g_strdup_printf ("{\"keys\":[\"%s\"]}", id);
      g_autofree char *password = password_of (user);
      g_autoptr(TestResponse) by_key = test_request (ts, "POST", "/hlgmos/_all_docs?include_docs=true",
                                                     user_names[user], password, keys);
      g_autofree char *one = g_strdup_printf ("{\"docs\":[{\"id\":\"%s\"}]}", id);
      g_autoptr(TestResponse) bulk_got = test_request (ts, "POST", "/hlgmos/_bulk_get?revs=true",
                                                       user_names[user], password, one);
      g_autofree char *open_path = g_strconcat (path, "?open_revs=all&revs=true", NULL);
      g_autoptr(TestResponse) open_got = get_as (user, open_path);
      /* The current revision where it can be read; the writes above moved some on. */
      g_autofree char *diff = g_strdup_printf ("{\"%s\":[\"%s\"]}", id,
                                               got->status == 200
                                               ? test_response_string (got, "_rev")
                                               : json_object_get_string_member (docs[d], "_rev"));
      g_autoptr(TestResponse) diffed = test_request (ts, "POST", "/hlgmos/_revs_diff",
                                                     user_names[user], password, diff);
      JsonObject *row, *entry;

      g_test_message ("user %s, document %d", user_names[user], d);
      g_assert_cmpuint (bulk_got->status, ==, 200);
      entry = json_array_get_object_element (json_object_get_array_member (
                json_array_get_object_element (json_object_get_array_member (
                  test_response_object (bulk_got), "results"), 0), "docs"), 0);
      g_assert_cmpuint (diffed->status, ==, 200);
      if (readable[d][user])
        {
          g_assert_cmpuint (got->status, ==, 200);
          g_assert_cmpstr (test_response_string (got, "_id"), ==, id);
          g_assert_cmpstr (json_object_get_string_member (json_object_get_object_member (entry, "ok"),
                                                          "_id"), ==, id);
          g_assert_cmpuint (open_got->status, ==, 200);
          g_assert_nonnull (strstr (open_got->text, id));
          g_assert_cmpstr (diffed->text, ==, "{}\n");
        }
      else
        {
          test_assert_error (got, 403, "forbidden");
          g_assert_false (json_object_has_member (entry, "ok"));
          g_assert_cmpstr (json_object_get_string_member (json_object_get_object_member (entry, "error"),
                                                          "error"), ==, "forbidden");
          test_assert_error (open_got, 403, "forbidden");
          /* What the caller may not read counts as missing, as if not there. */
          g_assert_nonnull (strstr (diffed->text, "missing"));
        }

      g_assert_cmpint (array_has_id (rows, "id", id), ==, readable[d][user]);
      g_assert_cmpint (array_has_id (results, "id", id), ==, readable[d][user]);

      row = json_array_get_object_element (json_object_get_array_member (test_response_object (by_key), "rows"), 0);
      g_assert_cmpint (json_object_has_member (row, "doc"), ==, readable[d][user]);
    }

  /* Paging through _changes one by one still moves on past what is hidden. */
  g_assert_cmpuint (json_array_get_length (json_object_get_array_member (test_response_object (paged), "results")),
                    ==, 1);

  /* Authors and members never receive a review, whoever wrote it, nor the
   * Board's comments in any form. */
  if (user == AUTHOR1 || user == AUTHOR2 || user == MEMBER1)
    {
      g_autoptr(GString) every = g_string_new ("{\"docs\":[");
      g_autofree char *password = password_of (user);
      g_autoptr(TestResponse) bulk = NULL;

      for (Doc d = 0; d < N_DOCS; d++)
        g_string_append_printf (every, "%s{\"id\":\"%s\"}", d > 0 ? "," : "",
                                json_object_get_string_member (docs[d], "_id"));
      g_string_append (every, "]}");
      bulk = test_request (ts, "POST", "/hlgmos/_bulk_get?revs=true&latest=true", user_names[user],
                           password, every->str);
      g_assert_cmpuint (bulk->status, ==, 200);
      g_assert_null (strstr (bulk->text, BOARD_ONLY));
      g_assert_null (strstr (bulk->text, "\"type\":\"review\""));

      g_assert_null (strstr (all->text, BOARD_ONLY));
      g_assert_null (strstr (changes->text, BOARD_ONLY));
      g_assert_null (strstr (all->text, "\"type\":\"review\""));
      g_assert_null (strstr (changes->text, "\"type\":\"review\""));
      g_assert_null (strstr (all->text, "review:"));
      g_assert_null (strstr (changes->text, "review:"));
    }
}

static void
test_author_writes (void)
{
  g_autoptr(JsonObject) mine = new_doc (HLG_DOC_TYPE_PROPOSAL,
                                        "{\"cycle\":\"%s\",\"kind\":\"project\",\"title\":\"Mine\","
                                        "\"status\":\"draft\"}",
                                        json_object_get_string_member (docs[D_CYCLE], "_id"));
  g_autoptr(JsonObject) other = NULL;
  g_autoptr(JsonObject) coauthored = NULL;
  g_autoptr(JsonObject) review = NULL;
  g_autoptr(JsonObject) cycle = NULL;
  g_autoptr(JsonObject) claims = NULL;

  /* Create, edit, submit. */
  put_ok (AUTHOR1, mine);
  json_object_set_string_member (mine, "summary", "Edited while a draft");
  put_ok (AUTHOR1, mine);
  json_object_set_string_member (mine, "status", "submitted");
  put_ok (AUTHOR1, mine);

  /* After submission: no more edits, no withdrawal of the submission, no delete. */
  json_object_set_string_member (mine, "summary", "Edited after submission");
  assert_forbidden (AUTHOR1, mine);
  json_object_set_string_member (mine, "status", "draft");
  assert_forbidden (AUTHOR1, mine);
  {
    g_autofree char *path = g_strdup_printf ("/hlgmos/%s?rev=%s", json_object_get_string_member (mine, "_id"),
                                             json_object_get_string_member (mine, "_rev"));
    g_autofree char *password = password_of (AUTHOR1);
    g_autoptr(TestResponse) r = test_request (ts, "DELETE", path, user_names[AUTHOR1], password, NULL);

    test_assert_error (r, 403, "forbidden");
  }

  /* An author cannot set a status the Board or the workshop sets. */
  {
    g_autoptr(JsonObject) sneaky = new_doc (HLG_DOC_TYPE_PROPOSAL,
                                            "{\"cycle\":\"%s\",\"kind\":\"project\",\"title\":\"Sneaky\","
                                            "\"status\":\"selected\"}",
                                            json_object_get_string_member (docs[D_CYCLE], "_id"));

    assert_forbidden (AUTHOR1, sneaky);
  }

  /* Another author's draft: neither author2 on author1's, nor author1 on
   * the one listing author2; the co-author may edit it. */
  other = hlg_json_object_deep_copy (docs[D_PROP_DRAFT_A1]);
  json_object_set_string_member (other, "summary", "Not yours");
  assert_forbidden (AUTHOR2, other);
  coauthored = hlg_json_object_deep_copy (docs[D_PROP_DRAFT_A2]);
  json_object_set_string_member (coauthored, "summary", "Co-author edit");
  assert_forbidden (AUTHOR1, coauthored);
  g_assert_cmpuint (put_as (AUTHOR2, coauthored), ==, 201);

  /* No reviews, cycles, feedback; no claiming someone else created it. */
  review = new_doc (HLG_DOC_TYPE_REVIEW, "{\"proposal\":\"%s\",\"reviewer\":\"%s\"}",
                    json_object_get_string_member (docs[D_PROP_SUB_A1], "_id"), person_ids[AUTHOR1]);
  assert_forbidden (AUTHOR1, review);
  cycle = new_doc (HLG_DOC_TYPE_CYCLE, "{\"year\":2030}");
  assert_forbidden (AUTHOR1, cycle);
  claims = new_doc (HLG_DOC_TYPE_PROPOSAL,
                    "{\"cycle\":\"%s\",\"kind\":\"project\",\"title\":\"Claims\",\"status\":\"draft\","
                    "\"created_by\":\"author2\"}", json_object_get_string_member (docs[D_CYCLE], "_id"));
  assert_forbidden (AUTHOR1, claims);
  json_object_set_string_member (claims, "created_by", "author1");
  put_ok (AUTHOR1, claims);

  /* Writes through _bulk_docs follow the same rules, per document. */
  {
    g_autoptr(JsonObject) request = json_object_new ();
    g_autoptr(JsonArray) list = json_array_new ();
    g_autoptr(JsonObject) fresh = new_doc (HLG_DOC_TYPE_PROPOSAL,
                                           "{\"cycle\":\"%s\",\"kind\":\"project\",\"title\":\"Bulk\","
                                           "\"status\":\"draft\"}",
                                           json_object_get_string_member (docs[D_CYCLE], "_id"));
    g_autofree char *body = NULL;
    g_autofree char *password = password_of (AUTHOR1);
    g_autoptr(TestResponse) r = NULL;
    JsonArray *results;

    json_array_add_object_element (list, json_object_ref (fresh));
    json_array_add_object_element (list, hlg_json_object_deep_copy (docs[D_REV_B2_SUB_A1]));
    json_array_add_object_element (list, json_object_ref (mine));
    json_object_set_array_member (request, "docs", g_steal_pointer (&list));
    body = hlg_json_object_to_string (request, FALSE);
    r = test_request (ts, "POST", "/hlgmos/_bulk_docs", user_names[AUTHOR1], password, body);
    g_assert_cmpuint (r->status, ==, 201);
    results = json_node_get_array (r->json);
    g_assert_true (json_object_get_boolean_member (json_array_get_object_element (results, 0), "ok"));
    g_assert_cmpstr (json_object_get_string_member (json_array_get_object_element (results, 1), "error"), ==,
                     "forbidden");
    g_assert_cmpstr (json_object_get_string_member (json_array_get_object_element (results, 2), "error"), ==,
                     "forbidden");
    /* The refusal says nothing of the review it refused. */
    g_assert_null (strstr (r->text, BOARD_ONLY));
  }
}

static void
test_board_writes (void)
{
  g_autoptr(JsonObject) own = new_doc (HLG_DOC_TYPE_REVIEW, "{\"proposal\":\"%s\",\"reviewer\":\"%s\"}",
                                       json_object_get_string_member (docs[D_PROP_SUB_A2], "_id"),
                                       person_ids[BOARD1]);
  g_autoptr(JsonObject) as_other = NULL;
  g_autoptr(JsonObject) steal = NULL;
  g_autoptr(JsonObject) feedback = NULL;
  g_autoptr(JsonObject) released = NULL;
  g_autoptr(JsonObject) proposal = NULL;

  put_ok (BOARD1, own);
  json_object_set_string_member (own, "recommendation", "support-with-changes");
  put_ok (BOARD1, own);

  /* Not as another reviewer; not someone else's review, even by making it theirs. */
  as_other = new_doc (HLG_DOC_TYPE_REVIEW, "{\"proposal\":\"%s\",\"reviewer\":\"%s\"}",
                      json_object_get_string_member (docs[D_PROP_SUB_A2], "_id"), person_ids[BOARD2]);
  assert_forbidden (BOARD1, as_other);
  steal = hlg_json_object_deep_copy (docs[D_REV_B2_SUB_A2]);
  json_object_set_string_member (steal, "reviewer", person_ids[BOARD1]);
  assert_forbidden (BOARD1, steal);
  json_object_set_string_member (steal, "reviewer", person_ids[BOARD2]);
  assert_forbidden (BOARD1, steal);
  /* board2 may of course edit its own. */
  json_object_set_string_member (steal, "comments_for_authors", "Edited by board2");
  g_assert_cmpuint (put_as (BOARD2, steal), ==, 201);

  /* Feedback drafts yes, releasing no; released feedback is the secretariat's. */
  feedback = hlg_json_object_deep_copy (docs[D_FB_A1_DRAFT]);
  json_object_set_string_member (feedback, "message", "Consolidated");
  g_assert_cmpuint (put_as (BOARD2, feedback), ==, 201);
  json_object_set_boolean_member (feedback, "released", TRUE);
  assert_forbidden (BOARD2, feedback);
  released = hlg_json_object_deep_copy (docs[D_FB_A2_RELEASED]);
  json_object_set_boolean_member (released, "released", FALSE);
  assert_forbidden (BOARD1, released);

  /* Nor proposals or cycles. */
  proposal = hlg_json_object_deep_copy (docs[D_PROP_SUB_A2]);
  json_object_set_string_member (proposal, "status", "under-review");
  assert_forbidden (BOARD1, proposal);
}

static void
test_member_writes (void)
{
  g_autoptr(JsonObject) own = hlg_json_object_deep_copy (docs[D_BALLOT_M1]);
  g_autoptr(JsonObject) as_other = NULL;
  g_autoptr(JsonObject) other = NULL;
  g_autoptr(JsonObject) proposal = NULL;

  json_object_set_string_member (own, "method", "ranking");
  g_assert_cmpuint (put_as (MEMBER1, own), ==, 201);

  as_other = new_doc (HLG_DOC_TYPE_BALLOT, "{\"cycle\":\"%s\",\"voter\":\"%s\",\"method\":\"approval\"}",
                      json_object_get_string_member (docs[D_CYCLE], "_id"), person_ids[BOARD1]);
  assert_forbidden (MEMBER1, as_other);
  other = hlg_json_object_deep_copy (docs[D_BALLOT_B1]);
  json_object_set_string_member (other, "voter", person_ids[MEMBER1]);
  assert_forbidden (MEMBER1, other);
  /* Moving one's own ballot onto another voter is no better. */
  json_object_set_string_member (own, "voter", person_ids[BOARD1]);
  assert_forbidden (MEMBER1, own);

  proposal = new_doc (HLG_DOC_TYPE_PROPOSAL,
                      "{\"cycle\":\"%s\",\"kind\":\"project\",\"title\":\"Member's\",\"status\":\"draft\"}",
                      json_object_get_string_member (docs[D_CYCLE], "_id"));
  assert_forbidden (MEMBER1, proposal);
}

static void
test_secretariat_writes (void)
{
  g_autoptr(JsonObject) proposal = hlg_json_object_deep_copy (docs[D_PROP_SUB_A1]);
  g_autoptr(JsonObject) claims = new_doc (HLG_DOC_TYPE_CYCLE, "{\"year\":2031,\"created_by\":\"author1\"}");

  json_object_set_string_member (proposal, "status", "under-review");
  g_assert_cmpuint (put_as (SEC, proposal), ==, 201);
  /* Even the secretariat cannot write in someone else's name. */
  assert_forbidden (SEC, claims);
}

typedef struct
{
  User          user;
  char         *path;
  TestResponse *response;
} Longpoll;

static gpointer
longpoll_thread (gpointer data)
{
  Longpoll *poll = data;
  g_autoptr(SoupSession) session = soup_session_new ();
  g_autofree char *password = password_of (poll->user);

  soup_session_set_timeout (session, 30);
  poll->response = test_request_full (ts, session, "GET", poll->path, user_names[poll->user], password,
                                      NULL, NULL, NULL);
  return NULL;
}

/* An author's longpoll is not woken by a review it may not see; it is by a
 * document it may see, and gets only that. */
static void
test_longpoll_hides (void)
{
  g_autoptr(TestResponse) info = get_as (SEC, "/hlgmos");
  Longpoll poll = { AUTHOR1, NULL, NULL };
  g_autoptr(JsonObject) review = new_doc (HLG_DOC_TYPE_REVIEW,
                                          "{\"proposal\":\"%s\",\"reviewer\":\"%s\",\"comments_for_board\":\""
                                          BOARD_ONLY "\"}",
                                          json_object_get_string_member (docs[D_PROP_SELECTED], "_id"),
                                          person_ids[BOARD2]);
  g_autoptr(JsonObject) priority = new_doc (HLG_DOC_TYPE_PRIORITY, "{\"cycle\":\"%s\",\"title\":\"Data\"}",
                                            json_object_get_string_member (docs[D_CYCLE], "_id"));
  GThread *thread;
  JsonArray *results;

  poll.path = g_strdup_printf ("/hlgmos/_changes?feed=longpoll&include_docs=true&timeout=30000&since=%s",
                               test_response_string (info, "update_seq"));
  thread = g_thread_new ("longpoll", longpoll_thread, &poll);
  while (hlg_server_get_n_waiting (ts->server) != 1)
    g_thread_yield ();

  put_ok (BOARD2, review);
  /* The server answered the PUT after looking at the waiting longpoll. */
  g_assert_cmpuint (hlg_server_get_n_waiting (ts->server), ==, 1);
  g_assert_null (poll.response);

  put_ok (SEC, priority);
  g_thread_join (thread);

  results = json_object_get_array_member (test_response_object (poll.response), "results");
  g_assert_cmpuint (json_array_get_length (results), ==, 1);
  g_assert_cmpstr (json_object_get_string_member (json_array_get_object_element (results, 0), "id"), ==,
                   json_object_get_string_member (priority, "_id"));
  g_assert_null (strstr (poll.response->text, BOARD_ONLY));

  test_response_free (poll.response);
  g_free (poll.path);
}

/* One rule check on whole documents and on their rule views alike. */
static void
assert_same_write (const HlgServerAccount *account,
                   JsonObject             *old_body,
                   JsonObject             *old_view,
                   const char             *created_by,
                   JsonObject             *new_body,
                   JsonObject             *new_view)
{
  g_autofree char *reason = NULL;
  g_autofree char *view_reason = NULL;
  gboolean whole = hlg_server_acl_can_write (account, old_body, created_by, new_body, &reason);
  gboolean viewed = hlg_server_acl_can_write (account, old_view, created_by, new_view, &view_reason);

  g_assert_cmpint (whole, ==, viewed);
  g_assert_cmpstr (reason, ==, view_reason);
}

/* A _bulk_docs request keeps only hlg_server_acl_rule_view() of each
 * document for the rules: on every fixture document (and each again,
 * claiming a creator), as old and new body, for every account and
 * creator, the rules say the same of the view as of the whole document. */
static void
test_rule_view (void)
{
  g_autoptr(GHashTable) proposals = g_hash_table_new (g_str_hash, g_str_equal);
  g_autoptr(GPtrArray) bodies = g_ptr_array_new_with_free_func ((GDestroyNotify) json_object_unref);
  g_autoptr(GPtrArray) views = g_ptr_array_new_with_free_func ((GDestroyNotify) json_object_unref);
  guint n_allowed = 0;

  for (Doc d = 0; d < N_DOCS; d++)
    {
      JsonObject *claiming = hlg_json_object_deep_copy (docs[d]);

      json_object_set_string_member (claiming, "created_by", user_names[d % N_USERS]);
      g_ptr_array_add (bodies, json_object_ref (docs[d]));
      g_ptr_array_add (bodies, claiming);
      if (g_strcmp0 (json_object_get_string_member_with_default (docs[d], "type", NULL), "proposal") == 0)
        g_hash_table_add (proposals, (gpointer) json_object_get_string_member (docs[d], "_id"));
    }
  for (guint i = 0; i < bodies->len; i++)
    {
      g_autoptr(HlgJsonIndex) index = hlg_json_index_new ();
      g_autofree char *text = hlg_json_object_to_string (bodies->pdata[i], FALSE);

      g_assert_true (hlg_json_index_parse (index, text, strlen (text), NULL));
      g_ptr_array_add (views, hlg_server_acl_rule_view (index, 0));
      g_assert_cmpuint (json_object_get_size (views->pdata[i]), <, json_object_get_size (bodies->pdata[i]));
    }

  for (User u = 0; u < N_USERS; u++)
    {
      g_autoptr(HlgServerAccount) account =
        hlg_server_account_new (user_names[u], hlg_server_role_from_name (user_roles[u]),
                                u == SEC ? NULL : person_ids[u]);
      HlgServerAclContext context = { account, proposals, proposals };

      for (guint d = 0; d < bodies->len; d++)
        for (User c = 0; c <= N_USERS; c++)
          {
            const char *created_by = c < N_USERS ? user_names[c] : NULL;
            gboolean allowed = hlg_server_acl_can_read (&context, bodies->pdata[d], created_by);

            g_assert_cmpint (allowed, ==, hlg_server_acl_can_read (&context, views->pdata[d], created_by));
            n_allowed += allowed;
            assert_same_write (account, NULL, NULL, created_by, bodies->pdata[d], views->pdata[d]);
            assert_same_write (account, bodies->pdata[d], views->pdata[d], created_by, NULL, NULL);
            for (guint e = 0; e < bodies->len; e++)
              assert_same_write (account, bodies->pdata[d], views->pdata[d], created_by,
                                 bodies->pdata[e], views->pdata[e]);
          }
    }
  /* The rules were not all of one answer. */
  g_assert_cmpuint (n_allowed, >, 0);
  g_assert_cmpuint (n_allowed, <, N_USERS * bodies->len * (N_USERS + 1));
}

int
main (int   argc,
      char *argv[])
{
  g_autoptr(GError) error = NULL;
  int status;

  g_test_init (&argc, &argv, NULL);

  ts = test_server_new (NULL);
  for (User u = 0; u < N_USERS; u++)
    {
      g_autofree char *password = password_of (u);

      person_ids[u] = hlg_id_new (HLG_DOC_TYPE_PERSON);
      hlg_server_add_user (ts->server, user_names[u], password, user_roles[u],
                           u == SEC ? NULL : person_ids[u], &error);
      g_assert_no_error (error);
    }
  test_server_start (ts);
  make_fixture ();

  for (User u = 0; u < N_USERS; u++)
    {
      g_autofree char *path = g_strdup_printf ("/server-acl/reads/%s", user_names[u]);

      g_test_add_data_func (path, GINT_TO_POINTER (u), check_reads);
    }
  g_test_add_func ("/server-acl/writes/author", test_author_writes);
  g_test_add_func ("/server-acl/writes/board", test_board_writes);
  g_test_add_func ("/server-acl/writes/member", test_member_writes);
  g_test_add_func ("/server-acl/writes/secretariat", test_secretariat_writes);
  g_test_add_func ("/server-acl/longpoll-hides", test_longpoll_hides);
  g_test_add_func ("/server-acl/rule-view", test_rule_view);
  /* After the writes, the reads still hold. */
  g_test_add_data_func ("/server-acl/reads-after/author1", GINT_TO_POINTER (AUTHOR1), check_reads);
  g_test_add_data_func ("/server-acl/reads-after/board1", GINT_TO_POINTER (BOARD1), check_reads);

  status = g_test_run ();

  test_server_free (ts);
  for (Doc d = 0; d < N_DOCS; d++)
    g_clear_pointer (&docs[d], json_object_unref);
  for (User u = 0; u < N_USERS; u++)
    g_free (person_ids[u]);

  return status;
}
