/* hlg-history.c: every version of a document this computer has seen, kept beside the store
 * SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "hlg-history"

#include "config.h"

#include <errno.h>
#include <fcntl.h>
#include <glib/gi18n-lib.h>
#include <glib/gstdio.h>
#include <string.h>
#include <unistd.h>

#include "hlg-history.h"
#include "hlg-id.h"
#include "hlg-json.h"

/* The server keeps only the current revision, so the history lives here:
 * <store>/history/<id>.jsonl, one line per version, oldest first:
 *   {"at": "<ISO 8601, UTC>", "since": "<first save of a run>",
 *    "origin": "local"|"server", "rev": "<server rev>"|null,
 *    "by": "<account>"|null, "doc": {...}}
 * A version is written at the end of the file, or over the last line when
 * it replaces it (ftruncate, then pwrite): a kill mid-write leaves a torn
 * last line, which reading ignores and the next write replaces, never
 * hiding the lines before it. */

struct _HlgHistoryEntry
{
  GObject           parent_instance;

  GDateTime        *at;
  GDateTime        *since;
  HlgHistoryOrigin  origin;
  char             *rev;
  char             *by;
  JsonObject       *doc;
};

G_DEFINE_FINAL_TYPE (HlgHistoryEntry, hlg_history_entry, G_TYPE_OBJECT)

/* The files whose ends are known at once; the last version of each is in memory. */
#define MAX_TAILS 64

/* What appending needs to know of a file, so that it never reads it again. */
typedef struct
{
  goffset          size;        /* up to the end of the last whole line */
  goffset          last_offset; /* where the last version's line starts */
  guint            n_entries;
  guint            n_damaged;   /* whole lines that are no version */
  HlgHistoryEntry *last;
  GHashTable      *server_revs;
  gboolean         sealed;      /* the next local save starts a version */
} Tail;

struct _HlgHistory
{
  GObject          parent_instance;

  HlgStore        *store;
  char            *dir;
  GHashTable      *tails; /* id -> Tail */
  HlgHistoryClock  clock;
  gpointer         clock_data;
  guint            max_entries;
};

G_DEFINE_FINAL_TYPE (HlgHistory, hlg_history, G_TYPE_OBJECT)
G_DEFINE_QUARK (hlg-history-error-quark, hlg_history_error)

/* Entries */

static void
hlg_history_entry_finalize (GObject *object)
{
  HlgHistoryEntry *self = HLG_HISTORY_ENTRY (object);

  g_clear_pointer (&self->at, g_date_time_unref);
  g_clear_pointer (&self->since, g_date_time_unref);
  g_clear_pointer (&self->rev, g_free);
  g_clear_pointer (&self->by, g_free);
  g_clear_pointer (&self->doc, json_object_unref);

  G_OBJECT_CLASS (hlg_history_entry_parent_class)->finalize (object);
}

static void
hlg_history_entry_class_init (HlgHistoryEntryClass *klass)
{
  G_OBJECT_CLASS (klass)->finalize = hlg_history_entry_finalize;
}

static void
hlg_history_entry_init (HlgHistoryEntry *self)
{
}

GDateTime *
hlg_history_entry_get_at (HlgHistoryEntry *self)
{
  g_return_val_if_fail (HLG_IS_HISTORY_ENTRY (self), NULL);

  return self->at;
}

HlgHistoryOrigin
hlg_history_entry_get_origin (HlgHistoryEntry *self)
{
  g_return_val_if_fail (HLG_IS_HISTORY_ENTRY (self), HLG_HISTORY_ORIGIN_LOCAL);

  return self->origin;
}

const char *
hlg_history_entry_get_rev (HlgHistoryEntry *self)
{
  g_return_val_if_fail (HLG_IS_HISTORY_ENTRY (self), NULL);

  return self->rev;
}

const char *
hlg_history_entry_get_by (HlgHistoryEntry *self)
{
  g_return_val_if_fail (HLG_IS_HISTORY_ENTRY (self), NULL);

  return self->by;
}

