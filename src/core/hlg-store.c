/* hlg-store.c: the local store, one JSON file per document, with sync state
 * SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "hlg-store"
#define _GNU_SOURCE /* syncfs() */

#include "config.h"

#include <errno.h>
#include <fcntl.h>
#include <glib/gi18n-lib.h>
#include <glib/gstdio.h>
#include <string.h>
#include <sys/resource.h> /* setpriority() */
#include <unistd.h>

#include "hlg-id.h"
#include "hlg-journal.h"
#include "hlg-json.h"
#include "hlg-merge.h"
#include "hlg-store.h"

/* On disk, each document is one file, documents/<id>.json:
 *   {"doc": {...the document...},
 *    "sync": {"rev": "<last server revision>", "local_changes": true,
 *             "deleted": false, "base": {...the document at "rev"...},
 *             "conflicts": [{"path", "mine", "theirs", "base"}, ...]}}
 * The base is written only while there are local changes: without them
 * the document is the base.
 *
 * A page of JOURNAL_MIN documents or more is first written as one journal
 * file, journal/<serial>.journal (hlg-journal.c), then split into document
 * files by a thread. Loading reads the journals after the document files:
 * a journal's copy wins over a file of an older server revision. */

#define BATCH_SIZE 256
#define JOURNAL_MIN 64
/* A pulled document's file: the envelope's text around the document's. */
#define ENVELOPE_PARTS 5

typedef struct _Split Split;

typedef struct
{
  HlgDocument *doc;
  char        *server_rev;
  JsonObject  *base;
  gboolean     local_changes;
  gboolean     deleted;
  JsonArray   *conflicts; /* conflict records (hlg-merge.h), NULL when none */
} Entry;

struct _HlgStore
{
  GObject     parent_instance;

  char       *path;
  char       *docs_dir;
  char       *quarantine_dir;
  char       *journal_dir;
  int         docs_dir_fd;

  GPtrArray  *journals;  /* HlgJournal, oldest first: not yet split */
  GHashTable *journaled; /* id -> HlgJournalRecord: the newest durable copy is in a journal */
  GHashTable *mentioned; /* id -> how many journals name it (GUINT_TO_POINTER) */
  guint64     journal_serial;
  Split      *split;     /* the split in progress */

  GHashTable *entries; /* id -> Entry */
  GListStore *models[HLG_N_DOC_TYPES];
  GPtrArray  *quarantined;
  guint       n_pending;
  guint       n_conflicts;
  JsonObject *sync_state; /* sync-state.json, read on first use */
  guint       loaded : 1;
  guint       loading : 1;
};

G_DEFINE_FINAL_TYPE (HlgStore, hlg_store, G_TYPE_OBJECT)
G_DEFINE_QUARK (hlg-store-error-quark, hlg_store_error)

enum {
  PROP_0,
  PROP_PATH,
  PROP_LOADED,
  PROP_N_PENDING,
  PROP_N_CONFLICTS,
  N_PROPS
};

enum {
  QUARANTINED,
  DOCUMENT_WRITTEN,
  N_SIGNALS
};

static GParamSpec *properties[N_PROPS];
static guint signals[N_SIGNALS];

static void notify_item_changed (HlgStore    *self,
                                 HlgDocument *doc);
static gint64 rev_generation    (const char  *rev);
static void replay_journals     (HlgStore    *self);
static void split_stop          (HlgStore    *self);

static void
entry_free (Entry *entry)
{
  g_clear_object (&entry->doc);
  g_clear_pointer (&entry->server_rev, g_free);
  g_clear_pointer (&entry->base, json_object_unref);
  g_clear_pointer (&entry->conflicts, json_array_unref);
  g_free (entry);
}

void
hlg_quarantined_free (HlgQuarantined *q)
{
  g_free (q->file);
  g_free (q->name);
  g_free (q->reason);
  g_free (q);
}

static void
hlg_store_finalize (GObject *object)
{
  HlgStore *self = (HlgStore *)object;

  split_stop (self);
  g_clear_pointer (&self->journals, g_ptr_array_unref);
  g_clear_pointer (&self->journaled, g_hash_table_unref);
  g_clear_pointer (&self->mentioned, g_hash_table_unref);
  g_clear_pointer (&self->journal_dir, g_free);
  for (guint i = 0; i < HLG_N_DOC_TYPES; i++)
    g_clear_object (&self->models[i]);
  g_clear_pointer (&self->entries, g_hash_table_unref);
  g_clear_pointer (&self->quarantined, g_ptr_array_unref);
  g_clear_pointer (&self->path, g_free);
  g_clear_pointer (&self->docs_dir, g_free);
  g_clear_pointer (&self->quarantine_dir, g_free);
  g_clear_pointer (&self->sync_state, json_object_unref);
  if (self->docs_dir_fd >= 0)
    close (self->docs_dir_fd);

  G_OBJECT_CLASS (hlg_store_parent_class)->finalize (object);
}

static void
hlg_store_get_property (GObject    *object,
                        guint       prop_id,
                        GValue     *value,
                        GParamSpec *pspec)
{
  HlgStore *self = HLG_STORE (object);

  switch (prop_id)
    {
    case PROP_PATH:
      g_value_set_string (value, self->path);
      break;

    case PROP_LOADED:
      g_value_set_boolean (value, self->loaded);
      break;

    case PROP_N_PENDING:
      g_value_set_uint (value, self->n_pending);
      break;

    case PROP_N_CONFLICTS:
      g_value_set_uint (value, self->n_conflicts);
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
hlg_store_set_property (GObject      *object,
                        guint         prop_id,
                        const GValue *value,
                        GParamSpec   *pspec)
{
  HlgStore *self = HLG_STORE (object);

  switch (prop_id)
    {
    case PROP_PATH:
      self->path = g_value_dup_string (value);
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
hlg_store_constructed (GObject *object)
{
  HlgStore *self = (HlgStore *)object;

  G_OBJECT_CLASS (hlg_store_parent_class)->constructed (object);

  self->docs_dir = g_build_filename (self->path, "documents", NULL);
  self->quarantine_dir = g_build_filename (self->path, "quarantine", NULL);
  self->journal_dir = g_build_filename (self->path, "journal", NULL);
}

static void
hlg_store_class_init (HlgStoreClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->finalize = hlg_store_finalize;
  object_class->get_property = hlg_store_get_property;
  object_class->set_property = hlg_store_set_property;
  object_class->constructed = hlg_store_constructed;

  properties[PROP_PATH] =
    g_param_spec_string ("path", NULL, NULL, NULL,
                         G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS);
  properties[PROP_LOADED] =
    g_param_spec_boolean ("loaded", NULL, NULL, FALSE,
                          G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);
  properties[PROP_N_PENDING] =
    g_param_spec_uint ("n-pending", NULL, NULL, 0, G_MAXUINT, 0,
                       G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);
  properties[PROP_N_CONFLICTS] =
    g_param_spec_uint ("n-conflicts", NULL, NULL, 0, G_MAXUINT, 0,
                       G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  /* A file was moved to quarantine/ while loading: (HlgQuarantined *). */
  signals[QUARANTINED] =
    g_signal_new ("quarantined", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL, G_TYPE_NONE, 1, G_TYPE_POINTER);

  /* A version of a document reached the disk, on the main thread: (id,
   * document, from_server, rev). rev is the server revision it is, or for
   * a local save the one it builds on (NULL if none). The history
   * (hlg-history.c) keeps each version. */
  signals[DOCUMENT_WRITTEN] =
    g_signal_new ("document-written", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL, G_TYPE_NONE, 4,
                  G_TYPE_STRING, HLG_TYPE_DOCUMENT, G_TYPE_BOOLEAN, G_TYPE_STRING);
}

static void
hlg_store_init (HlgStore *self)
{
  self->docs_dir_fd = -1;
  self->entries = g_hash_table_new_full (g_str_hash, g_str_equal, g_free,
                                         (GDestroyNotify) entry_free);
  self->quarantined = g_ptr_array_new_with_free_func ((GDestroyNotify) hlg_quarantined_free);
  self->journals = g_ptr_array_new_with_free_func ((GDestroyNotify) hlg_journal_free);
  self->journaled = g_hash_table_new (g_str_hash, g_str_equal);
  self->mentioned = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  for (guint i = 0; i < HLG_N_DOC_TYPES; i++)
    self->models[i] = g_list_store_new (HLG_TYPE_DOCUMENT);
}

/**
 * hlg_store_default_path:
 * @profile: one account on one server, or "local"
 *
 * Returns: the folder of @profile's store; $HLGMOS_DATA_DIR when set.
 */
char *
hlg_store_default_path (const char *profile)
{
  const char *env = g_getenv ("HLGMOS_DATA_DIR");

  if (env != NULL && env[0] != '\0')
    return g_strdup (env);

  return g_build_filename (g_get_user_data_dir (), "hlgmos", profile ? profile : "local", NULL);
}

HlgStore *
hlg_store_new (const char *path)
{
  g_return_val_if_fail (path != NULL, NULL);

  return g_object_new (HLG_TYPE_STORE, "path", path, NULL);
}

const char *
hlg_store_get_path (HlgStore *self)
{
  g_return_val_if_fail (HLG_IS_STORE (self), NULL);

  return self->path;
}

static gboolean
ensure_dirs (HlgStore  *self,
             GError   **error)
{
  if (g_mkdir_with_parents (self->docs_dir, 0700) != 0)
    {
      int errsv = errno;

      g_set_error (error, HLG_STORE_ERROR, HLG_STORE_ERROR_IO,
                   _("Cannot create the data folder %s: %s"), self->docs_dir, g_strerror (errsv));
      return FALSE;
    }

  if (self->docs_dir_fd < 0)
    self->docs_dir_fd = open (self->docs_dir, O_RDONLY | O_DIRECTORY | O_CLOEXEC);

  return TRUE;
}

/* Loading */

typedef struct
{
  char  *name;
  char  *reason;
} Rejected;

static void
rejected_free (Rejected *r)
{
  g_free (r->name);
  g_free (r->reason);
  g_free (r);
}

typedef struct
{
  GPtrArray *entries;  /* Entry */
  GPtrArray *rejected; /* Rejected */
} Batch;

static void
batch_free (Batch *batch)
{
  g_ptr_array_unref (batch->entries);
  g_ptr_array_unref (batch->rejected);
  g_free (batch);
}

static Batch *
batch_new (void)
{
  Batch *batch = g_new0 (Batch, 1);

  batch->entries = g_ptr_array_new_with_free_func ((GDestroyNotify) entry_free);
  batch->rejected = g_ptr_array_new_with_free_func ((GDestroyNotify) rejected_free);
  return batch;
}

/* g_file_set_contents_full() writes "<name>.XXXXXX" then renames it: a file
 * like that is an interrupted write, never a saved document. */
static gboolean
is_interrupted_write (const char *name)
{
  const char *dot = strrchr (name, '.');

  return dot != NULL && strlen (dot) == 7 && dot - name > 5 &&
         strncmp (dot - 5, ".json", 5) == 0;
}

/* The entry of document @id from the text of its file (or journal record). */
static Entry *
entry_from_contents (const char  *id,
                     const char  *contents,
                     gsize        length,
                     char       **reason)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(JsonObject) sync = NULL;
  g_autoptr(HlgDocument) doc = NULL;
  HlgJsonMember members[] = { { "doc" }, { "sync" } };
  Entry *entry;

  /* The document's text is kept as it is and parsed when first used;
   * only the small sync state is parsed now. */
  if (!g_utf8_validate (contents, length, NULL))
    {
      *reason = g_strdup (_("The text is not valid UTF-8"));
      return NULL;
    }

  if (!hlg_json_scan_object (contents, length, members, G_N_ELEMENTS (members), &error))
    {
      *reason = g_strdup (error->message);
      return NULL;
    }

  if (members[0].value == NULL || members[0].value[0] != '{')
    {
      *reason = g_strdup (_("The file holds no document"));
      return NULL;
    }

  doc = hlg_document_new_from_text (g_strndup (members[0].value, members[0].length),
                                    members[0].length, &error);
  if (doc == NULL)
    {
      *reason = g_strdup (error->message);
      return NULL;
    }

  if (members[1].value != NULL)
    {
      sync = hlg_json_object_from_data (members[1].value, members[1].length, &error);
      if (sync == NULL)
        {
          *reason = g_strdup (error->message);
          return NULL;
        }
    }

  if (strcmp (hlg_document_get_id (doc), id) != 0)
    {
      *reason = g_strdup (_("The file name does not match the document’s ID"));
      return NULL;
    }

  entry = g_new0 (Entry, 1);
  entry->doc = g_steal_pointer (&doc);
  if (sync != NULL)
    {
      JsonObject *base = hlg_json_object_get_object (sync, "base");
      JsonNode *conflicts = json_object_get_member (sync, "conflicts");

      entry->server_rev = g_strdup (json_object_get_string_member_with_default (sync, "rev", NULL));
      entry->local_changes = json_object_get_boolean_member_with_default (sync, "local_changes", FALSE);
      entry->deleted = json_object_get_boolean_member_with_default (sync, "deleted", FALSE);
      if (base != NULL)
        entry->base = json_object_ref (base);
      if (conflicts != NULL && JSON_NODE_HOLDS_ARRAY (conflicts) &&
          json_array_get_length (json_node_get_array (conflicts)) > 0)
        entry->conflicts = json_array_ref (json_node_get_array (conflicts));
    }

  return entry;
}

static Entry *
entry_from_file (const char  *dir,
                 const char  *name,
                 char       **reason)
{
  g_autofree char *path = g_build_filename (dir, name, NULL);
  g_autofree char *contents = NULL;
  g_autofree char *stem = NULL;
  g_autoptr(GError) error = NULL;
  gsize length;

  if (!g_str_has_suffix (name, ".json"))
    {
      *reason = g_strdup (_("The file name does not end in “.json”"));
      return NULL;
    }

  stem = g_strndup (name, strlen (name) - strlen (".json"));
  if (!hlg_id_validate (stem, NULL, &error))
    {
      *reason = g_strdup_printf (_("The file name is not a document ID: %s"), error->message);
      return NULL;
    }

  if (!g_file_get_contents (path, &contents, &length, &error))
    {
      *reason = g_strdup_printf (_("The file cannot be read: %s"), error->message);
      return NULL;
    }

  return entry_from_contents (stem, contents, length, reason);
}

static Batch *
load_names (const char  *dir,
            char       **names,
            guint        n)
{
  Batch *batch = batch_new ();

  for (guint i = 0; i < n; i++)
    {
      g_autofree char *reason = NULL;
      Entry *entry = entry_from_file (dir, names[i], &reason);

      if (entry != NULL)
        {
          g_ptr_array_add (batch->entries, entry);
        }
      else
        {
          Rejected *r = g_new0 (Rejected, 1);

          r->name = g_strdup (names[i]);
          r->reason = g_steal_pointer (&reason);
          g_ptr_array_add (batch->rejected, r);
        }
    }

  return batch;
}

static int
compare_names (gconstpointer a,
               gconstpointer b)
{
  return strcmp (*(const char * const *) a, *(const char * const *) b);
}

static GPtrArray *
list_names (const char    *dir,
            GError       **error)
{
  g_autoptr(GDir) gdir = NULL;
  g_autoptr(GPtrArray) names = g_ptr_array_new_with_free_func (g_free);
  const char *name;

  gdir = g_dir_open (dir, 0, error);
  if (gdir == NULL)
    return NULL;

  while ((name = g_dir_read_name (gdir)))
    {
      if (is_interrupted_write (name))
        {
          g_autofree char *path = g_build_filename (dir, name, NULL);

          g_unlink (path);
          continue;
        }
      g_ptr_array_add (names, g_strdup (name));
    }

  g_ptr_array_sort (names, compare_names);
  return g_steal_pointer (&names);
}

static char *
quarantine_file (HlgStore    *self,
                 const char  *from,
                 const char  *name,
                 const char  *reason,
                 GError     **error)
{
  g_autofree char *reason_text = NULL;
  g_autofree char *reason_path = NULL;
  char *to = NULL;

  if (g_mkdir_with_parents (self->quarantine_dir, 0700) != 0)
    {
      int errsv = errno;

      g_set_error (error, HLG_STORE_ERROR, HLG_STORE_ERROR_IO, "%s", g_strerror (errsv));
      return NULL;
    }

  /* Never overwrite an earlier quarantined file of the same name. */
  for (guint i = 0; to == NULL || g_file_test (to, G_FILE_TEST_EXISTS); i++)
    {
      g_free (to);
      to = i == 0 ? g_build_filename (self->quarantine_dir, name, NULL)
                  : g_strdup_printf ("%s/%s.%u", self->quarantine_dir, name, i);
    }

  if (g_rename (from, to) != 0)
    {
      int errsv = errno;

      g_set_error (error, HLG_STORE_ERROR, HLG_STORE_ERROR_IO, "%s", g_strerror (errsv));
      g_free (to);
      return NULL;
    }

  reason_path = g_strconcat (to, ".reason.txt", NULL);
  reason_text = g_strdup_printf ("%s\n", reason);
  g_file_set_contents (reason_path, reason_text, -1, NULL);

  return to;
}

/* Moves @from to quarantine/ and tells who listens. */
static void
quarantine (HlgStore   *self,
            const char *from,
            const char *name,
            const char *reason)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *to = quarantine_file (self, from, name, reason, &error);
  HlgQuarantined *q;

  if (to == NULL)
    {
      /* It stays where it is; it is still skipped and still reported. */
      g_warning ("Cannot move %s to quarantine: %s", name, error->message);
      to = g_strdup (from);
    }

  q = g_new0 (HlgQuarantined, 1);
  q->file = g_steal_pointer (&to);
  q->name = g_strdup (name);
  q->reason = g_strdup (reason);
  g_ptr_array_add (self->quarantined, q);
  g_signal_emit (self, signals[QUARANTINED], 0, q);
}

static void
update_n_pending (HlgStore *self,
                  gint      delta)
{
  if (delta == 0)
    return;

  self->n_pending += delta;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_N_PENDING]);
}

static void
apply_batch (HlgStore *self,
             Batch    *batch)
{
  GPtrArray *per_type[HLG_N_DOC_TYPES] = { NULL };
  gint pending = 0;
  guint conflicted = 0;
  gsize n_entries;
  g_autofree Entry **entries = (Entry **) g_ptr_array_steal (batch->entries, &n_entries);

  for (gsize i = 0; i < n_entries; i++)
    {
      Entry *entry = entries[i];
      const char *id = hlg_document_get_id (entry->doc);
      HlgDocType type = hlg_document_get_doc_type (entry->doc);

      if (g_hash_table_contains (self->entries, id))
        {
          /* Already known (loaded twice): the store's copy wins. */
          entry_free (entry);
          continue;
        }

      if (entry->local_changes)
        pending++;
      if (entry->conflicts != NULL)
        conflicted++;
      g_hash_table_insert (self->entries, g_strdup (id), entry);
      if (entry->deleted)
        continue;
      if (per_type[type] == NULL)
        per_type[type] = g_ptr_array_new ();
      g_ptr_array_add (per_type[type], entry->doc);
    }

  for (guint t = 0; t < HLG_N_DOC_TYPES; t++)
    if (per_type[t] != NULL)
      {
        g_list_store_splice (self->models[t],
                             g_list_model_get_n_items (G_LIST_MODEL (self->models[t])), 0,
                             per_type[t]->pdata, per_type[t]->len);
        g_ptr_array_unref (per_type[t]);
      }

  update_n_pending (self, pending);
  if (conflicted > 0)
    {
      self->n_conflicts += conflicted;
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_N_CONFLICTS]);
    }

  for (guint i = 0; i < batch->rejected->len; i++)
    {
      Rejected *r = g_ptr_array_index (batch->rejected, i);
      g_autofree char *from = g_build_filename (self->docs_dir, r->name, NULL);

      quarantine (self, from, r->name, r->reason);
    }
}

