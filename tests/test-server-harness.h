/* test-server-harness.h: an hlgmos-server in a thread of the test, and a client for it
 * SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <json-glib/json-glib.h>
#include <libsoup/soup.h>

#include "hlg-server.h"

G_BEGIN_DECLS

typedef struct
{
  HlgServer    *server;
  GThread      *thread;
  GMainContext *context;
  GMainLoop    *loop;
  GMutex        mutex;
  GCond         cond;
  gboolean      ready;
  GError       *error;
  char         *url;
  char         *dir;
  char         *db_path;
  SoupSession  *session;
} TestServer;

/* One HTTP exchange: the status, the parsed JSON body (or NULL) and the
 * response headers. */
typedef struct
{
  guint               status;
  JsonNode           *json;
  SoupMessageHeaders *headers;
  char               *text;
} TestResponse;

TestServer   *test_server_new           (const char   *db_path);
void          test_server_start         (TestServer   *ts);
void          test_server_free          (TestServer   *ts);
TestResponse *test_request              (TestServer   *ts,
                                         const char   *method,
                                         const char   *path,
                                         const char   *user,
                                         const char   *password,
                                         const char   *body);
TestResponse *test_request_full         (TestServer   *ts,
                                         SoupSession  *session,
                                         const char   *method,
                                         const char   *path,
                                         const char   *user,
                                         const char   *password,
                                         const char   *content_type,
                                         GBytes       *body,
                                         const char   *cookie);
void          test_response_free        (TestResponse *response);
JsonObject   *test_response_object      (TestResponse *response);
const char   *test_response_string      (TestResponse *response,
                                         const char   *member);
void          test_assert_error         (TestResponse *response,
                                         guint         status,
                                         const char   *error);
void          test_request_error        (TestServer   *ts,
                                         const char   *method,
                                         const char   *path,
                                         const char   *user,
                                         const char   *password,
                                         const char   *body,
                                         guint         status,
                                         const char   *error);
char         *test_put                  (TestServer   *ts,
                                         const char   *user,
                                         const char   *password,
                                         JsonObject   *doc);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (TestResponse, test_response_free)

G_END_DECLS
