/* test-ui-places.c: the Cycle, Workshop, Projects, Groups and Blue Skies places
 * SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "test-ui-places"

#include <adwaita.h>
#include <glib/gstdio.h>

#include "hlg-blue-skies-page.h"
#include "hlg-cycle-page.h"
#include "hlg-demo.h"
#include "hlg-groups-page.h"
#include "hlg-id.h"
#include "hlg-projects-page.h"
#include "hlg-timeline.h"
#include "hlg-workshop-page.h"

typedef struct
{
  char      *dir;
  HlgStore  *store;
  GDateTime *now;
  int        year;
  GtkWidget *window;
} Fixture;

static void
fixture_set_up (Fixture       *f,
                gconstpointer  data)
{
  g_autoptr(GError) error = NULL;

  f->dir = g_dir_make_tmp ("test-ui-places-XXXXXX", &error);
  g_assert_no_error (error);
  f->store = hlg_store_new (f->dir);
  g_assert_true (hlg_store_load (f->store, NULL, &error));
  g_assert_no_error (error);
  f->now = g_date_time_new_now_local ();
  f->year = g_date_time_get_year (f->now);
  f->window = gtk_window_new ();
  gtk_window_set_default_size (GTK_WINDOW (f->window), 1000, 700);
}

static void
remove_tree (const char *path)
{
  g_autoptr(GDir) dir = g_dir_open (path, 0, NULL);
  const char *name;

  while (dir != NULL && (name = g_dir_read_name (dir)) != NULL)
    {
      g_autofree char *child = g_build_filename (path, name, NULL);

      if (g_file_test (child, G_FILE_TEST_IS_DIR) && !g_file_test (child, G_FILE_TEST_IS_SYMLINK))
        remove_tree (child);
      else
        g_unlink (child);
    }
  g_rmdir (path);
}

static void
fixture_tear_down (Fixture       *f,
                   gconstpointer  data)
{
  gtk_window_destroy (GTK_WINDOW (f->window));
  g_clear_object (&f->store);
  g_clear_pointer (&f->now, g_date_time_unref);
  remove_tree (f->dir);
  g_free (f->dir);
}

static void
populate (Fixture *f)
{
  g_autoptr(GError) error = NULL;

  g_assert_true (hlg_demo_populate (f->store, f->now, &error));
  g_assert_no_error (error);
}

/* Every text a person can see in @widget: labels, group titles, progress. */
static void
collect_text (GtkWidget *widget,
              GString   *out)
{
  GtkWidget *parent = gtk_widget_get_parent (widget);

  /* What a collapsed expander row holds counts: it is one click away. */
  if (!gtk_widget_get_visible (widget)
      || (!gtk_widget_get_child_visible (widget) && !GTK_IS_REVEALER (parent)))
    return;

  if (GTK_IS_LABEL (widget))
    g_string_append_printf (out, "%s\n", gtk_label_get_label (GTK_LABEL (widget)));
  else if (ADW_IS_PREFERENCES_GROUP (widget))
    g_string_append_printf (out, "%s\n%s\n",
                            adw_preferences_group_get_title (ADW_PREFERENCES_GROUP (widget)),
                            adw_preferences_group_get_description (ADW_PREFERENCES_GROUP (widget))
                              ?: "");
  else if (GTK_IS_PROGRESS_BAR (widget))
    g_string_append_printf (out, "progress %.2f\n",
                            gtk_progress_bar_get_fraction (GTK_PROGRESS_BAR (widget)));

  for (GtkWidget *child = gtk_widget_get_first_child (widget); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    collect_text (child, out);
}

static char *
page_text (GtkWidget *page)
{
  g_autoptr(GString) out = g_string_new (NULL);

  collect_text (page, out);

  return g_string_free (g_steal_pointer (&out), FALSE);
}

static void
assert_shows (GtkWidget  *page,
              const char *text)
{
  g_autofree char *all = page_text (page);

  if (strstr (all, text) == NULL)
    g_error ("“%s” not shown; the page shows:\n%s", text, all);
}

static void
assert_hides (GtkWidget  *page,
              const char *text)
{
  g_autofree char *all = page_text (page);

  if (strstr (all, text) != NULL)
    g_error ("“%s” shown, but should not be", text);
}

static GtkWidget *
show_page (Fixture *f,
           GType    type)
{
  GtkWidget *page = g_object_new (type, "store", f->store, NULL);

  gtk_window_set_child (GTK_WINDOW (f->window), page);
  gtk_window_present (GTK_WINDOW (f->window));
  while (g_main_context_iteration (NULL, FALSE))
    ;

  return page;
}

static HlgTimeline *
find_timeline (GtkWidget *widget)
{
  if (HLG_IS_TIMELINE (widget))
    return HLG_TIMELINE (widget);

  for (GtkWidget *child = gtk_widget_get_first_child (widget); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      HlgTimeline *found = find_timeline (child);

      if (found != NULL)
        return found;
    }

  return NULL;
}

static void
save_json (Fixture    *f,
           const char *json)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(HlgDocument) doc = hlg_document_new_from_json (json, -1, &error);

  g_assert_no_error (error);
  g_assert_true (hlg_store_save (f->store, doc, &error));
  g_assert_no_error (error);
}

