/* hlg-server-db.c: the server's SQLite database: documents, accounts, metadata
 * SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "hlg-server-db"

#include "config.h"

#include <glib/gi18n-lib.h>
#include <sqlite3.h>

#include "hlg-server.h"
#include "hlg-server-db.h"

/* The WAL is copied back into the database once it holds this many pages
 * (SQLite's own default number). */
#define CHECKPOINT_PAGES 1000

struct _HlgServerDb
{
  sqlite3    *handle;
  GHashTable *statements; /* static SQL text -> sqlite3_stmt */
  char       *uuid;
  gint64      update_seq;

  /* Checkpoints run in a thread with a connection of its own, so that no
   * request waits while the WAL is copied back and flushed. A commit is
   * as durable either way: it is in the WAL when COMMIT returns. */
  sqlite3    *checkpoint_handle;
  GThread    *checkpointer;
  GMutex      lock;
  GCond       wake;
  gboolean    checkpoint_wanted;
  gboolean    closing;
};

static const char schema_sql[] =
  "CREATE TABLE IF NOT EXISTS meta ("
  "  key TEXT PRIMARY KEY, value TEXT NOT NULL);"
  "CREATE TABLE IF NOT EXISTS docs ("
  "  id TEXT PRIMARY KEY, type TEXT NOT NULL, rev TEXT NOT NULL,"
  "  seq INTEGER NOT NULL UNIQUE, deleted INTEGER NOT NULL DEFAULT 0,"
  "  created_by TEXT NOT NULL, body TEXT NOT NULL);"
  "CREATE INDEX IF NOT EXISTS docs_type ON docs (type);"
  "CREATE TABLE IF NOT EXISTS accounts ("
  "  name TEXT PRIMARY KEY, password_hash TEXT NOT NULL, role TEXT NOT NULL,"
  "  person_id TEXT);"
  /* _local/ documents (replication checkpoints): each account has its own. */
  "CREATE TABLE IF NOT EXISTS local_docs ("
  "  account TEXT NOT NULL, id TEXT NOT NULL, rev TEXT NOT NULL, body TEXT NOT NULL,"
  "  PRIMARY KEY (account, id));";

void
hlg_server_row_free (HlgServerRow *row)
{
  if (row == NULL)
    return;
  g_free (row->id);
  g_free (row->rev);
  g_free (row->created_by);
  g_free (row->body);
  g_free (row);
}

void
hlg_server_account_row_free (HlgServerAccountRow *row)
{
  if (row == NULL)
    return;
  g_free (row->name);
  g_free (row->password_hash);
  g_free (row->role);
  g_free (row->person_id);
  g_free (row);
}

static gboolean
db_error (HlgServerDb *db,
          GError     **error)
{
  g_set_error (error, HLG_SERVER_ERROR, HLG_SERVER_ERROR_DATABASE,
               _("Database error: %s"), sqlite3_errmsg (db->handle));
  return FALSE;
}

static gboolean
exec (HlgServerDb *db,
      const char  *sql,
      GError     **error)
{
  char *message = NULL;

  if (sqlite3_exec (db->handle, sql, NULL, NULL, &message) != SQLITE_OK)
    {
      g_set_error (error, HLG_SERVER_ERROR, HLG_SERVER_ERROR_DATABASE,
                   _("Database error: %s"), message ? message : "?");
      sqlite3_free (message);
      return FALSE;
    }

  return TRUE;
}

/* Statements are prepared once and kept: @sql must be a static string. */
static sqlite3_stmt *
prepare (HlgServerDb *db,
         const char  *sql)
{
  sqlite3_stmt *stmt = g_hash_table_lookup (db->statements, sql);

  if (stmt != NULL)
    {
      sqlite3_reset (stmt);
      sqlite3_clear_bindings (stmt);
      return stmt;
    }

  if (sqlite3_prepare_v2 (db->handle, sql, -1, &stmt, NULL) != SQLITE_OK)
    {
      g_critical ("Cannot prepare “%s”: %s", sql, sqlite3_errmsg (db->handle));
      return NULL;
    }

  g_hash_table_insert (db->statements, (gpointer) sql, stmt);
  return stmt;
}

