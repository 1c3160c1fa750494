/* test-server-harness.c: an hlgmos-server in a thread of the test, and a client for it
 * SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "test-server-harness"

#include "config.h"

#include <glib/gstdio.h>
#include <string.h>

#include "hlg-json.h"
#include "test-server-harness.h"

/* The server runs in its own thread with its own main context, so the test
 * can use SoupSession's blocking calls without stalling it. */
static gpointer
server_thread (gpointer data)
{
  TestServer *ts = data;
  GError *error = NULL;

  g_main_context_push_thread_default (ts->context);

  hlg_server_listen (ts->server, "127.0.0.1", 0, NULL, &error);

  g_mutex_lock (&ts->mutex);
  ts->error = error;
  ts->ready = TRUE;
  g_cond_signal (&ts->cond);
  g_mutex_unlock (&ts->mutex);

  if (error == NULL)
    g_main_loop_run (ts->loop);

  /* Disposed here, on the context its sockets belong to. */
  g_clear_object (&ts->server);
  while (g_main_context_iteration (ts->context, FALSE))
    ;
  g_main_context_pop_thread_default (ts->context);

  return NULL;
}

/* Opens (or creates) the database; add users before test_server_start(). */
TestServer *
test_server_new (const char *db_path)
{
  TestServer *ts = g_new0 (TestServer, 1);
  GError *error = NULL;

  if (db_path == NULL)
    {
      ts->dir = g_dir_make_tmp ("hlg-test-server-XXXXXX", &error);
      g_assert_no_error (error);
      ts->db_path = g_build_filename (ts->dir, "hlgmos.db", NULL);
    }
  else
    ts->db_path = g_strdup (db_path);

  ts->server = hlg_server_new (ts->db_path, &error);
  g_assert_no_error (error);
  g_assert_nonnull (ts->server);

  g_mutex_init (&ts->mutex);
  g_cond_init (&ts->cond);

  return ts;
}

void
test_server_start (TestServer *ts)
{
  ts->context = g_main_context_new ();
  ts->loop = g_main_loop_new (ts->context, FALSE);
  ts->thread = g_thread_new ("test-server", server_thread, ts);

  g_mutex_lock (&ts->mutex);
  while (!ts->ready)
    g_cond_wait (&ts->cond, &ts->mutex);
  g_mutex_unlock (&ts->mutex);
  g_assert_no_error (ts->error);

  ts->url = hlg_server_get_url (ts->server);
  g_assert_true (g_str_has_prefix (ts->url, "http://127.0.0.1:"));
  g_assert_cmpuint (hlg_server_get_port (ts->server), >, 0);

  ts->session = soup_session_new ();
  soup_session_set_timeout (ts->session, 30);
}

static void
remove_dir (const char *path)
{
  GDir *dir = g_dir_open (path, 0, NULL);
  const char *name;

  if (dir == NULL)
    return;
  while ((name = g_dir_read_name (dir)) != NULL)
    {
      g_autofree char *child = g_build_filename (path, name, NULL);

      g_remove (child);
    }
  g_dir_close (dir);
  g_rmdir (path);
}

/* Stops the server (its database is closed and checkpointed). Keeps the
 * files unless the harness made the directory. */
void
test_server_free (TestServer *ts)
{
  if (ts->thread != NULL)
    {
      g_main_loop_quit (ts->loop);
      g_thread_join (ts->thread);
    }
  g_clear_object (&ts->server);
  g_clear_object (&ts->session);
  g_clear_pointer (&ts->loop, g_main_loop_unref);
  g_clear_pointer (&ts->context, g_main_context_unref);
  g_mutex_clear (&ts->mutex);
  g_cond_clear (&ts->cond);
  if (ts->dir != NULL)
    remove_dir (ts->dir);
  g_free (ts->dir);
  g_free (ts->db_path);
  g_free (ts->url);
  g_free (ts);
}

void
test_response_free (TestResponse *response)
{
  g_clear_pointer (&response->json, json_node_unref);
  g_clear_pointer (&response->headers, soup_message_headers_unref);
  g_free (response->text);
  g_free (response);
}