static void
test_cycle_page (Fixture       *f,
                 gconstpointer  data)
{
  /* Made on an empty store, as while it loads: the page fills as documents arrive. */
  GtkWidget *page = show_page (f, HLG_TYPE_CYCLE_PAGE);
  g_autofree char *this_year = g_strdup_printf ("%d Cycle", f->year);
  g_autofree char *last_year = g_strdup_printf ("%d Cycle", f->year - 1);
  HlgTimeline *timeline;

  assert_shows (page, "No Cycle Yet");
  populate (f);

  assert_hides (page, "No Cycle Yet");
  assert_shows (page, this_year);
  assert_shows (page, "Focus Areas");
  assert_shows (page, "A trusted data authority");
  assert_shows (page, "An agile and adaptive culture");
  assert_shows (page, "Responsible use of generative AI in statistical production");
  assert_hides (page, "Privacy-enhancing technologies in production");

  timeline = find_timeline (page);
  g_assert_nonnull (timeline);
  g_assert_cmpint (hlg_document_get_int (hlg_timeline_get_cycle (timeline), "year", 0), ==,
                   f->year);

  /* The selected milestone lists what belongs to it. */
  for (guint i = 0; i < 10; i++)
    gtk_widget_activate_action (GTK_WIDGET (timeline), "timeline.select-previous", NULL);
  g_assert_cmpstr (hlg_timeline_get_selected_kind (timeline), ==, "priorities-meeting");
  for (guint i = 0; i < 10; i++)
    {
      if (g_strcmp0 (hlg_timeline_get_selected_kind (timeline), "workshop") == 0)
        break;
      gtk_widget_activate_action (GTK_WIDGET (timeline), "timeline.select-next", NULL);
    }
  g_assert_cmpstr (hlg_timeline_get_selected_kind (timeline), ==, "workshop");
  assert_shows (page, "Generative AI in Statistical Production: a Shared Evaluation Framework");

  /* The search filters the priorities. */
  g_object_set (page, "search-text", "misinformation", NULL);
  assert_shows (page, "Communicating official statistics in an age of misinformation");
  assert_hides (page, "Responsible use of generative AI in statistical production");
  g_object_set (page, "search-text", "", NULL);
  assert_shows (page, "Responsible use of generative AI in statistical production");

  /* The previous year is one click away, and back. */
  assert_shows (page, this_year);
  gtk_widget_activate_action (page, "cycle.previous-year", NULL);
  assert_shows (page, last_year);
  assert_shows (page, "Privacy-enhancing technologies in production");
  assert_hides (page, "Responsible use of generative AI in statistical production");
  gtk_widget_activate_action (page, "cycle.next-year", NULL);
  assert_shows (page, this_year);
}

