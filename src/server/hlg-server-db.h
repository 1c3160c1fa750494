/* hlg-server-db.h: the server's SQLite database: documents, accounts, metadata
 * SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

typedef struct _HlgServerDb HlgServerDb;

/* One stored document. For a tombstone, body is the last content with
 * "_deleted": true, kept so that the read rules can still be applied. */
typedef struct
{
  char    *id;
  char    *rev;
  gint64   seq;
  gboolean deleted;
  char    *created_by;
  char    *body;
} HlgServerRow;

typedef struct
{
  char *name;
  char *password_hash;
  char *role;
  char *person_id;
} HlgServerAccountRow;

void hlg_server_row_free         (HlgServerRow        *row);
void hlg_server_account_row_free (HlgServerAccountRow *row);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (HlgServerRow, hlg_server_row_free)
G_DEFINE_AUTOPTR_CLEANUP_FUNC (HlgServerAccountRow, hlg_server_account_row_free)

HlgServerDb  *hlg_server_db_open          (const char   *path,
                                           GError      **error);
void          hlg_server_db_close         (HlgServerDb  *db);
const char   *hlg_server_db_get_uuid      (HlgServerDb  *db);
gint64        hlg_server_db_get_update_seq (HlgServerDb *db);
gint64        hlg_server_db_get_doc_count (HlgServerDb  *db);
gboolean      hlg_server_db_begin         (HlgServerDb  *db,
                                           GError      **error);
gboolean      hlg_server_db_commit        (HlgServerDb  *db,
                                           GError      **error);
void          hlg_server_db_rollback      (HlgServerDb  *db);
HlgServerRow *hlg_server_db_lookup        (HlgServerDb  *db,
                                           const char   *id,
                                           GError      **error);
gboolean      hlg_server_db_put           (HlgServerDb  *db,
                                           const char   *id,
                                           const char   *type,
                                           const char   *rev,
                                           gboolean      deleted,
                                           const char   *created_by,
                                           const char   *body,
                                           gint64       *out_seq,
                                           GError      **error);
GPtrArray    *hlg_server_db_changes       (HlgServerDb  *db,
                                           gint64        since,
                                           guint         limit,
                                           GError      **error);
gint64        hlg_server_db_count_after   (HlgServerDb  *db,
                                           gint64        seq);
GPtrArray    *hlg_server_db_all_docs      (HlgServerDb  *db,
                                           GError      **error);
GHashTable   *hlg_server_db_conflicted_proposals (HlgServerDb *db,
                                                  const char  *person_id);
GHashTable   *hlg_server_db_own_proposals (HlgServerDb  *db,
                                           const char   *account,
                                           const char   *person_id);
gboolean      hlg_server_db_put_account   (HlgServerDb  *db,
                                           const char   *name,
                                           const char   *password_hash,
                                           const char   *role,
                                           const char   *person_id,
                                           GError      **error);
HlgServerAccountRow *hlg_server_db_lookup_account (HlgServerDb *db,
                                                   const char  *name);
void          hlg_server_db_checkpoint    (HlgServerDb  *db);
gboolean      hlg_server_db_get_local     (HlgServerDb  *db,
                                           const char   *account,
                                           const char   *id,
                                           char        **out_rev,
                                           char        **out_body,
                                           GError      **error);
gboolean      hlg_server_db_put_local     (HlgServerDb  *db,
                                           const char   *account,
                                           const char   *id,
                                           const char   *rev,
                                           const char   *body,
                                           GError      **error);

G_END_DECLS
