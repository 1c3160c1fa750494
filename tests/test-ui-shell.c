/* test-ui-shell.c: the real window under Xvfb, driven through its actions and properties
 * SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "test-ui-shell"

#include "config.h"

#include <glib/gstdio.h>
#include <string.h>

#include "hlg-application.h"
#include "hlg-id.h"
#include "hlg-proposal-editor.h"
#include "hlg-proposals-page.h"
#include "hlg-reviews-page.h"
#include "hlg-window.h"
#include "test-ui-harness.h"

static gboolean
no_windows (gpointer data)
{
  return gtk_application_get_windows (GTK_APPLICATION (test_ui_app)) == NULL;
}

/* The harness also passes over another active window; here none may be. */
static HlgWindow *
get_window (void)
{
  GtkWindow *window = gtk_application_get_active_window (GTK_APPLICATION (test_ui_app));

  g_assert_true (window == NULL || HLG_IS_WINDOW (window));

  return test_ui_get_window ();
}

static void
close_window (HlgWindow *window)
{
  gtk_window_close (GTK_WINDOW (window));
  test_ui_iterate_until (no_windows, NULL);
}

static HlgStore *
load_fresh_store (void)
{
  HlgStore *store = hlg_store_new (test_ui_data_dir);
  g_autoptr(GError) error = NULL;

  g_assert_true (hlg_store_load (store, NULL, &error));
  g_assert_no_error (error);

  return store;
}

static void
test_show_place (void)
{
  static const char * const places[] = {
    "cycle", "proposals", "reviews", "workshop", "projects", "groups", "blue-skies"
  };
  HlgWindow *window = get_window ();

  for (guint i = 0; i < G_N_ELEMENTS (places); i++)
    {
      test_ui_activate ("show-place", places[i]);
      g_assert_cmpstr (hlg_window_get_place (window), ==, places[i]);
      g_assert_true (gtk_widget_get_mapped (hlg_window_get_place_page (window, places[i])));
    }

  /* A name that is no place leaves the window where it was. */
  test_ui_activate ("show-place", "../../etc");
  g_assert_cmpstr (hlg_window_get_place (window), ==, "blue-skies");

  /* So does an ID that is not one, or one of no document here. */
  test_ui_activate ("open-document", "proposal:../../../etc/passwd");
  g_assert_cmpstr (hlg_window_get_place (window), ==, "blue-skies");
  {
    g_autofree char *id = hlg_id_new (HLG_DOC_TYPE_PROPOSAL);

    test_ui_activate ("open-document", id);
    g_assert_cmpstr (hlg_window_get_place (window), ==, "blue-skies");
  }

  /* The keyboard shortcuts name the same actions. */
  {
    g_auto(GStrv) accels = gtk_application_get_accels_for_action (GTK_APPLICATION (test_ui_app),
                                                                  "app.show-place::reviews");

    g_assert_cmpstr (accels[0], ==, "<Control>3");
  }
}

static void
test_dialogs (void)
{
  HlgWindow *window = get_window ();
  GtkWindow *dialog;

  test_ui_activate ("preferences", NULL);
  dialog = test_ui_find_toplevel (ADW_TYPE_PREFERENCES_WINDOW);
  g_assert_nonnull (dialog);
  g_assert_true (gtk_window_get_transient_for (dialog) == GTK_WINDOW (window));
  gtk_window_destroy (dialog);

  test_ui_activate ("shortcuts", NULL);
  dialog = test_ui_find_toplevel (GTK_TYPE_SHORTCUTS_WINDOW);
  g_assert_nonnull (dialog);
  gtk_window_close (dialog);
  test_ui_settle ();

  /* Working locally, the header says so and no document is pending. */
  g_assert_cmpstr (hlg_window_get_sync_text (window), ==, "Working locally");
}

