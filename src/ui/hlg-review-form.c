/* hlg-review-form.c: one Board member's review of a proposal, saved as it is filled
 * SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "hlg-review-form"

#include "config.h"

#include <adwaita.h>
#include <glib/gi18n.h>

#include "hlg-autosave.h"
#include "hlg-conflict-bar.h"
#include "hlg-json.h"
#include "hlg-review-form.h"
#include "hlg-schema.h"
#include "hlg-score-chart.h"

#define N_SCORES 7

struct _HlgReviewForm
{
  GtkWidget    parent_instance;

  GtkLabel    *save_label;
  HlgConflictBar *conflict_bar;
  AdwComboRow *score_rows[N_SCORES]; /* in hlg_score_chart_get_criteria () order */
  AdwComboRow *confidence_row;
  AdwComboRow *recommendation_row;
  GtkTextView *comments_for_authors;
  GtkTextView *comments_for_board;
  GtkSwitch   *conflict_switch;
  GtkSwitch   *ready_switch;

  HlgStore    *store;
  HlgAutosave *autosave;
  HlgDocument *review;
  guint        loading : 1;
};

G_DEFINE_FINAL_TYPE (HlgReviewForm, hlg_review_form, GTK_TYPE_WIDGET)

gboolean
hlg_review_form_flush (HlgReviewForm  *self,
                       GError        **error)
{
  g_return_val_if_fail (HLG_IS_REVIEW_FORM (self), FALSE);

  return self->autosave == NULL || hlg_autosave_flush (self->autosave, error);
}

static void
set_int_or_remove (HlgReviewForm *self,
                   const char    *field,
                   int            value)
{
  g_autoptr(GError) error = NULL;
  JsonNode *node = value >= 0 ? json_node_init_int (json_node_alloc (), value) : NULL;

  if (!hlg_document_set_member (self->review, field, node, &error))
    hlg_report_error (GTK_WIDGET (self), error);
}

static void
on_combo_changed_cb (HlgReviewForm *self,
                     GParamSpec    *pspec,
                     AdwComboRow   *row)
{
  const char * const *criteria = hlg_score_chart_get_criteria ();
  int selected = (int) adw_combo_row_get_selected (row);
  g_autoptr(GError) error = NULL;

  if (self->loading || self->review == NULL)
    return;

  for (guint i = 0; i < N_SCORES; i++)
    {
      if (row != self->score_rows[i])
        continue;

      /* Item 0 is "not scored"; item n is the score n - 1. */
      if (g_strv_contains (hlg_focus_areas, criteria[i]))
        {
          JsonObject *old = hlg_json_object_get_object (hlg_document_get_object (self->review),
                                                        "scores");
          JsonObject *scores = old ? hlg_json_object_deep_copy (old) : json_object_new ();

          if (selected > 0)
            json_object_set_int_member (scores, criteria[i], selected - 1);
          else if (json_object_has_member (scores, criteria[i]))
            json_object_remove_member (scores, criteria[i]);
          if (!hlg_document_set_member (self->review, "scores",
                                        json_node_init_object (json_node_alloc (), scores),
                                        &error))
            hlg_report_error (GTK_WIDGET (self), error);
          json_object_unref (scores);
        }
      else
        set_int_or_remove (self, criteria[i], selected - 1);
      hlg_autosave_changed (self->autosave);
      return;
    }

  if (row == self->confidence_row)
    set_int_or_remove (self, "confidence", selected > 0 ? selected : -1);
  else if (row == self->recommendation_row)
    {
      if (!hlg_document_set_string (self->review, "recommendation",
                                    selected > 0 ? hlg_recommendations[selected - 1] : NULL,
                                    &error))
        hlg_report_error (GTK_WIDGET (self), error);
    }
  hlg_autosave_changed (self->autosave);
}

static void
on_switch_changed_cb (HlgReviewForm *self,
                      GParamSpec    *pspec,
                      GtkSwitch     *sw)
{
  g_autoptr(GError) error = NULL;

  if (self->loading || self->review == NULL)
    return;

  if (!hlg_document_set_boolean (self->review,
                                 sw == self->conflict_switch ? "conflict_of_interest" : "ready",
                                 gtk_switch_get_active (sw), &error))
    hlg_report_error (GTK_WIDGET (self), error);
  hlg_autosave_changed (self->autosave);
}

static void
on_text_changed_cb (GtkTextBuffer *buffer,
                    HlgReviewForm *self)
{
  const char *field = g_object_get_data (G_OBJECT (buffer), "hlg-field");
  g_autoptr(GError) error = NULL;
  g_autofree char *text = NULL;
  GtkTextIter start, end;

  if (self->loading || self->review == NULL)
    return;

  gtk_text_buffer_get_bounds (buffer, &start, &end);
  text = gtk_text_buffer_get_text (buffer, &start, &end, FALSE);
  if (!hlg_document_set_string (self->review, field, text[0] ? text : NULL, &error))
    hlg_report_error (GTK_WIDGET (self), error);
  hlg_autosave_changed (self->autosave);
}

