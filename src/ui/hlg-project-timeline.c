/* hlg-project-timeline.c: a project's window drawn against the strict 12-month limit
 * SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "hlg-project-timeline"

#include "config.h"

#include <glib/gi18n.h>

#include "hlg-project-timeline.h"
#include "hlg-rules.h"
#include "hlg-timeline.h"

#define BAR 10.0

struct _HlgProjectTimeline
{
  GtkWidget  parent_instance;

  GDate      start;
  GDate      end;
  GDate      limit;  /* the last day the 12 months allow */
};

G_DEFINE_FINAL_TYPE (HlgProjectTimeline, hlg_project_timeline, GTK_TYPE_WIDGET)

/**
 * hlg_project_timeline_get_months:
 *
 * Returns: how many months, started ones counted, the project runs; 0 without dates
 */
int
hlg_project_timeline_get_months (HlgProjectTimeline *self)
{
  int months;

  g_return_val_if_fail (HLG_IS_PROJECT_TIMELINE (self), 0);

  if (!g_date_valid (&self->start) || !g_date_valid (&self->end))
    return 0;

  months = (g_date_get_year (&self->end) - g_date_get_year (&self->start)) * 12
           + (int) g_date_get_month (&self->end) - (int) g_date_get_month (&self->start);
  if (g_date_get_day (&self->end) >= g_date_get_day (&self->start))
    months++;

  return MAX (months, 1);
}

gboolean
hlg_project_timeline_is_over_limit (HlgProjectTimeline *self)
{
  g_return_val_if_fail (HLG_IS_PROJECT_TIMELINE (self), FALSE);

  return g_date_valid (&self->end) && g_date_valid (&self->limit)
         && g_date_compare (&self->end, &self->limit) > 0;
}

/**
 * hlg_project_timeline_dup_text:
 *
 * Returns: (transfer full): the window in words, as a screen reader reads it
 */
char *
hlg_project_timeline_dup_text (HlgProjectTimeline *self)
{
  int months = hlg_project_timeline_get_months (self);
  g_autofree char *months_text = NULL;

  if (months == 0)
    return g_strdup (_("No dates yet"));

  months_text = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%d month", "%d months", months),
                                 months);
  if (hlg_project_timeline_is_over_limit (self))
    /* Translators: %s is a number of months */
    return g_strdup_printf (_("%s, longer than the 12-month limit"), months_text);

  /* Translators: %s is a number of months */
  return g_strdup_printf (_("%s, within the 12-month limit"), months_text);
}

static void
hlg_project_timeline_measure (GtkWidget      *widget,
                              GtkOrientation  orientation,
                              int             for_size,
                              int            *minimum,
                              int            *natural,
                              int            *minimum_baseline,
                              int            *natural_baseline)
{
  if (orientation == GTK_ORIENTATION_HORIZONTAL)
    {
      *minimum = 160;
      *natural = 360;
    }
  else
    {
      *minimum = *natural = 22;
    }
}

static double
day_x (const GDate *start,
       const GDate *day,
       double       total_days,
       double       width)
{
  return CLAMP (g_date_days_between (start, day) / total_days, 0, 1) * width;
}

static void
fill_rounded (GtkSnapshot           *snapshot,
              const graphene_rect_t *rect,
              const GdkRGBA         *color)
{
  GskRoundedRect rounded;

  gsk_rounded_rect_init_from_rect (&rounded, rect, rect->size.height / 2);
  gtk_snapshot_push_rounded_clip (snapshot, &rounded);
  gtk_snapshot_append_color (snapshot, color, rect);
  gtk_snapshot_pop (snapshot);
}

