/* hlg-server-replication.c: what CouchDB's replicators ask of a source: _bulk_get,
 * ?open_revs=, _revs_diff and the _local/ checkpoint documents
 * SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "hlg-server-replication"

#include "config.h"

#include <glib/gi18n-lib.h>
#include <string.h>

#include "hlg-id.h"
#include "hlg-json.h"
#include "hlg-server-private.h"

/* A _local/ document is a replicator's checkpoint: small. */
#define MAX_LOCAL_ID 200
#define MAX_LOCAL_BODY (64 * 1024)

/* ------------------------------------------------------------ documents */

/* Appends @row as a document: the stored body as it is (or the tombstone's
 * stub), with "_revisions" when @revs; only the current revision is kept,
 * so its history is that one revision. */
static void
append_doc (GString      *out,
            HlgServerRow *row,
            gboolean      revs)
{
  if (row->deleted)
    _hlg_server_append_tombstone (out, row);
  else
    g_string_append (out, row->body);

  if (revs)
    {
      const char *hash = strchr (row->rev, '-');

      /* Reopen the object: the body always ends with its closing brace. */
      g_assert (out->len > 0 && out->str[out->len - 1] == '}');
      g_string_truncate (out, out->len - 1);
      g_string_append_printf (out, ",\"_revisions\":{\"start\":%" G_GUINT64_FORMAT ",\"ids\":[",
                              _hlg_server_rev_generation (row->rev));
      _hlg_server_append_json_string (out, hash != NULL ? hash + 1 : row->rev);
      g_string_append (out, "]}}");
    }
}

static void
append_doc_error (GString    *out,
                  const char *id,
                  const char *rev,
                  const char *error,
                  const char *reason)
{
  g_string_append (out, "{\"error\":{\"id\":");
  if (id != NULL)
    _hlg_server_append_json_string (out, id);
  else
    g_string_append (out, "null");
  g_string_append (out, ",\"rev\":");
  if (rev != NULL)
    _hlg_server_append_json_string (out, rev);
  else
    g_string_append (out, "null");
  g_string_append (out, ",\"error\":");
  _hlg_server_append_json_string (out, error);
  g_string_append (out, ",\"reason\":");
  _hlg_server_append_json_string (out, reason);
  g_string_append (out, "}}");
}

/* Whether @rev names the revision @row has: itself, or with @latest any
 * earlier generation, as only the current revision is kept. */
static gboolean
rev_matches (HlgServerRow *row,
             const char   *rev,
             gboolean      latest)
{
  if (g_str_equal (rev, row->rev))
    return TRUE;

  return latest && _hlg_server_rev_generation (rev) > 0 &&
         _hlg_server_rev_generation (rev) < _hlg_server_rev_generation (row->rev);
}

/* One entry of a _bulk_get result's "docs": the document, or why not. */
static void
append_bulk_get_doc (HlgServer           *self,
                     HlgServerAclContext *context,
                     GString             *out,
                     const char          *id,
                     const char          *rev,
                     gboolean             revs,
                     gboolean             latest)
{
  g_autoptr(HlgServerRow) row = NULL;
  g_autoptr(GError) error = NULL;

  if (id == NULL || !hlg_id_is_valid (id))
    {
      append_doc_error (out, id, rev, "bad_request", _("Bad document ID"));
      return;
    }

  row = hlg_server_db_lookup (self->db, id, &error);
  if (error != NULL)
    append_doc_error (out, id, rev, "internal_server_error", error->message);
  else if (row == NULL)
    append_doc_error (out, id, rev, "not_found", "missing");
  else if (!_hlg_server_row_is_readable (context, row))
    append_doc_error (out, id, rev, "forbidden", _("You may not read this document."));
  else if (rev != NULL && !rev_matches (row, rev, latest))
    append_doc_error (out, id, rev, "not_found", "missing");
  else if (rev == NULL && row->deleted)
    append_doc_error (out, id, rev, "not_found", "deleted");
  else
    {
      g_string_append (out, "{\"ok\":");
      append_doc (out, row, revs);
      g_string_append_c (out, '}');
    }
}

/* POST /{db}/_bulk_get {"docs":[{"id","rev"}]}: CouchDB's answer,
 * {"results":[{"id","docs":[{"ok":doc}|{"error":{...}}]}]}. */
