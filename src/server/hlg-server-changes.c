/* hlg-server-changes.c: the _changes feed, normal and longpoll, filtered by the read rules
 * SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "hlg-server-changes"

#include "config.h"

#include <glib/gi18n-lib.h>

#include "hlg-server-private.h"

/* How long a longpoll waits at most, in milliseconds. */
#define DEFAULT_TIMEOUT_MS 60000
#define MAX_TIMEOUT_MS 300000

/* Rows read from SQLite at a time while filtering _changes. */
#define CHANGES_BATCH 500

typedef struct
{
  HlgServer         *self;
  SoupServerMessage *msg;
  HlgServerAccount  *account;
  gint64             since;  /* every row up to here was examined */
  guint              limit;
  gboolean           include_docs;
  GSource           *timeout;
  gulong             disconnected_id;
} Waiter;

static void
append_change (HlgServer    *self,
               GString      *out,
               HlgServerRow *row,
               gboolean      include_docs)
{
  g_autofree char *seq = _hlg_server_format_seq (self, row->seq);

  g_string_append_printf (out, "{\"seq\":\"%s\",\"id\":", seq);
  _hlg_server_append_json_string (out, row->id);
  g_string_append (out, ",\"changes\":[{\"rev\":");
  _hlg_server_append_json_string (out, row->rev);
  g_string_append (out, "}]");
  if (row->deleted)
    g_string_append (out, ",\"deleted\":true");
  if (include_docs)
    {
      g_string_append (out, ",\"doc\":");
      if (row->deleted)
        _hlg_server_append_tombstone (out, row);
      else
        g_string_append (out, row->body);
    }
  g_string_append_c (out, '}');
}

/* Appends to @out the changes after @since that @account may read, at most
 * @limit of them. @last_seq is the last row examined, readable or not. */
static gboolean
collect_changes (HlgServer              *self,
                 const HlgServerAccount *account,
                 gint64                  since,
                 guint                   limit,
                 gboolean                include_docs,
                 GString                *out,
                 guint                  *n_results,
                 gint64                 *last_seq,
                 gint64                 *pending,
                 GError                **error)
{
  HlgServerAclContext context;
  gint64 cursor = since;
  guint n = 0;

  _hlg_server_acl_context_init (self, &context, account);

  while (n < limit)
    {
      g_autoptr(GPtrArray) rows = hlg_server_db_changes (self->db, cursor, CHANGES_BATCH, error);

      if (rows == NULL)
        {
          _hlg_server_acl_context_clear (&context);
          return FALSE;
        }

      for (guint i = 0; i < rows->len && n < limit; i++)
        {
          HlgServerRow *row = rows->pdata[i];

          cursor = row->seq;
          if (!_hlg_server_row_is_readable (&context, row))
            continue;
          if (n > 0)
            g_string_append_c (out, ',');
          append_change (self, out, row, include_docs);
          n++;
        }

      if (rows->len < CHANGES_BATCH)
        break;
    }

  _hlg_server_acl_context_clear (&context);

  *n_results = n;
  *last_seq = cursor;
  *pending = hlg_server_db_count_after (self->db, cursor);
  return TRUE;
}

static gboolean
write_changes_response (HlgServer              *self,
                        SoupServerMessage      *msg,
                        const HlgServerAccount *account,
                        gint64                  since,
                        guint                   limit,
                        gboolean                include_docs,
                        gboolean                only_if_any,
                        gint64                 *out_last_seq)
{
  g_autoptr(GString) out = g_string_new ("{\"results\":[");
  g_autoptr(GError) error = NULL;
  g_autofree char *seq = NULL;
  gint64 last_seq, pending;
  guint n;

  if (!collect_changes (self, account, since, limit, include_docs, out, &n, &last_seq, &pending,
                        &error))
    {
      _hlg_server_respond_gerror (msg, error);
      return TRUE;
    }

  if (out_last_seq != NULL)
    *out_last_seq = last_seq;
  if (n == 0 && only_if_any)
    return FALSE;

  seq = _hlg_server_format_seq (self, last_seq);
  g_string_append_printf (out, "],\"last_seq\":\"%s\",\"pending\":%" G_GINT64_FORMAT "}\n",
                          seq, pending);
  _hlg_server_respond_text (msg, 200, g_string_free (g_steal_pointer (&out), FALSE));
  return TRUE;
}

static void
waiter_free (Waiter *waiter)
{
  if (waiter->timeout != NULL)
    {
      g_source_destroy (waiter->timeout);
      g_source_unref (waiter->timeout);
    }
  g_clear_signal_handler (&waiter->disconnected_id, waiter->msg);
  g_object_unref (waiter->msg);
  hlg_server_account_free (waiter->account);
  g_free (waiter);
}

