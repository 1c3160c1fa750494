/* hlg-store.h: the local store, one JSON file per document, with sync state
 * SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gio/gio.h>
#include <json-glib/json-glib.h>

#include "hlg-document.h"
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

G_END_DECLS
