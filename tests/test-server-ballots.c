/* test-server-ballots.c: who may cast a ballot on the server, and until when
 * SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "test-server-ballots"

#include "config.h"

#include "hlg-id.h"
#include "hlg-json.h"
#include "test-server-harness.h"

typedef enum
{
  SEC,
  BOARD1,
  BOARD2,
  AUTHOR1,
  MEMBER1,
  N_USERS
} User;

static const char * const user_names[N_USERS] = { "sec", "board1", "board2", "author1", "member1" };
static const char * const user_roles[N_USERS] = {
  "secretariat", "board", "board", "author", "member"
};

/* The workshop is on 11-13 November 2026: voting closes when 14 November
 * begins in UTC. */
#define DURING       "2026-11-12T10:00:00Z"
#define JUST_BEFORE  "2026-11-13T23:59:59.999999Z"
#define AT_CLOSE     "2026-11-14T00:00:00Z"
#define JUST_AFTER   "2026-11-14T00:00:00.000001Z"
#define CLOSED       "Voting closed on 13 November 2026"

static TestServer *ts;
static char *person_ids[N_USERS];
static char *cycle_id;      /* the workshop above */
static char *open_cycle_id; /* a cycle with no workshop date yet: never closes */

static void
set_clock (const char *iso8601)
{
  g_autoptr(GDateTime) now = g_date_time_new_from_iso8601 (iso8601, NULL);

  g_assert_nonnull (now);
  hlg_server_set_clock (ts->server, now);
}

static char *
password_of (User user)
{
  return g_strdup_printf ("pw-%s", user_names[user]);
}

static JsonObject *
new_ballot (const char *cycle,
            User        voter)
{
  g_autofree char *id = hlg_id_new (HLG_DOC_TYPE_BALLOT);
  JsonObject *ballot = json_object_new ();

  json_object_set_string_member (ballot, "_id", id);
  json_object_set_string_member (ballot, "type", "ballot");
  json_object_set_int_member (ballot, "schema", 1);
  json_object_set_string_member (ballot, "cycle", cycle);
  json_object_set_string_member (ballot, "voter", person_ids[voter]);
  json_object_set_string_member (ballot, "method", "approval");
  json_object_set_array_member (ballot, "choices", json_array_new ());

  return ballot;
}

/* PUTs @doc as @user; on success, @doc takes the new revision. */
static TestResponse *
put_as (User        user,
        JsonObject *doc)
{
  g_autofree char *password = password_of (user);
  g_autofree char *path = g_strconcat ("/hlgmos/", json_object_get_string_member (doc, "_id"), NULL);
  g_autofree char *body = hlg_json_object_to_string (doc, FALSE);
  TestResponse *r = test_request (ts, "PUT", path, user_names[user], password, body);

  if (r->status == 201)
    json_object_set_string_member (doc, "_rev", test_response_string (r, "rev"));
  else
    g_test_message ("PUT as %s: %u %s", user_names[user], r->status, r->text);

  return r;
}

static void
assert_put (User        user,
            JsonObject *doc,
            guint       status)
{
  g_autoptr(TestResponse) r = put_as (user, doc);

  g_assert_cmpuint (r->status, ==, status);
  if (status != 201)
    test_assert_error (r, status, "forbidden");
}

static void
assert_closed (User        user,
               JsonObject *doc)
{
  g_autoptr(TestResponse) r = put_as (user, doc);

  test_assert_error (r, 403, "forbidden");
  g_assert_cmpstr (test_response_string (r, "reason"), ==, CLOSED);
}

