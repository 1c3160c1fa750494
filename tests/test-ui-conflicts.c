/* test-ui-conflicts.c: sync conflicts resolved field by field; lists that follow changes
 * SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "test-ui-conflicts"

#include "config.h"

#include <glib/gstdio.h>

#include "hlg-application.h"
#include "hlg-conflict-bar.h"
#include "hlg-conflicts-window.h"
#include "hlg-id.h"
#include "hlg-proposal-editor.h"
#include "hlg-proposal-row.h"
#include "hlg-proposals-page.h"
#include "hlg-review-form.h"
#include "hlg-reviews-page.h"
#include "hlg-window.h"
#include "test-ui-harness.h"

static JsonObject *
proposal_object (const char *id,
                 const char *title,
                 const char *summary)
{
  JsonObject *object = json_object_new ();

  json_object_set_string_member (object, "_id", id);
  json_object_set_string_member (object, "type", "proposal");
  json_object_set_int_member (object, "schema", 1);
  json_object_set_string_member (object, "kind", "project");
  json_object_set_string_member (object, "status", "draft");
  json_object_set_string_member (object, "title", title);
  json_object_set_string_member (object, "summary", summary);
  return object;
}

static void
apply_remote (const char *id,
              const char *rev,
              const char *seq,
              JsonObject *doc)
{
  g_autoptr(GPtrArray) page = g_ptr_array_new_with_free_func ((GDestroyNotify) hlg_remote_change_free);
  g_autoptr(GError) error = NULL;
  guint n = 0;

  g_ptr_array_add (page, hlg_remote_change_new (id, rev, doc, FALSE));
  g_assert_true (hlg_store_apply_remote_page (hlg_application_get_store (test_ui_app), page, seq, &n,
                                              &error));
  g_assert_no_error (error);
  g_assert_cmpuint (n, ==, 1);
}

/* A proposal pulled from the server, edited here, then edited there:
 * the title and the summary conflict. */
static HlgDocument *
make_conflict (const char *seq1,
               const char *seq2)
{
  HlgStore *store = hlg_application_get_store (test_ui_app);
  g_autofree char *id = hlg_id_new (HLG_DOC_TYPE_PROPOSAL);
  g_autoptr(JsonObject) base = proposal_object (id, "Base title", "Base summary");
  g_autoptr(JsonObject) theirs = proposal_object (id, "Their title", "Their summary");
  g_autoptr(GError) error = NULL;
  HlgDocument *doc;

  apply_remote (id, "1-aaaa", seq1, base);
  doc = hlg_store_lookup (store, id);
  g_assert_nonnull (doc);
  g_assert_true (hlg_document_set_string (doc, "title", "My title", &error));
  g_assert_true (hlg_document_set_string (doc, "summary", "My summary", &error));
  g_assert_true (hlg_store_save (store, doc, &error));
  g_assert_no_error (error);

  apply_remote (id, "2-bbbb", seq2, theirs);
  g_assert_true (hlg_store_has_conflicts (store, id));
  g_assert_cmpuint (json_array_get_length (hlg_store_get_conflicts (store, id)), ==, 2);
  g_assert_cmpstr (hlg_document_get_string (doc, "title"), ==, "My title");

  return doc;
}

static gboolean
is_pushed_later (HlgStore   *store,
                 const char *id)
{
  g_autoptr(GPtrArray) to_push = hlg_store_list_to_push (store);

  for (guint i = 0; i < to_push->len; i++)
    if (g_strcmp0 (g_ptr_array_index (to_push, i), id) == 0)
      return TRUE;

  return FALSE;
}