static char *
column_dup (sqlite3_stmt *stmt,
            int           column)
{
  const unsigned char *text = sqlite3_column_text (stmt, column);

  return text ? g_strdup ((const char *) text) : NULL;
}

/* Runs a statement that returns no rows. */
static gboolean
step_done (HlgServerDb   *db,
           sqlite3_stmt  *stmt,
           GError       **error)
{
  int rc = sqlite3_step (stmt);

  sqlite3_reset (stmt);
  return rc == SQLITE_DONE || db_error (db, error);
}

/* The first column of the first row, or @fallback when there is none. */
static gint64
step_int64 (sqlite3_stmt *stmt,
            gint64        fallback)
{
  gint64 value = fallback;

  if (sqlite3_step (stmt) == SQLITE_ROW)
    value = sqlite3_column_int64 (stmt, 0);
  sqlite3_reset (stmt);

  return value;
}

static char *
meta_get (HlgServerDb *db,
          const char  *key)
{
  sqlite3_stmt *stmt = prepare (db, "SELECT value FROM meta WHERE key = ?1");
  char *value = NULL;

  sqlite3_bind_text (stmt, 1, key, -1, SQLITE_STATIC);
  if (sqlite3_step (stmt) == SQLITE_ROW)
    value = column_dup (stmt, 0);
  sqlite3_reset (stmt);

  return value;
}

static gboolean
meta_set (HlgServerDb *db,
          const char  *key,
          const char  *value,
          GError     **error)
{
  sqlite3_stmt *stmt = prepare (db, "INSERT OR REPLACE INTO meta (key, value) VALUES (?1, ?2)");

  sqlite3_bind_text (stmt, 1, key, -1, SQLITE_STATIC);
  sqlite3_bind_text (stmt, 2, value, -1, SQLITE_STATIC);

  return step_done (db, stmt, error);
}

static gpointer
checkpoint_thread (gpointer data)
{
  HlgServerDb *db = data;
  sqlite3 *handle = db->checkpoint_handle;

  g_mutex_lock (&db->lock);
  while (!db->closing)
    {
      if (!db->checkpoint_wanted)
        {
          g_cond_wait (&db->wake, &db->lock);
          continue;
        }
      db->checkpoint_wanted = FALSE;
      g_mutex_unlock (&db->lock);

      /* Passive: copies what no reader still needs, never blocks a writer. */
      if (sqlite3_wal_checkpoint_v2 (handle, NULL, SQLITE_CHECKPOINT_PASSIVE, NULL, NULL) != SQLITE_OK)
        g_warning ("WAL checkpoint failed: %s", sqlite3_errmsg (handle));

      g_mutex_lock (&db->lock);
    }
  g_mutex_unlock (&db->lock);

  return NULL;
}

/* After each commit: wakes the checkpointer once the WAL has grown. */
static int
wal_committed_cb (gpointer    user_data,
                  sqlite3    *handle,
                  const char *name,
                  int         n_pages)
{
  HlgServerDb *db = user_data;

  if (n_pages >= CHECKPOINT_PAGES)
    {
      g_mutex_lock (&db->lock);
      db->checkpoint_wanted = TRUE;
      g_cond_signal (&db->wake);
      g_mutex_unlock (&db->lock);
    }

  return SQLITE_OK;
}

/* Checkpoints in a thread of their own from now on; when its connection
 * cannot be opened, SQLite's own checkpoints after commits go on. */
