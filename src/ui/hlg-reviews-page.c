/* hlg-reviews-page.c: the Reviews place: proposals to review, the review form, the Board's summary
 * SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "hlg-reviews-page"

#include "config.h"

#include <adwaita.h>
#include <glib/gi18n.h>
#include <string.h>

#include "hlg-application.h"
#include "hlg-feedback-editor.h"
#include "hlg-labels.h"
#include "hlg-proposal-row.h"
#include "hlg-reviews-page.h"
#include "hlg-schema.h"
#include "hlg-slot-model.h"
#include "hlg-window.h"

struct _HlgReviewsPage
{
  HlgPage            parent_instance;

  GtkStack           *stack;
  GtkStack           *list_stack;
  GtkListView        *list_view;
  GtkLabel           *count_label;
  GtkLabel           *title_label;
  GtkStack           *detail_stack;
  GtkBox             *form_box;
  GtkLabel           *summary_label;
  HlgScoreChart      *chart;
  GtkFlowBox         *reviews_flow;
  GtkBox             *feedback_box;

  HlgDocument        *proposal;
  HlgReviewForm      *form;
  HlgFeedbackEditor  *feedback;
  GtkCustomFilter    *filter;
  GtkFilterListModel *filter_model;
  GtkSortListModel   *sort_model;
  GtkCustomFilter    *reviews_filter;
  GtkFilterListModel *reviews_model;
};

G_DEFINE_FINAL_TYPE (HlgReviewsPage, hlg_reviews_page, HLG_TYPE_PAGE)


static gboolean
is_to_review (HlgDocument *doc)
{
  const char *status = hlg_document_get_string (doc, "status");

  return g_strcmp0 (status, "submitted") == 0 || g_strcmp0 (status, "under-review") == 0;
}

static gboolean
contains_folded (const char *text,
                 const char *needle)
{
  g_autofree char *folded = text ? g_utf8_casefold (text, -1) : NULL;

  return folded != NULL && strstr (folded, needle) != NULL;
}

static gboolean
filter_func (gpointer item,
             gpointer user_data)
{
  HlgReviewsPage *self = user_data;
  const char *search_text = hlg_page_get_search_text (HLG_PAGE (self));
  HlgDocument *doc = item;

  if (!is_to_review (doc))
    return FALSE;
  if (search_text != NULL && search_text[0] != '\0')
    return contains_folded (hlg_document_get_string (doc, "title"), search_text) ||
           contains_folded (hlg_document_get_string (doc, "summary"), search_text);

  return TRUE;
}

static int
sort_func (gconstpointer a,
           gconstpointer b,
           gpointer      user_data)
{
  const char *ta = hlg_document_get_string ((HlgDocument *) a, "title");
  const char *tb = hlg_document_get_string ((HlgDocument *) b, "title");

  return g_utf8_collate (ta ? ta : "", tb ? tb : "");
}

static gboolean
reviews_filter_func (gpointer item,
                     gpointer user_data)
{
  HlgReviewsPage *self = user_data;

  return self->proposal != NULL &&
         g_strcmp0 (hlg_document_get_string (item, "proposal"),
                    hlg_document_get_id (self->proposal)) == 0;
}

static void
update_count (HlgReviewsPage *self)
{
  guint n = g_list_model_get_n_items (G_LIST_MODEL (self->sort_model));
  g_autofree char *text = NULL;

  text = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
                                       "%u submitted proposal to review against the vision "
                                       "and the priorities",
                                       "%u submitted proposals to review against the vision "
                                       "and the priorities", n),
                          n);
  gtk_label_set_label (self->count_label, text);
  gtk_stack_set_visible_child_name (self->list_stack, n > 0 ? "list" : "empty");
}

/* Summary */

static const char *
reviewer_name (HlgReviewsPage *self,
               HlgDocument    *review)
{
  HlgStore *store = hlg_page_get_store (HLG_PAGE (self));
  HlgDocument *person = hlg_store_lookup (store, hlg_document_get_string (review, "reviewer"));

  return person ? hlg_document_get_title (person) : _("Unknown reviewer");
}