static void
load (HlgReviewForm *self)
{
  const char * const *criteria = hlg_score_chart_get_criteria ();
  const char *recommendation = hlg_document_get_string (self->review, "recommendation");
  const char *text;
  gboolean editable = !hlg_document_is_read_only (self->review);
  guint rec = 0;

  self->loading = TRUE;

  for (guint i = 0; i < N_SCORES; i++)
    {
      int score = hlg_review_get_score (self->review, criteria[i]);

      adw_combo_row_set_selected (self->score_rows[i], score >= 0 ? (guint) score + 1 : 0);
      gtk_widget_set_sensitive (GTK_WIDGET (self->score_rows[i]), editable);
    }

  adw_combo_row_set_selected (self->confidence_row,
                              CLAMP (hlg_document_get_int (self->review, "confidence", 0), 0, 3));
  for (guint i = 0; hlg_recommendations[i] != NULL; i++)
    if (g_strcmp0 (recommendation, hlg_recommendations[i]) == 0)
      rec = i + 1;
  adw_combo_row_set_selected (self->recommendation_row, rec);

  text = hlg_document_get_string (self->review, "comments_for_authors");
  gtk_text_buffer_set_text (gtk_text_view_get_buffer (self->comments_for_authors),
                            text ? text : "", -1);
  text = hlg_document_get_string (self->review, "comments_for_board");
  gtk_text_buffer_set_text (gtk_text_view_get_buffer (self->comments_for_board),
                            text ? text : "", -1);

  gtk_switch_set_active (self->conflict_switch,
                         hlg_document_get_boolean (self->review, "conflict_of_interest"));
  gtk_switch_set_active (self->ready_switch, hlg_document_get_boolean (self->review, "ready"));

  gtk_widget_set_sensitive (GTK_WIDGET (self->confidence_row), editable);
  gtk_widget_set_sensitive (GTK_WIDGET (self->recommendation_row), editable);
  gtk_widget_set_sensitive (GTK_WIDGET (self->conflict_switch), editable);
  gtk_widget_set_sensitive (GTK_WIDGET (self->ready_switch), editable);
  gtk_text_view_set_editable (self->comments_for_authors, editable);
  gtk_text_view_set_editable (self->comments_for_board, editable);
  if (!editable)
    gtk_label_set_label (self->save_label, hlg_document_get_read_only_reason (self->review));

  self->loading = FALSE;
}

HlgDocument *
hlg_review_form_get_review (HlgReviewForm *self)
{
  g_return_val_if_fail (HLG_IS_REVIEW_FORM (self), NULL);

  return self->review;
}

/**
 * hlg_review_form_set_score:
 * @score: 0 to 5, or -1 for none
 *
 * Chooses a score as a person would, through its row.
 */
void
hlg_review_form_set_score (HlgReviewForm *self,
                           const char    *criterion,
                           int            score)
{
  const char * const *criteria = hlg_score_chart_get_criteria ();

  g_return_if_fail (HLG_IS_REVIEW_FORM (self));
  g_return_if_fail (score >= -1 && score <= 5);

  for (guint i = 0; i < N_SCORES; i++)
    if (g_str_equal (criteria[i], criterion))
      adw_combo_row_set_selected (self->score_rows[i], (guint) (score + 1));
}

/**
 * hlg_review_form_get_widget:
 * @field: a review field: a criterion, "confidence", "recommendation",
 *   "comments_for_authors", "comments_for_board", "conflict_of_interest" or "ready"
 *
 * Returns: (transfer none) (nullable): the widget that edits @field
 */
GtkWidget *
hlg_review_form_get_widget (HlgReviewForm *self,
                            const char    *field)
{
  const char * const *criteria = hlg_score_chart_get_criteria ();

  g_return_val_if_fail (HLG_IS_REVIEW_FORM (self), NULL);

  for (guint i = 0; i < N_SCORES; i++)
    if (g_str_equal (criteria[i], field))
      return GTK_WIDGET (self->score_rows[i]);

  if (g_str_equal (field, "confidence"))
    return GTK_WIDGET (self->confidence_row);
  if (g_str_equal (field, "recommendation"))
    return GTK_WIDGET (self->recommendation_row);
  if (g_str_equal (field, "comments_for_authors"))
    return GTK_WIDGET (self->comments_for_authors);
  if (g_str_equal (field, "comments_for_board"))
    return GTK_WIDGET (self->comments_for_board);
  if (g_str_equal (field, "conflict_of_interest"))
    return GTK_WIDGET (self->conflict_switch);
  if (g_str_equal (field, "ready"))
    return GTK_WIDGET (self->ready_switch);

  return NULL;
}

