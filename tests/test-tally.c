/* test-tally.c: the workshop's ballots are counted, and ties shown as ties
 * SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include "hlg-document.h"
#include "hlg-tally.h"

#define UUID(n) "00000000-0000-4000-8000-00000000000" n
#define A       "proposal:" UUID ("a")
#define B       "proposal:" UUID ("b")
#define C       "proposal:" UUID ("c")
#define D       "proposal:" UUID ("d")
#define E       "proposal:" UUID ("e")

static HlgDocument *
new_cycle (int year)
{
  HlgDocument *cycle = hlg_document_new (HLG_DOC_TYPE_CYCLE);

  g_assert_true (hlg_document_set_int (cycle, "year", year, NULL));
  return cycle;
}

/* A ballot of voter number @voter; @choices is a JSON array. */
static HlgDocument *
new_ballot (HlgDocument *cycle,
            guint        voter,
            const char  *method,
            const char  *choices,
            const char  *updated_at)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *uuid = g_uuid_string_random ();
  g_autofree char *json =
    g_strdup_printf ("{\"_id\": \"ballot:%s\", \"type\": \"ballot\", \"schema\": 1, "
                     "\"cycle\": \"%s\", \"voter\": \"person:" UUID ("%x") "\", "
                     "\"method\": \"%s\", \"choices\": %s%s%s%s}",
                     uuid, hlg_document_get_id (cycle), voter, method,
                     choices, updated_at ? ", \"updated_at\": \"" : "",
                     updated_at ? updated_at : "", updated_at ? "\"" : "");
  HlgDocument *ballot = hlg_document_new_from_json (json, -1, &error);

  g_assert_no_error (error);
  hlg_document_validate (ballot, &error);
  g_assert_no_error (error);
  return ballot;
}

static void
add (HlgTally    *tally,
     HlgDocument *cycle,
     guint        voter,
     const char  *method,
     const char  *choices)
{
  g_autoptr(HlgDocument) ballot = new_ballot (cycle, voter, method, choices, NULL);
  g_autoptr(GError) error = NULL;

  g_assert_true (hlg_tally_add_ballot (tally, ballot, &error));
  g_assert_no_error (error);
}

/* Checks the result against "A:5 B:3 ..." in order. */
static void
assert_scores (HlgTally   *tally,
               const char *expected)
{
  g_auto(GStrv) pairs = g_strsplit (expected, " ", -1);
  guint n = g_strv_length (pairs);

  g_assert_cmpuint (hlg_tally_get_n_results (tally), ==, n);
  for (guint i = 0; i < n; i++)
    {
      g_auto(GStrv) pair = g_strsplit (pairs[i], ":", 2);
      g_autofree char *id = g_strdup_printf ("proposal:" UUID ("%s"), pair[0]);
      const char *proposal = hlg_tally_get_proposal (tally, i);

      g_test_message ("%u: %s %" G_GINT64_FORMAT, i, proposal, hlg_tally_get_score (tally, i));
      g_assert_cmpstr (proposal, ==, id);
      g_assert_cmpint (hlg_tally_get_score (tally, i), ==, g_ascii_strtoll (pair[1], NULL, 10));
    }
}

static void
assert_strv (char       **actual,
             const char * const *expected)
{
  g_assert_nonnull (actual);
  g_assert_cmpuint (g_strv_length (actual), ==, g_strv_length ((char **) expected));
  for (guint i = 0; expected[i] != NULL; i++)
    g_assert_cmpstr (actual[i], ==, expected[i]);
}

static void
assert_recommended (HlgTally           *tally,
                    const char * const *expected)
{
  g_auto(GStrv) recommended = hlg_tally_dup_recommended (tally);

  assert_strv (recommended, expected);
}

static void
assert_tied (HlgTally           *tally,
             const char * const *expected,
             guint               first_place,
             guint               last_place)
{
  guint first = 99, last = 99;
  g_auto(GStrv) tied = hlg_tally_dup_tied (tally, &first, &last);

  assert_strv (tied, expected);
  g_assert_cmpuint (first, ==, first_place);
  g_assert_cmpuint (last, ==, last_place);
  g_assert_true (hlg_tally_is_decided (tally) == (expected[0] == NULL));
}

static void
assert_place (HlgTally *tally,
              guint     position,
              guint     place,
              guint     last_place)
{
  guint last = 0;

  g_assert_cmpuint (hlg_tally_get_place (tally, position, &last), ==, place);
  g_assert_cmpuint (last, ==, last_place);
}

static const char * const none[] = { NULL };