static void
set_loaded (HlgStore *self)
{
  self->loading = FALSE;
  self->loaded = TRUE;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_LOADED]);
}

/* The files are parsed by a few threads taking batches from a shared
 * counter; each finished batch goes to @deliver. */
typedef struct
{
  char          *dir;
  GPtrArray     *names;
  gint           next; /* atomic */
  GCancellable  *cancellable;
  void         (*deliver) (gpointer data, Batch *batch);
  gpointer       deliver_data;
} Loader;

static gpointer
loader_thread (gpointer data)
{
  Loader *loader = data;

  for (;;)
    {
      guint start = g_atomic_int_add (&loader->next, BATCH_SIZE);
      guint n;

      if (start >= loader->names->len || g_cancellable_is_cancelled (loader->cancellable))
        break;

      n = MIN (BATCH_SIZE, loader->names->len - start);
      loader->deliver (loader->deliver_data,
                       load_names (loader->dir, (char **) loader->names->pdata + start, n));
    }

  return NULL;
}

static void
loader_run (Loader *loader)
{
  guint n_threads = CLAMP (g_get_num_processors (), 1, 4);
  GThread *threads[4] = { NULL };

  n_threads = MIN (n_threads, loader->names->len / BATCH_SIZE + 1);
  for (guint i = 1; i < n_threads; i++)
    threads[i] = g_thread_new ("hlg-store-load", loader_thread, loader);
  loader_thread (loader);
  for (guint i = 1; i < n_threads; i++)
    g_thread_join (threads[i]);
}

typedef struct
{
  GMutex     mutex;
  GPtrArray *batches;
} Collected;

static void
collect_batch (gpointer  data,
               Batch    *batch)
{
  Collected *collected = data;

  g_mutex_lock (&collected->mutex);
  g_ptr_array_add (collected->batches, batch);
  g_mutex_unlock (&collected->mutex);
}

/**
 * hlg_store_load:
 *
 * Loads every document, blocking the calling thread: for the command-line
 * tool and tests. The application uses hlg_store_load_async().
 */
gboolean
hlg_store_load (HlgStore      *self,
                GCancellable  *cancellable,
                GError       **error)
{
  g_autoptr(GPtrArray) names = NULL;
  Collected collected;
  Loader loader = { 0 };

  g_return_val_if_fail (HLG_IS_STORE (self), FALSE);
  g_return_val_if_fail (!self->loaded && !self->loading, FALSE);

  if (!ensure_dirs (self, error))
    return FALSE;

  names = list_names (self->docs_dir, error);
  if (names == NULL)
    return FALSE;

  g_mutex_init (&collected.mutex);
  collected.batches = g_ptr_array_new_with_free_func ((GDestroyNotify) batch_free);
  loader.dir = self->docs_dir;
  loader.names = names;
  loader.cancellable = cancellable;
  loader.deliver = collect_batch;
  loader.deliver_data = &collected;
  loader_run (&loader);

  for (guint i = 0; i < collected.batches->len; i++)
    apply_batch (self, g_ptr_array_index (collected.batches, i));
  g_ptr_array_unref (collected.batches);
  g_mutex_clear (&collected.mutex);

  if (g_cancellable_set_error_if_cancelled (cancellable, error))
    return FALSE;

  replay_journals (self);
  set_loaded (self);
  return TRUE;
}

/* Asynchronous loading: a thread lists and parses, batches are applied on
 * the store's main context as they come, so lists fill while loading. */
typedef struct
{
  Loader        loader;
  GMainContext *context;
  GTask        *task;
  gint          in_flight; /* atomic: batches posted and not applied */
  gboolean      parsed;    /* atomic */
  GError       *error;
} AsyncLoad;

typedef struct
{
  AsyncLoad *load;
  Batch     *batch;
} Posted;

static void
async_load_free (AsyncLoad *load)
{
  g_clear_pointer (&load->loader.names, g_ptr_array_unref);
  g_clear_pointer (&load->loader.dir, g_free);
  g_clear_pointer (&load->context, g_main_context_unref);
  g_clear_error (&load->error);
  g_free (load);
}

static void
maybe_complete (AsyncLoad *load)
{
  HlgStore *self;
  g_autoptr(GTask) task = NULL;

  if (!g_atomic_int_get (&load->parsed) || g_atomic_int_get (&load->in_flight) != 0)
    return;

  task = g_steal_pointer (&load->task);
  self = g_task_get_source_object (task);
  if (load->error != NULL)
    {
      self->loading = FALSE;
      g_task_return_error (task, g_steal_pointer (&load->error));
    }
  else if (g_task_return_error_if_cancelled (task))
    {
      self->loading = FALSE;
    }
  else
    {
      replay_journals (self);
      set_loaded (self);
      g_task_return_boolean (task, TRUE);
    }
  async_load_free (load);
}

static gboolean
apply_posted_cb (gpointer data)
{
  Posted *posted = data;
  AsyncLoad *load = posted->load;

  apply_batch (g_task_get_source_object (load->task), posted->batch);
  batch_free (posted->batch);
  g_free (posted);
  g_atomic_int_dec_and_test (&load->in_flight);
  maybe_complete (load);

  return G_SOURCE_REMOVE;
}

static void
post_batch (gpointer  data,
            Batch    *batch)
{
  AsyncLoad *load = data;
  Posted *posted = g_new0 (Posted, 1);

  posted->load = load;
  posted->batch = batch;
  g_atomic_int_inc (&load->in_flight);
  g_main_context_invoke_full (load->context, G_PRIORITY_DEFAULT_IDLE, apply_posted_cb, posted, NULL);
}

