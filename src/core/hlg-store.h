/* hlg-store.h: the local store, one JSON file per document, with sync state
 * SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gio/gio.h>
#include <json-glib/json-glib.h>

#include "hlg-document.h"
#include "hlg-merge.h"
#include "hlg-types.h"

G_BEGIN_DECLS

#define HLG_STORE_ERROR (hlg_store_error_quark ())

typedef enum
{
  HLG_STORE_ERROR_IO,
  HLG_STORE_ERROR_NOT_FOUND,
  HLG_STORE_ERROR_READ_ONLY,
  HLG_STORE_ERROR_INVALID,
} HlgStoreError;

/* A file the store could not read, moved aside for a person to look at. */
typedef struct
{
  char *file;   /* where it is now, under quarantine/ */
  char *name;   /* its name when it was found */
  char *reason; /* why, translated */
} HlgQuarantined;

void hlg_quarantined_free (HlgQuarantined *q);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (HlgQuarantined, hlg_quarantined_free)

#define HLG_TYPE_STORE (hlg_store_get_type ())

G_DECLARE_FINAL_TYPE (HlgStore, hlg_store, HLG, STORE, GObject)

GQuark       hlg_store_error_quark        (void);
char        *hlg_store_default_path       (const char           *profile);
HlgStore    *hlg_store_new                (const char           *path);
const char  *hlg_store_get_path           (HlgStore             *self);
gboolean     hlg_store_load               (HlgStore             *self,
                                           GCancellable         *cancellable,
                                           GError              **error);
void         hlg_store_load_async         (HlgStore             *self,
                                           GCancellable         *cancellable,
                                           GAsyncReadyCallback   callback,
                                           gpointer              user_data);
gboolean     hlg_store_load_finish        (HlgStore             *self,
                                           GAsyncResult         *result,
                                           GError              **error);
gboolean     hlg_store_is_loaded          (HlgStore             *self);
void         hlg_store_wait_split         (HlgStore             *self);
GPtrArray   *hlg_store_get_quarantined    (HlgStore             *self);
GListModel  *hlg_store_get_model          (HlgStore             *self,
                                           HlgDocType            type);
guint        hlg_store_get_n_documents    (HlgStore             *self);
HlgDocument *hlg_store_lookup             (HlgStore             *self,
                                           const char           *id);
gboolean     hlg_store_save               (HlgStore             *self,
                                           HlgDocument          *document,
                                           GError              **error);
gboolean     hlg_store_delete             (HlgStore             *self,
                                           const char           *id,
                                           GError              **error);
gboolean     hlg_store_has_local_changes  (HlgStore             *self,
                                           const char           *id);
const char  *hlg_store_get_server_rev     (HlgStore             *self,
                                           const char           *id);
JsonObject  *hlg_store_dup_base           (HlgStore             *self,
                                           const char           *id);
GPtrArray   *hlg_store_list_pending       (HlgStore             *self);
guint        hlg_store_get_n_pending      (HlgStore             *self);

/* Sync-facing API: what the sync client (src/sync) and hlgmos-cli use to
 * bring server changes in, record pushes and resolve conflicts. */

/* One entry of a server's change feed: the document at @rev, or a deletion.
 * The document comes as a tree (doc) or as its JSON text, kept as it is and
 * parsed only if it must be merged. */
typedef struct
{
  char       *id;
  char       *rev;
  JsonObject *doc;     /* NULL when deleted or given as text */
  gboolean    deleted;
  char       *text;    /* or the document's JSON text, valid UTF-8 */
  gsize       text_length;
} HlgRemoteChange;

/* What the server answered for one pushed document. */
typedef struct
{
  char       *id;
  char       *rev;     /* the new revision */
  JsonObject *pushed;  /* the body that was sent */
} HlgPushed;

HlgRemoteChange *hlg_remote_change_new  (const char      *id,
                                         const char      *rev,
                                         JsonObject      *doc,
                                         gboolean         deleted);
HlgRemoteChange *hlg_remote_change_new_from_text (const char *id,
                                                  const char *rev,
                                                  const char *text,
                                                  gsize       length);
void             hlg_remote_change_free (HlgRemoteChange *change);
HlgPushed       *hlg_pushed_new         (const char      *id,
                                         const char      *rev,
                                         JsonObject      *pushed);
void             hlg_pushed_free        (HlgPushed       *pushed);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (HlgRemoteChange, hlg_remote_change_free)
G_DEFINE_AUTOPTR_CLEANUP_FUNC (HlgPushed, hlg_pushed_free)

gboolean     hlg_store_apply_remote_page  (HlgStore             *self,
                                           GPtrArray            *changes,
                                           const char           *last_seq,
                                           guint                *n_applied,
                                           GError              **error);
const char  *hlg_store_get_checkpoint     (HlgStore             *self);
gboolean     hlg_store_set_remote         (HlgStore             *self,
                                           const char           *url,
                                           const char           *account,
                                           GError              **error);
const char  *hlg_store_get_remote_url     (HlgStore             *self);
const char  *hlg_store_get_remote_account (HlgStore             *self);
GDateTime   *hlg_store_get_last_synced    (HlgStore             *self);
gboolean     hlg_store_set_last_synced    (HlgStore             *self,
                                           GDateTime            *when,
                                           GError              **error);
GPtrArray   *hlg_store_list_to_push       (HlgStore             *self);
JsonObject  *hlg_store_dup_for_push       (HlgStore             *self,
                                           const char           *id);
gboolean     hlg_store_mark_pushed        (HlgStore             *self,
                                           GPtrArray            *pushed,
                                           GError              **error);
guint        hlg_store_get_n_conflicts    (HlgStore             *self);
gboolean     hlg_store_has_conflicts      (HlgStore             *self,
                                           const char           *id);
GPtrArray   *hlg_store_list_conflicts     (HlgStore             *self);
JsonArray   *hlg_store_get_conflicts      (HlgStore             *self,
                                           const char           *id);
gboolean     hlg_store_resolve            (HlgStore             *self,
                                           const char           *id,
                                           HlgMergeTake          take,
                                           JsonObject           *merged,
                                           GError              **error);

G_END_DECLS