void
_hlg_server_handle_bulk_get (HlgServer         *self,
                             SoupServerMessage *msg,
                             GHashTable        *query,
                             HlgServerAccount  *account)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(JsonObject) body = _hlg_server_parse_body_object (msg, &error);
  g_autoptr(GString) out = NULL;
  gboolean revs = _hlg_server_query_get_bool (query, "revs");
  gboolean latest = _hlg_server_query_get_bool (query, "latest");
  HlgServerAclContext context;
  JsonNode *node;
  JsonArray *docs;

  if (body == NULL)
    {
      _hlg_server_respond_gerror (msg, error);
      return;
    }
  node = json_object_get_member (body, "docs");
  if (node == NULL || !JSON_NODE_HOLDS_ARRAY (node))
    {
      _hlg_server_respond_error (msg, 400, "bad_request",
                                 _("POST body must include `docs` parameter."));
      return;
    }
  docs = json_node_get_array (node);

  out = g_string_new ("{\"results\":[");
  _hlg_server_acl_context_init (self, &context, account);
  for (guint i = 0; i < json_array_get_length (docs); i++)
    {
      JsonNode *item = json_array_get_element (docs, i);
      JsonObject *request = JSON_NODE_HOLDS_OBJECT (item) ? json_node_get_object (item) : NULL;
      const char *id = _hlg_server_get_string_member (request, "id");
      const char *rev = _hlg_server_get_string_member (request, "rev");

      if (i > 0)
        g_string_append_c (out, ',');
      g_string_append (out, "{\"id\":");
      if (id != NULL)
        _hlg_server_append_json_string (out, id);
      else
        g_string_append (out, "null");
      g_string_append (out, ",\"docs\":[");
      if (request == NULL || id == NULL ||
          (json_object_has_member (request, "rev") && rev == NULL))
        append_doc_error (out, id, NULL, "bad_request",
                          _("Each request must be an object with a string “id” and "
                            "an optional string “rev”"));
      else
        append_bulk_get_doc (self, &context, out, id, rev, revs, latest);
      g_string_append (out, "]}");
    }
  _hlg_server_acl_context_clear (&context);
  g_string_append (out, "]}\n");

  _hlg_server_respond_text (msg, 200, g_string_free (g_steal_pointer (&out), FALSE));
}

/* GET /{db}/{id}?open_revs=all|[...]: a JSON array of {"ok":doc} or
 * {"missing":rev}, never the multipart form. */
void
_hlg_server_handle_open_revs (HlgServer         *self,
                              SoupServerMessage *msg,
                              GHashTable        *query,
                              HlgServerAccount  *account,
                              const char        *id)
{
  const char *open_revs = _hlg_server_query_get (query, "open_revs");
  gboolean revs = _hlg_server_query_get_bool (query, "revs");
  gboolean latest = _hlg_server_query_get_bool (query, "latest");
  g_autoptr(JsonNode) wanted = NULL;
  g_autoptr(HlgServerRow) row = NULL;
  g_autoptr(GString) out = NULL;
  JsonArray *list = NULL;

  if (!g_str_equal (open_revs, "all"))
    {
      wanted = json_from_string (open_revs, NULL);
      if (wanted == NULL || !JSON_NODE_HOLDS_ARRAY (wanted))
        {
          _hlg_server_respond_error (msg, 400, "bad_request",
                                     _("open_revs must be “all” or a JSON array of revisions"));
          return;
        }
      list = json_node_get_array (wanted);
      for (guint i = 0; i < json_array_get_length (list); i++)
        {
          JsonNode *rev = json_array_get_element (list, i);

          if (!JSON_NODE_HOLDS_VALUE (rev) || json_node_get_value_type (rev) != G_TYPE_STRING)
            {
              _hlg_server_respond_error (msg, 400, "bad_request",
                                         _("open_revs must be “all” or a JSON array of revisions"));
              return;
            }
        }
    }

  row = _hlg_server_lookup_readable (self, msg, account, id);
  if (row == NULL)
    return;

  out = g_string_new ("[");
  if (list == NULL)
    {
      g_string_append (out, "{\"ok\":");
      append_doc (out, row, revs);
      g_string_append_c (out, '}');
    }
  for (guint i = 0; list != NULL && i < json_array_get_length (list); i++)
    {
      const char *rev = json_array_get_string_element (list, i);

      if (i > 0)
        g_string_append_c (out, ',');
      if (rev_matches (row, rev, latest))
        {
          g_string_append (out, "{\"ok\":");
          append_doc (out, row, revs);
          g_string_append_c (out, '}');
        }
      else
        {
          g_string_append (out, "{\"missing\":");
          _hlg_server_append_json_string (out, rev);
          g_string_append_c (out, '}');
        }
    }
  g_string_append (out, "]\n");

  _hlg_server_respond_text (msg, 200, g_string_free (g_steal_pointer (&out), FALSE));
}

/* POST /{db}/_revs_diff {"id":["rev",...]}: the revisions not here, per
 * document. A revision counts as here only where the caller may read it. */
