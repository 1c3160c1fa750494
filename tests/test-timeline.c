/* test-timeline.c: the cycle timeline widget, its text, dates and keys
 * SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "test-timeline"

#include <gtk/gtk.h>

#include "hlg-timeline.h"

/* Given out of order on purpose: the timeline sorts by date. */
static const char cycle_json[] =
  "{\"_id\":\"cycle:6f1c2b3a-0000-4000-8000-000000000001\",\"type\":\"cycle\",\"schema\":1,"
  "\"year\":2026,\"milestones\":["
  "{\"id\":\"m4\",\"kind\":\"proposal-deadline\",\"start\":\"2026-09-15\"},"
  "{\"id\":\"m1\",\"kind\":\"priorities-meeting\",\"start\":\"2026-03-12\",\"end\":\"2026-03-13\"},"
  "{\"id\":\"m2\",\"kind\":\"ces-plenary\",\"start\":\"2026-06-17\",\"end\":\"2026-06-19\"},"
  "{\"id\":\"m3\",\"kind\":\"priorities-release\",\"start\":\"2026-07-15\"},"
  "{\"id\":\"m5\",\"kind\":\"board-review\",\"start\":\"2026-09-16\",\"end\":\"2026-10-31\","
  "\"notes\":\"Each proposal is read by three Board members.\"},"
  "{\"id\":\"m6\",\"kind\":\"workshop\",\"title\":\"Workshop on Modernisation\","
  "\"start\":\"2026-11-18\",\"end\":\"2026-11-19\"}"
  "]}";

static HlgDocument *
make_cycle (void)
{
  g_autoptr(GError) error = NULL;
  HlgDocument *doc = hlg_document_new_from_json (cycle_json, -1, &error);

  g_assert_no_error (error);
  g_assert_nonnull (doc);

  return doc;
}

static HlgTimeline *
make_timeline (int month,
               int day)
{
  g_autoptr(HlgDocument) cycle = make_cycle ();
  g_autoptr(GDateTime) today = g_date_time_new_local (2026, month, day, 10, 0, 0);
  HlgTimeline *timeline = g_object_ref_sink (g_object_new (HLG_TYPE_TIMELINE,
                                                           "today", today,
                                                           "cycle", cycle,
                                                           NULL));

  return timeline;
}

static void
test_timeline_accessible_text (void)
{
  g_autoptr(HlgTimeline) timeline = make_timeline (9, 3);
  g_autofree char *text = hlg_timeline_dup_accessible_text (timeline);

  g_assert_cmpstr (text, ==,
                   "2026 cycle: HLG-MOS meeting 12–13 March; CES plenary 17–19 June; "
                   "Priorities released 15 July; Proposals due 15 September, 12 days left; "
                   "Board review 16 September – 31 October; "
                   "Workshop on Modernisation 18–19 November. "
                   "Now: Proposals being drafted.");
}

static void
test_timeline_days_left (void)
{
  g_autoptr(HlgTimeline) timeline = make_timeline (9, 3);
  g_autoptr(GDateTime) eve = g_date_time_new_local (2026, 9, 14, 23, 0, 0);
  g_autoptr(GDateTime) day = g_date_time_new_local (2026, 9, 15, 0, 30, 0);
  g_autoptr(GDateTime) after = g_date_time_new_local (2026, 9, 16, 9, 0, 0);
  g_autofree char *text_eve = NULL;
  g_autofree char *text_day = NULL;
  g_autofree char *text_after = NULL;
  g_autofree char *phase = NULL;

  g_assert_cmpint (hlg_timeline_get_days_left (timeline), ==, 12);

  hlg_timeline_set_today (timeline, eve);
  g_assert_cmpint (hlg_timeline_get_days_left (timeline), ==, 1);
  text_eve = hlg_timeline_dup_accessible_text (timeline);
  g_assert_nonnull (strstr (text_eve, "Proposals due 15 September, 1 day left;"));

  hlg_timeline_set_today (timeline, day);
  g_assert_cmpint (hlg_timeline_get_days_left (timeline), ==, 0);
  text_day = hlg_timeline_dup_accessible_text (timeline);
  g_assert_nonnull (strstr (text_day, "Proposals due 15 September, due today;"));
  g_assert_null (strstr (text_day, "days left"));
  g_assert_nonnull (strstr (text_day, "Now: Proposals due."));

  hlg_timeline_set_today (timeline, after);
  g_assert_cmpint (hlg_timeline_get_days_left (timeline), ==, -1);
  text_after = hlg_timeline_dup_accessible_text (timeline);
  g_assert_null (strstr (text_after, "left"));
  g_assert_null (strstr (text_after, "due today"));
  phase = hlg_timeline_dup_phase (timeline);
  g_assert_cmpstr (phase, ==, "Board review");
}

