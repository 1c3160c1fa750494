/* hlg-proposals-page.c: the Proposals place: a filtered, sorted list and the editor
 * SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "hlg-proposals-page"

#include "config.h"

#include <adwaita.h>
#include <glib/gi18n.h>
#include <string.h>

#include "hlg-application.h"
#include "hlg-labels.h"
#include "hlg-proposal-row.h"
#include "hlg-proposals-page.h"
#include "hlg-schema.h"
#include "hlg-slot-model.h"

struct _HlgProposalsPage
{
  HlgPage            parent_instance;

  GtkStack           *stack;
  GtkStack           *list_stack;
  GtkListView        *list_view;
  GtkLabel           *count_label;
  GtkMenuButton      *filter_button;
  AdwButtonContent   *filter_content;
  GtkDropDown        *status_dropdown;
  GtkDropDown        *kind_dropdown;
  GtkDropDown        *focus_dropdown;
  GtkDropDown        *sort_dropdown;
  AdwStatusPage      *empty_page;
  GtkBox             *editor_box;
  GtkWidget          *new_button;

  HlgProposalEditor  *editor;
  GtkCustomFilter    *filter;
  GtkCustomSorter    *sorter;
  GtkFilterListModel *filter_model;
  HlgSlotModel       *slots;
  GtkSingleSelection *selection;
  GtkSortListModel   *sort_model;
  const char         *want_status; /* the dropdowns' choices, read once per change */
  const char         *want_kind;
  const char         *want_focus;

  /* Search keys are made in idle time, so that even the first search
   * only compares: see warm_search_keys_cb(). */
  guint               warm_source;
  guint               warm_position;
  char               *filtered_text;  /* the search text the list was filtered with */
};

G_DEFINE_FINAL_TYPE (HlgProposalsPage, hlg_proposals_page, HLG_TYPE_PAGE)


enum {
  SORT_STATUS,
  SORT_TITLE,
  SORT_KIND,
};

/* The value chosen in a filter dropdown; NULL for "any" (the first item). */
static const char *
chosen_value (GtkDropDown        *dropdown,
              const char * const *values)
{
  guint selected = gtk_drop_down_get_selected (dropdown);

  if (selected == 0 || selected == GTK_INVALID_LIST_POSITION)
    return NULL;

  return values[selected - 1];
}

static gboolean
array_contains (JsonArray  *array,
                const char *value)
{
  for (guint i = 0; array != NULL && i < json_array_get_length (array); i++)
    if (g_strcmp0 (json_array_get_string_element (array, i), value) == 0)
      return TRUE;

  return FALSE;
}

/* What a search looks in, casefolded once per document and kept until the
 * document changes; and the title's collation key, for sorting. */
static GQuark haystack_quark;
static GQuark title_key_quark;

static void
on_document_changed_cb (HlgDocument *doc)
{
  g_object_set_qdata (G_OBJECT (doc), haystack_quark, NULL);
  g_object_set_qdata (G_OBJECT (doc), title_key_quark, NULL);
}

static void
watch_document (HlgDocument *doc)
{
  static GQuark watched_quark;

  if (watched_quark == 0)
    watched_quark = g_quark_from_static_string ("hlg-proposals-page-watched");
  if (g_object_get_qdata (G_OBJECT (doc), watched_quark) != NULL)
    return;

  g_object_set_qdata (G_OBJECT (doc), watched_quark, GINT_TO_POINTER (1));
  g_signal_connect (doc, "changed", G_CALLBACK (on_document_changed_cb), NULL);
}

static const char *
get_haystack (HlgProposalsPage *self,
              HlgDocument      *doc)
{
  const char *haystack = g_object_get_qdata (G_OBJECT (doc), haystack_quark);

  if (haystack == NULL)
    {
      HlgDocument *lead = hlg_store_lookup (hlg_page_get_store (HLG_PAGE (self)),
                                            hlg_document_get_string (doc, "lead_organisation"));
      g_autofree char *joined = g_strjoin ("\n",
                                           hlg_document_get_string (doc, "title") ?: "",
                                           hlg_document_get_string (doc, "summary") ?: "",
                                           lead != NULL ? hlg_document_get_title (lead) : "",
                                           NULL);
      char *folded = g_utf8_casefold (joined, -1);

      watch_document (doc);
      g_object_set_qdata_full (G_OBJECT (doc), haystack_quark, folded, g_free);
      haystack = folded;
    }

  return haystack;
}