static void
test_resolve_from_editor (void)
{
  HlgWindow *window = test_ui_get_window ();
  HlgStore *store = hlg_application_get_store (test_ui_app);
  HlgDocument *doc = make_conflict ("1", "2");
  g_autofree char *id = g_strdup (hlg_document_get_id (doc));
  HlgProposalsPage *page;
  HlgProposalEditor *editor;
  HlgConflictBar *bar;
  HlgConflictsWindow *conflicts;
  HlgConflictView *view;
  GtkWidget *title;

  test_ui_settle ();
  g_assert_cmpstr (hlg_window_get_sync_text (window), ==, "1 conflict to resolve");

  g_action_group_activate_action (G_ACTION_GROUP (test_ui_app), "open-document", g_variant_new_string (id));
  test_ui_settle ();
  page = HLG_PROPOSALS_PAGE (hlg_window_get_place_page (window, "proposals"));
  editor = hlg_proposals_page_get_editor (page);
  g_assert_nonnull (editor);
  bar = HLG_CONFLICT_BAR (test_ui_find_descendant (GTK_WIDGET (editor), HLG_TYPE_CONFLICT_BAR));
  g_assert_nonnull (bar);
  g_assert_true (hlg_conflict_bar_get_revealed (bar));
  g_assert_true (gtk_widget_get_mapped (GTK_WIDGET (bar)));

  /* "Resolve…" on the bar. */
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (bar), "win.resolve-conflicts", "s", id));
  test_ui_settle ();
  conflicts = HLG_CONFLICTS_WINDOW (test_ui_find_toplevel (HLG_TYPE_CONFLICTS_WINDOW));
  g_assert_nonnull (conflicts);
  view = hlg_conflicts_window_get_view (conflicts);
  g_assert_nonnull (view);
  g_assert_true (hlg_conflict_view_get_document (view) == doc);
  g_assert_cmpuint (hlg_conflict_view_get_n_conflicts (view), ==, 2);
  g_assert_cmpstr (hlg_conflict_view_get_choice (view, "/title"), ==, "mine");

  /* Theirs for the title, mine for the summary. */
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (view), "conflict.choose", "(ss)",
                                             "/title", "theirs"));
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (view), "conflict.choose", "(ss)",
                                             "/summary", "mine"));
  g_assert_cmpstr (hlg_conflict_view_get_choice (view, "/title"), ==, "theirs");
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (view), "conflict.resolve", NULL));
  test_ui_settle ();

  g_assert_cmpstr (hlg_document_get_string (doc, "title"), ==, "Their title");
  g_assert_cmpstr (hlg_document_get_string (doc, "summary"), ==, "My summary");
  g_assert_false (hlg_store_has_conflicts (store, id));
  g_assert_cmpuint (hlg_store_get_n_conflicts (store), ==, 0);
  g_assert_true (hlg_store_has_local_changes (store, id));
  g_assert_true (is_pushed_later (store, id));
  {
    g_autoptr(JsonObject) body = hlg_store_dup_for_push (store, id);

    /* On top of the server's revision. */
    g_assert_cmpstr (json_object_get_string_member (body, "_rev"), ==, "2-bbbb");
  }

  /* The last conflict gone, its window goes; the bar and the header follow. */
  g_assert_null (test_ui_find_toplevel (HLG_TYPE_CONFLICTS_WINDOW));
  g_assert_cmpstr (hlg_window_get_sync_text (window), !=, "1 conflict to resolve");
  editor = hlg_proposals_page_get_editor (page);
  g_assert_nonnull (editor);
  title = hlg_proposal_editor_get_field_widget (editor, "title");
  g_assert_cmpstr (gtk_editable_get_text (GTK_EDITABLE (title)), ==, "Their title");
  bar = HLG_CONFLICT_BAR (test_ui_find_descendant (GTK_WIDGET (editor), HLG_TYPE_CONFLICT_BAR));
  g_assert_false (hlg_conflict_bar_get_revealed (bar));

  /* And on disk. */
  {
    g_autoptr(HlgStore) fresh = hlg_store_new (test_ui_data_dir);

    g_assert_true (hlg_store_load (fresh, NULL, NULL));
    g_assert_cmpstr (hlg_document_get_string (hlg_store_lookup (fresh, id), "title"), ==,
                     "Their title");
    g_assert_false (hlg_store_has_conflicts (fresh, id));
    g_assert_true (hlg_store_has_local_changes (fresh, id));
  }

  hlg_proposals_page_show_list (page);
}

static void
test_resolve_from_header (void)
{
  HlgWindow *window = test_ui_get_window ();
  HlgStore *store = hlg_application_get_store (test_ui_app);
  HlgDocument *doc = make_conflict ("3", "4");
  g_autofree char *id = g_strdup (hlg_document_get_id (doc));
  HlgConflictsWindow *conflicts;
  HlgConflictView *view;
  GListModel *listed;
  GtkWidget *entry;

  test_ui_settle ();
  /* The header's conflict state opens the list of documents in conflict. */
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.resolve-conflicts", "s", ""));
  test_ui_settle ();
  conflicts = HLG_CONFLICTS_WINDOW (test_ui_find_toplevel (HLG_TYPE_CONFLICTS_WINDOW));
  g_assert_nonnull (conflicts);
  g_assert_null (hlg_conflicts_window_get_view (conflicts));
  listed = hlg_conflicts_window_get_model (conflicts);
  g_assert_cmpuint (g_list_model_get_n_items (listed), ==, 1);
  {
    g_autoptr(GtkStringObject) item = g_list_model_get_item (listed, 0);

    g_assert_cmpstr (gtk_string_object_get_string (item), ==, id);
  }

  g_assert_true (hlg_conflicts_window_open (conflicts, id));
  view = hlg_conflicts_window_get_view (conflicts);

  /* Writing another value chooses it. */
  entry = hlg_conflict_view_get_editor (view, "/summary");
  g_assert_true (GTK_IS_EDITABLE (entry));
  gtk_editable_set_text (GTK_EDITABLE (entry), "Both summaries, merged by hand");
  g_assert_cmpstr (hlg_conflict_view_get_choice (view, "/summary"), ==, "edited");
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (view), "conflict.resolve", NULL));
  test_ui_settle ();

  g_assert_cmpstr (hlg_document_get_string (doc, "title"), ==, "My title");
  g_assert_cmpstr (hlg_document_get_string (doc, "summary"), ==, "Both summaries, merged by hand");
  g_assert_false (hlg_store_has_conflicts (store, id));
  g_assert_true (is_pushed_later (store, id));
  g_assert_null (test_ui_find_toplevel (HLG_TYPE_CONFLICTS_WINDOW));
}