static void
test_tally_empty (void)
{
  g_autoptr(HlgDocument) cycle = new_cycle (2026);
  g_autoptr(HlgTally) tally = hlg_tally_new (cycle);

  g_assert_true (hlg_tally_get_cycle (tally) == cycle);
  g_assert_null (hlg_tally_get_method (tally));
  g_assert_cmpuint (hlg_tally_get_n_ballots (tally), ==, 0);
  g_assert_cmpuint (hlg_tally_get_n_results (tally), ==, 0);
  assert_recommended (tally, none);
  assert_tied (tally, none, 0, 0);
  g_assert_true (hlg_tally_is_decided (tally));
}

static void
test_tally_approval (void)
{
  g_autoptr(HlgDocument) cycle = new_cycle (2026);
  g_autoptr(HlgTally) tally = hlg_tally_new (cycle);
  static const char * const top[] = { A, B, NULL };

  add (tally, cycle, 1, "approval",
       "[{\"id\": \"1\", \"proposal\": \"" A "\", \"approved\": true},"
       " {\"id\": \"2\", \"proposal\": \"" B "\", \"approved\": true},"
       " {\"id\": \"3\", \"proposal\": \"" C "\", \"approved\": true},"
       " {\"id\": \"4\", \"proposal\": \"" D "\", \"approved\": false}]");
  add (tally, cycle, 2, "approval",
       "[{\"id\": \"1\", \"proposal\": \"" A "\", \"approved\": true},"
       " {\"id\": \"2\", \"proposal\": \"" B "\", \"approved\": true}]");
  add (tally, cycle, 3, "approval",
       "[{\"id\": \"1\", \"proposal\": \"" A "\", \"approved\": true},"
       " {\"id\": \"2\", \"proposal\": \"" C "\"}]");

  g_assert_cmpstr (hlg_tally_get_method (tally), ==, "approval");
  g_assert_cmpuint (hlg_tally_get_n_ballots (tally), ==, 3);
  assert_scores (tally, "a:3 b:2 c:1 d:0");
  assert_place (tally, 0, 1, 1);
  assert_place (tally, 1, 2, 2);
  assert_place (tally, 2, 3, 3);
  assert_place (tally, 3, 4, 4);
  assert_recommended (tally, top);
  assert_tied (tally, none, 0, 0);
}

static void
test_tally_allotment (void)
{
  g_autoptr(HlgDocument) cycle = new_cycle (2026);
  g_autoptr(HlgTally) tally = hlg_tally_new (cycle);
  static const char * const top[] = { C, A, NULL };

  add (tally, cycle, 1, "allotment",
       "[{\"id\": \"1\", \"proposal\": \"" A "\", \"points\": 6},"
       " {\"id\": \"2\", \"proposal\": \"" B "\", \"points\": 4}]");
  add (tally, cycle, 2, "allotment",
       "[{\"id\": \"1\", \"proposal\": \"" C "\", \"points\": 10}]");
  add (tally, cycle, 3, "allotment",
       "[{\"id\": \"1\", \"proposal\": \"" A "\", \"points\": 1},"
       " {\"id\": \"2\", \"proposal\": \"" B "\", \"points\": 2},"
       " {\"id\": \"3\", \"proposal\": \"" C "\", \"points\": 7}]");

  assert_scores (tally, "c:17 a:7 b:6");
  assert_recommended (tally, top);
  assert_tied (tally, none, 0, 0);
}

static void
test_tally_ranking (void)
{
  g_autoptr(HlgDocument) cycle = new_cycle (2026);
  g_autoptr(HlgTally) tally = hlg_tally_new (cycle);

  /* Three ranked: 3, 2, 1 points. */
  add (tally, cycle, 1, "ranking",
       "[{\"id\": \"1\", \"proposal\": \"" C "\", \"rank\": 3},"
       " {\"id\": \"2\", \"proposal\": \"" A "\", \"rank\": 1},"
       " {\"id\": \"3\", \"proposal\": \"" B "\", \"rank\": 2}]");
  /* Three ranked, one listed unranked: 3, 2, 1 and 0 points. */
  add (tally, cycle, 2, "ranking",
       "[{\"id\": \"1\", \"proposal\": \"" B "\", \"rank\": 1},"
       " {\"id\": \"2\", \"proposal\": \"" C "\", \"rank\": 2},"
       " {\"id\": \"3\", \"proposal\": \"" D "\", \"rank\": 3},"
       " {\"id\": \"4\", \"proposal\": \"" E "\"}]");

  assert_scores (tally, "b:5 a:3 c:3 d:1 e:0");
  /* A and C tie for 2nd, across the line. */
  assert_recommended (tally, (const char * const[]) { B, NULL });
  assert_tied (tally, (const char * const[]) { A, C, NULL }, 2, 3);

  /* One ranked: 1 point. */
  add (tally, cycle, 3, "ranking", "[{\"id\": \"1\", \"proposal\": \"" A "\", \"rank\": 1}]");
  assert_scores (tally, "b:5 a:4 c:3 d:1 e:0");
  assert_recommended (tally, (const char * const[]) { B, A, NULL });
  assert_tied (tally, none, 0, 0);
}