static void
test_new_proposal_survives_closing (void)
{
  HlgWindow *window = get_window ();
  HlgProposalsPage *page;
  HlgProposalEditor *editor;
  GtkWidget *title;
  GtkWidget *summary;
  g_autofree char *id = NULL;
  g_autoptr(HlgStore) fresh = NULL;
  HlgDocument *on_disk;
  GListModel *shown;

  test_ui_activate ("show-place", "cycle");
  gtk_widget_activate_action (GTK_WIDGET (window), "win.new-proposal", NULL);
  test_ui_settle ();
  g_assert_cmpstr (hlg_window_get_place (window), ==, "proposals");

  page = HLG_PROPOSALS_PAGE (hlg_window_get_place_page (window, "proposals"));
  editor = hlg_proposals_page_get_editor (page);
  g_assert_nonnull (editor);
  g_assert_true (hlg_proposal_editor_get_editable (editor));
  id = g_strdup (hlg_document_get_id (hlg_proposal_editor_get_document (editor)));
  g_assert_true (hlg_id_validate (id, NULL, NULL));

  /* Typing, as a person would, into the title and the summary. */
  title = hlg_proposal_editor_get_field_widget (editor, "title");
  g_assert_true (GTK_IS_EDITABLE (title));
  gtk_editable_set_text (GTK_EDITABLE (title), "Open data for SDG indicators");
  summary = hlg_proposal_editor_get_field_widget (editor, "summary");
  g_assert_true (GTK_IS_TEXT_VIEW (summary));
  gtk_text_buffer_set_text (gtk_text_view_get_buffer (GTK_TEXT_VIEW (summary)),
                            "A shared pipeline — with ünïcode", -1);

  /* Closed at once, well before the autosave delay. */
  close_window (window);

  fresh = load_fresh_store ();
  on_disk = hlg_store_lookup (fresh, id);
  g_assert_nonnull (on_disk);
  g_assert_cmpstr (hlg_document_get_string (on_disk, "title"), ==, "Open data for SDG indicators");
  g_assert_cmpstr (hlg_document_get_string (on_disk, "summary"), ==,
                   "A shared pipeline — with ünïcode");
  g_assert_cmpstr (hlg_document_get_string (on_disk, "status"), ==, "draft");
  g_assert_true (hlg_store_has_local_changes (fresh, id));

  /* Reopened, the window shows the text again. */
  window = get_window ();
  test_ui_activate ("open-document", id);
  g_assert_cmpstr (hlg_window_get_place (window), ==, "proposals");
  page = HLG_PROPOSALS_PAGE (hlg_window_get_place_page (window, "proposals"));
  editor = hlg_proposals_page_get_editor (page);
  g_assert_nonnull (editor);
  title = hlg_proposal_editor_get_field_widget (editor, "title");
  g_assert_cmpstr (gtk_editable_get_text (GTK_EDITABLE (title)), ==,
                   "Open data for SDG indicators");

  /* The list finds it by a word of its title, and not by another. */
  hlg_proposals_page_show_list (page);
  shown = hlg_proposals_page_get_model (page);
  g_object_set (page, "search-text", "SDG", NULL);
  g_assert_cmpuint (g_list_model_get_n_items (shown), ==, 1);
  g_object_set (page, "search-text", "no such words anywhere", NULL);
  g_assert_cmpuint (g_list_model_get_n_items (shown), ==, 0);
  g_object_set (page, "search-text", "", NULL);
  hlg_proposals_page_set_filter (page, "submitted", NULL, NULL);
  g_assert_cmpuint (g_list_model_get_n_items (shown), ==, 0);
  hlg_proposals_page_set_filter (page, "draft", "project", NULL);
  g_assert_cmpuint (g_list_model_get_n_items (shown), ==, 1);
  hlg_proposals_page_set_filter (page, NULL, NULL, NULL);

  /* Submitted, it becomes read-only, on disk too. */
  hlg_proposals_page_open (page, hlg_store_lookup (hlg_application_get_store (test_ui_app), id));
  editor = hlg_proposals_page_get_editor (page);
  {
    g_autoptr(GError) error = NULL;
    g_autoptr(HlgStore) again = NULL;

    g_assert_true (hlg_proposal_editor_submit (editor, &error));
    g_assert_no_error (error);
    g_assert_false (hlg_proposal_editor_get_editable (editor));
    title = hlg_proposal_editor_get_field_widget (editor, "title");
    g_assert_false (gtk_editable_get_editable (GTK_EDITABLE (title)));

    again = load_fresh_store ();
    g_assert_cmpstr (hlg_document_get_string (hlg_store_lookup (again, id), "status"), ==,
                     "submitted");
  }
}

