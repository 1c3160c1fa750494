/* hlg-proposal-row.c: one proposal in the list: title, status, kind, lead, focus areas, warnings
 * SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "hlg-proposal-row"

#include "config.h"

#include <glib/gi18n.h>

#include "hlg-labels.h"
#include "hlg-proposal-row.h"
#include "hlg-rules.h"
#include "hlg-slot.h"

struct _HlgProposalRow
{
  GtkWidget    parent_instance;

  GtkLabel    *title_label;
  GtkLabel    *subtitle_label;
  GtkLabel    *focus_label;
  GtkWidget   *warning_icon;
  GtkLabel    *warning_label;
  GtkLabel    *status_label;

  HlgStore    *store;
  HlgDocument *document;
  gulong       changed_handler;
  char        *status_class;
  char        *warnings_text;
  guint        n_warnings;
  gboolean     stale;
};

G_DEFINE_FINAL_TYPE (HlgProposalRow, hlg_proposal_row, GTK_TYPE_WIDGET)

/**
 * hlg_proposal_check_rules:
 *
 * Returns: (transfer full) (element-type HlgWarning): the warnings of
 *   the domain rules for @proposal, against its cycle, now
 */
GPtrArray *
hlg_proposal_check_rules (HlgStore    *store,
                          HlgDocument *proposal)
{
  /* One "now" for all the rows made within a second: asking for the
   * local time zone reads /etc/localtime, and a list makes 200 rows. */
  static GDateTime *now;
  static gint64 now_taken_at;
  gint64 monotonic = g_get_monotonic_time ();
  HlgDocument *cycle = hlg_store_lookup (store, hlg_document_get_string (proposal, "cycle"));

  if (now == NULL || monotonic - now_taken_at > G_USEC_PER_SEC)
    {
      g_clear_pointer (&now, g_date_time_unref);
      now = g_date_time_new_now_local ();
      now_taken_at = monotonic;
    }

  return hlg_rules_check_proposal (proposal, cycle, now);
}

static void
update (HlgProposalRow *self)
{
  g_autoptr(GString) subtitle = g_string_new (NULL);
  g_autoptr(GString) focus = g_string_new (NULL);
  g_autoptr(GPtrArray) warnings = NULL;
  const char *status;
  const char *lead_id;
  HlgDocument *lead;
  JsonArray *areas;

  if (self->status_class != NULL)
    gtk_widget_remove_css_class (GTK_WIDGET (self->status_label), self->status_class);
  g_clear_pointer (&self->status_class, g_free);
  g_clear_pointer (&self->warnings_text, g_free);

  if (self->document == NULL)
    return;

  gtk_label_set_label (self->title_label, hlg_document_get_string (self->document, "title")
                                          ? hlg_document_get_string (self->document, "title")
                                          : _("Untitled proposal"));

  g_string_append (subtitle, hlg_labels_value (hlg_document_get_string (self->document, "kind")));
  lead_id = hlg_document_get_string (self->document, "lead_organisation");
  lead = lead_id ? hlg_store_lookup (self->store, lead_id) : NULL;
  g_string_append (subtitle, " · ");
  g_string_append (subtitle, lead ? hlg_document_get_title (lead) : _("No lead organisation yet"));
  gtk_label_set_label (self->subtitle_label, subtitle->str);

  areas = hlg_document_get_array (self->document, "focus_areas");
  for (guint i = 0; areas != NULL && i < json_array_get_length (areas); i++)
    {
      if (focus->len > 0)
        g_string_append (focus, " · ");
      g_string_append (focus, hlg_labels_value (json_array_get_string_element (areas, i)));
    }
  gtk_label_set_label (self->focus_label, focus->str);
  gtk_widget_set_visible (GTK_WIDGET (self->focus_label), focus->len > 0);

  status = hlg_document_get_string (self->document, "status");
  gtk_label_set_label (self->status_label, hlg_labels_value (status ? status : "draft"));
  self->status_class = g_strconcat ("hlg-status-", status ? status : "draft", NULL);
  gtk_widget_add_css_class (GTK_WIDGET (self->status_label), self->status_class);

  warnings = hlg_proposal_check_rules (self->store, self->document);
  self->n_warnings = warnings->len;
  gtk_widget_set_visible (self->warning_icon, warnings->len > 0);
  gtk_widget_set_visible (GTK_WIDGET (self->warning_label), warnings->len > 0);
  if (warnings->len > 0)
    {
      g_autoptr(GString) tooltip = g_string_new (NULL);
      g_autofree char *count = g_strdup_printf ("%u", warnings->len);
      g_autofree char *label = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%u warning",
                                                             "%u warnings", warnings->len),
                                                warnings->len);

      for (guint i = 0; i < warnings->len; i++)
        {
          HlgWarning *w = g_ptr_array_index (warnings, i);

          g_string_append_printf (tooltip, "%s%s", i > 0 ? "\n" : "", w->message);
        }
      gtk_label_set_label (self->warning_label, count);
      gtk_accessible_update_property (GTK_ACCESSIBLE (self->warning_label),
                                      GTK_ACCESSIBLE_PROPERTY_LABEL, label,
                                      GTK_ACCESSIBLE_PROPERTY_DESCRIPTION, tooltip->str,
                                      -1);
      self->warnings_text = g_string_free (g_steal_pointer (&tooltip), FALSE);
    }
}