/* The same through _bulk_docs, which says why for each document. */
static void
assert_bulk_closed (User        user,
                    JsonObject *doc)
{
  g_autofree char *password = password_of (user);
  g_autofree char *text = hlg_json_object_to_string (doc, FALSE);
  g_autofree char *bulk = g_strdup_printf ("{\"docs\":[%s]}", text);
  g_autoptr(TestResponse) r = test_request (ts, "POST", "/hlgmos/_bulk_docs", user_names[user],
                                            password, bulk);
  JsonObject *result;

  g_assert_cmpuint (r->status, ==, 201);
  result = json_array_get_object_element (json_node_get_array (r->json), 0);
  g_assert_cmpstr (json_object_get_string_member (result, "error"), ==, "forbidden");
  g_assert_cmpstr (json_object_get_string_member (result, "reason"), ==, CLOSED);
}

static guint
get_status (User        user,
            JsonObject *doc)
{
  g_autofree char *password = password_of (user);
  g_autofree char *path = g_strconcat ("/hlgmos/", json_object_get_string_member (doc, "_id"), NULL);
  g_autoptr(TestResponse) r = test_request (ts, "GET", path, user_names[user], password, NULL);

  return r->status;
}

/* A Board member casts and changes their own ballot, and reads the others'
 * for the count; a member still reads only their own. */
static void
test_board_votes (void)
{
  g_autoptr(JsonObject) own = new_ballot (cycle_id, BOARD1);
  g_autoptr(JsonObject) member = new_ballot (cycle_id, MEMBER1);

  set_clock (DURING);
  assert_put (BOARD1, own, 201);
  json_object_set_string_member (own, "method", "ranking");
  assert_put (BOARD1, own, 201);
  g_assert_cmpuint (get_status (BOARD1, own), ==, 200);

  assert_put (MEMBER1, member, 201);
  g_assert_cmpuint (get_status (BOARD2, member), ==, 200);
  g_assert_cmpuint (get_status (BOARD2, own), ==, 200);
  g_assert_cmpuint (get_status (MEMBER1, own), ==, 403);
}

/* Never another's ballot: not in their name, not theirs taken over, not
 * one's own moved onto them. */
static void
test_board_not_others (void)
{
  g_autoptr(JsonObject) as_other = new_ballot (cycle_id, BOARD2);
  g_autoptr(JsonObject) theirs = new_ballot (cycle_id, BOARD2);
  g_autoptr(JsonObject) own = new_ballot (cycle_id, BOARD1);

  set_clock (DURING);
  assert_put (BOARD1, as_other, 403);
  assert_put (BOARD2, theirs, 201);
  json_object_set_string_member (theirs, "method", "ranking");
  assert_put (BOARD1, theirs, 403);
  json_object_set_string_member (theirs, "voter", person_ids[BOARD1]);
  assert_put (BOARD1, theirs, 403);

  assert_put (BOARD1, own, 201);
  json_object_set_string_member (own, "voter", person_ids[BOARD2]);
  assert_put (BOARD1, own, 403);
}

static void
test_author_does_not_vote (void)
{
  g_autoptr(JsonObject) own = new_ballot (cycle_id, AUTHOR1);

  set_clock (DURING);
  assert_put (AUTHOR1, own, 403);
}

/* Cast during the workshop; changed up to the last microsecond of its last
 * day in UTC; refused, with the date, from the close on. */
