/* test-ui-blue-skies.c: writing a Blue Skies Thinking Report as a person types it
 * SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "test-ui-blue-skies"

#include "config.h"

#include <adwaita.h>
#include <string.h>

#include "hlg-blue-skies-editor.h"
#include "hlg-blue-skies-page.h"
#include "hlg-demo.h"
#include "hlg-schema.h"
#include "test-util.h"

#define TITLE         "Synthetic data for official statistics"
#define TOPIC         "Data made by a model that keeps the statistical properties of real data."
#define VALUE         "Researchers could use microdata without seeing anyone's records.\n\n" \
                      "Offices could test systems before the real data arrive."
#define CURRENT_WORK  "Several offices publish synthetic census extracts; a UNECE guide exists."
#define COLLABORATION "A shared evaluation of utility and disclosure risk."
#define HOLD_DATE     "2027-03-01"
#define FOLLOW_UP     "A project proposal for the next cycle"

static const char * const answer_fields[] = { "topic", "value", "current_work", "collaboration" };
static const char * const answer_texts[] = { TOPIC, VALUE, CURRENT_WORK, COLLABORATION };

#define WITH_DEMO GINT_TO_POINTER (1)

typedef struct
{
  TestUtilDir  tmp;
  HlgStore    *store;
  GtkWidget   *window;
  GtkWidget   *page;
} Fixture;

static void
settle (void)
{
  while (g_main_context_iteration (NULL, FALSE))
    ;
}

static void
fixture_set_up (Fixture       *f,
                gconstpointer  data)
{
  g_autoptr(GDateTime) now = g_date_time_new_now_local ();
  g_autoptr(GError) error = NULL;

  test_util_dir_set_up (&f->tmp, data);
  f->store = test_util_open_store (f->tmp.dir);
  /* The demo's cycles, people and report, for the tests that need them. */
  if (data == WITH_DEMO)
    {
      g_assert_true (hlg_demo_populate (f->store, now, &error));
      g_assert_no_error (error);
    }

  f->window = gtk_window_new ();
  gtk_window_set_default_size (GTK_WINDOW (f->window), 1000, 800);
  f->page = hlg_blue_skies_page_new (f->store);
  gtk_window_set_child (GTK_WINDOW (f->window), f->page);
  gtk_window_present (GTK_WINDOW (f->window));
  settle ();
}

static void
fixture_tear_down (Fixture       *f,
                   gconstpointer  data)
{
  gtk_window_destroy (GTK_WINDOW (f->window));
  settle ();
  g_clear_object (&f->store);
  test_util_dir_tear_down (&f->tmp, data);
}

static HlgBlueSkiesPage *
get_page (Fixture *f)
{
  return HLG_BLUE_SKIES_PAGE (f->page);
}

static guint
n_reports (HlgStore *store)
{
  return g_list_model_get_n_items (hlg_store_get_model (store, HLG_DOC_TYPE_BLUE_SKIES_REPORT));
}

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