static gboolean
parsed_cb (gpointer data)
{
  AsyncLoad *load = data;

  g_atomic_int_set (&load->parsed, TRUE);
  maybe_complete (load);
  return G_SOURCE_REMOVE;
}

static gpointer
async_load_thread (gpointer data)
{
  AsyncLoad *load = data;

  load->loader.names = list_names (load->loader.dir, &load->error);
  if (load->loader.names != NULL)
    loader_run (&load->loader);

  g_main_context_invoke_full (load->context, G_PRIORITY_DEFAULT_IDLE, parsed_cb, load, NULL);
  return NULL;
}

void
hlg_store_load_async (HlgStore            *self,
                      GCancellable        *cancellable,
                      GAsyncReadyCallback  callback,
                      gpointer             user_data)
{
  g_autoptr(GTask) task = NULL;
  g_autoptr(GError) error = NULL;
  AsyncLoad *load;

  g_return_if_fail (HLG_IS_STORE (self));
  g_return_if_fail (!self->loaded && !self->loading);

  task = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (task, hlg_store_load_async);

  if (!ensure_dirs (self, &error))
    {
      g_task_return_error (task, g_steal_pointer (&error));
      return;
    }

  self->loading = TRUE;
  load = g_new0 (AsyncLoad, 1);
  load->task = g_steal_pointer (&task);
  load->context = g_main_context_ref_thread_default ();
  load->loader.dir = g_strdup (self->docs_dir);
  load->loader.cancellable = cancellable;
  load->loader.deliver = post_batch;
  load->loader.deliver_data = load;
  g_thread_unref (g_thread_new ("hlg-store-list", async_load_thread, load));
}

gboolean
hlg_store_load_finish (HlgStore      *self,
                       GAsyncResult  *result,
                       GError       **error)
{
  g_return_val_if_fail (HLG_IS_STORE (self), FALSE);
  g_return_val_if_fail (g_task_is_valid (result, self), FALSE);

  return g_task_propagate_boolean (G_TASK (result), error);
}

gboolean
hlg_store_is_loaded (HlgStore *self)
{
  g_return_val_if_fail (HLG_IS_STORE (self), FALSE);

  return self->loaded;
}

/**
 * hlg_store_get_quarantined:
 *
 * Returns: (transfer none) (element-type HlgQuarantined): the files moved to
 *   quarantine/ by the last load, for a person to see
 */
GPtrArray *
hlg_store_get_quarantined (HlgStore *self)
{
  g_return_val_if_fail (HLG_IS_STORE (self), NULL);

  return self->quarantined;
}

/**
 * hlg_store_get_model:
 *
 * Returns: (transfer none): a list of the documents of @type, which
 *   updates in place as documents are loaded, saved, pulled or deleted
 */
GListModel *
hlg_store_get_model (HlgStore   *self,
                     HlgDocType  type)
{
  g_return_val_if_fail (HLG_IS_STORE (self), NULL);
  g_return_val_if_fail (type >= 0 && type < HLG_N_DOC_TYPES, NULL);

  return G_LIST_MODEL (self->models[type]);
}

guint
hlg_store_get_n_documents (HlgStore *self)
{
  guint n = 0;

  g_return_val_if_fail (HLG_IS_STORE (self), 0);

  for (guint i = 0; i < HLG_N_DOC_TYPES; i++)
    n += g_list_model_get_n_items (G_LIST_MODEL (self->models[i]));

  return n;
}

static Entry *
lookup_entry (HlgStore   *self,
              const char *id)
{
  if (id == NULL || !hlg_id_is_valid (id))
    return NULL;

  return g_hash_table_lookup (self->entries, id);
}

HlgDocument *
hlg_store_lookup (HlgStore   *self,
                  const char *id)
{
  Entry *entry;

  g_return_val_if_fail (HLG_IS_STORE (self), NULL);

  entry = lookup_entry (self, id);
  return entry != NULL && !entry->deleted ? entry->doc : NULL;
}

/* Saving */

static gboolean
write_durably (HlgStore    *self,
               const char  *id,
               const char  *data,
               gsize        length,
               GError     **error)
{
  g_autofree char *name = g_strconcat (id, ".json", NULL);
  g_autofree char *path = g_build_filename (self->docs_dir, name, NULL);

  if (!ensure_dirs (self, error))
    return FALSE;

  if (!g_file_set_contents_full (path, data, length,
                                 G_FILE_SET_CONTENTS_CONSISTENT | G_FILE_SET_CONTENTS_DURABLE,
                                 0600, error))
    return FALSE;

  /* The rename is durable once the folder is flushed too. */
  if (self->docs_dir_fd >= 0)
    fsync (self->docs_dir_fd);

  g_hash_table_remove (self->journaled, id);
  return TRUE;
}

/* The "sync" member of a document's file. */
static JsonNode *
sync_node_new (Entry *entry)
{
  g_autoptr(JsonBuilder) builder = json_builder_new ();

  json_builder_begin_object (builder);
  if (entry->server_rev != NULL)
    {
      json_builder_set_member_name (builder, "rev");
      json_builder_add_string_value (builder, entry->server_rev);
    }
  json_builder_set_member_name (builder, "local_changes");
  json_builder_add_boolean_value (builder, entry->local_changes);
  if (entry->deleted)
    {
      json_builder_set_member_name (builder, "deleted");
      json_builder_add_boolean_value (builder, TRUE);
    }
  if (entry->base != NULL && entry->local_changes)
    {
      json_builder_set_member_name (builder, "base");
      json_builder_add_value (builder, json_node_init_object (json_node_alloc (), entry->base));
    }
  if (entry->conflicts != NULL)
    {
      json_builder_set_member_name (builder, "conflicts");
      json_builder_add_value (builder, json_node_init_array (json_node_alloc (), entry->conflicts));
    }
  json_builder_end_object (builder);

  return json_builder_get_root (builder);
}

static char *
serialize_entry (Entry *entry)
{
  g_autoptr(JsonBuilder) builder = json_builder_new ();
  g_autoptr(JsonNode) root = NULL;
  g_autoptr(JsonNode) doc = NULL;

  doc = json_node_init_object (json_node_alloc (), hlg_document_get_object (entry->doc));

  json_builder_begin_object (builder);
  json_builder_set_member_name (builder, "doc");
  json_builder_add_value (builder, g_steal_pointer (&doc));
  json_builder_set_member_name (builder, "sync");
  json_builder_add_value (builder, sync_node_new (entry));
  json_builder_end_object (builder);

  root = json_builder_get_root (builder);
  return json_to_string (root, FALSE);
}

/* The last server version, the base of the next merge. Without local
 * changes the file on disk holds exactly that version. */
static JsonObject *
read_base_from_disk (HlgStore   *self,
                     const char *id)
{
  g_autofree char *name = g_strconcat (id, ".json", NULL);
  g_autofree char *reason = NULL;
  HlgJournalRecord *record = g_hash_table_lookup (self->journaled, id);
  Entry *old = NULL;
  JsonObject *base = NULL;

  if (record == NULL)
    old = entry_from_file (self->docs_dir, name, &reason);
  else if (record->length > 0)
    old = entry_from_contents (id, record->data, record->length, &reason);

  if (old != NULL)
    {
      base = hlg_document_dup_object (old->doc);
      entry_free (old);
    }

  return base;
}

/**
 * hlg_store_save:
 *
 * Writes @document durably as a local change, adding it to the store if it
 * is new. When this returns %TRUE the change survives a crash.
 */
gboolean
hlg_store_save (HlgStore     *self,
                HlgDocument  *document,
                GError      **error)
{
  g_autoptr(GError) local_error = NULL;
  g_autofree char *data = NULL;
  const char *id;
  Entry *entry;
  Entry *new_entry = NULL;
  gboolean was_pending;
  JsonObject *base_taken = NULL;

  g_return_val_if_fail (HLG_IS_STORE (self), FALSE);
  g_return_val_if_fail (HLG_IS_DOCUMENT (document), FALSE);

  id = hlg_document_get_id (document);
  if (!hlg_id_validate (id, NULL, &local_error))
    {
      g_set_error (error, HLG_STORE_ERROR, HLG_STORE_ERROR_INVALID, "%s", local_error->message);
      return FALSE;
    }

  if (hlg_document_is_read_only (document))
    {
      g_set_error_literal (error, HLG_STORE_ERROR, HLG_STORE_ERROR_READ_ONLY,
                           hlg_document_get_read_only_reason (document));
      return FALSE;
    }

  entry = g_hash_table_lookup (self->entries, id);
  if (entry != NULL && entry->doc != document && !entry->deleted)
    {
      g_set_error_literal (error, HLG_STORE_ERROR, HLG_STORE_ERROR_INVALID,
                           _("Another copy of this document is already in the store"));
      return FALSE;
    }

  if (entry == NULL)
    {
      new_entry = entry = g_new0 (Entry, 1);
      entry->doc = g_object_ref (document);
    }

  was_pending = entry->local_changes;
  if (entry->server_rev != NULL && entry->base == NULL)
    base_taken = entry->base = read_base_from_disk (self, id);

  entry->local_changes = TRUE;
  data = serialize_entry (entry);

  if (!write_durably (self, id, data, strlen (data), &local_error))
    {
      entry->local_changes = was_pending;
      if (base_taken != NULL)
        g_clear_pointer (&entry->base, json_object_unref);
      if (new_entry != NULL)
        entry_free (new_entry);
      g_set_error (error, HLG_STORE_ERROR, HLG_STORE_ERROR_IO,
                   _("The document could not be saved: %s"), local_error->message);
      return FALSE;
    }

  if (!was_pending)
    update_n_pending (self, 1);

  if (new_entry != NULL)
    {
      g_hash_table_insert (self->entries, g_strdup (id), new_entry);
      g_list_store_append (self->models[hlg_document_get_doc_type (document)], document);
    }
  else if (entry->deleted)
    {
      entry->deleted = FALSE;
      g_list_store_append (self->models[hlg_document_get_doc_type (document)], document);
    }
  else
    {
      /* Lists that sort or filter on the edited fields look again. */
      notify_item_changed (self, document);
    }

  g_signal_emit (self, signals[DOCUMENT_WRITTEN], 0, id, document, FALSE, entry->server_rev);
  return TRUE;
}

static void
remove_from_model (HlgStore    *self,
                   HlgDocument *doc)
{
  GListStore *model = self->models[hlg_document_get_doc_type (doc)];
  guint position;

  if (g_list_store_find (model, doc, &position))
    g_list_store_remove (model, position);
}

/**
 * hlg_store_delete:
 *
 * Deletes a document locally. One the server has seen stays as a
 * tombstone until the deletion is pushed; one it never saw is removed.
 */
gboolean
hlg_store_delete (HlgStore    *self,
                  const char  *id,
                  GError     **error)
{
  g_autoptr(HlgDocument) doc = NULL;
  Entry *entry;

  g_return_val_if_fail (HLG_IS_STORE (self), FALSE);

  entry = lookup_entry (self, id);
  if (entry == NULL || entry->deleted)
    {
      g_set_error_literal (error, HLG_STORE_ERROR, HLG_STORE_ERROR_NOT_FOUND,
                           _("There is no such document"));
      return FALSE;
    }

  doc = g_object_ref (entry->doc);
  if (entry->server_rev == NULL)
    {
      g_autofree char *name = g_strconcat (id, ".json", NULL);
      g_autofree char *path = g_build_filename (self->docs_dir, name, NULL);

      if (g_unlink (path) != 0 && errno != ENOENT)
        {
          int errsv = errno;

          g_set_error (error, HLG_STORE_ERROR, HLG_STORE_ERROR_IO,
                       _("The document could not be deleted: %s"), g_strerror (errsv));
          return FALSE;
        }
      if (self->docs_dir_fd >= 0)
        fsync (self->docs_dir_fd);
      if (entry->local_changes)
        update_n_pending (self, -1);
      g_hash_table_remove (self->entries, id);
    }
  else
    {
      g_autofree char *data = NULL;
      gboolean was_pending = entry->local_changes;

      entry->deleted = TRUE;
      entry->local_changes = TRUE;
      data = serialize_entry (entry);
      if (!write_durably (self, id, data, strlen (data), error))
        {
          entry->deleted = FALSE;
          entry->local_changes = was_pending;
          return FALSE;
        }
      if (!was_pending)
        update_n_pending (self, 1);
    }

  remove_from_model (self, doc);
  return TRUE;
}

gboolean
hlg_store_has_local_changes (HlgStore   *self,
                             const char *id)
{
  Entry *entry;

  g_return_val_if_fail (HLG_IS_STORE (self), FALSE);

  entry = lookup_entry (self, id);
  return entry != NULL && entry->local_changes;
}