static void
test_timeline_phase_edges (void)
{
  g_autoptr(HlgTimeline) timeline = make_timeline (1, 5);
  g_autoptr(GDateTime) next_year = g_date_time_new_local (2027, 2, 1, 9, 0, 0);
  g_autofree char *before = hlg_timeline_dup_phase (timeline);
  g_autofree char *closed = NULL;

  g_assert_cmpstr (before, ==, "Not started");
  /* Before the year began, the first milestone is the one to look at. */
  g_assert_cmpstr (hlg_timeline_get_selected_milestone (timeline), ==, "m1");

  hlg_timeline_set_today (timeline, next_year);
  closed = hlg_timeline_dup_phase (timeline);
  g_assert_cmpstr (closed, ==, "Cycle closed");
}

static void
on_activated_cb (HlgTimeline *timeline,
                 const char  *id,
                 char       **out)
{
  g_free (*out);
  *out = g_strdup (id);
}

static void
on_notify_cb (GObject    *object,
              GParamSpec *pspec,
              guint      *count)
{
  (*count)++;
}

static void
test_timeline_keyboard (void)
{
  g_autoptr(HlgTimeline) timeline = make_timeline (9, 3);
  g_autofree char *activated = NULL;
  guint notified = 0;

  /* On 3 September the next milestone is the proposal deadline. */
  g_assert_cmpstr (hlg_timeline_get_selected_milestone (timeline), ==, "m4");
  g_assert_cmpstr (hlg_timeline_get_selected_kind (timeline), ==, "proposal-deadline");
  g_assert_true (gtk_widget_get_focusable (GTK_WIDGET (timeline)));

  g_signal_connect (timeline, "milestone-activated", G_CALLBACK (on_activated_cb), &activated);
  g_signal_connect (timeline, "notify::selected-milestone", G_CALLBACK (on_notify_cb), &notified);

  gtk_widget_activate_action (GTK_WIDGET (timeline), "timeline.select-next", NULL);
  g_assert_cmpstr (hlg_timeline_get_selected_milestone (timeline), ==, "m5");
  gtk_widget_activate_action (GTK_WIDGET (timeline), "timeline.select-next", NULL);
  gtk_widget_activate_action (GTK_WIDGET (timeline), "timeline.select-next", NULL);
  /* Stops at the last one. */
  g_assert_cmpstr (hlg_timeline_get_selected_milestone (timeline), ==, "m6");
  g_assert_cmpuint (notified, ==, 2);

  for (guint i = 0; i < 10; i++)
    gtk_widget_activate_action (GTK_WIDGET (timeline), "timeline.select-previous", NULL);
  g_assert_cmpstr (hlg_timeline_get_selected_milestone (timeline), ==, "m1");
  g_assert_null (activated);

  gtk_widget_activate_action (GTK_WIDGET (timeline), "timeline.select-next", NULL);
  gtk_widget_activate_action (GTK_WIDGET (timeline), "timeline.activate-selected", NULL);
  g_assert_cmpstr (activated, ==, "m2");
  g_assert_cmpstr (hlg_timeline_get_selected_kind (timeline), ==, "ces-plenary");

  g_signal_handlers_disconnect_by_data (timeline, &activated);
  g_signal_handlers_disconnect_by_data (timeline, &notified);
}