static GtkWidget *
text_label (const char *text,
            const char *css_class)
{
  GtkWidget *label = gtk_label_new (text);

  gtk_label_set_xalign (GTK_LABEL (label), 0);
  gtk_label_set_wrap (GTK_LABEL (label), TRUE);
  gtk_label_set_wrap_mode (GTK_LABEL (label), PANGO_WRAP_WORD_CHAR);
  gtk_label_set_selectable (GTK_LABEL (label), TRUE);
  /* Narrow enough that two or more reviews stand side by side. */
  gtk_label_set_max_width_chars (GTK_LABEL (label), 34);
  if (css_class != NULL)
    gtk_widget_add_css_class (label, css_class);

  return label;
}

static GtkWidget *
create_review_card_cb (gpointer item,
                       gpointer user_data)
{
  HlgReviewsPage *self = user_data;
  HlgDocument *review = item;
  const char * const *criteria = hlg_score_chart_get_criteria ();
  GtkWidget *card = gtk_box_new (GTK_ORIENTATION_VERTICAL, 8);
  GtkWidget *grid = gtk_grid_new ();
  const char *recommendation = hlg_document_get_string (review, "recommendation");
  const char *text;
  gint64 confidence = hlg_document_get_int (review, "confidence", 0);
  g_autofree char *meta = NULL;

  gtk_widget_add_css_class (card, "card");
  gtk_widget_add_css_class (card, "hlg-review-card");
  gtk_widget_set_valign (card, GTK_ALIGN_START);

  gtk_box_append (GTK_BOX (card), text_label (reviewer_name (self, review), "heading"));
  meta = g_strdup_printf ("%s · %s%s",
                          recommendation ? hlg_labels_value (recommendation) : _("No recommendation yet"),
                          hlg_document_get_boolean (review, "ready") ? _("ready") : _("draft"),
                          confidence > 0 ? "" : "");
  gtk_box_append (GTK_BOX (card), text_label (meta, "dim-label"));
  if (confidence > 0)
    {
      g_autofree char *c = g_strdup_printf (_("Confidence %lld of 3"),
                                            (long long) confidence);

      gtk_box_append (GTK_BOX (card), text_label (c, "caption"));
    }
  if (hlg_document_get_boolean (review, "conflict_of_interest"))
    gtk_box_append (GTK_BOX (card), text_label (_("Declared a conflict of interest"), "warning"));

  gtk_grid_set_column_spacing (GTK_GRID (grid), 12);
  gtk_grid_set_row_spacing (GTK_GRID (grid), 2);
  for (guint i = 0; criteria[i] != NULL; i++)
    {
      int score = hlg_review_get_score (review, criteria[i]);
      g_autofree char *value = score >= 0 ? g_strdup_printf ("%d", score) : g_strdup ("–");
      GtkWidget *name = text_label (i < 4 ? hlg_labels_value (criteria[i])
                                          : hlg_labels_field (criteria[i]), "caption");
      GtkWidget *number = gtk_label_new (value);

      gtk_widget_set_hexpand (name, TRUE);
      gtk_label_set_selectable (GTK_LABEL (name), FALSE);
      gtk_widget_add_css_class (number, "numeric");
      gtk_grid_attach (GTK_GRID (grid), name, 0, i, 1, 1);
      gtk_grid_attach (GTK_GRID (grid), number, 1, i, 1, 1);
    }
  gtk_box_append (GTK_BOX (card), grid);

  text = hlg_document_get_string (review, "comments_for_authors");
  if (text != NULL)
    {
      gtk_box_append (GTK_BOX (card), text_label (_("For the authors"), "caption-heading"));
      gtk_box_append (GTK_BOX (card), text_label (text, NULL));
    }

  text = hlg_document_get_string (review, "comments_for_board");
  if (text != NULL && hlg_role_can (hlg_page_get_role (HLG_PAGE (self)), "board-only"))
    {
      GtkWidget *box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 4);

      gtk_widget_add_css_class (box, "hlg-board-only");
      gtk_box_append (GTK_BOX (box), text_label (_("Board only"), "caption-heading"));
      gtk_box_append (GTK_BOX (box), text_label (text, NULL));
      gtk_box_append (GTK_BOX (card), box);
    }

  return card;
}