static void
hlg_review_form_dispose (GObject *object)
{
  HlgReviewForm *self = HLG_REVIEW_FORM (object);
  if (self->autosave != NULL)
    hlg_autosave_close (self->autosave);

  gtk_widget_dispose_template (GTK_WIDGET (self), HLG_TYPE_REVIEW_FORM);
  {
    GtkWidget *child;

    /* The template's top widget has no field of its own to clear. */
    while ((child = gtk_widget_get_first_child (GTK_WIDGET (self))) != NULL)
      gtk_widget_unparent (child);
  }
  g_clear_object (&self->review);
  g_clear_object (&self->autosave);
  g_clear_object (&self->store);

  G_OBJECT_CLASS (hlg_review_form_parent_class)->dispose (object);
}

static void
hlg_review_form_class_init (HlgReviewFormClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = hlg_review_form_dispose;

  g_type_ensure (HLG_TYPE_CONFLICT_BAR);
  gtk_widget_class_set_layout_manager_type (widget_class, GTK_TYPE_BIN_LAYOUT);
  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/org/unece/HLGMOS/hlg-review-form.ui");
  gtk_widget_class_bind_template_child (widget_class, HlgReviewForm, save_label);
  gtk_widget_class_bind_template_child (widget_class, HlgReviewForm, conflict_bar);
  gtk_widget_class_bind_template_child_full (widget_class, "score_active_engagement", FALSE,
                                             G_STRUCT_OFFSET (HlgReviewForm, score_rows[0]));
  gtk_widget_class_bind_template_child_full (widget_class, "score_trusted_data_authority", FALSE,
                                             G_STRUCT_OFFSET (HlgReviewForm, score_rows[1]));
  gtk_widget_class_bind_template_child_full (widget_class, "score_service_oriented_approach",
                                             FALSE,
                                             G_STRUCT_OFFSET (HlgReviewForm, score_rows[2]));
  gtk_widget_class_bind_template_child_full (widget_class, "score_agile_adaptive_culture", FALSE,
                                             G_STRUCT_OFFSET (HlgReviewForm, score_rows[3]));
  gtk_widget_class_bind_template_child_full (widget_class, "score_fit_with_priorities", FALSE,
                                             G_STRUCT_OFFSET (HlgReviewForm, score_rows[4]));
  gtk_widget_class_bind_template_child_full (widget_class, "score_added_value", FALSE,
                                             G_STRUCT_OFFSET (HlgReviewForm, score_rows[5]));
  gtk_widget_class_bind_template_child_full (widget_class, "score_feasibility", FALSE,
                                             G_STRUCT_OFFSET (HlgReviewForm, score_rows[6]));
  gtk_widget_class_bind_template_child (widget_class, HlgReviewForm, confidence_row);
  gtk_widget_class_bind_template_child (widget_class, HlgReviewForm, recommendation_row);
  gtk_widget_class_bind_template_child (widget_class, HlgReviewForm, comments_for_authors);
  gtk_widget_class_bind_template_child (widget_class, HlgReviewForm, comments_for_board);
  gtk_widget_class_bind_template_child (widget_class, HlgReviewForm, conflict_switch);
  gtk_widget_class_bind_template_child (widget_class, HlgReviewForm, ready_switch);
  gtk_widget_class_bind_template_callback (widget_class, on_combo_changed_cb);
  gtk_widget_class_bind_template_callback (widget_class, on_switch_changed_cb);
}

static void
hlg_review_form_init (HlgReviewForm *self)
{
  GtkTextBuffer *buffer;

  self->loading = TRUE;
  gtk_widget_init_template (GTK_WIDGET (self));

  buffer = gtk_text_view_get_buffer (self->comments_for_authors);
  g_object_set_data (G_OBJECT (buffer), "hlg-field", (gpointer) "comments_for_authors");
  g_signal_connect (buffer, "changed", G_CALLBACK (on_text_changed_cb), self);
  buffer = gtk_text_view_get_buffer (self->comments_for_board);
  g_object_set_data (G_OBJECT (buffer), "hlg-field", (gpointer) "comments_for_board");
  g_signal_connect (buffer, "changed", G_CALLBACK (on_text_changed_cb), self);
}

/**
 * hlg_review_form_new:
 * @review: the review; written to @store at the first change if new
 */
GtkWidget *
hlg_review_form_new (HlgStore    *store,
                     HlgDocument *review)
{
  HlgReviewForm *self;

  g_return_val_if_fail (HLG_IS_STORE (store), NULL);
  g_return_val_if_fail (HLG_IS_DOCUMENT (review), NULL);

  self = g_object_new (HLG_TYPE_REVIEW_FORM, NULL);
  self->store = g_object_ref (store);
  self->review = g_object_ref (review);
  self->autosave = hlg_autosave_new (GTK_WIDGET (self), self->save_label, store, self->review);
  load (self);
  hlg_conflict_bar_set_document (self->conflict_bar, store, hlg_document_get_id (review));

  return GTK_WIDGET (self);
}