/**
 * hlg_history_entry_get_doc:
 *
 * Returns: (transfer none): the whole document as it was, to read only
 */
JsonObject *
hlg_history_entry_get_doc (HlgHistoryEntry *self)
{
  g_return_val_if_fail (HLG_IS_HISTORY_ENTRY (self), NULL);

  return self->doc;
}

static const char *
origin_to_string (HlgHistoryOrigin origin)
{
  return origin == HLG_HISTORY_ORIGIN_SERVER ? "server" : "local";
}

static char *
format_time (GDateTime *time)
{
  g_autoptr(GDateTime) utc = g_date_time_to_utc (time);

  return g_date_time_format_iso8601 (utc);
}

static char *
entry_to_line (HlgHistoryEntry *entry)
{
  g_autoptr(JsonBuilder) builder = json_builder_new ();
  g_autoptr(JsonNode) root = NULL;
  g_autofree char *at = format_time (entry->at);
  g_autofree char *since = format_time (entry->since);
  g_autofree char *text = NULL;

  json_builder_begin_object (builder);
  json_builder_set_member_name (builder, "at");
  json_builder_add_string_value (builder, at);
  if (g_date_time_compare (entry->since, entry->at) != 0)
    {
      json_builder_set_member_name (builder, "since");
      json_builder_add_string_value (builder, since);
    }
  json_builder_set_member_name (builder, "origin");
  json_builder_add_string_value (builder, origin_to_string (entry->origin));
  json_builder_set_member_name (builder, "rev");
  json_builder_add_string_value (builder, entry->rev);
  json_builder_set_member_name (builder, "by");
  json_builder_add_string_value (builder, entry->by);
  json_builder_set_member_name (builder, "doc");
  json_builder_add_value (builder, json_node_init_object (json_node_alloc (), entry->doc));
  json_builder_end_object (builder);

  root = json_builder_get_root (builder);
  text = json_to_string (root, FALSE);
  return g_strconcat (text, "\n", NULL);
}

static GDateTime *
parse_time (JsonObject *object,
            const char *member)
{
  const char *text = json_object_get_string_member_with_default (object, member, NULL);

  return text != NULL ? g_date_time_new_from_iso8601 (text, NULL) : NULL;
}

/* One line of @id's file, or NULL when it is no version of @id. */
static HlgHistoryEntry *
entry_from_line (const char *id,
                 const char *line,
                 gsize       length)
{
  g_autoptr(JsonObject) object = hlg_json_object_from_data (line, length, NULL);
  g_autoptr(HlgHistoryEntry) entry = NULL;
  JsonObject *doc;
  const char *origin;

  if (object == NULL)
    return NULL;

  doc = hlg_json_object_get_object (object, "doc");
  origin = json_object_get_string_member_with_default (object, "origin", "");
  if (doc == NULL ||
      g_strcmp0 (json_object_get_string_member_with_default (doc, "_id", NULL), id) != 0 ||
      (!g_str_equal (origin, "local") && !g_str_equal (origin, "server")))
    return NULL;

  entry = g_object_new (HLG_TYPE_HISTORY_ENTRY, NULL);
  entry->at = parse_time (object, "at");
  if (entry->at == NULL)
    return NULL;
  entry->since = parse_time (object, "since");
  if (entry->since == NULL)
    entry->since = g_date_time_ref (entry->at);
  entry->origin = g_str_equal (origin, "server") ? HLG_HISTORY_ORIGIN_SERVER
                                                 : HLG_HISTORY_ORIGIN_LOCAL;
  entry->rev = g_strdup (json_object_get_string_member_with_default (object, "rev", NULL));
  entry->by = g_strdup (json_object_get_string_member_with_default (object, "by", NULL));
  entry->doc = json_object_ref (doc);

  return g_steal_pointer (&entry);
}

/* Files */

static char *
file_path (HlgHistory *self,
           const char *id)
{
  g_autofree char *name = g_strconcat (id, ".jsonl", NULL);

  return g_build_filename (self->dir, name, NULL);
}

