/* test-ui-ballot.c: one's own ballot at the workshop, cast through its controls, saved and counted
 * SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "test-ui-ballot"

#include "config.h"

#include <string.h>

#include "hlg-application.h"
#include "hlg-ballot-editor.h"
#include "hlg-id.h"
#include "hlg-rules.h"
#include "hlg-tally.h"
#include "hlg-window.h"
#include "hlg-workshop-page.h"
#include "test-ui-harness.h"

#define N_PROPOSALS 3

/* A cycle with three proposals presented at its workshop. */
typedef struct
{
  HlgDocument *cycle;
  HlgDocument *proposals[N_PROPOSALS];
} Workshop;

static void
make_workshop (Workshop *w,
               int       year)
{
  static const char * const titles[N_PROPOSALS] = { "Alpha", "Beta", "Gamma" };
  g_autofree char *fields = g_strdup_printf ("\"year\":%d", year);

  w->cycle = test_ui_save_new (HLG_DOC_TYPE_CYCLE, fields, TRUE);
  for (guint i = 0; i < N_PROPOSALS; i++)
    {
      g_autofree char *p = g_strdup_printf ("\"cycle\":\"%s\",\"kind\":\"project\","
                                            "\"title\":\"%s\",\"status\":\"presented\"",
                                            hlg_document_get_id (w->cycle), titles[i]);

      w->proposals[i] = test_ui_save_new (HLG_DOC_TYPE_PROPOSAL, p, TRUE);
    }
}

static const char *
proposal_id (Workshop *w,
             guint     i)
{
  return hlg_document_get_id (w->proposals[i]);
}

static void
set_role (const char *role)
{
  g_setenv ("HLGMOS_ROLE", role, TRUE);
  hlg_application_reload_role (test_ui_app);
  test_ui_settle ();
  g_assert_cmpstr (hlg_application_get_role (test_ui_app), ==, role);
}

static JsonObject *
find_choice (HlgDocument *ballot,
             const char  *proposal)
{
  JsonArray *choices = hlg_document_get_array (ballot, "choices");

  for (guint i = 0; choices != NULL && i < json_array_get_length (choices); i++)
    {
      JsonObject *choice = json_array_get_object_element (choices, i);

      if (g_strcmp0 (json_object_get_string_member (choice, "proposal"), proposal) == 0)
        return choice;
    }

  return NULL;
}

static gint64
choice_int (HlgDocument *ballot,
            const char  *proposal,
            const char  *member)
{
  JsonObject *choice = find_choice (ballot, proposal);

  return choice != NULL ? json_object_get_int_member_with_default (choice, member, 0) : 0;
}

static gboolean
choice_approved (HlgDocument *ballot,
                 const char  *proposal)
{
  JsonObject *choice = find_choice (ballot, proposal);

  return choice != NULL && json_object_get_boolean_member_with_default (choice, "approved", FALSE);
}

/* The score the count gives @proposal; -1 when no ballot names it. */
static gint64
score_of (HlgTally   *tally,
          const char *proposal)
{
  for (guint i = 0; i < hlg_tally_get_n_results (tally); i++)
    if (g_strcmp0 (hlg_tally_get_proposal (tally, i), proposal) == 0)
      return hlg_tally_get_score (tally, i);

  return -1;
}

static void
assert_valid (HlgDocument *doc)
{
  g_autoptr(GError) error = NULL;

  g_assert_true (hlg_document_validate (doc, &error));
  g_assert_no_error (error);
}

static void
flush (HlgBallotEditor *editor)
{
  g_autoptr(GError) error = NULL;

  g_assert_true (hlg_ballot_editor_flush (editor, &error));
  g_assert_no_error (error);
  test_ui_settle ();
}

static guint
n_ballots_of (const char *voter,
              HlgDocument *cycle)
{
  GListModel *ballots = hlg_store_get_model (hlg_application_get_store (test_ui_app),
                                             HLG_DOC_TYPE_BALLOT);
  guint n = 0;

  for (guint i = 0; i < g_list_model_get_n_items (ballots); i++)
    {
      g_autoptr(HlgDocument) ballot = g_list_model_get_item (ballots, i);

      if (g_strcmp0 (hlg_document_get_string (ballot, "voter"), voter) == 0 &&
          g_strcmp0 (hlg_document_get_string (ballot, "cycle"), hlg_document_get_id (cycle)) == 0)
        n++;
    }

  return n;
}