static void
refresh_summary (HlgReviewsPage *self)
{
  g_autoptr(GPtrArray) reviews = g_ptr_array_new_with_free_func (g_object_unref);
  g_autoptr(GPtrArray) names = g_ptr_array_new ();
  g_autofree char *text = NULL;
  guint n_ready = 0;

  if (self->proposal == NULL)
    return;

  gtk_filter_changed (GTK_FILTER (self->reviews_filter), GTK_FILTER_CHANGE_DIFFERENT);
  for (guint i = 0; i < g_list_model_get_n_items (G_LIST_MODEL (self->reviews_model)); i++)
    {
      HlgDocument *review = g_list_model_get_item (G_LIST_MODEL (self->reviews_model), i);

      g_ptr_array_add (reviews, review);
      g_ptr_array_add (names, (gpointer) reviewer_name (self, review));
      n_ready += hlg_document_get_boolean (review, "ready");
    }

  hlg_score_chart_set_reviews (self->chart, reviews, names);
  /* The cards show what the reviews hold now. */
  gtk_flow_box_bind_model (self->reviews_flow, G_LIST_MODEL (self->reviews_model),
                           create_review_card_cb, self, NULL);

  if (reviews->len == 0)
    text = g_strdup (_("No reviews yet"));
  else
    text = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%u review, %u ready",
                                         "%u reviews, %u ready", reviews->len),
                            reviews->len, n_ready);
  gtk_label_set_label (self->summary_label, text);
}

static void
on_detail_changed_cb (HlgReviewsPage *self)
{
  if (g_strcmp0 (gtk_stack_get_visible_child_name (self->detail_stack), "summary") == 0)
    {
      hlg_reviews_page_flush (self);
      refresh_summary (self);
    }
}

/* Opening */

static HlgDocument *
find_or_make_my_review (HlgReviewsPage *self,
                        GError        **error)
{
  HlgStore *store = hlg_page_get_store (HLG_PAGE (self));
  GApplication *app = g_application_get_default ();
  GListModel *reviews = hlg_store_get_model (store, HLG_DOC_TYPE_REVIEW);
  const char *proposal_id = hlg_document_get_id (self->proposal);
  HlgDocument *me;
  HlgDocument *review;

  if (!HLG_IS_APPLICATION (app))
    {
      g_set_error_literal (error, G_IO_ERROR, G_IO_ERROR_FAILED, _("No application"));
      return NULL;
    }
  me = hlg_application_ensure_me (HLG_APPLICATION (app), error);
  if (me == NULL)
    return NULL;

  for (guint i = 0; i < g_list_model_get_n_items (reviews); i++)
    {
      g_autoptr(HlgDocument) r = g_list_model_get_item (reviews, i);

      if (g_strcmp0 (hlg_document_get_string (r, "proposal"), proposal_id) == 0 &&
          g_strcmp0 (hlg_document_get_string (r, "reviewer"), hlg_document_get_id (me)) == 0)
        return g_steal_pointer (&r);
    }

  /* Written at the first change, not merely by looking. */
  review = hlg_document_new (HLG_DOC_TYPE_REVIEW);
  if (!hlg_document_set_string (review, "proposal", proposal_id, error) ||
      !hlg_document_set_string (review, "reviewer", hlg_document_get_id (me), error) ||
      !hlg_document_set_int (review, "round", 1, error) ||
      !hlg_document_set_int (review, "form_version", 1, error) ||
      !hlg_document_set_boolean (review, "ready", FALSE, error))
    {
      g_object_unref (review);
      return NULL;
    }

  return review;
}

