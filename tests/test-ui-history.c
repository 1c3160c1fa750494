/* test-ui-history.c: the proposal editor's history: versions, changed fields, restore
 * SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "test-ui-history"

#include "config.h"

#include "hlg-application.h"
#include "hlg-history-view.h"
#include "hlg-proposal-editor.h"
#include "hlg-proposals-page.h"
#include "hlg-window.h"
#include "test-ui-harness.h"

/* The history's clock: the real time plus this, so that ten minutes pass at once. */
static int clock_offset_minutes;

static GDateTime *
test_clock (gpointer data)
{
  g_autoptr(GDateTime) now = g_date_time_new_now_utc ();

  return g_date_time_add_minutes (now, clock_offset_minutes);
}

static HlgHistory *
get_history (void)
{
  HlgHistory *history = hlg_application_get_history (test_ui_app);

  g_assert_nonnull (history);
  hlg_history_set_clock (history, test_clock, NULL);
  return history;
}

static HlgProposalEditor *
open_editor (HlgWindow  *window,
             const char *id)
{
  HlgProposalsPage *page;
  HlgProposalEditor *editor;

  test_ui_activate ("open-document", id);
  page = HLG_PROPOSALS_PAGE (hlg_window_get_place_page (window, "proposals"));
  editor = hlg_proposals_page_get_editor (page);
  g_assert_nonnull (editor);
  g_assert_cmpstr (hlg_document_get_id (hlg_proposal_editor_get_document (editor)), ==, id);
  return editor;
}

typedef struct
{
  const char *id;
  const char *field;
  const char *value;
} Newest;

/* The newest version kept has @field = @value: the autosave came. */
static gboolean
newest_has (gpointer data)
{
  Newest *n = data;
  g_autoptr(GListModel) versions = hlg_history_list (hlg_application_get_history (test_ui_app),
                                                     n->id, NULL);
  g_autoptr(HlgHistoryEntry) newest = versions ? g_list_model_get_item (versions, 0) : NULL;

  return newest != NULL &&
         g_strcmp0 (json_object_get_string_member_with_default (hlg_history_entry_get_doc (newest),
                                                                n->field, NULL),
                    n->value) == 0;
}

static void
wait_for_autosave (const char *id,
                   const char *field,
                   const char *value)
{
  Newest n = { id, field, value };

  test_ui_iterate_until (newest_has, &n);
}

static void
type_entry (HlgProposalEditor *editor,
            const char        *field,
            const char        *text)
{
  GtkWidget *widget = hlg_proposal_editor_get_field_widget (editor, field);

  g_assert_true (GTK_IS_EDITABLE (widget));
  gtk_editable_set_text (GTK_EDITABLE (widget), text);
}

static void
type_text (HlgProposalEditor *editor,
           const char        *field,
           const char        *text)
{
  GtkWidget *widget = hlg_proposal_editor_get_field_widget (editor, field);

  g_assert_true (GTK_IS_TEXT_VIEW (widget));
  gtk_text_buffer_set_text (gtk_text_view_get_buffer (GTK_TEXT_VIEW (widget)), text, -1);
}

static char *
text_of (HlgProposalEditor *editor,
         const char        *field)
{
  GtkWidget *widget = hlg_proposal_editor_get_field_widget (editor, field);
  GtkTextBuffer *buffer;
  GtkTextIter start, end;

  if (GTK_IS_EDITABLE (widget))
    return g_strdup (gtk_editable_get_text (GTK_EDITABLE (widget)));

  buffer = gtk_text_view_get_buffer (GTK_TEXT_VIEW (widget));
  gtk_text_buffer_get_bounds (buffer, &start, &end);
  return gtk_text_buffer_get_text (buffer, &start, &end, FALSE);
}

static HlgHistoryView *
open_history (HlgProposalEditor *editor)
{
  HlgHistoryView *view;

  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (editor), "editor.history", NULL));
  test_ui_settle ();
  view = HLG_HISTORY_VIEW (test_ui_find_toplevel (HLG_TYPE_HISTORY_VIEW));
  g_assert_nonnull (view);
  return view;
}