static const char *
get_title_key (HlgDocument *doc)
{
  const char *key = g_object_get_qdata (G_OBJECT (doc), title_key_quark);

  if (key == NULL)
    {
      const char *title = hlg_document_get_string (doc, "title");
      char *made = g_utf8_collate_key (title ? title : "", -1);

      watch_document (doc);
      g_object_set_qdata_full (G_OBJECT (doc), title_key_quark, made, g_free);
      key = made;
    }

  return key;
}

#define WARM_BATCH 200

static gboolean
warm_search_keys_cb (gpointer user_data)
{
  HlgProposalsPage *self = user_data;
  GListModel *model = G_LIST_MODEL (self->sort_model);
  guint n = g_list_model_get_n_items (model);
  guint end = MIN (n, self->warm_position + WARM_BATCH);

  for (; self->warm_position < end; self->warm_position++)
    {
      g_autoptr(HlgDocument) doc = g_list_model_get_item (model, self->warm_position);

      get_haystack (self, doc);
    }

  if (self->warm_position < n)
    return G_SOURCE_CONTINUE;

  self->warm_source = 0;
  return G_SOURCE_REMOVE;
}

/* Proposals arrived (loading, a pull, a new one): make their search keys
 * before anyone searches, a batch per idle moment. */
static void
on_proposals_added_cb (HlgProposalsPage *self,
                       guint             position,
                       guint             removed,
                       guint             added)
{
  self->warm_position = MIN (self->warm_position, position);
  if (added > 0 && self->warm_source == 0)
    self->warm_source = g_idle_add_full (G_PRIORITY_LOW, warm_search_keys_cb, self, NULL);
}

static gboolean
filter_func (gpointer item,
             gpointer user_data)
{
  HlgProposalsPage *self = user_data;
  const char *search_text = hlg_page_get_search_text (HLG_PAGE (self));
  HlgDocument *doc = item;
  const char *status = self->want_status;
  const char *kind = self->want_kind;
  const char *focus = self->want_focus;

  if (status != NULL && g_strcmp0 (hlg_document_get_string (doc, "status"), status) != 0)
    return FALSE;
  if (kind != NULL && g_strcmp0 (hlg_document_get_string (doc, "kind"), kind) != 0)
    return FALSE;
  if (focus != NULL && !array_contains (hlg_document_get_array (doc, "focus_areas"), focus))
    return FALSE;

  if (search_text != NULL && search_text[0] != '\0')
    return strstr (get_haystack (self, doc), search_text) != NULL;

  return TRUE;
}

static int
index_of (const char * const *values,
          const char         *value)
{
  for (int i = 0; values[i] != NULL; i++)
    if (g_strcmp0 (values[i], value) == 0)
      return i;

  return G_MAXINT;
}

static int
compare_titles (HlgDocument *a,
                HlgDocument *b)
{
  return strcmp (get_title_key (a), get_title_key (b));
}

static int
sort_func (gconstpointer a,
           gconstpointer b,
           gpointer      user_data)
{
  HlgProposalsPage *self = user_data;
  HlgDocument *da = (HlgDocument *) a;
  HlgDocument *db = (HlgDocument *) b;
  int cmp = 0;

  switch (gtk_drop_down_get_selected (self->sort_dropdown))
    {
    case SORT_KIND:
      cmp = index_of (hlg_proposal_kinds, hlg_document_get_string (da, "kind")) -
            index_of (hlg_proposal_kinds, hlg_document_get_string (db, "kind"));
      break;
    case SORT_TITLE:
      break;
    case SORT_STATUS:
    default:
      cmp = index_of (hlg_proposal_statuses, hlg_document_get_string (da, "status")) -
            index_of (hlg_proposal_statuses, hlg_document_get_string (db, "status"));
      break;
    }

  return cmp != 0 ? cmp : compare_titles (da, db);
}