/* An editor of its own, for a cycle the Workshop place does not show. */
static HlgBallotEditor *
open_editor (Workshop   *w,
             const char *method,
             GtkWidget **window)
{
  g_autoptr(GListStore) proposals = g_list_store_new (HLG_TYPE_DOCUMENT);
  HlgBallotEditor *editor;

  for (guint i = 0; i < N_PROPOSALS; i++)
    g_list_store_append (proposals, w->proposals[i]);
  editor = HLG_BALLOT_EDITOR (hlg_ballot_editor_new (hlg_application_get_store (test_ui_app),
                                                     G_LIST_MODEL (proposals)));
  hlg_ballot_editor_set_cycle (editor, w->cycle);
  hlg_ballot_editor_set_method (editor, method);

  *window = gtk_window_new ();
  gtk_window_set_child (GTK_WINDOW (*window), GTK_WIDGET (editor));
  gtk_window_present (GTK_WINDOW (*window));
  test_ui_settle ();

  return editor;
}

static void
test_approval (void)
{
  HlgWindow *window = test_ui_get_window ();
  HlgStore *store = hlg_application_get_store (test_ui_app);
  g_autoptr(GDateTime) now = g_date_time_new_now_local ();
  g_autofree char *other_voter = hlg_id_new (HLG_DOC_TYPE_PERSON);
  g_autofree char *other = NULL;
  g_autofree char *ballot_id = NULL;
  HlgWorkshopPage *page;
  HlgBallotEditor *editor;
  HlgDocument *ballot;
  HlgDocument *me;
  HlgTally *tally;
  guint n_people;
  Workshop w;

  make_workshop (&w, g_date_time_get_year (now));

  /* Someone voted already, for Alpha. */
  other = g_strdup_printf ("\"cycle\":\"%s\",\"voter\":\"%s\",\"method\":\"approval\","
                           "\"choices\":[{\"id\":\"c1\",\"proposal\":\"%s\",\"approved\":true}]",
                           hlg_document_get_id (w.cycle), other_voter, proposal_id (&w, 0));
  test_ui_save_new (HLG_DOC_TYPE_BALLOT, other, TRUE);

  set_role ("member");
  n_people = g_list_model_get_n_items (hlg_store_get_model (store, HLG_DOC_TYPE_PERSON));
  test_ui_activate ("show-place", "workshop");
  g_assert_cmpstr (hlg_window_get_place (window), ==, "workshop");
  page = HLG_WORKSHOP_PAGE (hlg_window_get_place_page (window, "workshop"));
  editor = hlg_workshop_page_get_ballot_editor (page);
  g_assert_true (gtk_widget_get_visible (GTK_WIDGET (editor)));
  g_assert_cmpstr (hlg_ballot_editor_get_method (editor), ==, "approval");

  /* Looking writes nothing: no ballot, no person. */
  g_assert_null (hlg_ballot_editor_get_ballot (editor));
  g_assert_cmpuint (g_list_model_get_n_items (hlg_store_get_model (store, HLG_DOC_TYPE_PERSON)),
                    ==, n_people);
  tally = hlg_workshop_page_get_tally (page);
  g_assert_cmpuint (hlg_tally_get_n_ballots (tally), ==, 1);
  g_assert_cmpint (score_of (tally, proposal_id (&w, 0)), ==, 1);
  g_assert_cmpint (score_of (tally, proposal_id (&w, 1)), ==, -1);

  /* Tick Beta and Gamma, as a person would. */
  for (guint i = 0; i < N_PROPOSALS; i++)
    g_assert_true (GTK_IS_CHECK_BUTTON (hlg_ballot_editor_get_widget (editor,
                                                                       proposal_id (&w, i))));
  gtk_check_button_set_active (
    GTK_CHECK_BUTTON (hlg_ballot_editor_get_widget (editor, proposal_id (&w, 1))), TRUE);
  gtk_check_button_set_active (
    GTK_CHECK_BUTTON (hlg_ballot_editor_get_widget (editor, proposal_id (&w, 2))), TRUE);
  ballot = hlg_ballot_editor_get_ballot (editor);
  g_assert_nonnull (ballot);
  ballot_id = g_strdup (hlg_document_get_id (ballot));
  flush (editor);

  /* My own ballot, in the store, valid, with my choices. */
  me = hlg_application_find_me (test_ui_app);
  g_assert_nonnull (me);
  g_assert_true (hlg_store_lookup (store, ballot_id) == ballot);
  assert_valid (ballot);
  g_assert_cmpstr (hlg_document_get_string (ballot, "voter"), ==, hlg_document_get_id (me));
  g_assert_cmpstr (hlg_document_get_string (ballot, "cycle"), ==, hlg_document_get_id (w.cycle));
  g_assert_cmpstr (hlg_document_get_string (ballot, "method"), ==, "approval");
  g_assert_false (choice_approved (ballot, proposal_id (&w, 0)));
  g_assert_true (choice_approved (ballot, proposal_id (&w, 1)));
  g_assert_true (choice_approved (ballot, proposal_id (&w, 2)));

  /* The count on the page took it in. */
  tally = hlg_workshop_page_get_tally (page);
  g_assert_cmpuint (hlg_tally_get_n_ballots (tally), ==, 2);
  g_assert_cmpint (score_of (tally, proposal_id (&w, 0)), ==, 1);
  g_assert_cmpint (score_of (tally, proposal_id (&w, 1)), ==, 1);
  g_assert_cmpint (score_of (tally, proposal_id (&w, 2)), ==, 1);

  /* A change of mind changes the same ballot, and the count with it. */
  gtk_check_button_set_active (
    GTK_CHECK_BUTTON (hlg_ballot_editor_get_widget (editor, proposal_id (&w, 2))), FALSE);
  gtk_widget_activate_action (GTK_WIDGET (editor), "ballot.approve", "(sb)", proposal_id (&w, 0),
                              TRUE);
  g_assert_true (gtk_check_button_get_active (
    GTK_CHECK_BUTTON (hlg_ballot_editor_get_widget (editor, proposal_id (&w, 0)))));
  flush (editor);
  g_assert_true (hlg_ballot_editor_get_ballot (editor) == ballot);
  g_assert_cmpuint (n_ballots_of (hlg_document_get_id (me), w.cycle), ==, 1);
  tally = hlg_workshop_page_get_tally (page);
  g_assert_cmpuint (hlg_tally_get_n_ballots (tally), ==, 2);
  g_assert_cmpint (score_of (tally, proposal_id (&w, 0)), ==, 2);
  g_assert_cmpint (score_of (tally, proposal_id (&w, 1)), ==, 1);
  g_assert_cmpint (score_of (tally, proposal_id (&w, 2)), ==, 0);

  /* Written durably: a fresh look at the folder finds it. */
  {
    g_autoptr(HlgStore) fresh = hlg_store_new (hlg_store_get_path (store));
    HlgDocument *saved;

    g_assert_true (hlg_store_load (fresh, NULL, NULL));
    saved = hlg_store_lookup (fresh, ballot_id);
    g_assert_nonnull (saved);
    assert_valid (saved);
    g_assert_true (choice_approved (saved, proposal_id (&w, 0)));
    g_assert_true (choice_approved (saved, proposal_id (&w, 1)));
    g_assert_false (choice_approved (saved, proposal_id (&w, 2)));
  }

  /* Another view of the workshop finds the same ballot, and shows it. */
  {
    GtkWidget *other_window = gtk_window_new ();
    GtkWidget *other_page = hlg_workshop_page_new (store);
    HlgBallotEditor *other_editor;

    gtk_window_set_child (GTK_WINDOW (other_window), other_page);
    gtk_window_present (GTK_WINDOW (other_window));
    test_ui_settle ();
    other_editor = hlg_workshop_page_get_ballot_editor (HLG_WORKSHOP_PAGE (other_page));
    g_assert_true (hlg_ballot_editor_get_ballot (other_editor) == ballot);
    g_assert_true (gtk_check_button_get_active (
      GTK_CHECK_BUTTON (hlg_ballot_editor_get_widget (other_editor, proposal_id (&w, 1)))));
    g_assert_false (gtk_check_button_get_active (
      GTK_CHECK_BUTTON (hlg_ballot_editor_get_widget (other_editor, proposal_id (&w, 2)))));
    gtk_window_destroy (GTK_WINDOW (other_window));
  }

  /* Only roles that vote have a ballot: the server refuses the others'.
   * Board members attend the workshop and vote there. */
  set_role ("board");
  g_assert_true (gtk_widget_get_visible (GTK_WIDGET (editor)));
  set_role ("author");
  g_assert_false (gtk_widget_get_visible (GTK_WIDGET (editor)));
  set_role ("secretariat");
  g_assert_true (gtk_widget_get_visible (GTK_WIDGET (editor)));
  set_role ("member");
  g_assert_true (gtk_widget_get_visible (GTK_WIDGET (editor)));
}