typedef struct
{
  GtkWidget   *page;
  HlgDocument *doc;
} RowWait;

static gboolean
row_shown (gpointer data)
{
  RowWait *wait = data;

  return test_ui_find_proposal_row (wait->page, wait->doc) != NULL;
}

static gboolean
model_contains (GListModel  *model,
                HlgDocument *doc)
{
  for (guint i = 0; i < g_list_model_get_n_items (model); i++)
    {
      g_autoptr(HlgDocument) item = g_list_model_get_item (model, i);

      if (item == doc)
        return TRUE;
    }

  return FALSE;
}

/* Rows follow their document: a change pulled from the server, and an
 * edit here before it is even saved; filtered lists look again. */
static void
test_live_rows (void)
{
  HlgWindow *window = test_ui_get_window ();
  HlgStore *store = hlg_application_get_store (test_ui_app);
  g_autofree char *id = hlg_id_new (HLG_DOC_TYPE_PROPOSAL);
  g_autoptr(JsonObject) first = proposal_object (id, "Aaa live row", "Shown in the list");
  g_autoptr(JsonObject) renamed = proposal_object (id, "Aaa renamed there", "Shown in the list");
  g_autoptr(JsonObject) submitted = proposal_object (id, "Aaa renamed there", "Shown in the list");
  HlgProposalsPage *page;
  HlgReviewsPage *reviews;
  HlgDocument *doc;
  RowWait wait;

  g_action_group_activate_action (G_ACTION_GROUP (test_ui_app), "show-place", g_variant_new_string ("proposals"));
  page = HLG_PROPOSALS_PAGE (hlg_window_get_place_page (window, "proposals"));
  hlg_proposals_page_show_list (page);
  hlg_proposals_page_set_filter (page, "draft", NULL, NULL);

  apply_remote (id, "1-aaaa", "10", first);
  doc = hlg_store_lookup (store, id);
  wait.page = GTK_WIDGET (page);
  wait.doc = doc;
  test_ui_iterate_until (row_shown, &wait);
  g_assert_cmpstr (hlg_proposal_row_get_title (test_ui_find_proposal_row (GTK_WIDGET (page), doc)), ==,
                   "Aaa live row");

  /* Pulled: items-changed (pos, 1, 1) on the same document. */
  apply_remote (id, "2-bbbb", "11", renamed);
  test_ui_settle ();
  g_assert_cmpstr (hlg_proposal_row_get_title (test_ui_find_proposal_row (GTK_WIDGET (page), doc)), ==,
                   "Aaa renamed there");

  /* Edited here, not yet saved. */
  g_assert_true (hlg_document_set_string (doc, "title", "Aaa edited here", NULL));
  test_ui_settle ();
  g_assert_cmpstr (hlg_proposal_row_get_title (test_ui_find_proposal_row (GTK_WIDGET (page), doc)), ==,
                   "Aaa edited here");
  g_assert_true (hlg_store_save (store, doc, NULL));

  /* Submitted there: the "draft" filter lets it go, the Reviews list takes it. */
  json_object_set_string_member (submitted, "status", "submitted");
  g_assert_true (model_contains (hlg_proposals_page_get_model (page), doc));
  reviews = HLG_REVIEWS_PAGE (hlg_window_get_place_page (window, "reviews"));
  g_assert_false (model_contains (hlg_reviews_page_get_model (reviews), doc));
  {
    g_autoptr(GPtrArray) page_of = g_ptr_array_new_with_free_func ((GDestroyNotify) hlg_remote_change_free);
    g_autoptr(GError) error = NULL;
    guint n = 0;

    /* The local edit is pushed first, as the sync client would. */
    g_autoptr(GPtrArray) pushed = g_ptr_array_new_with_free_func ((GDestroyNotify) hlg_pushed_free);
    g_autoptr(JsonObject) body = hlg_store_dup_for_push (store, id);

    g_ptr_array_add (pushed, hlg_pushed_new (id, "3-cccc", body));
    g_assert_true (hlg_store_mark_pushed (store, pushed, &error));
    g_assert_no_error (error);
    g_ptr_array_add (page_of, hlg_remote_change_new (id, "4-dddd", submitted, FALSE));
    g_assert_true (hlg_store_apply_remote_page (store, page_of, "12", &n, &error));
    g_assert_no_error (error);
  }
  test_ui_settle ();
  g_assert_cmpstr (hlg_document_get_string (doc, "status"), ==, "submitted");
  g_assert_false (model_contains (hlg_proposals_page_get_model (page), doc));
  g_assert_true (model_contains (hlg_reviews_page_get_model (reviews), doc));
  hlg_proposals_page_set_filter (page, NULL, NULL, NULL);
}

