/* hlg-server.h: the shared repository, a subset of CouchDB's HTTP API over SQLite
 * SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gio/gio.h>

G_BEGIN_DECLS

#define HLG_SERVER_ERROR (hlg_server_error_quark ())

/* Each code maps to one HTTP status and CouchDB "error" string. */
typedef enum
{
  HLG_SERVER_ERROR_BAD_REQUEST,  /* 400 bad_request */
  HLG_SERVER_ERROR_UNAUTHORIZED, /* 401 unauthorized */
  HLG_SERVER_ERROR_FORBIDDEN,    /* 403 forbidden */
  HLG_SERVER_ERROR_NOT_FOUND,    /* 404 not_found */
  HLG_SERVER_ERROR_CONFLICT,     /* 409 conflict */
  HLG_SERVER_ERROR_TOO_LARGE,    /* 413 too_large */
  HLG_SERVER_ERROR_DATABASE,     /* 500: SQLite failed */
  HLG_SERVER_ERROR_INSECURE,     /* plain HTTP asked for on a non-loopback address */
  HLG_SERVER_ERROR_FAILED,       /* anything else, 500 */
} HlgServerError;

/* The name of the database in URLs: /hlgmos/_changes */
#define HLG_SERVER_DB_NAME "hlgmos"

/* The largest request body accepted, in bytes. */
#define HLG_SERVER_MAX_BODY (8 * 1024 * 1024)

#define HLG_TYPE_SERVER (hlg_server_get_type ())

G_DECLARE_FINAL_TYPE (HlgServer, hlg_server, HLG, SERVER, GObject)

GQuark     hlg_server_error_quark (void);
HlgServer *hlg_server_new         (const char       *db_path,
                                   GError          **error);
gboolean   hlg_server_listen      (HlgServer        *self,
                                   const char       *address,
                                   guint             port,
                                   GTlsCertificate  *tls,
                                   GError          **error);
guint      hlg_server_get_port    (HlgServer        *self);
char      *hlg_server_get_url     (HlgServer        *self);
const char *hlg_server_get_uuid   (HlgServer        *self);
gboolean   hlg_server_add_user    (HlgServer        *self,
                                   const char       *name,
                                   const char       *password,
                                   const char       *role,
                                   const char       *person_id,
                                   GError          **error);
gboolean   hlg_server_seed_demo   (HlgServer        *self,
                                   GPtrArray        *documents,
                                   GError          **error);
gboolean   hlg_server_add_demo_accounts (HlgServer  *self,
                                   GPtrArray        *documents,
                                   GError          **error);
gint64     hlg_server_get_doc_count (HlgServer      *self);
guint      hlg_server_get_n_waiting (HlgServer      *self);
void       hlg_server_set_clock   (HlgServer        *self,
                                   GDateTime        *now);

G_END_DECLS
