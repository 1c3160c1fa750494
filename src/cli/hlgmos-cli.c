/* hlgmos-cli.c: the command-line tool: the local store, demo data and sync
 * SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "hlg-cli"

#include "config.h"

#include <glib/gi18n.h>
#include <locale.h>
#include <stdio.h>
#include <string.h>

#include "hlg-demo.h"
#include "hlg-credentials.h"
#include "hlg-id.h"
#include "hlg-json.h"
#include "hlg-schema.h"
#include "hlg-store.h"
#include "hlg-sync-client.h"

/* Exit codes, documented in --help. */
enum
{
  EXIT_OK = 0,
  EXIT_DATA = 1,
  EXIT_USAGE = 2,
  EXIT_NETWORK = 3,
  EXIT_CONFLICTS = 4,
};

typedef struct
{
  char     *data_dir;
  HlgStore *store;
} Cli;

typedef int (*CommandFunc) (Cli   *cli,
                            int    argc,
                            char **argv);

typedef struct
{
  const char  *name;
  CommandFunc  func;
  const char  *args;    /* shown in the usage line */
  const char  *summary; /* translatable */
} Command;

static int
usage_error (const char *command,
             const char *message)
{
  if (command[0] != '\0')
    g_printerr ("hlgmos-cli %s: %s\n", command, message);
  else
    g_printerr ("hlgmos-cli: %s\n", message);
  g_printerr (_("Try “hlgmos-cli --help”.\n"));
  return EXIT_USAGE;
}

/* Parses a command's own options; leaves the positional arguments in
 * argv[1..]. */
static gboolean
parse_command_options (const char    *command,
                       GOptionEntry  *entries,
                       int           *argc,
                       char        ***argv)
{
  g_autoptr(GOptionContext) context = g_option_context_new (NULL);
  g_autoptr(GError) error = NULL;

  g_option_context_set_help_enabled (context, FALSE);
  if (entries != NULL)
    g_option_context_add_main_entries (context, entries, GETTEXT_PACKAGE);
  if (!g_option_context_parse (context, argc, argv, &error))
    {
      usage_error (command, error->message);
      return FALSE;
    }

  return TRUE;
}

static gboolean
open_store (Cli *cli)
{
  g_autoptr(GError) error = NULL;
  GPtrArray *quarantined;

  cli->store = hlg_store_new (cli->data_dir);
  if (!hlg_store_load (cli->store, NULL, &error))
    {
      g_printerr (_("Cannot open the store in %s: %s\n"), cli->data_dir, error->message);
      return FALSE;
    }

  quarantined = hlg_store_get_quarantined (cli->store);
  for (guint i = 0; i < quarantined->len; i++)
    {
      HlgQuarantined *q = g_ptr_array_index (quarantined, i);

      g_printerr (_("Warning: %s could not be read and was moved to %s: %s\n"),
                  q->name, q->file, q->reason);
    }

  return TRUE;
}

static gboolean
check_id (const char *id)
{
  g_autoptr(GError) error = NULL;

  if (!hlg_id_validate (id, NULL, &error))
    {
      g_printerr (_("“%s” is not a document ID: %s\n"), id, error->message);
      return FALSE;
    }

  return TRUE;
}

