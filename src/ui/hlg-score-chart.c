/* hlg-score-chart.c: a bar chart of the scores each review gave, criterion by criterion
 * SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "hlg-score-chart"

#include "config.h"

#include <glib/gi18n.h>

#include "hlg-document.h"
#include "hlg-json.h"
#include "hlg-labels.h"
#include "hlg-schema.h"
#include "hlg-score-chart.h"

#define N_CRITERIA   7
#define MAX_SCORE    5
#define LABEL_WIDTH  230
#define BAR_HEIGHT   12
#define BAR_GAP      3
#define GROUP_GAP    14
#define LEGEND_HEIGHT 28
#define AXIS_HEIGHT  20

static const char * const criteria[N_CRITERIA + 1] = {
  "active-engagement", "trusted-data-authority", "service-oriented-approach",
  "agile-adaptive-culture", "fit_with_priorities", "added_value", "feasibility", NULL
};

/* Adwaita's palette, one colour per reviewer. */
static const char * const palette[] = {
  "#3584e4", "#e66100", "#2ec27e", "#9141ac", "#c01c28", "#986a44", "#1c71d8", "#e5a50a",
};

struct _HlgScoreChart
{
  GtkWidget  parent_instance;

  GPtrArray *names;  /* char *, one per review */
  GArray    *scores; /* int[N_CRITERIA] per review, -1 where not given */
};

G_DEFINE_FINAL_TYPE (HlgScoreChart, hlg_score_chart, GTK_TYPE_WIDGET)

const char * const *
hlg_score_chart_get_criteria (void)
{
  return criteria;
}

/**
 * hlg_review_get_score:
 * @review: (type HlgDocument): a review
 *
 * Returns: the score given for @criterion, or -1 when none was
 */
int
hlg_review_get_score (gpointer    review,
                      const char *criterion)
{
  JsonObject *object;
  JsonNode *node;

  g_return_val_if_fail (HLG_IS_DOCUMENT (review), -1);

  object = hlg_document_get_object (review);
  if (g_strv_contains (hlg_focus_areas, criterion))
    object = hlg_json_object_get_object (object, "scores");
  if (object == NULL)
    return -1;

  node = json_object_get_member (object, criterion);
  if (node == NULL || !JSON_NODE_HOLDS_VALUE (node) ||
      json_node_get_value_type (node) != G_TYPE_INT64)
    return -1;

  return (int) json_node_get_int (node);
}

static const char *
criterion_label (guint i)
{
  return i < 4 ? hlg_labels_value (criteria[i]) : hlg_labels_field (criteria[i]);
}

static int
score_at (HlgScoreChart *self,
          guint          review,
          guint          criterion)
{
  return g_array_index (self->scores, int, review * N_CRITERIA + criterion);
}

double
hlg_score_chart_get_mean (HlgScoreChart *self,
                          const char    *criterion)
{
  double sum = 0;
  guint n = 0;

  g_return_val_if_fail (HLG_IS_SCORE_CHART (self), -1);

  for (guint c = 0; c < N_CRITERIA; c++)
    {
      if (!g_str_equal (criteria[c], criterion))
        continue;
      for (guint r = 0; r < self->names->len; r++)
        if (score_at (self, r, c) >= 0)
          {
            sum += score_at (self, r, c);
            n++;
          }
    }

  return n > 0 ? sum / n : -1;
}

guint
hlg_score_chart_get_n_bars (HlgScoreChart *self)
{
  guint n = 0;

  g_return_val_if_fail (HLG_IS_SCORE_CHART (self), 0);

  for (guint i = 0; i < self->scores->len; i++)
    if (g_array_index (self->scores, int, i) >= 0)
      n++;

  return n;
}

static void
update_description (HlgScoreChart *self)
{
  g_autoptr(GString) text = g_string_new (NULL);

  g_string_append_printf (text, g_dngettext (GETTEXT_PACKAGE, "Scores of %u review.",
                                             "Scores of %u reviews.", self->names->len),
                          self->names->len);
  for (guint c = 0; c < N_CRITERIA; c++)
    {
      double mean = hlg_score_chart_get_mean (self, criteria[c]);

      if (mean >= 0)
        g_string_append_printf (text, _(" %s: mean %.1f of 5."), criterion_label (c), mean);
    }

  gtk_accessible_update_property (GTK_ACCESSIBLE (self),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL, _("Scores across reviews"),
                                  GTK_ACCESSIBLE_PROPERTY_DESCRIPTION, text->str,
                                  -1);
}

