/* hlg-application.c: the HLG-MOS application, which hands out the store and settings
 * SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "hlg-application"

#include "config.h"

#include <glib/gi18n.h>
#include <string.h>
#include <unistd.h>

#include "hlg-application.h"
#include "hlg-credentials.h"
#include "hlg-history.h"
#include "hlg-id.h"
#include "hlg-sync-client.h"
#include "hlg-preferences-window.h"
#include "hlg-window.h"

struct _HlgApplication
{
  AdwApplication  parent_instance;

  HlgStore       *store;
  HlgHistory     *history; /* every version of the store's documents */
  HlgSyncClient  *sync;
  GSettings      *settings; /* NULL when the schema is not installed */
  GCancellable   *cancellable;
  GError         *load_error;
  char           *pending_document; /* open-document asked before the store had loaded */
  char           *screenshots_dir;
  char           *role;
  char           *env_password; /* from HLGMOS_PASSWORD_FD, kept in memory only */
  guint           load_done : 1;
  guint           had_documents : 1; /* at start-up, before loading */
};

G_DEFINE_FINAL_TYPE (HlgApplication, hlg_application, ADW_TYPE_APPLICATION)

enum {
  PROP_0,
  PROP_ROLE,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

/* The roles the app tells apart, most capable first. */
static const char * const known_roles[] = { "secretariat", "board", "author", "member", NULL };

static void update_role (HlgApplication *self);

static GSettings *
settings_new_if_installed (void)
{
  GSettingsSchemaSource *source = g_settings_schema_source_get_default ();
  g_autoptr(GSettingsSchema) schema = NULL;

  if (source != NULL)
    schema = g_settings_schema_source_lookup (source, APP_ID, TRUE);
  if (schema == NULL)
    {
      g_debug ("The settings schema %s is not installed; window state is not kept", APP_ID);
      return NULL;
    }

  return g_settings_new_full (schema, NULL, NULL);
}

static void
on_store_loaded_cb (GObject      *object,
                    GAsyncResult *result,
                    gpointer      user_data)
{
  g_autoptr(HlgApplication) self = user_data;
  g_autoptr(GError) error = NULL;

  if (!hlg_store_load_finish (HLG_STORE (object), result, &error) &&
      g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    return;

  self->load_done = TRUE;
  self->load_error = g_steal_pointer (&error);

  update_role (self);
  for (GList *l = gtk_application_get_windows (GTK_APPLICATION (self)); l != NULL; l = l->next)
    if (HLG_IS_WINDOW (l->data))
      hlg_window_report_load (HLG_WINDOW (l->data));
  if (self->pending_document != NULL)
    {
      g_autofree char *id = g_steal_pointer (&self->pending_document);

      g_action_group_activate_action (G_ACTION_GROUP (self), "open-document",
                                      g_variant_new_string (id));
    }
}

/* Sync */

typedef struct
{
  HlgApplication *app;
  char           *url;
  char           *account;
} Configure;

static void
on_password_found_cb (GObject      *object,
                      GAsyncResult *result,
                      gpointer      user_data)
{
  Configure *c = user_data;
  g_autoptr(GError) error = NULL;
  g_autofree char *password = hlg_credentials_lookup_finish (result, &error);

  if (password == NULL && c->app->env_password != NULL)
    password = g_strdup (c->app->env_password);

  /* Without a password the client asks the server anyway and reports
   * "sign-in required", which the header shows with its fix. */
  if (c->app->sync != NULL)
    {
      hlg_sync_client_set_account (c->app->sync, c->url, c->account, password);
      hlg_sync_client_start (c->app->sync);
    }

  g_object_unref (c->app);
  g_free (c->url);
  g_free (c->account);
  g_free (c);
}

static void
configure_sync (HlgApplication *self)
{
  g_autofree char *url = NULL;
  g_autofree char *account = NULL;
  Configure *c;

  if (self->sync == NULL)
    return;

  hlg_sync_client_stop (self->sync);
  if (hlg_application_has_setting (self, "server-url"))
    url = g_settings_get_string (self->settings, "server-url");
  if (hlg_application_has_setting (self, "account-name"))
    account = g_settings_get_string (self->settings, "account-name");
  if (url == NULL || url[0] == '\0')
    return;

  c = g_new0 (Configure, 1);
  c->app = g_object_ref (self);
  c->url = g_steal_pointer (&url);
  c->account = g_strdup (account ? account : "");
  hlg_credentials_lookup_async (c->url, c->account, self->cancellable, on_password_found_cb, c);
}

/* build-aux/dev run signs the app in to its demo server: the URL and the
 * account come from the environment, the password through a pipe whose
 * descriptor is named by HLGMOS_PASSWORD_FD (never a file or argument). */
static void
apply_environment (HlgApplication *self)
{
  const char *url = g_getenv ("HLGMOS_SERVER_URL");
  const char *account = g_getenv ("HLGMOS_ACCOUNT");
  const char *fd_text = g_getenv ("HLGMOS_PASSWORD_FD");
  gint64 fd;

  if (fd_text != NULL && g_ascii_string_to_signed (fd_text, 10, 3, 1023, &fd, NULL))
    {
      char buffer[1024];
      ssize_t n = read (fd, buffer, sizeof buffer - 1);

      close (fd);
      if (n > 0)
        {
          buffer[n] = '\0';
          g_strchomp (buffer);
          self->env_password = g_strdup (buffer);
        }
      explicit_bzero (buffer, sizeof buffer);
    }

  if (self->settings != NULL && url != NULL && account != NULL)
    {
      g_settings_set_string (self->settings, "server-url", url);
      g_settings_set_string (self->settings, "account-name", account);
    }
}

static void
on_account_changed_cb (HlgApplication *self)
{
  configure_sync (self);
  update_role (self);
  g_simple_action_set_enabled (G_SIMPLE_ACTION (g_action_map_lookup_action (G_ACTION_MAP (self),
                                                                            "sign-out")),
                               hlg_application_has_server (self));
}

/* Role */

static char *
role_from_env (void)
{
  const char *forced = g_getenv ("HLGMOS_ROLE");

  if (forced != NULL && g_strv_contains (known_roles, forced))
    return g_strdup (forced);
  if (forced != NULL && forced[0] != '\0')
    g_warning ("HLGMOS_ROLE=%s is no role; use secretariat, board, author or member", forced);

  return NULL;
}

/* The most capable role a person document grants; group chairs and
 * project managers see what members see. */
static const char *
role_of_person (HlgDocument *person)
{
  JsonArray *roles = person ? hlg_document_get_array (person, "roles") : NULL;

  for (guint r = 0; known_roles[r] != NULL; r++)
    for (guint i = 0; roles != NULL && i < json_array_get_length (roles); i++)
      if (g_strcmp0 (json_array_get_string_element (roles, i), known_roles[r]) == 0)
        return known_roles[r];

  return "member";
}

static HlgDocument *
find_person (HlgApplication *self,
             const char     *account)
{
  GListModel *people = hlg_store_get_model (self->store, HLG_DOC_TYPE_PERSON);

  for (guint i = 0; i < g_list_model_get_n_items (people); i++)
    {
      g_autoptr(HlgDocument) person = g_list_model_get_item (people, i);

      if (g_strcmp0 (hlg_document_get_string (person, "account"), account) == 0)
        return person;
    }

  return NULL;
}

/* HLGMOS_ROLE first (tests, build-aux/dev run --as); working locally, the
 * person runs everything; signed in, the roles the server gave the
 * account's person document. The server checks every write anyway. */
static void
update_role (HlgApplication *self)
{
  g_autofree char *role = role_from_env ();

  if (role == NULL && !hlg_application_has_server (self))
    role = g_strdup ("secretariat");
  if (role == NULL)
    {
      g_autofree char *account = hlg_application_has_setting (self, "account-name")
                                 ? g_settings_get_string (self->settings, "account-name")
                                 : g_strdup ("");

      role = g_strdup (self->store != NULL && hlg_store_is_loaded (self->store)
                       ? role_of_person (find_person (self, account))
                       : "member");
    }

  if (g_strcmp0 (role, self->role) != 0)
    {
      g_free (self->role);
      self->role = g_steal_pointer (&role);
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_ROLE]);
    }
}