static void
test_tally_ranking_invalid (void)
{
  static const char * const bad[] = {
    /* a gap */
    "[{\"id\": \"1\", \"proposal\": \"" A "\", \"rank\": 1},"
    " {\"id\": \"2\", \"proposal\": \"" B "\", \"rank\": 3}]",
    /* a rank used twice */
    "[{\"id\": \"1\", \"proposal\": \"" A "\", \"rank\": 1},"
    " {\"id\": \"2\", \"proposal\": \"" B "\", \"rank\": 1}]",
    /* a proposal ranked twice */
    "[{\"id\": \"1\", \"proposal\": \"" A "\", \"rank\": 1},"
    " {\"id\": \"2\", \"proposal\": \"" A "\", \"rank\": 2}]",
  };
  g_autoptr(HlgDocument) cycle = new_cycle (2026);
  g_autoptr(HlgTally) tally = hlg_tally_new (cycle);

  for (guint i = 0; i < G_N_ELEMENTS (bad); i++)
    {
      g_autoptr(HlgDocument) ballot = new_ballot (cycle, 1, "ranking", bad[i], NULL);
      g_autoptr(GError) error = NULL;

      g_assert_false (hlg_tally_add_ballot (tally, ballot, &error));
      g_assert_error (error, HLG_TALLY_ERROR, HLG_TALLY_ERROR_INVALID);
      g_assert_cmpstr (error->message, !=, "");
    }

  g_assert_cmpuint (hlg_tally_get_n_ballots (tally), ==, 0);
  g_assert_null (hlg_tally_get_method (tally));
}

static void
test_tally_invalid_ballot (void)
{
  g_autoptr(HlgDocument) cycle = new_cycle (2026);
  g_autoptr(HlgTally) tally = hlg_tally_new (cycle);
  g_autoptr(HlgDocument) ballot = hlg_document_new (HLG_DOC_TYPE_BALLOT);
  g_autoptr(GError) error = NULL;

  /* No voter nor method: it cannot be counted. */
  g_assert_true (hlg_document_set_string (ballot, "cycle", hlg_document_get_id (cycle), NULL));
  g_assert_false (hlg_tally_add_ballot (tally, ballot, &error));
  g_assert_error (error, HLG_TALLY_ERROR, HLG_TALLY_ERROR_INVALID);
  g_assert_cmpuint (hlg_tally_get_n_ballots (tally), ==, 0);
}

/* One ballot, then its scores, places, recommended and tied proposals. */
typedef struct
{
  const char         *method;
  const char         *choices;
  const char         *scores;
  guint               n_places;
  struct
  {
    guint position;
    guint place;
    guint last_place;
  } places[3];
  const char * const *recommended;
  const char * const *tied;
  guint               tied_first;
  guint               tied_last;
} OneBallot;

static const char * const a_only[] = { A, NULL };
static const char * const a_b[] = { A, B, NULL };
static const char * const a_b_c[] = { A, B, C, NULL };

/* Scores 5, 5, 3: both tied for first are recommended, and the tie shows
 * in their places. */
static const OneBallot tie_first = {
  "allotment",
  "[{\"id\": \"1\", \"proposal\": \"" B "\", \"points\": 5},"
  " {\"id\": \"2\", \"proposal\": \"" A "\", \"points\": 5},"
  " {\"id\": \"3\", \"proposal\": \"" C "\", \"points\": 3}]",
  "a:5 b:5 c:3",
  3, { { 0, 1, 2 }, { 1, 1, 2 }, { 2, 3, 3 } },
  a_b,
  none, 0, 0,
};