const char *
hlg_store_get_server_rev (HlgStore   *self,
                          const char *id)
{
  Entry *entry;

  g_return_val_if_fail (HLG_IS_STORE (self), NULL);

  entry = lookup_entry (self, id);
  return entry != NULL ? entry->server_rev : NULL;
}

/**
 * hlg_store_dup_base:
 *
 * Returns: (transfer full) (nullable): the document as the server last
 *   gave it, the base of a three-way merge; %NULL if never synced
 */
JsonObject *
hlg_store_dup_base (HlgStore   *self,
                    const char *id)
{
  Entry *entry;

  g_return_val_if_fail (HLG_IS_STORE (self), NULL);

  entry = lookup_entry (self, id);
  if (entry == NULL || entry->server_rev == NULL)
    return NULL;
  if (entry->local_changes)
    return entry->base != NULL ? hlg_json_object_deep_copy (entry->base) : NULL;

  return hlg_document_dup_object (entry->doc);
}

/* The IDs of the entries @keep accepts, sorted. */
static GPtrArray *
list_ids (HlgStore *self,
          gboolean (*keep) (const Entry *entry))
{
  GPtrArray *ids = g_ptr_array_new ();
  GHashTableIter iter;
  gpointer key, value;

  g_hash_table_iter_init (&iter, self->entries);
  while (g_hash_table_iter_next (&iter, &key, &value))
    if (keep (value))
      g_ptr_array_add (ids, key);

  g_ptr_array_sort (ids, compare_names);
  return ids;
}

static gboolean
entry_is_pending (const Entry *entry)
{
  return entry->local_changes;
}

static gboolean
entry_is_to_push (const Entry *entry)
{
  return entry->local_changes && entry->conflicts == NULL;
}

static gboolean
entry_is_in_conflict (const Entry *entry)
{
  return entry->conflicts != NULL;
}

/**
 * hlg_store_list_pending:
 *
 * Returns: (transfer container) (element-type utf8): the IDs with local
 *   changes not yet pushed, sorted
 */
GPtrArray *
hlg_store_list_pending (HlgStore *self)
{
  g_return_val_if_fail (HLG_IS_STORE (self), NULL);

  return list_ids (self, entry_is_pending);
}

guint
hlg_store_get_n_pending (HlgStore *self)
{
  g_return_val_if_fail (HLG_IS_STORE (self), 0);

  return self->n_pending;
}

/* ------------------------------------------------------------------------ */
/* Sync-facing API                                                          */
/*                                                                          */
/* What the sync client and hlgmos-cli use: apply a page of server changes  */
/* (replace or merge three ways), keep the checkpoint in sync-state.json,   */
/* record pushes, and list and resolve conflicts. Every change is planned   */
/* first, then written as one page: temporary files (for a pull, the new    */
/* checkpoint's too), one syncfs(), the renames, one fsync() of the folder, */
/* then the checkpoint's rename; only then does memory change.              */
/* A document pulled as text is written as it came and parsed only when     */
/* first used or when it must be merged with local changes.                 */
/* ------------------------------------------------------------------------ */

HlgRemoteChange *
hlg_remote_change_new (const char *id,
                       const char *rev,
                       JsonObject *doc,
                       gboolean    deleted)
{
  HlgRemoteChange *change = g_new0 (HlgRemoteChange, 1);

  change->id = g_strdup (id);
  change->rev = g_strdup (rev);
  change->doc = doc != NULL ? json_object_ref (doc) : NULL;
  change->deleted = deleted;
  return change;
}

/**
 * hlg_remote_change_new_from_text:
 * @text: the document's JSON text, valid UTF-8, copied
 *
 * A change whose document stays text: the store checks it strictly,
 * writes it as it is and builds its tree only when it is used or merged.
 */
HlgRemoteChange *
hlg_remote_change_new_from_text (const char *id,
                                 const char *rev,
                                 const char *text,
                                 gsize       length)
{
  HlgRemoteChange *change = hlg_remote_change_new (id, rev, NULL, FALSE);

  g_return_val_if_fail (text != NULL, change);

  change->text = g_strndup (text, length);
  change->text_length = length;
  return change;
}

void
hlg_remote_change_free (HlgRemoteChange *change)
{
  g_free (change->id);
  g_free (change->rev);
  g_clear_pointer (&change->doc, json_object_unref);
  g_free (change->text);
  g_free (change);
}

HlgPushed *
hlg_pushed_new (const char *id,
                const char *rev,
                JsonObject *pushed)
{
  HlgPushed *p = g_new0 (HlgPushed, 1);

  p->id = g_strdup (id);
  p->rev = g_strdup (rev);
  p->pushed = pushed != NULL ? json_object_ref (pushed) : NULL;
  return p;
}

void
hlg_pushed_free (HlgPushed *pushed)
{
  g_free (pushed->id);
  g_free (pushed->rev);
  g_clear_pointer (&pushed->pushed, json_object_unref);
  g_free (pushed);
}

/* sync-state.json: {"server", "account", "last_seq", "last_synced"} */

static char *
sync_state_path (HlgStore *self)
{
  return g_build_filename (self->path, "sync-state.json", NULL);
}

static JsonObject *
ensure_sync_state (HlgStore *self)
{
  g_autofree char *path = NULL;
  g_autofree char *contents = NULL;
  gsize length;

  if (self->sync_state != NULL)
    return self->sync_state;

  path = sync_state_path (self);
  if (g_file_get_contents (path, &contents, &length, NULL))
    {
      g_autoptr(GError) error = NULL;

      self->sync_state = hlg_json_object_from_data (contents, length, &error);
      if (self->sync_state == NULL)
        g_warning ("%s is damaged, syncing from the start: %s", path, error->message);
    }

  if (self->sync_state == NULL)
    self->sync_state = json_object_new ();

  return self->sync_state;
}

static gboolean
save_sync_state (HlgStore  *self,
                 GError   **error)
{
  g_autofree char *path = sync_state_path (self);
  g_autofree char *data = hlg_json_object_to_string (ensure_sync_state (self), TRUE);
  g_autoptr(GError) local_error = NULL;

  if (g_mkdir_with_parents (self->path, 0700) != 0 ||
      !g_file_set_contents_full (path, data, -1,
                                 G_FILE_SET_CONTENTS_CONSISTENT | G_FILE_SET_CONTENTS_DURABLE,
                                 0600, &local_error))
    {
      g_set_error (error, HLG_STORE_ERROR, HLG_STORE_ERROR_IO,
                   _("The sync state could not be saved: %s"),
                   local_error != NULL ? local_error->message : g_strerror (errno));
      return FALSE;
    }

  return TRUE;
}

/**
 * hlg_store_get_checkpoint:
 *
 * Returns: (nullable): the server's sequence after the last page applied,
 *   an opaque string; %NULL to pull from the start
 */
const char *
hlg_store_get_checkpoint (HlgStore *self)
{
  g_return_val_if_fail (HLG_IS_STORE (self), NULL);

  return json_object_get_string_member_with_default (ensure_sync_state (self), "last_seq", NULL);
}

/**
 * hlg_store_set_remote:
 *
 * Records the server and account this store syncs with. Another server or
 * account starts the change feed from the beginning.
 */
gboolean
hlg_store_set_remote (HlgStore    *self,
                      const char  *url,
                      const char  *account,
                      GError     **error)
{
  JsonObject *state;

  g_return_val_if_fail (HLG_IS_STORE (self), FALSE);
  g_return_val_if_fail (url != NULL, FALSE);

  state = ensure_sync_state (self);
  if (g_strcmp0 (url, hlg_store_get_remote_url (self)) == 0 &&
      g_strcmp0 (account, hlg_store_get_remote_account (self)) == 0)
    return TRUE;

  json_object_set_string_member (state, "server", url);
  if (account != NULL)
    json_object_set_string_member (state, "account", account);
  else if (json_object_has_member (state, "account"))
    json_object_remove_member (state, "account");
  if (json_object_has_member (state, "last_seq"))
    json_object_remove_member (state, "last_seq");

  return save_sync_state (self, error);
}

const char *
hlg_store_get_remote_url (HlgStore *self)
{
  g_return_val_if_fail (HLG_IS_STORE (self), NULL);

  return json_object_get_string_member_with_default (ensure_sync_state (self), "server", NULL);
}

const char *
hlg_store_get_remote_account (HlgStore *self)
{
  g_return_val_if_fail (HLG_IS_STORE (self), NULL);

  return json_object_get_string_member_with_default (ensure_sync_state (self), "account", NULL);
}

/**
 * hlg_store_get_last_synced:
 *
 * Returns: (transfer full) (nullable): when the last sync finished
 */
GDateTime *
hlg_store_get_last_synced (HlgStore *self)
{
  const char *text;

  g_return_val_if_fail (HLG_IS_STORE (self), NULL);

  text = json_object_get_string_member_with_default (ensure_sync_state (self), "last_synced", NULL);
  return text != NULL ? g_date_time_new_from_iso8601 (text, NULL) : NULL;
}

gboolean
hlg_store_set_last_synced (HlgStore   *self,
                           GDateTime  *when,
                           GError    **error)
{
  g_autofree char *text = NULL;

  g_return_val_if_fail (HLG_IS_STORE (self), FALSE);
  g_return_val_if_fail (when != NULL, FALSE);

  text = g_date_time_format_iso8601 (when);
  json_object_set_string_member (ensure_sync_state (self), "last_synced", text);
  return save_sync_state (self, error);
}

/* Pages of writes */

typedef struct
{
  char     *id;
  Entry    *state;    /* the new state; NULL: the document goes */
  char     *data;     /* state serialized; or, when NULL, ... */
  char     *sync_text; /* ... the state's document text and this sync member */
  char     *tmp;      /* the written temporary file, until renamed */
  char     *rev;      /* for a removal: the revision that removed it, if known */
  gboolean  done;     /* on disk */
  gboolean  notify;   /* tell the list its content changed */
  gboolean  rev_only; /* only the revision changed: no "changed" signal */
  gboolean  known;    /* the store had the document before (for the history) */
} PlanItem;

static void
plan_item_free (PlanItem *item)
{
  g_free (item->id);
  g_clear_pointer (&item->state, entry_free);
  g_free (item->data);
  g_free (item->sync_text);
  g_free (item->rev);
  if (item->tmp != NULL)
    g_unlink (item->tmp);
  g_free (item->tmp);
  g_free (item);
}

static GPtrArray *
plan_new (void)
{
  return g_ptr_array_new_with_free_func ((GDestroyNotify) plan_item_free);
}

static void
plan_add (GPtrArray  *plan,
          const char *id,
          Entry      *state,
          gboolean    notify)
{
  PlanItem *item = g_new0 (PlanItem, 1);

  item->id = g_strdup (id);
  item->state = state;
  item->notify = notify;
  if (state != NULL)
    item->data = serialize_entry (state);
  g_ptr_array_add (plan, item);
}

/* The document goes; @rev is the server's revision that removed it. */
static void
plan_add_removal (GPtrArray  *plan,
                  const char *id,
                  const char *rev)
{
  PlanItem *item = g_new0 (PlanItem, 1);

  item->id = g_strdup (id);
  item->rev = g_strdup (rev);
  g_ptr_array_add (plan, item);
}

static gboolean
rev_is_plain (const char *rev)
{
  for (const char *p = rev; *p != '\0'; p++)
    if (!g_ascii_isalnum (*p) && *p != '-')
      return FALSE;
  return TRUE;
}

/* The "sync" member's text; for a document that is just the server's
 * version, as most of a pull are, written directly. */
static char *
sync_text_new (Entry *state)
{
  g_autoptr(JsonNode) sync = NULL;

  if (state->server_rev != NULL && rev_is_plain (state->server_rev) && !state->local_changes &&
      !state->deleted && state->base == NULL && state->conflicts == NULL)
    return g_strdup_printf ("{\"rev\":\"%s\",\"local_changes\":false}", state->server_rev);

  sync = sync_node_new (state);
  return json_to_string (sync, FALSE);
}

/* Like plan_add(), for a state whose document is still text: the file is
 * written from that text and the sync member, the tree never built. */
static void
plan_add_text (GPtrArray  *plan,
               const char *id,
               Entry      *state,
               gboolean    notify)
{
  PlanItem *item = g_new0 (PlanItem, 1);

  item->id = g_strdup (id);
  item->state = state;
  item->notify = notify;
  item->sync_text = sync_text_new (state);
  g_ptr_array_add (plan, item);
}

/* The pieces of @item's file, one after the other (none for a removal):
 * its data, or the envelope {"doc":<its document's text>,"sync":...}. */