static void
hlg_project_timeline_snapshot (GtkWidget   *widget,
                               GtkSnapshot *snapshot)
{
  HlgProjectTimeline *self = HLG_PROJECT_TIMELINE (widget);
  double width = gtk_widget_get_width (widget);
  double y = (gtk_widget_get_height (widget) - BAR) / 2;
  double total, limit_x, end_x;
  GdkRGBA fg, faint, accent, error;
  GDate month;

  if (!g_date_valid (&self->start) || !g_date_valid (&self->end))
    return;

  G_GNUC_BEGIN_IGNORE_DEPRECATIONS
  {
    GtkStyleContext *context = gtk_widget_get_style_context (widget);

    gtk_style_context_get_color (context, &fg);
    if (!gtk_style_context_lookup_color (context, "accent_color", &accent))
      gdk_rgba_parse (&accent, "#1c71d8");
    if (!gtk_style_context_lookup_color (context, "error_color", &error))
      gdk_rgba_parse (&error, "#c01c28");
  }
  G_GNUC_END_IGNORE_DEPRECATIONS
  faint = fg;
  faint.alpha *= 0.15;

  /* The scale runs over the 12 months, or longer when the project does. */
  total = MAX (g_date_days_between (&self->start, &self->limit),
               g_date_days_between (&self->start, &self->end)) + 1;
  limit_x = day_x (&self->start, &self->limit, total, width);
  end_x = MAX (day_x (&self->start, &self->end, total, width), BAR);

  fill_rounded (snapshot, &GRAPHENE_RECT_INIT (0, y, width, BAR), &faint);
  month = self->start;
  for (int i = 1; i < 36; i++)
    {
      double x;

      g_date_add_months (&month, 1);
      x = day_x (&self->start, &month, total, width);
      if (x >= width - 1)
        break;
      gtk_snapshot_append_color (snapshot, &faint, &GRAPHENE_RECT_INIT (x, y - 3, 1, BAR + 6));
    }

  if (hlg_project_timeline_is_over_limit (self))
    {
      fill_rounded (snapshot, &GRAPHENE_RECT_INIT (0, y, end_x, BAR), &error);
      fill_rounded (snapshot, &GRAPHENE_RECT_INIT (0, y, limit_x, BAR), &accent);
    }
  else
    {
      fill_rounded (snapshot, &GRAPHENE_RECT_INIT (0, y, end_x, BAR), &accent);
    }

  /* The limit itself. */
  gtk_snapshot_append_color (snapshot, &fg, &GRAPHENE_RECT_INIT (MIN (limit_x, width - 2), 0, 2,
                                                                 gtk_widget_get_height (widget)));
}

static void
hlg_project_timeline_class_init (HlgProjectTimelineClass *klass)
{
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  widget_class->measure = hlg_project_timeline_measure;
  widget_class->snapshot = hlg_project_timeline_snapshot;

  gtk_widget_class_set_css_name (widget_class, "projecttimeline");
  gtk_widget_class_set_accessible_role (widget_class, GTK_ACCESSIBLE_ROLE_IMG);
}

static void
hlg_project_timeline_init (HlgProjectTimeline *self)
{
  g_date_clear (&self->start, 1);
  g_date_clear (&self->end, 1);
  g_date_clear (&self->limit, 1);
}

GtkWidget *
hlg_project_timeline_new (const char *start,
                          const char *end)
{
  HlgProjectTimeline *self = g_object_new (HLG_TYPE_PROJECT_TIMELINE, NULL);
  g_autofree char *text = NULL;
  g_autofree char *dates = NULL;

  if (hlg_rules_parse_date (start, &self->start) && hlg_rules_parse_date (end, &self->end))
    hlg_rules_get_latest_end (&self->start, HLG_RULES_MAX_PROJECT_MONTHS, &self->limit);
  else
    g_date_clear (&self->start, 1);

  text = hlg_project_timeline_dup_text (self);
  dates = hlg_timeline_format_range (start, end);
  gtk_accessible_update_property (GTK_ACCESSIBLE (self), GTK_ACCESSIBLE_PROPERTY_LABEL, text, -1);
  if (dates != NULL)
    {
      g_autofree char *tooltip = g_strdup_printf ("%s\n%s", dates, text);

      gtk_widget_set_tooltip_text (GTK_WIDGET (self), tooltip);
    }
  if (hlg_project_timeline_is_over_limit (self))
    gtk_widget_add_css_class (GTK_WIDGET (self), "over-limit");

  return GTK_WIDGET (self);
}
