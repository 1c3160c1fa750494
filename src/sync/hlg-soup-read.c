/* hlg-soup-read.c: sends a request and reads its whole answer into one buffer
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * What soup_session_send_and_read_async() does, for answers of megabytes
 * (a page of _changes): libsoup's own splices the body 8 KiB at a time
 * into a GMemoryOutputStream, which clears every part it adds and moves
 * its buffer as it grows. Here the body is read as it arrives into one
 * buffer the size the server announced. */
#define G_LOG_DOMAIN "hlg-soup-read"

#include "config.h"

#include "hlg-soup-read.h"

/* Without a Content-Length, the buffer starts here and doubles. */
#define FIRST_SIZE 65536
/* An announced length is believed only this far; beyond, the buffer grows
 * with what really comes. */
#define MAX_ANNOUNCED (64 * 1024 * 1024)

typedef struct
{
  GInputStream *stream;
  char         *data;
  gsize         length;
  gsize         size;
} Reader;

static void
reader_free (Reader *reader)
{
  g_clear_object (&reader->stream);
  g_free (reader->data);
  g_free (reader);
}

static void read_more (GTask *task);

static void
closed_cb (GObject      *object,
           GAsyncResult *result,
           gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  Reader *reader = g_task_get_task_data (task);
  GError *error = NULL;
  char *data;

  if (!g_input_stream_close_finish (reader->stream, result, &error))
    {
      g_task_return_error (task, error);
      return;
    }

  data = g_realloc (g_steal_pointer (&reader->data), MAX (reader->length, 1));
  g_task_return_pointer (task, g_bytes_new_take (data, reader->length),
                         (GDestroyNotify) g_bytes_unref);
}

static void
read_cb (GObject      *object,
         GAsyncResult *result,
         gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  Reader *reader = g_task_get_task_data (task);
  GCancellable *cancellable = g_task_get_cancellable (task);
  GError *error = NULL;
  gssize n = g_input_stream_read_finish (reader->stream, result, &error);

  if (n < 0)
    g_task_return_error (task, error);
  else if (n == 0)
    g_input_stream_close_async (reader->stream, G_PRIORITY_DEFAULT, cancellable, closed_cb,
                                g_steal_pointer (&task));
  else
    {
      reader->length += n;
      read_more (g_steal_pointer (&task));
    }
}

static void
read_more (GTask *task)
{
  Reader *reader = g_task_get_task_data (task);

  if (reader->length == reader->size)
    {
      reader->size *= 2;
      reader->data = g_realloc (reader->data, reader->size);
    }
  g_input_stream_read_async (reader->stream, reader->data + reader->length,
                             reader->size - reader->length, G_PRIORITY_DEFAULT,
                             g_task_get_cancellable (task), read_cb, task);
}

static void
sent_cb (GObject      *object,
         GAsyncResult *result,
         gpointer      user_data)
{
  GTask *task = user_data;
  SoupMessage *msg = g_task_get_task_data (task);
  SoupMessageHeaders *headers = soup_message_get_response_headers (msg);
  g_autoptr(GInputStream) stream = NULL;
  GError *error = NULL;
  Reader *reader;

  stream = soup_session_send_finish (SOUP_SESSION (object), result, &error);
  if (stream == NULL)
    {
      g_task_return_error (task, error);
      g_object_unref (task);
      return;
    }

  reader = g_new0 (Reader, 1);
  reader->stream = g_steal_pointer (&stream);
  reader->size = FIRST_SIZE;
  /* One byte more than announced, for the read that finds the end. */
  if (soup_message_headers_get_encoding (headers) == SOUP_ENCODING_CONTENT_LENGTH)
    reader->size = MIN (soup_message_headers_get_content_length (headers), MAX_ANNOUNCED) + 1;
  reader->data = g_malloc (reader->size);
  g_task_set_task_data (task, reader, (GDestroyNotify) reader_free);
  read_more (task);
}

/* Like soup_session_send_and_read_async(): the answer's body, whatever its
 * status, or an error when the request or the reading failed. */
void
hlg_soup_send_and_read_async (SoupSession         *session,
                              SoupMessage         *msg,
                              GCancellable        *cancellable,
                              GAsyncReadyCallback  callback,
                              gpointer             user_data)
{
  GTask *task;

  g_return_if_fail (SOUP_IS_SESSION (session));
  g_return_if_fail (SOUP_IS_MESSAGE (msg));

  task = g_task_new (session, cancellable, callback, user_data);
  g_task_set_source_tag (task, hlg_soup_send_and_read_async);
  g_task_set_task_data (task, g_object_ref (msg), g_object_unref);
  soup_session_send_async (session, msg, G_PRIORITY_DEFAULT, cancellable, sent_cb, task);
}

GBytes *
hlg_soup_send_and_read_finish (SoupSession   *session,
                               GAsyncResult  *result,
                               GError       **error)
{
  g_return_val_if_fail (g_task_is_valid (result, session), NULL);

  return g_task_propagate_pointer (G_TASK (result), error);
}
