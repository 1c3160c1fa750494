/* hlg-history.h: every version of a document this computer has seen, kept beside the store
 * SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gio/gio.h>
#include <json-glib/json-glib.h>

#include "hlg-document.h"
#include "hlg-store.h"

G_BEGIN_DECLS

#define HLG_HISTORY_ERROR (hlg_history_error_quark ())

typedef enum
{
  HLG_HISTORY_ERROR_IO,
  HLG_HISTORY_ERROR_INVALID,
  HLG_HISTORY_ERROR_READ_ONLY,
} HlgHistoryError;

typedef enum
{
  HLG_HISTORY_ORIGIN_LOCAL,  /* typed on this computer */
  HLG_HISTORY_ORIGIN_SERVER, /* pulled from the server */
} HlgHistoryOrigin;

/* Local saves within this span of the first one of a run make one version. */
#define HLG_HISTORY_COALESCE_SPAN (10 * G_TIME_SPAN_MINUTE)
/* The versions kept per document. */
#define HLG_HISTORY_MAX_ENTRIES 200

#define HLG_TYPE_HISTORY_ENTRY (hlg_history_entry_get_type ())

G_DECLARE_FINAL_TYPE (HlgHistoryEntry, hlg_history_entry, HLG, HISTORY_ENTRY, GObject)

GDateTime        *hlg_history_entry_get_at     (HlgHistoryEntry *self);
HlgHistoryOrigin  hlg_history_entry_get_origin (HlgHistoryEntry *self);
const char       *hlg_history_entry_get_rev    (HlgHistoryEntry *self);
const char       *hlg_history_entry_get_by     (HlgHistoryEntry *self);
JsonObject       *hlg_history_entry_get_doc    (HlgHistoryEntry *self);

#define HLG_TYPE_HISTORY (hlg_history_get_type ())

G_DECLARE_FINAL_TYPE (HlgHistory, hlg_history, HLG, HISTORY, GObject)

/* Returns the time now, for tests that need ten minutes to pass at once. */
typedef GDateTime *(*HlgHistoryClock) (gpointer user_data);

GQuark      hlg_history_error_quark     (void);
HlgHistory *hlg_history_new             (HlgStore          *store);
void        hlg_history_set_clock       (HlgHistory        *self,
                                         HlgHistoryClock    clock,
                                         gpointer           user_data);
void        hlg_history_set_max_entries (HlgHistory        *self,
                                         guint              max_entries);
gboolean    hlg_history_record          (HlgHistory        *self,
                                         const char        *id,
                                         JsonObject        *doc,
                                         HlgHistoryOrigin   origin,
                                         const char        *rev,
                                         const char        *by,
                                         GError           **error);
GListModel *hlg_history_list            (HlgHistory        *self,
                                         const char        *id,
                                         GError           **error);
gboolean    hlg_history_restore         (HlgHistory        *self,
                                         HlgDocument       *document,
                                         HlgHistoryEntry   *entry,
                                         const char * const *keep,
                                         GError           **error);

G_END_DECLS