static guint
plan_item_get_parts (PlanItem    *item,
                     const char **parts,
                     gsize       *lengths)
{
  if (item->state == NULL)
    return 0;

  if (item->data != NULL)
    {
      parts[0] = item->data;
      lengths[0] = strlen (item->data);
      return 1;
    }

  /* Nothing uses a planned state's document before it is written. */
  parts[1] = hlg_document_peek_text (item->state->doc, &lengths[1]);
  g_assert (parts[1] != NULL);
  parts[0] = "{\"doc\":";
  parts[2] = ",\"sync\":";
  parts[3] = item->sync_text;
  parts[4] = "}";
  lengths[0] = strlen (parts[0]);
  lengths[2] = strlen (parts[2]);
  lengths[3] = strlen (parts[3]);
  lengths[4] = 1;
  return ENVELOPE_PARTS;
}

/* @item's file in one piece. */
static char *
plan_item_dup_data (PlanItem *item)
{
  const char *parts[ENVELOPE_PARTS];
  gsize lengths[ENVELOPE_PARTS];
  guint n = plan_item_get_parts (item, parts, lengths);
  GString *data = g_string_new (NULL);

  for (guint i = 0; i < n; i++)
    g_string_append_len (data, parts[i], lengths[i]);
  return g_string_free (data, FALSE);
}

/* A new state, starting as a copy of @live (if any), holding @object. */
static Entry *
state_new (Entry      *live,
           JsonObject *object)
{
  Entry *state = g_new0 (Entry, 1);

  state->doc = hlg_document_new_from_object (object, NULL);
  g_assert (state->doc != NULL);
  if (live != NULL)
    {
      state->server_rev = g_strdup (live->server_rev);
      state->base = live->base != NULL ? json_object_ref (live->base) : NULL;
      state->local_changes = live->local_changes;
      state->deleted = live->deleted;
      state->conflicts = live->conflicts != NULL ? json_array_ref (live->conflicts) : NULL;
    }

  return state;
}

static void
state_set_base (Entry      *state,
                JsonObject *base)
{
  g_clear_pointer (&state->base, json_object_unref);
  state->base = base != NULL ? hlg_json_object_deep_copy (base) : NULL;
}

static gboolean
flush_folder_data (HlgStore  *self,
                   GError   **error)
{
  int result;

#ifdef __linux__
  result = syncfs (self->docs_dir_fd);
#else
  sync ();
  result = 0;
#endif
  if (result != 0)
    {
      int errsv = errno;

      g_set_error (error, HLG_STORE_ERROR, HLG_STORE_ERROR_IO,
                   _("The documents could not be saved: %s"), g_strerror (errsv));
      return FALSE;
    }

  return TRUE;
}

static gboolean
write_all (int          fd,
           const char  *data,
           gsize        length)
{
  while (length > 0)
    {
      gssize n = write (fd, data, length);

      if (n < 0 && errno == EINTR)
        continue;
      if (n <= 0)
        return FALSE;
      data += n;
      length -= n;
    }

  return TRUE;
}

static gboolean
set_io_error (GError **error,
              int      errsv)
{
  g_set_error (error, HLG_STORE_ERROR, HLG_STORE_ERROR_IO,
               _("The documents could not be saved: %s"), g_strerror (errsv));
  return FALSE;
}

/* Writes @data to a new temporary file from @template ("...XXXXXX"),
 * without flushing it; the name is left in @template. */
static gboolean
write_temporary (char        *template,
                 const char  *data,
                 gsize        length,
                 gboolean     flush,
                 GError     **error)
{
  int fd = g_mkstemp_full (template, O_WRONLY | O_CLOEXEC, 0600);
  gboolean ok;

  if (fd < 0)
    return set_io_error (error, errno);

  ok = write_all (fd, data, length) && (!flush || fdatasync (fd) == 0);
  if (close (fd) != 0)
    ok = FALSE;
  if (!ok)
    {
      int errsv = errno;

      g_unlink (template);
      return set_io_error (error, errsv);
    }

  return TRUE;
}

static gboolean
fsync_folder (const char *path)
{
  int fd = open (path, O_RDONLY | O_DIRECTORY | O_CLOEXEC);
  gboolean ok = fd >= 0 && fsync (fd) == 0;

  if (fd >= 0)
    close (fd);
  return ok;
}

/* A page goes to a journal when it is large, or when it removes a
 * document a journal still holds (a removed file would let the journal's
 * copy come back at the next load). */
static gboolean
wants_journal (HlgStore  *self,
               GPtrArray *plan)
{
  if (plan->len >= JOURNAL_MIN)
    return TRUE;

  for (guint i = 0; i < plan->len; i++)
    {
      PlanItem *item = g_ptr_array_index (plan, i);

      if (item->state == NULL && g_hash_table_contains (self->mentioned, item->id))
        return TRUE;
    }

  return FALSE;
}

/* Writes each document of @plan to a temporary file beside its own. */
static gboolean
write_item_files (HlgStore    *self,
                  GPtrArray   *plan,
                  GError     **error)
{
  for (guint i = 0; i < plan->len; i++)
    {
      PlanItem *item = g_ptr_array_index (plan, i);

      if (item->state == NULL)
        continue;

      if (item->data == NULL)
        item->data = plan_item_dup_data (item);
      /* "<id>.json.XXXXXX": a leftover is cleaned up by the next load. */
      item->tmp = g_strdup_printf ("%s/%s.json.XXXXXX", self->docs_dir, item->id);
      if (!write_temporary (item->tmp, item->data, strlen (item->data), FALSE, error))
        {
          g_clear_pointer (&item->tmp, g_free);
          return FALSE;
        }
    }

  return TRUE;
}

/* After the flush: each temporary file takes its place, removals go. */
static gboolean
rename_item_files (HlgStore    *self,
                   GPtrArray   *plan,
                   GError     **error)
{
  for (guint i = 0; i < plan->len; i++)
    {
      PlanItem *item = g_ptr_array_index (plan, i);
      g_autofree char *name = g_strconcat (item->id, ".json", NULL);
      g_autofree char *path = g_build_filename (self->docs_dir, name, NULL);
      int result;

      if (item->state != NULL)
        result = g_rename (item->tmp, path);
      else
        result = g_unlink (path) == 0 || errno == ENOENT ? 0 : -1;

      if (result != 0)
        {
          set_io_error (error, errno);
          fsync (self->docs_dir_fd);
          return FALSE;
        }
      g_clear_pointer (&item->tmp, g_free);
      g_hash_table_remove (self->journaled, item->id);
      item->done = TRUE;
    }

  if (plan->len > 0 && fsync (self->docs_dir_fd) != 0)
    return set_io_error (error, errno);

  return TRUE;
}

static void register_journal (HlgStore   *self,
                              HlgJournal *journal,
                              GHashTable *current);
static void split_next       (HlgStore   *self);

/* The journal of @plan, written to a temporary file in @journal_tmp. */
static GString *
write_journal (HlgStore    *self,
               GPtrArray   *plan,
               char       **journal_tmp,
               GError     **error)
{
  const char *parts[ENVELOPE_PARTS];
  gsize lengths[ENVELOPE_PARTS];
  g_autoptr(GString) text = NULL;
  g_autofree char *tmp = NULL;
  gsize size = 0;

  /* Measured first: the journal is allocated once, never moved. */
  for (guint i = 0; i < plan->len; i++)
    {
      PlanItem *item = g_ptr_array_index (plan, i);
      guint n = plan_item_get_parts (item, parts, lengths);

      size += strlen (item->id) + 64; /* the record's line, with a revision */
      for (guint j = 0; j < n; j++)
        size += lengths[j];
    }

  text = hlg_journal_text_new (size);
  for (guint i = 0; i < plan->len; i++)
    {
      PlanItem *item = g_ptr_array_index (plan, i);
      guint n = plan_item_get_parts (item, parts, lengths);

      hlg_journal_text_add (text, item->id,
                            item->state != NULL ? item->state->server_rev : item->rev,
                            parts, lengths, n);
    }

  if (g_mkdir_with_parents (self->journal_dir, 0700) != 0)
    {
      set_io_error (error, errno);
      return NULL;
    }

  tmp = g_strdup_printf ("%s/%020" G_GUINT64_FORMAT ".journal.XXXXXX",
                         self->journal_dir, self->journal_serial + 1);
  if (!write_temporary (tmp, text->str, text->len, TRUE, error))
    return NULL;

  *journal_tmp = g_steal_pointer (&tmp);
  return g_steal_pointer (&text);
}

/* After the flush: the journal takes its place, and its documents are
 * done; a thread splits it into their files later. */
static gboolean
commit_journal (HlgStore    *self,
                GPtrArray   *plan,
                char        *journal_tmp,
                GString     *text,
                GError     **error)
{
  g_autofree char *path = g_strndup (journal_tmp, strlen (journal_tmp) - strlen (".XXXXXX"));

  if (g_rename (journal_tmp, path) != 0 || !fsync_folder (self->journal_dir))
    {
      g_string_free (text, TRUE);
      return set_io_error (error, errno);
    }

  self->journal_serial++;
  for (guint i = 0; i < plan->len; i++)
    ((PlanItem *) g_ptr_array_index (plan, i))->done = TRUE;
  register_journal (self, hlg_journal_new_from_text (path, text), NULL);
  split_next (self);
  return TRUE;
}

/* Writes every document of @plan: all the data (one file each, or one
 * journal for a large page), one flush, the renames, one flush of the
 * folder. Items that reached the disk are marked done, also when a later
 * one failed. @checkpoint, the new sync-state.json of a pull, is written
 * with the documents and renamed only once they are durable, so it never
 * gets ahead of them. */
static gboolean
write_page (HlgStore    *self,
            GPtrArray   *plan,
            const char  *checkpoint,
            GError     **error)
{
  g_autofree char *checkpoint_tmp = NULL;
  g_autofree char *checkpoint_path = NULL;
  g_autofree char *journal_tmp = NULL;
  GString *journal_text = NULL;
  gboolean ok;

  if (plan->len == 0 && checkpoint == NULL)
    return TRUE;

  if (!ensure_dirs (self, error))
    return FALSE;
  if (self->docs_dir_fd < 0)
    {
      g_set_error (error, HLG_STORE_ERROR, HLG_STORE_ERROR_IO,
                   _("Cannot open the data folder %s"), self->docs_dir);
      return FALSE;
    }

  if (wants_journal (self, plan))
    {
      journal_text = write_journal (self, plan, &journal_tmp, error);
      if (journal_text == NULL)
        return FALSE;
    }
  else if (!write_item_files (self, plan, error))
    {
      return FALSE;
    }

  if (checkpoint != NULL)
    {
      checkpoint_path = sync_state_path (self);
      checkpoint_tmp = g_strconcat (checkpoint_path, ".XXXXXX", NULL);
      if (!write_temporary (checkpoint_tmp, checkpoint, strlen (checkpoint), journal_text != NULL,
                            error))
        {
          g_clear_pointer (&checkpoint_tmp, g_free);
          goto failed;
        }
    }

  /* One flush for the page's files. Measured on ext4: syncfs() once costs
   * about as much as fdatasync() of 25 files; a page has hundreds. A
   * journal and the checkpoint were flushed each as they were written. */
  if (journal_text == NULL && !flush_folder_data (self, error))
    goto failed;

  if (journal_text != NULL)
    ok = commit_journal (self, plan, journal_tmp, g_steal_pointer (&journal_text), error);
  else
    ok = rename_item_files (self, plan, error);
  if (!ok)
    goto failed;

  if (checkpoint_tmp != NULL && g_rename (checkpoint_tmp, checkpoint_path) != 0)
    {
      int errsv = errno;

      g_set_error (error, HLG_STORE_ERROR, HLG_STORE_ERROR_IO,
                   _("The sync state could not be saved: %s"), g_strerror (errsv));
      goto failed;
    }

  return TRUE;

failed:
  if (journal_text != NULL)
    g_string_free (journal_text, TRUE);
  if (journal_tmp != NULL)
    g_unlink (journal_tmp);
  if (checkpoint_tmp != NULL)
    g_unlink (checkpoint_tmp);
  return FALSE;
}

/* Journals */

/* @journal's records become the newest durable copies of their documents
 * (all of them, or those in @current), and the journal is split later. */
static void
register_journal (HlgStore   *self,
                  HlgJournal *journal,
                  GHashTable *current)
{
  for (guint i = 0; i < journal->records->len; i++)
    {
      HlgJournalRecord *record = g_ptr_array_index (journal->records, i);
      guint n = GPOINTER_TO_UINT (g_hash_table_lookup (self->mentioned, record->id));

      if (current == NULL || g_hash_table_contains (current, record))
        g_hash_table_replace (self->journaled, record->id, record); /* the key is the record's */
      g_hash_table_insert (self->mentioned, g_strdup (record->id), GUINT_TO_POINTER (n + 1));
    }
  g_ptr_array_add (self->journals, journal);
}