static void
on_people_changed_cb (HlgApplication *self)
{
  update_role (self);
}

/**
 * hlg_application_reload_role:
 *
 * Works out again who is signed in, as after a sign-in or a change of
 * HLGMOS_ROLE; notifies "role" when it changed.
 */
void
hlg_application_reload_role (HlgApplication *self)
{
  g_return_if_fail (HLG_IS_APPLICATION (self));

  update_role (self);
}

/**
 * hlg_application_get_role:
 *
 * Returns: what the person signed in may do: "secretariat", "board",
 *   "author" or "member"
 */
const char *
hlg_application_get_role (HlgApplication *self)
{
  g_return_val_if_fail (HLG_IS_APPLICATION (self), NULL);

  return self->role;
}

/**
 * hlg_role_can:
 * @role: a role, as hlg_application_get_role() gives
 * @what: "review" (the Reviews place), "board-only" (comments for the Board),
 *   "new-proposal" (write proposals), "edit-feedback", "release-feedback", "vote" (cast a
 *   ballot at the workshop), "count-ballots" (read everyone's ballots) or
 *   "write-blue-skies" (Blue Skies Thinking Reports)
 *
 * Returns: whether @role may do @what; the server decides in the end
 */
gboolean
hlg_role_can (const char *role,
              const char *what)
{
  gboolean secretariat = g_strcmp0 (role, "secretariat") == 0;
  gboolean board = g_strcmp0 (role, "board") == 0;

  if (g_strcmp0 (what, "review") == 0 || g_strcmp0 (what, "board-only") == 0 ||
      g_strcmp0 (what, "edit-feedback") == 0)
    return secretariat || board;
  /* The Board reads proposals and reviews them; it does not write them. */
  if (g_strcmp0 (what, "new-proposal") == 0)
    return secretariat || g_strcmp0 (role, "author") == 0;
  if (g_strcmp0 (what, "release-feedback") == 0 || g_strcmp0 (what, "write-blue-skies") == 0)
    return secretariat;
  /* As the server has it: members and Board members vote as themselves at
   * the workshop, the secretariat for anyone; it refuses authors' ballots. */
  if (g_strcmp0 (what, "vote") == 0)
    return secretariat || board || g_strcmp0 (role, "member") == 0;
  /* A member reads only their own ballot, an author none. */
  if (g_strcmp0 (what, "count-ballots") == 0)
    return secretariat || board;

  g_return_val_if_reached (FALSE);
}