static void
assert_points_label (HlgBallotEditor *editor,
                     const char      *text,
                     gboolean         error)
{
  GtkWidget *label = hlg_ballot_editor_get_widget (editor, "points");

  g_assert_true (gtk_widget_get_visible (label));
  if (strstr (gtk_label_get_label (GTK_LABEL (label)), text) == NULL)
    g_error ("“%s” not in “%s”", text, gtk_label_get_label (GTK_LABEL (label)));
  g_assert_cmpint (gtk_widget_has_css_class (label, "error"), ==, error);
}

static void
test_allotment (void)
{
  g_autoptr(GDateTime) now = g_date_time_new_now_local ();
  g_autoptr(HlgTally) tally = NULL;
  g_autoptr(GError) error = NULL;
  GtkWidget *window;
  HlgBallotEditor *editor;
  HlgDocument *ballot;
  GtkSpinButton *spin[N_PROPOSALS];
  Workshop w;

  test_ui_get_window ();
  make_workshop (&w, g_date_time_get_year (now) + 1);
  editor = open_editor (&w, "allotment", &window);
  for (guint i = 0; i < N_PROPOSALS; i++)
    {
      spin[i] = GTK_SPIN_BUTTON (hlg_ballot_editor_get_widget (editor, proposal_id (&w, i)));
      g_assert_true (GTK_IS_SPIN_BUTTON (spin[i]));
    }
  g_assert_cmpuint (hlg_ballot_editor_get_points_left (editor), ==, HLG_BALLOT_EDITOR_POINTS);
  assert_points_label (editor, "Points left: 10 of 10", FALSE);

  gtk_spin_button_set_value (spin[0], 6);
  ballot = hlg_ballot_editor_get_ballot (editor);
  g_assert_nonnull (ballot);
  g_assert_cmpint (choice_int (ballot, proposal_id (&w, 0), "points"), ==, 6);
  g_assert_cmpuint (hlg_ballot_editor_get_points_left (editor), ==, 4);
  assert_points_label (editor, "Points left: 4 of 10", FALSE);

  /* Five more than the four left: refused, and the control says what the ballot holds. */
  gtk_spin_button_set_value (spin[1], 5);
  g_assert_cmpint (gtk_spin_button_get_value_as_int (spin[1]), ==, 0);
  g_assert_cmpint (choice_int (ballot, proposal_id (&w, 1), "points"), ==, 0);
  g_assert_cmpuint (hlg_ballot_editor_get_points_left (editor), ==, 4);
  assert_points_label (editor, "Only 4 of the 10 points are left", TRUE);

  /* The action refuses too, whoever asks. */
  gtk_widget_activate_action (GTK_WIDGET (editor), "ballot.allot", "(si)", proposal_id (&w, 2), 11);
  g_assert_cmpint (choice_int (ballot, proposal_id (&w, 2), "points"), ==, 0);

  gtk_spin_button_set_value (spin[1], 4);
  g_assert_cmpint (choice_int (ballot, proposal_id (&w, 1), "points"), ==, 4);
  g_assert_cmpuint (hlg_ballot_editor_get_points_left (editor), ==, 0);
  assert_points_label (editor, "Points left: 0 of 10", FALSE);

  gtk_spin_button_set_value (spin[2], 1);
  g_assert_cmpint (gtk_spin_button_get_value_as_int (spin[2]), ==, 0);
  assert_points_label (editor, "All 10 points are given", TRUE);

  /* Taking points back frees them. */
  gtk_spin_button_set_value (spin[0], 5);
  gtk_spin_button_set_value (spin[2], 1);
  g_assert_cmpint (choice_int (ballot, proposal_id (&w, 2), "points"), ==, 1);
  assert_points_label (editor, "Points left: 0 of 10", FALSE);

  flush (editor);
  g_assert_true (hlg_store_lookup (hlg_application_get_store (test_ui_app),
                                   hlg_document_get_id (ballot)) == ballot);
  assert_valid (ballot);
  g_assert_cmpstr (hlg_document_get_string (ballot, "method"), ==, "allotment");
  tally = hlg_tally_new (w.cycle);
  g_assert_true (hlg_tally_add_ballot (tally, ballot, &error));
  g_assert_no_error (error);
  g_assert_cmpint (score_of (tally, proposal_id (&w, 0)), ==, 5);
  g_assert_cmpint (score_of (tally, proposal_id (&w, 1)), ==, 4);
  g_assert_cmpint (score_of (tally, proposal_id (&w, 2)), ==, 1);

  gtk_window_destroy (GTK_WINDOW (window));
}