/* Splitting the oldest journal: a thread writes the files of its records
 * that are still the newest copies and flushes them; back on the store's
 * context they are renamed into place, unless a newer copy was written
 * meanwhile, and the journal goes. */
struct _Split
{
  HlgStore     *self; /* no reference: the store stops the split before it goes */
  HlgJournal   *journal;
  GPtrArray    *records; /* HlgJournalRecord of the journal to write */
  GMainContext *context;
  GThread      *thread;
  GSource      *done;
  GError       *error;
  gint          cancelled; /* atomic */
};

static void
split_free (Split *split)
{
  for (guint i = 0; i < split->records->len; i++)
    {
      HlgJournalRecord *record = g_ptr_array_index (split->records, i);

      if (record->tmp != NULL)
        g_unlink (record->tmp);
      g_clear_pointer (&record->tmp, g_free);
    }
  g_ptr_array_unref (split->records);
  g_main_context_unref (split->context);
  g_clear_error (&split->error);
  g_free (split);
}

static gboolean split_done_cb (gpointer data);

static gpointer
split_thread (gpointer data)
{
  Split *split = data;
  HlgStore *self = split->self;

#ifdef __linux__
  /* Housekeeping: the journal is already the durable copy, so the split
   * yields to the app and to a pull in progress (on Linux the nice value
   * is the calling thread's). */
  setpriority (PRIO_PROCESS, 0, 19);
#endif
  for (guint i = 0; i < split->records->len && split->error == NULL; i++)
    {
      HlgJournalRecord *record = g_ptr_array_index (split->records, i);

      if (g_atomic_int_get (&split->cancelled))
        return NULL;
      record->tmp = g_strdup_printf ("%s/%s.json.XXXXXX", self->docs_dir, record->id);
      if (!write_temporary (record->tmp, record->data, record->length, FALSE, &split->error))
        g_clear_pointer (&record->tmp, g_free);
    }

  if (split->error == NULL)
    flush_folder_data (self, &split->error);

  split->done = g_idle_source_new ();
  g_source_set_callback (split->done, split_done_cb, split, NULL);
  g_source_attach (split->done, split->context);
  return NULL;
}

static void
split_next (HlgStore *self)
{
  HlgJournal *journal;
  Split *split;

  /* Tests keep the journals to read them back as after a crash. */
  if (self->split != NULL || self->journals->len == 0 ||
      g_getenv ("HLGMOS_STORE_KEEP_JOURNALS") != NULL)
    return;

  journal = g_ptr_array_index (self->journals, 0);
  split = g_new0 (Split, 1);
  split->self = self;
  split->journal = journal;
  split->records = g_ptr_array_new ();
  split->context = g_main_context_ref_thread_default ();
  for (guint i = 0; i < journal->records->len; i++)
    {
      HlgJournalRecord *record = g_ptr_array_index (journal->records, i);

      if (record->length > 0 && g_hash_table_lookup (self->journaled, record->id) == record)
        g_ptr_array_add (split->records, record);
    }

  self->split = split;
  split->thread = g_thread_new ("hlg-store-split", split_thread, split);
}

/* Stops the split in progress; its journal stays for the next time. */
static void
split_stop (HlgStore *self)
{
  Split *split = g_steal_pointer (&self->split);

  if (split == NULL)
    return;

  g_atomic_int_set (&split->cancelled, TRUE);
  g_thread_join (g_steal_pointer (&split->thread));
  if (split->done != NULL)
    {
      g_source_destroy (split->done);
      g_source_unref (split->done);
    }
  split_free (split);
}

/* The files are on disk: each takes its place if it is still the newest
 * copy, removals go, then the journal. */
static gboolean
finish_split (HlgStore    *self,
              HlgJournal  *journal,
              GError     **error)
{
  for (guint i = 0; i < journal->records->len; i++)
    {
      HlgJournalRecord *record = g_ptr_array_index (journal->records, i);
      g_autofree char *name = g_strconcat (record->id, ".json", NULL);
      g_autofree char *path = g_build_filename (self->docs_dir, name, NULL);
      gboolean current = g_hash_table_lookup (self->journaled, record->id) == record;
      int result = 0;

      if (record->tmp != NULL && current)
        result = g_rename (record->tmp, path);
      else if (record->tmp != NULL)
        result = g_unlink (record->tmp);
      else if (current && record->length == 0)
        result = g_unlink (path) == 0 || errno == ENOENT ? 0 : -1;
      if (result != 0)
        return set_io_error (error, errno);

      g_clear_pointer (&record->tmp, g_free);
      if (current)
        g_hash_table_remove (self->journaled, record->id);
    }

  if (fsync (self->docs_dir_fd) != 0 || g_unlink (journal->path) != 0 ||
      !fsync_folder (self->journal_dir))
    return set_io_error (error, errno);

  for (guint i = 0; i < journal->records->len; i++)
    {
      HlgJournalRecord *record = g_ptr_array_index (journal->records, i);
      guint n = GPOINTER_TO_UINT (g_hash_table_lookup (self->mentioned, record->id));

      if (n > 1)
        g_hash_table_insert (self->mentioned, g_strdup (record->id), GUINT_TO_POINTER (n - 1));
      else
        g_hash_table_remove (self->mentioned, record->id);
    }
  g_ptr_array_remove (self->journals, journal);
  return TRUE;
}

/* After the thread: the files take their place, the next journal starts. */
static void
split_complete (Split *split)
{
  HlgStore *self = split->self;
  g_autoptr(GError) error = NULL;

  g_thread_join (g_steal_pointer (&split->thread));
  if (split->done != NULL)
    {
      g_source_destroy (split->done);
      g_clear_pointer (&split->done, g_source_unref);
    }
  self->split = NULL;

  if (split->error != NULL)
    error = g_steal_pointer (&split->error);
  else if (finish_split (self, split->journal, &error))
    g_ptr_array_set_size (split->records, 0); /* gone with their journal */

  split_free (split);
  /* On failure the journal stays: it is still the durable copy, read
   * again at the next start. */
  if (error != NULL)
    g_warning ("The pulled documents stay in their journal for now: %s", error->message);
  else
    split_next (self);
}

static gboolean
split_done_cb (gpointer data)
{
  split_complete (data);
  return G_SOURCE_REMOVE;
}

/**
 * hlg_store_wait_split:
 *
 * Finishes splitting the journals of large pulls into document files,
 * blocking: for tests and tools that look at the files.
 */
void
hlg_store_wait_split (HlgStore *self)
{
  g_return_if_fail (HLG_IS_STORE (self));

  while (self->split != NULL)
    split_complete (self->split);
}

static void
notify_item_changed (HlgStore    *self,
                     HlgDocument *doc)
{
  GListStore *model = self->models[hlg_document_get_doc_type (doc)];
  guint position;

  /* Replacing the item by itself: items-changed (position, 1, 1). */
  if (g_list_store_find (model, doc, &position))
    g_list_store_splice (model, position, 1, (gpointer *) &doc, 1);
}

/* Documents new to a list wait in @appends, to be added in one go. */
static void
append_later (GPtrArray  **appends,
              HlgDocument *doc)
{
  HlgDocType type = hlg_document_get_doc_type (doc);

  if (appends[type] == NULL)
    appends[type] = g_ptr_array_new ();
  g_ptr_array_add (appends[type], doc);
}

/* Documents whose content changed wait in @changed, a set per type, to
 * be found in their list in one pass rather than one search each. */
static void
notify_later (GHashTable  **changed,
              HlgDocument  *doc)
{
  HlgDocType type = hlg_document_get_doc_type (doc);

  if (changed[type] == NULL)
    changed[type] = g_hash_table_new (NULL, NULL);
  g_hash_table_add (changed[type], doc);
}

static void
notify_items_changed (HlgStore   *self,
                      HlgDocType  type,
                      GHashTable *changed)
{
  GListModel *model = G_LIST_MODEL (self->models[type]);
  g_autoptr(GArray) positions = NULL;
  guint n;

  if (g_hash_table_size (changed) == 1)
    {
      GHashTableIter iter;
      gpointer doc;

      g_hash_table_iter_init (&iter, changed);
      if (g_hash_table_iter_next (&iter, &doc, NULL))
        notify_item_changed (self, doc);
      return;
    }

  positions = g_array_new (FALSE, FALSE, sizeof (guint));
  n = g_list_model_get_n_items (model);
  for (guint i = 0; i < n && positions->len < g_hash_table_size (changed); i++)
    {
      g_autoptr(HlgDocument) doc = g_list_model_get_item (model, i);

      if (g_hash_table_contains (changed, doc))
        g_array_append_val (positions, i);
    }

  /* Replacing an item by itself: items-changed (position, 1, 1). */
  for (guint i = 0; i < positions->len; i++)
    {
      guint position = g_array_index (positions, guint, i);
      g_autoptr(HlgDocument) doc = g_list_model_get_item (model, position);

      g_list_store_splice (self->models[type], position, 1, (gpointer *) &doc, 1);
    }
}

static void
commit_item (HlgStore    *self,
             PlanItem    *item,
             gint        *d_pending,
             gint        *d_conflicts,
             GPtrArray  **appends,
             GHashTable **changed)
{
  Entry *live = g_hash_table_lookup (self->entries, item->id);
  Entry *state = item->state;

  if (state == NULL)
    {
      if (live == NULL)
        return;
      if (!live->deleted)
        remove_from_model (self, live->doc);
      *d_pending -= live->local_changes ? 1 : 0;
      *d_conflicts -= live->conflicts != NULL ? 1 : 0;
      g_hash_table_remove (self->entries, item->id);
    }
  else if (live == NULL)
    {
      item->state = NULL;
      g_hash_table_insert (self->entries, g_strdup (item->id), state);
      if (!state->deleted)
        append_later (appends, state->doc);
      *d_pending += state->local_changes ? 1 : 0;
      *d_conflicts += state->conflicts != NULL ? 1 : 0;
    }
  else
    {
      gboolean was_visible = !live->deleted;
      JsonObject *object = hlg_document_get_object (state->doc);

      *d_pending += (state->local_changes ? 1 : 0) - (live->local_changes ? 1 : 0);
      *d_conflicts += (state->conflicts != NULL ? 1 : 0) - (live->conflicts != NULL ? 1 : 0);

      if (item->rev_only)
        hlg_document_set_rev (live->doc, state->server_rev);
      else if (object != hlg_document_get_object (live->doc))
        hlg_document_replace_object (live->doc, object, NULL);

      g_free (live->server_rev);
      live->server_rev = g_steal_pointer (&state->server_rev);
      g_clear_pointer (&live->base, json_object_unref);
      live->base = g_steal_pointer (&state->base);
      g_clear_pointer (&live->conflicts, json_array_unref);
      live->conflicts = g_steal_pointer (&state->conflicts);
      live->local_changes = state->local_changes;
      live->deleted = state->deleted;

      if (was_visible && live->deleted)
        remove_from_model (self, live->doc);
      else if (!was_visible && !live->deleted)
        append_later (appends, live->doc);
      else if (was_visible && item->notify)
        notify_later (changed, live->doc);
    }
}

/* Writes @plan (and @checkpoint, see write_page()) and, for what reached
 * the disk, updates memory. */
static void
commit_plan (HlgStore  *self,
             GPtrArray *plan)
{
  GPtrArray *appends[HLG_N_DOC_TYPES] = { NULL };
  GHashTable *changed[HLG_N_DOC_TYPES] = { NULL };
  gint d_pending = 0;
  gint d_conflicts = 0;

  for (guint i = 0; i < plan->len; i++)
    {
      PlanItem *item = g_ptr_array_index (plan, i);

      if (item->done)
        commit_item (self, item, &d_pending, &d_conflicts, appends, changed);
    }

  for (guint t = 0; t < HLG_N_DOC_TYPES; t++)
    if (changed[t] != NULL)
      {
        notify_items_changed (self, t, changed[t]);
        g_hash_table_unref (changed[t]);
      }

  for (guint t = 0; t < HLG_N_DOC_TYPES; t++)
    if (appends[t] != NULL)
      {
        GListModel *model = G_LIST_MODEL (self->models[t]);

        g_list_store_splice (self->models[t], g_list_model_get_n_items (model), 0,
                             appends[t]->pdata, appends[t]->len);
        g_ptr_array_unref (appends[t]);
      }

  update_n_pending (self, d_pending);
  if (d_conflicts != 0)
    {
      self->n_conflicts += d_conflicts;
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_N_CONFLICTS]);
    }

}

