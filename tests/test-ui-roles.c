/* test-ui-roles.c: what each role sees and may do: places, actions, feedback and its release
 * SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "test-ui-roles"

#include "config.h"

#include <glib/gstdio.h>
#include <string.h>

#include "hlg-application.h"
#include "hlg-feedback-editor.h"
#include "hlg-id.h"
#include "hlg-proposals-page.h"
#include "hlg-reviews-page.h"
#include "hlg-window.h"
#include "test-ui-harness.h"

static GtkWidget *
find_action_button (GtkWidget  *widget,
                    const char *action)
{
  if (GTK_IS_BUTTON (widget) &&
      g_strcmp0 (gtk_actionable_get_action_name (GTK_ACTIONABLE (widget)), action) == 0)
    return widget;

  for (GtkWidget *child = gtk_widget_get_first_child (widget); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      GtkWidget *found = find_action_button (child, action);

      if (found != NULL)
        return found;
    }

  return NULL;
}

static void
set_role (const char *role)
{
  g_setenv ("HLGMOS_ROLE", role, TRUE);
  hlg_application_reload_role (test_ui_app);
  test_ui_settle ();
  g_assert_cmpstr (hlg_application_get_role (test_ui_app), ==, role);
}

static HlgDocument *submitted;

static HlgDocument *
get_submitted (void)
{
  if (submitted == NULL)
    submitted = test_ui_save_new (HLG_DOC_TYPE_PROPOSAL,
                          "\"kind\":\"project\",\"title\":\"Reviewed by the Board\","
                          "\"status\":\"submitted\"", FALSE);
  return submitted;
}

static gboolean
sidebar_shows (HlgWindow  *window,
               const char *place)
{
  AdwViewStack *stack = ADW_VIEW_STACK (gtk_widget_get_parent (hlg_window_get_place_page (window,
                                                                                         place)));
  AdwViewStackPage *page = adw_view_stack_get_page (stack, hlg_window_get_place_page (window, place));

  return adw_view_stack_page_get_visible (page);
}

static guint
n_proposals (void)
{
  return g_list_model_get_n_items (hlg_store_get_model (hlg_application_get_store (test_ui_app),
                                                        HLG_DOC_TYPE_PROPOSAL));
}

/* Asks for a new proposal as the menu and Ctrl+N do; returns whether one came. */
static gboolean
new_proposal_works (HlgWindow *window)
{
  guint before = n_proposals ();
  HlgProposalsPage *page = HLG_PROPOSALS_PAGE (hlg_window_get_place_page (window, "proposals"));
  gboolean made;

  gtk_widget_activate_action (GTK_WIDGET (window), "win.new-proposal", NULL);
  test_ui_settle ();
  made = n_proposals () > before;
  hlg_proposals_page_show_list (page);
  return made;
}

static HlgFeedbackEditor *
open_summary (HlgWindow *window)
{
  HlgReviewsPage *page;

  test_ui_activate ("show-place", "reviews");
  g_assert_cmpstr (hlg_window_get_place (window), ==, "reviews");
  page = HLG_REVIEWS_PAGE (hlg_window_get_place_page (window, "reviews"));
  hlg_reviews_page_open_proposal (page, get_submitted ());
  hlg_reviews_page_show_summary (page);
  test_ui_settle ();
  return hlg_reviews_page_get_feedback_editor (page);
}