static GtkWidget *
find_button (GtkWidget  *widget,
             const char *action_name)
{
  if (GTK_IS_BUTTON (widget) &&
      g_strcmp0 (gtk_actionable_get_action_name (GTK_ACTIONABLE (widget)), action_name) == 0)
    return widget;

  for (GtkWidget *child = gtk_widget_get_first_child (widget); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      GtkWidget *found = find_button (child, action_name);

      if (found != NULL)
        return found;
    }

  return NULL;
}

static gboolean
no_history_view (gpointer data)
{
  return test_ui_find_toplevel (HLG_TYPE_HISTORY_VIEW) == NULL;
}

static void
close_view (HlgHistoryView *view)
{
  gtk_window_close (GTK_WINDOW (view));
  test_ui_iterate_until (no_history_view, NULL);
}

/* HLG_TEST_SCREENSHOT_DIR=DIR writes a picture of @widget there, to look at. */
static void
maybe_screenshot (GtkWidget  *widget,
                  const char *name)
{
  const char *dir = g_getenv ("HLG_TEST_SCREENSHOT_DIR");
  g_autoptr(GdkPaintable) paintable = NULL;
  g_autoptr(GtkSnapshot) snapshot = NULL;
  g_autoptr(GskRenderNode) node = NULL;
  g_autoptr(GdkTexture) texture = NULL;
  g_autofree char *file = NULL;
  g_autofree char *path = NULL;
  int width, height;

  if (dir == NULL)
    return;

  for (int i = 0; i < 20; i++)
    test_ui_settle ();
  width = gtk_widget_get_width (widget);
  height = gtk_widget_get_height (widget);
  paintable = gtk_widget_paintable_new (widget);
  snapshot = gtk_snapshot_new ();
  gdk_paintable_snapshot (paintable, GDK_SNAPSHOT (snapshot), width, height);
  node = gtk_snapshot_to_node (snapshot);
  g_assert_nonnull (node);
  texture = gsk_renderer_render_texture (gtk_native_get_renderer (GTK_NATIVE (widget)), node,
                                         &GRAPHENE_RECT_INIT (0, 0, width, height));
  file = g_strconcat (name, ".png", NULL);
  path = g_build_filename (dir, file, NULL);
  g_assert_true (gdk_texture_save_to_png (texture, path));
}