/* Every label a person can read in @widget, collapsed expander rows included. */
static void
collect_labels (GtkWidget *widget,
                GString   *out)
{
  if (!gtk_widget_get_visible (widget))
    return;
  if (GTK_IS_LABEL (widget))
    g_string_append_printf (out, "%s\n", gtk_label_get_label (GTK_LABEL (widget)));
  for (GtkWidget *child = gtk_widget_get_first_child (widget); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    collect_labels (child, out);
}

static gboolean
shows (GtkWidget  *widget,
       const char *text)
{
  g_autoptr(GString) all = g_string_new (NULL);

  collect_labels (widget, all);
  return strstr (all->str, text) != NULL;
}

static const char *
visible_place (HlgBlueSkiesPage *page)
{
  GtkWidget *stack = gtk_widget_get_first_child (GTK_WIDGET (page));

  g_assert_true (GTK_IS_STACK (stack));
  return gtk_stack_get_visible_child_name (GTK_STACK (stack));
}

/* Types @text where the cursor is, a word at a time, as a person would. */
static void
type_text (GtkWidget  *widget,
           const char *text)
{
  g_auto(GStrv) words = g_strsplit (text, " ", -1);

  gtk_widget_grab_focus (widget);
  for (guint i = 0; words[i] != NULL; i++)
    {
      g_autofree char *chunk = g_strconcat (i > 0 ? " " : "", words[i], NULL);

      if (GTK_IS_TEXT_VIEW (widget))
        gtk_text_buffer_insert_at_cursor (gtk_text_view_get_buffer (GTK_TEXT_VIEW (widget)),
                                          chunk, -1);
      else
        {
          int position = (int) g_utf8_strlen (gtk_editable_get_text (GTK_EDITABLE (widget)), -1);
          gtk_editable_insert_text (GTK_EDITABLE (widget), chunk, -1, &position);
        }
      settle ();
    }
}

static const char *
entry_text (HlgBlueSkiesEditor *editor,
            const char         *field)
{
  return gtk_editable_get_text (GTK_EDITABLE (hlg_blue_skies_editor_get_widget (editor, field)));
}

static char *
view_text (HlgBlueSkiesEditor *editor,
           const char         *field)
{
  GtkWidget *view = hlg_blue_skies_editor_get_widget (editor, field);
  GtkTextBuffer *buffer = gtk_text_view_get_buffer (GTK_TEXT_VIEW (view));
  GtkTextIter start, end;

  gtk_text_buffer_get_bounds (buffer, &start, &end);
  return gtk_text_buffer_get_text (buffer, &start, &end, FALSE);
}

/* The position of @outcome in the editor's dropdown: "not decided" first,
 * then the schema's outcomes in order. */
static guint
outcome_position (const char *outcome)
{
  for (const HlgField *f = hlg_schema_get_fields (HLG_DOC_TYPE_BLUE_SKIES_REPORT);
       f->name != NULL; f++)
    if (g_str_equal (f->name, "outcome"))
      {
        for (guint i = 0; outcome != NULL && f->values[i] != NULL; i++)
          if (g_str_equal (f->values[i], outcome))
            return i + 1;
        return 0;
      }

  g_assert_not_reached ();
}

static void
choose_outcome (HlgBlueSkiesEditor *editor,
                const char         *outcome)
{
  adw_combo_row_set_selected (ADW_COMBO_ROW (hlg_blue_skies_editor_get_widget (editor, "outcome")),
                              outcome_position (outcome));
  settle ();
}

static gboolean
row_shown (HlgBlueSkiesEditor *editor,
           const char         *field)
{
  return gtk_widget_get_visible (hlg_blue_skies_editor_get_widget (editor, field));
}

static void
assert_report (HlgDocument *doc)
{
  g_assert_nonnull (doc);
  g_assert_cmpstr (hlg_document_get_string (doc, "title"), ==, TITLE);
  for (guint i = 0; i < G_N_ELEMENTS (answer_fields); i++)
    g_assert_cmpstr (hlg_document_get_string (doc, answer_fields[i]), ==, answer_texts[i]);
  g_assert_cmpstr (hlg_document_get_string (doc, "outcome"), ==, "recommend-further-work");
  g_assert_cmpstr (hlg_document_get_string (doc, "follow_up"), ==, FOLLOW_UP);
  g_assert_null (hlg_document_get_string (doc, "on_hold_until"));
  test_util_assert_valid (doc);
}

static void
test_new_report (Fixture       *f,
                 gconstpointer  data)
{
  HlgBlueSkiesPage *page = get_page (f);
  guint before = n_reports (f->store);
  HlgBlueSkiesEditor *editor;
  GtkWidget *back;
  GtkWidget *hold_row;
  HlgDocument *doc;
  g_autofree char *id = NULL;
  g_autoptr(HlgStore) reread = NULL;

  g_assert_cmpstr (visible_place (page), ==, "list");
  g_assert_true (gtk_widget_get_visible (find_action_button (f->page, "blue-skies.new-report")));

  /* New Report: a document at once, open in the editor. */
  g_assert_true (gtk_widget_activate_action (f->page, "blue-skies.new-report", NULL));
  settle ();
  g_assert_cmpuint (n_reports (f->store), ==, before + 1);
  editor = hlg_blue_skies_page_get_editor (page);
  g_assert_nonnull (editor);
  g_assert_cmpstr (visible_place (page), ==, "editor");
  g_assert_true (hlg_blue_skies_editor_get_editable (editor));
  doc = hlg_blue_skies_editor_get_document (editor);
  id = g_strdup (hlg_document_get_id (doc));
  g_assert_nonnull (hlg_document_get_string (doc, "cycle"));
  test_util_assert_valid (doc);
  g_assert_true (shows (GTK_WIDGET (editor), "Untitled report"));

  /* The four questions, each a heading and a hint over its answer. */
  g_assert_true (shows (GTK_WIDGET (editor), "What is the topic?"));
  g_assert_true (shows (GTK_WIDGET (editor), "What is the value for official statistics?"));
  g_assert_true (shows (GTK_WIDGET (editor), "What is already being done?"));
  g_assert_true (shows (GTK_WIDGET (editor),
                        "What are the opportunities for further collaboration?"));

  type_text (hlg_blue_skies_editor_get_widget (editor, "title"), TITLE);
  g_assert_true (shows (GTK_WIDGET (editor), TITLE));
  for (guint i = 0; i < G_N_ELEMENTS (answer_fields); i++)
    type_text (hlg_blue_skies_editor_get_widget (editor, answer_fields[i]), answer_texts[i]);

  /* The date row and the follow-up row only with the outcome that asks for them. */
  g_assert_false (row_shown (editor, "on_hold_until"));
  g_assert_false (row_shown (editor, "follow_up"));

  choose_outcome (editor, "on-hold-until");
  g_assert_true (row_shown (editor, "on_hold_until"));
  g_assert_false (row_shown (editor, "follow_up"));
  type_text (hlg_blue_skies_editor_get_widget (editor, "on_hold_until"), HOLD_DATE);
  g_assert_cmpstr (hlg_document_get_string (doc, "on_hold_until"), ==, HOLD_DATE);
  /* One key too many: the row says so, and the date saved stays. */
  hold_row = hlg_blue_skies_editor_get_widget (editor, "on_hold_until");
  type_text (hold_row, "5");
  g_assert_true (gtk_widget_has_css_class (hold_row, "error"));
  g_assert_cmpstr (hlg_document_get_string (doc, "on_hold_until"), ==, HOLD_DATE);
  gtk_editable_delete_text (GTK_EDITABLE (hold_row), strlen (HOLD_DATE), -1);
  g_assert_false (gtk_widget_has_css_class (hold_row, "error"));
  g_assert_cmpstr (gtk_editable_get_text (GTK_EDITABLE (hold_row)), ==, HOLD_DATE);
  test_util_assert_valid (doc);

  choose_outcome (editor, "recommend-further-work");
  g_assert_false (row_shown (editor, "on_hold_until"));
  g_assert_true (row_shown (editor, "follow_up"));
  g_assert_null (hlg_document_get_string (doc, "on_hold_until"));
  type_text (hlg_blue_skies_editor_get_widget (editor, "follow_up"), FOLLOW_UP);
  g_assert_cmpstr (hlg_document_get_string (doc, "follow_up"), ==, FOLLOW_UP);

  choose_outcome (editor, "not-pursue");
  g_assert_false (row_shown (editor, "on_hold_until"));
  g_assert_false (row_shown (editor, "follow_up"));
  g_assert_null (hlg_document_get_string (doc, "follow_up"));

  choose_outcome (editor, NULL);
  g_assert_false (row_shown (editor, "on_hold_until"));
  g_assert_false (row_shown (editor, "follow_up"));
  g_assert_null (hlg_document_get_string (doc, "outcome"));

  /* Back to it: what was typed in the hidden row comes back with it. */
  choose_outcome (editor, "recommend-further-work");
  g_assert_true (row_shown (editor, "follow_up"));
  g_assert_cmpstr (hlg_document_get_string (doc, "follow_up"), ==, FOLLOW_UP);

  /* The back button closes the editor, writing what is left to write. */
  back = find_action_button (GTK_WIDGET (editor), "blue-skies.show-list");
  g_assert_nonnull (back);
  g_signal_emit_by_name (back, "clicked");
  settle ();
  g_assert_null (hlg_blue_skies_page_get_editor (page));
  g_assert_cmpstr (visible_place (page), ==, "list");
  g_assert_true (shows (f->page, TITLE));

  assert_report (hlg_store_lookup (f->store, id));
  g_assert_true (hlg_store_has_local_changes (f->store, id));
  reread = test_util_open_store (f->tmp.dir);
  assert_report (hlg_store_lookup (reread, id));

  /* Opened again, the editor shows what was written. */
  g_assert_true (gtk_widget_activate_action (f->page, "blue-skies.open-report", "s", id));
  settle ();
  editor = hlg_blue_skies_page_get_editor (page);
  g_assert_nonnull (editor);
  g_assert_cmpstr (entry_text (editor, "title"), ==, TITLE);
  for (guint i = 0; i < G_N_ELEMENTS (answer_fields); i++)
    {
      g_autofree char *text = view_text (editor, answer_fields[i]);

      g_assert_cmpstr (text, ==, answer_texts[i]);
    }
  g_assert_cmpuint (adw_combo_row_get_selected (ADW_COMBO_ROW (
                      hlg_blue_skies_editor_get_widget (editor, "outcome"))),
                    ==, outcome_position ("recommend-further-work"));
  g_assert_true (row_shown (editor, "follow_up"));
  g_assert_false (row_shown (editor, "on_hold_until"));
  g_assert_cmpstr (entry_text (editor, "follow_up"), ==, FOLLOW_UP);
  /* Opening changed nothing. */
  assert_report (hlg_blue_skies_editor_get_document (editor));
}

static gboolean
on_timeout_cb (gpointer data)
{
  *(gboolean *) data = TRUE;
  return G_SOURCE_REMOVE;
}

/* Typing is written a moment later, without closing or flushing. */
static void
test_autosave (Fixture       *f,
               gconstpointer  data)
{
  HlgBlueSkiesEditor *editor;
  g_autoptr(HlgStore) reread = NULL;
  g_autofree char *id = NULL;
  gboolean waited = FALSE;
  HlgDocument *saved;

  g_assert_true (gtk_widget_activate_action (f->page, "blue-skies.new-report", NULL));
  settle ();
  editor = hlg_blue_skies_page_get_editor (get_page (f));
  id = g_strdup (hlg_document_get_id (hlg_blue_skies_editor_get_document (editor)));
  type_text (hlg_blue_skies_editor_get_widget (editor, "topic"), TOPIC);
  g_assert_true (shows (GTK_WIDGET (editor), "Saving…"));

  g_timeout_add (1500, on_timeout_cb, &waited);
  while (!waited)
    g_main_context_iteration (NULL, TRUE);
  g_assert_true (shows (GTK_WIDGET (editor), "Saved"));

  reread = test_util_open_store (f->tmp.dir);
  saved = hlg_store_lookup (reread, id);
  g_assert_nonnull (saved);
  g_assert_cmpstr (hlg_document_get_string (saved, "topic"), ==, TOPIC);
  test_util_assert_valid (saved);
}

/* Only the secretariat writes reports; the others read them. */
static void
test_roles (Fixture       *f,
            gconstpointer  data)
{
  HlgBlueSkiesPage *page = get_page (f);
  GtkWidget *new_button = find_action_button (f->page, "blue-skies.new-report");
  guint before = n_reports (f->store);
  GListModel *reports = hlg_store_get_model (f->store, HLG_DOC_TYPE_BLUE_SKIES_REPORT);
  g_autoptr(HlgDocument) report = g_list_model_get_item (reports, 0);
  g_autofree char *title = g_strdup (hlg_document_get_string (report, "title"));
  HlgBlueSkiesEditor *editor;
  GtkWidget *title_row;

  for (guint i = 0; i < 3; i++)
    {
      static const char * const readers[] = { "board", "author", "member" };

      g_object_set (f->page, "role", readers[i], NULL);
      settle ();
      g_assert_false (gtk_widget_get_visible (new_button));
      gtk_widget_activate_action (f->page, "blue-skies.new-report", NULL);
      settle ();
      g_assert_cmpuint (n_reports (f->store), ==, before);
    }

  /* The reader opens a report, and what they type goes nowhere. */
  g_assert_true (gtk_widget_activate_action (f->page, "blue-skies.open-report", "s",
                                             hlg_document_get_id (report)));
  settle ();
  editor = hlg_blue_skies_page_get_editor (page);
  g_assert_nonnull (editor);
  g_assert_false (hlg_blue_skies_editor_get_editable (editor));
  g_assert_true (shows (GTK_WIDGET (editor), "The secretariat writes the Blue Skies reports"));
  g_assert_false (gtk_text_view_get_editable (GTK_TEXT_VIEW (
                    hlg_blue_skies_editor_get_widget (editor, "topic"))));
  g_assert_false (gtk_widget_get_sensitive (hlg_blue_skies_editor_get_widget (editor, "outcome")));
  title_row = hlg_blue_skies_editor_get_widget (editor, "title");
  g_assert_false (gtk_editable_get_editable (GTK_EDITABLE (title_row)));
  gtk_editable_set_text (GTK_EDITABLE (title_row), "Changed by a reader");
  settle ();
  g_assert_cmpstr (hlg_document_get_string (report, "title"), ==, title);

  /* Signed in as the secretariat, the same editor writes. */
  g_object_set (f->page, "role", "secretariat", NULL);
  settle ();
  g_assert_true (gtk_widget_get_visible (new_button));
  g_assert_true (hlg_blue_skies_editor_get_editable (editor));
  g_assert_true (gtk_editable_get_editable (GTK_EDITABLE (title_row)));
  gtk_editable_set_text (GTK_EDITABLE (title_row), "Changed by the secretariat");
  g_assert_cmpstr (hlg_document_get_string (report, "title"), ==, "Changed by the secretariat");
}

/* A report written by a newer version of the app is shown, never written. */
static void
test_read_only (Fixture       *f,
                gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(HlgDocument) doc = hlg_document_new_from_json (
    "{\"_id\":\"blue-skies-report:3f2a1b0c-9d8e-4f7a-8b6c-5d4e3f2a1b0c\","
    "\"type\":\"blue-skies-report\",\"schema\":99,\"title\":\"From the future\","
    "\"topic\":\"Time travel\",\"outcome\":\"on-hold-until\",\"on_hold_until\":\"2099-01-01\"}",
    -1, &error);
  GtkWidget *editor;
  GtkWidget *topic;
  g_autofree char *text = NULL;

  g_assert_no_error (error);
  g_assert_true (hlg_document_is_read_only (doc));
  editor = hlg_blue_skies_editor_new (f->store, doc, "secretariat");
  gtk_window_set_child (GTK_WINDOW (f->window), editor);
  settle ();

  g_assert_false (hlg_blue_skies_editor_get_editable (HLG_BLUE_SKIES_EDITOR (editor)));
  g_assert_true (shows (editor, hlg_document_get_read_only_reason (doc)));
  g_assert_true (row_shown (HLG_BLUE_SKIES_EDITOR (editor), "on_hold_until"));
  topic = hlg_blue_skies_editor_get_widget (HLG_BLUE_SKIES_EDITOR (editor), "topic");
  text = view_text (HLG_BLUE_SKIES_EDITOR (editor), "topic");
  g_assert_cmpstr (text, ==, "Time travel");
  g_assert_false (gtk_text_view_get_editable (GTK_TEXT_VIEW (topic)));
  gtk_text_buffer_insert_at_cursor (gtk_text_view_get_buffer (GTK_TEXT_VIEW (topic)), "!", -1);
  g_assert_cmpstr (hlg_document_get_string (doc, "topic"), ==, "Time travel");
  g_assert_true (hlg_blue_skies_editor_flush (HLG_BLUE_SKIES_EDITOR (editor), &error));
  g_assert_no_error (error);
}

/* A change from elsewhere (a pull, a resolved conflict) shows in the open editor. */
static void
test_reload (Fixture       *f,
             gconstpointer  data)
{
  HlgBlueSkiesEditor *editor;
  HlgDocument *doc;
  g_autoptr(JsonObject) object = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *text = NULL;

  g_assert_true (gtk_widget_activate_action (f->page, "blue-skies.new-report", NULL));
  settle ();
  editor = hlg_blue_skies_page_get_editor (get_page (f));
  doc = hlg_blue_skies_editor_get_document (editor);
  type_text (hlg_blue_skies_editor_get_widget (editor, "title"), TITLE);

  object = hlg_document_dup_object (doc);
  json_object_set_string_member (object, "collaboration", COLLABORATION);
  json_object_set_string_member (object, "outcome", "on-hold-until");
  json_object_set_string_member (object, "on_hold_until", HOLD_DATE);
  g_assert_true (hlg_document_replace_object (doc, object, &error));
  g_assert_no_error (error);
  settle ();

  text = view_text (editor, "collaboration");
  g_assert_cmpstr (text, ==, COLLABORATION);
  g_assert_true (row_shown (editor, "on_hold_until"));
  g_assert_cmpstr (entry_text (editor, "on_hold_until"), ==, HOLD_DATE);
  g_assert_cmpstr (entry_text (editor, "title"), ==, TITLE);
}

int
main (int   argc,
      char *argv[])
{
  g_setenv ("LC_ALL", "C.UTF-8", TRUE);
  gtk_test_init (&argc, &argv, NULL);
  adw_init ();

  g_test_add ("/blue-skies/new-report", Fixture, WITH_DEMO, fixture_set_up, test_new_report,
              fixture_tear_down);
  g_test_add ("/blue-skies/autosave", Fixture, NULL, fixture_set_up, test_autosave,
              fixture_tear_down);
  g_test_add ("/blue-skies/roles", Fixture, WITH_DEMO, fixture_set_up, test_roles,
              fixture_tear_down);
  g_test_add ("/blue-skies/read-only", Fixture, NULL, fixture_set_up, test_read_only,
              fixture_tear_down);
  g_test_add ("/blue-skies/reload", Fixture, NULL, fixture_set_up, test_reload,
              fixture_tear_down);

  return g_test_run ();
}