void
_hlg_server_handle_revs_diff (HlgServer         *self,
                              SoupServerMessage *msg,
                              HlgServerAccount  *account)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(JsonObject) body = _hlg_server_parse_body_object (msg, &error);
  g_autoptr(GString) out = NULL;
  HlgServerAclContext context;
  JsonObjectIter iter;
  const char *id;
  JsonNode *node;
  gboolean first = TRUE;

  if (body == NULL)
    {
      _hlg_server_respond_gerror (msg, error);
      return;
    }

  json_object_iter_init (&iter, body);
  while (json_object_iter_next (&iter, &id, &node))
    {
      JsonArray *revs = JSON_NODE_HOLDS_ARRAY (node) ? json_node_get_array (node) : NULL;

      for (guint i = 0; revs != NULL && i < json_array_get_length (revs); i++)
        {
          JsonNode *rev = json_array_get_element (revs, i);

          if (!JSON_NODE_HOLDS_VALUE (rev) || json_node_get_value_type (rev) != G_TYPE_STRING)
            revs = NULL;
        }
      if (revs == NULL)
        {
          _hlg_server_respond_error (msg, 400, "bad_request",
                                     _("Each member must be an array of revisions"));
          return;
        }
    }

  out = g_string_new ("{");
  _hlg_server_acl_context_init (self, &context, account);
  json_object_iter_init (&iter, body);
  while (json_object_iter_next (&iter, &id, &node))
    {
      JsonArray *revs = json_node_get_array (node);
      g_autoptr(HlgServerRow) row = NULL;
      guint n_missing = 0;

      if (hlg_id_is_valid (id))
        row = hlg_server_db_lookup (self->db, id, NULL);
      if (row != NULL && !_hlg_server_row_is_readable (&context, row))
        g_clear_pointer (&row, hlg_server_row_free);

      for (guint i = 0; i < json_array_get_length (revs); i++)
        {
          const char *rev = json_array_get_string_element (revs, i);

          if (row != NULL && g_str_equal (rev, row->rev))
            continue;
          if (n_missing++ == 0)
            {
              if (!first)
                g_string_append_c (out, ',');
              first = FALSE;
              _hlg_server_append_json_string (out, id);
              g_string_append (out, ":{\"missing\":[");
            }
          else
            g_string_append_c (out, ',');
          _hlg_server_append_json_string (out, rev);
        }
      if (n_missing > 0)
        g_string_append (out, "]}");
    }
  _hlg_server_acl_context_clear (&context);
  g_string_append (out, "}\n");

  _hlg_server_respond_text (msg, 200, g_string_free (g_steal_pointer (&out), FALSE));
}

/* ------------------------------------------------------------- _local */

static gboolean
is_valid_local_id (const char *id)
{
  gsize len = strlen (id);

  if (len == 0 || len > MAX_LOCAL_ID)
    return FALSE;

  /* PouchDB's checkpoint IDs are base64 with "/" and "+" replaced. */
  for (const char *p = id; *p != '\0'; p++)
    if (!g_ascii_isalnum (*p) && strchr ("._-~=+", *p) == NULL)
      return FALSE;

  return TRUE;
}

static guint64
local_generation (const char *rev)
{
  /* "0-N", as CouchDB numbers _local revisions. */
  return rev != NULL && g_str_has_prefix (rev, "0-") ? g_ascii_strtoull (rev + 2, NULL, 10) : 0;
}

static void
respond_local_written (SoupServerMessage *msg,
                       guint              status,
                       const char        *full_id,
                       const char        *rev)
{
  g_autoptr(JsonObject) object = json_object_new ();

  json_object_set_boolean_member (object, "ok", TRUE);
  json_object_set_string_member (object, "id", full_id);
  json_object_set_string_member (object, "rev", rev);
  _hlg_server_respond_object (msg, status, object);
}

/* PUT, or DELETE when @doc is NULL, of @account's _local/@id. */
static void
write_local (HlgServer         *self,
             SoupServerMessage *msg,
             HlgServerAccount  *account,
             const char        *id,
             const char        *full_id,
             JsonObject        *doc,
             const char        *given_rev)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(JsonObject) stored = NULL;
  g_autofree char *old_rev = NULL;
  g_autofree char *rev = NULL;
  g_autofree char *text = NULL;
  gboolean exists;
  gboolean deleted = doc == NULL;

  exists = hlg_server_db_get_local (self->db, account->name, id, &old_rev, NULL, &error);
  if (error != NULL)
    {
      _hlg_server_respond_gerror (msg, error);
      return;
    }
  if (deleted && !exists)
    {
      _hlg_server_respond_error (msg, 404, "not_found", "missing");
      return;
    }
  if (exists ? g_strcmp0 (given_rev, old_rev) != 0 : given_rev != NULL)
    {
      _hlg_server_respond_error (msg, 409, "conflict", "Document update conflict.");
      return;
    }

  if (deleted)
    {
      if (!hlg_server_db_put_local (self->db, account->name, id, NULL, NULL, &error))
        _hlg_server_respond_gerror (msg, error);
      else
        respond_local_written (msg, 200, full_id, "0-0");
      return;
    }

  rev = g_strdup_printf ("0-%" G_GUINT64_FORMAT, local_generation (old_rev) + 1);
  stored = json_object_new ();
  json_object_set_string_member (stored, "_id", full_id);
  json_object_set_string_member (stored, "_rev", rev);
  {
    JsonObjectIter iter;
    const char *name;
    JsonNode *member;

    json_object_iter_init_ordered (&iter, doc);
    while (json_object_iter_next_ordered (&iter, &name, &member))
      if (name[0] != '_')
        json_object_set_member (stored, name, json_node_ref (member));
  }
  text = hlg_json_object_to_string (stored, FALSE);

  if (!hlg_server_db_put_local (self->db, account->name, id, rev, text, &error))
    _hlg_server_respond_gerror (msg, error);
  else
    respond_local_written (msg, 201, full_id, rev);
}

