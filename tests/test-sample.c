/* test-sample.c: the benchmark generator is deterministic, valid and realistic
 * SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <glib/gstdio.h>

#include "hlg-id.h"
#include "hlg-sample.h"
#include "hlg-schema.h"
#include "hlg-store.h"

#include "test-util.h"

/* Every document valid, every ID unique, every reference inside the set. */
static void
check_set (GPtrArray *docs)
{
  g_autoptr(GHashTable) ids = g_hash_table_new (g_str_hash, g_str_equal);

  for (guint i = 0; i < docs->len; i++)
    {
      HlgDocument *doc = g_ptr_array_index (docs, i);

      test_util_assert_valid (doc);
      g_assert_true (g_hash_table_add (ids, (gpointer) hlg_document_get_id (doc)));
    }

  test_util_check_refs (docs, ids);
}

static void
test_sample_deterministic (void)
{
  g_autoptr(GPtrArray) a = hlg_sample_generate (300, 7);
  g_autoptr(GPtrArray) b = hlg_sample_generate (300, 7);
  g_autoptr(GPtrArray) c = hlg_sample_generate (300, 8);
  guint n_different = 0;

  g_assert_cmpuint (a->len, ==, 300);
  g_assert_cmpuint (b->len, ==, 300);
  g_assert_cmpuint (c->len, ==, 300);
  for (guint i = 0; i < a->len; i++)
    {
      g_autofree char *ja = hlg_document_to_json (g_ptr_array_index (a, i), FALSE);
      g_autofree char *jb = hlg_document_to_json (g_ptr_array_index (b, i), FALSE);
      g_autofree char *jc = hlg_document_to_json (g_ptr_array_index (c, i), FALSE);

      g_assert_cmpstr (ja, ==, jb);
      n_different += g_strcmp0 (ja, jc) != 0;
    }

  /* Another seed, other documents. */
  g_assert_cmpuint (n_different, ==, 300);
}

static void
test_sample_valid (void)
{
  g_autoptr(GPtrArray) docs = hlg_sample_generate (500, 42);

  g_assert_cmpuint (docs->len, ==, 500);
  check_set (docs);
}

static void
test_sample_small (void)
{
  static const guint sizes[] = { 0, 1, 2, 3, 5, 13, 27, 28, 29, 60 };

  for (guint i = 0; i < G_N_ELEMENTS (sizes); i++)
    {
      g_autoptr(GPtrArray) docs = hlg_sample_generate (sizes[i], i);

      g_assert_cmpuint (docs->len, ==, sizes[i]);
      check_set (docs);
    }
}

static void
test_sample_mix (void)
{
  g_autoptr(GPtrArray) docs = hlg_sample_generate (4000, 1);
  guint counts[HLG_N_DOC_TYPES] = { 0 };
  gsize proposal_bytes = 0, review_bytes = 0;
  double proposal_avg, review_avg;

  for (guint i = 0; i < docs->len; i++)
    {
      HlgDocument *doc = g_ptr_array_index (docs, i);
      HlgDocType type = hlg_document_get_doc_type (doc);
      g_autofree char *json = hlg_document_to_json (doc, FALSE);

      counts[type]++;
      if (type == HLG_DOC_TYPE_PROPOSAL)
        proposal_bytes += strlen (json);
      else if (type == HLG_DOC_TYPE_REVIEW)
        review_bytes += strlen (json);
    }

  for (HlgDocType t = 0; t < HLG_N_DOC_TYPES; t++)
    g_assert_cmpuint (counts[t], >, 0);
  g_assert_cmpuint (counts[HLG_DOC_TYPE_CYCLE], ==, 2);
  g_assert_cmpuint (counts[HLG_DOC_TYPE_PROPOSAL], >=, 4000 * 30 / 100);
  g_assert_cmpuint (counts[HLG_DOC_TYPE_PROPOSAL], <=, 4000 * 40 / 100);
  g_assert_cmpuint (counts[HLG_DOC_TYPE_REVIEW], >=, 4000 * 30 / 100);
  g_assert_cmpuint (counts[HLG_DOC_TYPE_REVIEW], <=, 4000 * 40 / 100);

  proposal_avg = (double) proposal_bytes / counts[HLG_DOC_TYPE_PROPOSAL];
  review_avg = (double) review_bytes / counts[HLG_DOC_TYPE_REVIEW];
  g_test_message ("average proposal %.0f bytes, review %.0f bytes", proposal_avg, review_avg);
  g_assert_cmpfloat (proposal_avg, >=, 2000);
  g_assert_cmpfloat (proposal_avg, <=, 8000);
  g_assert_cmpfloat (review_avg, >=, 500);
  g_assert_cmpfloat (review_avg, <=, 2500);
}

static void
test_sample_write_store (void)
{
  g_autofree char *dir = g_dir_make_tmp ("hlg-sample-XXXXXX", NULL);
  g_autoptr(HlgStore) store = NULL;
  g_autoptr(GPtrArray) docs = hlg_sample_generate (60, 3);

  g_assert_nonnull (dir);
  hlg_sample_write_store (dir, 60, 3);

  store = test_util_open_store (dir);
  g_assert_cmpuint (hlg_store_get_n_documents (store), ==, 60);
  g_assert_cmpuint (hlg_store_get_quarantined (store)->len, ==, 0);
  for (guint i = 0; i < docs->len; i++)
    g_assert_nonnull (hlg_store_lookup (store, hlg_document_get_id (g_ptr_array_index (docs, i))));

  g_clear_object (&store);
  test_util_remove_tree (dir);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/sample/deterministic", test_sample_deterministic);
  g_test_add_func ("/sample/valid", test_sample_valid);
  g_test_add_func ("/sample/small", test_sample_small);
  g_test_add_func ("/sample/mix", test_sample_mix);
  g_test_add_func ("/sample/write-store", test_sample_write_store);

  return g_test_run ();
}
