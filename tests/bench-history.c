/* bench-history.c: what keeping the history adds to a save
 * SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <stdio.h>
#include <string.h>

#include "hlg-history.h"
#include "hlg-sample.h"
#include "hlg-store.h"

#include "test-util.h"

#define N_DOCUMENTS 2000
#define N_EDITED 20
#define N_SAVES 300
#define N_ROUNDS 2

/* A save must not feel slower with the history: its part takes at most
 * this. (The difference of whole saves is reported too, but a save's
 * fsync varies by more than that on a shared disk.) */
#define TARGET_OVERHEAD_MS 0.5

static GDateTime *clock_now;

/* Each save far from the last one: every local save is a new version. */
static GDateTime *
spaced_clock (gpointer data)
{
  GDateTime *later = g_date_time_add_minutes (clock_now, 11);

  g_date_time_unref (clock_now);
  clock_now = later;
  return g_date_time_ref (clock_now);
}

static int
compare_doubles (gconstpointer a,
                 gconstpointer b)
{
  double x = *(const double *) a, y = *(const double *) b;

  return x < y ? -1 : x > y;
}

static double
percentile (GArray *values,
            double  p)
{
  g_array_sort (values, compare_doubles);
  return g_array_index (values, double, MIN (values->len - 1, (guint) (values->len * p)));
}

static double
timed_save (HlgStore    *store,
            HlgDocument *doc)
{
  static guint edit;
  g_autofree char *title = g_strdup_printf ("Edited proposal %u", edit++);
  g_autoptr(GError) error = NULL;
  gint64 t0;

  hlg_document_set_string (doc, "title", title, NULL);
  t0 = g_get_monotonic_time ();
  if (!hlg_store_save (store, doc, &error))
    g_error ("%s", error->message);
  return (g_get_monotonic_time () - t0) / 1e3;
}

/* N_SAVES pairs of saves of edited proposals, one without the history and
 * one with it, side by side so that the disk's moods hit both alike. */
static void
time_saves (HlgStore   *store,
            HlgHistory *history,
            const char *what,
            double     *without,
            double     *with)
{
  GListModel *proposals = hlg_store_get_model (store, HLG_DOC_TYPE_PROPOSAL);
  g_autoptr(GArray) plain = g_array_new (FALSE, FALSE, sizeof (double));
  g_autoptr(GArray) kept = g_array_new (FALSE, FALSE, sizeof (double));

  for (guint i = 0; i < N_SAVES; i++)
    {
      g_autoptr(HlgDocument) doc = g_list_model_get_item (proposals, i % N_EDITED);
      double ms;

      g_signal_handlers_block_matched (store, G_SIGNAL_MATCH_DATA, 0, 0, NULL, NULL, history);
      ms = timed_save (store, doc);
      g_array_append_val (plain, ms);
      g_signal_handlers_unblock_matched (store, G_SIGNAL_MATCH_DATA, 0, 0, NULL, NULL, history);
      ms = timed_save (store, doc);
      g_array_append_val (kept, ms);
    }

  *without = percentile (plain, 0.5);
  *with = percentile (kept, 0.5);
  printf ("%s: save %.3f ms median without the history, %.3f ms with it "
          "(p95 %.3f / %.3f ms)\n", what, *without, *with, percentile (plain, 0.95),
          percentile (kept, 0.95));
}

/* The history's own part, without the disk's flushes around it. */
static double
time_records (HlgHistory  *history,
              HlgDocument *doc,
              gboolean     spaced)
{
  g_autoptr(JsonObject) object = hlg_document_dup_object (doc);
  g_autoptr(GArray) times = g_array_new (FALSE, FALSE, sizeof (double));

  hlg_history_set_clock (history, spaced ? spaced_clock : NULL, NULL);
  for (guint i = 0; i < N_SAVES; i++)
    {
      g_autofree char *title = g_strdup_printf ("Recorded %u", i);
      g_autoptr(GError) error = NULL;
      gint64 t0;
      double ms;

      json_object_set_string_member (object, "title", title);
      t0 = g_get_monotonic_time ();
      if (!hlg_history_record (history, hlg_document_get_id (doc), object,
                               HLG_HISTORY_ORIGIN_LOCAL, NULL, NULL, &error))
        g_error ("%s", error->message);
      ms = (g_get_monotonic_time () - t0) / 1e3;
      g_array_append_val (times, ms);
    }

  return percentile (times, 0.5);
}

