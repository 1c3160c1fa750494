/* hlg-store.c: the local store, one JSON file per document, with sync state
 * SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "hlg-store"

#include "config.h"

#include <errno.h>
#include <fcntl.h>
#include <glib/gi18n-lib.h>
#include <glib/gstdio.h>
#include <string.h>
#include <unistd.h>

#include "hlg-id.h"
#include "hlg-json.h"
#include "hlg-store.h"

/* On disk, each document is one file, documents/<id>.json:
 *   {"doc": {...the document...},
 *    "sync": {"rev": "<last server revision>", "local_changes": true,
 *             "deleted": false, "base": {...the document at "rev"...}}}
 * The base is written only while there are local changes: without them
 * the document is the base. */

#define BATCH_SIZE 256

typedef struct
{
  HlgDocument *doc;
  char        *server_rev;
  JsonObject  *base;
  gboolean     local_changes;
  gboolean     deleted;
} Entry;

struct _HlgStore
{
  GObject     parent_instance;

  char       *path;
  char       *docs_dir;
  char       *quarantine_dir;
  int         docs_dir_fd;

  GHashTable *entries; /* id -> Entry */
  GListStore *models[HLG_N_DOC_TYPES];
  GPtrArray  *quarantined;
  guint       n_pending;
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
  N_PROPS
};

enum {
  QUARANTINED,
  N_SIGNALS
};

static GParamSpec *properties[N_PROPS];
static guint signals[N_SIGNALS];

static void
entry_free (Entry *entry)
{
  g_clear_object (&entry->doc);
  g_clear_pointer (&entry->server_rev, g_free);
  g_clear_pointer (&entry->base, json_object_unref);
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

  for (guint i = 0; i < HLG_N_DOC_TYPES; i++)
    g_clear_object (&self->models[i]);
  g_clear_pointer (&self->entries, g_hash_table_unref);
  g_clear_pointer (&self->quarantined, g_ptr_array_unref);
  g_clear_pointer (&self->path, g_free);
  g_clear_pointer (&self->docs_dir, g_free);
  g_clear_pointer (&self->quarantine_dir, g_free);
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
  g_object_class_install_properties (object_class, N_PROPS, properties);

  /* A file was moved to quarantine/ while loading: (HlgQuarantined *). */
  signals[QUARANTINED] =
    g_signal_new ("quarantined", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL, G_TYPE_NONE, 1, G_TYPE_POINTER);
}

static void
hlg_store_init (HlgStore *self)
{
  self->docs_dir_fd = -1;
  self->entries = g_hash_table_new_full (g_str_hash, g_str_equal, g_free,
                                         (GDestroyNotify) entry_free);
  self->quarantined = g_ptr_array_new_with_free_func ((GDestroyNotify) hlg_quarantined_free);
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

static Entry *
entry_from_file (const char  *dir,
                 const char  *name,
                 char       **reason)
{
  g_autofree char *path = g_build_filename (dir, name, NULL);
  g_autofree char *contents = NULL;
  g_autofree char *stem = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(JsonObject) envelope = NULL;
  g_autoptr(HlgDocument) doc = NULL;
  JsonObject *doc_object;
  JsonObject *sync;
  Entry *entry;
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

  envelope = hlg_json_object_from_data (contents, length, &error);
  if (envelope == NULL)
    {
      *reason = g_strdup (error->message);
      return NULL;
    }

  doc_object = hlg_json_object_get_object (envelope, "doc");
  if (doc_object == NULL)
    {
      *reason = g_strdup (_("The file holds no document"));
      return NULL;
    }

  doc = hlg_document_new_from_object (doc_object, &error);
  if (doc == NULL)
    {
      *reason = g_strdup (error->message);
      return NULL;
    }

  if (strcmp (hlg_document_get_id (doc), stem) != 0)
    {
      *reason = g_strdup (_("The file name does not match the document’s ID"));
      return NULL;
    }

  entry = g_new0 (Entry, 1);
  entry->doc = g_steal_pointer (&doc);
  sync = hlg_json_object_get_object (envelope, "sync");
  if (sync != NULL)
    {
      JsonObject *base = hlg_json_object_get_object (sync, "base");

      entry->server_rev = g_strdup (json_object_get_string_member_with_default (sync, "rev", NULL));
      entry->local_changes = json_object_get_boolean_member_with_default (sync, "local_changes", FALSE);
      entry->deleted = json_object_get_boolean_member_with_default (sync, "deleted", FALSE);
      if (base != NULL)
        entry->base = json_object_ref (base);
    }

  return entry;
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
                 const char  *name,
                 const char  *reason,
                 GError     **error)
{
  g_autofree char *from = g_build_filename (self->docs_dir, name, NULL);
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

  for (guint i = 0; i < batch->rejected->len; i++)
    {
      Rejected *r = g_ptr_array_index (batch->rejected, i);
      g_autoptr(GError) error = NULL;
      HlgQuarantined *q;
      g_autofree char *to = quarantine_file (self, r->name, r->reason, &error);

      if (to == NULL)
        {
          /* It stays where it is; it is still skipped and still reported. */
          g_warning ("Cannot move %s to quarantine: %s", r->name, error->message);
          to = g_build_filename (self->docs_dir, r->name, NULL);
        }

      q = g_new0 (HlgQuarantined, 1);
      q->file = g_steal_pointer (&to);
      q->name = g_strdup (r->name);
      q->reason = g_strdup (r->reason);
      g_ptr_array_add (self->quarantined, q);
      g_signal_emit (self, signals[QUARANTINED], 0, q);
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

  return TRUE;
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
  json_builder_end_object (builder);
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
  Entry *old = entry_from_file (self->docs_dir, name, &reason);
  JsonObject *base = NULL;

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

/**
 * hlg_store_list_pending:
 *
 * Returns: (transfer container) (element-type utf8): the IDs with local
 *   changes not yet pushed, sorted
 */
GPtrArray *
hlg_store_list_pending (HlgStore *self)
{
  GPtrArray *ids = g_ptr_array_new ();
  GHashTableIter iter;
  gpointer key, value;

  g_return_val_if_fail (HLG_IS_STORE (self), NULL);

  g_hash_table_iter_init (&iter, self->entries);
  while (g_hash_table_iter_next (&iter, &key, &value))
    if (((Entry *) value)->local_changes)
      g_ptr_array_add (ids, key);

  g_ptr_array_sort (ids, compare_names);
  return ids;
}

guint
hlg_store_get_n_pending (HlgStore *self)
{
  g_return_val_if_fail (HLG_IS_STORE (self), 0);

  return self->n_pending;
}
