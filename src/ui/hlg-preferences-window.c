/* hlg-preferences-window.c: where work is kept and synced: locally, or a server and account
 * SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "hlg-preferences-window"

#include "config.h"

#include <glib/gi18n.h>

#include "hlg-preferences-window.h"
#include "hlg-sign-in-form.h"

/* Signing in and out go through the application, as from the welcome
 * page; this window only shows where the work goes and offers the way to
 * change it. */
struct _HlgPreferencesWindow
{
  AdwPreferencesWindow  parent_instance;

  /* template */
  AdwActionRow         *status_row;
  GtkImage             *status_icon;
  AdwActionRow         *sign_in_row;
  AdwActionRow         *sign_out_row;
  AdwPreferencesGroup  *sync_group;
  AdwActionRow         *interval_row;
  GtkSpinButton        *interval_spin;

  HlgApplication       *application;
  GSettings            *settings;
  HlgSignInForm        *form; /* weak: the subpage, while shown */
};

G_DEFINE_FINAL_TYPE (HlgPreferencesWindow, hlg_preferences_window, ADW_TYPE_PREFERENCES_WINDOW)

static char *
dup_setting (HlgPreferencesWindow *self,
             const char           *key)
{
  if (!hlg_application_has_setting (self->application, key))
    return g_strdup ("");

  return g_settings_get_string (self->settings, key);
}

static void
update_account (HlgPreferencesWindow *self)
{
  gboolean signed_in = hlg_application_has_server (self->application);
  g_autofree char *url = dup_setting (self, "server-url");
  g_autofree char *account = dup_setting (self, "account-name");

  if (signed_in)
    {
      /* Translators: %s is the account name, as “board” */
      g_autofree char *title = g_strdup_printf (_("Signed in as %s"), account);

      adw_preferences_row_set_title (ADW_PREFERENCES_ROW (self->status_row), title);
      adw_action_row_set_subtitle (self->status_row, url);
      gtk_image_set_from_icon_name (self->status_icon, "network-server-symbolic");
      adw_preferences_row_set_title (ADW_PREFERENCES_ROW (self->sign_in_row),
                                     _("Change Server, Account or _Password"));
    }
  else
    {
      adw_preferences_row_set_title (ADW_PREFERENCES_ROW (self->status_row),
                                     _("Working locally"));
      adw_action_row_set_subtitle (self->status_row,
                                   _("Everything stays on this computer; nothing is sent"));
      gtk_image_set_from_icon_name (self->status_icon, "computer-symbolic");
      adw_preferences_row_set_title (ADW_PREFERENCES_ROW (self->sign_in_row),
                                     _("_Sign In to a Server"));
    }

  gtk_widget_set_visible (GTK_WIDGET (self->sign_out_row), signed_in);
  gtk_widget_set_visible (GTK_WIDGET (self->sync_group),
                          signed_in && hlg_application_has_setting (self->application,
                                                                    "sync-interval"));
  gtk_widget_set_sensitive (GTK_WIDGET (self->sign_in_row), self->settings != NULL);
}

static void
close_form (HlgPreferencesWindow *self)
{
  if (self->form == NULL)
    return;

  g_clear_weak_pointer (&self->form);
  adw_preferences_window_close_subpage (ADW_PREFERENCES_WINDOW (self));
}

static void
on_signed_in_cb (HlgPreferencesWindow *self,
                 HlgSignInForm        *form)
{
  /* The status row above says who is signed in now. (No toast: libadwaita
   * 1.2 leaks one still shown when the window is closed.) */
  close_form (self);
}

static void
on_sign_in_row_activated_cb (HlgPreferencesWindow *self,
                             AdwActionRow         *row)
{
  g_autofree char *url = dup_setting (self, "server-url");
  g_autofree char *account = dup_setting (self, "account-name");
  HlgSignInForm *form = hlg_sign_in_form_new (self->application);

  hlg_sign_in_form_set_fields (form, url, account, NULL);
  g_signal_connect_object (form, "signed-in", G_CALLBACK (on_signed_in_cb), self,
                           G_CONNECT_SWAPPED);
  g_signal_connect_object (form, "back", G_CALLBACK (close_form), self, G_CONNECT_SWAPPED);
  g_set_weak_pointer (&self->form, form);
  adw_preferences_window_present_subpage (ADW_PREFERENCES_WINDOW (self), GTK_WIDGET (form));
  gtk_widget_grab_focus (GTK_WIDGET (form));
}

static void
sign_out_action (GtkWidget  *widget,
                 const char *action_name,
                 GVariant   *parameter)
{
  HlgPreferencesWindow *self = HLG_PREFERENCES_WINDOW (widget);

  hlg_application_confirm_sign_out (self->application, GTK_WINDOW (self));
}

static void
hlg_preferences_window_dispose (GObject *object)
{
  HlgPreferencesWindow *self = HLG_PREFERENCES_WINDOW (object);

  g_clear_weak_pointer (&self->form);
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
  gtk_widget_class_bind_template_child (widget_class, HlgPreferencesWindow, status_row);
  gtk_widget_class_bind_template_child (widget_class, HlgPreferencesWindow, status_icon);
  gtk_widget_class_bind_template_child (widget_class, HlgPreferencesWindow, sign_in_row);
  gtk_widget_class_bind_template_child (widget_class, HlgPreferencesWindow, sign_out_row);
  gtk_widget_class_bind_template_child (widget_class, HlgPreferencesWindow, sync_group);
  gtk_widget_class_bind_template_child (widget_class, HlgPreferencesWindow, interval_row);
  gtk_widget_class_bind_template_child (widget_class, HlgPreferencesWindow, interval_spin);
  gtk_widget_class_bind_template_callback (widget_class, on_sign_in_row_activated_cb);

  gtk_widget_class_install_action (widget_class, "prefs.sign-out", NULL, sign_out_action);
}

static void
hlg_preferences_window_init (HlgPreferencesWindow *self)
{
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

  if (hlg_application_has_setting (application, "sync-interval"))
    g_settings_bind (self->settings, "sync-interval",
                     gtk_spin_button_get_adjustment (self->interval_spin), "value",
                     G_SETTINGS_BIND_DEFAULT);
  if (self->settings != NULL)
    g_signal_connect_object (self->settings, "changed::server-url",
                             G_CALLBACK (update_account), self, G_CONNECT_SWAPPED);
  update_account (self);

  return self;
}

/**
 * hlg_preferences_window_show_sign_in:
 *
 * Shows the form to sign in (or in again), as the row does.
 *
 * Returns: (transfer none): the form
 */
HlgSignInForm *
hlg_preferences_window_show_sign_in (HlgPreferencesWindow *self)
{
  g_return_val_if_fail (HLG_IS_PREFERENCES_WINDOW (self), NULL);

  if (self->form == NULL)
    on_sign_in_row_activated_cb (self, self->sign_in_row);

  return self->form;
}