/* A new search shows the matches in the rows already made (GTK 4.8 would
 * make new ones at every key), and the selection does not stay on a row
 * that now shows another proposal. */
static void
test_search_keeps_rows (void)
{
  HlgWindow *window = test_ui_get_window ();
  g_autoptr(GPtrArray) before = g_ptr_array_new ();
  g_autoptr(GHashTable) shown_before = g_hash_table_new (NULL, NULL);
  g_autoptr(GPtrArray) after = g_ptr_array_new ();
  GtkSingleSelection *selection;
  HlgProposalsPage *page;
  GListModel *shown;
  guint n_reused = 0;

  for (guint i = 0; i < 12; i++)
    {
      g_autofree char *id = hlg_id_new (HLG_DOC_TYPE_PROPOSAL);
      g_autofree char *seq = g_strdup_printf ("%u", 100 + i);
      g_autofree char *title = g_strdup_printf ("Aab %s %02u", i % 3 == 0 ? "lighthouse" : "harbour", i);
      g_autoptr(JsonObject) object = proposal_object (id, title, "Rows made once");

      apply_remote (id, "1-aaaa", seq, object);
    }

  g_action_group_activate_action (G_ACTION_GROUP (test_ui_app), "show-place", g_variant_new_string ("proposals"));
  page = HLG_PROPOSALS_PAGE (hlg_window_get_place_page (window, "proposals"));
  hlg_proposals_page_show_list (page);
  shown = hlg_proposals_page_get_model (page);
  g_object_set (page, "search-text", "Aab", NULL);
  test_ui_settle ();
  test_ui_collect_proposal_rows (GTK_WIDGET (page), before);
  g_assert_cmpuint (before->len, >=, 6);
  for (guint i = 0; i < before->len; i++)
    g_hash_table_insert (shown_before, before->pdata[i],
                         hlg_proposal_row_get_document (before->pdata[i]));

  selection = GTK_SINGLE_SELECTION (gtk_list_view_get_model (
    GTK_LIST_VIEW (gtk_widget_get_ancestor (g_ptr_array_index (before, 0), GTK_TYPE_LIST_VIEW))));
  gtk_single_selection_set_selected (selection, 1);
  g_assert_cmpuint (gtk_single_selection_get_selected (selection), ==, 1);

  g_object_set (page, "search-text", "Aab lighthouse", NULL);
  test_ui_settle ();
  g_assert_cmpuint (g_list_model_get_n_items (shown), ==, 4);
  g_assert_cmpuint (gtk_single_selection_get_selected (selection), ==, GTK_INVALID_LIST_POSITION);

  test_ui_collect_proposal_rows (GTK_WIDGET (page), after);
  g_assert_cmpuint (after->len, ==, 4);
  for (guint i = 0; i < after->len; i++)
    {
      HlgProposalRow *row = g_ptr_array_index (after, i);
      HlgDocument *doc = hlg_proposal_row_get_document (row);

      g_assert_true (g_ptr_array_find (before, row, NULL));
      g_assert_true (model_contains (shown, doc));
      g_assert_nonnull (strstr (hlg_proposal_row_get_title (row), "lighthouse"));
      g_assert_cmpstr (hlg_proposal_row_get_title (row), ==, hlg_document_get_string (doc, "title"));
      /* The harbours came first: their rows now show the lighthouses. */
      n_reused += g_hash_table_lookup (shown_before, row) != doc;
    }
  g_assert_cmpuint (n_reused, ==, 4);

  /* Nothing matches, then matches again: the same rows come back. */
  g_object_set (page, "search-text", "Aab nothing matches this", NULL);
  test_ui_settle ();
  g_assert_cmpuint (g_list_model_get_n_items (shown), ==, 0);
  g_object_set (page, "search-text", "Aab lighthouse", NULL);
  test_ui_settle ();
  g_ptr_array_set_size (before, 0);
  test_ui_collect_proposal_rows (GTK_WIDGET (page), before);
  g_assert_cmpuint (before->len, ==, 4);
  for (guint i = 0; i < after->len; i++)
    g_assert_true (g_ptr_array_find (before, after->pdata[i], NULL));

  /* Typed and deleted key by key: each step looks again only at the
   * proposals it can change, and finds what a fresh search finds. */
  {
    const struct { const char *text; guint n; } steps[] = {
      { "Aab", 12 }, { "Aab h", 8 }, { "Aab ", 12 }, { "Aab l", 4 }, { "Aab lighthouse 0", 4 },
      { "Aab lighthouse 03", 1 }, { "Aab lighthouse", 4 }, { "Aab harbour", 8 }, { "Aab", 12 },
      { "Aab lighthouse", 4 },
    };

    for (guint i = 0; i < G_N_ELEMENTS (steps); i++)
      {
        g_object_set (page, "search-text", steps[i].text, NULL);
        g_assert_cmpuint (g_list_model_get_n_items (shown), ==, steps[i].n);
      }
  }

  g_object_set (page, "search-text", "", NULL);
  test_ui_settle ();
}