/* list [--type T] */
static int
cmd_list (Cli   *cli,
          int    argc,
          char **argv)
{
  g_autofree char *type_name = NULL;
  GOptionEntry entries[] = {
    { "type", 't', 0, G_OPTION_ARG_STRING, &type_name, N_("Only documents of this type"), N_("TYPE") },
    { NULL }
  };
  HlgDocType only = HLG_DOC_TYPE_INVALID;

  if (!parse_command_options ("list", entries, &argc, &argv))
    return EXIT_USAGE;
  if (argc != 1)
    return usage_error ("list", _("Unexpected argument"));

  if (type_name != NULL)
    {
      only = hlg_doc_type_from_name (type_name);
      if (only == HLG_DOC_TYPE_INVALID)
        {
          g_printerr (_("There is no document type “%s”\n"), type_name);
          return EXIT_DATA;
        }
    }

  if (!open_store (cli))
    return EXIT_DATA;

  for (int t = 0; t < HLG_N_DOC_TYPES; t++)
    {
      GListModel *model;
      guint n;

      if (only != HLG_DOC_TYPE_INVALID && (HlgDocType) t != only)
        continue;

      model = hlg_store_get_model (cli->store, t);
      n = g_list_model_get_n_items (model);
      for (guint i = 0; i < n; i++)
        {
          g_autoptr(HlgDocument) doc = g_list_model_get_item (model, i);

          g_print ("%s\t%s\n", hlg_document_get_id (doc), hlg_document_get_title (doc));
        }
    }

  return EXIT_OK;
}

/* get ID */
static int
cmd_get (Cli   *cli,
         int    argc,
         char **argv)
{
  g_autofree char *json = NULL;
  HlgDocument *doc;

  if (!parse_command_options ("get", NULL, &argc, &argv))
    return EXIT_USAGE;
  if (argc != 2)
    return usage_error ("get", _("Give one document ID"));
  if (!check_id (argv[1]))
    return EXIT_DATA;
  if (!open_store (cli))
    return EXIT_DATA;

  doc = hlg_store_lookup (cli->store, argv[1]);
  if (doc == NULL)
    {
      g_printerr (_("There is no document %s\n"), argv[1]);
      return EXIT_DATA;
    }

  json = hlg_document_to_json (doc, TRUE);
  g_print ("%s\n", json);
  return EXIT_OK;
}

/* put FILE.json: the file is checked whole before the store is touched. */
static int
cmd_put (Cli   *cli,
         int    argc,
         char **argv)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(HlgDocument) doc = NULL;
  g_autofree char *contents = NULL;
  HlgDocument *existing;
  gsize length;

  if (!parse_command_options ("put", NULL, &argc, &argv))
    return EXIT_USAGE;
  if (argc != 2)
    return usage_error ("put", _("Give one JSON file"));

  if (!g_file_get_contents (argv[1], &contents, &length, &error))
    {
      g_printerr (_("Cannot read %s: %s\n"), argv[1], error->message);
      return EXIT_DATA;
    }

  doc = hlg_document_new_from_json (contents, length, &error);
  if (doc == NULL || !hlg_document_validate (doc, &error))
    {
      g_printerr (_("%s is not a valid document: %s\n"), argv[1], error->message);
      return EXIT_DATA;
    }

  if (hlg_document_is_read_only (doc))
    {
      g_printerr (_("%s cannot be stored: %s\n"), argv[1], hlg_document_get_read_only_reason (doc));
      return EXIT_DATA;
    }

  if (!open_store (cli))
    return EXIT_DATA;

  existing = hlg_store_lookup (cli->store, hlg_document_get_id (doc));
  if (existing == NULL)
    {
      /* The revision is the store's business, not the file's. */
      hlg_document_set_rev (doc, NULL);
      if (!hlg_store_save (cli->store, doc, &error))
        {
          g_printerr ("%s\n", error->message);
          return EXIT_DATA;
        }
    }
  else
    {
      g_autoptr(JsonObject) old = hlg_document_dup_object (existing);
      g_autoptr(JsonObject) object = hlg_document_dup_object (doc);
      const char *rev = hlg_document_get_rev (existing);

      if (hlg_document_is_read_only (existing))
        {
          g_printerr (_("%s cannot be changed: %s\n"), hlg_document_get_id (existing),
                      hlg_document_get_read_only_reason (existing));
          return EXIT_DATA;
        }

      if (rev != NULL)
        json_object_set_string_member (object, "_rev", rev);
      else if (json_object_has_member (object, "_rev"))
        json_object_remove_member (object, "_rev");

      if (!hlg_document_replace_object (existing, object, &error) ||
          !hlg_store_save (cli->store, existing, &error))
        {
          hlg_document_replace_object (existing, old, NULL);
          g_printerr ("%s\n", error->message);
          return EXIT_DATA;
        }
    }

  g_print ("%s\n", hlg_document_get_id (doc));
  return EXIT_OK;
}