/* The warnings' tooltip is asked for when the pointer rests on them:
 * setting a tooltip's text makes GTK look for the pointer, a round trip
 * to the display for every row bound while scrolling or filtering. */
static gboolean
on_warning_query_tooltip_cb (HlgProposalRow *self,
                             int             x,
                             int             y,
                             gboolean        keyboard_mode,
                             GtkTooltip     *tooltip)
{
  if (self->warnings_text == NULL)
    return FALSE;

  gtk_tooltip_set_text (tooltip, self->warnings_text);
  return TRUE;
}

/* A list view of GTK 4.8 keeps about 200 rows, most of them out of
 * sight and unmapped: those show their proposal once they come into
 * sight, so a new search re-measures a dozen rows, not 200. */
static void
update_when_seen (HlgProposalRow *self)
{
  self->stale = !gtk_widget_get_mapped (GTK_WIDGET (self));
  if (!self->stale)
    update (self);
}

static void
ensure_updated (HlgProposalRow *self)
{
  if (self->stale)
    {
      self->stale = FALSE;
      update (self);
    }
}

static void
on_document_changed_cb (HlgProposalRow *self,
                        HlgDocument    *document)
{
  update_when_seen (self);
}

void
hlg_proposal_row_set_document (HlgProposalRow *self,
                               HlgDocument    *document)
{
  g_return_if_fail (HLG_IS_PROPOSAL_ROW (self));
  g_return_if_fail (document == NULL || HLG_IS_DOCUMENT (document));

  if (self->document == document)
    return;

  if (self->document != NULL)
    g_clear_signal_handler (&self->changed_handler, self->document);
  g_set_object (&self->document, document);
  if (document != NULL)
    self->changed_handler = g_signal_connect_swapped (document, "changed",
                                                      G_CALLBACK (on_document_changed_cb), self);
  update_when_seen (self);
}

/**
 * hlg_proposal_row_get_title:
 *
 * Returns: the title the row shows now
 */
const char *
hlg_proposal_row_get_title (HlgProposalRow *self)
{
  g_return_val_if_fail (HLG_IS_PROPOSAL_ROW (self), NULL);

  ensure_updated (self);
  return gtk_label_get_label (self->title_label);
}

HlgDocument *
hlg_proposal_row_get_document (HlgProposalRow *self)
{
  g_return_val_if_fail (HLG_IS_PROPOSAL_ROW (self), NULL);

  return self->document;
}

guint
hlg_proposal_row_get_n_warnings (HlgProposalRow *self)
{
  g_return_val_if_fail (HLG_IS_PROPOSAL_ROW (self), 0);

  ensure_updated (self);
  return self->n_warnings;
}

/**
 * hlg_proposal_row_get_warnings_text:
 *
 * Returns: (nullable): the warnings, one a line, as their tooltip shows them
 */
const char *
hlg_proposal_row_get_warnings_text (HlgProposalRow *self)
{
  g_return_val_if_fail (HLG_IS_PROPOSAL_ROW (self), NULL);

  ensure_updated (self);
  return self->warnings_text;
}

static void
hlg_proposal_row_map (GtkWidget *widget)
{
  ensure_updated (HLG_PROPOSAL_ROW (widget));

  GTK_WIDGET_CLASS (hlg_proposal_row_parent_class)->map (widget);
}