static void
start_checkpointer (HlgServerDb *db,
                    const char  *path)
{
  /* The connection learns the database is in WAL mode by reading it:
   * until then a checkpoint is nothing at all. */
  if (sqlite3_open_v2 (path, &db->checkpoint_handle, SQLITE_OPEN_READWRITE | SQLITE_OPEN_NOMUTEX,
                       NULL) != SQLITE_OK ||
      sqlite3_exec (db->checkpoint_handle, "PRAGMA journal_mode=WAL;", NULL, NULL, NULL) != SQLITE_OK)
    {
      g_warning ("Cannot open the database for checkpoints: %s",
                 db->checkpoint_handle ? sqlite3_errmsg (db->checkpoint_handle) : g_strerror (ENOMEM));
      g_clear_pointer (&db->checkpoint_handle, sqlite3_close);
      return;
    }

  sqlite3_wal_hook (db->handle, wal_committed_cb, db);
  db->checkpointer = g_thread_new ("hlg-checkpoint", checkpoint_thread, db);
}

static void
finalize_statement (gpointer data)
{
  sqlite3_finalize (data);
}

HlgServerDb *
hlg_server_db_open (const char  *path,
                    GError     **error)
{
  g_autoptr(GString) uuid = NULL;
  HlgServerDb *db;
  sqlite3_stmt *stmt;

  g_return_val_if_fail (path != NULL, NULL);

  db = g_new0 (HlgServerDb, 1);
  db->statements = g_hash_table_new_full (g_direct_hash, g_direct_equal, NULL, finalize_statement);
  g_mutex_init (&db->lock);
  g_cond_init (&db->wake);

  if (sqlite3_open_v2 (path, &db->handle,
                       SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE | SQLITE_OPEN_NOMUTEX,
                       NULL) != SQLITE_OK)
    {
      g_set_error (error, HLG_SERVER_ERROR, HLG_SERVER_ERROR_DATABASE,
                   _("Cannot open the database “%s”: %s"), path,
                   db->handle ? sqlite3_errmsg (db->handle) : g_strerror (ENOMEM));
      hlg_server_db_close (db);
      return NULL;
    }

  sqlite3_busy_timeout (db->handle, 5000);
  /* WAL with synchronous=NORMAL: a commit survives the process crashing
   * (it is in the WAL file, written before COMMIT returns); after a power
   * loss the last commits may be lost, but the database stays consistent.
   * Pages of 16 KB (for a new database) hold a large document without
   * overflow pages, and a commit writes fewer frames. 4 MB of cache: a
   * larger _bulk_docs transaction spills pages to the WAL before COMMIT,
   * which WAL mode does at no extra cost, while a cache that held it all
   * (64 MB before) made every page written fresh memory to touch: 10,000
   * documents took 10 % longer. The indexes stay well within 4 MB. */
  if (!exec (db, "PRAGMA page_size=16384; PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL; "
                 "PRAGMA foreign_keys=ON; PRAGMA cache_size=-4096;", error) ||
      !exec (db, schema_sql, error))
    {
      hlg_server_db_close (db);
      return NULL;
    }
  start_checkpointer (db, path);

  db->uuid = meta_get (db, "uuid");
  if (db->uuid == NULL)
    {
      g_autofree char *random = g_uuid_string_random ();

      /* 32 hex digits, as CouchDB's server uuid. */
      uuid = g_string_new (NULL);
      for (const char *p = random; *p; p++)
        if (*p != '-')
          g_string_append_c (uuid, *p);
      if (!meta_set (db, "uuid", uuid->str, error))
        {
          hlg_server_db_close (db);
          return NULL;
        }
      db->uuid = g_string_free (g_steal_pointer (&uuid), FALSE);
    }

  stmt = prepare (db, "SELECT COALESCE(MAX(seq), 0) FROM docs");
  db->update_seq = step_int64 (stmt, db->update_seq);

  return db;
}

void
hlg_server_db_checkpoint (HlgServerDb *db)
{
  g_return_if_fail (db != NULL);

  if (sqlite3_wal_checkpoint_v2 (db->handle, NULL, SQLITE_CHECKPOINT_TRUNCATE, NULL, NULL) != SQLITE_OK)
    g_warning ("WAL checkpoint failed: %s", sqlite3_errmsg (db->handle));
}

