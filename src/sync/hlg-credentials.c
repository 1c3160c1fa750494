/* hlg-credentials.c: account passwords in the keyring, or in memory only
 * SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "hlg-credentials"

#include "config.h"

#include <glib/gi18n-lib.h>
#include <libsecret/secret.h>

#include "hlg-credentials.h"

/* Where there is no Secret Service (tests, bare machines), passwords live
 * in this table for the life of the process and are never written out. */
static GMutex memory_lock;
static GHashTable *memory_passwords; /* "server\naccount" -> password */
static gboolean keyring_failed;

static const SecretSchema *
get_schema (void)
{
  static const SecretSchema schema = {
    HLG_CREDENTIALS_SCHEMA_NAME, SECRET_SCHEMA_NONE,
    {
      { "server", SECRET_SCHEMA_ATTRIBUTE_STRING },
      { "account", SECRET_SCHEMA_ATTRIBUTE_STRING },
      { NULL, 0 },
    }
  };

  return &schema;
}

/**
 * hlg_credentials_use_memory:
 *
 * Returns: whether passwords are kept in memory only: HLGMOS_CREDENTIALS
 *   is "memory", there is no session bus to reach a Secret Service on, or
 *   the Secret Service failed earlier
 */
gboolean
hlg_credentials_use_memory (void)
{
  const char *env = g_getenv ("HLGMOS_CREDENTIALS");
  g_autofree char *bus = NULL;

  if (g_strcmp0 (env, "memory") == 0 || g_atomic_int_get (&keyring_failed))
    return TRUE;
  if (g_getenv ("DBUS_SESSION_BUS_ADDRESS") != NULL)
    return FALSE;

  /* Without either, GDBus would try to autolaunch a bus through X11. */
  bus = g_build_filename (g_get_user_runtime_dir (), "bus", NULL);
  return !g_file_test (bus, G_FILE_TEST_EXISTS);
}

static char *
memory_key (const char *server,
            const char *account)
{
  return g_strdup_printf ("%s\n%s", server, account);
}

static void
memory_set (const char *server,
            const char *account,
            const char *password)
{
  g_mutex_lock (&memory_lock);
  if (memory_passwords == NULL)
    memory_passwords = g_hash_table_new_full (g_str_hash, g_str_equal, g_free,
                                              (GDestroyNotify) secret_password_free);
  if (password != NULL)
    g_hash_table_insert (memory_passwords, memory_key (server, account), g_strdup (password));
  else
    {
      g_autofree char *key = memory_key (server, account);

      g_hash_table_remove (memory_passwords, key);
    }
  g_mutex_unlock (&memory_lock);
}

static char *
memory_get (const char *server,
            const char *account)
{
  g_autofree char *key = memory_key (server, account);
  char *password = NULL;

  g_mutex_lock (&memory_lock);
  if (memory_passwords != NULL)
    password = g_strdup (g_hash_table_lookup (memory_passwords, key));
  g_mutex_unlock (&memory_lock);

  return password;
}

/* The keyring failing for want of a service: use memory from now on. */
static gboolean
is_unavailable (const GError *error)
{
  return error->domain == G_DBUS_ERROR || error->domain == G_IO_ERROR ||
         g_error_matches (error, SECRET_ERROR, SECRET_ERROR_PROTOCOL);
}

typedef struct
{
  char *server;
  char *account;
  char *password;
} Request;

static void
request_free (Request *request)
{
  g_free (request->server);
  g_free (request->account);
  secret_password_free (request->password);
  g_free (request);
}

static GTask *
request_task (const char          *server,
              const char          *account,
              const char          *password,
              GCancellable        *cancellable,
              GAsyncReadyCallback  callback,
              gpointer             user_data,
              gpointer             source_tag)
{
  GTask *task = g_task_new (NULL, cancellable, callback, user_data);
  Request *request = g_new0 (Request, 1);

  g_task_set_source_tag (task, source_tag);
  request->server = g_strdup (server);
  request->account = g_strdup (account);
  request->password = g_strdup (password);
  g_task_set_task_data (task, request, (GDestroyNotify) request_free);
  return task;
}

static void
stored_cb (GObject      *object,
           GAsyncResult *result,
           gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  g_autoptr(GError) error = NULL;
  Request *request = g_task_get_task_data (task);

  if (!secret_password_store_finish (result, &error))
    {
      if (!is_unavailable (error))
        {
          g_task_return_error (task, g_steal_pointer (&error));
          return;
        }
      g_message ("No keyring (%s); the password is kept in memory only", error->message);
      g_atomic_int_set (&keyring_failed, TRUE);
      memory_set (request->server, request->account, request->password);
    }

  g_task_return_boolean (task, TRUE);
}