static void
select_rank (HlgBallotEditor *editor,
             Workshop        *w,
             guint            i,
             guint            rank)
{
  GtkWidget *dropdown = hlg_ballot_editor_get_widget (editor, proposal_id (w, i));

  g_assert_true (GTK_IS_DROP_DOWN (dropdown));
  gtk_drop_down_set_selected (GTK_DROP_DOWN (dropdown), rank);
}

static void
assert_ranks (HlgBallotEditor *editor,
              Workshop        *w,
              const guint     *ranks)
{
  HlgDocument *ballot = hlg_ballot_editor_get_ballot (editor);

  for (guint i = 0; i < N_PROPOSALS; i++)
    {
      GtkWidget *dropdown = hlg_ballot_editor_get_widget (editor, proposal_id (w, i));

      g_assert_cmpint (choice_int (ballot, proposal_id (w, i), "rank"), ==, ranks[i]);
      g_assert_cmpuint (gtk_drop_down_get_selected (GTK_DROP_DOWN (dropdown)), ==, ranks[i]);
    }
}

static void
test_ranking (void)
{
  g_autoptr(GDateTime) now = g_date_time_new_now_local ();
  g_autoptr(HlgTally) tally = NULL;
  g_autoptr(GError) error = NULL;
  GtkWidget *window;
  GtkWidget *notice;
  HlgBallotEditor *editor;
  HlgDocument *ballot;
  Workshop w;

  test_ui_get_window ();
  make_workshop (&w, g_date_time_get_year (now) + 2);
  editor = open_editor (&w, "ranking", &window);

  /* Each rank once: a proposal put at a taken rank moves the others down. */
  select_rank (editor, &w, 0, 1);
  assert_ranks (editor, &w, (guint[]) { 1, 0, 0 });
  select_rank (editor, &w, 2, 1);
  assert_ranks (editor, &w, (guint[]) { 2, 0, 1 });
  select_rank (editor, &w, 1, 2);
  assert_ranks (editor, &w, (guint[]) { 3, 2, 1 });
  /* No gaps: unranking one closes the ranks up. */
  select_rank (editor, &w, 1, 0);
  assert_ranks (editor, &w, (guint[]) { 2, 0, 1 });
  /* A rank past the last ranked one is the next one. */
  select_rank (editor, &w, 0, 0);
  select_rank (editor, &w, 0, 3);
  assert_ranks (editor, &w, (guint[]) { 2, 0, 1 });

  ballot = hlg_ballot_editor_get_ballot (editor);
  flush (editor);
  assert_valid (ballot);
  tally = hlg_tally_new (w.cycle);
  g_assert_true (hlg_tally_add_ballot (tally, ballot, &error));
  g_assert_no_error (error);
  g_assert_cmpint (score_of (tally, proposal_id (&w, 2)), ==, 2);
  g_assert_cmpint (score_of (tally, proposal_id (&w, 0)), ==, 1);
  g_assert_cmpint (score_of (tally, proposal_id (&w, 1)), ==, 0);

  /* The workshop votes by another method: the ballot says it is not
   * counted, and the first choice casts it again by that method. */
  hlg_ballot_editor_set_method (editor, "approval");
  notice = hlg_ballot_editor_get_widget (editor, "notice");
  g_assert_true (gtk_widget_get_visible (notice));
  g_assert_nonnull (strstr (gtk_label_get_label (GTK_LABEL (notice)), "ranked choice"));
  g_assert_false (gtk_check_button_get_active (
    GTK_CHECK_BUTTON (hlg_ballot_editor_get_widget (editor, proposal_id (&w, 2)))));
  gtk_check_button_set_active (
    GTK_CHECK_BUTTON (hlg_ballot_editor_get_widget (editor, proposal_id (&w, 1))), TRUE);
  g_assert_true (hlg_ballot_editor_get_ballot (editor) == ballot);
  g_assert_false (gtk_widget_get_visible (notice));
  g_assert_cmpstr (hlg_document_get_string (ballot, "method"), ==, "approval");
  g_assert_cmpuint (json_array_get_length (hlg_document_get_array (ballot, "choices")), ==, 1);
  g_assert_true (choice_approved (ballot, proposal_id (&w, 1)));
  flush (editor);
  assert_valid (ballot);

  gtk_window_destroy (GTK_WINDOW (window));
}

