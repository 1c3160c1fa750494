/* hlg-score-chart.h: a bar chart of the scores each review gave, criterion by criterion
 * SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gtk/gtk.h>

G_BEGIN_DECLS

#define HLG_TYPE_SCORE_CHART (hlg_score_chart_get_type ())

G_DECLARE_FINAL_TYPE (HlgScoreChart, hlg_score_chart, HLG, SCORE_CHART, GtkWidget)

GtkWidget  *hlg_score_chart_new         (void);
void        hlg_score_chart_set_reviews (HlgScoreChart *self,
                                         GPtrArray     *reviews,
                                         GPtrArray     *names);
guint       hlg_score_chart_get_n_bars  (HlgScoreChart *self);
double      hlg_score_chart_get_mean    (HlgScoreChart *self,
                                         const char    *criterion);

/* The criteria of a review, in the chart's order: the four focus areas,
 * then fit with the priorities, added value and feasibility. */
const char * const *hlg_score_chart_get_criteria (void);
int                 hlg_review_get_score         (gpointer    review,
                                                  const char *criterion);

G_END_DECLS