static void
test_voting_closes (void)
{
  g_autoptr(JsonObject) member = new_ballot (cycle_id, MEMBER1);
  g_autoptr(JsonObject) board = new_ballot (cycle_id, BOARD2);
  g_autoptr(JsonObject) late = new_ballot (cycle_id, BOARD1);
  g_autofree char *password = password_of (MEMBER1);
  g_autofree char *path = NULL;

  set_clock (DURING);
  assert_put (MEMBER1, member, 201);
  assert_put (BOARD2, board, 201);

  set_clock (JUST_BEFORE);
  json_object_set_string_member (member, "method", "allotment");
  assert_put (MEMBER1, member, 201);

  set_clock (AT_CLOSE);
  json_object_set_string_member (member, "method", "ranking");
  assert_closed (MEMBER1, member);
  json_object_set_string_member (board, "method", "ranking");
  assert_closed (BOARD2, board);
  assert_closed (BOARD1, late);

  set_clock (JUST_AFTER);
  assert_closed (MEMBER1, member);

  /* No deleting it either, nor another way in: _bulk_docs says why per document. */
  path = g_strdup_printf ("/hlgmos/%s?rev=%s", json_object_get_string_member (member, "_id"),
                          json_object_get_string_member (member, "_rev"));
  {
    g_autoptr(TestResponse) r = test_request (ts, "DELETE", path, user_names[MEMBER1], password,
                                              NULL);

    test_assert_error (r, 403, "forbidden");
    g_assert_cmpstr (test_response_string (r, "reason"), ==, CLOSED);
  }
  assert_bulk_closed (MEMBER1, member);
  /* A new ballot too: its own cycle says voting closed. */
  assert_bulk_closed (BOARD1, late);

  /* The secretariat may still correct a ballot after the close. */
  assert_put (SEC, member, 201);
  g_assert_cmpstr (json_object_get_string_member (member, "method"), ==, "ranking");
}

/* A closed vote is not moved into another cycle, and a ballot needs a
 * cycle the server knows; a cycle with no workshop date stays open. */
static void
test_ballot_cycles (void)
{
  g_autoptr(JsonObject) moved = new_ballot (cycle_id, MEMBER1);
  g_autoptr(JsonObject) open = new_ballot (open_cycle_id, BOARD1);
  g_autofree char *unknown_cycle = hlg_id_new (HLG_DOC_TYPE_CYCLE);
  g_autoptr(JsonObject) unknown = new_ballot (unknown_cycle, MEMBER1);
  g_autoptr(TestResponse) r = NULL;

  set_clock (DURING);
  assert_put (MEMBER1, moved, 201);
  set_clock (AT_CLOSE);
  json_object_set_string_member (moved, "cycle", open_cycle_id);
  assert_closed (MEMBER1, moved);

  set_clock ("2040-01-01T00:00:00Z");
  assert_put (BOARD1, open, 201);

  r = put_as (MEMBER1, unknown);
  test_assert_error (r, 403, "forbidden");
  g_assert_cmpstr (test_response_string (r, "reason"), ==, "The ballot’s cycle is not on the server");
}

static char *
put_cycle (const char *milestones)
{
  g_autofree char *id = hlg_id_new (HLG_DOC_TYPE_CYCLE);
  g_autofree char *json = g_strdup_printf ("{\"_id\":\"%s\",\"type\":\"cycle\",\"schema\":1,"
                                           "\"year\":2026,\"milestones\":%s}", id, milestones);
  g_autofree char *password = password_of (SEC);
  g_autoptr(JsonObject) cycle = hlg_json_object_from_data (json, -1, NULL);

  g_assert_nonnull (cycle);
  g_free (test_put (ts, user_names[SEC], password, cycle));
  return g_steal_pointer (&id);
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
      hlg_server_add_user (ts->server, user_names[u], password, user_roles[u], person_ids[u],
                           &error);
      g_assert_no_error (error);
    }
  test_server_start (ts);
  cycle_id = put_cycle ("[{\"id\":\"w\",\"kind\":\"workshop\",\"start\":\"2026-11-11\","
                        "\"end\":\"2026-11-13\"}]");
  open_cycle_id = put_cycle ("[]");

  g_test_add_func ("/server-ballots/board-votes", test_board_votes);
  g_test_add_func ("/server-ballots/board-not-others", test_board_not_others);
  g_test_add_func ("/server-ballots/author-does-not-vote", test_author_does_not_vote);
  g_test_add_func ("/server-ballots/voting-closes", test_voting_closes);
  g_test_add_func ("/server-ballots/cycles", test_ballot_cycles);

  status = g_test_run ();

  test_server_free (ts);
  for (User u = 0; u < N_USERS; u++)
    g_free (person_ids[u]);
  g_free (cycle_id);
  g_free (open_cycle_id);

  return status;
}