/* Gives @cycle a one-day workshop @days from today in UTC (negative: past);
 * @out_day is that day. */
static void
set_workshop_day (HlgDocument *cycle,
                  int          days,
                  GDate       *out_day)
{
  g_autoptr(GDateTime) now = g_date_time_new_now_utc ();
  g_autoptr(GDateTime) day = g_date_time_add_days (now, days);
  g_autofree char *iso = g_date_time_format (day, "%Y-%m-%d");
  g_autofree char *json = g_strdup_printf ("[{\"id\":\"w\",\"kind\":\"workshop\","
                                           "\"start\":\"%s\",\"end\":\"%s\"}]", iso, iso);
  g_autoptr(GError) error = NULL;

  g_assert_true (hlg_document_set_member (cycle, "milestones", json_from_string (json, NULL),
                                          &error));
  g_assert_no_error (error);
  assert_valid (cycle);
  g_assert_true (hlg_rules_parse_date (iso, out_day));
  test_ui_settle ();
}

/* The line under the ballot reads @before, the date of @day, then @after. */
static void
assert_closing_label (HlgBallotEditor *editor,
                      const char      *before,
                      const GDate     *day,
                      const char      *after)
{
  GtkWidget *label = hlg_ballot_editor_get_widget (editor, "closing");
  g_autofree char *date = hlg_rules_format_date (day);
  g_autofree char *expected = g_strconcat (before, date, after, NULL);

  g_assert_true (gtk_widget_get_visible (label));
  g_assert_cmpstr (gtk_label_get_label (GTK_LABEL (label)), ==, expected);
}