static void
update_count (HlgProposalsPage *self)
{
  guint shown = g_list_model_get_n_items (G_LIST_MODEL (self->filter_model));
  guint total = g_list_model_get_n_items (hlg_store_get_model (hlg_page_get_store (HLG_PAGE (self)),
                                                               HLG_DOC_TYPE_PROPOSAL));
  g_autofree char *text = NULL;

  if (shown == total)
    text = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%u proposal", "%u proposals", total),
                            total);
  else
    text = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%u of %u proposal",
                                         "%u of %u proposals", total),
                            shown, total);
  gtk_label_set_label (self->count_label, text);

  gtk_stack_set_visible_child_name (self->list_stack, shown > 0 ? "list" : "empty");
  if (total == 0 && hlg_role_can (hlg_page_get_role (HLG_PAGE (self)), "new-proposal"))
    adw_status_page_set_description (self->empty_page,
                                     _("Proposals for future work are due in September. "
                                       "Start one with “New Proposal”."));
  else if (total == 0)
    adw_status_page_set_description (self->empty_page,
                                     _("Proposals appear here once their authors share them."));
  else
    adw_status_page_set_description (self->empty_page,
                                     _("No proposal matches the search and filters."));
}

static void
on_items_changed_cb (HlgProposalsPage *self,
                     guint             position,
                     guint             removed,
                     guint             added)
{
  guint selected = gtk_single_selection_get_selected (self->selection);

  /* The selected row now shows another proposal: nothing stays selected. */
  if (selected != GTK_INVALID_LIST_POSITION && selected >= position &&
      (removed != added || selected < position + added))
    gtk_single_selection_set_selected (self->selection, GTK_INVALID_LIST_POSITION);
  update_count (self);
}

static void
on_filter_changed_cb (HlgProposalsPage *self)
{
  guint n_active = (gtk_drop_down_get_selected (self->status_dropdown) > 0) +
                   (gtk_drop_down_get_selected (self->kind_dropdown) > 0) +
                   (gtk_drop_down_get_selected (self->focus_dropdown) > 0);
  g_autofree char *label = NULL;

  self->want_status = chosen_value (self->status_dropdown, hlg_proposal_statuses);
  self->want_kind = chosen_value (self->kind_dropdown, hlg_proposal_kinds);
  self->want_focus = chosen_value (self->focus_dropdown, hlg_focus_areas);
  if (n_active > 0)
    label = g_strdup_printf (_("_Filter (%u)"), n_active);
  adw_button_content_set_label (self->filter_content, label ? label : _("_Filter"));

  gtk_filter_changed (GTK_FILTER (self->filter), GTK_FILTER_CHANGE_DIFFERENT);
  update_count (self);
}

static void
on_sort_changed_cb (HlgProposalsPage *self)
{
  gtk_sorter_changed (GTK_SORTER (self->sorter), GTK_SORTER_CHANGE_DIFFERENT);
}

/* Rows */

static void
on_list_activate_cb (HlgProposalsPage *self,
                     guint             position,
                     GtkListView      *list_view)
{
  g_autoptr(HlgDocument) doc = g_list_model_get_item (G_LIST_MODEL (self->filter_model), position);

  if (doc != NULL)
    hlg_proposals_page_open (self, doc);
}

/* Editor */

static void
close_editor (HlgProposalsPage *self)
{
  if (self->editor == NULL)
    return;

  hlg_proposals_page_flush (self);
  gtk_box_remove (self->editor_box, GTK_WIDGET (self->editor));
  self->editor = NULL;
}

void
hlg_proposals_page_flush (HlgProposalsPage *self)
{
  g_autoptr(GError) error = NULL;

  g_return_if_fail (HLG_IS_PROPOSALS_PAGE (self));

  if (self->editor != NULL && !hlg_proposal_editor_flush (self->editor, &error))
    g_critical ("The proposal could not be saved: %s", error->message);
}

void
hlg_proposals_page_open (HlgProposalsPage *self,
                         HlgDocument      *proposal)
{
  GtkWidget *editor;

  g_return_if_fail (HLG_IS_PROPOSALS_PAGE (self));
  g_return_if_fail (HLG_IS_DOCUMENT (proposal));

  close_editor (self);
  editor = hlg_proposal_editor_new (hlg_page_get_store (HLG_PAGE (self)), proposal,
                                    hlg_page_get_role (HLG_PAGE (self)));
  gtk_widget_set_vexpand (editor, TRUE);
  gtk_box_append (self->editor_box, editor);
  self->editor = HLG_PROPOSAL_EDITOR (editor);
  gtk_stack_set_visible_child_name (self->stack, "editor");

  /* Start typing the title of a new proposal straight away. */
  if (hlg_proposal_editor_get_editable (self->editor))
    {
      GtkWidget *title = hlg_proposal_editor_get_field_widget (self->editor, "title");

      if (title != NULL)
        gtk_widget_grab_focus (title);
    }
}

