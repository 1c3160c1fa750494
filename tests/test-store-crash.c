/* test-store-crash.c: a store killed at random moments loses no saved edit
 * SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <errno.h>
#include <string.h>
#include <signal.h>
#include <sys/wait.h>
#include <unistd.h>

#include <glib/gstdio.h>

#include "hlg-store.h"

#include "test-util.h"

#define N_DOCS 16
#define READY G_MAXUINT32 /* the child loaded the store and starts saving */
#define N_PULLED 80       /* a page this large is written as a journal */
#define PAGE (G_MAXUINT32 - 1)

/* One acknowledgement: document @index now holds @counter on disk. */
typedef struct
{
  guint32 index;
  guint32 counter;
} Ack;

static char *
doc_id (guint index)
{
  return g_strdup_printf ("organisation:00000000-0000-4000-8000-%012u", index);
}

static HlgDocument *
get_or_create (HlgStore *store,
               guint     index)
{
  g_autofree char *id = doc_id (index);
  g_autofree char *json = NULL;
  HlgDocument *doc = hlg_store_lookup (store, id);

  if (doc != NULL)
    return g_object_ref (doc);

  json = g_strdup_printf ("{\"_id\": \"%s\", \"type\": \"organisation\", \"schema\": 1, "
                          "\"name\": \"0\"}", id);
  return hlg_document_new_from_json (json, -1, NULL);
}

/* The child: saves edits as fast as it can and acknowledges each one
 * after hlg_store_save() returned, until it is killed. */
G_GNUC_NORETURN static void
run_child (const char *dir,
           guint32     first_counter,
           int         ack_fd,
           guint32     seed)
{
  g_autoptr(HlgStore) store = hlg_store_new (dir);
  g_autoptr(GRand) rand = g_rand_new_with_seed (seed);
  /* Texts of varying length, so that a torn write would show. */
  g_autofree char *padding = g_strnfill (8192, 'x');
  Ack ready = { READY, 0 };

  if (!hlg_store_load (store, NULL, NULL))
    _exit (3);
  if (write (ack_fd, &ready, sizeof ready) != sizeof ready)
    _exit (5);

  for (guint32 counter = first_counter;; counter++)
    {
      guint index = g_rand_int_range (rand, 0, N_DOCS);
      g_autoptr(HlgDocument) doc = get_or_create (store, index);
      g_autofree char *value = g_strdup_printf ("%u", counter);
      Ack ack = { index, counter };

      hlg_document_set_string (doc, "name", value, NULL);
      hlg_document_set_string (doc, "short_name",
                               padding + g_rand_int_range (rand, 0, 8192), NULL);
      if (!hlg_store_save (store, doc, NULL))
        _exit (4);
      if (write (ack_fd, &ack, sizeof ack) != sizeof ack)
        _exit (5);
    }
}

/* Reads the acknowledgements left in the pipe; returns how many. */
static guint
read_acks (int      fd,
           guint32 *acked)
{
  Ack ack;
  ssize_t n;
  guint count = 0;

  while ((n = read (fd, &ack, sizeof ack)) == sizeof ack)
    {
      g_assert_cmpuint (ack.index, <, N_DOCS);
      acked[ack.index] = MAX (acked[ack.index], ack.counter);
      count++;
    }
  g_assert_cmpint (n, ==, 0);
  return count;
}