static void
close_form (HlgReviewsPage *self)
{
  hlg_reviews_page_flush (self);
  if (self->feedback != NULL)
    {
      gtk_box_remove (self->feedback_box, GTK_WIDGET (self->feedback));
      self->feedback = NULL;
    }
  if (self->form == NULL)
    return;

  gtk_box_remove (self->form_box, GTK_WIDGET (self->form));
  self->form = NULL;
}

void
hlg_reviews_page_open_proposal (HlgReviewsPage *self,
                                HlgDocument    *proposal)
{
  HlgStore *store = hlg_page_get_store (HLG_PAGE (self));
  g_autoptr(HlgDocument) review = NULL;
  g_autoptr(GError) error = NULL;
  GtkWidget *form;

  g_return_if_fail (HLG_IS_REVIEWS_PAGE (self));
  g_return_if_fail (HLG_IS_DOCUMENT (proposal));

  close_form (self);
  g_set_object (&self->proposal, proposal);
  gtk_label_set_label (self->title_label, hlg_document_get_title (proposal));

  review = find_or_make_my_review (self, &error);
  if (review == NULL)
    {
      GtkRoot *root = gtk_widget_get_root (GTK_WIDGET (self));

      if (HLG_IS_WINDOW (root))
        hlg_window_add_error (HLG_WINDOW (root), error);
      return;
    }

  form = hlg_review_form_new (store, review);
  gtk_widget_set_vexpand (form, TRUE);
  gtk_box_append (self->form_box, form);
  self->form = HLG_REVIEW_FORM (form);

  /* The Board drafts the consolidated feedback; the secretariat releases it. */
  if (hlg_role_can (hlg_page_get_role (HLG_PAGE (self)), "edit-feedback"))
    {
      GtkWidget *feedback = hlg_feedback_editor_new (store, proposal, hlg_page_get_role (HLG_PAGE (self)));

      gtk_box_append (self->feedback_box, feedback);
      self->feedback = HLG_FEEDBACK_EDITOR (feedback);
    }

  gtk_stack_set_visible_child_name (self->detail_stack, "form");
  gtk_stack_set_visible_child_name (self->stack, "detail");
  refresh_summary (self);
}

/**
 * hlg_reviews_page_get_feedback_editor:
 *
 * Returns: (transfer none) (nullable): the feedback on the open proposal,
 *   for the Board and the secretariat
 */
HlgFeedbackEditor *
hlg_reviews_page_get_feedback_editor (HlgReviewsPage *self)
{
  g_return_val_if_fail (HLG_IS_REVIEWS_PAGE (self), NULL);

  return self->feedback;
}

/**
 * hlg_reviews_page_reload:
 * @document: a document that changed under the page (a resolved conflict)
 *
 * Shows @document again if the page shows it: the proposal, its review
 * or its feedback.
 */
void
hlg_reviews_page_reload (HlgReviewsPage *self,
                         HlgDocument    *document)
{
  g_autoptr(HlgDocument) proposal = NULL;
  gboolean summary;

  g_return_if_fail (HLG_IS_REVIEWS_PAGE (self));
  g_return_if_fail (HLG_IS_DOCUMENT (document));

  if (self->proposal == NULL)
    return;
  if (document != self->proposal &&
      g_strcmp0 (hlg_document_get_string (document, "proposal"),
                 hlg_document_get_id (self->proposal)) != 0)
    return;

  summary = g_strcmp0 (gtk_stack_get_visible_child_name (self->detail_stack), "summary") == 0;
  proposal = g_object_ref (self->proposal);
  hlg_reviews_page_open_proposal (self, proposal);
  if (summary)
    hlg_reviews_page_show_summary (self);
}

void
hlg_reviews_page_show_list (HlgReviewsPage *self)
{
  g_return_if_fail (HLG_IS_REVIEWS_PAGE (self));

  close_form (self);
  gtk_stack_set_visible_child_name (self->stack, "list");
  gtk_filter_changed (GTK_FILTER (self->filter), GTK_FILTER_CHANGE_DIFFERENT);
  update_count (self);
}