void
hlg_proposals_page_show_list (HlgProposalsPage *self)
{
  g_return_if_fail (HLG_IS_PROPOSALS_PAGE (self));

  close_editor (self);
  gtk_stack_set_visible_child_name (self->stack, "list");
  /* Titles and statuses may have changed in the editor. */
  gtk_filter_changed (GTK_FILTER (self->filter), GTK_FILTER_CHANGE_DIFFERENT);
  gtk_sorter_changed (GTK_SORTER (self->sorter), GTK_SORTER_CHANGE_DIFFERENT);
  update_count (self);
}

static void
show_list_action (GtkWidget  *widget,
                  const char *action_name,
                  GVariant   *parameter)
{
  hlg_proposals_page_show_list (HLG_PROPOSALS_PAGE (widget));
}

/* The cycle a new proposal belongs to: this year's, or else the latest. */
static HlgDocument *
current_cycle (HlgProposalsPage *self)
{
  HlgStore *store = hlg_page_get_store (HLG_PAGE (self));
  GListModel *cycles = hlg_store_get_model (store, HLG_DOC_TYPE_CYCLE);
  g_autoptr(GDateTime) now = g_date_time_new_now_local ();
  HlgDocument *best = NULL;
  gint64 best_year = G_MININT64;

  for (guint i = 0; i < g_list_model_get_n_items (cycles); i++)
    {
      g_autoptr(HlgDocument) cycle = g_list_model_get_item (cycles, i);
      gint64 year = hlg_document_get_int (cycle, "year", 0);

      if (year == g_date_time_get_year (now))
        return cycle;
      if (year > best_year)
        {
          best_year = year;
          best = cycle;
        }
    }

  return best;
}

/**
 * hlg_proposals_page_new_proposal:
 *
 * Writes a new draft proposal in the current cycle and opens it.
 *
 * Returns: (transfer none) (nullable): the new proposal
 */
HlgDocument *
hlg_proposals_page_new_proposal (HlgProposalsPage  *self,
                                 GError           **error)
{
  g_autoptr(HlgDocument) doc = hlg_document_new (HLG_DOC_TYPE_PROPOSAL);
  HlgDocument *cycle = current_cycle (self);

  g_return_val_if_fail (HLG_IS_PROPOSALS_PAGE (self), NULL);

  if (!hlg_document_set_string (doc, "title", "", error) ||
      !hlg_document_set_string (doc, "kind", "project", error) ||
      !hlg_document_set_string (doc, "status", "draft", error) ||
      (cycle != NULL &&
       !hlg_document_set_string (doc, "cycle", hlg_document_get_id (cycle), error)) ||
      !hlg_store_save (hlg_page_get_store (HLG_PAGE (self)), doc, error))
    return NULL;

  hlg_proposals_page_open (self, doc);
  return doc;
}

HlgProposalEditor *
hlg_proposals_page_get_editor (HlgProposalsPage *self)
{
  g_return_val_if_fail (HLG_IS_PROPOSALS_PAGE (self), NULL);

  return self->editor;
}

/**
 * hlg_proposals_page_get_model:
 *
 * Returns: (transfer none): the proposals shown, filtered and sorted
 */
GListModel *
hlg_proposals_page_get_model (HlgProposalsPage *self)
{
  g_return_val_if_fail (HLG_IS_PROPOSALS_PAGE (self), NULL);

  return G_LIST_MODEL (self->filter_model);
}

static void
select_value (GtkDropDown        *dropdown,
              const char * const *values,
              const char         *value)
{
  int i = value ? index_of (values, value) : -1;

  gtk_drop_down_set_selected (dropdown, i == G_MAXINT ? 0 : (guint) (i + 1));
}

void
hlg_proposals_page_set_filter (HlgProposalsPage *self,
                               const char       *status,
                               const char       *kind,
                               const char       *focus_area)
{
  g_return_if_fail (HLG_IS_PROPOSALS_PAGE (self));

  select_value (self->status_dropdown, hlg_proposal_statuses, status);
  select_value (self->kind_dropdown, hlg_proposal_kinds, kind);
  select_value (self->focus_dropdown, hlg_focus_areas, focus_area);
}

/* GObject */

static void
fill_dropdown (GtkDropDown        *dropdown,
               const char         *any,
               const char * const *values)
{
  g_autoptr(GtkStringList) list = gtk_string_list_new (NULL);

  gtk_string_list_append (list, any);
  for (guint i = 0; values[i] != NULL; i++)
    gtk_string_list_append (list, hlg_labels_value (values[i]));
  gtk_drop_down_set_model (dropdown, G_LIST_MODEL (list));
}