static void
test_deadline_warning (void)
{
  HlgWindow *window = get_window ();
  HlgDocument *cycle;
  HlgDocument *proposal;
  g_autofree char *fields = NULL;
  HlgProposalEditor *editor;
  g_auto(GStrv) warnings = NULL;
  gboolean mentions_deadline = FALSE;

  cycle = test_ui_save_new (HLG_DOC_TYPE_CYCLE,
                    "\"year\":2020,\"milestones\":[{\"id\":\"m1\",\"kind\":\"proposal-deadline\","
                    "\"start\":\"2020-09-30\"}]", TRUE);
  fields = g_strdup_printf ("\"cycle\":\"%s\",\"kind\":\"activity\",\"title\":\"Late one\","
                            "\"status\":\"draft\",\"focus_areas\":[\"active-engagement\"]",
                            hlg_document_get_id (cycle));
  proposal = test_ui_save_new (HLG_DOC_TYPE_PROPOSAL, fields, TRUE);

  test_ui_activate ("open-document", hlg_document_get_id (proposal));
  editor = hlg_proposals_page_get_editor (
    HLG_PROPOSALS_PAGE (hlg_window_get_place_page (window, "proposals")));
  g_assert_true (hlg_proposal_editor_get_document (editor) == proposal);

  warnings = hlg_proposal_editor_dup_warnings (editor, "submitted_at");
  g_assert_cmpuint (g_strv_length (warnings), >=, 1);
  for (guint i = 0; warnings[i] != NULL; i++)
    if (strstr (warnings[i], "deadline") != NULL)
      mentions_deadline = TRUE;
  g_assert_true (mentions_deadline);

  hlg_proposals_page_show_list (HLG_PROPOSALS_PAGE (hlg_window_get_place_page (window,
                                                                               "proposals")));

  /* In the list, the row counts the warnings; resting the pointer on them
   * shows them (the tooltip is made when asked for). */
  g_object_set (hlg_window_get_place_page (window, "proposals"), "search-text", "Late one", NULL);
  test_ui_settle ();
  {
    HlgProposalRow *row = test_ui_find_proposal_row (
      GTK_WIDGET (hlg_window_get_place_page (window, "proposals")), proposal);
    g_autoptr(GtkTooltip) tooltip = g_object_new (GTK_TYPE_TOOLTIP, NULL);
    GtkWidget *count = NULL;
    gboolean shown = FALSE;

    g_assert_nonnull (row);
    g_assert_cmpuint (hlg_proposal_row_get_n_warnings (row), >=, g_strv_length (warnings));
    g_assert_nonnull (strstr (hlg_proposal_row_get_warnings_text (row), "deadline"));
    for (GtkWidget *child = gtk_widget_get_first_child (GTK_WIDGET (row)); child != NULL;
         child = gtk_widget_get_next_sibling (child))
      if (GTK_IS_LABEL (child) && gtk_widget_has_css_class (child, "warning"))
        count = child;
    g_assert_nonnull (count);
    g_assert_true (gtk_widget_get_visible (count));
    g_signal_emit_by_name (count, "query-tooltip", 1, 1, FALSE, tooltip, &shown);
    g_assert_true (shown);
  }
  g_object_set (hlg_window_get_place_page (window, "proposals"), "search-text", "", NULL);
}