TestResponse *
test_request_full (TestServer  *ts,
                   SoupSession *session,
                   const char  *method,
                   const char  *path,
                   const char  *user,
                   const char  *password,
                   const char  *content_type,
                   GBytes      *body,
                   const char  *cookie)
{
  g_autofree char *url = g_strconcat (ts->url, path, NULL);
  g_autoptr(SoupMessage) msg = soup_message_new (method, url);
  g_autoptr(GBytes) bytes = NULL;
  g_autoptr(GError) error = NULL;
  SoupMessageHeaders *headers;
  TestResponse *response;
  gsize size;

  g_assert_nonnull (msg);
  headers = soup_message_get_request_headers (msg);
  if (user != NULL)
    {
      g_autofree char *pair = g_strconcat (user, ":", password, NULL);
      g_autofree char *encoded = g_base64_encode ((const guchar *) pair, strlen (pair));
      g_autofree char *value = g_strconcat ("Basic ", encoded, NULL);

      soup_message_headers_replace (headers, "Authorization", value);
    }
  if (cookie != NULL)
    soup_message_headers_replace (headers, "Cookie", cookie);
  if (body != NULL)
    soup_message_set_request_body_from_bytes (msg, content_type ? content_type : "application/json",
                                              body);

  bytes = soup_session_send_and_read (session ? session : ts->session, msg, NULL, &error);
  g_assert_no_error (error);

  response = g_new0 (TestResponse, 1);
  response->status = soup_message_get_status (msg);
  response->headers = soup_message_headers_ref (soup_message_get_response_headers (msg));
  response->text = g_strndup (g_bytes_get_data (bytes, &size), g_bytes_get_size (bytes));
  if (size > 0)
    response->json = json_from_string (response->text, NULL);

  return response;
}

TestResponse *
test_request (TestServer *ts,
              const char *method,
              const char *path,
              const char *user,
              const char *password,
              const char *body)
{
  g_autoptr(GBytes) bytes = body ? g_bytes_new (body, strlen (body)) : NULL;

  return test_request_full (ts, NULL, method, path, user, password, NULL, bytes, NULL);
}

JsonObject *
test_response_object (TestResponse *response)
{
  g_assert_nonnull (response->json);
  g_assert_true (JSON_NODE_HOLDS_OBJECT (response->json));

  return json_node_get_object (response->json);
}

const char *
test_response_string (TestResponse *response,
                      const char   *member)
{
  return json_object_get_string_member_with_default (test_response_object (response), member, NULL);
}

/* A CouchDB error: the status and {"error": ..., "reason": <something>}. */
void
test_assert_error (TestResponse *response,
                   guint         status,
                   const char   *error)
{
  if (response->status != status || response->json == NULL)
    g_test_message ("unexpected response %u: %s", response->status, response->text);
  g_assert_cmpuint (response->status, ==, status);
  g_assert_cmpstr (test_response_string (response, "error"), ==, error);
  g_assert_nonnull (test_response_string (response, "reason"));
  g_assert_cmpstr (test_response_string (response, "reason"), !=, "");
}

/* Sends a request that must fail with @status and the CouchDB @error. */
void
test_request_error (TestServer *ts,
                    const char *method,
                    const char *path,
                    const char *user,
                    const char *password,
                    const char *body,
                    guint       status,
                    const char *error)
{
  g_autoptr(TestResponse) response = test_request (ts, method, path, user, password, body);

  test_assert_error (response, status, error);
}

/* PUTs @doc under its _id, asserts 201, sets its _rev and returns it. */
char *
test_put (TestServer *ts,
          const char *user,
          const char *password,
          JsonObject *doc)
{
  g_autofree char *path = g_strconcat ("/hlgmos/", json_object_get_string_member (doc, "_id"), NULL);
  g_autofree char *body = hlg_json_object_to_string (doc, FALSE);
  g_autoptr(TestResponse) response = test_request (ts, "PUT", path, user, password, body);
  const char *rev;

  if (response->status != 201)
    g_test_message ("PUT %s as %s: %u %s", path, user, response->status, response->text);
  g_assert_cmpuint (response->status, ==, 201);
  g_assert_true (json_object_get_boolean_member (test_response_object (response), "ok"));
  rev = test_response_string (response, "rev");
  g_assert_nonnull (rev);
  json_object_set_string_member (doc, "_rev", rev);

  return g_strdup (rev);
}