/**
 * hlg_application_has_server:
 *
 * Returns: whether a server is set, rather than working locally
 */
gboolean
hlg_application_has_server (HlgApplication *self)
{
  g_autofree char *url = NULL;

  g_return_val_if_fail (HLG_IS_APPLICATION (self), FALSE);

  if (!hlg_application_has_setting (self, "server-url"))
    return FALSE;
  url = g_settings_get_string (self->settings, "server-url");
  return url[0] != '\0';
}

/* A store that already holds documents (an earlier run's, the demo's) is
 * no first start. One directory read, before loading starts. */
static gboolean
store_has_documents (const char *path)
{
  g_autofree char *documents = g_build_filename (path, "documents", NULL);
  g_autoptr(GDir) dir = g_dir_open (documents, 0, NULL);

  return dir != NULL && g_dir_read_name (dir) != NULL;
}

/* Signing in and out */

/**
 * hlg_application_wants_welcome:
 *
 * Returns: whether to greet the person with the choice between working
 *   locally and signing in: on the first start only, with no server set
 *   (by the settings or the environment) and no documents on this computer
 */
gboolean
hlg_application_wants_welcome (HlgApplication *self)
{
  g_return_val_if_fail (HLG_IS_APPLICATION (self), FALSE);

  return self->screenshots_dir == NULL && !self->had_documents &&
         hlg_application_has_setting (self, "first-run-done") &&
         !g_settings_get_boolean (self->settings, "first-run-done") &&
         !hlg_application_has_server (self);
}

static void
forget_env_password (HlgApplication *self)
{
  if (self->env_password != NULL)
    explicit_bzero (self->env_password, strlen (self->env_password));
  g_clear_pointer (&self->env_password, g_free);
}

/* Both keys change together, so that the sync never sees a new server
 * with the old account. */
static void
set_account_settings (HlgApplication *self,
                      const char     *url,
                      const char     *account)
{
  g_autoptr(GSettingsSchema) schema = NULL;
  g_autoptr(GSettingsBackend) backend = NULL;
  g_autoptr(GSettings) batch = NULL;

  g_object_get (self->settings, "settings-schema", &schema, "backend", &backend, NULL);
  batch = g_settings_new_full (schema, backend, NULL);
  g_settings_delay (batch);
  g_settings_set_string (batch, "account-name", account);
  g_settings_set_string (batch, "server-url", url);
  if (g_settings_schema_has_key (schema, "first-run-done"))
    g_settings_set_boolean (batch, "first-run-done", TRUE);
  g_settings_apply (batch);
}

static gboolean
is_loopback (const char *host)
{
  g_autoptr(GInetAddress) address = g_inet_address_new_from_string (host);

  return g_ascii_strcasecmp (host, "localhost") == 0 ||
         (address != NULL && g_inet_address_get_is_loopback (address));
}

/* The address as typed, made whole: "https://" when no scheme is given,
 * no spaces around it and no final "/". Passwords travel only over
 * HTTPS, or plain HTTP to this same computer. */
static char *
check_server_url (const char  *text,
                  GError     **error)
{
  g_autofree char *url = g_strstrip (g_strdup (text));
  g_autoptr(GUri) uri = NULL;
  const char *scheme;
  const char *host;

  if (url[0] != '\0' && strstr (url, "://") == NULL)
    {
      char *with_scheme = g_strconcat ("https://", url, NULL);

      g_free (url);
      url = with_scheme;
    }
  while (g_str_has_suffix (url, "/"))
    url[strlen (url) - 1] = '\0';

  uri = g_uri_parse (url, G_URI_FLAGS_NONE, NULL);
  scheme = uri ? g_uri_get_scheme (uri) : NULL;
  host = uri ? g_uri_get_host (uri) : NULL;
  if (host == NULL || host[0] == '\0' ||
      (g_strcmp0 (scheme, "http") != 0 && g_strcmp0 (scheme, "https") != 0) ||
      g_uri_get_query (uri) != NULL || g_uri_get_fragment (uri) != NULL)
    {
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_ARGUMENT,
                   _("“%s” is not a server address; write it as https://server.example.org "
                     "or https://server.example.org:6984"), text);
      return NULL;
    }
  if (g_strcmp0 (scheme, "http") == 0 && !is_loopback (host))
    {
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_ARGUMENT,
                   _("The address starts with http://, which would send the password "
                     "unencrypted; use https://"));
      return NULL;
    }

  return g_steal_pointer (&url);
}

