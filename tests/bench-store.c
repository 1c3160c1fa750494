/* bench-store.c: loading, saving and memory of a store of 10,000 documents
 * SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <stdio.h>
#include <string.h>

#include <glib/gstdio.h>

#include "hlg-sample.h"
#include "hlg-store.h"

#include "test-util.h"

#define N_DOCUMENTS 10000
#define N_LOADS 5
#define N_SAVES 300

/* Targets on a 2-core machine (the foundation issue). */
#define TARGET_LOAD_S 0.3
#define TARGET_SAVE_MS 2.0
#define TARGET_RSS_MB 100.0

static int
compare_doubles (gconstpointer a,
                 gconstpointer b)
{
  double x = *(const double *) a, y = *(const double *) b;

  return x < y ? -1 : x > y;
}

static double
median (GArray *values)
{
  g_array_sort (values, compare_doubles);
  return g_array_index (values, double, values->len / 2);
}

static double
percentile (GArray  *values,
            double   p)
{
  g_array_sort (values, compare_doubles);
  return g_array_index (values, double, MIN (values->len - 1, (guint) (values->len * p)));
}

static double
rss_mb (void)
{
  g_autofree char *status = NULL;
  const char *line;

  if (!g_file_get_contents ("/proc/self/status", &status, NULL, NULL))
    return -1;
  line = strstr (status, "VmRSS:");
  return line ? g_ascii_strtod (line + 6, NULL) / 1024.0 : -1;
}

/* Run in a fresh process, so that the generator's memory is not counted. */
static int
measure_rss (const char *dir)
{
  g_autoptr(HlgStore) store = hlg_store_new (dir);
  double before = rss_mb ();

  if (!hlg_store_load (store, NULL, NULL))
    return 1;
  printf ("%u %.1f %.1f\n", hlg_store_get_n_documents (store), before, rss_mb ());
  return 0;
}

static gsize
folder_size (const char *path)
{
  g_autoptr(GDir) dir = g_dir_open (path, 0, NULL);
  const char *name;
  gsize total = 0;

  while (dir != NULL && (name = g_dir_read_name (dir)))
    {
      g_autofree char *child = g_build_filename (path, name, NULL);
      GStatBuf st;

      if (g_stat (child, &st) == 0)
        total += st.st_size;
    }
  return total;
}

int
main (int   argc,
      char *argv[])
{
  g_autofree char *dir = NULL;
  g_autofree char *docs = NULL;
  g_autofree char *rss_out = NULL;
  g_autofree char *self = NULL;
  g_autoptr(GArray) loads = g_array_new (FALSE, FALSE, sizeof (double));
  g_autoptr(GArray) saves = g_array_new (FALSE, FALSE, sizeof (double));
  g_autoptr(GError) error = NULL;
  g_autoptr(HlgStore) store = NULL;
  GListModel *proposals;
  double t0, load_s, save_ms, save_p95, rss_before = 0, rss_after = 0;
  guint n_loaded = 0;
  gboolean ok = TRUE;

  if (argc == 3 && strcmp (argv[1], "--measure-rss") == 0)
    return measure_rss (argv[2]);

  dir = g_dir_make_tmp ("hlg-bench-store-XXXXXX", NULL);
  docs = g_build_filename (dir, "documents", NULL);
  t0 = g_get_monotonic_time ();
  hlg_sample_write_store (dir, N_DOCUMENTS, 42);
  printf ("generated %u documents (%.1f MB) in %.2f s\n", N_DOCUMENTS,
          folder_size (docs) / 1e6, (g_get_monotonic_time () - t0) / 1e6);

  for (guint i = 0; i < N_LOADS; i++)
    {
      g_autoptr(HlgStore) s = hlg_store_new (dir);
      double t;

      t0 = g_get_monotonic_time ();
      if (!hlg_store_load (s, NULL, &error))
        g_error ("%s", error->message);
      t = (g_get_monotonic_time () - t0) / 1e6;
      g_assert_cmpuint (hlg_store_get_n_documents (s), ==, N_DOCUMENTS);
      g_array_append_val (loads, t);
    }
  load_s = median (loads);

  store = hlg_store_new (dir);
  g_assert_true (hlg_store_load (store, NULL, NULL));
  proposals = hlg_store_get_model (store, HLG_DOC_TYPE_PROPOSAL);
  for (guint i = 0; i < N_SAVES; i++)
    {
      g_autoptr(HlgDocument) doc = g_list_model_get_item (proposals, i % g_list_model_get_n_items (proposals));
      g_autofree char *summary = g_strdup_printf ("%s Edit %u.", hlg_document_get_string (doc, "summary"), i);
      double t;

      hlg_document_set_string (doc, "summary", summary, NULL);
      t0 = g_get_monotonic_time ();
      if (!hlg_store_save (store, doc, &error))
        g_error ("%s", error->message);
      t = (g_get_monotonic_time () - t0) / 1e3;
      g_array_append_val (saves, t);
    }
  save_p95 = percentile (saves, 0.95);
  save_ms = median (saves);

  self = g_strdup (argv[0]);
  {
    const char *child_argv[] = { self, "--measure-rss", dir, NULL };

    if (!g_spawn_sync (NULL, (char **) child_argv, NULL, G_SPAWN_DEFAULT, NULL, NULL,
                       &rss_out, NULL, NULL, &error))
      g_error ("%s", error->message);
    if (sscanf (rss_out, "%u %lf %lf", &n_loaded, &rss_before, &rss_after) != 3)
      g_error ("Unexpected output: %s", rss_out);
  }

  printf ("load %u documents: %.3f s median of %u (target <= %.1f s)\n",
          N_DOCUMENTS, load_s, N_LOADS, TARGET_LOAD_S);
  printf ("save one edited document: %.2f ms median, %.2f ms p95 over %u (target <= %.1f ms median)\n",
          save_ms, save_p95, N_SAVES, TARGET_SAVE_MS);
  printf ("RSS after loading %u documents: %.1f MB (%.1f MB before loading; target <= %.0f MB)\n",
          n_loaded, rss_after, rss_before, TARGET_RSS_MB);

  ok = load_s <= TARGET_LOAD_S && save_ms <= TARGET_SAVE_MS && rss_after <= TARGET_RSS_MB;
  if (!ok)
    printf ("MISSED a target\n");

  test_util_remove_tree (docs);
  test_util_remove_tree (dir);
  return ok ? 0 : 1;
}