void
hlg_server_db_close (HlgServerDb *db)
{
  if (db == NULL)
    return;

  if (db->checkpointer != NULL)
    {
      g_mutex_lock (&db->lock);
      db->closing = TRUE;
      g_cond_signal (&db->wake);
      g_mutex_unlock (&db->lock);
      g_thread_join (db->checkpointer);
    }
  g_clear_pointer (&db->checkpoint_handle, sqlite3_close);
  g_clear_pointer (&db->statements, g_hash_table_unref);
  if (db->handle != NULL)
    {
      hlg_server_db_checkpoint (db);
      sqlite3_close (db->handle);
    }
  g_mutex_clear (&db->lock);
  g_cond_clear (&db->wake);
  g_free (db->uuid);
  g_free (db);
}

const char *
hlg_server_db_get_uuid (HlgServerDb *db)
{
  return db->uuid;
}

gint64
hlg_server_db_get_update_seq (HlgServerDb *db)
{
  return db->update_seq;
}

gint64
hlg_server_db_get_doc_count (HlgServerDb *db)
{
  sqlite3_stmt *stmt = prepare (db, "SELECT COUNT(*) FROM docs WHERE deleted = 0");

  return step_int64 (stmt, 0);
}

gboolean
hlg_server_db_begin (HlgServerDb *db,
                     GError     **error)
{
  return exec (db, "BEGIN IMMEDIATE", error);
}

gboolean
hlg_server_db_commit (HlgServerDb *db,
                      GError     **error)
{
  if (!exec (db, "COMMIT", error))
    {
      hlg_server_db_rollback (db);
      return FALSE;
    }

  return TRUE;
}

void
hlg_server_db_rollback (HlgServerDb *db)
{
  sqlite3_stmt *stmt;

  if (!sqlite3_get_autocommit (db->handle))
    exec (db, "ROLLBACK", NULL);

  /* The sequence counter must follow what was really kept. */
  stmt = prepare (db, "SELECT COALESCE(MAX(seq), 0) FROM docs");
  db->update_seq = step_int64 (stmt, db->update_seq);
}

static HlgServerRow *
row_from_statement (sqlite3_stmt *stmt)
{
  HlgServerRow *row = g_new0 (HlgServerRow, 1);

  row->id = column_dup (stmt, 0);
  row->rev = column_dup (stmt, 1);
  row->seq = sqlite3_column_int64 (stmt, 2);
  row->deleted = sqlite3_column_int (stmt, 3) != 0;
  row->created_by = column_dup (stmt, 4);
  row->body = column_dup (stmt, 5);

  return row;
}

/* Every row of a statement selecting documents, or NULL on error. */
static GPtrArray *
step_rows (HlgServerDb   *db,
           sqlite3_stmt  *stmt,
           GError       **error)
{
  g_autoptr(GPtrArray) rows = g_ptr_array_new_with_free_func ((GDestroyNotify) hlg_server_row_free);
  int rc;

  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    g_ptr_array_add (rows, row_from_statement (stmt));
  sqlite3_reset (stmt);
  if (rc != SQLITE_DONE)
    {
      db_error (db, error);
      return NULL;
    }

  return g_steal_pointer (&rows);
}

HlgServerRow *
hlg_server_db_lookup (HlgServerDb *db,
                      const char  *id,
                      GError     **error)
{
  sqlite3_stmt *stmt = prepare (db, "SELECT id, rev, seq, deleted, created_by, body "
                                    "FROM docs WHERE id = ?1");
  HlgServerRow *row = NULL;
  int rc;

  sqlite3_bind_text (stmt, 1, id, -1, SQLITE_STATIC);
  rc = sqlite3_step (stmt);
  if (rc == SQLITE_ROW)
    row = row_from_statement (stmt);
  else if (rc != SQLITE_DONE)
    db_error (db, error);
  sqlite3_reset (stmt);

  return row;
}

