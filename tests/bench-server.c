/* bench-server.c: how fast the server takes _bulk_docs and serves _changes
 * SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "bench-server"

#include "config.h"

#include <stdio.h>
#include <time.h>

#include "hlg-document.h"
#include "hlg-json.h"
#include "hlg-sample.h"
#include "test-server-harness.h"

#define N_DOCUMENTS 10000
#define BATCH 1000

/* CPU seconds of the whole process (the server's thread and the client's):
 * on a shared machine, a steadier figure than the elapsed time. */
static double
cpu_seconds (void)
{
  struct timespec ts;

  clock_gettime (CLOCK_PROCESS_CPUTIME_ID, &ts);
  return ts.tv_sec + ts.tv_nsec / 1e9;
}

int
main (int   argc,
      char *argv[])
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) documents = NULL;
  TestServer *ts;
  gint64 start, elapsed, total = 0;
  double cpu_start, cpu_total = 0;
  guint stored = 0, failed = 0, pulled = 0;
  g_autofree char *since = g_strdup ("0");

  g_test_init (&argc, &argv, NULL);

  ts = test_server_new (NULL);
  hlg_server_add_user (ts->server, "bench", "bench-password", "secretariat", NULL, &error);
  g_assert_no_error (error);
  test_server_start (ts);

  documents = hlg_sample_generate (N_DOCUMENTS, 20240901);
  g_assert_cmpuint (documents->len, ==, N_DOCUMENTS);

  /* Signed in before the clock starts: the first request checks the
   * password with argon2 (a tenth of a second or more, by design), which
   * is the cost of a session, not of taking documents. */
  {
    g_autoptr(TestResponse) r = test_request (ts, "GET", "/hlgmos", "bench", "bench-password", NULL);

    g_assert_cmpuint (r->status, ==, 200);
  }

  for (guint first = 0; first < documents->len; first += BATCH)
    {
      g_autoptr(JsonArray) docs = json_array_new ();
      g_autoptr(JsonObject) request = json_object_new ();
      g_autofree char *body = NULL;
      g_autoptr(TestResponse) r = NULL;
      JsonArray *results;

      for (guint i = first; i < MIN (first + BATCH, documents->len); i++)
        {
          JsonObject *object = hlg_document_dup_object (documents->pdata[i]);

          json_object_remove_member (object, "_rev");
          json_array_add_object_element (docs, object);
        }
      json_object_set_array_member (request, "docs", json_array_ref (docs));
      body = hlg_json_object_to_string (request, FALSE);

      start = g_get_monotonic_time ();
      cpu_start = cpu_seconds ();
      r = test_request (ts, "POST", "/hlgmos/_bulk_docs", "bench", "bench-password", body);
      total += g_get_monotonic_time () - start;
      cpu_total += cpu_seconds () - cpu_start;

      g_assert_cmpuint (r->status, ==, 201);
      results = json_node_get_array (r->json);
      for (guint i = 0; i < json_array_get_length (results); i++)
        {
          JsonObject *result = json_array_get_object_element (results, i);

          if (json_object_get_boolean_member_with_default (result, "ok", FALSE))
            stored++;
          else
            {
              if (failed++ < 5)
                g_printerr ("rejected %s: %s\n",
                            json_object_get_string_member_with_default (result, "id", "?"),
                            json_object_get_string_member_with_default (result, "reason", "?"));
            }
        }
    }

  printf ("_bulk_docs: %u documents in batches of %u: %.2f s, %.0f documents/second (%u rejected); "
          "CPU %.2f s\n", stored, BATCH, total / 1e6, stored / (total / 1e6), failed, cpu_total);

  /* Pull everything back the way the sync client does, page by page. */
  start = g_get_monotonic_time ();
  for (;;)
    {
      g_autofree char *path = g_strdup_printf ("/hlgmos/_changes?include_docs=true&limit=%u&since=%s",
                                               BATCH, since);
      g_autoptr(TestResponse) r = test_request (ts, "GET", path, "bench", "bench-password", NULL);
      JsonObject *object = test_response_object (r);
      guint n = json_array_get_length (json_object_get_array_member (object, "results"));

      if (n == 0)
        break;
      pulled += n;
      g_free (since);
      since = g_strdup (json_object_get_string_member (object, "last_seq"));
    }
  elapsed = g_get_monotonic_time () - start;
  printf ("_changes?include_docs=true: %u documents in pages of %u: %.2f s, %.0f documents/second\n",
          pulled, BATCH, elapsed / 1e6, pulled / (elapsed / 1e6));
  g_assert_cmpuint (pulled, ==, stored);

  test_server_free (ts);
  return 0;
}
