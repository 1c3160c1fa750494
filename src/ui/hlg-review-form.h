/* hlg-review-form.h: one Board member's review of a proposal, saved as it is filled
 * SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gtk/gtk.h>

#include "hlg-store.h"

G_BEGIN_DECLS

#define HLG_TYPE_REVIEW_FORM (hlg_review_form_get_type ())

G_DECLARE_FINAL_TYPE (HlgReviewForm, hlg_review_form, HLG, REVIEW_FORM, GtkWidget)

GtkWidget   *hlg_review_form_new          (HlgStore      *store,
                                           HlgDocument   *review);
HlgDocument *hlg_review_form_get_review   (HlgReviewForm *self);
gboolean     hlg_review_form_flush        (HlgReviewForm *self,
                                           GError       **error);
void         hlg_review_form_set_score    (HlgReviewForm *self,
                                           const char    *criterion,
                                           int            score);
GtkWidget   *hlg_review_form_get_widget   (HlgReviewForm *self,
                                           const char    *field);

G_END_DECLS