static gboolean
check_id (const char  *id,
          GError     **error)
{
  g_autoptr(GError) local_error = NULL;

  if (hlg_id_validate (id, NULL, &local_error))
    return TRUE;

  g_set_error (error, HLG_HISTORY_ERROR, HLG_HISTORY_ERROR_INVALID, "%s", local_error->message);
  return FALSE;
}

/* The whole file, or "" when there is none yet. */
static char *
read_file (HlgHistory  *self,
           const char  *id,
           gsize       *length,
           GError     **error)
{
  g_autofree char *path = file_path (self, id);
  g_autoptr(GError) local_error = NULL;
  char *contents = NULL;

  if (g_file_get_contents (path, &contents, length, &local_error))
    return contents;

  if (g_error_matches (local_error, G_FILE_ERROR, G_FILE_ERROR_NOENT))
    {
      *length = 0;
      return g_strdup ("");
    }

  g_set_error (error, HLG_HISTORY_ERROR, HLG_HISTORY_ERROR_IO,
               _("The history of %s cannot be read: %s"), id, local_error->message);
  return NULL;
}

/* Calls @func for each whole line of @contents; a last line without its
 * newline is a write that was cut short, and is left out. Returns where
 * the whole lines end. */
static gsize
for_each_line (const char  *contents,
               gsize        length,
               void       (*func) (const char *line,
                                   gsize       offset,
                                   gsize       line_length,
                                   gpointer    data),
               gpointer     data)
{
  gsize offset = 0;

  while (offset < length)
    {
      const char *end = memchr (contents + offset, '\n', length - offset);

      if (end == NULL)
        break;
      func (contents + offset, offset, end - (contents + offset), data);
      offset = end - contents + 1;
    }

  return offset;
}

/* Tails */

static void
tail_free (Tail *tail)
{
  g_clear_object (&tail->last);
  g_clear_pointer (&tail->server_revs, g_hash_table_unref);
  g_free (tail);
}

typedef struct
{
  const char *id;
  Tail       *tail;
} TailScan;

static void
scan_line (const char *line,
           gsize       offset,
           gsize       length,
           gpointer    data)
{
  TailScan *scan = data;
  HlgHistoryEntry *entry = entry_from_line (scan->id, line, length);

  if (entry == NULL)
    {
      scan->tail->n_damaged++;
      return;
    }

  scan->tail->n_entries++;
  scan->tail->last_offset = offset;
  if (entry->origin == HLG_HISTORY_ORIGIN_SERVER && entry->rev != NULL)
    g_hash_table_add (scan->tail->server_revs, g_strdup (entry->rev));
  g_set_object (&scan->tail->last, entry);
  g_object_unref (entry);
}

static Tail *
tail_from_contents (const char *id,
                    const char *contents,
                    gsize       length)
{
  Tail *tail = g_new0 (Tail, 1);
  TailScan scan = { id, tail };

  tail->server_revs = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  tail->size = for_each_line (contents, length, scan_line, &scan);

  /* A damaged last line is left as it is: the next version goes after it. */
  if (tail->last == NULL || tail->n_damaged > 0)
    tail->last_offset = tail->size;

  return tail;
}

/* What appending to @id's file needs, read once. */
static Tail *
ensure_tail (HlgHistory  *self,
             const char  *id,
             GError     **error)
{
  Tail *tail = g_hash_table_lookup (self->tails, id);
  g_autofree char *contents = NULL;
  gsize length;

  if (tail != NULL)
    return tail;

  contents = read_file (self, id, &length, error);
  if (contents == NULL)
    return NULL;

  /* A pull touches thousands of documents: keep what a few need, and
   * read a file again when it comes back. */
  if (g_hash_table_size (self->tails) >= MAX_TAILS)
    g_hash_table_remove_all (self->tails);
  tail = tail_from_contents (id, contents, length);
  g_hash_table_insert (self->tails, g_strdup (id), tail);
  return tail;
}

