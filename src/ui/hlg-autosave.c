/* hlg-autosave.c: writes a document an editor changes a moment after the last change
 * SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "hlg-autosave"

#include "config.h"

#include <glib/gi18n.h>

#include "hlg-autosave.h"
#include "hlg-window.h"

#define SAVE_DELAY_MS 500

struct _HlgAutosave
{
  GObject      parent_instance;

  GtkWidget   *editor;  /* unowned: the editor owns us */
  GtkLabel    *label;   /* unowned: in the editor's template */
  HlgStore    *store;
  HlgDocument *document;
  guint        save_source;
  guint        dirty : 1;
};

G_DEFINE_FINAL_TYPE (HlgAutosave, hlg_autosave, G_TYPE_OBJECT)

/**
 * hlg_report_error:
 *
 * Shows @error in the window that holds @widget, or logs it when @widget is in none.
 */
void
hlg_report_error (GtkWidget    *widget,
                  const GError *error)
{
  GtkRoot *root;

  g_return_if_fail (GTK_IS_WIDGET (widget));
  g_return_if_fail (error != NULL);

  root = gtk_widget_get_root (widget);
  if (HLG_IS_WINDOW (root))
    hlg_window_add_error (HLG_WINDOW (root), error);
  else
    g_warning ("%s", error->message);
}

static gboolean
save_timeout_cb (gpointer data)
{
  HlgAutosave *self = data;
  g_autoptr(GError) error = NULL;

  self->save_source = 0;
  if (!hlg_autosave_flush (self, &error))
    hlg_report_error (self->editor, error);

  return G_SOURCE_REMOVE;
}

static void
hlg_autosave_dispose (GObject *object)
{
  HlgAutosave *self = HLG_AUTOSAVE (object);

  g_clear_handle_id (&self->save_source, g_source_remove);
  g_clear_object (&self->document);
  g_clear_object (&self->store);

  G_OBJECT_CLASS (hlg_autosave_parent_class)->dispose (object);
}

static void
hlg_autosave_class_init (HlgAutosaveClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->dispose = hlg_autosave_dispose;
}

static void
hlg_autosave_init (HlgAutosave *self)
{
}

/**
 * hlg_autosave_new:
 * @editor: the widget that edits @document, to show errors in its window
 * @label: where "Saving…", "Saved" and "Not saved" are shown
 *
 * Returns: (transfer full): an autosave with nothing to save yet
 */
HlgAutosave *
hlg_autosave_new (GtkWidget   *editor,
                  GtkLabel    *label,
                  HlgStore    *store,
                  HlgDocument *document)
{
  HlgAutosave *self;

  g_return_val_if_fail (GTK_IS_WIDGET (editor), NULL);
  g_return_val_if_fail (GTK_IS_LABEL (label), NULL);
  g_return_val_if_fail (HLG_IS_STORE (store), NULL);
  g_return_val_if_fail (HLG_IS_DOCUMENT (document), NULL);

  self = g_object_new (HLG_TYPE_AUTOSAVE, NULL);
  self->editor = editor;
  self->label = label;
  self->store = g_object_ref (store);
  self->document = g_object_ref (document);

  return self;
}

/* The document changed: save it once the changes pause. */
void
hlg_autosave_changed (HlgAutosave *self)
{
  g_return_if_fail (HLG_IS_AUTOSAVE (self));

  self->dirty = TRUE;
  gtk_label_set_label (self->label, _("Saving…"));
  g_clear_handle_id (&self->save_source, g_source_remove);
  self->save_source = g_timeout_add (SAVE_DELAY_MS, save_timeout_cb, self);
}

/* The next flush saves, whatever the label says. */
void
hlg_autosave_set_dirty (HlgAutosave *self)
{
  g_return_if_fail (HLG_IS_AUTOSAVE (self));

  self->dirty = TRUE;
}

gboolean
hlg_autosave_flush (HlgAutosave  *self,
                    GError      **error)
{
  g_return_val_if_fail (HLG_IS_AUTOSAVE (self), FALSE);

  g_clear_handle_id (&self->save_source, g_source_remove);
  if (!self->dirty || self->document == NULL)
    return TRUE;

  if (!hlg_store_save (self->store, self->document, error))
    {
      gtk_label_set_label (self->label, _("Not saved"));
      return FALSE;
    }

  self->dirty = FALSE;
  gtk_label_set_label (self->label, _("Saved"));
  return TRUE;
}

/* The editor goes: whatever was typed last is written first. */
void
hlg_autosave_close (HlgAutosave *self)
{
  g_autoptr(GError) error = NULL;

  g_return_if_fail (HLG_IS_AUTOSAVE (self));

  if (self->document != NULL && !hlg_autosave_flush (self, &error))
    g_critical ("Could not save %s while closing: %s",
                hlg_document_get_id (self->document), error->message);
  g_clear_object (&self->document);
}