static gboolean
run_plan (HlgStore    *self,
          GPtrArray   *plan,
          const char  *checkpoint,
          GError     **error)
{
  gboolean ok = write_page (self, plan, checkpoint, error);

  commit_plan (self, plan);
  return ok;
}

/* Whether @record is newer than what the store holds: a file of an older
 * server revision, or an earlier journal's copy of the same revision. */
static gboolean
record_is_newer (HlgStore         *self,
                 HlgJournalRecord *record)
{
  Entry *live = g_hash_table_lookup (self->entries, record->id);
  gint64 have, gen;

  if (live == NULL)
    return record->length > 0;

  /* A removal whose revision is unknown was decided here, after the file. */
  gen = record->length == 0 && record->rev == NULL ? G_MAXINT64 : rev_generation (record->rev);
  have = rev_generation (live->server_rev);
  return g_hash_table_contains (self->journaled, record->id) ? gen >= have : gen > have;
}

/* Reads one journal at load: its newer records replace what the files
 * gave. A damaged journal goes to quarantine, like a damaged file. */
static void
replay_journal (HlgStore   *self,
                const char *name)
{
  g_autofree char *path = g_build_filename (self->journal_dir, name, NULL);
  g_autoptr(GPtrArray) plan = plan_new ();
  g_autoptr(GHashTable) current = g_hash_table_new (NULL, NULL);
  g_autoptr(GError) error = NULL;
  HlgJournal *journal = hlg_journal_read (path, &error);

  if (journal == NULL)
    {
      quarantine (self, path, name, error->message);
      return;
    }

  for (guint i = 0; i < journal->records->len; i++)
    {
      HlgJournalRecord *record = g_ptr_array_index (journal->records, i);
      g_autofree char *reason = NULL;
      PlanItem *item;
      Entry *state = NULL;

      if (!record_is_newer (self, record))
        continue;

      if (record->length > 0)
        {
          state = entry_from_contents (record->id, record->data, record->length, &reason);
          if (state == NULL)
            {
              g_autofree char *copy_name = g_strconcat (record->id, ".json", NULL);
              g_autofree char *copy = g_build_filename (self->journal_dir, copy_name, NULL);

              g_file_set_contents (copy, record->data, record->length, NULL);
              quarantine (self, copy, copy_name, reason);
              continue;
            }
        }

      item = g_new0 (PlanItem, 1);
      item->id = g_strdup (record->id);
      item->state = state;
      item->notify = TRUE;
      item->done = TRUE;
      g_ptr_array_add (plan, item);
      g_hash_table_add (current, record);
    }

  commit_plan (self, plan);
  register_journal (self, journal, current);
  self->journal_serial = MAX (self->journal_serial, g_ascii_strtoull (name, NULL, 10));
}

static gboolean
is_journal_name (const char *name)
{
  return g_str_has_suffix (name, ".journal");
}

/* At the end of loading: the journals not yet split, oldest first. */
static void
replay_journals (HlgStore *self)
{
  g_autoptr(GPtrArray) names = NULL;

  if (!g_file_test (self->journal_dir, G_FILE_TEST_IS_DIR))
    return;

  names = list_names (self->journal_dir, NULL);
  for (guint i = 0; names != NULL && i < names->len; i++)
    if (is_journal_name (names->pdata[i]))
      replay_journal (self, names->pdata[i]);

  split_next (self);
}

static gint64
rev_generation (const char *rev)
{
  return rev != NULL ? g_ascii_strtoll (rev, NULL, 10) : 0;
}

static gboolean
objects_equal (JsonObject *a,
               JsonObject *b)
{
  g_autoptr(JsonNode) na = NULL;
  g_autoptr(JsonNode) nb = NULL;

  if (a == NULL || b == NULL)
    return a == b;

  na = json_node_init_object (json_node_alloc (), a);
  nb = json_node_init_object (json_node_alloc (), b);
  return json_node_equal (na, nb);
}

/* objects_equal() as if both had the same "_rev", without copying them. */
static gboolean
objects_equal_but_rev (JsonObject *a,
                       JsonObject *b)
{
  JsonObjectIter iter;
  const char *name;
  JsonNode *node;

  if (json_object_get_size (a) - (json_object_has_member (a, "_rev") ? 1 : 0) !=
      json_object_get_size (b) - (json_object_has_member (b, "_rev") ? 1 : 0))
    return FALSE;

  json_object_iter_init (&iter, a);
  while (json_object_iter_next (&iter, &name, &node))
    {
      JsonNode *other;

      if (g_str_equal (name, "_rev"))
        continue;
      other = json_object_get_member (b, name);
      if (other == NULL || !json_node_equal (node, other))
        return FALSE;
    }

  return TRUE;
}

static JsonNode *
object_node (JsonObject *object)
{
  return object != NULL ? json_node_init_object (json_node_alloc (), object) : NULL;
}

/* A conflict about the whole document: one side deleted it. */
static JsonObject *
whole_document_conflict (JsonObject *mine,
                         JsonObject *theirs,
                         JsonObject *base)
{
  g_autoptr(JsonNode) m = object_node (mine);
  g_autoptr(JsonNode) t = object_node (theirs);
  g_autoptr(JsonNode) b = object_node (base);

  return hlg_merge_conflict_new ("", m, t, b);
}

/* The conflicts of @old whose paths @records do not name, then @records. */
static JsonArray *
combine_conflicts (JsonArray *old,
                   GPtrArray *records)
{
  g_autoptr(GHashTable) paths = g_hash_table_new (g_str_hash, g_str_equal);
  JsonArray *result;

  if (records->len == 0)
    return old != NULL ? json_array_ref (old) : NULL;

  for (guint i = 0; i < records->len; i++)
    g_hash_table_add (paths, (gpointer) json_object_get_string_member (g_ptr_array_index (records, i),
                                                                        "path"));

  result = json_array_new ();
  if (old != NULL)
    for (guint i = 0; i < json_array_get_length (old); i++)
      {
        JsonObject *record = json_array_get_object_element (old, i);

        if (!g_hash_table_contains (paths, json_object_get_string_member_with_default (record, "path", "")))
          json_array_add_object_element (result, json_object_ref (record));
      }

  for (guint i = 0; i < records->len; i++)
    json_array_add_object_element (result, json_object_ref (g_ptr_array_index (records, i)));

  return result;
}

static void
state_add_conflict (Entry      *state,
                    JsonObject *record)
{
  g_autoptr(GPtrArray) records = g_ptr_array_new_with_free_func ((GDestroyNotify) json_object_unref);
  JsonArray *combined;

  g_ptr_array_add (records, record);
  combined = combine_conflicts (state->conflicts, records);
  g_clear_pointer (&state->conflicts, json_array_unref);
  state->conflicts = combined;
}

/* The new state of one document after a server change; NULL when there is
 * nothing to do. *remove is set when the document goes. */
static Entry *
plan_remote_change (Entry           *live,
                    HlgRemoteChange *change,
                    gboolean        *remove)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(HlgDocument) check = NULL;
  JsonObject *mine;
  Entry *state;

  *remove = FALSE;

  /* Seen already (a page applied twice), or older than what we have. */
  if (live != NULL && live->server_rev != NULL &&
      (g_strcmp0 (change->rev, live->server_rev) == 0 ||
       rev_generation (change->rev) < rev_generation (live->server_rev)))
    return NULL;

  if (change->deleted)
    {
      if (live == NULL)
        return NULL;
      if (!live->local_changes || live->deleted)
        {
          *remove = TRUE;
          return NULL;
        }

      /* Deleted there, edited here: the edit stays, for a person to see. */
      mine = hlg_document_get_object (live->doc);
      state = state_new (live, mine);
      g_free (state->server_rev);
      state->server_rev = g_strdup (change->rev);
      state_add_conflict (state, whole_document_conflict (mine, NULL, live->base));
      return state;
    }

  if (change->doc == NULL)
    return NULL;

  check = hlg_document_new_from_object (change->doc, &error);
  if (check == NULL || g_strcmp0 (hlg_document_get_id (check), change->id) != 0)
    {
      g_warning ("The server sent a document that is not one, %s: %s", change->id,
                 error != NULL ? error->message : "the ID does not match");
      return NULL;
    }

  if (change->rev != NULL)
    json_object_set_string_member (change->doc, "_rev", change->rev);

  if (live == NULL || !live->local_changes)
    {
      state = state_new (live, change->doc);
      g_free (state->server_rev);
      state->server_rev = g_strdup (change->rev);
      state->local_changes = FALSE;
      state->deleted = FALSE;
      state_set_base (state, NULL);
      return state;
    }

  if (live->deleted)
    {
      /* Deleted here, edited there: the edit stays, for a person to see. */
      state = state_new (live, change->doc);
      g_free (state->server_rev);
      state->server_rev = g_strdup (change->rev);
      state->deleted = FALSE;
      state_set_base (state, change->doc);
      state_add_conflict (state, whole_document_conflict (NULL, change->doc, live->base));
      return state;
    }

  /* Changed on both sides: three ways. */
  {
    g_autoptr(GPtrArray) records = NULL;
    g_autoptr(JsonObject) merged = NULL;
    JsonArray *combined;

    mine = hlg_document_get_object (live->doc);
    merged = hlg_merge (live->base, mine, change->doc, &records);
    if (change->rev != NULL)
      json_object_set_string_member (merged, "_rev", change->rev);

    state = state_new (live, merged);
    g_free (state->server_rev);
    state->server_rev = g_strdup (change->rev);
    combined = combine_conflicts (live->conflicts, records);
    g_clear_pointer (&state->conflicts, json_array_unref);
    state->conflicts = combined;

    if (state->conflicts == NULL && objects_equal (merged, change->doc))
      {
        /* What we had to push is already there. */
        state->local_changes = FALSE;
        state_set_base (state, NULL);
      }
    else
      {
        state->local_changes = TRUE;
        state_set_base (state, change->doc);
      }
  }

  return state;
}

/* A change that came as text: checked strictly, then, when there is
 * nothing to merge, planned from the text, never parsed. *handled is
 * FALSE when the change must go the way of a tree (plan_remote_change()):
 * it is given one. Only text that is not JSON fails the page. */
static gboolean
plan_text_change (GPtrArray        *plan,
                  Entry            *live,
                  HlgRemoteChange  *change,
                  gboolean         *handled,
                  GError          **error)
{
  g_autoptr(GError) local_error = NULL;
  g_autoptr(HlgDocument) doc = NULL;
  g_autofree char *rev = NULL;
  HlgJsonMember members[] = { { "_rev" } };
  const char *text;
  Entry *state;

  *handled = TRUE;

  /* Seen already (a page applied twice), or older than what we have. */
  if (live != NULL && live->server_rev != NULL &&
      (g_strcmp0 (change->rev, live->server_rev) == 0 ||
       rev_generation (change->rev) < rev_generation (live->server_rev)))
    return TRUE;

  /* The document takes the change's text: a pull's pages are large. */
  doc = hlg_document_new_from_text (g_steal_pointer (&change->text), change->text_length,
                                    &local_error);
  if (doc == NULL && g_error_matches (local_error, HLG_DOCUMENT_ERROR, HLG_DOCUMENT_ERROR_PARSE))
    {
      g_set_error (error, HLG_STORE_ERROR, HLG_STORE_ERROR_INVALID,
                   _("The server sent a document that cannot be read, %s: %s"),
                   change->id, local_error->message);
      return FALSE;
    }
  if (doc == NULL || g_strcmp0 (hlg_document_get_id (doc), change->id) != 0)
    {
      g_warning ("The server sent a document that is not one, %s: %s", change->id,
                 local_error != NULL ? local_error->message : "the ID does not match");
      return TRUE;
    }

  /* The text is checked: finding its revision needs no second check. */
  text = hlg_document_peek_text (doc, NULL);
  if (hlg_json_delimit_object (text, change->text_length, members, 1, NULL))
    rev = hlg_json_member_dup_string (&members[0]);

  if (rev == NULL || g_strcmp0 (rev, change->rev) != 0 ||
      (live != NULL && live->local_changes))
    {
      /* To merge, or to be given the change's revision: as a tree. */
      change->doc = json_object_ref (hlg_document_get_object (doc));
      *handled = FALSE;
      return TRUE;
    }

  /* As plan_remote_change() would: the server's version, no base. */
  state = g_new0 (Entry, 1);
  state->doc = g_steal_pointer (&doc);
  state->server_rev = g_strdup (change->rev);
  if (live != NULL && live->conflicts != NULL)
    state->conflicts = json_array_ref (live->conflicts);
  plan_add_text (plan, change->id, state, TRUE);
  return TRUE;
}

/* The history (hlg-history.c) keeps the versions a pull brings: before,
 * the server's version it replaces (kept once per revision); after, the
 * new one. A document new to the store starts its history at its next
 * version, so a first pull writes no history. */