static void
test_secretariat (void)
{
  HlgWindow *window = test_ui_get_window ();
  HlgStore *store = hlg_application_get_store (test_ui_app);
  HlgFeedbackEditor *feedback;
  HlgDocument *doc;
  GtkWidget *release;
  AdwMessageDialog *dialog;
  g_autofree char *feedback_id = NULL;

  set_role ("secretariat");
  for (guint i = 0; i < 7; i++)
    {
      static const char * const all[] = {
        "cycle", "proposals", "reviews", "workshop", "projects", "groups", "blue-skies"
      };

      g_assert_true (sidebar_shows (window, all[i]));
    }
  g_assert_true (new_proposal_works (window));
  g_assert_null (hlg_window_get_review_badge (window));

  /* The consolidated feedback, saved as it is typed. */
  feedback = open_summary (window);
  g_assert_nonnull (feedback);
  g_assert_true (hlg_feedback_editor_get_editable (feedback));
  gtk_text_buffer_set_text (
    gtk_text_view_get_buffer (GTK_TEXT_VIEW (hlg_feedback_editor_get_widget (feedback, "message"))),
    "Please narrow the scope to two work packages.", -1);
  adw_combo_row_set_selected (ADW_COMBO_ROW (hlg_feedback_editor_get_widget (feedback, "decision")),
                              5 /* on-hold-until, after "not decided" */);
  g_assert_true (gtk_widget_get_visible (hlg_feedback_editor_get_widget (feedback, "on_hold_until")));
  g_assert_false (gtk_widget_get_visible (hlg_feedback_editor_get_widget (feedback, "decision_ref")));
  gtk_editable_set_text (GTK_EDITABLE (hlg_feedback_editor_get_widget (feedback, "on_hold_until")),
                         "2027-03-01");
  doc = hlg_feedback_editor_get_feedback (feedback);
  feedback_id = g_strdup (hlg_document_get_id (doc));
  hlg_reviews_page_flush (HLG_REVIEWS_PAGE (hlg_window_get_place_page (window, "reviews")));
  {
    g_autoptr(HlgStore) fresh = hlg_store_new (test_ui_data_dir);
    HlgDocument *saved;
    g_autoptr(GError) error = NULL;

    g_assert_true (hlg_store_load (fresh, NULL, NULL));
    saved = hlg_store_lookup (fresh, feedback_id);
    g_assert_nonnull (saved);
    g_assert_true (hlg_document_validate (saved, &error));
    g_assert_no_error (error);
    g_assert_cmpstr (hlg_document_get_string (saved, "message"), ==,
                     "Please narrow the scope to two work packages.");
    g_assert_cmpstr (hlg_document_get_string (saved, "decision"), ==, "on-hold-until");
    g_assert_cmpstr (hlg_document_get_string (saved, "on_hold_until"), ==, "2027-03-01");
    g_assert_false (hlg_document_get_boolean (saved, "released"));
  }

  /* Release, after a confirmation that says who will see it. */
  release = hlg_feedback_editor_get_widget (feedback, "release");
  g_assert_true (gtk_widget_get_visible (release));
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (feedback), "feedback.release", NULL));
  test_ui_settle ();
  dialog = ADW_MESSAGE_DIALOG (test_ui_find_toplevel (ADW_TYPE_MESSAGE_DIALOG));
  g_assert_nonnull (dialog);
  g_assert_nonnull (strstr (adw_message_dialog_get_body (dialog), "authors"));
  g_assert_false (hlg_document_get_boolean (doc, "released"));
  adw_message_dialog_response (dialog, "release");
  test_ui_settle ();

  g_assert_true (hlg_document_get_boolean (doc, "released"));
  g_assert_nonnull (hlg_document_get_string (doc, "released_at"));
  g_assert_cmpstr (hlg_document_get_string (get_submitted (), "status"), ==, "feedback-released");
  g_assert_false (hlg_feedback_editor_get_editable (feedback));
  g_assert_false (gtk_widget_get_visible (release));
  g_assert_false (gtk_text_view_get_editable (
    GTK_TEXT_VIEW (hlg_feedback_editor_get_widget (feedback, "message"))));
  g_assert_true (hlg_store_has_local_changes (store, feedback_id));

  /* Back to a state the Board reviews, for the next tests. */
  hlg_document_set_string (get_submitted (), "status", "submitted", NULL);
  g_assert_true (hlg_store_save (store, get_submitted (), NULL));
  hlg_reviews_page_show_list (HLG_REVIEWS_PAGE (hlg_window_get_place_page (window, "reviews")));
}