static void
test_groups_page (Fixture       *f,
                  gconstpointer  data)
{
  GtkWidget *page = show_page (f, HLG_TYPE_GROUPS_PAGE);
  g_autofree char *teams_this_year = g_strdup_printf ("Task Teams in %d", f->year);
  g_autofree char *none_last_year = g_strdup_printf ("No task teams in %d", f->year - 1);
  g_autofree char *team = NULL;
  g_autoptr(HlgDocument) group = NULL;

  assert_shows (page, "No Groups");
  populate (f);

  assert_hides (page, "No Groups");
  assert_shows (page, "Blue-Skies Thinking Network");
  assert_shows (page, "Applying Data Science and Modern Methods");
  assert_shows (page, "Chairs: ");
  assert_shows (page, "5 members · 58 days in kind in total");
  assert_shows (page, teams_this_year);
  assert_shows (page, "Large language models: an environment scan");
  assert_shows (page, "2 of 3 done");
  assert_shows (page, "progress 0.67");
  assert_hides (page, "Synthetic data for public use files");
  assert_hides (page, "No task teams in");

  g_object_set (page, "search-text", "quantum", NULL);
  assert_shows (page, "Quantum computing and official statistics");
  assert_hides (page, "Large language models: an environment scan");
  assert_hides (page, "Supporting Standards");
  g_object_set (page, "search-text", NULL, NULL);

  gtk_widget_activate_action (page, "groups.previous-year", NULL);
  g_assert_cmpint (hlg_groups_page_get_year (HLG_GROUPS_PAGE (page)), ==, f->year - 1);
  assert_shows (page, "Synthetic data for public use files");
  /* A group with no task team that year is told so. */
  assert_shows (page, none_last_year);

  /* A new task team shows up in place. */
  group = g_list_model_get_item (hlg_store_get_model (f->store, HLG_DOC_TYPE_GROUP), 0);
  team = g_strdup_printf ("{\"_id\":\"task-team:0a4f6f0e-5d4c-4b1a-9a7e-1c2b3d4e5f60\","
                          "\"type\":\"task-team\",\"schema\":1,\"group\":\"%s\",\"year\":%d,"
                          "\"title\":\"Foresight methods\",\"status\":\"planned\","
                          "\"deliverables\":[{\"id\":\"d1\",\"title\":\"Primer\",\"status\":\"done\"}]}",
                          hlg_document_get_id (group), f->year - 1);
  save_json (f, team);
  assert_shows (page, "Foresight methods");
  assert_shows (page, "1 of 1 done");
}

static void
test_projects_page (Fixture       *f,
                    gconstpointer  data)
{
  GtkWidget *page = show_page (f, HLG_TYPE_PROJECTS_PAGE);
  g_autofree char *late = NULL;

  assert_shows (page, "No Projects");
  populate (f);

  assert_shows (page, "Privacy-Enhancing Technologies: from Pilots to Production");
  assert_shows (page, "Project manager: Nadia Haddad");
  assert_shows (page, "12 months, within the 12-month limit");
  assert_shows (page, "4 lines · 140000 USD in total");
  assert_shows (page, "1 of 5 done · 1 late");
  assert_shows (page, "Progress report, 1 January – 30 June");
  assert_shows (page, "2 risks");

  /* A project over its 12 months is shown so, with the rule's warning. */
  late = g_strdup_printf ("{\"_id\":\"project:5b0c1d2e-3f40-4a51-8b62-7c83d94ea5f6\","
                          "\"type\":\"project\",\"schema\":1,\"title\":\"Overlong pilot\","
                          "\"start\":\"%d-01-01\",\"end\":\"%d-03-31\"}", f->year, f->year + 1);
  save_json (f, late);
  assert_shows (page, "Overlong pilot");
  assert_shows (page, "15 months, longer than the 12-month limit");

  g_object_set (page, "search-text", "overlong", NULL);
  assert_shows (page, "Overlong pilot");
  assert_hides (page, "Privacy-Enhancing Technologies");
}

static void
test_workshop_page (Fixture       *f,
                    gconstpointer  data)
{
  GtkWidget *page = show_page (f, HLG_TYPE_WORKSHOP_PAGE);

  populate (f);

  assert_shows (page, "Recommended Projects");
  assert_shows (page, "5 ballots counted, by approval voting");
  assert_shows (page, "4 votes");
  assert_shows (page, "Generative AI in Statistical Production: a Shared Evaluation Framework");
  assert_shows (page, "Register-Based Population Statistics: Methods and Open Source Toolkit");
  assert_hides (page, "Tied for places");

  g_object_set (page, "search-text", "register", NULL);
  assert_shows (page, "Recommended");
}