/* What the row's title label shows, without asking the row (which would
 * bring it up to date first). */
static const char *
shown_title (GtkWidget *row)
{
  for (GtkWidget *child = gtk_widget_get_first_child (row); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    if (GTK_IS_LABEL (child) && gtk_widget_has_css_class (child, "heading"))
      return gtk_label_get_label (GTK_LABEL (child));

  g_assert_not_reached ();
}

/* A row out of sight (GTK keeps about 200, a dozen seen) takes its new
 * proposal when it comes into sight; a row in sight at once. */
static void
test_rows_out_of_sight (void)
{
  HlgStore *store = hlg_application_get_store (test_ui_app);
  g_autofree char *id = hlg_id_new (HLG_DOC_TYPE_PROPOSAL);
  g_autoptr(JsonObject) object = proposal_object (id, "Seen when shown", "Out of sight");
  GtkWidget *window = gtk_window_new ();
  GtkWidget *row = hlg_proposal_row_new (store);
  HlgDocument *doc;

  apply_remote (id, "1-aaaa", "200", object);
  doc = hlg_store_lookup (store, id);
  gtk_window_set_child (GTK_WINDOW (window), row);
  gtk_window_present (GTK_WINDOW (window));
  test_ui_settle ();
  g_assert_true (gtk_widget_get_mapped (row));

  hlg_proposal_row_set_document (HLG_PROPOSAL_ROW (row), doc);
  g_assert_cmpstr (shown_title (row), ==, "Seen when shown");

  gtk_widget_set_visible (row, FALSE);
  g_assert_false (gtk_widget_get_mapped (row));
  g_assert_true (hlg_document_set_string (doc, "title", "Renamed out of sight", NULL));
  g_assert_cmpstr (shown_title (row), ==, "Seen when shown");

  gtk_widget_set_visible (row, TRUE);
  g_assert_true (gtk_widget_get_mapped (row));
  g_assert_cmpstr (shown_title (row), ==, "Renamed out of sight");

  /* Asked while out of sight, the row answers with what it will show. */
  gtk_widget_set_visible (row, FALSE);
  g_assert_true (hlg_document_set_string (doc, "title", "Asked for", NULL));
  g_assert_cmpstr (hlg_proposal_row_get_title (HLG_PROPOSAL_ROW (row)), ==, "Asked for");

  gtk_window_destroy (GTK_WINDOW (window));
  test_ui_settle ();
}

int
main (int   argc,
      char *argv[])
{
  test_ui_init (&argc, &argv, "hlgmos-ui-conflicts-XXXXXX");

  g_test_add_func ("/ui/conflicts/resolve-from-editor", test_resolve_from_editor);
  g_test_add_func ("/ui/conflicts/resolve-from-header", test_resolve_from_header);
  g_test_add_func ("/ui/lists/live-rows", test_live_rows);
  g_test_add_func ("/ui/lists/search-keeps-rows", test_search_keeps_rows);
  g_test_add_func ("/ui/lists/rows-out-of-sight", test_rows_out_of_sight);

  return test_ui_run (argv[0]);
}