/* The ballot says until when one may vote; once the workshop's last day is
 * over (in UTC, as the server has it) it is read-only and says since when. */
static void
test_voting_closes (void)
{
  g_autoptr(GDateTime) now = g_date_time_new_now_local ();
  GtkWidget *window;
  GtkWidget *check;
  HlgBallotEditor *editor;
  GDate day;
  Workshop w;

  test_ui_get_window ();
  make_workshop (&w, g_date_time_get_year (now) + 3);
  editor = open_editor (&w, "approval", &window);
  /* No workshop date yet: nothing closes, and nothing says so. */
  g_assert_false (gtk_widget_get_visible (hlg_ballot_editor_get_widget (editor, "closing")));

  set_workshop_day (w.cycle, 3, &day);
  assert_closing_label (editor, "Voting closes on ", &day, " (in 3 days)");
  set_workshop_day (w.cycle, 1, &day);
  assert_closing_label (editor, "Voting closes on ", &day, " (in 1 day)");
  set_workshop_day (w.cycle, 0, &day);
  assert_closing_label (editor, "Voting closes at the end of today, ", &day, "");
  check = hlg_ballot_editor_get_widget (editor, proposal_id (&w, 0));
  g_assert_true (gtk_widget_get_sensitive (check));

  /* Closed yesterday: read-only, whoever asks. */
  set_workshop_day (w.cycle, -1, &day);
  assert_closing_label (editor, "Voting closed on ", &day, "");
  check = hlg_ballot_editor_get_widget (editor, proposal_id (&w, 0));
  g_assert_false (gtk_widget_get_sensitive (check));
  gtk_widget_activate_action (GTK_WIDGET (editor), "ballot.approve", "(sb)", proposal_id (&w, 0),
                              TRUE);
  g_assert_null (hlg_ballot_editor_get_ballot (editor));
  g_assert_false (gtk_check_button_get_active (GTK_CHECK_BUTTON (check)));

  /* Moved to later, it opens again. */
  set_workshop_day (w.cycle, 2, &day);
  assert_closing_label (editor, "Voting closes on ", &day, " (in 2 days)");
  gtk_widget_activate_action (GTK_WIDGET (editor), "ballot.approve", "(sb)", proposal_id (&w, 0),
                              TRUE);
  g_assert_nonnull (hlg_ballot_editor_get_ballot (editor));
  flush (editor);

  gtk_window_destroy (GTK_WINDOW (window));
}