static void
emit_pulled (HlgStore  *self,
             GPtrArray *plan,
             gboolean   before)
{
  for (guint i = 0; i < plan->len; i++)
    {
      PlanItem *item = g_ptr_array_index (plan, i);
      Entry *live = g_hash_table_lookup (self->entries, item->id);

      if (before)
        {
          item->known = live != NULL && !live->deleted;
          if (item->known && !live->local_changes && live->server_rev != NULL)
            g_signal_emit (self, signals[DOCUMENT_WRITTEN], 0, item->id, live->doc, TRUE,
                           live->server_rev);
        }
      else if (item->known && item->done && live != NULL && !live->deleted)
        {
          g_signal_emit (self, signals[DOCUMENT_WRITTEN], 0, item->id, live->doc, TRUE,
                         live->server_rev);
        }
    }
}

/**
 * hlg_store_apply_remote_page:
 * @changes: (element-type HlgRemoteChange): one page of the server's changes
 * @last_seq: (nullable): the checkpoint after this page
 * @n_applied: (out) (optional): how many documents changed
 *
 * Brings a page of server changes in: a document without local changes is
 * replaced in place, one with local changes is merged three ways and keeps
 * a record of each conflict. The page is made durable at once, then the
 * checkpoint moves. Applying a page again changes nothing.
 *
 * A change given as text gives it to the store (its text becomes %NULL):
 * after a failure, read the page again rather than applying it again.
 */
gboolean
hlg_store_apply_remote_page (HlgStore    *self,
                             GPtrArray   *changes,
                             const char  *last_seq,
                             guint       *n_applied,
                             GError     **error)
{
  g_autoptr(GPtrArray) plan = plan_new ();
  g_autoptr(GHashTable) seen = g_hash_table_new (g_str_hash, g_str_equal);
  g_autofree char *checkpoint = NULL;

  g_return_val_if_fail (HLG_IS_STORE (self), FALSE);
  g_return_val_if_fail (changes != NULL, FALSE);

  /* The last change of a document in the page is the one that counts. */
  for (guint i = changes->len; i-- > 0;)
    {
      HlgRemoteChange *change = g_ptr_array_index (changes, i);
      Entry *live;
      gboolean remove = FALSE;
      Entry *state;

      if (change->id == NULL || !hlg_id_is_valid (change->id))
        {
          g_warning ("The server sent a change with a bad document ID; ignored");
          continue;
        }
      if (!g_hash_table_add (seen, change->id))
        continue;

      live = g_hash_table_lookup (self->entries, change->id);
      if (change->text != NULL && change->doc == NULL && !change->deleted)
        {
          gboolean handled = FALSE;

          if (!plan_text_change (plan, live, change, &handled, error))
            return FALSE;
          if (handled)
            continue;
        }

      state = plan_remote_change (live, change, &remove);
      if (state != NULL || remove)
        {
          if (state != NULL)
            plan_add (plan, change->id, state, TRUE);
          else
            plan_add_removal (plan, change->id, change->rev);
        }
    }
  for (guint i = 0; i < plan->len / 2; i++)
    {
      gpointer tmp = plan->pdata[i];

      plan->pdata[i] = plan->pdata[plan->len - 1 - i];
      plan->pdata[plan->len - 1 - i] = tmp;
    }

  if (n_applied != NULL)
    *n_applied = plan->len;

  /* The checkpoint is written with the page, renamed after it. */
  if (last_seq != NULL)
    {
      g_autoptr(JsonObject) state = hlg_json_object_deep_copy (ensure_sync_state (self));

      json_object_set_string_member (state, "last_seq", last_seq);
      checkpoint = hlg_json_object_to_string (state, TRUE);
    }

  emit_pulled (self, plan, TRUE);
  if (!run_plan (self, plan, checkpoint, error))
    return FALSE;
  emit_pulled (self, plan, FALSE);

  if (last_seq != NULL)
    json_object_set_string_member (ensure_sync_state (self), "last_seq", last_seq);

  return TRUE;
}

/**
 * hlg_store_list_to_push:
 *
 * Returns: (transfer container) (element-type utf8): the IDs with local
 *   changes to push, sorted; documents in conflict wait for a person
 */
GPtrArray *
hlg_store_list_to_push (HlgStore *self)
{
  g_return_val_if_fail (HLG_IS_STORE (self), NULL);

  return list_ids (self, entry_is_to_push);
}

/**
 * hlg_store_dup_for_push:
 *
 * Returns: (transfer full) (nullable): the body to send for @id: the
 *   document on top of the last server revision, or a deletion
 */
JsonObject *
hlg_store_dup_for_push (HlgStore   *self,
                        const char *id)
{
  Entry *entry;
  JsonObject *body;

  g_return_val_if_fail (HLG_IS_STORE (self), NULL);

  entry = lookup_entry (self, id);
  if (entry == NULL || !entry->local_changes)
    return NULL;

  if (entry->deleted)
    {
      body = json_object_new ();
      json_object_set_string_member (body, "_id", id);
      if (entry->server_rev != NULL)
        json_object_set_string_member (body, "_rev", entry->server_rev);
      json_object_set_boolean_member (body, "_deleted", TRUE);
      return body;
    }

  body = hlg_document_dup_object (entry->doc);
  if (entry->server_rev != NULL)
    json_object_set_string_member (body, "_rev", entry->server_rev);
  else if (json_object_has_member (body, "_rev"))
    json_object_remove_member (body, "_rev");

  return body;
}

/**
 * hlg_store_mark_pushed:
 * @pushed: (element-type HlgPushed): the documents the server accepted
 *
 * Records the new revisions. What was pushed becomes the base; local
 * changes are cleared only where the document did not change meanwhile.
 */
gboolean
hlg_store_mark_pushed (HlgStore   *self,
                       GPtrArray  *pushed,
                       GError    **error)
{
  g_autoptr(GPtrArray) plan = plan_new ();

  g_return_val_if_fail (HLG_IS_STORE (self), FALSE);
  g_return_val_if_fail (pushed != NULL, FALSE);

  for (guint i = 0; i < pushed->len; i++)
    {
      HlgPushed *p = g_ptr_array_index (pushed, i);
      Entry *live = lookup_entry (self, p->id);
      gboolean was_deletion;
      g_autoptr(JsonObject) current = NULL;
      Entry *state;
      PlanItem *item;

      if (live == NULL || p->rev == NULL || p->pushed == NULL)
        continue;

      was_deletion = json_object_get_boolean_member_with_default (p->pushed, "_deleted", FALSE);
      if (was_deletion && live->deleted)
        {
          /* The server keeps the tombstone; we need not. */
          plan_add_removal (plan, p->id, p->rev);
          continue;
        }

      current = hlg_document_dup_object (live->doc);
      json_object_set_string_member (current, "_rev", p->rev);

      state = state_new (live, current);
      g_free (state->server_rev);
      state->server_rev = g_strdup (p->rev);
      if (!was_deletion && !live->deleted && live->conflicts == NULL &&
          objects_equal_but_rev (hlg_document_get_object (live->doc), p->pushed))
        {
          state->local_changes = FALSE;
          state_set_base (state, NULL);
        }
      else
        {
          /* Changed again meanwhile: still to push, on top of what was. */
          state->local_changes = TRUE;
          state_set_base (state, NULL);
          if (!was_deletion)
            {
              state->base = hlg_json_object_deep_copy (p->pushed);
              json_object_set_string_member (state->base, "_rev", p->rev);
            }
        }

      plan_add (plan, p->id, state, FALSE);
      item = g_ptr_array_index (plan, plan->len - 1);
      item->rev_only = TRUE;
    }

  return run_plan (self, plan, NULL, error);
}

guint
hlg_store_get_n_conflicts (HlgStore *self)
{
  g_return_val_if_fail (HLG_IS_STORE (self), 0);

  return self->n_conflicts;
}

gboolean
hlg_store_has_conflicts (HlgStore   *self,
                         const char *id)
{
  Entry *entry;

  g_return_val_if_fail (HLG_IS_STORE (self), FALSE);

  entry = lookup_entry (self, id);
  return entry != NULL && entry->conflicts != NULL;
}

/**
 * hlg_store_list_conflicts:
 *
 * Returns: (transfer container) (element-type utf8): the IDs of the
 *   documents in conflict, sorted
 */
GPtrArray *
hlg_store_list_conflicts (HlgStore *self)
{
  g_return_val_if_fail (HLG_IS_STORE (self), NULL);

  return list_ids (self, entry_is_in_conflict);
}

/**
 * hlg_store_get_conflicts:
 *
 * Returns: (transfer none) (nullable): @id's conflict records
 *   ({"path", "mine", "theirs", "base"}, see hlg-merge.h), to read
 */
JsonArray *
hlg_store_get_conflicts (HlgStore   *self,
                         const char *id)
{
  Entry *entry;

  g_return_val_if_fail (HLG_IS_STORE (self), NULL);

  entry = lookup_entry (self, id);
  return entry != NULL ? entry->conflicts : NULL;
}

/**
 * hlg_store_resolve:
 * @take: the side to keep where @merged is %NULL
 * @merged: (nullable): the content a person chose instead
 *
 * Ends @id's conflicts. The result becomes a local change on top of the
 * server's revision, pushed by the next sync.
 */
gboolean
hlg_store_resolve (HlgStore      *self,
                   const char    *id,
                   HlgMergeTake   take,
                   JsonObject    *merged,
                   GError       **error)
{
  g_autoptr(GPtrArray) plan = plan_new ();
  g_autoptr(JsonObject) result = NULL;
  JsonObject *whole = NULL;
  Entry *live;
  Entry *state;

  g_return_val_if_fail (HLG_IS_STORE (self), FALSE);

  live = lookup_entry (self, id);
  if (live == NULL || live->conflicts == NULL)
    {
      g_set_error_literal (error, HLG_STORE_ERROR, HLG_STORE_ERROR_NOT_FOUND,
                           _("This document has no conflicts"));
      return FALSE;
    }

  if (merged != NULL)
    {
      g_autoptr(HlgDocument) check = NULL;
      g_autoptr(GError) local_error = NULL;

      check = hlg_document_new_from_object (merged, &local_error);
      if (check == NULL || g_strcmp0 (hlg_document_get_id (check), id) != 0)
        {
          g_set_error (error, HLG_STORE_ERROR, HLG_STORE_ERROR_INVALID,
                       _("The chosen content is not this document: %s"),
                       local_error != NULL ? local_error->message : id);
          return FALSE;
        }
    }

  for (guint i = 0; i < json_array_get_length (live->conflicts); i++)
    {
      JsonObject *record = json_array_get_object_element (live->conflicts, i);

      if (g_strcmp0 (json_object_get_string_member_with_default (record, "path", NULL), "") == 0)
        whole = record;
    }

  if (merged != NULL)
    {
      result = hlg_json_object_deep_copy (merged);
    }
  else if (whole != NULL)
    {
      gboolean mine_deleted = !json_object_has_member (whole, "mine");
      gboolean theirs_deleted = !json_object_has_member (whole, "theirs");

      if ((take == HLG_MERGE_TAKE_THEIRS && theirs_deleted) ||
          (take == HLG_MERGE_TAKE_MINE && mine_deleted))
        {
          if (take == HLG_MERGE_TAKE_THEIRS)
            {
              /* Deleted on the server, and now here too. */
              plan_add_removal (plan, id, NULL);
            }
          else
            {
              state = state_new (live, hlg_document_get_object (live->doc));
              state->deleted = TRUE;
              state->local_changes = TRUE;
              g_clear_pointer (&state->conflicts, json_array_unref);
              plan_add (plan, id, state, TRUE);
            }
          return run_plan (self, plan, NULL, error);
        }
      result = hlg_document_dup_object (live->doc);
    }
  else
    {
      g_autoptr(GPtrArray) records = g_ptr_array_new ();

      for (guint i = 0; i < json_array_get_length (live->conflicts); i++)
        g_ptr_array_add (records, json_array_get_object_element (live->conflicts, i));
      result = hlg_merge_take (hlg_document_get_object (live->doc), records, take);
    }

  if (live->server_rev != NULL)
    json_object_set_string_member (result, "_rev", live->server_rev);

  state = state_new (live, result);
  state->deleted = FALSE;
  g_clear_pointer (&state->conflicts, json_array_unref);
  if (live->base != NULL && objects_equal (result, live->base))
    {
      /* The server's version as it is: nothing to push. */
      state->local_changes = FALSE;
      state_set_base (state, NULL);
    }
  else
    {
      state->local_changes = TRUE;
    }
  plan_add (plan, id, state, TRUE);

  return run_plan (self, plan, NULL, error);
}