static void
test_review_scores_in_summary (void)
{
  HlgWindow *window = get_window ();
  HlgStore *store = hlg_application_get_store (test_ui_app);
  HlgReviewsPage *page;
  HlgReviewForm *form;
  HlgScoreChart *chart;
  HlgDocument *proposal;
  HlgDocument *review;
  g_autofree char *fields = NULL;
  g_autofree char *review_id = NULL;
  GListModel *to_review;
  gboolean listed = FALSE;

  proposal = test_ui_save_new (HLG_DOC_TYPE_PROPOSAL,
                       "\"cycle\":\"cycle:0b7f7d3e-3f0f-4a57-9c55-4b1d8f1e2a10\","
                       "\"kind\":\"project\",\"title\":\"Reviewed one\",\"status\":\"submitted\"", TRUE);

  test_ui_activate ("show-place", "reviews");
  page = HLG_REVIEWS_PAGE (hlg_window_get_place_page (window, "reviews"));
  to_review = hlg_reviews_page_get_model (page);
  for (guint i = 0; i < g_list_model_get_n_items (to_review); i++)
    {
      g_autoptr(HlgDocument) doc = g_list_model_get_item (to_review, i);

      listed |= doc == proposal;
    }
  g_assert_true (listed);

  hlg_reviews_page_open_proposal (page, proposal);
  form = hlg_reviews_page_get_form (page);
  g_assert_nonnull (form);
  hlg_review_form_set_score (form, "active-engagement", 4);
  hlg_review_form_set_score (form, "feasibility", 2);
  gtk_switch_set_active (GTK_SWITCH (hlg_review_form_get_widget (form, "ready")), TRUE);
  gtk_text_buffer_set_text (
    gtk_text_view_get_buffer (GTK_TEXT_VIEW (hlg_review_form_get_widget (form,
                                                                         "comments_for_board"))),
    "Only for the Board", -1);
  review = hlg_review_form_get_review (form);
  review_id = g_strdup (hlg_document_get_id (review));

  hlg_reviews_page_show_summary (page);
  chart = hlg_reviews_page_get_chart (page);
  g_assert_cmpuint (hlg_score_chart_get_n_bars (chart), ==, 2);
  g_assert_cmpfloat_with_epsilon (hlg_score_chart_get_mean (chart, "active-engagement"), 4, 1e-9);
  g_assert_cmpfloat_with_epsilon (hlg_score_chart_get_mean (chart, "feasibility"), 2, 1e-9);
  g_assert_cmpfloat (hlg_score_chart_get_mean (chart, "added_value"), <, 0);
  g_assert_true (gtk_widget_get_mapped (GTK_WIDGET (chart)));

  /* The review is in the store and on disk, with its scores. */
  g_assert_true (hlg_store_lookup (store, review_id) == review);
  {
    g_autoptr(HlgStore) fresh = load_fresh_store ();
    HlgDocument *saved = hlg_store_lookup (fresh, review_id);
    g_autoptr(GError) error = NULL;

    g_assert_nonnull (saved);
    g_assert_true (hlg_document_validate (saved, &error));
    g_assert_no_error (error);
    g_assert_cmpint (hlg_review_get_score (saved, "active-engagement"), ==, 4);
    g_assert_cmpint (hlg_review_get_score (saved, "feasibility"), ==, 2);
    g_assert_true (hlg_document_get_boolean (saved, "ready"));
    g_assert_cmpstr (hlg_document_get_string (saved, "comments_for_board"), ==,
                     "Only for the Board");
    g_assert_cmpstr (hlg_document_get_string (saved, "proposal"), ==,
                     hlg_document_get_id (proposal));
  }

  hlg_reviews_page_show_list (page);
}

int
main (int   argc,
      char *argv[])
{
  test_ui_init (&argc, &argv, "hlgmos-ui-XXXXXX");

  g_test_add_func ("/ui/shell/show-place", test_show_place);
  g_test_add_func ("/ui/shell/dialogs", test_dialogs);
  g_test_add_func ("/ui/proposals/new-survives-closing", test_new_proposal_survives_closing);
  g_test_add_func ("/ui/proposals/deadline-warning", test_deadline_warning);
  g_test_add_func ("/ui/reviews/scores-in-summary", test_review_scores_in_summary);

  return test_ui_run (argv[0]);
}