/* delete ID */
static int
cmd_delete (Cli   *cli,
            int    argc,
            char **argv)
{
  g_autoptr(GError) error = NULL;

  if (!parse_command_options ("delete", NULL, &argc, &argv))
    return EXIT_USAGE;
  if (argc != 2)
    return usage_error ("delete", _("Give one document ID"));
  if (!check_id (argv[1]))
    return EXIT_DATA;
  if (!open_store (cli))
    return EXIT_DATA;

  if (!hlg_store_delete (cli->store, argv[1], &error))
    {
      g_printerr (_("Cannot delete %s: %s\n"), argv[1], error->message);
      return EXIT_DATA;
    }

  return EXIT_OK;
}

/* demo: writes the demo data set into the store */
static int
cmd_demo (Cli   *cli,
          int    argc,
          char **argv)
{
  g_autoptr(GDateTime) now = g_date_time_new_now_local ();
  g_autoptr(GError) error = NULL;

  if (!parse_command_options ("demo", NULL, &argc, &argv))
    return EXIT_USAGE;
  if (argc != 1)
    return usage_error ("demo", _("Unexpected argument"));
  if (!open_store (cli))
    return EXIT_DATA;

  if (!hlg_demo_populate (cli->store, now, &error))
    {
      g_printerr (_("Cannot write the demo data: %s\n"), error->message);
      return EXIT_DATA;
    }

  g_print (_("%u documents in %s\n"), hlg_store_get_n_documents (cli->store), cli->data_dir);
  return EXIT_OK;
}

/* Network commands: run the main loop until an async call is done. */

typedef struct
{
  gboolean      done;
  GAsyncResult *result;
} Waiter;

static void
waited_cb (GObject      *object,
           GAsyncResult *result,
           gpointer      user_data)
{
  Waiter *waiter = user_data;

  waiter->result = g_object_ref (result);
  waiter->done = TRUE;
}

static GAsyncResult *
wait_for (Waiter *waiter)
{
  while (!waiter->done)
    g_main_context_iteration (NULL, TRUE);

  return waiter->result;
}

/* The first line of standard input, without its end. */
static char *
read_password (void)
{
  char buffer[1024];
  size_t n;

  if (fgets (buffer, sizeof buffer, stdin) == NULL)
    return NULL;

  n = strlen (buffer);
  while (n > 0 && (buffer[n - 1] == '\n' || buffer[n - 1] == '\r'))
    buffer[--n] = '\0';

  return n > 0 ? g_strdup (buffer) : NULL;
}

static int
exit_for_sync_error (const GError *error)
{
  if (error->domain != HLG_SYNC_ERROR)
    return EXIT_NETWORK;

  switch ((HlgSyncError) error->code)
    {
    case HLG_SYNC_ERROR_REJECTED:
    case HLG_SYNC_ERROR_STORE:
    case HLG_SYNC_ERROR_PROTOCOL:
      return EXIT_DATA;

    case HLG_SYNC_ERROR_NOT_CONFIGURED:
    case HLG_SYNC_ERROR_AUTH:
    case HLG_SYNC_ERROR_FORBIDDEN:
    case HLG_SYNC_ERROR_TLS:
    case HLG_SYNC_ERROR_OFFLINE:
    case HLG_SYNC_ERROR_NETWORK:
    case HLG_SYNC_ERROR_SERVER:
    default:
      return EXIT_NETWORK;
    }
}