/* Scores 5, 5, 5: three tied for two seats; none is chosen. */
static const OneBallot tie_first_three = {
  "approval",
  "[{\"id\": \"1\", \"proposal\": \"" A "\", \"approved\": true},"
  " {\"id\": \"2\", \"proposal\": \"" B "\", \"approved\": true},"
  " {\"id\": \"3\", \"proposal\": \"" C "\", \"approved\": true}]",
  "a:1 b:1 c:1",
  3, { { 0, 1, 3 }, { 1, 1, 3 }, { 2, 1, 3 } },
  none,
  a_b_c, 1, 3,
};

/* No one supported B and C: A alone is recommended, not a pick among zeros. */
static const OneBallot zero_not_recommended = {
  "approval",
  "[{\"id\": \"1\", \"proposal\": \"" A "\", \"approved\": true},"
  " {\"id\": \"2\", \"proposal\": \"" B "\", \"approved\": false},"
  " {\"id\": \"3\", \"proposal\": \"" C "\", \"approved\": false}]",
  "a:1 b:0 c:0",
  0, { { 0 } },
  a_only,
  none, 0, 0,
};

static void
test_tally_one_ballot (gconstpointer data)
{
  const OneBallot *test = data;
  g_autoptr(HlgDocument) cycle = new_cycle (2026);
  g_autoptr(HlgTally) tally = hlg_tally_new (cycle);

  add (tally, cycle, 1, test->method, test->choices);

  assert_scores (tally, test->scores);
  for (guint i = 0; i < test->n_places; i++)
    assert_place (tally, test->places[i].position, test->places[i].place,
                  test->places[i].last_place);
  assert_recommended (tally, test->recommended);
  assert_tied (tally, test->tied, test->tied_first, test->tied_last);
  if (test->tied[0] != NULL)
    g_assert_false (hlg_tally_is_decided (tally));
}

/* Scores 9, 4, 4, 4, 1: the first is recommended; three tie for places 2-4. */
static void
test_tally_tie_second (void)
{
  g_autoptr(HlgDocument) cycle = new_cycle (2026);
  g_autoptr(HlgTally) tally = hlg_tally_new (cycle);

  add (tally, cycle, 1, "allotment",
       "[{\"id\": \"1\", \"proposal\": \"" A "\", \"points\": 9},"
       " {\"id\": \"2\", \"proposal\": \"" D "\", \"points\": 4},"
       " {\"id\": \"3\", \"proposal\": \"" C "\", \"points\": 4},"
       " {\"id\": \"4\", \"proposal\": \"" B "\", \"points\": 4},"
       " {\"id\": \"5\", \"proposal\": \"" E "\", \"points\": 1}]");

  assert_scores (tally, "a:9 b:4 c:4 d:4 e:1");
  assert_place (tally, 0, 1, 1);
  assert_place (tally, 1, 2, 4);
  assert_place (tally, 3, 2, 4);
  assert_place (tally, 4, 5, 5);
  assert_recommended (tally, (const char * const[]) { A, NULL });
  assert_tied (tally, (const char * const[]) { B, C, D, NULL }, 2, 4);

  /* One more point for C settles it. */
  add (tally, cycle, 2, "allotment", "[{\"id\": \"1\", \"proposal\": \"" C "\", \"points\": 1}]");
  assert_recommended (tally, (const char * const[]) { A, C, NULL });
  assert_tied (tally, none, 0, 0);
}

static void
on_changed_cb (HlgTally *tally,
               guint    *count)
{
  (*count)++;
}

static void
test_tally_replaced (void)
{
  g_autoptr(HlgDocument) cycle = new_cycle (2026);
  g_autoptr(HlgTally) tally = hlg_tally_new (cycle);
  guint changed = 0;

  g_signal_connect (tally, "changed", G_CALLBACK (on_changed_cb), &changed);

  /* Without time stamps, the one added last counts. */
  add (tally, cycle, 1, "approval",
       "[{\"id\": \"1\", \"proposal\": \"" A "\", \"approved\": true}]");
  add (tally, cycle, 2, "approval",
       "[{\"id\": \"1\", \"proposal\": \"" A "\", \"approved\": true}]");
  add (tally, cycle, 1, "approval",
       "[{\"id\": \"1\", \"proposal\": \"" B "\", \"approved\": true}]");
  g_assert_cmpuint (changed, ==, 3);
  g_assert_cmpuint (hlg_tally_get_n_ballots (tally), ==, 2);
  assert_scores (tally, "a:1 b:1");
}

