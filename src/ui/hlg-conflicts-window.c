/* hlg-conflicts-window.c: the documents in conflict, and one document's conflicts to resolve
 * SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "hlg-conflicts-window"

#include "config.h"

#include <glib/gi18n.h>

#include "hlg-conflicts-window.h"
#include "hlg-id.h"
#include "hlg-labels.h"

struct _HlgConflictsWindow
{
  AdwWindow        parent_instance;

  GtkButton       *back_button;
  AdwWindowTitle  *window_title;
  GtkStack        *stack;
  GtkListBox      *list_box;
  GtkBox          *view_box;

  HlgStore        *store;
  GtkStringList   *ids;   /* the documents in conflict */
  HlgConflictView *view;
};

G_DEFINE_FINAL_TYPE (HlgConflictsWindow, hlg_conflicts_window, ADW_TYPE_WINDOW)

enum {
  RESOLVED,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

static GtkWidget *
create_row_cb (gpointer item,
               gpointer user_data)
{
  HlgConflictsWindow *self = user_data;
  const char *id = gtk_string_object_get_string (item);
  HlgDocument *doc = hlg_store_lookup (self->store, id);
  JsonArray *records = hlg_store_get_conflicts (self->store, id);
  guint n = records ? json_array_get_length (records) : 0;
  GtkWidget *row = adw_action_row_new ();
  g_autofree char *title = g_markup_escape_text (doc ? hlg_document_get_title (doc) : id, -1);
  g_autofree char *subtitle = NULL;

  subtitle = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%s · %u field to choose",
                                           "%s · %u fields to choose", n),
                              doc ? hlg_labels_value (hlg_doc_type_to_name (hlg_document_get_doc_type (doc)))
                                  : "",
                              n);
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), title);
  adw_action_row_set_subtitle (ADW_ACTION_ROW (row), subtitle);
  adw_action_row_add_suffix (ADW_ACTION_ROW (row), gtk_image_new_from_icon_name ("go-next-symbolic"));
  gtk_list_box_row_set_activatable (GTK_LIST_BOX_ROW (row), TRUE);
  gtk_widget_set_name (row, id);

  return row;
}

static void
refresh (HlgConflictsWindow *self)
{
  g_autoptr(GPtrArray) ids = hlg_store_list_conflicts (self->store);
  guint n_old = g_list_model_get_n_items (G_LIST_MODEL (self->ids));

  g_ptr_array_add (ids, NULL);
  gtk_string_list_splice (self->ids, 0, n_old, (const char * const *) ids->pdata);

  if (g_strcmp0 (gtk_stack_get_visible_child_name (self->stack), "view") != 0)
    gtk_stack_set_visible_child_name (self->stack, ids->len > 1 ? "list" : "empty");
}

static void
on_conflicts_changed_cb (HlgConflictsWindow *self)
{
  refresh (self);
}

static void
close_view (HlgConflictsWindow *self)
{
  if (self->view == NULL)
    return;

  gtk_box_remove (self->view_box, GTK_WIDGET (self->view));
  self->view = NULL;
}

void
hlg_conflicts_window_show_list (HlgConflictsWindow *self)
{
  g_return_if_fail (HLG_IS_CONFLICTS_WINDOW (self));

  close_view (self);
  gtk_widget_set_visible (GTK_WIDGET (self->back_button), FALSE);
  adw_window_title_set_title (self->window_title, _("Conflicts"));
  adw_window_title_set_subtitle (self->window_title, NULL);
  gtk_stack_set_visible_child_name (self->stack, "list");
  refresh (self);
}

static void
on_resolved_cb (HlgConflictsWindow *self,
                HlgConflictView    *view)
{
  g_autoptr(HlgDocument) doc = g_object_ref (hlg_conflict_view_get_document (view));

  g_signal_emit (self, signals[RESOLVED], 0, doc);

  /* The last one resolved: nothing left to do here. */
  if (hlg_store_get_n_conflicts (self->store) == 0)
    gtk_window_close (GTK_WINDOW (self));
  else
    hlg_conflicts_window_show_list (self);
}

/**
 * hlg_conflicts_window_open:
 * @id: a document in conflict
 *
 * Returns: whether @id has conflicts to show
 */