static void
test_versions_and_restore (void)
{
  HlgWindow *window = test_ui_get_window ();
  HlgStore *store = hlg_application_get_store (test_ui_app);
  HlgHistory *history = get_history ();
  HlgDocument *doc;
  g_autofree char *id = NULL;
  g_autofree char *changes = NULL;
  g_autofree char *title = NULL;
  g_autofree char *summary = NULL;
  g_autoptr(GListModel) versions = NULL;
  HlgProposalEditor *editor;
  HlgHistoryView *view;
  AdwMessageDialog *dialog;

  clock_offset_minutes = -90;
  doc = test_ui_save_new (HLG_DOC_TYPE_PROPOSAL,
                          "\"kind\":\"project\",\"status\":\"draft\",\"title\":\"Data stewardship\","
                          "\"summary\":\"A first summary\"", FALSE);
  id = g_strdup (hlg_document_get_id (doc));
  editor = open_editor (window, id);

  /* Typed, saved by the autosave: the same version as the one just written. */
  type_entry (editor, "title", "Data stewardship in practice");
  wait_for_autosave (id, "title", "Data stewardship in practice");
  versions = hlg_history_list (history, id, NULL);
  g_assert_cmpuint (g_list_model_get_n_items (versions), ==, 1);
  g_clear_object (&versions);

  /* Forty minutes later: a new version. */
  clock_offset_minutes = -50;
  type_entry (editor, "title", "Trusted data stewardship");
  type_text (editor, "summary", "A shared approach to stewardship across offices");
  wait_for_autosave (id, "summary", "A shared approach to stewardship across offices");
  versions = hlg_history_list (history, id, NULL);
  g_assert_cmpuint (g_list_model_get_n_items (versions), ==, 2);

  /* The history lists both, newest first, with what changed. */
  view = open_history (editor);
  g_assert_cmpuint (hlg_history_view_get_n_versions (view), ==, 2);
  changes = hlg_history_view_dup_changes (view, 0);
  g_assert_cmpstr (changes, ==, "Title, Summary");
  g_clear_pointer (&changes, g_free);
  changes = hlg_history_view_dup_changes (view, 1);
  g_assert_null (changes);
  g_assert_cmpstr (json_object_get_string_member (
                     hlg_history_entry_get_doc (hlg_history_view_get_selected (view)), "title"), ==,
                   "Trusted data stewardship");
  maybe_screenshot (GTK_WIDGET (view), "history-newest");

  /* The older one, beside what the proposal holds now. */
  g_assert_true (hlg_history_view_select (view, 1));
  test_ui_settle ();
  g_assert_cmpstr (hlg_history_view_get_value (view, "title", FALSE), ==,
                   "Data stewardship in practice");
  g_assert_cmpstr (hlg_history_view_get_value (view, "title", TRUE), ==,
                   "Trusted data stewardship");
  g_assert_cmpstr (hlg_history_view_get_value (view, "summary", FALSE), ==, "A first summary");
  g_assert_cmpstr (hlg_history_view_get_value (view, "summary", TRUE), ==,
                   "A shared approach to stewardship across offices");
  g_assert_null (hlg_history_view_get_value (view, "kind", FALSE));
  g_assert_true (gtk_widget_is_sensitive (find_button (GTK_WIDGET (view), "history.restore")));
  maybe_screenshot (GTK_WIDGET (view), "history-older");

  /* Restore it, confirmed. */
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (view), "history.restore", NULL));
  test_ui_settle ();
  dialog = ADW_MESSAGE_DIALOG (test_ui_find_toplevel (ADW_TYPE_MESSAGE_DIALOG));
  g_assert_nonnull (dialog);
  maybe_screenshot (GTK_WIDGET (dialog), "history-confirm");
  adw_message_dialog_response (dialog, "restore");
  test_ui_iterate_until (no_history_view, NULL);

  /* The editor shows the old text; the store has it as a local change. */
  editor = hlg_proposals_page_get_editor (
    HLG_PROPOSALS_PAGE (hlg_window_get_place_page (window, "proposals")));
  title = text_of (editor, "title");
  summary = text_of (editor, "summary");
  g_assert_cmpstr (title, ==, "Data stewardship in practice");
  g_assert_cmpstr (summary, ==, "A first summary");
  maybe_screenshot (GTK_WIDGET (window), "history-editor");
  g_assert_cmpstr (hlg_document_get_string (hlg_store_lookup (store, id), "title"), ==,
                   "Data stewardship in practice");
  g_assert_true (hlg_store_has_local_changes (store, id));
  {
    g_autoptr(HlgStore) fresh = hlg_store_new (test_ui_data_dir);

    g_assert_true (hlg_store_load (fresh, NULL, NULL));
    g_assert_cmpstr (hlg_document_get_string (hlg_store_lookup (fresh, id), "summary"), ==,
                     "A first summary");
  }

  /* The version it replaced stays in the history, under the restored one. */
  g_clear_object (&versions);
  versions = hlg_history_list (history, id, NULL);
  g_assert_cmpuint (g_list_model_get_n_items (versions), ==, 3);
  view = open_history (editor);
  g_assert_cmpuint (hlg_history_view_get_n_versions (view), ==, 3);
  g_assert_true (hlg_history_view_select (view, 1));
  g_assert_cmpstr (hlg_history_view_get_value (view, "title", FALSE), ==,
                   "Trusted data stewardship");
  /* The newest is the proposal as it is: nothing to restore there. */
  g_assert_true (hlg_history_view_select (view, 0));
  test_ui_settle ();
  g_assert_false (gtk_widget_is_sensitive (find_button (GTK_WIDGET (view), "history.restore")));
  close_view (view);

  hlg_proposals_page_show_list (HLG_PROPOSALS_PAGE (hlg_window_get_place_page (window,
                                                                               "proposals")));
}