/* login URL USER, the password on standard input */
static int
cmd_login (Cli   *cli,
           int    argc,
           char **argv)
{
  g_autoptr(HlgSyncClient) client = NULL;
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GAsyncResult) stored = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *password = NULL;
  Waiter waiter = { FALSE };
  Waiter store_waiter = { FALSE };

  if (!parse_command_options ("login", NULL, &argc, &argv))
    return EXIT_USAGE;
  if (argc != 3)
    return usage_error ("login", _("Give the server’s URL and the account name"));

  password = read_password ();
  if (password == NULL)
    {
      g_printerr (_("Give the password on standard input\n"));
      return EXIT_USAGE;
    }
  if (!open_store (cli))
    return EXIT_DATA;

  client = hlg_sync_client_new (cli->store);
  hlg_sync_client_set_account (client, argv[1], argv[2], password);
  hlg_sync_client_check_login_async (client, NULL, waited_cb, &waiter);
  result = wait_for (&waiter);
  if (!hlg_sync_client_check_login_finish (client, result, &error))
    {
      g_printerr (_("Cannot sign in to %s: %s\n"), argv[1], error->message);
      return exit_for_sync_error (error);
    }

  hlg_credentials_store_async (hlg_sync_client_get_url (client), argv[2], password, NULL,
                               waited_cb, &store_waiter);
  stored = wait_for (&store_waiter);
  if (!hlg_credentials_store_finish (stored, &error))
    {
      g_printerr (_("Cannot keep the password: %s\n"), error->message);
      return EXIT_DATA;
    }

  if (!hlg_store_set_remote (cli->store, hlg_sync_client_get_url (client), argv[2], &error))
    {
      g_printerr ("%s\n", error->message);
      return EXIT_DATA;
    }

  g_print (_("Signed in to %s as %s\n"), hlg_sync_client_get_url (client), argv[2]);
  return EXIT_OK;
}

/* sync [--password-stdin] */
static int
cmd_sync (Cli   *cli,
          int    argc,
          char **argv)
{
  g_autoptr(HlgSyncClient) client = NULL;
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GAsyncResult) looked_up = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *password = NULL;
  gboolean password_stdin = FALSE;
  GOptionEntry entries[] = {
    { "password-stdin", 0, 0, G_OPTION_ARG_NONE, &password_stdin,
      N_("Read the password from standard input when none is kept"), NULL },
    { NULL }
  };
  Waiter waiter = { FALSE };
  Waiter lookup_waiter = { FALSE };
  const char *url;
  const char *account;
  guint conflicts;

  if (!parse_command_options ("sync", entries, &argc, &argv))
    return EXIT_USAGE;
  if (argc != 1)
    return usage_error ("sync", _("Unexpected argument"));
  if (!open_store (cli))
    return EXIT_DATA;

  url = hlg_store_get_remote_url (cli->store);
  account = hlg_store_get_remote_account (cli->store);
  if (url == NULL || account == NULL)
    {
      g_printerr (_("This store is not signed in to a server; use “hlgmos-cli login URL USER” first\n"));
      return EXIT_NETWORK;
    }

  hlg_credentials_lookup_async (url, account, NULL, waited_cb, &lookup_waiter);
  looked_up = wait_for (&lookup_waiter);
  password = hlg_credentials_lookup_finish (looked_up, NULL);
  if (password == NULL && password_stdin)
    password = read_password ();
  if (password == NULL)
    {
      g_printerr (_("No password is kept for %s at %s; sign in again or use --password-stdin\n"),
                  account, url);
      return EXIT_NETWORK;
    }

  client = hlg_sync_client_new (cli->store);
  hlg_sync_client_set_account (client, url, account, password);
  hlg_sync_client_sync_async (client, NULL, waited_cb, &waiter);
  result = wait_for (&waiter);
  if (!hlg_sync_client_sync_finish (client, result, &error))
    {
      g_printerr (_("Sync failed: %s\n"), error->message);
      return exit_for_sync_error (error);
    }

  conflicts = hlg_store_get_n_conflicts (cli->store);
  {
    g_autoptr(GPtrArray) waiting = hlg_store_list_to_push (cli->store);

    g_print (_("Synced with %s: %u received, %u waiting to be sent, %u in conflict\n"), url,
             hlg_sync_client_get_progress_done (client), waiting->len, conflicts);
  }
  if (conflicts > 0)
    {
      g_printerr (_("Some documents are in conflict; see “hlgmos-cli conflicts”\n"));
      return EXIT_CONFLICTS;
    }

  return EXIT_OK;
}