/**
 * hlg_score_chart_set_reviews:
 * @reviews: (element-type HlgDocument): the reviews, in the order shown
 * @names: (element-type utf8): what to call each reviewer, in the same order
 */
void
hlg_score_chart_set_reviews (HlgScoreChart *self,
                             GPtrArray     *reviews,
                             GPtrArray     *names)
{
  g_return_if_fail (HLG_IS_SCORE_CHART (self));
  g_return_if_fail (reviews != NULL && names != NULL && reviews->len == names->len);

  g_ptr_array_set_size (self->names, 0);
  g_array_set_size (self->scores, 0);

  for (guint r = 0; r < reviews->len; r++)
    {
      g_ptr_array_add (self->names, g_strdup (g_ptr_array_index (names, r)));
      for (guint c = 0; c < N_CRITERIA; c++)
        {
          int score = hlg_review_get_score (g_ptr_array_index (reviews, r), criteria[c]);

          g_array_append_val (self->scores, score);
        }
    }

  update_description (self);
  gtk_widget_queue_resize (GTK_WIDGET (self));
}

static int
natural_height (HlgScoreChart *self)
{
  guint n = MAX (self->names->len, 1);

  return LEGEND_HEIGHT + N_CRITERIA * (n * (BAR_HEIGHT + BAR_GAP) + GROUP_GAP) + AXIS_HEIGHT;
}

static void
hlg_score_chart_measure (GtkWidget      *widget,
                         GtkOrientation  orientation,
                         int             for_size,
                         int            *minimum,
                         int            *natural,
                         int            *minimum_baseline,
                         int            *natural_baseline)
{
  HlgScoreChart *self = HLG_SCORE_CHART (widget);

  if (orientation == GTK_ORIENTATION_HORIZONTAL)
    {
      *minimum = 300;
      *natural = 640;
    }
  else
    *minimum = *natural = natural_height (self);
}

static void
draw_text (GtkWidget   *widget,
           GtkSnapshot *snapshot,
           const char  *text,
           float        x,
           float        y,
           float        max_width,
           gboolean     right_align,
           GdkRGBA     *color)
{
  g_autoptr(PangoLayout) layout = gtk_widget_create_pango_layout (widget, text);
  int width, height;

  pango_layout_set_width (layout, (int) (max_width * PANGO_SCALE));
  pango_layout_set_ellipsize (layout, PANGO_ELLIPSIZE_END);
  pango_layout_get_pixel_size (layout, &width, &height);

  gtk_snapshot_save (snapshot);
  gtk_snapshot_translate (snapshot, &GRAPHENE_POINT_INIT (right_align ? x - width : x,
                                                          y - height / 2.0f));
  gtk_snapshot_append_layout (snapshot, layout, color);
  gtk_snapshot_restore (snapshot);
}