int
main (int   argc,
      char *argv[])
{
  g_autofree char *dir = g_dir_make_tmp ("hlg-bench-history-XXXXXX", NULL);
  g_autoptr(HlgStore) store = NULL;
  double plain = 0, typing = 0, versions = 0;
  double first_ms, part_coalesced, part_appended;
  gint64 t0;

  hlg_sample_write_store (dir, N_DOCUMENTS, 42);
  store = hlg_store_new (dir);
  g_assert_true (hlg_store_load (store, NULL, NULL));
  g_assert_cmpuint (g_list_model_get_n_items (hlg_store_get_model (store, HLG_DOC_TYPE_PROPOSAL)),
                    >=, N_EDITED);
  clock_now = g_date_time_new_now_utc ();

  for (guint round = 0; round < N_ROUNDS; round++)
    {
      g_autoptr(HlgHistory) history = hlg_history_new (store);
      double without, with;

      time_saves (store, history, "typing (saves coalesce)", &without, &with);
      plain += without / (2 * N_ROUNDS);
      typing += (with - without) / N_ROUNDS;

      hlg_history_set_clock (history, spaced_clock, NULL);
      time_saves (store, history, "a new version each save", &without, &with);
      plain += without / (2 * N_ROUNDS);
      versions += (with - without) / N_ROUNDS;
    }

  {
    g_autoptr(HlgHistory) history = hlg_history_new (store);
    g_autoptr(HlgDocument) doc = g_list_model_get_item (hlg_store_get_model (store,
                                                                             HLG_DOC_TYPE_PROPOSAL),
                                                        N_EDITED);
    g_autofree char *json = hlg_document_to_json (doc, FALSE);

    part_coalesced = time_records (history, doc, FALSE);
    part_appended = time_records (history, doc, TRUE);
    printf ("the history's part alone, a %zu-byte proposal: %.3f ms coalesced, %.3f ms appended "
            "(median of %u; target <= %.1f ms)\n", strlen (json), part_coalesced, part_appended,
            N_SAVES, TARGET_OVERHEAD_MS);
  }

  /* What a first pull would add if each document it brings became a version. */
  {
    g_autoptr(HlgHistory) history = hlg_history_new (store);
    guint n = 0;

    t0 = g_get_monotonic_time ();
    for (HlgDocType type = 0; type < HLG_N_DOC_TYPES; type++)
      {
        GListModel *model = hlg_store_get_model (store, type);

        for (guint i = 0; i < g_list_model_get_n_items (model); i++, n++)
          {
            g_autoptr(HlgDocument) doc = g_list_model_get_item (model, i);
            g_autoptr(GError) error = NULL;

            if (!hlg_history_record (history, hlg_document_get_id (doc),
                                     hlg_document_get_object (doc), HLG_HISTORY_ORIGIN_SERVER,
                                     "1-bench", NULL, &error))
              g_error ("%s", error->message);
          }
      }
    printf ("%u documents of a pull kept as versions: %.0f ms (%.3f ms each)\n", n,
            (g_get_monotonic_time () - t0) / 1e3, (g_get_monotonic_time () - t0) / 1e3 / n);
  }

  /* The first save of a document in a session reads its history once. */
  {
    g_autoptr(HlgHistory) history = hlg_history_new (store);
    g_autoptr(HlgDocument) doc = g_list_model_get_item (hlg_store_get_model (store,
                                                                             HLG_DOC_TYPE_PROPOSAL),
                                                        0);
    g_autoptr(GListModel) kept = hlg_history_list (history, hlg_document_get_id (doc), NULL);

    hlg_history_set_clock (history, spaced_clock, NULL);
    hlg_document_set_string (doc, "title", "Once more", NULL);
    t0 = g_get_monotonic_time ();
    g_assert_true (hlg_store_save (store, doc, NULL));
    first_ms = (g_get_monotonic_time () - t0) / 1e3;
    printf ("first save in a session of a document with %u versions: %.3f ms\n",
            g_list_model_get_n_items (kept), first_ms);
  }

  printf ("whole save, median: %.3f ms without the history; %+.3f ms with it while typing, "
          "%+.3f ms with a new version each save\n", plain, typing, versions);

  g_clear_pointer (&clock_now, g_date_time_unref);
  g_clear_object (&store);
  test_util_remove_tree (dir);

  return part_coalesced <= TARGET_OVERHEAD_MS && part_appended <= TARGET_OVERHEAD_MS ? 0 : 1;
}