static void
test_workshop_tie (Fixture       *f,
                   gconstpointer  data)
{
  GtkWidget *page = show_page (f, HLG_TYPE_WORKSHOP_PAGE);
  g_autofree char *cycle_id = hlg_id_new (HLG_DOC_TYPE_CYCLE);
  char *ids[3] = { NULL };
  g_autofree char *cycle = NULL;
  const char *titles[3] = { "Alpha", "Beta", "Gamma" };

  cycle = g_strdup_printf ("{\"_id\":\"%s\",\"type\":\"cycle\",\"schema\":1,\"year\":%d}",
                           cycle_id, f->year);
  save_json (f, cycle);
  for (guint i = 0; i < 3; i++)
    {
      g_autofree char *json = NULL;

      ids[i] = hlg_id_new (HLG_DOC_TYPE_PROPOSAL);
      json = g_strdup_printf ("{\"_id\":\"%s\",\"type\":\"proposal\",\"schema\":1,\"cycle\":\"%s\","
                              "\"kind\":\"project\",\"title\":\"%s\",\"status\":\"presented\"}",
                              ids[i], cycle_id, titles[i]);
      save_json (f, json);
    }
  assert_shows (page, "Participants vote at the end of the workshop");

  /* Alpha 2, Beta 1, Gamma 1: second place is a tie. */
  for (guint b = 0; b < 2; b++)
    {
      g_autofree char *ballot_id = hlg_id_new (HLG_DOC_TYPE_BALLOT);
      g_autofree char *person = hlg_id_new (HLG_DOC_TYPE_PERSON);
      g_autofree char *json = g_strdup_printf (
        "{\"_id\":\"%s\",\"type\":\"ballot\",\"schema\":1,\"cycle\":\"%s\",\"voter\":\"%s\","
        "\"method\":\"approval\",\"choices\":[{\"id\":\"c1\",\"proposal\":\"%s\",\"approved\":true},"
        "{\"id\":\"c2\",\"proposal\":\"%s\",\"approved\":true}]}",
        ballot_id, cycle_id, person, ids[0], ids[1 + b]);

      save_json (f, json);
    }

  assert_shows (page, "2 ballots counted, by approval voting");
  /* The tie names both, in whatever order the count keeps them. */
  assert_shows (page, "Tied for places 2 to 3: “");
  assert_shows (page, "“Beta”");
  assert_shows (page, "“Gamma”");
  assert_hides (page, "“Alpha”");
  assert_shows (page, "2–3");

  for (guint i = 0; i < 3; i++)
    g_free (ids[i]);
}

static void
test_blue_skies_page (Fixture       *f,
                      gconstpointer  data)
{
  GtkWidget *page = show_page (f, HLG_TYPE_BLUE_SKIES_PAGE);
  g_autofree char *session = NULL;

  assert_shows (page, "No Blue Skies reports yet");
  populate (f);

  assert_hides (page, "No Blue Skies reports yet");
  assert_shows (page, "Large Language Models as a New Way into Official Statistics");
  assert_shows (page, "Further work recommended");
  assert_shows (page, "What is the topic?");
  assert_shows (page, "What is the value for official statistics?");
  assert_shows (page, "What is already being done?");
  assert_shows (page, "What are the opportunities for further collaboration?");
  assert_shows (page, "Leading a statistical office through the AI transition");
  assert_shows (page, "6 participants");

  session = g_strdup_printf ("{\"_id\":\"inspiration-session:9e8d7c6b-5a49-4382-9170-6f5e4d3c2b1a\","
                             "\"type\":\"inspiration-session\",\"schema\":1,\"date\":\"%d-06-10\","
                             "\"topic\":\"Open source in statistical offices\","
                             "\"participants\":[\"A\",\"B\"],\"lessons\":\"Share early.\"}",
                             f->year);
  save_json (f, session);
  assert_shows (page, "Open source in statistical offices");
  assert_shows (page, "2 participants");

  g_object_set (page, "search-text", "open source", NULL);
  assert_shows (page, "Open source in statistical offices");
  assert_hides (page, "Leading a statistical office through the AI transition");
  assert_shows (page, "No Blue Skies reports yet");
}

int
main (int   argc,
      char *argv[])
{
  g_setenv ("LC_ALL", "C.UTF-8", TRUE);
  gtk_test_init (&argc, &argv, NULL);
  adw_init ();

  g_test_add ("/places/cycle", Fixture, NULL, fixture_set_up, test_cycle_page, fixture_tear_down);
  g_test_add ("/places/groups", Fixture, NULL, fixture_set_up, test_groups_page, fixture_tear_down);
  g_test_add ("/places/projects", Fixture, NULL, fixture_set_up, test_projects_page,
              fixture_tear_down);
  g_test_add ("/places/workshop", Fixture, NULL, fixture_set_up, test_workshop_page,
              fixture_tear_down);
  g_test_add ("/places/workshop-tie", Fixture, NULL, fixture_set_up, test_workshop_tie,
              fixture_tear_down);
  g_test_add ("/places/blue-skies", Fixture, NULL, fixture_set_up, test_blue_skies_page,
              fixture_tear_down);

  return g_test_run ();
}
