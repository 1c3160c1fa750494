/* hlg-application.c: the HLG-MOS application
 * SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "hlg-application"

#include "config.h"

#include <glib/gi18n.h>

#include "hlg-application.h"
#include "hlg-window.h"

struct _HlgApplication
{
  AdwApplication  parent_instance;

  HlgStore       *store;
};

G_DEFINE_FINAL_TYPE (HlgApplication, hlg_application, ADW_TYPE_APPLICATION)

static void
hlg_application_startup (GApplication *app)
{
  HlgApplication *self = HLG_APPLICATION (app);
  g_autofree char *path = hlg_store_default_path ("local");

  G_APPLICATION_CLASS (hlg_application_parent_class)->startup (app);

  self->store = hlg_store_new (path);
}

static void
hlg_application_activate (GApplication *app)
{
  HlgApplication *self = HLG_APPLICATION (app);
  GtkWindow *window = gtk_application_get_active_window (GTK_APPLICATION (app));

  if (window == NULL)
    window = GTK_WINDOW (hlg_window_new (self));

  gtk_window_present (window);
}

static void
hlg_application_shutdown (GApplication *app)
{
  HlgApplication *self = HLG_APPLICATION (app);

  G_APPLICATION_CLASS (hlg_application_parent_class)->shutdown (app);

  g_clear_object (&self->store);
}

static void
quit_action (GSimpleAction *action,
             GVariant      *parameter,
             gpointer       user_data)
{
  g_application_quit (G_APPLICATION (user_data));
}

static void
about_action (GSimpleAction *action,
              GVariant      *parameter,
              gpointer       user_data)
{
  GtkApplication *app = GTK_APPLICATION (user_data);
  static const char *developers[] = { "HLG-MOS desktop contributors", NULL };

  adw_show_about_window (gtk_application_get_active_window (app),
                         "application-name", _("HLG-MOS"),
                         "application-icon", APP_ID,
                         "developer-name", _("HLG-MOS desktop contributors"),
                         "version", PACKAGE_VERSION,
                         "comments", _("Run the annual cycle of the High-Level Group for the "
                                       "Modernisation of Official Statistics"),
                         "license-type", GTK_LICENSE_GPL_3_0,
                         "developers", developers,
                         NULL);
}

static const GActionEntry app_actions[] = {
  { "quit", quit_action },
  { "about", about_action },
};

static void
hlg_application_class_init (HlgApplicationClass *klass)
{
  GApplicationClass *app_class = G_APPLICATION_CLASS (klass);

  app_class->startup = hlg_application_startup;
  app_class->activate = hlg_application_activate;
  app_class->shutdown = hlg_application_shutdown;
}

static void
hlg_application_init (HlgApplication *self)
{
  static const char *quit_accels[] = { "<Control>q", NULL };

  g_action_map_add_action_entries (G_ACTION_MAP (self), app_actions,
                                   G_N_ELEMENTS (app_actions), self);
  gtk_application_set_accels_for_action (GTK_APPLICATION (self), "app.quit", quit_accels);
}

HlgApplication *
hlg_application_new (void)
{
  return g_object_new (HLG_TYPE_APPLICATION,
                       "application-id", APP_ID,
                       "resource-base-path", "/org/unece/HLGMOS",
                       "flags", G_APPLICATION_DEFAULT_FLAGS,
                       NULL);
}

HlgStore *
hlg_application_get_store (HlgApplication *self)
{
  g_return_val_if_fail (HLG_IS_APPLICATION (self), NULL);

  return self->store;
}
