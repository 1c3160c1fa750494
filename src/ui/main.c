/* main.c: the hlgmos program
 * SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "hlg-main"

#include "config.h"

#include <glib/gi18n.h>
#include <locale.h>

#include "hlg-application.h"

int
main (int   argc,
      char *argv[])
{
  g_autoptr(HlgApplication) app = NULL;
  /* Uninstalled runs (build-aux/dev) read the catalogues in the build folder. */
  const char *localedir = g_getenv ("HLGMOS_LOCALEDIR");

  setlocale (LC_ALL, "");
  bindtextdomain (GETTEXT_PACKAGE, localedir != NULL ? localedir : LOCALEDIR);
  bind_textdomain_codeset (GETTEXT_PACKAGE, "UTF-8");
  textdomain (GETTEXT_PACKAGE);

  app = hlg_application_new ();
  return g_application_run (G_APPLICATION (app), argc, argv);
}