static void
hlg_proposals_page_role_changed (HlgPage *page)
{
  HlgProposalsPage *self = HLG_PROPOSALS_PAGE (page);

  /* The Board and members read; they get no "New Proposal" that the server
   * would refuse, and an editor that only shows. */
  gtk_widget_set_visible (self->new_button, hlg_role_can (hlg_page_get_role (page), "new-proposal"));
  if (self->editor != NULL)
    hlg_proposal_editor_set_role (self->editor, hlg_page_get_role (page));
  if (self->filter != NULL)
    update_count (self);
}

static void
hlg_proposals_page_constructed (GObject *object)
{
  HlgProposalsPage *self = HLG_PROPOSALS_PAGE (object);
  HlgStore *store = hlg_page_get_store (HLG_PAGE (self));
  static const char * const sorts[] = { N_("Status"), N_("Title"), N_("Kind"), NULL };
  g_autoptr(GtkStringList) sort_list = gtk_string_list_new (NULL);
  GtkListItemFactory *factory;

  G_OBJECT_CLASS (hlg_proposals_page_parent_class)->constructed (object);

  fill_dropdown (self->status_dropdown, _("Any status"), hlg_proposal_statuses);
  fill_dropdown (self->kind_dropdown, _("Any kind"), hlg_proposal_kinds);
  fill_dropdown (self->focus_dropdown, _("Any focus area"), hlg_focus_areas);
  for (guint i = 0; sorts[i] != NULL; i++)
    gtk_string_list_append (sort_list, _(sorts[i]));
  gtk_drop_down_set_model (self->sort_dropdown, G_LIST_MODEL (sort_list));

  self->filter = gtk_custom_filter_new (filter_func, self, NULL);
  self->filtered_text = g_strdup (hlg_page_get_search_text (HLG_PAGE (self)) ?: "");
  self->sorter = gtk_custom_sorter_new (sort_func, self, NULL);
  /* Sorted first, then filtered: a new search filters the sorted list
   * again, without sorting 10,000 proposals at every key. */
  self->sort_model = gtk_sort_list_model_new (
    g_object_ref (hlg_store_get_model (store, HLG_DOC_TYPE_PROPOSAL)),
    g_object_ref (GTK_SORTER (self->sorter)));
  self->filter_model = gtk_filter_list_model_new (g_object_ref (G_LIST_MODEL (self->sort_model)),
                                                  g_object_ref (GTK_FILTER (self->filter)));

  /* The rows follow the positions they show, not the proposals: a new
   * search changes the rows' text instead of making new rows. */
  self->slots = hlg_slot_model_new (G_LIST_MODEL (self->filter_model));
  /* While nothing matches, the list is behind the "empty" page (update_count). */
  hlg_slot_model_set_keep_when_empty (self->slots, TRUE);
  self->selection = gtk_single_selection_new (g_object_ref (G_LIST_MODEL (self->slots)));
  gtk_single_selection_set_autoselect (self->selection, FALSE);
  gtk_single_selection_set_can_unselect (self->selection, TRUE);
  gtk_list_view_set_model (self->list_view, GTK_SELECTION_MODEL (self->selection));

  factory = hlg_proposal_row_factory_new (store);
  gtk_list_view_set_factory (self->list_view, factory);
  g_object_unref (factory);

  g_signal_connect_object (self->filter_model, "items-changed",
                           G_CALLBACK (on_items_changed_cb), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (self->sort_model, "items-changed",
                           G_CALLBACK (on_proposals_added_cb), self, G_CONNECT_SWAPPED);
  on_proposals_added_cb (self, 0, 0, g_list_model_get_n_items (G_LIST_MODEL (self->sort_model)));
  g_signal_connect_object (self->status_dropdown, "notify::selected",
                           G_CALLBACK (on_filter_changed_cb), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (self->kind_dropdown, "notify::selected",
                           G_CALLBACK (on_filter_changed_cb), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (self->focus_dropdown, "notify::selected",
                           G_CALLBACK (on_filter_changed_cb), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (self->sort_dropdown, "notify::selected",
                           G_CALLBACK (on_sort_changed_cb), self, G_CONNECT_SWAPPED);

  hlg_proposals_page_role_changed (HLG_PAGE (self));
}

static void
hlg_proposals_page_dispose (GObject *object)
{
  HlgProposalsPage *self = HLG_PROPOSALS_PAGE (object);

  close_editor (self);
  g_clear_handle_id (&self->warm_source, g_source_remove);
  if (self->list_view != NULL)
    gtk_list_view_set_model (self->list_view, NULL);
  /* The template's top widget is the bin's child: let it go before the template does. */
  adw_bin_set_child (ADW_BIN (self), NULL);
  gtk_widget_dispose_template (GTK_WIDGET (self), HLG_TYPE_PROPOSALS_PAGE);
  g_clear_object (&self->selection);
  g_clear_object (&self->slots);
  g_clear_object (&self->filter_model);
  g_clear_object (&self->sort_model);
  g_clear_object (&self->filter);
  g_clear_object (&self->sorter);
  g_clear_pointer (&self->filtered_text, g_free);

  G_OBJECT_CLASS (hlg_proposals_page_parent_class)->dispose (object);
}

/* A search matches the proposals whose text holds it: a search holding
 * the last one (a key typed) can only let proposals go, and one the last
 * one holds (a key deleted) only bring some back, so the filtered list
 * looks again at those alone. */
static GtkFilterChange
search_change (const char *before,
               const char *now)
{
  if (strstr (now, before) != NULL)
    return GTK_FILTER_CHANGE_MORE_STRICT;
  if (strstr (before, now) != NULL)
    return GTK_FILTER_CHANGE_LESS_STRICT;

  return GTK_FILTER_CHANGE_DIFFERENT;
}

static void
hlg_proposals_page_search_changed (HlgPage *page)
{
  HlgProposalsPage *self = HLG_PROPOSALS_PAGE (page);
  const char *text = hlg_page_get_search_text (page) ?: "";

  if (self->filter != NULL)
    {
      GtkFilterChange change = search_change (self->filtered_text ?: "", text);

      g_free (self->filtered_text);
      self->filtered_text = g_strdup (text);
      gtk_filter_changed (GTK_FILTER (self->filter), change);
      update_count (self);
    }
  if (self->editor != NULL)
    hlg_proposals_page_show_list (self);
}

static void
hlg_proposals_page_class_init (HlgProposalsPageClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);
  HlgPageClass *page_class = HLG_PAGE_CLASS (klass);

  object_class->constructed = hlg_proposals_page_constructed;
  object_class->dispose = hlg_proposals_page_dispose;


  page_class->fold_search_text = TRUE;
  page_class->search_changed = hlg_proposals_page_search_changed;
  page_class->role_changed = hlg_proposals_page_role_changed;

  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/org/unece/HLGMOS/hlg-proposals-page.ui");
  gtk_widget_class_bind_template_child (widget_class, HlgProposalsPage, new_button);
  gtk_widget_class_bind_template_child (widget_class, HlgProposalsPage, stack);
  gtk_widget_class_bind_template_child (widget_class, HlgProposalsPage, list_stack);
  gtk_widget_class_bind_template_child (widget_class, HlgProposalsPage, list_view);
  gtk_widget_class_bind_template_child (widget_class, HlgProposalsPage, count_label);
  gtk_widget_class_bind_template_child (widget_class, HlgProposalsPage, filter_button);
  gtk_widget_class_bind_template_child (widget_class, HlgProposalsPage, filter_content);
  gtk_widget_class_bind_template_child (widget_class, HlgProposalsPage, status_dropdown);
  gtk_widget_class_bind_template_child (widget_class, HlgProposalsPage, kind_dropdown);
  gtk_widget_class_bind_template_child (widget_class, HlgProposalsPage, focus_dropdown);
  gtk_widget_class_bind_template_child (widget_class, HlgProposalsPage, sort_dropdown);
  gtk_widget_class_bind_template_child (widget_class, HlgProposalsPage, empty_page);
  gtk_widget_class_bind_template_child (widget_class, HlgProposalsPage, editor_box);
  gtk_widget_class_bind_template_callback (widget_class, on_list_activate_cb);

  gtk_widget_class_install_action (widget_class, "proposals.show-list", NULL, show_list_action);
}

static void
hlg_proposals_page_init (HlgProposalsPage *self)
{
  if (haystack_quark == 0)
    {
      haystack_quark = g_quark_from_static_string ("hlg-proposals-page-haystack");
      title_key_quark = g_quark_from_static_string ("hlg-proposals-page-title-key");
    }
  gtk_widget_init_template (GTK_WIDGET (self));
}