static void
test_read_only (void)
{
  HlgWindow *window = test_ui_get_window ();
  HlgDocument *doc;
  g_autofree char *id = NULL;
  g_autofree char *changes = NULL;
  g_autoptr(GError) error = NULL;
  HlgProposalEditor *editor;
  HlgHistoryView *view;

  get_history ();
  clock_offset_minutes = -300;
  doc = test_ui_save_new (HLG_DOC_TYPE_PROPOSAL,
                          "\"kind\":\"project\",\"status\":\"draft\",\"title\":\"Before\","
                          "\"work_packages\":[{\"id\":\"wp1\",\"title\":\"Survey\"}]", FALSE);
  id = g_strdup (hlg_document_get_id (doc));
  editor = open_editor (window, id);
  clock_offset_minutes = -200;
  type_entry (editor, "work_packages/0/title", "Survey design");
  type_entry (editor, "title", "After");
  wait_for_autosave (id, "title", "After");

  /* Submitted: its authors can no longer change it, nor restore a version. */
  clock_offset_minutes = -100;
  g_assert_true (hlg_proposal_editor_submit (editor, &error));
  g_assert_no_error (error);
  view = open_history (editor);
  g_assert_cmpuint (hlg_history_view_get_n_versions (view), ==, 3);
  changes = hlg_history_view_dup_changes (view, 0);
  g_assert_cmpstr (changes, ==, "Status, Submitted");
  g_clear_pointer (&changes, g_free);
  changes = hlg_history_view_dup_changes (view, 1);
  g_assert_cmpstr (changes, ==, "Title, Work packages");
  g_assert_true (hlg_history_view_select (view, 1));
  test_ui_settle ();
  g_assert_cmpstr (hlg_history_view_get_value (view, "work_packages", FALSE), ==, "• Survey design");
  maybe_screenshot (GTK_WIDGET (view), "history-read-only");
  g_assert_true (hlg_history_view_select (view, 2));
  test_ui_settle ();
  g_assert_cmpstr (hlg_history_view_get_value (view, "title", FALSE), ==, "Before");
  g_assert_false (gtk_widget_is_sensitive (find_button (GTK_WIDGET (view), "history.restore")));
  g_assert_false (hlg_history_view_restore (view, &error));
  g_assert_error (error, HLG_HISTORY_ERROR, HLG_HISTORY_ERROR_READ_ONLY);
  g_assert_cmpstr (hlg_document_get_string (hlg_proposal_editor_get_document (editor), "title"), ==,
                   "After");
  close_view (view);

  hlg_proposals_page_show_list (HLG_PROPOSALS_PAGE (hlg_window_get_place_page (window,
                                                                               "proposals")));
}

static void
test_empty (void)
{
  HlgWindow *window = test_ui_get_window ();
  HlgDocument *doc;
  g_autofree char *id = NULL;
  HlgProposalEditor *editor;
  HlgHistoryView *view;
  GtkWidget *status;

  get_history ();
  doc = test_ui_save_new (HLG_DOC_TYPE_PROPOSAL,
                          "\"kind\":\"project\",\"status\":\"draft\",\"title\":\"Just written\"",
                          FALSE);
  id = g_strdup (hlg_document_get_id (doc));
  editor = open_editor (window, id);

  /* One version, the proposal as it is: nothing earlier to show. */
  view = open_history (editor);
  g_assert_cmpuint (hlg_history_view_get_n_versions (view), ==, 1);
  status = test_ui_find_descendant (GTK_WIDGET (view), ADW_TYPE_STATUS_PAGE);
  g_assert_nonnull (status);
  g_assert_true (gtk_widget_get_mapped (status));
  g_assert_cmpstr (adw_status_page_get_title (ADW_STATUS_PAGE (status)), ==,
                   "No Earlier Versions");
  maybe_screenshot (GTK_WIDGET (view), "history-empty");
  close_view (view);

  hlg_proposals_page_show_list (HLG_PROPOSALS_PAGE (hlg_window_get_place_page (window,
                                                                               "proposals")));
}

int
main (int   argc,
      char *argv[])
{
  test_ui_init (&argc, &argv, "hlgmos-ui-history-XXXXXX");

  g_test_add_func ("/ui/history/versions-and-restore", test_versions_and_restore);
  g_test_add_func ("/ui/history/read-only", test_read_only);
  g_test_add_func ("/ui/history/empty", test_empty);

  return test_ui_run (argv[0]);
}
