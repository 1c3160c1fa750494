/* hlg-server-auth.c: password hashes, the verification cache and cookie sessions
 * SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "hlg-server-auth"

#include "config.h"

#include <glib/gi18n-lib.h>
#include <sodium.h>
#include <string.h>

#include "hlg-server.h"
#include "hlg-server-auth.h"

/* Past this many entries the cache starts again: it only saves time. */
#define MAX_CACHED 4096
#define MAX_SESSIONS 4096
/* A cookie session lasts this long after its last use. */
#define SESSION_IDLE_USEC (12 * G_TIME_SPAN_HOUR)

typedef struct
{
  char  *name;
  gint64 expires; /* monotonic */
} Session;

struct _HlgServerAuth
{
  /* Basic auth sends the password each time; a successful check is kept
   * under a keyed hash of name and password so that neither is stored. */
  guchar      key[crypto_generichash_KEYBYTES];
  GHashTable *verified; /* keyed hash (hex) -> account name */
  GHashTable *sessions; /* token -> Session */
};

static void
session_free (gpointer data)
{
  Session *session = data;

  g_free (session->name);
  g_free (session);
}

gboolean
hlg_server_auth_init (GError **error)
{
  if (sodium_init () < 0)
    {
      g_set_error_literal (error, HLG_SERVER_ERROR, HLG_SERVER_ERROR_FAILED,
                           _("Cannot initialise libsodium"));
      return FALSE;
    }

  return TRUE;
}

char *
hlg_server_auth_hash_password (const char  *password,
                               GError     **error)
{
  char hash[crypto_pwhash_STRBYTES];

  g_return_val_if_fail (password != NULL, NULL);

  if (crypto_pwhash_str (hash, password, strlen (password),
                         crypto_pwhash_OPSLIMIT_INTERACTIVE,
                         crypto_pwhash_MEMLIMIT_INTERACTIVE) != 0)
    {
      g_set_error_literal (error, HLG_SERVER_ERROR, HLG_SERVER_ERROR_FAILED,
                           _("Not enough memory to hash the password"));
      return NULL;
    }

  return g_strdup (hash);
}

/* Slow on purpose (argon2id) and safe to call from any thread. */
gboolean
hlg_server_auth_verify_password (const char *hash,
                                 const char *password)
{
  g_return_val_if_fail (password != NULL, FALSE);

  if (hash == NULL)
    {
      /* No such account: spend the same time as for a real one. */
      g_autofree char *wasted = hlg_server_auth_hash_password (password, NULL);

      return FALSE;
    }

  return crypto_pwhash_str_verify (hash, password, strlen (password)) == 0;
}

HlgServerAuth *
hlg_server_auth_new (void)
{
  HlgServerAuth *auth = g_new0 (HlgServerAuth, 1);

  crypto_generichash_keygen (auth->key);
  auth->verified = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
  auth->sessions = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, session_free);

  return auth;
}

void
hlg_server_auth_free (HlgServerAuth *auth)
{
  if (auth == NULL)
    return;

  sodium_memzero (auth->key, sizeof auth->key);
  g_hash_table_unref (auth->verified);
  g_hash_table_unref (auth->sessions);
  g_free (auth);
}

char *
hlg_server_auth_cache_key (HlgServerAuth *auth,
                           const char    *name,
                           const char    *password)
{
  crypto_generichash_state state;
  guchar digest[32];
  char hex[2 * sizeof digest + 1];

  crypto_generichash_init (&state, auth->key, sizeof auth->key, sizeof digest);
  /* The NUL keeps "ab"+"c" apart from "a"+"bc". */
  crypto_generichash_update (&state, (const guchar *) name, strlen (name) + 1);
  crypto_generichash_update (&state, (const guchar *) password, strlen (password));
  crypto_generichash_final (&state, digest, sizeof digest);
  sodium_bin2hex (hex, sizeof hex, digest, sizeof digest);

  return g_strdup (hex);
}

gboolean
hlg_server_auth_cache_lookup (HlgServerAuth *auth,
                              const char    *key)
{
  return g_hash_table_contains (auth->verified, key);
}

void
hlg_server_auth_cache_add (HlgServerAuth *auth,
                           const char    *key,
                           const char    *name)
{
  if (g_hash_table_size (auth->verified) >= MAX_CACHED)
    g_hash_table_remove_all (auth->verified);

  g_hash_table_insert (auth->verified, g_strdup (key), g_strdup (name));
}

static gboolean
value_is_name (gpointer key,
               gpointer value,
               gpointer user_data)
{
  return g_strcmp0 (value, user_data) == 0;
}

static gboolean
session_is_name (gpointer key,
                 gpointer value,
                 gpointer user_data)
{
  Session *session = value;

  return g_strcmp0 (session->name, user_data) == 0;
}

/* After a password change: the old password must stop working at once. */
void
hlg_server_auth_forget (HlgServerAuth *auth,
                        const char    *name)
{
  g_hash_table_foreach_remove (auth->verified, value_is_name, (gpointer) name);
  g_hash_table_foreach_remove (auth->sessions, session_is_name, (gpointer) name);
}

static gboolean
session_expired (gpointer key,
                 gpointer value,
                 gpointer user_data)
{
  Session *session = value;

  return session->expires < *(gint64 *) user_data;
}

char *
hlg_server_auth_session_new (HlgServerAuth *auth,
                             const char    *name)
{
  guchar bytes[32];
  char token[2 * sizeof bytes + 1];
  Session *session;
  gint64 now = g_get_monotonic_time ();

  if (g_hash_table_size (auth->sessions) >= MAX_SESSIONS)
    g_hash_table_foreach_remove (auth->sessions, session_expired, &now);

  randombytes_buf (bytes, sizeof bytes);
  sodium_bin2hex (token, sizeof token, bytes, sizeof bytes);

  session = g_new0 (Session, 1);
  session->name = g_strdup (name);
  session->expires = now + SESSION_IDLE_USEC;
  g_hash_table_insert (auth->sessions, g_strdup (token), session);

  return g_strdup (token);
}

const char *
hlg_server_auth_session_lookup (HlgServerAuth *auth,
                                const char    *token)
{
  Session *session = g_hash_table_lookup (auth->sessions, token);
  gint64 now = g_get_monotonic_time ();

  if (session == NULL)
    return NULL;

  if (session->expires < now)
    {
      g_hash_table_remove (auth->sessions, token);
      return NULL;
    }

  session->expires = now + SESSION_IDLE_USEC;
  return session->name;
}

void
hlg_server_auth_session_remove (HlgServerAuth *auth,
                                const char    *token)
{
  g_hash_table_remove (auth->sessions, token);
}