static gboolean
set_io_error (GError     **error,
              const char  *id,
              int          errsv)
{
  g_set_error (error, HLG_HISTORY_ERROR, HLG_HISTORY_ERROR_IO,
               _("The history of %s could not be written: %s"), id, g_strerror (errsv));
  return FALSE;
}

/* Cuts the file at @offset, then writes @line there. A kill in between
 * loses at most the version being replaced, whose content is the store's
 * now; a kill during the write leaves a torn line that reading ignores. */
static gboolean
write_at (HlgHistory  *self,
          const char  *id,
          goffset      offset,
          const char  *line,
          GError     **error)
{
  g_autofree char *path = file_path (self, id);
  gsize length = strlen (line);
  gsize done = 0;
  int fd;

  if (g_mkdir_with_parents (self->dir, 0700) != 0)
    return set_io_error (error, id, errno);

  fd = g_open (path, O_WRONLY | O_CREAT | O_CLOEXEC, 0600);
  if (fd < 0)
    return set_io_error (error, id, errno);

  if (ftruncate (fd, offset) != 0)
    {
      int errsv = errno;

      close (fd);
      return set_io_error (error, id, errsv);
    }

  while (done < length)
    {
      gssize n = pwrite (fd, line + done, length - done, offset + done);

      if (n < 0 && errno == EINTR)
        continue;
      if (n <= 0)
        {
          int errsv = errno;

          close (fd);
          return set_io_error (error, id, errsv);
        }
      done += n;
    }

  if (close (fd) != 0)
    return set_io_error (error, id, errno);

  return TRUE;
}

/* Compaction */

typedef struct
{
  const char *id;
  GPtrArray  *lines;   /* GBytes: each line's text, without its newline */
  GPtrArray  *entries; /* HlgHistoryEntry, same order */
} Collect;

static void
collect_line (const char *line,
              gsize       offset,
              gsize       length,
              gpointer    data)
{
  Collect *collect = data;
  HlgHistoryEntry *entry = entry_from_line (collect->id, line, length);

  if (entry == NULL)
    return;

  g_ptr_array_add (collect->lines, g_bytes_new (line, length));
  g_ptr_array_add (collect->entries, entry);
}

/* Drops the oldest local versions (then, if need be, the oldest from the
 * server) to @target, never the newest one, and rewrites the file at once. */
static gboolean
compact (HlgHistory  *self,
         const char  *id,
         guint        target,
         GError     **error)
{
  g_autofree char *path = file_path (self, id);
  g_autofree char *contents = NULL;
  g_autoptr(GPtrArray) lines = g_ptr_array_new_with_free_func ((GDestroyNotify) g_bytes_unref);
  g_autoptr(GPtrArray) entries = g_ptr_array_new_with_free_func (g_object_unref);
  g_autoptr(GString) kept = g_string_new (NULL);
  g_autofree gboolean *drop = NULL;
  Collect collect = { id, lines, entries };
  guint n_drop;
  gsize length;

  contents = read_file (self, id, &length, error);
  if (contents == NULL)
    return FALSE;
  for_each_line (contents, length, collect_line, &collect);
  if (entries->len <= target)
    return TRUE;

  n_drop = entries->len - target;
  drop = g_new0 (gboolean, entries->len);
  for (HlgHistoryOrigin origin = HLG_HISTORY_ORIGIN_LOCAL; origin <= HLG_HISTORY_ORIGIN_SERVER;
       origin++)
    for (guint i = 0; i + 1 < entries->len && n_drop > 0; i++)
      if (!drop[i] && HLG_HISTORY_ENTRY (entries->pdata[i])->origin == origin)
        {
          drop[i] = TRUE;
          n_drop--;
        }

  for (guint i = 0; i < lines->len; i++)
    if (!drop[i])
      {
        gsize n;
        const char *data = g_bytes_get_data (lines->pdata[i], &n);

        g_string_append_len (kept, data, n);
        g_string_append_c (kept, '\n');
      }

  if (!g_file_set_contents_full (path, kept->str, kept->len, G_FILE_SET_CONTENTS_CONSISTENT,
                                 0600, error))
    return FALSE;

  g_hash_table_insert (self->tails, g_strdup (id), tail_from_contents (id, kept->str, kept->len));
  return TRUE;
}