typedef struct
{
  HlgSyncClient *checker;
  char          *url;
  char          *account;
  char          *password;
} SignIn;

static void
sign_in_free (SignIn *sign_in)
{
  g_clear_object (&sign_in->checker);
  g_free (sign_in->url);
  g_free (sign_in->account);
  if (sign_in->password != NULL)
    explicit_bzero (sign_in->password, strlen (sign_in->password));
  g_free (sign_in->password);
  g_free (sign_in);
}

static void
on_sign_in_stored_cb (GObject      *object,
                      GAsyncResult *result,
                      gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  HlgApplication *self = g_task_get_source_object (task);
  SignIn *sign_in = g_task_get_task_data (task);
  g_autofree char *old_url = g_settings_get_string (self->settings, "server-url");
  g_autofree char *old_account = g_settings_get_string (self->settings, "account-name");
  GError *error = NULL;

  if (!hlg_credentials_store_finish (result, &error))
    {
      g_task_return_error (task, error);
      return;
    }

  /* Another account's password is no longer needed here. */
  if (old_url[0] != '\0' &&
      (g_strcmp0 (old_url, sign_in->url) != 0 || g_strcmp0 (old_account, sign_in->account) != 0))
    hlg_credentials_clear_async (old_url, old_account, NULL, NULL, NULL);

  forget_env_password (self);
  set_account_settings (self, sign_in->url, sign_in->account);
  g_task_return_boolean (task, TRUE);
}

static void
on_sign_in_checked_cb (GObject      *object,
                       GAsyncResult *result,
                       gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  SignIn *sign_in = g_task_get_task_data (task);
  GError *error = NULL;

  if (!hlg_sync_client_check_login_finish (HLG_SYNC_CLIENT (object), result, &error))
    {
      g_task_return_error (task, error);
      return;
    }

  hlg_credentials_store_async (sign_in->url, sign_in->account, sign_in->password,
                               g_task_get_cancellable (task), on_sign_in_stored_cb,
                               g_object_ref (task));
}

/**
 * hlg_application_sign_in_async:
 * @url: the server's address as the person typed it
 *
 * Asks the server whether @account and @password are right; only then
 * keeps the password in the keyring and the server and account in the
 * settings, and starts syncing. On any error nothing is kept.
 */
void
hlg_application_sign_in_async (HlgApplication      *self,
                               const char          *url,
                               const char          *account,
                               const char          *password,
                               GCancellable        *cancellable,
                               GAsyncReadyCallback  callback,
                               gpointer             user_data)
{
  g_autoptr(GTask) task = NULL;
  SignIn *sign_in;
  GError *error = NULL;

  g_return_if_fail (HLG_IS_APPLICATION (self));
  g_return_if_fail (url != NULL && account != NULL && password != NULL);

  task = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (task, hlg_application_sign_in_async);
  sign_in = g_new0 (SignIn, 1);
  g_task_set_task_data (task, sign_in, (GDestroyNotify) sign_in_free);
  sign_in->account = g_strstrip (g_strdup (account));
  sign_in->password = g_strdup (password);

  sign_in->url = check_server_url (url, &error);
  if (error == NULL && (sign_in->account[0] == '\0' || password[0] == '\0'))
    error = g_error_new_literal (G_IO_ERROR, G_IO_ERROR_INVALID_ARGUMENT,
                                 _("Both the account and the password are needed"));
  if (error == NULL && !hlg_application_has_setting (self, "server-url"))
    error = g_error_new_literal (G_IO_ERROR, G_IO_ERROR_NOT_SUPPORTED,
                                 _("The settings schema is not installed, so the sign-in "
                                   "could not be kept"));
  if (error != NULL)
    {
      g_task_return_error (task, error);
      return;
    }

  sign_in->checker = hlg_sync_client_new (self->store);
  hlg_sync_client_set_account (sign_in->checker, sign_in->url, sign_in->account,
                               sign_in->password);
  hlg_sync_client_check_login_async (sign_in->checker, cancellable, on_sign_in_checked_cb,
                                     g_steal_pointer (&task));
}

gboolean
hlg_application_sign_in_finish (HlgApplication  *self,
                                GAsyncResult    *result,
                                GError         **error)
{
  g_return_val_if_fail (g_task_is_valid (result, self), FALSE);

  return g_task_propagate_boolean (G_TASK (result), error);
}

static void
on_password_cleared_cb (GObject      *object,
                        GAsyncResult *result,
                        gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  GError *error = NULL;

  if (hlg_credentials_clear_finish (result, &error))
    g_task_return_boolean (task, TRUE);
  else
    g_task_return_error (task, error);
}