static char *
node_text (JsonObject *record,
           const char *side)
{
  JsonNode *node = json_object_get_member (record, side);

  if (node == NULL)
    return g_strdup (_("(deleted)"));

  return json_to_string (node, FALSE);
}

/* conflicts: each document, then each conflicting value */
static int
cmd_conflicts (Cli   *cli,
               int    argc,
               char **argv)
{
  g_autoptr(GPtrArray) ids = NULL;

  if (!parse_command_options ("conflicts", NULL, &argc, &argv))
    return EXIT_USAGE;
  if (argc != 1)
    return usage_error ("conflicts", _("Unexpected argument"));
  if (!open_store (cli))
    return EXIT_DATA;

  ids = hlg_store_list_conflicts (cli->store);
  for (guint i = 0; i < ids->len; i++)
    {
      const char *id = g_ptr_array_index (ids, i);
      JsonArray *records = hlg_store_get_conflicts (cli->store, id);
      HlgDocument *doc = hlg_store_lookup (cli->store, id);

      g_print ("%s\t%s\n", id, doc != NULL ? hlg_document_get_title (doc) : _("(deleted here)"));
      for (guint r = 0; r < json_array_get_length (records); r++)
        {
          JsonObject *record = json_array_get_object_element (records, r);
          const char *path = json_object_get_string_member_with_default (record, "path", "");
          g_autofree char *mine = node_text (record, "mine");
          g_autofree char *theirs = node_text (record, "theirs");

          g_print ("  %s\n    %s %s\n    %s %s\n", path[0] != '\0' ? path : _("(whole document)"),
                   _("mine:  "), mine, _("theirs:"), theirs);
        }
    }

  return ids->len > 0 ? EXIT_CONFLICTS : EXIT_OK;
}

/* resolve ID --take mine|theirs, or --file MERGED.json */
static int
cmd_resolve (Cli   *cli,
             int    argc,
             char **argv)
{
  g_autofree char *take = NULL;
  g_autofree char *file = NULL;
  g_autoptr(JsonObject) merged = NULL;
  g_autoptr(GError) error = NULL;
  GOptionEntry entries[] = {
    { "take", 0, 0, G_OPTION_ARG_STRING, &take, N_("Keep this side: mine or theirs"), N_("SIDE") },
    { "file", 0, 0, G_OPTION_ARG_FILENAME, &file, N_("Keep this merged document"), N_("FILE.json") },
    { NULL }
  };
  HlgMergeTake side = HLG_MERGE_TAKE_MINE;

  if (!parse_command_options ("resolve", entries, &argc, &argv))
    return EXIT_USAGE;
  if (argc != 2)
    return usage_error ("resolve", _("Give one document ID"));
  if ((take == NULL) == (file == NULL))
    return usage_error ("resolve", _("Give either --take mine|theirs or --file"));
  if (take != NULL && g_str_equal (take, "theirs"))
    side = HLG_MERGE_TAKE_THEIRS;
  else if (take != NULL && !g_str_equal (take, "mine"))
    return usage_error ("resolve", _("--take is “mine” or “theirs”"));
  if (!check_id (argv[1]))
    return EXIT_DATA;

  if (file != NULL)
    {
      g_autofree char *contents = NULL;
      gsize length;

      if (!g_file_get_contents (file, &contents, &length, &error) ||
          (merged = hlg_json_object_from_data (contents, length, &error)) == NULL)
        {
          g_printerr (_("Cannot read %s: %s\n"), file, error->message);
          return EXIT_DATA;
        }
    }

  if (!open_store (cli))
    return EXIT_DATA;

  if (!hlg_store_resolve (cli->store, argv[1], side, merged, &error))
    {
      g_printerr (_("Cannot resolve %s: %s\n"), argv[1], error->message);
      return EXIT_DATA;
    }

  return EXIT_OK;
}