/* History */

/* Whether @a and @b hold the same content, whatever their "_rev". */
static gboolean
same_content (JsonObject *a,
              JsonObject *b)
{
  JsonObjectIter iter;
  const char *name;
  JsonNode *node;

  if (json_object_get_size (a) - json_object_has_member (a, "_rev") !=
      json_object_get_size (b) - json_object_has_member (b, "_rev"))
    return FALSE;

  json_object_iter_init (&iter, a);
  while (json_object_iter_next (&iter, &name, &node))
    {
      JsonNode *other = json_object_get_member (b, name);

      if (!g_str_equal (name, "_rev") && (other == NULL || !json_node_equal (node, other)))
        return FALSE;
    }

  return TRUE;
}

static GDateTime *
now (HlgHistory *self)
{
  return self->clock != NULL ? self->clock (self->clock_data) : g_date_time_new_now_utc ();
}

static void
on_document_written_cb (HlgStore    *store,
                        const char  *id,
                        HlgDocument *document,
                        gboolean     from_server,
                        const char  *rev,
                        HlgHistory  *self)
{
  g_autoptr(GError) error = NULL;
  const char *account = hlg_store_get_remote_account (store);

  if (account != NULL && account[0] == '\0')
    account = NULL;
  if (!hlg_history_record (self, id, hlg_document_get_object (document),
                           from_server ? HLG_HISTORY_ORIGIN_SERVER : HLG_HISTORY_ORIGIN_LOCAL,
                           from_server ? rev : NULL, from_server ? NULL : account, &error))
    g_warning ("%s", error->message);
}

static void
hlg_history_dispose (GObject *object)
{
  HlgHistory *self = HLG_HISTORY (object);

  if (self->store != NULL)
    g_signal_handlers_disconnect_by_func (self->store, on_document_written_cb, self);
  g_clear_object (&self->store);

  G_OBJECT_CLASS (hlg_history_parent_class)->dispose (object);
}

static void
hlg_history_finalize (GObject *object)
{
  HlgHistory *self = HLG_HISTORY (object);

  g_clear_pointer (&self->tails, g_hash_table_unref);
  g_clear_pointer (&self->dir, g_free);

  G_OBJECT_CLASS (hlg_history_parent_class)->finalize (object);
}

static void
hlg_history_class_init (HlgHistoryClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->dispose = hlg_history_dispose;
  object_class->finalize = hlg_history_finalize;
}

static void
hlg_history_init (HlgHistory *self)
{
  self->tails = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, (GDestroyNotify) tail_free);
  self->max_entries = HLG_HISTORY_MAX_ENTRIES;
}

/**
 * hlg_history_new:
 *
 * Returns: (transfer full): the history of @store's documents, kept in
 *   its folder "history", recording each version @store writes
 */
HlgHistory *
hlg_history_new (HlgStore *store)
{
  HlgHistory *self;

  g_return_val_if_fail (HLG_IS_STORE (store), NULL);

  self = g_object_new (HLG_TYPE_HISTORY, NULL);
  self->store = g_object_ref (store);
  self->dir = g_build_filename (hlg_store_get_path (store), "history", NULL);
  g_signal_connect_object (store, "document-written", G_CALLBACK (on_document_written_cb), self, 0);

  return self;
}

/* For tests: @clock tells the time instead of the system clock. */
void
hlg_history_set_clock (HlgHistory      *self,
                       HlgHistoryClock  clock,
                       gpointer         user_data)
{
  g_return_if_fail (HLG_IS_HISTORY (self));

  self->clock = clock;
  self->clock_data = user_data;
}