void
hlg_credentials_store_async (const char          *server,
                             const char          *account,
                             const char          *password,
                             GCancellable        *cancellable,
                             GAsyncReadyCallback  callback,
                             gpointer             user_data)
{
  g_autoptr(GTask) task = NULL;
  g_autofree char *label = NULL;

  g_return_if_fail (server != NULL && account != NULL && password != NULL);

  task = request_task (server, account, password, cancellable, callback, user_data,
                       hlg_credentials_store_async);
  if (hlg_credentials_use_memory ())
    {
      memory_set (server, account, password);
      g_task_return_boolean (task, TRUE);
      return;
    }

  /* Translators: the keyring's label; %s are an account name and a server URL. */
  label = g_strdup_printf (_("HLG-MOS password for %s at %s"), account, server);
  secret_password_store (get_schema (), SECRET_COLLECTION_DEFAULT, label, password, cancellable,
                         stored_cb, g_steal_pointer (&task),
                         "server", server, "account", account, NULL);
}

gboolean
hlg_credentials_store_finish (GAsyncResult  *result,
                              GError       **error)
{
  g_return_val_if_fail (g_task_is_valid (result, NULL), FALSE);

  return g_task_propagate_boolean (G_TASK (result), error);
}

static void
looked_up_cb (GObject      *object,
              GAsyncResult *result,
              gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  g_autoptr(GError) error = NULL;
  Request *request = g_task_get_task_data (task);
  char *password = secret_password_lookup_finish (result, &error);

  if (error != NULL)
    {
      if (!is_unavailable (error))
        {
          g_task_return_error (task, g_steal_pointer (&error));
          return;
        }
      g_atomic_int_set (&keyring_failed, TRUE);
      password = memory_get (request->server, request->account);
    }

  g_task_return_pointer (task, password, (GDestroyNotify) secret_password_free);
}

/* Finishes with the password, or %NULL without an error when none is kept. */
void
hlg_credentials_lookup_async (const char          *server,
                              const char          *account,
                              GCancellable        *cancellable,
                              GAsyncReadyCallback  callback,
                              gpointer             user_data)
{
  g_autoptr(GTask) task = NULL;

  g_return_if_fail (server != NULL && account != NULL);

  task = request_task (server, account, NULL, cancellable, callback, user_data,
                       hlg_credentials_lookup_async);
  if (hlg_credentials_use_memory ())
    {
      g_task_return_pointer (task, memory_get (server, account), (GDestroyNotify) secret_password_free);
      return;
    }

  secret_password_lookup (get_schema (), cancellable, looked_up_cb, g_steal_pointer (&task),
                          "server", server, "account", account, NULL);
}

/**
 * hlg_credentials_lookup_finish:
 *
 * Returns: (transfer full) (nullable): the password, to free with
 *   secret_password_free(); %NULL if none is kept or on error
 */
char *
hlg_credentials_lookup_finish (GAsyncResult  *result,
                               GError       **error)
{
  g_return_val_if_fail (g_task_is_valid (result, NULL), NULL);

  return g_task_propagate_pointer (G_TASK (result), error);
}

static void
cleared_cb (GObject      *object,
            GAsyncResult *result,
            gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  g_autoptr(GError) error = NULL;
  Request *request = g_task_get_task_data (task);

  secret_password_clear_finish (result, &error);
  memory_set (request->server, request->account, NULL);
  if (error != NULL && !is_unavailable (error))
    g_task_return_error (task, g_steal_pointer (&error));
  else
    g_task_return_boolean (task, TRUE);
}

void
hlg_credentials_clear_async (const char          *server,
                             const char          *account,
                             GCancellable        *cancellable,
                             GAsyncReadyCallback  callback,
                             gpointer             user_data)
{
  g_autoptr(GTask) task = NULL;

  g_return_if_fail (server != NULL && account != NULL);

  task = request_task (server, account, NULL, cancellable, callback, user_data,
                       hlg_credentials_clear_async);
  if (hlg_credentials_use_memory ())
    {
      memory_set (server, account, NULL);
      g_task_return_boolean (task, TRUE);
      return;
    }

  secret_password_clear (get_schema (), cancellable, cleared_cb, g_steal_pointer (&task),
                         "server", server, "account", account, NULL);
}

gboolean
hlg_credentials_clear_finish (GAsyncResult  *result,
                              GError       **error)
{
  g_return_val_if_fail (g_task_is_valid (result, NULL), FALSE);

  return g_task_propagate_boolean (G_TASK (result), error);
}
