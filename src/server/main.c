/* main.c: the hlgmos-server program
 * SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "hlg-server-main"

#include "config.h"

#include <glib/gi18n.h>
#include <glib-unix.h>
#include <locale.h>
#include <stdio.h>
#include <string.h>

#include "hlg-demo.h"
#include "hlg-server.h"

static gboolean
on_signal_cb (gpointer user_data)
{
  g_main_loop_quit (user_data);

  return G_SOURCE_CONTINUE;
}

static char *
read_password (GError **error)
{
  g_autoptr(GString) line = g_string_new (NULL);
  int c;

  while ((c = getchar ()) != EOF && c != '\n')
    g_string_append_c (line, (char) c);

  if (line->len > 0 && line->str[line->len - 1] == '\r')
    g_string_truncate (line, line->len - 1);

  if (line->len == 0)
    {
      g_set_error_literal (error, HLG_SERVER_ERROR, HLG_SERVER_ERROR_BAD_REQUEST,
                           _("No password on standard input"));
      return NULL;
    }

  return g_string_free (g_steal_pointer (&line), FALSE);
}

static int
add_user (HlgServer  *server,
          const char *name,
          const char *role,
          const char *person)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *password = NULL;

  if (role == NULL)
    {
      g_printerr (_("add-user needs --role (secretariat, board, author or member)\n"));
      return 2;
    }

  password = read_password (&error);
  if (password == NULL || !hlg_server_add_user (server, name, password, role, person, &error))
    {
      if (password != NULL)
        memset (password, 0, strlen (password));
      g_printerr (_("Cannot add the account “%s”: %s\n"), name, error->message);
      return 1;
    }

  memset (password, 0, strlen (password));
  g_print (_("Account “%s” saved with the role %s.\n"), name, role);
  return 0;
}

int
main (int   argc,
      char *argv[])
{
  g_autoptr(GOptionContext) context = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(HlgServer) server = NULL;
  g_autoptr(GTlsCertificate) tls = NULL;
  g_autoptr(GMainLoop) loop = NULL;
  g_autofree char *db = NULL;
  g_autofree char *address = NULL;
  g_autofree char *tls_cert = NULL;
  g_autofree char *tls_key = NULL;
  g_autofree char *role = NULL;
  g_autofree char *person = NULL;
  g_autofree char *url = NULL;
  gboolean demo = FALSE;
  int port = 5984;
  const GOptionEntry entries[] = {
    { "db", 0, 0, G_OPTION_ARG_FILENAME, &db, N_("The SQLite database file"), N_("FILE") },
    { "address", 0, 0, G_OPTION_ARG_STRING, &address,
      N_("The address to listen on (default 127.0.0.1)"), N_("ADDRESS") },
    { "port", 0, 0, G_OPTION_ARG_INT, &port, N_("The port to listen on (default 5984)"), N_("PORT") },
    { "tls-cert", 0, 0, G_OPTION_ARG_FILENAME, &tls_cert, N_("The TLS certificate (PEM)"), N_("PEM") },
    { "tls-key", 0, 0, G_OPTION_ARG_FILENAME, &tls_key, N_("The TLS private key (PEM)"), N_("PEM") },
    { "demo", 0, 0, G_OPTION_ARG_NONE, &demo,
      N_("Put a demo cycle and one demo account per role in an empty database"), NULL },
    { "role", 0, 0, G_OPTION_ARG_STRING, &role,
      N_("add-user: the account’s role (secretariat, board, author, member)"), N_("ROLE") },
    { "person", 0, 0, G_OPTION_ARG_STRING, &person,
      N_("add-user: the person document the account is"), N_("ID") },
    { NULL }
  };

  setlocale (LC_ALL, "");
  bindtextdomain (GETTEXT_PACKAGE, LOCALEDIR);
  bind_textdomain_codeset (GETTEXT_PACKAGE, "UTF-8");
  textdomain (GETTEXT_PACKAGE);

  context = g_option_context_new (_("[add-user NAME] — the HLG-MOS shared repository"));
  g_option_context_set_translation_domain (context, GETTEXT_PACKAGE);
  g_option_context_set_summary (context,
                                _("Serves the HLG-MOS documents over a subset of the CouchDB API.\n"
                                  "“add-user NAME --role ROLE [--person ID]” adds an account, "
                                  "reading its password from standard input."));
  g_option_context_add_main_entries (context, entries, GETTEXT_PACKAGE);
  if (!g_option_context_parse (context, &argc, &argv, &error))
    {
      g_printerr ("%s\n", error->message);
      return 2;
    }

  if (db == NULL)
    {
      g_printerr (_("Give the database file with --db FILE\n"));
      return 2;
    }
  if (argc > 1 && !(g_str_equal (argv[1], "add-user") && argc == 3))
    {
      g_printerr (_("Unknown command; see --help\n"));
      return 2;
    }

  server = hlg_server_new (db, &error);
  if (server == NULL)
    {
      g_printerr ("%s\n", error->message);
      return 1;
    }

  if (argc == 3)
    return add_user (server, argv[2], role, person);

  if (port < 0 || port > G_MAXUINT16)
    {
      g_printerr (_("The port must be between 0 and 65535\n"));
      return 2;
    }
  if ((tls_cert == NULL) != (tls_key == NULL))
    {
      g_printerr (_("Give both --tls-cert and --tls-key, or neither\n"));
      return 2;
    }
  if (tls_cert != NULL)
    {
      tls = g_tls_certificate_new_from_files (tls_cert, tls_key, &error);
      if (tls == NULL)
        {
          g_printerr (_("Cannot load the TLS certificate: %s\n"), error->message);
          return 1;
        }
    }

  if (demo && hlg_server_get_doc_count (server) == 0)
    {
      g_autoptr(GDateTime) now = g_date_time_new_now_local ();
      g_autoptr(GPtrArray) documents = hlg_demo_documents (now);

      if (!hlg_server_seed_demo (server, documents, &error) ||
          !hlg_server_add_demo_accounts (server, documents, &error))
        {
          g_printerr (_("Cannot put the demo data: %s\n"), error->message);
          return 1;
        }

      g_print (_("Demo data: %u documents. Demo accounts (name / password):\n"), documents->len);
      g_print ("  secretariat / demo-secretariat\n"
               "  board / demo-board\n"
               "  author / demo-author\n"
               "  member / demo-member\n");
    }
  else if (demo)
    g_print (_("The database is not empty: the demo data were not added.\n"));

  if (!hlg_server_listen (server, address ? address : "127.0.0.1", port, tls, &error))
    {
      g_printerr ("%s\n", error->message);
      return 1;
    }

  url = hlg_server_get_url (server);
  /* Not translated: scripts and tests read this line. */
  g_print ("Listening on %s/\n", url);
  fflush (stdout);

  loop = g_main_loop_new (NULL, FALSE);
  g_unix_signal_add (SIGTERM, on_signal_cb, loop);
  g_unix_signal_add (SIGINT, on_signal_cb, loop);
  g_main_loop_run (loop);

  /* Closing the database checkpoints the WAL into the main file. */
  g_clear_object (&server);
  return 0;
}