static void
hlg_proposal_row_dispose (GObject *object)
{
  HlgProposalRow *self = HLG_PROPOSAL_ROW (object);

  hlg_proposal_row_set_document (self, NULL);
  gtk_widget_dispose_template (GTK_WIDGET (self), HLG_TYPE_PROPOSAL_ROW);
  g_clear_object (&self->store);
  g_clear_pointer (&self->status_class, g_free);
  g_clear_pointer (&self->warnings_text, g_free);

  G_OBJECT_CLASS (hlg_proposal_row_parent_class)->dispose (object);
}

static void
hlg_proposal_row_class_init (HlgProposalRowClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = hlg_proposal_row_dispose;

  widget_class->map = hlg_proposal_row_map;

  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/org/unece/HLGMOS/hlg-proposal-row.ui");
  gtk_widget_class_bind_template_child (widget_class, HlgProposalRow, title_label);
  gtk_widget_class_bind_template_child (widget_class, HlgProposalRow, subtitle_label);
  gtk_widget_class_bind_template_child (widget_class, HlgProposalRow, focus_label);
  gtk_widget_class_bind_template_child (widget_class, HlgProposalRow, warning_icon);
  gtk_widget_class_bind_template_child (widget_class, HlgProposalRow, warning_label);
  gtk_widget_class_bind_template_child (widget_class, HlgProposalRow, status_label);
  gtk_widget_class_bind_template_callback (widget_class, on_warning_query_tooltip_cb);
}

static void
hlg_proposal_row_init (HlgProposalRow *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
}

/* Rows */

static void
on_slot_item_cb (GtkListItem *list_item,
                 GParamSpec  *pspec,
                 HlgSlot     *slot)
{
  hlg_proposal_row_set_document (HLG_PROPOSAL_ROW (gtk_list_item_get_child (list_item)),
                                 hlg_slot_get_item (slot));
}

static void
setup_row_cb (GtkSignalListItemFactory *factory,
              GtkListItem              *list_item,
              HlgStore                 *store)
{
  gtk_list_item_set_child (list_item, hlg_proposal_row_new (store));
}

static void
bind_row_cb (GtkSignalListItemFactory *factory,
             GtkListItem              *list_item,
             HlgStore                 *store)
{
  HlgSlot *slot = gtk_list_item_get_item (list_item);

  g_signal_connect_object (slot, "notify::item", G_CALLBACK (on_slot_item_cb), list_item,
                           G_CONNECT_SWAPPED);
  on_slot_item_cb (list_item, NULL, slot);
}

static void
unbind_row_cb (GtkSignalListItemFactory *factory,
               GtkListItem              *list_item,
               HlgStore                 *store)
{
  g_signal_handlers_disconnect_by_func (gtk_list_item_get_item (list_item), on_slot_item_cb,
                                        list_item);
  hlg_proposal_row_set_document (HLG_PROPOSAL_ROW (gtk_list_item_get_child (list_item)), NULL);
}

/**
 * hlg_proposal_row_factory_new:
 *
 * The rows of a list view of proposals shown through a HlgSlotModel: each
 * row follows its slot's proposal.
 *
 * Returns: (transfer full): a factory of HlgProposalRow
 */
GtkListItemFactory *
hlg_proposal_row_factory_new (HlgStore *store)
{
  GtkListItemFactory *factory;

  g_return_val_if_fail (HLG_IS_STORE (store), NULL);

  factory = gtk_signal_list_item_factory_new ();
  g_signal_connect_data (factory, "setup", G_CALLBACK (setup_row_cb), g_object_ref (store),
                         (GClosureNotify) g_object_unref, 0);
  g_signal_connect (factory, "bind", G_CALLBACK (bind_row_cb), store);
  g_signal_connect (factory, "unbind", G_CALLBACK (unbind_row_cb), store);

  return factory;
}

GtkWidget *
hlg_proposal_row_new (HlgStore *store)
{
  HlgProposalRow *self;

  g_return_val_if_fail (HLG_IS_STORE (store), NULL);

  self = g_object_new (HLG_TYPE_PROPOSAL_ROW, NULL);
  self->store = g_object_ref (store);

  return GTK_WIDGET (self);
}
