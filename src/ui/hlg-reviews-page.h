/* hlg-reviews-page.h: the Reviews place: proposals to review, the review form, the Board's summary
 * SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gtk/gtk.h>

#include "hlg-feedback-editor.h"
#include "hlg-review-form.h"
#include "hlg-score-chart.h"
#include "hlg-page.h"
#include "hlg-store.h"

G_BEGIN_DECLS

#define HLG_TYPE_REVIEWS_PAGE (hlg_reviews_page_get_type ())

G_DECLARE_FINAL_TYPE (HlgReviewsPage, hlg_reviews_page, HLG, REVIEWS_PAGE, HlgPage)

void           hlg_reviews_page_open_proposal (HlgReviewsPage *self,
                                               HlgDocument    *proposal);
void           hlg_reviews_page_reload        (HlgReviewsPage *self,
                                               HlgDocument    *document);
void           hlg_reviews_page_show_list     (HlgReviewsPage *self);
void           hlg_reviews_page_show_form     (HlgReviewsPage *self);
void           hlg_reviews_page_show_summary  (HlgReviewsPage *self);
void           hlg_reviews_page_flush         (HlgReviewsPage *self);
GListModel    *hlg_reviews_page_get_model     (HlgReviewsPage *self);
HlgReviewForm *hlg_reviews_page_get_form      (HlgReviewsPage *self);
HlgScoreChart *hlg_reviews_page_get_chart     (HlgReviewsPage *self);
HlgFeedbackEditor *hlg_reviews_page_get_feedback_editor (HlgReviewsPage *self);

G_END_DECLS
