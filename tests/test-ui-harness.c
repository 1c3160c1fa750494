/* test-ui-harness.c: what the app's UI tests share: a temporary store, the app and its window, main-loop waits
 * SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "test-ui-harness"

#include "config.h"

#include <glib/gstdio.h>

#include "hlg-id.h"
#include "test-ui-harness.h"

HlgApplication *test_ui_app;
char *test_ui_data_dir;

static int test_result;

/* Runs the main loop until @done says so; fails after ten seconds. */
void
test_ui_iterate_until (gboolean (*done) (gpointer),
                       gpointer  data)
{
  gint64 deadline = g_get_monotonic_time () + 10 * G_USEC_PER_SEC;

  while (!done (data))
    {
      g_assert_cmpint (g_get_monotonic_time (), <, deadline);
      g_main_context_iteration (NULL, FALSE);
      g_usleep (1000);
    }
}

static gboolean
store_loaded (gpointer data)
{
  return hlg_store_is_loaded (hlg_application_get_store (test_ui_app));
}

/* Lets pending idle work (layout, handlers) run. */
void
test_ui_settle (void)
{
  for (int i = 0; i < 50; i++)
    g_main_context_iteration (NULL, FALSE);
}

/* The app's window, opened if it has none active, once its store is loaded. */
HlgWindow *
test_ui_get_window (void)
{
  GtkWindow *window = gtk_application_get_active_window (GTK_APPLICATION (test_ui_app));

  if (!HLG_IS_WINDOW (window))
    {
      g_application_activate (G_APPLICATION (test_ui_app));
      window = gtk_application_get_active_window (GTK_APPLICATION (test_ui_app));
    }
  g_assert_true (HLG_IS_WINDOW (window));
  test_ui_iterate_until (store_loaded, NULL);

  return HLG_WINDOW (window);
}

void
test_ui_activate (const char *action,
                  const char *parameter)
{
  g_action_group_activate_action (G_ACTION_GROUP (test_ui_app), action,
                                  parameter ? g_variant_new_string (parameter) : NULL);
  test_ui_settle ();
}

GtkWidget *
test_ui_find_descendant (GtkWidget *widget,
                         GType      type)
{
  if (G_TYPE_CHECK_INSTANCE_TYPE (widget, type))
    return widget;

  for (GtkWidget *child = gtk_widget_get_first_child (widget); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      GtkWidget *found = test_ui_find_descendant (child, type);

      if (found != NULL)
        return found;
    }

  return NULL;
}

/* The first shown top-level window of @type. */
GtkWindow *
test_ui_find_toplevel (GType type)
{
  GListModel *toplevels = gtk_window_get_toplevels ();

  for (guint i = 0; i < g_list_model_get_n_items (toplevels); i++)
    {
      g_autoptr(GtkWindow) window = g_list_model_get_item (toplevels, i);

      if (G_TYPE_CHECK_INSTANCE_TYPE (window, type) &&
          gtk_widget_get_visible (GTK_WIDGET (window)))
        return window;
    }

  return NULL;
}

/* Saves a new document of @type with @json_fields (members, no braces) to the app's store,
 * checked against its schema first if @validate. */
HlgDocument *
test_ui_save_new (HlgDocType  type,
                  const char *json_fields,
                  gboolean    validate)
{
  HlgStore *store = hlg_application_get_store (test_ui_app);
  g_autofree char *id = hlg_id_new (type);
  g_autofree char *json = g_strdup_printf ("{\"_id\":\"%s\",\"type\":\"%s\",\"schema\":1,%s}",
                                           id, hlg_doc_type_to_name (type), json_fields);
  g_autoptr(GError) error = NULL;
  g_autoptr(HlgDocument) doc = hlg_document_new_from_json (json, -1, &error);

  g_assert_no_error (error);
  if (validate)
    {
      g_assert_true (hlg_document_validate (doc, &error));
      g_assert_no_error (error);
    }
  g_assert_true (hlg_store_save (store, doc, &error));
  g_assert_no_error (error);

  return doc;
}