static void
waiter_finish (Waiter *waiter)
{
  HlgServer *self = waiter->self;
  SoupServerMessage *msg = g_object_ref (waiter->msg);

  self->waiters = g_list_remove (self->waiters, waiter);
  g_atomic_int_add (&self->n_waiters, -1);
  waiter_free (waiter);
  soup_server_message_unpause (msg);
  g_object_unref (msg);
}

static gboolean
on_waiter_timeout_cb (gpointer user_data)
{
  Waiter *waiter = user_data;

  write_changes_response (waiter->self, waiter->msg, waiter->account, waiter->since,
                          waiter->limit, waiter->include_docs, FALSE, NULL);
  waiter_finish (waiter);

  return G_SOURCE_REMOVE;
}

static void
on_waiter_disconnected_cb (SoupServerMessage *msg,
                           gpointer           user_data)
{
  Waiter *waiter = user_data;

  waiter->self->waiters = g_list_remove (waiter->self->waiters, waiter);
  g_atomic_int_add (&waiter->self->n_waiters, -1);
  waiter_free (waiter);
}

/* After a commit: answer each longpoll that now has something it may read. */
void
_hlg_server_notify_waiters (HlgServer *self)
{
  GList *waiters = g_list_copy (self->waiters);

  for (GList *l = waiters; l != NULL; l = l->next)
    {
      Waiter *waiter = l->data;

      if (write_changes_response (self, waiter->msg, waiter->account, waiter->since,
                                  waiter->limit, waiter->include_docs, TRUE, &waiter->since))
        waiter_finish (waiter);
    }

  g_list_free (waiters);
}

static void
respond_changes (HlgServer         *self,
                 SoupServerMessage *msg,
                 HlgServerAccount  *account,
                 gint64             since,
                 guint              limit,
                 gboolean           include_docs,
                 gboolean           longpoll,
                 guint              timeout_ms)
{
  Waiter *waiter;
  gint64 last_seq = since;

  if (write_changes_response (self, msg, account, since, limit, include_docs, longpoll, &last_seq))
    return;

  waiter = g_new0 (Waiter, 1);
  waiter->self = self;
  waiter->msg = g_object_ref (msg);
  waiter->account = hlg_server_account_new (account->name, account->role, account->person_id);
  waiter->since = last_seq;
  waiter->limit = limit;
  waiter->include_docs = include_docs;
  waiter->timeout = g_timeout_source_new (timeout_ms);
  g_source_set_callback (waiter->timeout, on_waiter_timeout_cb, waiter, NULL);
  g_source_attach (waiter->timeout, self->context);
  waiter->disconnected_id = g_signal_connect (msg, "disconnected",
                                              G_CALLBACK (on_waiter_disconnected_cb), waiter);
  self->waiters = g_list_prepend (self->waiters, waiter);
  g_atomic_int_inc (&self->n_waiters);
  soup_server_message_pause (msg);
}

void
_hlg_server_handle_changes (HlgServer         *self,
                            SoupServerMessage *msg,
                            GHashTable        *query,
                            HlgServerAccount  *account)
{
  g_autoptr(GError) error = NULL;
  const char *feed = _hlg_server_query_get (query, "feed");
  gboolean longpoll = FALSE;
  gint64 since;
  guint limit, timeout_ms;

  if (feed != NULL && g_str_equal (feed, "longpoll"))
    longpoll = TRUE;
  else if (feed != NULL && !g_str_equal (feed, "normal"))
    {
      _hlg_server_respond_error (msg, 400, "bad_request", _("Only the normal and longpoll feeds are supported"));
      return;
    }

  if (!_hlg_server_parse_since (self, _hlg_server_query_get (query, "since"), &since, &error) ||
      !_hlg_server_query_get_uint (query, "limit", G_MAXUINT, &limit, &error) ||
      !_hlg_server_query_get_uint (query, "timeout", DEFAULT_TIMEOUT_MS, &timeout_ms, &error))
    {
      _hlg_server_respond_gerror (msg, error);
      return;
    }

  respond_changes (self, msg, account, since, MAX (limit, 1), _hlg_server_query_get_bool (query, "include_docs"),
                   longpoll, MIN (timeout_ms, MAX_TIMEOUT_MS));
}


/* At dispose: the waiting requests go with the server. */
void
_hlg_server_clear_waiters (HlgServer *self)
{
  while (self->waiters != NULL)
    {
      Waiter *waiter = self->waiters->data;

      self->waiters = g_list_delete_link (self->waiters, self->waiters);
      waiter_free (waiter);
    }
}