/**
 * hlg_application_sign_out_async:
 *
 * Forgets the server, the account and its password; the documents stay on
 * this computer and the app goes on working locally.
 */
void
hlg_application_sign_out_async (HlgApplication      *self,
                                GCancellable        *cancellable,
                                GAsyncReadyCallback  callback,
                                gpointer             user_data)
{
  g_autoptr(GTask) task = NULL;
  g_autofree char *url = NULL;
  g_autofree char *account = NULL;

  g_return_if_fail (HLG_IS_APPLICATION (self));

  task = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (task, hlg_application_sign_out_async);
  if (!hlg_application_has_server (self))
    {
      g_task_return_boolean (task, TRUE);
      return;
    }

  url = g_settings_get_string (self->settings, "server-url");
  account = g_settings_get_string (self->settings, "account-name");
  forget_env_password (self);
  set_account_settings (self, "", "");
  if (self->sync != NULL)
    hlg_sync_client_set_account (self->sync, NULL, NULL, NULL);
  hlg_credentials_clear_async (url, account, cancellable, on_password_cleared_cb,
                               g_steal_pointer (&task));
}

gboolean
hlg_application_sign_out_finish (HlgApplication  *self,
                                 GAsyncResult    *result,
                                 GError         **error)
{
  g_return_val_if_fail (g_task_is_valid (result, self), FALSE);

  return g_task_propagate_boolean (G_TASK (result), error);
}

static void
on_signed_out_cb (GObject      *object,
                  GAsyncResult *result,
                  gpointer      user_data)
{
  HlgApplication *self = HLG_APPLICATION (object);
  GtkWindow *window = gtk_application_get_active_window (GTK_APPLICATION (self));
  g_autoptr(GError) error = NULL;

  if (!hlg_application_sign_out_finish (self, result, &error) && HLG_IS_WINDOW (window))
    hlg_window_add_error (HLG_WINDOW (window), error);
}

static void
on_sign_out_response_cb (AdwMessageDialog *dialog,
                         const char       *response,
                         HlgApplication   *self)
{
  hlg_application_sign_out_async (self, NULL, on_signed_out_cb, NULL);
}

/**
 * hlg_application_confirm_sign_out:
 * @parent: the window the question belongs to
 *
 * Asks before signing out, saying what stays and what is not yet on the
 * server.
 *
 * Returns: (transfer none) (nullable): the dialog, or %NULL when no one
 *   is signed in
 */
GtkWindow *
hlg_application_confirm_sign_out (HlgApplication *self,
                                  GtkWindow      *parent)
{
  g_autofree char *url = NULL;
  g_autofree char *account = NULL;
  g_autoptr(GString) body = g_string_new (NULL);
  guint n_pending;
  AdwMessageDialog *dialog;

  g_return_val_if_fail (HLG_IS_APPLICATION (self), NULL);

  if (!hlg_application_has_server (self))
    return NULL;

  url = g_settings_get_string (self->settings, "server-url");
  account = g_settings_get_string (self->settings, "account-name");
  g_string_append_printf (body, _("Your documents stay on this computer and you go on working "
                                  "locally. The password of %s at %s is removed from the "
                                  "keyring."), account, url);
  n_pending = hlg_store_get_n_pending (self->store);
  if (n_pending > 0)
    {
      g_string_append (body, "\n\n");
      g_string_append_printf (body, g_dngettext (GETTEXT_PACKAGE,
                                                 "%u change has not reached the server yet. "
                                                 "It stays here, and the server gets it only "
                                                 "if you sign in again.",
                                                 "%u changes have not reached the server yet. "
                                                 "They stay here, and the server gets them only "
                                                 "if you sign in again.", n_pending),
                              n_pending);
    }

  dialog = ADW_MESSAGE_DIALOG (adw_message_dialog_new (parent, _("Sign Out?"), body->str));
  adw_message_dialog_add_responses (dialog, "cancel", _("_Cancel"), "sign-out", _("_Sign Out"), NULL);
  adw_message_dialog_set_response_appearance (dialog, "sign-out", ADW_RESPONSE_DESTRUCTIVE);
  adw_message_dialog_set_default_response (dialog, "cancel");
  adw_message_dialog_set_close_response (dialog, "cancel");
  g_signal_connect_object (dialog, "response::sign-out", G_CALLBACK (on_sign_out_response_cb),
                           self, 0);
  gtk_window_present (GTK_WINDOW (dialog));

  return GTK_WINDOW (dialog);
}

