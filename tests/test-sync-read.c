/* test-sync-read.c: hlg_soup_send_and_read_async() reads whole answers, announced or not
 * SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <libsoup/soup.h>
#include <string.h>

#include "hlg-soup-read.h"

#define BIG (3 * 1024 * 1024 + 17)
#define CHUNK 65536
#define N_CHUNKS 7

typedef struct
{
  SoupServer  *server;
  SoupSession *session;
  GUri        *base;
  char        *big;       /* BIG bytes of a pattern */
  GHashTable  *ports;     /* the client's ports the big body went to */
} Fixture;

static void
on_request_cb (SoupServer        *server,
               SoupServerMessage *msg,
               const char        *path,
               GHashTable        *query,
               gpointer           user_data)
{
  Fixture *f = user_data;
  SoupMessageBody *body = soup_server_message_get_response_body (msg);

  if (g_str_equal (path, "/big"))
    {
      GInetSocketAddress *peer = G_INET_SOCKET_ADDRESS (soup_server_message_get_remote_address (msg));

      g_hash_table_add (f->ports, GUINT_TO_POINTER (g_inet_socket_address_get_port (peer)));
      soup_server_message_set_status (msg, 200, NULL);
      soup_message_body_append (body, SOUP_MEMORY_STATIC, f->big, BIG);
    }
  else if (g_str_equal (path, "/chunked"))
    {
      /* No Content-Length: the reader finds the end as it reads. */
      soup_message_headers_set_encoding (soup_server_message_get_response_headers (msg),
                                         SOUP_ENCODING_CHUNKED);
      soup_server_message_set_status (msg, 200, NULL);
      for (guint i = 0; i < N_CHUNKS; i++)
        soup_message_body_append (body, SOUP_MEMORY_STATIC, f->big + i * CHUNK, CHUNK);
      soup_message_body_complete (body);
    }
  else if (g_str_equal (path, "/empty"))
    {
      soup_server_message_set_status (msg, 200, NULL);
    }
  else
    {
      /* An error's body is the answer too, for the caller to read. */
      soup_server_message_set_status (msg, 500, NULL);
      soup_message_body_append (body, SOUP_MEMORY_STATIC, "{\"error\":\"oops\"}", 16);
    }
}

static void
fixture_set_up (Fixture       *f,
                gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  GSList *uris;

  f->big = g_malloc (BIG);
  for (gsize i = 0; i < BIG; i++)
    f->big[i] = 'a' + (i * 7 + i / 4096) % 26;

  f->ports = g_hash_table_new (NULL, NULL);
  f->server = soup_server_new (NULL, NULL);
  soup_server_add_handler (f->server, NULL, on_request_cb, f, NULL);
  g_assert_true (soup_server_listen_local (f->server, 0, SOUP_SERVER_LISTEN_IPV4_ONLY, &error));
  g_assert_no_error (error);
  uris = soup_server_get_uris (f->server);
  f->base = g_uri_ref (uris->data);
  g_slist_free_full (uris, (GDestroyNotify) g_uri_unref);
  f->session = soup_session_new ();
}

static void
fixture_tear_down (Fixture       *f,
                   gconstpointer  data)
{
  g_clear_object (&f->session);
  soup_server_disconnect (f->server);
  g_clear_object (&f->server);
  g_uri_unref (f->base);
  g_free (f->big);
  g_hash_table_unref (f->ports);
  while (g_main_context_iteration (NULL, FALSE))
    ;
}

static void
read_cb (GObject      *object,
         GAsyncResult *result,
         gpointer      user_data)
{
  GAsyncResult **out = user_data;

  *out = g_object_ref (result);
}