static void
check_store (const char    *dir,
             const guint32 *acked,
             guint32        max_counter)
{
  g_autoptr(HlgStore) store = hlg_store_new (dir);
  g_autoptr(GError) error = NULL;

  g_assert_true (hlg_store_load (store, NULL, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (hlg_store_get_quarantined (store)->len, ==, 0);

  for (guint i = 0; i < N_DOCS; i++)
    {
      g_autofree char *id = doc_id (i);
      HlgDocument *doc = hlg_store_lookup (store, id);
      guint64 value;

      if (acked[i] == 0)
        continue;

      g_assert_nonnull (doc);
      g_assert_true (hlg_document_validate (doc, NULL));
      value = g_ascii_strtoull (hlg_document_get_string (doc, "name"), NULL, 10);
      /* A save that returned is on disk; one that was cut short may be too. */
      g_assert_cmpuint (value, >=, acked[i]);
      g_assert_cmpuint (value, <=, max_counter);
      g_assert_true (hlg_store_has_local_changes (store, id));
    }
}

static void
test_store_crash_kills (void)
{
  g_autofree char *dir = g_dir_make_tmp ("hlg-crash-XXXXXX", NULL);
  guint32 acked[N_DOCS] = { 0 };
  guint n_kills = 0;
  guint n_rounds = g_test_slow () ? 1000 : 210;
  guint32 counter = 1;
  guint32 seed = g_test_rand_int ();
  guint n_saves_seen = 0;

  for (guint round = 0; round < n_rounds; round++)
    {
      int fds[2];
      pid_t pid;
      int status;
      g_assert_cmpint (pipe (fds), ==, 0);
      pid = fork ();
      g_assert_cmpint (pid, >=, 0);
      if (pid == 0)
        {
          close (fds[0]);
          run_child (dir, counter, fds[1], seed + round);
        }
      close (fds[1]);

      /* Wait until it has loaded (slow under sanitizers) and made a
       * random number of saves, then kill it at a random moment of the
       * saves that follow: mid-write, mid-rename, between two files. */
      {
        Ack ack;
        guint n_saves = g_test_rand_int_range (0, 8);

        g_assert_cmpint (read (fds[0], &ack, sizeof ack), ==, sizeof ack);
        g_assert_cmpuint (ack.index, ==, READY);
        for (guint i = 0; i < n_saves; i++)
          {
            g_assert_cmpint (read (fds[0], &ack, sizeof ack), ==, sizeof ack);
            acked[ack.index] = MAX (acked[ack.index], ack.counter);
            n_saves_seen++;
          }
        g_usleep (g_test_rand_int_range (0, 3000));
      }
      g_assert_cmpint (kill (pid, SIGKILL), ==, 0);
      g_assert_cmpint (waitpid (pid, &status, 0), ==, pid);
      if (WIFSIGNALED (status) && WTERMSIG (status) == SIGKILL)
        n_kills++;
      else
        g_error ("The child ended on its own (status %d)", status);

      n_saves_seen += read_acks (fds[0], acked);
      close (fds[0]);

      /* The counters of the next child start above anything this one could write. */
      counter += 1000000;
      check_store (dir, acked, counter);
    }

  g_test_message ("%u kills, %u acknowledged saves", n_kills, n_saves_seen);
  g_assert_cmpuint (n_kills, >=, 200);
  /* Every round let saves through, or the test would prove nothing. */
  g_assert_cmpuint (n_saves_seen, >=, n_rounds);
  test_util_remove_tree (dir);
}

/* The pulling child: pages of all N_PULLED documents at revision
 * "<counter>-x", named <counter>, acknowledged once applied; between
 * pages the journals' split runs, and is killed too. */
G_GNUC_NORETURN static void
run_pulling_child (const char *dir,
                   guint32     first_counter,
                   int         ack_fd)
{
  g_autoptr(HlgStore) store = hlg_store_new (dir);
  Ack ready = { READY, 0 };

  if (!hlg_store_load (store, NULL, NULL))
    _exit (3);
  if (write (ack_fd, &ready, sizeof ready) != sizeof ready)
    _exit (5);

  for (guint32 counter = first_counter;; counter++)
    {
      g_autoptr(GPtrArray) page = g_ptr_array_new_with_free_func ((GDestroyNotify) hlg_remote_change_free);
      g_autofree char *rev = g_strdup_printf ("%u-x", counter);
      g_autofree char *seq = g_strdup_printf ("%u", counter);
      Ack ack = { PAGE, counter };

      for (guint i = 0; i < N_PULLED; i++)
        {
          g_autofree char *id = doc_id (i);
          g_autofree char *json = g_strdup_printf ("{\"_id\": \"%s\", \"_rev\": \"%s\", "
                                                   "\"type\": \"organisation\", \"schema\": 1, "
                                                   "\"name\": \"%u\"}", id, rev, counter);

          g_ptr_array_add (page, hlg_remote_change_new_from_text (id, rev, json, strlen (json)));
        }
      if (!hlg_store_apply_remote_page (store, page, seq, NULL, NULL))
        _exit (4);
      if (write (ack_fd, &ack, sizeof ack) != sizeof ack)
        _exit (5);
      while (g_main_context_iteration (NULL, FALSE))
        ;
    }
}

/* Every document is whole and of one page no older than the last
 * acknowledged one; the checkpoint is no older either. */
static void
check_pulled_store (const char *dir,
                    guint32     acked,
                    guint32     max_counter)
{
  g_autoptr(HlgStore) store = hlg_store_new (dir);
  g_autoptr(GError) error = NULL;
  guint64 checkpoint;

  g_assert_true (hlg_store_load (store, NULL, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (hlg_store_get_quarantined (store)->len, ==, 0);
  if (acked == 0)
    return;

  checkpoint = g_ascii_strtoull (hlg_store_get_checkpoint (store), NULL, 10);
  g_assert_cmpuint (checkpoint, >=, acked);
  for (guint i = 0; i < N_PULLED; i++)
    {
      g_autofree char *id = doc_id (i);
      HlgDocument *doc = hlg_store_lookup (store, id);
      guint64 value;

      g_assert_nonnull (doc);
      value = g_ascii_strtoull (hlg_document_get_string (doc, "name"), NULL, 10);
      g_assert_cmpuint (value, >=, checkpoint);
      g_assert_cmpuint (value, <=, max_counter);
      g_assert_cmpuint (g_ascii_strtoull (hlg_store_get_server_rev (store, id), NULL, 10), ==, value);
      g_assert_false (hlg_store_has_local_changes (store, id));
    }
}

static void
test_store_crash_pull_kills (void)
{
  g_autofree char *dir = g_dir_make_tmp ("hlg-crash-pull-XXXXXX", NULL);
  guint n_rounds = g_test_slow () ? 300 : 40;
  guint32 counter = 1;
  guint32 acked = 0;
  guint n_pages_seen = 0;

  for (guint round = 0; round < n_rounds; round++)
    {
      int fds[2];
      pid_t pid;
      int status;
      Ack ack;
      guint n_pages = g_test_rand_int_range (0, 4);
      ssize_t n;

      g_assert_cmpint (pipe (fds), ==, 0);
      pid = fork ();
      g_assert_cmpint (pid, >=, 0);
      if (pid == 0)
        {
          close (fds[0]);
          run_pulling_child (dir, counter, fds[1]);
        }
      close (fds[1]);

      g_assert_cmpint (read (fds[0], &ack, sizeof ack), ==, sizeof ack);
      g_assert_cmpuint (ack.index, ==, READY);
      for (guint i = 0; i < n_pages; i++)
        {
          g_assert_cmpint (read (fds[0], &ack, sizeof ack), ==, sizeof ack);
          acked = MAX (acked, ack.counter);
          n_pages_seen++;
        }
      g_usleep (g_test_rand_int_range (0, 20000));
      g_assert_cmpint (kill (pid, SIGKILL), ==, 0);
      g_assert_cmpint (waitpid (pid, &status, 0), ==, pid);
      g_assert_true (WIFSIGNALED (status) && WTERMSIG (status) == SIGKILL);

      while ((n = read (fds[0], &ack, sizeof ack)) == sizeof ack)
        {
          acked = MAX (acked, ack.counter);
          n_pages_seen++;
        }
      close (fds[0]);

      counter += 1000000;
      check_pulled_store (dir, acked, counter);
    }

  g_test_message ("%u kills, %u acknowledged pages", n_rounds, n_pages_seen);
  g_assert_cmpuint (n_pages_seen, >=, n_rounds);
  test_util_remove_tree (dir);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/store/crash/kills", test_store_crash_kills);
  g_test_add_func ("/store/crash/pull-kills", test_store_crash_pull_kills);

  return g_test_run ();
}
