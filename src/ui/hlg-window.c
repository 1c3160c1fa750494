/* hlg-window.c: the main window
 * SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "hlg-window"

#include "config.h"

#include <glib/gi18n.h>

#include "hlg-window.h"

struct _HlgWindow
{
  AdwApplicationWindow  parent_instance;

  AdwToastOverlay      *toast_overlay;
  AdwStatusPage        *status_page;
  GCancellable         *cancellable;
};

G_DEFINE_FINAL_TYPE (HlgWindow, hlg_window, ADW_TYPE_APPLICATION_WINDOW)

static void
show_counts (HlgWindow *self,
             HlgStore  *store)
{
  g_autofree char *description = NULL;
  guint n = hlg_store_get_n_documents (store);

  description = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%u document in this folder",
                                              "%u documents in this folder", n), n);
  adw_status_page_set_description (self->status_page, description);
}

static void
on_store_loaded_cb (GObject      *object,
                    GAsyncResult *result,
                    gpointer      user_data)
{
  HlgStore *store = HLG_STORE (object);
  g_autoptr(HlgWindow) self = user_data;
  g_autoptr(GError) error = NULL;
  GPtrArray *quarantined;

  if (!hlg_store_load_finish (store, result, &error))
    {
      if (!g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        adw_toast_overlay_add_toast (self->toast_overlay, adw_toast_new (error->message));
      return;
    }

  show_counts (self, store);

  quarantined = hlg_store_get_quarantined (store);
  if (quarantined->len > 0)
    {
      g_autofree char *title = g_strdup_printf (
        g_dngettext (GETTEXT_PACKAGE, "%u unreadable file was set aside in quarantine",
                     "%u unreadable files were set aside in quarantine", quarantined->len),
        quarantined->len);

      adw_toast_overlay_add_toast (self->toast_overlay, adw_toast_new (title));
    }
}

static void
hlg_window_constructed (GObject *object)
{
  HlgWindow *self = HLG_WINDOW (object);
  HlgApplication *app;
  HlgStore *store;

  G_OBJECT_CLASS (hlg_window_parent_class)->constructed (object);

  app = HLG_APPLICATION (gtk_window_get_application (GTK_WINDOW (self)));
  store = hlg_application_get_store (app);
  if (hlg_store_is_loaded (store))
    show_counts (self, store);
  else
    hlg_store_load_async (store, self->cancellable, on_store_loaded_cb, g_object_ref (self));
}

static void
hlg_window_dispose (GObject *object)
{
  HlgWindow *self = HLG_WINDOW (object);

  g_cancellable_cancel (self->cancellable);
  g_clear_object (&self->cancellable);

  G_OBJECT_CLASS (hlg_window_parent_class)->dispose (object);
}

static void
hlg_window_class_init (HlgWindowClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->constructed = hlg_window_constructed;
  object_class->dispose = hlg_window_dispose;

  gtk_widget_class_set_template_from_resource (widget_class, "/org/unece/HLGMOS/hlg-window.ui");
  gtk_widget_class_bind_template_child (widget_class, HlgWindow, toast_overlay);
  gtk_widget_class_bind_template_child (widget_class, HlgWindow, status_page);
}

static void
hlg_window_init (HlgWindow *self)
{
  self->cancellable = g_cancellable_new ();
  gtk_widget_init_template (GTK_WIDGET (self));
}

HlgWindow *
hlg_window_new (HlgApplication *application)
{
  return g_object_new (HLG_TYPE_WINDOW, "application", application, NULL);
}
