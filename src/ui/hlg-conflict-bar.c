/* hlg-conflict-bar.c: a bar over a form saying its document is in conflict, with "Resolve…"
 * SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "hlg-conflict-bar"

#include "config.h"

#include <glib/gi18n.h>

#include "hlg-conflict-bar.h"

/* libadwaita 1.2 has no AdwBanner: a revealer styled as one. */
struct _HlgConflictBar
{
  GtkWidget    parent_instance;

  GtkRevealer *revealer;
  GtkLabel    *label;
  GtkButton   *resolve_button;

  HlgStore    *store;
  char        *id;
};

G_DEFINE_FINAL_TYPE (HlgConflictBar, hlg_conflict_bar, GTK_TYPE_WIDGET)

static void
update (HlgConflictBar *self)
{
  JsonArray *records = NULL;
  guint n;
  g_autofree char *text = NULL;

  if (self->store != NULL && self->id != NULL && hlg_store_has_conflicts (self->store, self->id))
    records = hlg_store_get_conflicts (self->store, self->id);

  n = records != NULL ? json_array_get_length (records) : 0;
  if (n > 0)
    {
      text = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
                                           "Someone else changed %u field of this document too. "
                                           "Both versions are kept until you choose.",
                                           "Someone else changed %u fields of this document too. "
                                           "Both versions are kept until you choose.", n),
                              n);
      gtk_label_set_label (self->label, text);
    }
  gtk_revealer_set_reveal_child (self->revealer, n > 0);
  gtk_widget_set_visible (GTK_WIDGET (self), n > 0);
}

static void
on_conflicts_changed_cb (HlgConflictBar *self)
{
  update (self);
}

/**
 * hlg_conflict_bar_set_document:
 * @id: (nullable): the document the form shows
 */
void
hlg_conflict_bar_set_document (HlgConflictBar *self,
                               HlgStore       *store,
                               const char     *id)
{
  g_return_if_fail (HLG_IS_CONFLICT_BAR (self));
  g_return_if_fail (store == NULL || HLG_IS_STORE (store));

  if (self->store != NULL)
    g_signal_handlers_disconnect_by_func (self->store, on_conflicts_changed_cb, self);
  g_set_object (&self->store, store);
  g_free (self->id);
  self->id = g_strdup (id);
  if (self->store != NULL)
    g_signal_connect_object (self->store, "notify::n-conflicts",
                             G_CALLBACK (on_conflicts_changed_cb), self, G_CONNECT_SWAPPED);

  gtk_actionable_set_action_target_value (GTK_ACTIONABLE (self->resolve_button),
                                          g_variant_new_string (id ? id : ""));
  gtk_actionable_set_action_name (GTK_ACTIONABLE (self->resolve_button), "win.resolve-conflicts");
  update (self);
}

gboolean
hlg_conflict_bar_get_revealed (HlgConflictBar *self)
{
  g_return_val_if_fail (HLG_IS_CONFLICT_BAR (self), FALSE);

  return gtk_revealer_get_reveal_child (self->revealer);
}

static void
hlg_conflict_bar_dispose (GObject *object)
{
  HlgConflictBar *self = HLG_CONFLICT_BAR (object);

  if (self->store != NULL)
    g_signal_handlers_disconnect_by_func (self->store, on_conflicts_changed_cb, self);
  g_clear_object (&self->store);
  g_clear_pointer (&self->id, g_free);
  gtk_widget_dispose_template (GTK_WIDGET (self), HLG_TYPE_CONFLICT_BAR);
  {
    GtkWidget *child;

    while ((child = gtk_widget_get_first_child (GTK_WIDGET (self))) != NULL)
      gtk_widget_unparent (child);
  }

  G_OBJECT_CLASS (hlg_conflict_bar_parent_class)->dispose (object);
}

static void
hlg_conflict_bar_class_init (HlgConflictBarClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = hlg_conflict_bar_dispose;

  gtk_widget_class_set_layout_manager_type (widget_class, GTK_TYPE_BIN_LAYOUT);
  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/org/unece/HLGMOS/hlg-conflict-bar.ui");
  gtk_widget_class_bind_template_child (widget_class, HlgConflictBar, revealer);
  gtk_widget_class_bind_template_child (widget_class, HlgConflictBar, label);
  gtk_widget_class_bind_template_child (widget_class, HlgConflictBar, resolve_button);
}

static void
hlg_conflict_bar_init (HlgConflictBar *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
  gtk_widget_set_visible (GTK_WIDGET (self), FALSE);
}