static void
hlg_application_startup (GApplication *app)
{
  HlgApplication *self = HLG_APPLICATION (app);
  g_autofree char *path = hlg_store_default_path ("local");

  G_APPLICATION_CLASS (hlg_application_parent_class)->startup (app);

  /* Pictures of each place show it settled, not half-way through a slide. */
  if (self->screenshots_dir != NULL)
    g_object_set (gtk_settings_get_default (), "gtk-enable-animations", FALSE, NULL);

  self->settings = settings_new_if_installed ();
  apply_environment (self);
  self->had_documents = store_has_documents (path);
  self->store = hlg_store_new (path);
  self->history = hlg_history_new (self->store);
  hlg_store_load_async (self->store, self->cancellable, on_store_loaded_cb, g_object_ref (self));

  self->sync = hlg_sync_client_new (self->store);
  if (self->settings != NULL)
    {
      g_signal_connect_object (self->settings, "changed::server-url",
                               G_CALLBACK (on_account_changed_cb), self, G_CONNECT_SWAPPED);
      g_signal_connect_object (self->settings, "changed::account-name",
                               G_CALLBACK (on_account_changed_cb), self, G_CONNECT_SWAPPED);
    }
  on_account_changed_cb (self);

  g_signal_connect_object (hlg_store_get_model (self->store, HLG_DOC_TYPE_PERSON), "items-changed",
                           G_CALLBACK (on_people_changed_cb), self, G_CONNECT_SWAPPED);
  update_role (self);
}

static HlgWindow *
ensure_window (HlgApplication *self)
{
  GtkWindow *window = gtk_application_get_active_window (GTK_APPLICATION (self));

  if (!HLG_IS_WINDOW (window))
    window = GTK_WINDOW (hlg_window_new (self));

  return HLG_WINDOW (window);
}

static void
hlg_application_activate (GApplication *app)
{
  HlgWindow *window = ensure_window (HLG_APPLICATION (app));

  gtk_window_present (GTK_WINDOW (window));
}

static void
hlg_application_shutdown (GApplication *app)
{
  HlgApplication *self = HLG_APPLICATION (app);

  g_cancellable_cancel (self->cancellable);
  if (self->sync != NULL)
    hlg_sync_client_stop (self->sync);

  G_APPLICATION_CLASS (hlg_application_parent_class)->shutdown (app);

  g_clear_object (&self->sync);
  g_clear_object (&self->history);
  g_clear_object (&self->store);
  g_clear_object (&self->settings);
}

static gint
hlg_application_handle_local_options (GApplication *app,
                                      GVariantDict *options)
{
  HlgApplication *self = HLG_APPLICATION (app);
  const char *dir = NULL;

  if (g_variant_dict_lookup (options, "screenshots", "^&ay", &dir))
    {
      self->screenshots_dir = g_strdup (dir);
      /* A run of its own, even while another instance is open. */
      g_application_set_flags (app, g_application_get_flags (app) | G_APPLICATION_NON_UNIQUE);
    }

  return -1;
}

static void
hlg_application_finalize (GObject *object)
{
  HlgApplication *self = HLG_APPLICATION (object);

  g_clear_object (&self->sync);
  g_clear_object (&self->history);
  g_clear_object (&self->store);
  g_clear_object (&self->settings);
  g_clear_object (&self->cancellable);
  g_clear_error (&self->load_error);
  g_clear_pointer (&self->pending_document, g_free);
  g_clear_pointer (&self->screenshots_dir, g_free);
  g_clear_pointer (&self->role, g_free);
  if (self->env_password != NULL)
    explicit_bzero (self->env_password, strlen (self->env_password));
  g_clear_pointer (&self->env_password, g_free);

  G_OBJECT_CLASS (hlg_application_parent_class)->finalize (object);
}