static void
append_csv_field (GString    *line,
                  const char *text)
{
  if (strpbrk (text, ",\"\r\n") == NULL)
    {
      g_string_append (line, text);
      return;
    }

  g_string_append_c (line, '"');
  for (const char *p = text; *p != '\0'; p++)
    {
      if (*p == '"')
        g_string_append_c (line, '"');
      g_string_append_c (line, *p);
    }
  g_string_append_c (line, '"');
}

/* export --type TYPE --format csv|json */
static int
cmd_export (Cli   *cli,
            int    argc,
            char **argv)
{
  g_autofree char *type_name = NULL;
  g_autofree char *format = NULL;
  GOptionEntry entries[] = {
    { "type", 't', 0, G_OPTION_ARG_STRING, &type_name, N_("The document type"), N_("TYPE") },
    { "format", 'f', 0, G_OPTION_ARG_STRING, &format, N_("csv or json (default)"), N_("FORMAT") },
    { NULL }
  };
  HlgDocType type;
  GListModel *model;
  const HlgField *fields;
  gboolean csv;
  guint n;

  if (!parse_command_options ("export", entries, &argc, &argv))
    return EXIT_USAGE;
  if (argc != 1 || type_name == NULL)
    return usage_error ("export", _("Give --type"));
  if (format != NULL && !g_str_equal (format, "csv") && !g_str_equal (format, "json"))
    return usage_error ("export", _("--format is “csv” or “json”"));
  csv = format != NULL && g_str_equal (format, "csv");

  type = hlg_doc_type_from_name (type_name);
  if (type == HLG_DOC_TYPE_INVALID)
    {
      g_printerr (_("There is no document type “%s”\n"), type_name);
      return EXIT_DATA;
    }
  if (!open_store (cli))
    return EXIT_DATA;

  model = hlg_store_get_model (cli->store, type);
  n = g_list_model_get_n_items (model);
  fields = hlg_schema_get_fields (type);

  if (!csv)
    {
      g_autoptr(JsonArray) array = json_array_new ();
      g_autoptr(JsonNode) root = NULL;
      g_autofree char *text = NULL;

      for (guint i = 0; i < n; i++)
        {
          g_autoptr(HlgDocument) doc = g_list_model_get_item (model, i);

          json_array_add_object_element (array, hlg_document_dup_object (doc));
        }
      root = json_node_init_array (json_node_alloc (), array);
      text = json_to_string (root, TRUE);
      g_print ("%s\n", text);
      return EXIT_OK;
    }

  /* One column per field of the type, in the schema's order. */
  {
    g_autoptr(GString) line = g_string_new ("_id");

    for (guint f = 0; fields[f].name != NULL; f++)
      {
        g_string_append_c (line, ',');
        append_csv_field (line, fields[f].name);
      }
    g_print ("%s\r\n", line->str);
  }

  for (guint i = 0; i < n; i++)
    {
      g_autoptr(HlgDocument) doc = g_list_model_get_item (model, i);
      g_autoptr(GString) line = g_string_new (NULL);
      JsonObject *object = hlg_document_get_object (doc);

      append_csv_field (line, hlg_document_get_id (doc));
      for (guint f = 0; fields[f].name != NULL; f++)
        {
          JsonNode *node = json_object_get_member (object, fields[f].name);

          g_string_append_c (line, ',');
          if (node == NULL || JSON_NODE_HOLDS_NULL (node))
            continue;
          if (JSON_NODE_HOLDS_VALUE (node) && json_node_get_value_type (node) == G_TYPE_STRING)
            append_csv_field (line, json_node_get_string (node));
          else
            {
              g_autofree char *text = json_to_string (node, FALSE);

              append_csv_field (line, text);
            }
        }
      g_print ("%s\r\n", line->str);
    }

  return EXIT_OK;
}