/* Adds to @rows the proposal rows shown (mapped) under @widget. */
void
test_ui_collect_proposal_rows (GtkWidget *widget,
                               GPtrArray *rows)
{
  if (HLG_IS_PROPOSAL_ROW (widget))
    {
      if (gtk_widget_get_mapped (widget))
        g_ptr_array_add (rows, widget);
      return;
    }

  for (GtkWidget *child = gtk_widget_get_first_child (widget); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    test_ui_collect_proposal_rows (child, rows);
}

/* The row shown (mapped) for @doc under @widget, or NULL. */
HlgProposalRow *
test_ui_find_proposal_row (GtkWidget   *widget,
                           HlgDocument *doc)
{
  g_autoptr(GPtrArray) rows = g_ptr_array_new ();

  test_ui_collect_proposal_rows (widget, rows);
  for (guint i = 0; i < rows->len; i++)
    if (hlg_proposal_row_get_document (rows->pdata[i]) == doc)
      return rows->pdata[i];

  return NULL;
}

void
test_ui_remove_tree (const char *path)
{
  g_autoptr(GDir) dir = g_dir_open (path, 0, NULL);
  const char *name;

  while (dir != NULL && (name = g_dir_read_name (dir)) != NULL)
    {
      g_autofree char *child = g_build_filename (path, name, NULL);

      if (g_file_test (child, G_FILE_TEST_IS_DIR))
        test_ui_remove_tree (child);
      else
        g_unlink (child);
    }
  g_rmdir (path);
}

/* For qsort() and g_array_sort() of timings. */
int
test_ui_compare_doubles (gconstpointer a,
                         gconstpointer b)
{
  double da = *(const double *) a;
  double db = *(const double *) b;

  return (da > db) - (da < db);
}

/* The tests start as a returning person does: on the places, not on the
 * first-start welcome page. */
static void
skip_welcome (void)
{
  GSettingsSchemaSource *source = g_settings_schema_source_get_default ();
  g_autoptr(GSettingsSchema) schema = NULL;
  g_autoptr(GSettings) settings = NULL;

  if (source != NULL)
    schema = g_settings_schema_source_lookup (source, APP_ID, TRUE);
  if (schema == NULL || !g_settings_schema_has_key (schema, "first-run-done"))
    return;

  settings = g_settings_new_full (schema, NULL, NULL);
  g_settings_set_boolean (settings, "first-run-done", TRUE);
}

/* Starts GTest and points the app at a new, empty data folder. */
void
test_ui_init (int         *argc,
              char      ***argv,
              const char  *tmp_template)
{
  g_test_init (argc, argv, NULL);

  test_ui_data_dir = g_dir_make_tmp (tmp_template, NULL);
  g_assert_nonnull (test_ui_data_dir);
  g_setenv ("HLGMOS_DATA_DIR", test_ui_data_dir, TRUE);
  g_setenv ("GSETTINGS_BACKEND", "memory", TRUE);
  skip_welcome ();
}

static gboolean
run_tests_cb (gpointer data)
{
  test_result = g_test_run ();

  /* Closing the windows writes what they hold; then the app can go. */
  g_action_group_activate_action (G_ACTION_GROUP (test_ui_app), "quit", NULL);
  g_application_release (G_APPLICATION (test_ui_app));

  return G_SOURCE_REMOVE;
}

static void
on_activate_cb (GApplication *application)
{
  static gboolean started;

  if (started)
    return;
  started = TRUE;

  g_application_hold (application);
  g_idle_add (run_tests_cb, NULL);
}

/* Runs the tests added since test_ui_init() inside the running app, then removes its data. */
int
test_ui_run (const char *argv0)
{
  char *args[] = { (char *) argv0, NULL };

  test_ui_app = hlg_application_new ();
  g_application_set_flags (G_APPLICATION (test_ui_app), G_APPLICATION_NON_UNIQUE);
  g_signal_connect_after (test_ui_app, "activate", G_CALLBACK (on_activate_cb), NULL);
  g_application_run (G_APPLICATION (test_ui_app), 1, args);
  g_clear_object (&test_ui_app);

  test_ui_remove_tree (test_ui_data_dir);
  g_clear_pointer (&test_ui_data_dir, g_free);

  return test_result;
}