static void
hlg_application_get_property (GObject    *object,
                              guint       prop_id,
                              GValue     *value,
                              GParamSpec *pspec)
{
  HlgApplication *self = HLG_APPLICATION (object);

  switch (prop_id)
    {
    case PROP_ROLE:
      g_value_set_string (value, self->role);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

/* Actions */

static void
quit_action (GSimpleAction *action,
             GVariant      *parameter,
             gpointer       user_data)
{
  HlgApplication *self = HLG_APPLICATION (user_data);
  GList *windows = g_list_copy (gtk_application_get_windows (GTK_APPLICATION (self)));

  /* Closing each window first saves what is still being typed. */
  for (GList *l = windows; l != NULL; l = l->next)
    gtk_window_destroy (GTK_WINDOW (l->data));
  g_list_free (windows);

  g_application_quit (G_APPLICATION (self));
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
                         "website", "https://unece.org/statistics/modernisationmaturity",
                         "license-type", GTK_LICENSE_GPL_3_0,
                         "developers", developers,
                         NULL);
}

static void
show_place_action (GSimpleAction *action,
                   GVariant      *parameter,
                   gpointer       user_data)
{
  HlgWindow *window = ensure_window (HLG_APPLICATION (user_data));
  g_autoptr(GError) error = NULL;

  if (!hlg_window_show_place (window, g_variant_get_string (parameter, NULL), &error))
    hlg_window_add_error (window, error);
  gtk_window_present (GTK_WINDOW (window));
}

static void
open_document_action (GSimpleAction *action,
                      GVariant      *parameter,
                      gpointer       user_data)
{
  HlgApplication *self = HLG_APPLICATION (user_data);
  HlgWindow *window = ensure_window (self);
  g_autoptr(GError) error = NULL;

  /* A script may ask as the app starts (D-Bus activation starts it for
   * the action): the document is looked for once the store has loaded. */
  if (!self->load_done)
    {
      g_free (self->pending_document);
      self->pending_document = g_variant_dup_string (parameter, NULL);
      gtk_window_present (GTK_WINDOW (window));
      return;
    }

  /* The window validates the ID before anything else touches it. */
  if (!hlg_window_open_document (window, g_variant_get_string (parameter, NULL), &error))
    hlg_window_add_error (window, error);
  gtk_window_present (GTK_WINDOW (window));
}

static void
sync_action (GSimpleAction *action,
             GVariant      *parameter,
             gpointer       user_data)
{
  HlgApplication *self = HLG_APPLICATION (user_data);
  HlgWindow *window = ensure_window (self);

  hlg_window_sync (window);
}

static void
preferences_action (GSimpleAction *action,
                    GVariant      *parameter,
                    gpointer       user_data)
{
  HlgApplication *self = HLG_APPLICATION (user_data);
  HlgWindow *window = ensure_window (self);
  HlgPreferencesWindow *prefs = hlg_preferences_window_new (self);

  gtk_window_set_transient_for (GTK_WINDOW (prefs), GTK_WINDOW (window));
  gtk_window_present (GTK_WINDOW (prefs));
}

static void
shortcuts_action (GSimpleAction *action,
                  GVariant      *parameter,
                  gpointer       user_data)
{
  HlgWindow *window = ensure_window (HLG_APPLICATION (user_data));

  gtk_window_present (GTK_WINDOW (window));
  gtk_widget_activate_action (GTK_WIDGET (window), "win.show-help-overlay", NULL);
}

static void
work_locally_action (GSimpleAction *action,
                     GVariant      *parameter,
                     gpointer       user_data)
{
  HlgApplication *self = HLG_APPLICATION (user_data);

  if (hlg_application_has_setting (self, "first-run-done"))
    g_settings_set_boolean (self->settings, "first-run-done", TRUE);
}

static void
sign_out_action (GSimpleAction *action,
                 GVariant      *parameter,
                 gpointer       user_data)
{
  HlgApplication *self = HLG_APPLICATION (user_data);

  hlg_application_confirm_sign_out (self, GTK_WINDOW (ensure_window (self)));
}

static const GActionEntry app_actions[] = {
  { "quit", quit_action },
  { "about", about_action },
  { "show-place", show_place_action, "s" },
  { "open-document", open_document_action, "s" },
  { "sync", sync_action },
  { "preferences", preferences_action },
  { "shortcuts", shortcuts_action },
  { "work-locally", work_locally_action },
  { "sign-out", sign_out_action },
};

static const GOptionEntry option_entries[] = {
  { "screenshots", 0, G_OPTION_FLAG_NONE, G_OPTION_ARG_FILENAME, NULL,
    N_("Write a picture of every place into DIR, then quit"), N_("DIR") },
  { NULL }
};

static void
hlg_application_class_init (HlgApplicationClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GApplicationClass *app_class = G_APPLICATION_CLASS (klass);

  object_class->finalize = hlg_application_finalize;
  object_class->get_property = hlg_application_get_property;

  properties[PROP_ROLE] =
    g_param_spec_string ("role", NULL, NULL, "secretariat",
                         G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  app_class->startup = hlg_application_startup;
  app_class->activate = hlg_application_activate;
  app_class->shutdown = hlg_application_shutdown;
  app_class->handle_local_options = hlg_application_handle_local_options;
}

static void
set_accels (GtkApplication *app,
            const char     *action,
            const char     *accel)
{
  const char *accels[] = { accel, NULL };

  gtk_application_set_accels_for_action (app, action, accels);
}

static void
hlg_application_init (HlgApplication *self)
{
  static const char * const places[] = {
    "cycle", "proposals", "reviews", "workshop", "projects", "groups", "blue-skies"
  };
  GtkApplication *app = GTK_APPLICATION (self);

  self->cancellable = g_cancellable_new ();
  self->role = role_from_env ();
  if (self->role == NULL)
    self->role = g_strdup ("secretariat");

  g_action_map_add_action_entries (G_ACTION_MAP (self), app_actions,
                                   G_N_ELEMENTS (app_actions), self);
  g_application_add_main_option_entries (G_APPLICATION (self), option_entries);

  set_accels (app, "app.quit", "<Control>q");
  set_accels (app, "app.preferences", "<Control>comma");
  set_accels (app, "app.sync", "F5");
  set_accels (app, "win.new-proposal", "<Control>n");
  set_accels (app, "win.search", "<Control>f");
  set_accels (app, "win.back", "<Alt>Left");
  for (guint i = 0; i < G_N_ELEMENTS (places); i++)
    {
      g_autofree char *action = g_strdup_printf ("app.show-place::%s", places[i]);
      g_autofree char *accel = g_strdup_printf ("<Control>%u", i + 1);

      set_accels (app, action, accel);
    }
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

/**
 * hlg_application_get_history:
 *
 * Returns: (transfer none) (nullable): the versions of the store's
 *   documents kept on this computer; %NULL before start-up
 */
HlgHistory *
hlg_application_get_history (HlgApplication *self)
{
  g_return_val_if_fail (HLG_IS_APPLICATION (self), NULL);

  return self->history;
}

/**
 * hlg_application_get_settings:
 *
 * Returns: (transfer none) (nullable): the settings, or %NULL when their
 *   schema is not installed (the app then keeps nothing between runs)
 */
GSettings *
hlg_application_get_settings (HlgApplication *self)
{
  g_return_val_if_fail (HLG_IS_APPLICATION (self), NULL);

  return self->settings;
}

gboolean
hlg_application_has_setting (HlgApplication *self,
                             const char     *key)
{
  g_autoptr(GSettingsSchema) schema = NULL;

  g_return_val_if_fail (HLG_IS_APPLICATION (self), FALSE);

  if (self->settings == NULL)
    return FALSE;

  g_object_get (self->settings, "settings-schema", &schema, NULL);
  return g_settings_schema_has_key (schema, key);
}

/**
 * hlg_application_get_sync_client:
 *
 * Returns: (transfer none) (nullable): the sync client, when this build has one
 */
GObject *
hlg_application_get_sync_client (HlgApplication *self)
{
  g_return_val_if_fail (HLG_IS_APPLICATION (self), NULL);

  return G_OBJECT (self->sync);
}

const char *
hlg_application_get_screenshots_dir (HlgApplication *self)
{
  g_return_val_if_fail (HLG_IS_APPLICATION (self), NULL);

  return self->screenshots_dir;
}

gboolean
hlg_application_get_load_done (HlgApplication *self)
{
  g_return_val_if_fail (HLG_IS_APPLICATION (self), FALSE);

  return self->load_done;
}

const GError *
hlg_application_get_load_error (HlgApplication *self)
{
  g_return_val_if_fail (HLG_IS_APPLICATION (self), NULL);

  return self->load_error;
}

/* The account whose person is "me": the one in the settings, or "local". */
static char *
dup_my_account (HlgApplication *self)
{
  g_autofree char *account = NULL;

  if (hlg_application_has_setting (self, "account-name"))
    account = g_settings_get_string (self->settings, "account-name");
  if (account == NULL || account[0] == '\0')
    return g_strdup ("local");

  return g_steal_pointer (&account);
}

/**
 * hlg_application_find_me:
 *
 * Like hlg_application_ensure_me(), but only looks: for views that show
 * what is mine and write nothing until the person changes something.
 *
 * Returns: (transfer none) (nullable): the person, or %NULL when there is none yet
 */
HlgDocument *
hlg_application_find_me (HlgApplication *self)
{
  g_autofree char *account = NULL;

  g_return_val_if_fail (HLG_IS_APPLICATION (self), NULL);

  account = dup_my_account (self);
  return find_person (self, account);
}

/**
 * hlg_application_ensure_me:
 *
 * Finds the person document of whoever uses this app: the one whose
 * "account" is the account in the settings (or "local" without one),
 * writing it the first time when working locally; signed in to a server,
 * the server's person linked to the account.
 *
 * Returns: (transfer none) (nullable): the person, or %NULL with @error set
 */
HlgDocument *
hlg_application_ensure_me (HlgApplication  *self,
                           GError         **error)
{
  g_autofree char *account = NULL;
  g_autoptr(HlgDocument) me = NULL;
  HlgDocument *found;
  const char *name;
  JsonNode *roles;

  g_return_val_if_fail (HLG_IS_APPLICATION (self), NULL);

  found = hlg_application_find_me (self);
  if (found != NULL)
    return found;

  account = dup_my_account (self);
  /* On a server, the secretariat links each account to its person (the
   * server checks reviews and ballots against it, and refuses a person
   * written by anyone else): one made here would be refused. */
  if (hlg_application_has_server (self))
    {
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_NOT_FOUND,
                   _("No person on the server is linked to the account “%s” yet: sync, or ask "
                     "the secretariat to link it"),
                   account);
      return NULL;
    }

  name = g_get_real_name ();
  if (name == NULL || name[0] == '\0' || g_str_equal (name, "Unknown"))
    name = g_get_user_name ();

  me = hlg_document_new (HLG_DOC_TYPE_PERSON);
  roles = json_node_init_array (json_node_alloc (), json_array_new ());
  json_array_add_string_element (json_node_get_array (roles), "board");
  if (!hlg_document_set_string (me, "name", name, error) ||
      !hlg_document_set_string (me, "account", account, error) ||
      !hlg_document_set_member (me, "roles", roles, error) ||
      !hlg_store_save (self->store, me, error))
    return NULL;

  return me;
}