static void
test_board (void)
{
  HlgWindow *window = test_ui_get_window ();
  HlgFeedbackEditor *feedback;
  HlgDocument *other;

  set_role ("board");
  g_assert_true (sidebar_shows (window, "reviews"));
  g_assert_cmpstr (hlg_window_get_review_badge (window), ==, "1 to review");

  /* The Board drafts feedback, but only the secretariat releases it. */
  other = test_ui_save_new (HLG_DOC_TYPE_PROPOSAL,
                    "\"kind\":\"activity\",\"title\":\"Another one\",\"status\":\"under-review\"", FALSE);
  test_ui_settle ();
  g_assert_cmpstr (hlg_window_get_review_badge (window), ==, "2 to review");
  test_ui_activate ("show-place", "reviews");
  hlg_reviews_page_open_proposal (HLG_REVIEWS_PAGE (hlg_window_get_place_page (window, "reviews")),
                                  other);
  hlg_reviews_page_show_summary (HLG_REVIEWS_PAGE (hlg_window_get_place_page (window, "reviews")));
  test_ui_settle ();
  feedback = hlg_reviews_page_get_feedback_editor (
    HLG_REVIEWS_PAGE (hlg_window_get_place_page (window, "reviews")));
  g_assert_nonnull (feedback);
  g_assert_true (hlg_feedback_editor_get_editable (feedback));
  g_assert_false (gtk_widget_get_visible (hlg_feedback_editor_get_widget (feedback, "release")));
  {
    guint before = g_list_model_get_n_items (gtk_window_get_toplevels ());

    gtk_widget_activate_action (GTK_WIDGET (feedback), "feedback.release", NULL);
    test_ui_settle ();
    g_assert_cmpuint (g_list_model_get_n_items (gtk_window_get_toplevels ()), <=, before);
    g_assert_false (hlg_document_get_boolean (hlg_feedback_editor_get_feedback (feedback),
                                              "released"));
  }
  {
    g_autoptr(GError) error = NULL;

    g_assert_false (hlg_feedback_editor_release (feedback, &error));
    g_assert_nonnull (error);
  }
  /* The Board reads proposals and reviews them; the server refuses a
   * proposal it writes, so there is no "New Proposal", and a draft it
   * opens only shows. */
  g_assert_false (new_proposal_works (window));
  {
    HlgProposalsPage *proposals = HLG_PROPOSALS_PAGE (hlg_window_get_place_page (window,
                                                                                 "proposals"));
    HlgDocument *draft = test_ui_save_new (HLG_DOC_TYPE_PROPOSAL,
                                           "\"kind\":\"activity\",\"title\":\"Board reads\","
                                           "\"status\":\"draft\"", FALSE);

    hlg_proposals_page_open (proposals, draft);
    g_assert_false (hlg_proposal_editor_get_editable (hlg_proposals_page_get_editor (proposals)));
    /* Signed in again as its author, the same editor lets them write. */
    set_role ("author");
    g_assert_true (hlg_proposal_editor_get_editable (hlg_proposals_page_get_editor (proposals)));
    set_role ("board");
    hlg_proposals_page_show_list (proposals);
  }
  hlg_reviews_page_show_list (HLG_REVIEWS_PAGE (hlg_window_get_place_page (window, "reviews")));
}

