/* hlg-preferences-window.c: where work is kept and synced: locally, or a server and account
 * SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "hlg-preferences-window"

#include "config.h"

#include <glib/gi18n.h>

#include "hlg-preferences-window.h"

#define HAVE_CREDENTIALS 1
#include "hlg-credentials.h"

struct _HlgPreferencesWindow
{
  AdwPreferencesWindow  parent_instance;

  GtkSwitch            *local_switch;
  AdwPreferencesGroup  *server_group;
  AdwEntryRow          *server_row;
  AdwEntryRow          *account_row;
  AdwPasswordEntryRow  *password_row;
  GtkButton            *password_button;
  AdwActionRow         *interval_row;
  GtkSpinButton        *interval_spin;

  HlgApplication       *application;
  GSettings            *settings;
  gboolean              loading;
};

G_DEFINE_FINAL_TYPE (HlgPreferencesWindow, hlg_preferences_window, ADW_TYPE_PREFERENCES_WINDOW)

static void
set_string (HlgPreferencesWindow *self,
            const char           *key,
            const char           *value)
{
  if (!self->loading && hlg_application_has_setting (self->application, key))
    g_settings_set_string (self->settings, key, value);
}

static void
on_local_switch_changed_cb (HlgPreferencesWindow *self,
                            GParamSpec           *pspec,
                            GtkSwitch            *local_switch)
{
  gboolean local = gtk_switch_get_active (local_switch);

  gtk_widget_set_sensitive (GTK_WIDGET (self->server_group), !local);
  /* Working locally is the absence of a server; the address typed stays
   * in the field for when the switch goes back. */
  set_string (self, "server-url",
              local ? "" : gtk_editable_get_text (GTK_EDITABLE (self->server_row)));
}

static void
on_server_changed_cb (HlgPreferencesWindow *self,
                      AdwEntryRow          *row)
{
  if (!gtk_switch_get_active (self->local_switch))
    set_string (self, "server-url", gtk_editable_get_text (GTK_EDITABLE (row)));
}

static void
on_account_changed_cb (HlgPreferencesWindow *self,
                       AdwEntryRow          *row)
{
  set_string (self, "account-name", gtk_editable_get_text (GTK_EDITABLE (row)));
}

#if HAVE_CREDENTIALS
static void
on_password_stored_cb (GObject      *object,
                       GAsyncResult *result,
                       gpointer      user_data)
{
  g_autoptr(HlgPreferencesWindow) self = user_data;
  g_autoptr(GError) error = NULL;
  AdwToast *toast;

  if (hlg_credentials_store_finish (result, &error))
    {
      gtk_editable_set_text (GTK_EDITABLE (self->password_row), "");
      toast = adw_toast_new (_("The password is in the keyring"));
    }
  else
    toast = adw_toast_new (error->message);

  adw_preferences_window_add_toast (ADW_PREFERENCES_WINDOW (self), toast);
}
#endif

static void
on_password_keep_clicked_cb (HlgPreferencesWindow *self,
                             GtkButton            *button)
{
#if HAVE_CREDENTIALS
  const char *server = gtk_editable_get_text (GTK_EDITABLE (self->server_row));
  const char *account = gtk_editable_get_text (GTK_EDITABLE (self->account_row));
  const char *password = gtk_editable_get_text (GTK_EDITABLE (self->password_row));

  hlg_credentials_store_async (server, account, password, NULL,
                               on_password_stored_cb, g_object_ref (self));
#else
  adw_preferences_window_add_toast (ADW_PREFERENCES_WINDOW (self),
                                    adw_toast_new (_("This build cannot reach the keyring; "
                                                     "the password was not kept")));
#endif
}

static void
load_settings (HlgPreferencesWindow *self)
{
  g_autofree char *server = NULL;
  g_autofree char *account = NULL;

  self->loading = TRUE;

  if (hlg_application_has_setting (self->application, "server-url"))
    server = g_settings_get_string (self->settings, "server-url");
  if (hlg_application_has_setting (self->application, "account-name"))
    account = g_settings_get_string (self->settings, "account-name");

  gtk_editable_set_text (GTK_EDITABLE (self->server_row), server ? server : "");
  gtk_editable_set_text (GTK_EDITABLE (self->account_row), account ? account : "");
  gtk_switch_set_active (self->local_switch, server == NULL || server[0] == '\0');
  gtk_widget_set_sensitive (GTK_WIDGET (self->server_group),
                            !gtk_switch_get_active (self->local_switch));

  if (hlg_application_has_setting (self->application, "sync-interval"))
    g_settings_bind (self->settings, "sync-interval",
                     gtk_spin_button_get_adjustment (self->interval_spin), "value",
                     G_SETTINGS_BIND_DEFAULT);
  else
    gtk_widget_set_visible (GTK_WIDGET (self->interval_row), FALSE);

  if (self->settings == NULL)
    {
      gtk_widget_set_sensitive (GTK_WIDGET (self->local_switch), FALSE);
      gtk_widget_set_sensitive (GTK_WIDGET (self->server_group), FALSE);
    }

  self->loading = FALSE;
}

static void
hlg_preferences_window_dispose (GObject *object)
{
  HlgPreferencesWindow *self = HLG_PREFERENCES_WINDOW (object);

  gtk_widget_dispose_template (GTK_WIDGET (self), HLG_TYPE_PREFERENCES_WINDOW);
  g_clear_object (&self->settings);
  g_clear_object (&self->application);

  G_OBJECT_CLASS (hlg_preferences_window_parent_class)->dispose (object);
}

static void
hlg_preferences_window_class_init (HlgPreferencesWindowClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = hlg_preferences_window_dispose;

  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/org/unece/HLGMOS/hlg-preferences-window.ui");
  gtk_widget_class_bind_template_child (widget_class, HlgPreferencesWindow, local_switch);
  gtk_widget_class_bind_template_child (widget_class, HlgPreferencesWindow, server_group);
  gtk_widget_class_bind_template_child (widget_class, HlgPreferencesWindow, server_row);
  gtk_widget_class_bind_template_child (widget_class, HlgPreferencesWindow, account_row);
  gtk_widget_class_bind_template_child (widget_class, HlgPreferencesWindow, password_row);
  gtk_widget_class_bind_template_child (widget_class, HlgPreferencesWindow, password_button);
  gtk_widget_class_bind_template_child (widget_class, HlgPreferencesWindow, interval_row);
  gtk_widget_class_bind_template_child (widget_class, HlgPreferencesWindow, interval_spin);
  gtk_widget_class_bind_template_callback (widget_class, on_local_switch_changed_cb);
  gtk_widget_class_bind_template_callback (widget_class, on_server_changed_cb);
  gtk_widget_class_bind_template_callback (widget_class, on_account_changed_cb);
  gtk_widget_class_bind_template_callback (widget_class, on_password_keep_clicked_cb);
}

static void
hlg_preferences_window_init (HlgPreferencesWindow *self)
{
  self->loading = TRUE;
  gtk_widget_init_template (GTK_WIDGET (self));
}

HlgPreferencesWindow *
hlg_preferences_window_new (HlgApplication *application)
{
  HlgPreferencesWindow *self;
  GSettings *settings;

  g_return_val_if_fail (HLG_IS_APPLICATION (application), NULL);

  self = g_object_new (HLG_TYPE_PREFERENCES_WINDOW, NULL);
  self->application = g_object_ref (application);
  settings = hlg_application_get_settings (application);
  self->settings = settings ? g_object_ref (settings) : NULL;
  load_settings (self);

  return self;
}