static const Command commands[] = {
  { "demo", cmd_demo, "", N_("Write the demo data set into the store") },
  { "list", cmd_list, "[--type TYPE]", N_("List the documents: ID, tab, title") },
  { "get", cmd_get, "ID", N_("Print a document as JSON") },
  { "put", cmd_put, "FILE.json", N_("Create or update a document from a JSON file") },
  { "delete", cmd_delete, "ID", N_("Delete a document") },
  { "login", cmd_login, "URL USER", N_("Sign in to a server; the password comes on standard input") },
  { "sync", cmd_sync, "[--password-stdin]", N_("Receive the server’s changes and send this store’s") },
  { "conflicts", cmd_conflicts, "", N_("List the documents in conflict and both values of each") },
  { "resolve", cmd_resolve, "ID --take mine|theirs|--file F", N_("End a document’s conflicts") },
  { "export", cmd_export, "--type TYPE [--format csv|json]", N_("Print every document of a type") },
};

static char *
describe_commands (void)
{
  GString *s = g_string_new (_("Commands:"));

  g_string_append_c (s, '\n');
  for (guint i = 0; i < G_N_ELEMENTS (commands); i++)
    {
      g_autofree char *call = g_strdup_printf ("%s %s", commands[i].name, commands[i].args);

      g_string_append_printf (s, "  %-34s %s\n", call, _(commands[i].summary));
    }
  g_string_append_c (s, '\n');
  g_string_append (s, _("Exit status: 0 done, 1 bad input or data, 2 bad usage, "
                        "3 network or sign-in failure, 4 conflicts remain."));
  return g_string_free (s, FALSE);
}

int
main (int   argc,
      char *argv[])
{
  g_autoptr(GOptionContext) context = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *data_dir = NULL;
  g_autofree char *description = NULL;
  gboolean version = FALSE;
  GOptionEntry entries[] = {
    { "version", 0, 0, G_OPTION_ARG_NONE, &version, N_("Print the version and exit"), NULL },
    { "data-dir", 'd', 0, G_OPTION_ARG_FILENAME, &data_dir,
      N_("The store’s folder (default: $HLGMOS_DATA_DIR or the user’s data folder)"), N_("DIR") },
    { NULL }
  };
  Cli cli = { NULL };
  int status;

  setlocale (LC_ALL, "");
  bindtextdomain (GETTEXT_PACKAGE, LOCALEDIR);
  bind_textdomain_codeset (GETTEXT_PACKAGE, "UTF-8");
  textdomain (GETTEXT_PACKAGE);

  context = g_option_context_new (_("COMMAND [ARGUMENTS…]"));
  g_option_context_set_summary (context, _("Work with the HLG-MOS local store and sync it."));
  description = describe_commands ();
  g_option_context_set_description (context, description);
  g_option_context_add_main_entries (context, entries, GETTEXT_PACKAGE);
  /* Options after the command belong to the command. */
  g_option_context_set_strict_posix (context, TRUE);
  if (!g_option_context_parse (context, &argc, &argv, &error))
    return usage_error ("", error->message);

  if (version)
    {
      g_print ("hlgmos-cli %s\n", PACKAGE_VERSION);
      return EXIT_OK;
    }

  if (argc < 2)
    return usage_error ("", _("No command given"));

  cli.data_dir = data_dir != NULL ? g_strdup (data_dir) : hlg_store_default_path (NULL);
  status = -1;
  for (guint i = 0; i < G_N_ELEMENTS (commands); i++)
    if (g_str_equal (argv[1], commands[i].name))
      {
        status = commands[i].func (&cli, argc - 1, argv + 1);
        break;
      }

  if (status < 0)
    {
      g_autofree char *message = g_strdup_printf (_("Unknown command “%s”"), argv[1]);

      status = usage_error ("", message);
    }

  g_clear_object (&cli.store);
  g_free (cli.data_dir);
  return status;
}