void
hlg_history_set_max_entries (HlgHistory *self,
                             guint       max_entries)
{
  g_return_if_fail (HLG_IS_HISTORY (self));
  g_return_if_fail (max_entries > 0);

  self->max_entries = max_entries;
}

/**
 * hlg_history_record:
 * @doc: (transfer none): the document's content now
 * @rev: (nullable): the server revision @doc is, for %HLG_HISTORY_ORIGIN_SERVER
 * @by: (nullable): who wrote it, if known
 *
 * Keeps @doc as a version of @id. Local saves coalesce: a local save
 * replaces the last version when that one is local, began less than
 * %HLG_HISTORY_COALESCE_SPAN ago and nothing came after it. A version
 * from the server is added once per revision. A version with the content
 * of the last one is not added.
 */
gboolean
hlg_history_record (HlgHistory        *self,
                    const char        *id,
                    JsonObject        *doc,
                    HlgHistoryOrigin   origin,
                    const char        *rev,
                    const char        *by,
                    GError           **error)
{
  g_autoptr(HlgHistoryEntry) entry = NULL;
  g_autofree char *line = NULL;
  gboolean replace;
  goffset offset;
  Tail *tail;

  g_return_val_if_fail (HLG_IS_HISTORY (self), FALSE);
  g_return_val_if_fail (doc != NULL, FALSE);

  if (!check_id (id, error))
    return FALSE;
  if (g_strcmp0 (json_object_get_string_member_with_default (doc, "_id", NULL), id) != 0)
    {
      g_set_error (error, HLG_HISTORY_ERROR, HLG_HISTORY_ERROR_INVALID,
                   _("The version to keep is not the document %s"), id);
      return FALSE;
    }

  tail = ensure_tail (self, id, error);
  if (tail == NULL)
    return FALSE;

  if (origin == HLG_HISTORY_ORIGIN_SERVER && rev != NULL &&
      g_hash_table_contains (tail->server_revs, rev))
    return TRUE;
  if (tail->last != NULL && same_content (tail->last->doc, doc))
    return TRUE;

  entry = g_object_new (HLG_TYPE_HISTORY_ENTRY, NULL);
  entry->at = now (self);
  entry->origin = origin;
  entry->rev = g_strdup (origin == HLG_HISTORY_ORIGIN_SERVER ? rev : NULL);
  entry->by = g_strdup (by);
  entry->doc = hlg_json_object_deep_copy (doc);

  replace = origin == HLG_HISTORY_ORIGIN_LOCAL && !tail->sealed && tail->last != NULL &&
            tail->last->origin == HLG_HISTORY_ORIGIN_LOCAL &&
            tail->last_offset < tail->size &&
            g_date_time_difference (entry->at, tail->last->since) >= 0 &&
            g_date_time_difference (entry->at, tail->last->since) < HLG_HISTORY_COALESCE_SPAN;
  entry->since = g_date_time_ref (replace ? tail->last->since : entry->at);
  offset = replace ? tail->last_offset : tail->size;

  line = entry_to_line (entry);
  if (!write_at (self, id, offset, line, error))
    {
      /* What is on disk is unknown now: read it again next time. */
      g_hash_table_remove (self->tails, id);
      return FALSE;
    }

  tail->last_offset = offset;
  tail->size = offset + strlen (line);
  tail->n_entries += replace ? 0 : 1;
  tail->sealed = FALSE;
  if (entry->rev != NULL)
    g_hash_table_add (tail->server_revs, g_strdup (entry->rev));
  g_set_object (&tail->last, entry);

  if (tail->n_entries > self->max_entries)
    {
      if (tail->n_damaged > 0)
        {
          /* Rewriting would lose lines nobody could read: keep them. */
          g_debug ("Not compacting the history of %s: it has damaged lines", id);
          return TRUE;
        }
      /* A tenth below the cap, so that a rewrite is rare. */
      return compact (self, id, self->max_entries - self->max_entries / 10, error);
    }

  return TRUE;
}