static gboolean
model_has_string (GListModel *model,
                  const char *string)
{
  for (guint i = 0; i < g_list_model_get_n_items (model); i++)
    if (g_strcmp0 (gtk_string_list_get_string (GTK_STRING_LIST (model), i), string) == 0)
      return TRUE;

  return FALSE;
}

/* A member reads only their own ballot: the page does not show a count of
 * it as the workshop's result, but what the secretariat marked; the Board
 * reads every ballot and sees the count. (The cycle is the one the page
 * shows, this year's first: the approval test's.) */
static void
test_member_sees_published (void)
{
  HlgWindow *window = test_ui_get_window ();
  HlgStore *store = hlg_application_get_store (test_ui_app);
  GListModel *proposals = hlg_store_get_model (store, HLG_DOC_TYPE_PROPOSAL);
  g_autoptr(GError) error = NULL;
  g_auto(GStrv) counted = NULL;
  HlgDocument *marked = NULL;
  HlgWorkshopPage *page;
  GListModel *recommended;
  HlgTally *tally;

  set_role ("member");
  test_ui_activate ("show-place", "workshop");
  page = HLG_WORKSHOP_PAGE (hlg_window_get_place_page (window, "workshop"));
  recommended = hlg_workshop_page_get_recommended (page);
  tally = hlg_workshop_page_get_tally (page);
  g_assert_nonnull (tally);
  g_assert_cmpuint (hlg_tally_get_n_ballots (tally), >=, 1);
  g_assert_cmpuint (g_list_model_get_n_items (recommended), ==, 0);

  /* The secretariat marks one on the agenda (pulled from the server in real life). */
  for (guint i = 0; i < g_list_model_get_n_items (proposals); i++)
    {
      g_autoptr(HlgDocument) proposal = g_list_model_get_item (proposals, i);

      if (g_strcmp0 (hlg_document_get_string (proposal, "cycle"),
                     hlg_document_get_id (hlg_tally_get_cycle (tally))) == 0 &&
          g_strcmp0 (hlg_document_get_string (proposal, "status"), "presented") == 0)
        marked = proposal;
    }
  g_assert_nonnull (marked);
  g_assert_true (hlg_document_set_string (marked, "status", "recommended", NULL));
  g_assert_true (hlg_store_save (store, marked, &error));
  g_assert_no_error (error);
  test_ui_settle ();
  g_assert_cmpuint (g_list_model_get_n_items (recommended), ==, 1);
  g_assert_true (model_has_string (recommended, hlg_document_get_id (marked)));

  /* The Board reads every ballot: the count decides. */
  set_role ("board");
  counted = hlg_tally_dup_recommended (hlg_workshop_page_get_tally (page));
  g_assert_cmpuint (g_strv_length (counted), >=, 1);
  g_assert_cmpuint (g_list_model_get_n_items (recommended), ==, g_strv_length (counted));
  for (guint i = 0; counted[i] != NULL; i++)
    g_assert_true (model_has_string (recommended, counted[i]));

  set_role ("member");
  g_assert_cmpuint (g_list_model_get_n_items (recommended), ==, 1);
  g_assert_true (hlg_document_set_string (marked, "status", "presented", NULL));
  g_assert_true (hlg_store_save (store, marked, &error));
  g_assert_no_error (error);
  test_ui_settle ();
  g_assert_cmpuint (g_list_model_get_n_items (recommended), ==, 0);
}

int
main (int   argc,
      char *argv[])
{
  test_ui_init (&argc, &argv, "hlgmos-ui-ballot-XXXXXX");

  g_test_add_func ("/ui/ballot/approval", test_approval);
  g_test_add_func ("/ui/ballot/allotment", test_allotment);
  g_test_add_func ("/ui/ballot/ranking", test_ranking);
  g_test_add_func ("/ui/ballot/voting-closes", test_voting_closes);
  g_test_add_func ("/ui/ballot/member-sees-published", test_member_sees_published);

  return test_ui_run (argv[0]);
}