static gboolean
check_local_body (JsonObject  *doc,
                  const char  *full_id,
                  GError     **error)
{
  JsonObjectIter iter;
  const char *name;
  JsonNode *member;

  json_object_iter_init (&iter, doc);
  while (json_object_iter_next (&iter, &name, &member))
    {
      if (name[0] != '_' || g_str_equal (name, "_deleted"))
        continue;
      if (g_str_equal (name, "_id") &&
          g_strcmp0 (_hlg_server_get_string_member (doc, "_id"), full_id) == 0)
        continue;
      if (g_str_equal (name, "_rev") && _hlg_server_get_string_member (doc, "_rev") != NULL)
        continue;

      g_set_error (error, HLG_SERVER_ERROR, HLG_SERVER_ERROR_BAD_REQUEST,
                   g_str_equal (name, "_id") ? _("The document’s _id does not match the URL")
                                             : _("Bad special document member: %s"), name);
      return FALSE;
    }

  return TRUE;
}

/* GET, PUT and DELETE /{db}/_local/{id}: each account's own, never in
 * _changes or _all_docs. */
void
_hlg_server_handle_local (HlgServer         *self,
                          SoupServerMessage *msg,
                          GHashTable        *query,
                          HlgServerAccount  *account,
                          const char        *id)
{
  const char *method = soup_server_message_get_method (msg);
  g_autofree char *full_id = NULL;
  g_autoptr(GError) error = NULL;

  if (!is_valid_local_id (id))
    {
      g_autofree char *reason = g_strdup_printf (_("A _local/ document ID is 1 to %u letters, "
                                                   "digits or “._-~=+”"), MAX_LOCAL_ID);

      _hlg_server_respond_error (msg, 400, "bad_request", reason);
      return;
    }
  full_id = g_strconcat ("_local/", id, NULL);

  if (g_str_equal (method, "GET") || g_str_equal (method, "HEAD"))
    {
      g_autofree char *body = NULL;

      if (!hlg_server_db_get_local (self->db, account->name, id, NULL, &body, &error))
        {
          if (error != NULL)
            _hlg_server_respond_gerror (msg, error);
          else
            _hlg_server_respond_error (msg, 404, "not_found", "missing");
          return;
        }
      _hlg_server_respond_text (msg, 200, g_steal_pointer (&body));
    }
  else if (g_str_equal (method, "PUT"))
    {
      g_autoptr(GBytes) bytes = _hlg_server_get_body (msg);
      g_autoptr(JsonObject) doc = NULL;

      if (g_bytes_get_size (bytes) > MAX_LOCAL_BODY)
        {
          _hlg_server_respond_error (msg, 413, "too_large",
                                     _("A _local/ document is 64 KB at most"));
          return;
        }
      doc = _hlg_server_parse_body_object (msg, &error);
      if (doc == NULL || !check_local_body (doc, full_id, &error))
        {
          _hlg_server_respond_gerror (msg, error);
          return;
        }

      {
        const char *body_rev = _hlg_server_get_string_member (doc, "_rev");
        const char *rev = body_rev != NULL ? body_rev : _hlg_server_query_get (query, "rev");
        gboolean deleted = json_object_has_member (doc, "_deleted") &&
                           JSON_NODE_HOLDS_VALUE (json_object_get_member (doc, "_deleted")) &&
                           json_object_get_boolean_member (doc, "_deleted");

        write_local (self, msg, account, id, full_id, deleted ? NULL : doc, rev);
      }
    }
  else if (g_str_equal (method, "DELETE"))
    {
      g_autofree char *if_match = _hlg_server_get_if_match (msg);
      const char *rev = _hlg_server_query_get (query, "rev");

      write_local (self, msg, account, id, full_id, NULL, rev != NULL ? rev : if_match);
    }
  else
    _hlg_server_respond_method_not_allowed (msg, "GET,HEAD,PUT,DELETE");
}