static void
hlg_score_chart_snapshot (GtkWidget   *widget,
                          GtkSnapshot *snapshot)
{
  HlgScoreChart *self = HLG_SCORE_CHART (widget);
  float width = gtk_widget_get_width (widget);
  float label_width = MIN (LABEL_WIDTH, width * 0.4f);
  float plot_x = label_width + 12;
  float plot_width = width - plot_x - 28;
  GdkRGBA fg, grid, mean_color;
  float y;

G_GNUC_BEGIN_IGNORE_DEPRECATIONS
  gtk_style_context_get_color (gtk_widget_get_style_context (widget), &fg);
G_GNUC_END_IGNORE_DEPRECATIONS
  grid = fg;
  grid.alpha = 0.12f;
  mean_color = fg;
  mean_color.alpha = 0.8f;

  if (plot_width < 40)
    return;

  /* Legend: one swatch per reviewer. */
  {
    float x = 0;

    for (guint r = 0; r < self->names->len; r++)
      {
        GdkRGBA color;
        g_autoptr(PangoLayout) layout =
          gtk_widget_create_pango_layout (widget, g_ptr_array_index (self->names, r));
        int w, h;

        gdk_rgba_parse (&color, palette[r % G_N_ELEMENTS (palette)]);
        pango_layout_get_pixel_size (layout, &w, &h);
        if (x + 16 + w > width)
          break;
        gtk_snapshot_append_color (snapshot, &color, &GRAPHENE_RECT_INIT (x, 8, 12, 12));
        draw_text (widget, snapshot, g_ptr_array_index (self->names, r), x + 16, 14, w + 1,
                   FALSE, &fg);
        x += 16 + w + 18;
      }
  }

  /* Grid lines at each whole score. */
  for (int s = 0; s <= MAX_SCORE; s++)
    {
      float x = plot_x + plot_width * s / MAX_SCORE;
      float axis_y = natural_height (self) - AXIS_HEIGHT;
      char label[4];

      gtk_snapshot_append_color (snapshot, &grid,
                                 &GRAPHENE_RECT_INIT (x, LEGEND_HEIGHT, 1, axis_y - LEGEND_HEIGHT));
      g_snprintf (label, sizeof label, "%d", s);
      draw_text (widget, snapshot, label, x - 3, axis_y + AXIS_HEIGHT / 2.0f, 12, FALSE, &fg);
    }

  y = LEGEND_HEIGHT;
  for (guint c = 0; c < N_CRITERIA; c++)
    {
      guint n = MAX (self->names->len, 1);
      float group_height = n * (BAR_HEIGHT + BAR_GAP);
      double mean = hlg_score_chart_get_mean (self, criteria[c]);

      draw_text (widget, snapshot, criterion_label (c), label_width, y + group_height / 2,
                 label_width, TRUE, &fg);

      for (guint r = 0; r < self->names->len; r++)
        {
          int score = score_at (self, r, c);
          float bar_y = y + r * (BAR_HEIGHT + BAR_GAP);
          GdkRGBA color;

          gdk_rgba_parse (&color, palette[r % G_N_ELEMENTS (palette)]);
          if (score < 0)
            {
              color.alpha = 0.25f;
              gtk_snapshot_append_color (snapshot, &color,
                                         &GRAPHENE_RECT_INIT (plot_x, bar_y + BAR_HEIGHT / 2 - 1,
                                                              6, 2));
              continue;
            }
          if (score > 0)
            {
              GskRoundedRect rect;

              gsk_rounded_rect_init_from_rect (&rect,
                                               &GRAPHENE_RECT_INIT (plot_x, bar_y,
                                                                    plot_width * score / MAX_SCORE,
                                                                    BAR_HEIGHT),
                                               3);
              gtk_snapshot_push_rounded_clip (snapshot, &rect);
              gtk_snapshot_append_color (snapshot, &color, &rect.bounds);
              gtk_snapshot_pop (snapshot);
            }
          {
            char text[8];

            g_snprintf (text, sizeof text, "%d", score);
            draw_text (widget, snapshot, text, plot_x + plot_width * score / MAX_SCORE + 4,
                       bar_y + BAR_HEIGHT / 2.0f, 24, FALSE, &fg);
          }
        }

      if (mean >= 0)
        gtk_snapshot_append_color (snapshot, &mean_color,
                                   &GRAPHENE_RECT_INIT (plot_x + plot_width * mean / MAX_SCORE - 1,
                                                        y - 2, 2, group_height + 1));

      y += group_height + GROUP_GAP;
    }
}

static void
hlg_score_chart_finalize (GObject *object)
{
  HlgScoreChart *self = HLG_SCORE_CHART (object);

  g_clear_pointer (&self->names, g_ptr_array_unref);
  g_clear_pointer (&self->scores, g_array_unref);

  G_OBJECT_CLASS (hlg_score_chart_parent_class)->finalize (object);
}

static void
hlg_score_chart_class_init (HlgScoreChartClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->finalize = hlg_score_chart_finalize;
  widget_class->measure = hlg_score_chart_measure;
  widget_class->snapshot = hlg_score_chart_snapshot;

  gtk_widget_class_set_css_name (widget_class, "scorechart");
  gtk_widget_class_set_accessible_role (widget_class, GTK_ACCESSIBLE_ROLE_IMG);
}

static void
hlg_score_chart_init (HlgScoreChart *self)
{
  self->names = g_ptr_array_new_with_free_func (g_free);
  self->scores = g_array_new (FALSE, FALSE, sizeof (int));
  update_description (self);
}

GtkWidget *
hlg_score_chart_new (void)
{
  return g_object_new (HLG_TYPE_SCORE_CHART, NULL);
}