/* GETs @path; the body, or NULL and @error. */
static GBytes *
get (Fixture       *f,
     const char    *path,
     GCancellable  *cancellable,
     SoupMessage  **out_msg,
     GError       **error)
{
  g_autoptr(GUri) uri = g_uri_parse_relative (f->base, path, G_URI_FLAGS_NONE, NULL);
  g_autoptr(SoupMessage) msg = soup_message_new_from_uri ("GET", uri);
  g_autoptr(GAsyncResult) result = NULL;

  hlg_soup_send_and_read_async (f->session, msg, cancellable, read_cb, &result);
  while (result == NULL)
    g_main_context_iteration (NULL, TRUE);
  if (out_msg != NULL)
    *out_msg = g_object_ref (msg);
  return hlg_soup_send_and_read_finish (f->session, result, error);
}

static void
assert_bytes (GBytes     *bytes,
              const char *expected,
              gsize       length)
{
  g_assert_nonnull (bytes);
  g_assert_cmpuint (g_bytes_get_size (bytes), ==, length);
  g_assert_true (memcmp (g_bytes_get_data (bytes, NULL), expected, length) == 0);
}

/* A body of megabytes with its Content-Length, twice on one connection. */
static void
test_read_announced (Fixture       *f,
                     gconstpointer  data)
{
  for (guint i = 0; i < 2; i++)
    {
      g_autoptr(GError) error = NULL;
      g_autoptr(GBytes) bytes = get (f, "/big", NULL, NULL, &error);

      g_assert_no_error (error);
      assert_bytes (bytes, f->big, BIG);
    }
  /* Read to its end and closed: the connection was used again. */
  g_assert_cmpuint (g_hash_table_size (f->ports), ==, 1);
}

/* Chunked (no length announced): the buffer grows as the body comes. */
static void
test_read_chunked (Fixture       *f,
                   gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GBytes) bytes = get (f, "/chunked", NULL, NULL, &error);

  g_assert_no_error (error);
  assert_bytes (bytes, f->big, N_CHUNKS * CHUNK);
}

/* An empty body, and an error's body with its status. */
static void
test_read_empty_and_error (Fixture       *f,
                           gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GBytes) empty = get (f, "/empty", NULL, NULL, &error);
  g_autoptr(GBytes) oops = NULL;
  g_autoptr(SoupMessage) msg = NULL;

  g_assert_no_error (error);
  assert_bytes (empty, "", 0);

  oops = get (f, "/oops", NULL, &msg, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (soup_message_get_status (msg), ==, 500);
  assert_bytes (oops, "{\"error\":\"oops\"}", 16);
}

/* Cancelled before it starts: the cancellation, no body. */
static void
test_read_cancelled (Fixture       *f,
                     gconstpointer  data)
{
  g_autoptr(GCancellable) cancellable = g_cancellable_new ();
  g_autoptr(GError) error = NULL;
  g_autoptr(GBytes) bytes = NULL;

  g_cancellable_cancel (cancellable);
  bytes = get (f, "/big", cancellable, NULL, &error);
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_CANCELLED);
  g_assert_null (bytes);
}

/* Nobody listening: the connection's error. */
static void
test_read_refused (Fixture       *f,
                   gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GBytes) bytes = NULL;
  g_autoptr(GUri) gone = g_uri_build (G_URI_FLAGS_NONE, "http", NULL, "127.0.0.1", 1, "/", NULL, NULL);
  g_autoptr(SoupMessage) msg = soup_message_new_from_uri ("GET", gone);
  g_autoptr(GAsyncResult) result = NULL;

  hlg_soup_send_and_read_async (f->session, msg, NULL, read_cb, &result);
  while (result == NULL)
    g_main_context_iteration (NULL, TRUE);
  bytes = hlg_soup_send_and_read_finish (f->session, result, &error);
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_CONNECTION_REFUSED);
  g_assert_null (bytes);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

#define ADD(path, func) g_test_add (path, Fixture, NULL, fixture_set_up, func, fixture_tear_down)
  ADD ("/sync-read/announced", test_read_announced);
  ADD ("/sync-read/chunked", test_read_chunked);
  ADD ("/sync-read/empty-and-error", test_read_empty_and_error);
  ADD ("/sync-read/cancelled", test_read_cancelled);
  ADD ("/sync-read/refused", test_read_refused);
#undef ADD

  return g_test_run ();
}