gboolean
hlg_server_db_put (HlgServerDb *db,
                   const char  *id,
                   const char  *type,
                   const char  *rev,
                   gboolean     deleted,
                   const char  *created_by,
                   const char  *body,
                   gint64      *out_seq,
                   GError     **error)
{
  sqlite3_stmt *stmt = prepare (db, "INSERT OR REPLACE INTO docs "
                                    "(id, type, rev, seq, deleted, created_by, body) "
                                    "VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7)");
  gint64 seq = db->update_seq + 1;

  sqlite3_bind_text (stmt, 1, id, -1, SQLITE_STATIC);
  sqlite3_bind_text (stmt, 2, type, -1, SQLITE_STATIC);
  sqlite3_bind_text (stmt, 3, rev, -1, SQLITE_STATIC);
  sqlite3_bind_int64 (stmt, 4, seq);
  sqlite3_bind_int (stmt, 5, deleted ? 1 : 0);
  sqlite3_bind_text (stmt, 6, created_by, -1, SQLITE_STATIC);
  sqlite3_bind_text (stmt, 7, body, -1, SQLITE_STATIC);
  if (!step_done (db, stmt, error))
    return FALSE;

  db->update_seq = seq;
  if (out_seq != NULL)
    *out_seq = seq;

  return TRUE;
}

GPtrArray *
hlg_server_db_changes (HlgServerDb *db,
                       gint64       since,
                       guint        limit,
                       GError     **error)
{
  sqlite3_stmt *stmt = prepare (db, "SELECT id, rev, seq, deleted, created_by, body "
                                    "FROM docs WHERE seq > ?1 ORDER BY seq LIMIT ?2");

  sqlite3_bind_int64 (stmt, 1, since);
  sqlite3_bind_int64 (stmt, 2, limit);
  return step_rows (db, stmt, error);
}

gint64
hlg_server_db_count_after (HlgServerDb *db,
                           gint64       seq)
{
  sqlite3_stmt *stmt = prepare (db, "SELECT COUNT(*) FROM docs WHERE seq > ?1");

  sqlite3_bind_int64 (stmt, 1, seq);
  return step_int64 (stmt, 0);
}

GPtrArray *
hlg_server_db_all_docs (HlgServerDb *db,
                        GError     **error)
{
  sqlite3_stmt *stmt = prepare (db, "SELECT id, rev, seq, deleted, created_by, body "
                                    "FROM docs WHERE deleted = 0 ORDER BY id");

  return step_rows (db, stmt, error);
}

static GHashTable *
collect_strings (sqlite3_stmt *stmt)
{
  GHashTable *set = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);

  while (sqlite3_step (stmt) == SQLITE_ROW)
    {
      char *value = column_dup (stmt, 0);

      if (value != NULL)
        g_hash_table_add (set, value);
    }
  sqlite3_reset (stmt);

  return set;
}

/* The proposals for which @person_id's own review declares a conflict of interest. */
GHashTable *
hlg_server_db_conflicted_proposals (HlgServerDb *db,
                                    const char  *person_id)
{
  sqlite3_stmt *stmt = prepare (db, "SELECT json_extract (body, '$.proposal') FROM docs "
                                    "WHERE type = 'review' AND deleted = 0 "
                                    "AND json_extract (body, '$.reviewer') = ?1 "
                                    "AND json_extract (body, '$.conflict_of_interest') = 1");

  sqlite3_bind_text (stmt, 1, person_id ? person_id : "", -1, SQLITE_STATIC);
  return collect_strings (stmt);
}

/* The proposals @account created, or lists @person_id among the authors of. */
GHashTable *
hlg_server_db_own_proposals (HlgServerDb *db,
                             const char  *account,
                             const char  *person_id)
{
  sqlite3_stmt *stmt = prepare (db, "SELECT id FROM docs WHERE type = 'proposal' "
                                    "AND (created_by = ?1 OR (?2 IS NOT NULL AND EXISTS "
                                    "(SELECT 1 FROM json_each (docs.body, '$.authors') "
                                    "WHERE json_each.value = ?2)))");

  sqlite3_bind_text (stmt, 1, account, -1, SQLITE_STATIC);
  if (person_id != NULL)
    sqlite3_bind_text (stmt, 2, person_id, -1, SQLITE_STATIC);
  return collect_strings (stmt);
}