static void
test_timeline_cycle_changes (void)
{
  g_autoptr(HlgTimeline) timeline = make_timeline (9, 3);
  HlgDocument *cycle = hlg_timeline_get_cycle (timeline);
  g_autoptr(JsonObject) object = hlg_document_dup_object (cycle);
  g_autoptr(GError) error = NULL;
  g_autofree char *text = NULL;

  json_object_set_int_member (object, "year", 2026);
  json_array_remove_element (json_object_get_array_member (object, "milestones"), 0);
  g_assert_true (hlg_document_replace_object (cycle, object, &error));
  g_assert_no_error (error);

  text = hlg_timeline_dup_accessible_text (timeline);
  g_assert_null (strstr (text, "Proposals due"));
  g_assert_cmpint (hlg_timeline_get_days_left (timeline), ==, -1);
  /* The selected deadline went away: the next milestone is selected instead. */
  g_assert_cmpstr (hlg_timeline_get_selected_milestone (timeline), ==, "m5");
}

static void
test_timeline_draws (void)
{
  g_autoptr(HlgTimeline) timeline = make_timeline (9, 3);
  GtkWidget *window = gtk_window_new ();
  g_autoptr(GdkPaintable) paintable = NULL;
  g_autoptr(GtkSnapshot) snapshot = NULL;
  g_autoptr(GskRenderNode) node = NULL;
  int min_w, nat_w, min_h, nat_h, narrow_h;
  graphene_rect_t bounds;

  gtk_widget_measure (GTK_WIDGET (timeline), GTK_ORIENTATION_HORIZONTAL, -1,
                      &min_w, &nat_w, NULL, NULL);
  g_assert_cmpint (min_w, >=, 300);
  g_assert_cmpint (nat_w, >=, min_w);
  gtk_widget_measure (GTK_WIDGET (timeline), GTK_ORIENTATION_VERTICAL, 1000,
                      &min_h, &nat_h, NULL, NULL);
  g_assert_cmpint (min_h, >=, 100);
  g_assert_cmpint (min_h, <=, 400);
  /* A narrow timeline stacks its labels in more lanes: it grows taller. */
  gtk_widget_measure (GTK_WIDGET (timeline), GTK_ORIENTATION_VERTICAL, 400,
                      &narrow_h, NULL, NULL, NULL);
  g_assert_cmpint (narrow_h, >, min_h);

  gtk_window_set_default_size (GTK_WINDOW (window), 1000, 300);
  gtk_window_set_child (GTK_WINDOW (window), GTK_WIDGET (timeline));
  gtk_window_present (GTK_WINDOW (window));
  while (gtk_widget_get_width (GTK_WIDGET (timeline)) == 0)
    g_main_context_iteration (NULL, TRUE);

  gtk_widget_grab_focus (GTK_WIDGET (timeline));
  paintable = gtk_widget_paintable_new (GTK_WIDGET (timeline));
  snapshot = gtk_snapshot_new ();
  gdk_paintable_snapshot (paintable, GDK_SNAPSHOT (snapshot),
                          gtk_widget_get_width (GTK_WIDGET (timeline)),
                          gtk_widget_get_height (GTK_WIDGET (timeline)));
  node = gtk_snapshot_free_to_node (g_steal_pointer (&snapshot));
  g_assert_nonnull (node);
  gsk_render_node_get_bounds (node, &bounds);
  g_assert_cmpfloat (bounds.size.width, >, 500);
  g_assert_cmpfloat (bounds.size.height, >, 100);

  gtk_window_destroy (GTK_WINDOW (window));
}

int
main (int   argc,
      char *argv[])
{
  g_setenv ("LC_ALL", "C.UTF-8", TRUE);
  g_setenv ("TZ", "UTC", TRUE);
  gtk_test_init (&argc, &argv, NULL);

  g_test_add_func ("/timeline/accessible-text", test_timeline_accessible_text);
  g_test_add_func ("/timeline/days-left", test_timeline_days_left);
  g_test_add_func ("/timeline/phase-edges", test_timeline_phase_edges);
  g_test_add_func ("/timeline/keyboard", test_timeline_keyboard);
  g_test_add_func ("/timeline/cycle-changes", test_timeline_cycle_changes);
  g_test_add_func ("/timeline/draws", test_timeline_draws);

  return g_test_run ();
}