/**
 * hlg_history_list:
 *
 * Returns: (transfer full): the versions of @id kept here, newest first,
 *   as #HlgHistoryEntry items; %NULL with @error set when the history
 *   exists but cannot be read
 */
GListModel *
hlg_history_list (HlgHistory  *self,
                  const char  *id,
                  GError     **error)
{
  g_autoptr(GPtrArray) lines = g_ptr_array_new_with_free_func ((GDestroyNotify) g_bytes_unref);
  g_autoptr(GPtrArray) entries = g_ptr_array_new_with_free_func (g_object_unref);
  g_autofree char *contents = NULL;
  GListStore *store;
  Collect collect = { id, lines, entries };
  gsize length;

  g_return_val_if_fail (HLG_IS_HISTORY (self), NULL);

  if (!check_id (id, error))
    return NULL;

  contents = read_file (self, id, &length, error);
  if (contents == NULL)
    return NULL;
  for_each_line (contents, length, collect_line, &collect);

  store = g_list_store_new (HLG_TYPE_HISTORY_ENTRY);
  for (guint i = entries->len; i-- > 0;)
    g_list_store_append (store, entries->pdata[i]);

  return G_LIST_MODEL (store);
}

/**
 * hlg_history_restore:
 * @document: the store's document, changed in place
 * @keep: (nullable) (array zero-terminated=1): fields that stay as they are
 *   now (a workflow status, say)
 *
 * Makes @entry's content a new local change of @document, saved through
 * the store like any edit (so it syncs), on top of the current revision.
 * The version it replaces stays in the history.
 */
gboolean
hlg_history_restore (HlgHistory          *self,
                     HlgDocument         *document,
                     HlgHistoryEntry     *entry,
                     const char * const  *keep,
                     GError             **error)
{
  g_autoptr(JsonObject) content = NULL;
  g_autoptr(JsonObject) before = NULL;
  JsonObject *current;
  const char *id;
  const char *rev;
  Tail *tail;

  g_return_val_if_fail (HLG_IS_HISTORY (self), FALSE);
  g_return_val_if_fail (HLG_IS_DOCUMENT (document), FALSE);
  g_return_val_if_fail (HLG_IS_HISTORY_ENTRY (entry), FALSE);

  id = hlg_document_get_id (document);
  if (!check_id (id, error))
    return FALSE;
  if (g_strcmp0 (json_object_get_string_member_with_default (entry->doc, "_id", NULL), id) != 0)
    {
      g_set_error (error, HLG_HISTORY_ERROR, HLG_HISTORY_ERROR_INVALID,
                   _("This version belongs to another document"));
      return FALSE;
    }
  if (hlg_document_is_read_only (document))
    {
      g_set_error_literal (error, HLG_HISTORY_ERROR, HLG_HISTORY_ERROR_READ_ONLY,
                           hlg_document_get_read_only_reason (document));
      return FALSE;
    }

  current = hlg_document_get_object (document);
  content = hlg_json_object_deep_copy (entry->doc);
  rev = hlg_document_get_rev (document);
  if (rev != NULL)
    json_object_set_string_member (content, "_rev", rev);
  else if (json_object_has_member (content, "_rev"))
    json_object_remove_member (content, "_rev");
  for (guint i = 0; keep != NULL && keep[i] != NULL; i++)
    {
      JsonNode *node = json_object_get_member (current, keep[i]);

      if (node != NULL)
        json_object_set_member (content, keep[i], json_node_copy (node));
      else if (json_object_has_member (content, keep[i]))
        json_object_remove_member (content, keep[i]);
    }

  /* The version typed before the restore stays a version of its own. */
  tail = ensure_tail (self, id, error);
  if (tail == NULL)
    return FALSE;
  tail->sealed = TRUE;

  before = json_object_ref (current);
  if (!hlg_document_replace_object (document, content, error))
    return FALSE;
  if (!hlg_store_save (self->store, document, error))
    {
      hlg_document_replace_object (document, before, NULL);
      return FALSE;
    }

  return TRUE;
}