gboolean
hlg_server_db_put_account (HlgServerDb *db,
                           const char  *name,
                           const char  *password_hash,
                           const char  *role,
                           const char  *person_id,
                           GError     **error)
{
  sqlite3_stmt *stmt = prepare (db, "INSERT OR REPLACE INTO accounts "
                                    "(name, password_hash, role, person_id) "
                                    "VALUES (?1, ?2, ?3, ?4)");

  sqlite3_bind_text (stmt, 1, name, -1, SQLITE_STATIC);
  sqlite3_bind_text (stmt, 2, password_hash, -1, SQLITE_STATIC);
  sqlite3_bind_text (stmt, 3, role, -1, SQLITE_STATIC);
  if (person_id != NULL)
    sqlite3_bind_text (stmt, 4, person_id, -1, SQLITE_STATIC);

  return step_done (db, stmt, error);
}

HlgServerAccountRow *
hlg_server_db_lookup_account (HlgServerDb *db,
                              const char  *name)
{
  sqlite3_stmt *stmt = prepare (db, "SELECT name, password_hash, role, person_id "
                                    "FROM accounts WHERE name = ?1");
  HlgServerAccountRow *row = NULL;

  sqlite3_bind_text (stmt, 1, name, -1, SQLITE_STATIC);
  if (sqlite3_step (stmt) == SQLITE_ROW)
    {
      row = g_new0 (HlgServerAccountRow, 1);
      row->name = column_dup (stmt, 0);
      row->password_hash = column_dup (stmt, 1);
      row->role = column_dup (stmt, 2);
      row->person_id = column_dup (stmt, 3);
    }
  sqlite3_reset (stmt);

  return row;
}

/* A _local/ document of @account: its revision and body, or FALSE when
 * there is none (with @error set only when SQLite failed). */
gboolean
hlg_server_db_get_local (HlgServerDb  *db,
                         const char   *account,
                         const char   *id,
                         char        **out_rev,
                         char        **out_body,
                         GError      **error)
{
  sqlite3_stmt *stmt = prepare (db, "SELECT rev, body FROM local_docs "
                                    "WHERE account = ?1 AND id = ?2");
  gboolean found = FALSE;
  int rc;

  sqlite3_bind_text (stmt, 1, account, -1, SQLITE_STATIC);
  sqlite3_bind_text (stmt, 2, id, -1, SQLITE_STATIC);
  rc = sqlite3_step (stmt);
  if (rc == SQLITE_ROW)
    {
      if (out_rev != NULL)
        *out_rev = column_dup (stmt, 0);
      if (out_body != NULL)
        *out_body = column_dup (stmt, 1);
      found = TRUE;
    }
  else if (rc != SQLITE_DONE)
    db_error (db, error);
  sqlite3_reset (stmt);

  return found;
}

/* Stores a _local/ document of @account; @body NULL deletes it. */
gboolean
hlg_server_db_put_local (HlgServerDb *db,
                         const char  *account,
                         const char  *id,
                         const char  *rev,
                         const char  *body,
                         GError     **error)
{
  sqlite3_stmt *stmt;

  if (body == NULL)
    stmt = prepare (db, "DELETE FROM local_docs WHERE account = ?1 AND id = ?2");
  else
    stmt = prepare (db, "INSERT OR REPLACE INTO local_docs (account, id, rev, body) "
                        "VALUES (?1, ?2, ?3, ?4)");

  sqlite3_bind_text (stmt, 1, account, -1, SQLITE_STATIC);
  sqlite3_bind_text (stmt, 2, id, -1, SQLITE_STATIC);
  if (body != NULL)
    {
      sqlite3_bind_text (stmt, 3, rev, -1, SQLITE_STATIC);
      sqlite3_bind_text (stmt, 4, body, -1, SQLITE_STATIC);
    }

  return step_done (db, stmt, error);
}