static void
test_author (void)
{
  HlgWindow *window = test_ui_get_window ();
  HlgDocument *review;
  g_autofree char *fields = NULL;

  set_role ("author");
  /* No Reviews place, and no way into it by a shortcut or a link. */
  g_assert_false (sidebar_shows (window, "reviews"));
  g_assert_true (sidebar_shows (window, "proposals"));
  g_assert_null (hlg_window_get_review_badge (window));
  test_ui_activate ("show-place", "cycle");
  test_ui_activate ("show-place", "reviews");
  g_assert_cmpstr (hlg_window_get_place (window), ==, "cycle");

  fields = g_strdup_printf ("\"proposal\":\"%s\",\"reviewer\":\"person:0b7f7d3e-3f0f-4a57-9c55-"
                            "4b1d8f1e2a10\",\"comments_for_board\":\"Board only\"",
                            hlg_document_get_id (get_submitted ()));
  review = test_ui_save_new (HLG_DOC_TYPE_REVIEW, fields, FALSE);
  test_ui_activate ("open-document", hlg_document_get_id (review));
  g_assert_cmpstr (hlg_window_get_place (window), ==, "cycle");

  /* Authors write proposals. */
  g_assert_true (new_proposal_works (window));
}

static void
test_member (void)
{
  HlgWindow *window = test_ui_get_window ();

  set_role ("member");
  g_assert_false (sidebar_shows (window, "reviews"));
  g_assert_true (sidebar_shows (window, "workshop"));
  g_assert_false (new_proposal_works (window));
  /* No "New Proposal" button that would fail: it is not there. */
  test_ui_activate ("show-place", "proposals");
  {
    GtkWidget *button = find_action_button (hlg_window_get_place_page (window, "proposals"),
                                            "win.new-proposal");

    g_assert_nonnull (button);
    g_assert_false (gtk_widget_get_visible (button));
  }

  set_role ("secretariat");
  g_assert_true (sidebar_shows (window, "reviews"));
}

/* Signed in to a server, the person who reviews or votes is the one the
 * secretariat linked to the account; none is made here, which the server
 * would refuse. Working locally, one is made at the first need. */
static void
test_unlinked_account (void)
{
  g_autoptr(GSettings) settings = g_settings_new ("org.unece.HLGMOS");
  g_autoptr(GError) error = NULL;
  g_autoptr(HlgDocument) person = hlg_document_new (HLG_DOC_TYPE_PERSON);
  HlgStore *store = hlg_application_get_store (test_ui_app);
  guint n_people = g_list_model_get_n_items (hlg_store_get_model (store, HLG_DOC_TYPE_PERSON));

  test_ui_get_window ();
  /* Passwords in memory: the keyring is not this test's business. */
  g_setenv ("HLGMOS_CREDENTIALS", "memory", TRUE);
  g_settings_set_string (settings, "account-name", "not-linked-yet");
  g_settings_set_string (settings, "server-url", "https://hlgmos.example.org");
  g_assert_null (hlg_application_ensure_me (test_ui_app, &error));
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_NOT_FOUND);
  g_assert_nonnull (strstr (error->message, "not-linked-yet"));
  g_assert_cmpuint (g_list_model_get_n_items (hlg_store_get_model (store, HLG_DOC_TYPE_PERSON)), ==,
                    n_people);
  g_clear_error (&error);

  /* Once the linked person has come from the server, it is the one. */
  g_assert_true (hlg_document_set_string (person, "name", "Linked Person", NULL));
  g_assert_true (hlg_document_set_string (person, "account", "not-linked-yet", NULL));
  g_assert_true (hlg_store_save (store, person, &error));
  g_assert_no_error (error);
  g_assert_true (hlg_application_ensure_me (test_ui_app, &error) == person);
  g_assert_no_error (error);

  g_settings_reset (settings, "server-url");
  g_settings_reset (settings, "account-name");
  test_ui_settle ();
  g_unsetenv ("HLGMOS_CREDENTIALS");
}

int
main (int   argc,
      char *argv[])
{
  test_ui_init (&argc, &argv, "hlgmos-ui-roles-XXXXXX");

  g_test_add_func ("/ui/roles/secretariat", test_secretariat);
  g_test_add_func ("/ui/roles/unlinked-account", test_unlinked_account);
  g_test_add_func ("/ui/roles/board", test_board);
  g_test_add_func ("/ui/roles/author", test_author);
  g_test_add_func ("/ui/roles/member", test_member);

  return test_ui_run (argv[0]);
}