void
hlg_reviews_page_show_form (HlgReviewsPage *self)
{
  g_return_if_fail (HLG_IS_REVIEWS_PAGE (self));

  if (self->proposal != NULL)
    gtk_stack_set_visible_child_name (self->detail_stack, "form");
}

void
hlg_reviews_page_show_summary (HlgReviewsPage *self)
{
  g_return_if_fail (HLG_IS_REVIEWS_PAGE (self));

  if (self->proposal == NULL)
    return;

  gtk_stack_set_visible_child_name (self->detail_stack, "summary");
  hlg_reviews_page_flush (self);
  refresh_summary (self);
}

void
hlg_reviews_page_flush (HlgReviewsPage *self)
{
  g_autoptr(GError) error = NULL;

  g_return_if_fail (HLG_IS_REVIEWS_PAGE (self));

  if (self->form != NULL && !hlg_review_form_flush (self->form, &error))
    g_critical ("The review could not be saved: %s", error->message);
  g_clear_error (&error);
  if (self->feedback != NULL && !hlg_feedback_editor_flush (self->feedback, &error))
    g_critical ("The feedback could not be saved: %s", error->message);
}

GListModel *
hlg_reviews_page_get_model (HlgReviewsPage *self)
{
  g_return_val_if_fail (HLG_IS_REVIEWS_PAGE (self), NULL);

  return G_LIST_MODEL (self->sort_model);
}

HlgReviewForm *
hlg_reviews_page_get_form (HlgReviewsPage *self)
{
  g_return_val_if_fail (HLG_IS_REVIEWS_PAGE (self), NULL);

  return self->form;
}

HlgScoreChart *
hlg_reviews_page_get_chart (HlgReviewsPage *self)
{
  g_return_val_if_fail (HLG_IS_REVIEWS_PAGE (self), NULL);

  return self->chart;
}

static void
show_list_action (GtkWidget  *widget,
                  const char *action_name,
                  GVariant   *parameter)
{
  hlg_reviews_page_show_list (HLG_REVIEWS_PAGE (widget));
}

static void
on_list_activate_cb (HlgReviewsPage *self,
                     guint           position,
                     GtkListView    *list_view)
{
  g_autoptr(HlgDocument) doc = g_list_model_get_item (G_LIST_MODEL (self->sort_model), position);

  if (doc != NULL)
    hlg_reviews_page_open_proposal (self, doc);
}

static void
on_proposals_changed_cb (HlgReviewsPage *self)
{
  update_count (self);
}

/* GObject */

static void
hlg_reviews_page_constructed (GObject *object)
{
  HlgReviewsPage *self = HLG_REVIEWS_PAGE (object);
  HlgStore *store = hlg_page_get_store (HLG_PAGE (self));
  GtkListItemFactory *factory;
  GtkNoSelection *selection;

  G_OBJECT_CLASS (hlg_reviews_page_parent_class)->constructed (object);

  self->filter = gtk_custom_filter_new (filter_func, self, NULL);
  self->filter_model = gtk_filter_list_model_new (
    g_object_ref (hlg_store_get_model (store, HLG_DOC_TYPE_PROPOSAL)),
    g_object_ref (GTK_FILTER (self->filter)));
  self->sort_model = gtk_sort_list_model_new (
    g_object_ref (G_LIST_MODEL (self->filter_model)),
    GTK_SORTER (gtk_custom_sorter_new (sort_func, NULL, NULL)));

  self->reviews_filter = gtk_custom_filter_new (reviews_filter_func, self, NULL);
  self->reviews_model = gtk_filter_list_model_new (
    g_object_ref (hlg_store_get_model (store, HLG_DOC_TYPE_REVIEW)),
    g_object_ref (GTK_FILTER (self->reviews_filter)));

  selection = gtk_no_selection_new (G_LIST_MODEL (hlg_slot_model_new (G_LIST_MODEL (self->sort_model))));
  gtk_list_view_set_model (self->list_view, GTK_SELECTION_MODEL (selection));
  g_object_unref (selection);

  factory = hlg_proposal_row_factory_new (store);
  gtk_list_view_set_factory (self->list_view, factory);
  g_object_unref (factory);

  g_signal_connect_object (self->sort_model, "items-changed",
                           G_CALLBACK (on_proposals_changed_cb), self, G_CONNECT_SWAPPED);
  update_count (self);
}

