/* bench-startup.c: time to first frame and memory of hlgmos on 10,000 documents, against a bare window
 * SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "bench-startup"

#include "config.h"

#include <gio/gio.h>
#include <glib/gstdio.h>
#include <stdlib.h>
#include <string.h>

#include "hlg-sample.h"
#include "test-ui-harness.h"

#define N_DOCUMENTS 10000
#define N_RUNS      5

typedef struct
{
  double ms;
  long   rss_kib;
} Run;

typedef struct
{
  GMainLoop *loop;
  char      *line;
  gboolean   timed_out;
} Reading;

static void
on_line_read_cb (GObject      *object,
                 GAsyncResult *result,
                 gpointer      user_data)
{
  Reading *reading = user_data;
  g_autoptr(GError) error = NULL;
  char *line = g_data_input_stream_read_line_finish_utf8 (G_DATA_INPUT_STREAM (object), result,
                                                          NULL, &error);

  if (line != NULL && !g_str_has_prefix (line, "startup: first frame"))
    {
      g_free (line);
      g_data_input_stream_read_line_async (G_DATA_INPUT_STREAM (object), G_PRIORITY_DEFAULT,
                                           NULL, on_line_read_cb, reading);
      return;
    }

  reading->line = line;
  g_main_loop_quit (reading->loop);
}

static gboolean
on_timeout_cb (gpointer user_data)
{
  Reading *reading = user_data;

  reading->timed_out = TRUE;
  g_main_loop_quit (reading->loop);
  return G_SOURCE_REMOVE;
}

/* Starts @program, reads its "startup: first frame" line, then stops it. */
static Run
run_once (const char *program,
          const char *data_dir)
{
  g_autoptr(GSubprocessLauncher) launcher = g_subprocess_launcher_new (G_SUBPROCESS_FLAGS_STDOUT_PIPE);
  g_autoptr(GSubprocess) process = NULL;
  g_autoptr(GDataInputStream) input = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(GMainLoop) loop = g_main_loop_new (NULL, FALSE);
  Reading reading = { loop, NULL, FALSE };
  Run run = { -1, -1 };
  const char *rss;
  guint timeout;

  g_subprocess_launcher_setenv (launcher, "HLGMOS_REPORT_STARTUP", "1", TRUE);
  g_subprocess_launcher_setenv (launcher, "HLGMOS_DATA_DIR", data_dir, TRUE);
  process = g_subprocess_launcher_spawn (launcher, &error, program, NULL);
  if (process == NULL)
    g_error ("Cannot start %s: %s", program, error->message);

  input = g_data_input_stream_new (g_subprocess_get_stdout_pipe (process));
  g_data_input_stream_read_line_async (input, G_PRIORITY_DEFAULT, NULL, on_line_read_cb, &reading);
  timeout = g_timeout_add_seconds (60, on_timeout_cb, &reading);
  g_main_loop_run (loop);
  if (!reading.timed_out)
    g_source_remove (timeout);

  g_subprocess_force_exit (process);
  g_subprocess_wait (process, NULL, NULL);

  if (reading.line == NULL)
    g_error ("%s never reported its first frame", program);

  run.ms = g_ascii_strtod (reading.line + strlen ("startup: first frame drawn "), NULL);
  rss = strstr (reading.line, "(rss ");
  if (rss != NULL)
    run.rss_kib = strtol (rss + strlen ("(rss "), NULL, 10);
  g_free (reading.line);

  return run;
}

static void
median_of (const char *program,
           const char *data_dir,
           double     *ms,
           double     *rss_mib)
{
  double times[N_RUNS];
  double rss[N_RUNS];

  for (guint i = 0; i < N_RUNS; i++)
    {
      Run run = run_once (program, data_dir);

      times[i] = run.ms;
      rss[i] = run.rss_kib / 1024.0;
    }
  qsort (times, N_RUNS, sizeof (double), test_ui_compare_doubles);
  qsort (rss, N_RUNS, sizeof (double), test_ui_compare_doubles);
  *ms = times[N_RUNS / 2];
  *rss_mib = rss[N_RUNS / 2];
}

int
main (int   argc,
      char *argv[])
{
  g_autofree char *data_dir = NULL;
  g_autofree char *empty_dir = NULL;
  double app_ms, app_rss, bare_ms, bare_rss;
  gint64 start;

  if (argc != 3)
    {
      g_printerr ("usage: %s HLGMOS BARE-WINDOW\n", argv[0]);
      return 2;
    }

  data_dir = g_dir_make_tmp ("bench-startup-XXXXXX", NULL);
  empty_dir = g_dir_make_tmp ("bench-startup-bare-XXXXXX", NULL);
  start = g_get_monotonic_time ();
  hlg_sample_write_store (data_dir, N_DOCUMENTS, 42);
  g_print ("Wrote %u sample documents in %.1f s\n", N_DOCUMENTS,
           (g_get_monotonic_time () - start) / 1e6);
  g_print ("GSK_RENDERER=%s, DISPLAY=%s\n", g_getenv ("GSK_RENDERER") ? g_getenv ("GSK_RENDERER") : "(default)",
           g_getenv ("DISPLAY") ? g_getenv ("DISPLAY") : "(none)");

  median_of (argv[2], empty_dir, &bare_ms, &bare_rss);
  median_of (argv[1], data_dir, &app_ms, &app_rss);

  g_print ("bare libadwaita window: first frame %.0f ms, RSS %.1f MiB (median of %d)\n",
           bare_ms, bare_rss, N_RUNS);
  g_print ("hlgmos, %u documents:    first frame %.0f ms, RSS %.1f MiB (median of %d)\n",
           N_DOCUMENTS, app_ms, app_rss, N_RUNS);
  g_print ("ratio %.2fx (target <= 1.5x): %s\n", app_ms / bare_ms,
           app_ms <= 1.5 * bare_ms ? "met" : "MISSED");
  g_print ("RSS +%.1f MiB (target <= +60 MiB): %s\n", app_rss - bare_rss,
           app_rss <= bare_rss + 60 ? "met" : "MISSED");

  test_ui_remove_tree (data_dir);
  test_ui_remove_tree (empty_dir);
  return 0;
}