static void
test_tally_replaced_by_time (void)
{
  g_autoptr(HlgDocument) cycle = new_cycle (2026);
  g_autoptr(HlgTally) tally = hlg_tally_new (cycle);
  g_autoptr(HlgDocument) newer = NULL;
  g_autoptr(HlgDocument) older = NULL;
  g_autoptr(HlgDocument) newest = NULL;
  g_autoptr(GError) error = NULL;

  /* Synced out of order: the older ballot, added later, is ignored. */
  newer = new_ballot (cycle, 1, "allotment",
                      "[{\"id\": \"1\", \"proposal\": \"" B "\", \"points\": 5}]",
                      "2026-11-12T10:05:00Z");
  older = new_ballot (cycle, 1, "allotment",
                      "[{\"id\": \"1\", \"proposal\": \"" A "\", \"points\": 5}]",
                      "2026-11-12T11:00:00+02:00");
  g_assert_true (hlg_tally_add_ballot (tally, newer, &error));
  g_assert_true (hlg_tally_add_ballot (tally, older, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (hlg_tally_get_n_ballots (tally), ==, 1);
  assert_scores (tally, "b:5");

  newest = new_ballot (cycle, 1, "allotment",
                       "[{\"id\": \"1\", \"proposal\": \"" C "\", \"points\": 3}]",
                       "2026-11-12T10:06:00Z");
  g_assert_true (hlg_tally_add_ballot (tally, newest, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (hlg_tally_get_n_ballots (tally), ==, 1);
  assert_scores (tally, "c:3");
}

static void
test_tally_wrong_cycle (void)
{
  g_autoptr(HlgDocument) cycle = new_cycle (2026);
  g_autoptr(HlgDocument) last_year = new_cycle (2025);
  g_autoptr(HlgTally) tally = hlg_tally_new (cycle);
  g_autoptr(HlgDocument) ballot = NULL;
  g_autoptr(GError) error = NULL;

  ballot = new_ballot (last_year, 1, "ranking",
                       "[{\"id\": \"1\", \"proposal\": \"" A "\", \"rank\": 1}]", NULL);
  g_assert_true (hlg_tally_add_ballot (tally, ballot, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (hlg_tally_get_n_ballots (tally), ==, 0);
  g_assert_cmpuint (hlg_tally_get_n_results (tally), ==, 0);
  /* It set no method either. */
  g_assert_null (hlg_tally_get_method (tally));
  add (tally, cycle, 1, "approval",
       "[{\"id\": \"1\", \"proposal\": \"" B "\", \"approved\": true}]");
  assert_scores (tally, "b:1");
}

static void
test_tally_method_mismatch (void)
{
  g_autoptr(HlgDocument) cycle = new_cycle (2026);
  g_autoptr(HlgTally) tally = hlg_tally_new (cycle);
  g_autoptr(HlgDocument) ballot = NULL;
  g_autoptr(GError) error = NULL;

  add (tally, cycle, 1, "approval",
       "[{\"id\": \"1\", \"proposal\": \"" A "\", \"approved\": true}]");
  ballot = new_ballot (cycle, 2, "allotment",
                       "[{\"id\": \"1\", \"proposal\": \"" B "\", \"points\": 10}]", NULL);
  g_assert_false (hlg_tally_add_ballot (tally, ballot, &error));
  g_assert_error (error, HLG_TALLY_ERROR, HLG_TALLY_ERROR_METHOD);
  g_assert_cmpuint (hlg_tally_get_n_ballots (tally), ==, 1);
  g_assert_cmpstr (hlg_tally_get_method (tally), ==, "approval");
  assert_scores (tally, "a:1");
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/tally/empty", test_tally_empty);
  g_test_add_func ("/tally/approval", test_tally_approval);
  g_test_add_func ("/tally/allotment", test_tally_allotment);
  g_test_add_func ("/tally/ranking", test_tally_ranking);
  g_test_add_func ("/tally/ranking-invalid", test_tally_ranking_invalid);
  g_test_add_func ("/tally/invalid-ballot", test_tally_invalid_ballot);
  g_test_add_data_func ("/tally/tie/first", &tie_first, test_tally_one_ballot);
  g_test_add_data_func ("/tally/tie/first-three", &tie_first_three, test_tally_one_ballot);
  g_test_add_func ("/tally/tie/second", test_tally_tie_second);
  g_test_add_data_func ("/tally/zero-not-recommended", &zero_not_recommended,
                        test_tally_one_ballot);
  g_test_add_func ("/tally/replaced", test_tally_replaced);
  g_test_add_func ("/tally/replaced-by-time", test_tally_replaced_by_time);
  g_test_add_func ("/tally/wrong-cycle", test_tally_wrong_cycle);
  g_test_add_func ("/tally/method-mismatch", test_tally_method_mismatch);

  return g_test_run ();
}