static void
hlg_reviews_page_dispose (GObject *object)
{
  HlgReviewsPage *self = HLG_REVIEWS_PAGE (object);

  close_form (self);
  if (self->list_view != NULL)
    gtk_list_view_set_model (self->list_view, NULL);
  if (self->reviews_flow != NULL)
    gtk_flow_box_bind_model (self->reviews_flow, NULL, NULL, NULL, NULL);
  /* The template's top widget is the bin's child: let it go before the template does. */
  adw_bin_set_child (ADW_BIN (self), NULL);
  gtk_widget_dispose_template (GTK_WIDGET (self), HLG_TYPE_REVIEWS_PAGE);
  g_clear_object (&self->sort_model);
  g_clear_object (&self->filter_model);
  g_clear_object (&self->filter);
  g_clear_object (&self->reviews_model);
  g_clear_object (&self->reviews_filter);
  g_clear_object (&self->proposal);

  G_OBJECT_CLASS (hlg_reviews_page_parent_class)->dispose (object);
}

static void
hlg_reviews_page_search_changed (HlgPage *page)
{
  HlgReviewsPage *self = HLG_REVIEWS_PAGE (page);

  if (self->filter != NULL)
    {
      if (self->form != NULL)
        hlg_reviews_page_show_list (self);
      gtk_filter_changed (GTK_FILTER (self->filter), GTK_FILTER_CHANGE_DIFFERENT);
      update_count (self);
    }
}

static void
hlg_reviews_page_role_changed (HlgPage *page)
{
  HlgReviewsPage *self = HLG_REVIEWS_PAGE (page);

  /* What the page shows depends on the role: start again from the list. */
  if (self->form != NULL)
    hlg_reviews_page_show_list (self);
}

static void
hlg_reviews_page_class_init (HlgReviewsPageClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);
  HlgPageClass *page_class = HLG_PAGE_CLASS (klass);

  object_class->constructed = hlg_reviews_page_constructed;
  object_class->dispose = hlg_reviews_page_dispose;


  page_class->fold_search_text = TRUE;
  page_class->search_changed = hlg_reviews_page_search_changed;
  page_class->role_changed = hlg_reviews_page_role_changed;

  g_type_ensure (HLG_TYPE_SCORE_CHART);

  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/org/unece/HLGMOS/hlg-reviews-page.ui");
  gtk_widget_class_bind_template_child (widget_class, HlgReviewsPage, stack);
  gtk_widget_class_bind_template_child (widget_class, HlgReviewsPage, list_stack);
  gtk_widget_class_bind_template_child (widget_class, HlgReviewsPage, list_view);
  gtk_widget_class_bind_template_child (widget_class, HlgReviewsPage, count_label);
  gtk_widget_class_bind_template_child (widget_class, HlgReviewsPage, title_label);
  gtk_widget_class_bind_template_child (widget_class, HlgReviewsPage, detail_stack);
  gtk_widget_class_bind_template_child (widget_class, HlgReviewsPage, form_box);
  gtk_widget_class_bind_template_child (widget_class, HlgReviewsPage, summary_label);
  gtk_widget_class_bind_template_child (widget_class, HlgReviewsPage, chart);
  gtk_widget_class_bind_template_child (widget_class, HlgReviewsPage, reviews_flow);
  gtk_widget_class_bind_template_child (widget_class, HlgReviewsPage, feedback_box);
  gtk_widget_class_bind_template_callback (widget_class, on_list_activate_cb);
  gtk_widget_class_bind_template_callback (widget_class, on_detail_changed_cb);

  gtk_widget_class_install_action (widget_class, "reviews.show-list", NULL, show_list_action);
}

static void
hlg_reviews_page_init (HlgReviewsPage *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
}