gboolean
hlg_conflicts_window_open (HlgConflictsWindow *self,
                           const char         *id)
{
  HlgDocument *doc;
  GtkWidget *view;

  g_return_val_if_fail (HLG_IS_CONFLICTS_WINDOW (self), FALSE);

  doc = id != NULL ? hlg_store_lookup (self->store, id) : NULL;
  if (doc == NULL || !hlg_store_has_conflicts (self->store, id))
    return FALSE;

  close_view (self);
  view = hlg_conflict_view_new (self->store, doc);
  gtk_widget_set_vexpand (view, TRUE);
  g_signal_connect_object (view, "resolved", G_CALLBACK (on_resolved_cb), self,
                           G_CONNECT_SWAPPED | G_CONNECT_AFTER);
  gtk_box_append (self->view_box, view);
  self->view = HLG_CONFLICT_VIEW (view);

  gtk_widget_set_visible (GTK_WIDGET (self->back_button),
                          g_list_model_get_n_items (G_LIST_MODEL (self->ids)) > 1);
  adw_window_title_set_title (self->window_title, hlg_document_get_title (doc));
  adw_window_title_set_subtitle (self->window_title, _("Choose What to Keep"));
  gtk_stack_set_visible_child_name (self->stack, "view");

  return TRUE;
}

static void
on_row_activated_cb (HlgConflictsWindow *self,
                     GtkListBoxRow      *row)
{
  hlg_conflicts_window_open (self, gtk_widget_get_name (GTK_WIDGET (row)));
}

static void
show_list_action (GtkWidget  *widget,
                  const char *action_name,
                  GVariant   *parameter)
{
  hlg_conflicts_window_show_list (HLG_CONFLICTS_WINDOW (widget));
}

/**
 * hlg_conflicts_window_get_model:
 *
 * Returns: (transfer none): the IDs of the documents in conflict, as
 *   #GtkStringObjects
 */
GListModel *
hlg_conflicts_window_get_model (HlgConflictsWindow *self)
{
  g_return_val_if_fail (HLG_IS_CONFLICTS_WINDOW (self), NULL);

  return G_LIST_MODEL (self->ids);
}

/**
 * hlg_conflicts_window_get_view:
 *
 * Returns: (transfer none) (nullable): the document shown, if any
 */
HlgConflictView *
hlg_conflicts_window_get_view (HlgConflictsWindow *self)
{
  g_return_val_if_fail (HLG_IS_CONFLICTS_WINDOW (self), NULL);

  return self->view;
}

static void
hlg_conflicts_window_dispose (GObject *object)
{
  HlgConflictsWindow *self = HLG_CONFLICTS_WINDOW (object);

  if (self->list_box != NULL)
    gtk_list_box_bind_model (self->list_box, NULL, NULL, NULL, NULL);
  self->view = NULL;
  gtk_widget_dispose_template (GTK_WIDGET (self), HLG_TYPE_CONFLICTS_WINDOW);
  g_clear_object (&self->ids);
  g_clear_object (&self->store);

  G_OBJECT_CLASS (hlg_conflicts_window_parent_class)->dispose (object);
}

static void
hlg_conflicts_window_class_init (HlgConflictsWindowClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = hlg_conflicts_window_dispose;

  /**
   * HlgConflictsWindow::resolved:
   * @document: the document whose conflicts were resolved
   */
  signals[RESOLVED] = g_signal_new ("resolved", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                                    0, NULL, NULL, NULL, G_TYPE_NONE, 1, HLG_TYPE_DOCUMENT);

  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/org/unece/HLGMOS/hlg-conflicts-window.ui");
  gtk_widget_class_bind_template_child (widget_class, HlgConflictsWindow, back_button);
  gtk_widget_class_bind_template_child (widget_class, HlgConflictsWindow, window_title);
  gtk_widget_class_bind_template_child (widget_class, HlgConflictsWindow, stack);
  gtk_widget_class_bind_template_child (widget_class, HlgConflictsWindow, list_box);
  gtk_widget_class_bind_template_child (widget_class, HlgConflictsWindow, view_box);
  gtk_widget_class_bind_template_callback (widget_class, on_row_activated_cb);

  gtk_widget_class_install_action (widget_class, "conflicts.show-list", NULL, show_list_action);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Escape, 0, "window.close", NULL);
}

static void
hlg_conflicts_window_init (HlgConflictsWindow *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
  self->ids = gtk_string_list_new (NULL);
}

HlgConflictsWindow *
hlg_conflicts_window_new (HlgStore *store)
{
  HlgConflictsWindow *self;

  g_return_val_if_fail (HLG_IS_STORE (store), NULL);

  self = g_object_new (HLG_TYPE_CONFLICTS_WINDOW, NULL);
  self->store = g_object_ref (store);
  gtk_list_box_bind_model (self->list_box, G_LIST_MODEL (self->ids), create_row_cb, self, NULL);
  g_signal_connect_object (store, "notify::n-conflicts", G_CALLBACK (on_conflicts_changed_cb),
                           self, G_CONNECT_SWAPPED);
  refresh (self);

  return self;
}
