/* hlg-server.c: the shared repository, a subset of CouchDB's HTTP API over SQLite
 * SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "hlg-server"

#include "config.h"

#include <glib/gi18n-lib.h>
#include <libsoup/soup.h>
#include <sodium.h>
#include <string.h>

#include "hlg-document.h"
#include "hlg-id.h"
#include "hlg-json.h"
#include "hlg-server-private.h"

/* The account name documents put by hlg_server_seed_demo() are created by. */
#define SEED_ACCOUNT "secretariat"

typedef enum
{
  AUTH_NONE,
  AUTH_BASIC,
  AUTH_COOKIE,
} AuthMethod;

G_DEFINE_FINAL_TYPE (HlgServer, hlg_server, G_TYPE_OBJECT)
G_DEFINE_QUARK (hlg-server-error-quark, hlg_server_error)

/* ---------------------------------------------------------------- JSON */

void
_hlg_server_append_json_string (GString    *out,
                                const char *s)
{
  hlg_json_append_string (out, s);
}

/* The revision after @previous of the content whose hashed text
 * (append_hashed()) is @hashed: N-MD5 of previous, deleted, content. */
static char *
rev_from_hashed (guint64     generation,
                 const char *previous,
                 gboolean    deleted,
                 const char *hashed,
                 gsize       length)
{
  g_autoptr(GChecksum) checksum = g_checksum_new (G_CHECKSUM_MD5);
  const char *flag = deleted ? "\n1\n" : "\n0\n";

  if (previous != NULL)
    g_checksum_update (checksum, (const guchar *) previous, strlen (previous));
  g_checksum_update (checksum, (const guchar *) flag, strlen (flag));
  g_checksum_update (checksum, (const guchar *) hashed, length);

  return g_strdup_printf ("%" G_GUINT64_FORMAT "-%s", generation, g_checksum_get_string (checksum));
}

guint64
_hlg_server_rev_generation (const char *rev)
{
  return rev ? g_ascii_strtoull (rev, NULL, 10) : 0;
}

const char *
_hlg_server_get_string_member (JsonObject *object,
                               const char *member)
{
  JsonNode *node = object ? json_object_get_member (object, member) : NULL;

  if (node == NULL || !JSON_NODE_HOLDS_VALUE (node) ||
      json_node_get_value_type (node) != G_TYPE_STRING)
    return NULL;

  return json_node_get_string (node);
}

gboolean
_hlg_server_get_true_member (JsonObject *object,
                             const char *member)
{
  JsonNode *node = object ? json_object_get_member (object, member) : NULL;

  return node != NULL && JSON_NODE_HOLDS_VALUE (node) &&
         json_node_get_value_type (node) == G_TYPE_BOOLEAN && json_node_get_boolean (node);
}

/* ----------------------------------------------------------- responses */

void
_hlg_server_respond_text (SoupServerMessage *msg,
                          guint              status,
                          char              *json)
{
  SoupMessageHeaders *headers = soup_server_message_get_response_headers (msg);

  soup_server_message_set_status (msg, status, NULL);
  soup_message_headers_replace (headers, "Cache-Control", "must-revalidate");
  soup_server_message_set_response (msg, "application/json", SOUP_MEMORY_TAKE, json, strlen (json));
}

void
_hlg_server_respond_object (SoupServerMessage *msg,
                            guint              status,
                            JsonObject        *object)
{
  _hlg_server_respond_text (msg, status, hlg_json_object_to_string (object, FALSE));
}

void
_hlg_server_respond_error (SoupServerMessage *msg,
                           guint              status,
                           const char        *error,
                           const char        *reason)
{
  g_autoptr(JsonObject) object = json_object_new ();

  json_object_set_string_member (object, "error", error);
  json_object_set_string_member (object, "reason", reason);
  if (status == SOUP_STATUS_UNAUTHORIZED)
    soup_message_headers_replace (soup_server_message_get_response_headers (msg),
                                  "WWW-Authenticate", "Basic realm=\"" HLG_SERVER_DB_NAME "\"");
  _hlg_server_respond_object (msg, status, object);
}

guint
_hlg_server_error_status (const GError *error,
                          const char  **name)
{
  static const struct { guint status; const char *name; } map[] = {
    [HLG_SERVER_ERROR_BAD_REQUEST] = { 400, "bad_request" },
    [HLG_SERVER_ERROR_UNAUTHORIZED] = { 401, "unauthorized" },
    [HLG_SERVER_ERROR_FORBIDDEN] = { 403, "forbidden" },
    [HLG_SERVER_ERROR_NOT_FOUND] = { 404, "not_found" },
    [HLG_SERVER_ERROR_CONFLICT] = { 409, "conflict" },
    [HLG_SERVER_ERROR_TOO_LARGE] = { 413, "too_large" },
    [HLG_SERVER_ERROR_DATABASE] = { 500, "internal_server_error" },
    [HLG_SERVER_ERROR_INSECURE] = { 500, "internal_server_error" },
    [HLG_SERVER_ERROR_FAILED] = { 500, "unknown_error" },
  };

  if (error->domain == HLG_SERVER_ERROR && error->code >= 0 && error->code < (int) G_N_ELEMENTS (map))
    {
      *name = map[error->code].name;
      return map[error->code].status;
    }

  *name = "unknown_error";
  return 500;
}

void
_hlg_server_respond_gerror (SoupServerMessage *msg,
                            const GError      *error)
{
  const char *name;
  guint status = _hlg_server_error_status (error, &name);

  _hlg_server_respond_error (msg, status, name, error->message);
}

static void
respond_unauthorized (SoupServerMessage *msg)
{
  _hlg_server_respond_error (msg, 401, "unauthorized", _("Name or password is incorrect."));
}

void
_hlg_server_respond_method_not_allowed (SoupServerMessage *msg,
                                        const char        *allowed)
{
  g_autofree char *reason = g_strdup_printf (_("Only %s allowed"), allowed);

  soup_message_headers_replace (soup_server_message_get_response_headers (msg), "Allow", allowed);
  _hlg_server_respond_error (msg, 405, "method_not_allowed", reason);
}

char *
_hlg_server_format_seq (HlgServer *self,
                        gint64     seq)
{
  return g_strdup_printf ("%" G_GINT64_FORMAT "-%s", seq, self->seq_suffix);
}

/* ------------------------------------------------------- request input */

/* A request body of announced length, read into a buffer of that length
 * taken from the server's spares (touching fresh memory cost more than
 * copying the body in) and given back once the request and every GBytes
 * of it are gone. */
typedef struct
{
  GByteArray  *buffer;
  GAsyncQueue *spares;
} RequestBody;

#define N_SPARE_BODIES 2

static void
request_body_clear (RequestBody *body)
{
  if (g_async_queue_length (body->spares) < N_SPARE_BODIES)
    g_async_queue_push (body->spares, g_steal_pointer (&body->buffer));
  else
    g_byte_array_unref (body->buffer);
  g_async_queue_unref (body->spares);
}

static void
request_body_release (RequestBody *body)
{
  g_atomic_rc_box_release_full (body, (GDestroyNotify) request_body_clear);
}

static void
take_request_body (HlgServer         *self,
                   SoupServerMessage *msg,
                   guint              size)
{
  RequestBody *body = g_atomic_rc_box_new0 (RequestBody);

  body->spares = g_async_queue_ref (self->spare_bodies);
  body->buffer = g_async_queue_try_pop (self->spare_bodies);
  if (body->buffer == NULL)
    body->buffer = g_byte_array_sized_new (size);
  /* Room for all of it, without clearing it. */
  g_byte_array_set_size (body->buffer, 0);
  g_byte_array_set_size (body->buffer, size);
  g_byte_array_set_size (body->buffer, 0);

  soup_message_body_set_accumulate (soup_server_message_get_request_body (msg), FALSE);
  g_object_set_data_full (G_OBJECT (msg), "hlg-body", body, (GDestroyNotify) request_body_release);
}

GBytes *
_hlg_server_get_body (SoupServerMessage *msg)
{
  RequestBody *body = g_object_get_data (G_OBJECT (msg), "hlg-body");

  if (body != NULL)
    return g_bytes_new_with_free_func (body->buffer->data, body->buffer->len,
                                       (GDestroyNotify) request_body_release, g_atomic_rc_box_acquire (body));

  return soup_message_body_flatten (soup_server_message_get_request_body (msg));
}

/* The request body, when it passed the checks every JSON body must pass. */
static GBytes *
get_checked_body (SoupServerMessage *msg,
                  GError           **error)
{
  g_autoptr(GBytes) bytes = _hlg_server_get_body (msg);
  gsize size;
  const char *data = g_bytes_get_data (bytes, &size);

  if (size > HLG_SERVER_MAX_BODY)
    {
      g_set_error (error, HLG_SERVER_ERROR, HLG_SERVER_ERROR_TOO_LARGE,
                   _("The request body is larger than %u MB"), HLG_SERVER_MAX_BODY / (1024 * 1024));
      return NULL;
    }
  if (size == 0 || data == NULL)
    {
      g_set_error_literal (error, HLG_SERVER_ERROR, HLG_SERVER_ERROR_BAD_REQUEST,
                           _("The request has no body"));
      return NULL;
    }
  if (memchr (data, '\0', size) != NULL)
    {
      g_set_error_literal (error, HLG_SERVER_ERROR, HLG_SERVER_ERROR_BAD_REQUEST,
                           _("The request body contains a NUL byte"));
      return NULL;
    }

  return g_steal_pointer (&bytes);
}

static void
set_bad_request (GError **error,
                 GError  *parse_error)
{
  g_set_error_literal (error, HLG_SERVER_ERROR, HLG_SERVER_ERROR_BAD_REQUEST, parse_error->message);
}

JsonObject *
_hlg_server_parse_body_object (SoupServerMessage *msg,
                               GError           **error)
{
  g_autoptr(GBytes) bytes = get_checked_body (msg, error);
  g_autoptr(GError) local_error = NULL;
  JsonObject *object;
  gsize size;
  const char *data;

  if (bytes == NULL)
    return NULL;

  data = g_bytes_get_data (bytes, &size);
  object = hlg_json_parse_object (data, size, &local_error);
  if (object == NULL)
    set_bad_request (error, local_error);

  return object;
}

const char *
_hlg_server_query_get (GHashTable *query,
                       const char *name)
{
  return query ? g_hash_table_lookup (query, name) : NULL;
}

gboolean
_hlg_server_query_get_bool (GHashTable *query,
                            const char *name)
{
  return g_strcmp0 (_hlg_server_query_get (query, name), "true") == 0;
}

gboolean
_hlg_server_query_get_uint (GHashTable *query,
                            const char *name,
                            guint       fallback,
                            guint      *out,
                            GError    **error)
{
  const char *text = _hlg_server_query_get (query, name);
  guint64 value;

  if (text == NULL)
    {
      *out = fallback;
      return TRUE;
    }

  if (!g_ascii_string_to_unsigned (text, 10, 0, G_MAXUINT, &value, NULL))
    {
      g_set_error (error, HLG_SERVER_ERROR, HLG_SERVER_ERROR_BAD_REQUEST,
                   _("The parameter “%s” must be a whole number"), name);
      return FALSE;
    }

  *out = value;
  return TRUE;
}

/* Sequences are "<n>-<server uuid prefix>"; one from another server means
 * the client must start again from the beginning. */
gboolean
_hlg_server_parse_since (HlgServer  *self,
                         const char *text,
                         gint64     *out,
                         GError    **error)
{
  g_auto(GStrv) parts = NULL;
  guint64 value;

  if (text == NULL || g_str_equal (text, "0"))
    {
      *out = 0;
      return TRUE;
    }
  if (g_str_equal (text, "now"))
    {
      *out = hlg_server_db_get_update_seq (self->db);
      return TRUE;
    }

  parts = g_strsplit (text, "-", 2);
  if (!g_ascii_string_to_unsigned (parts[0], 10, 0, G_MAXINT64, &value, NULL))
    {
      g_set_error_literal (error, HLG_SERVER_ERROR, HLG_SERVER_ERROR_BAD_REQUEST,
                           _("Malformed sequence in “since”"));
      return FALSE;
    }

  *out = (parts[1] == NULL || g_str_equal (parts[1], self->seq_suffix)) ? (gint64) value : 0;
  return TRUE;
}

/* The path's segments, each percent-decoded; NULL if one is malformed. */
static GStrv
split_path (SoupServerMessage *msg)
{
  GUri *uri = soup_server_message_get_uri (msg);
  const char *path = g_uri_get_path (uri);
  g_auto(GStrv) raw = g_strsplit (path, "/", -1);
  g_autoptr(GStrvBuilder) builder = g_strv_builder_new ();
  guint n = g_strv_length (raw);

  for (guint i = 0; i < n; i++)
    {
      g_autofree char *segment = NULL;

      /* The leading "/" and one trailing "/" make empty segments. */
      if (raw[i][0] == '\0' && (i == 0 || i == n - 1))
        continue;
      if (raw[i][0] == '\0')
        return NULL;

      segment = g_uri_unescape_string (raw[i], "/");
      if (segment == NULL || !g_utf8_validate (segment, -1, NULL))
        return NULL;
      g_strv_builder_add (builder, segment);
    }

  return g_strv_builder_end (builder);
}

/* ------------------------------------------------------------ accounts */

static HlgServerAccount *
load_account (HlgServer  *self,
              const char *name)
{
  g_autoptr(HlgServerAccountRow) row = hlg_server_db_lookup_account (self->db, name);
  HlgServerRole role;

  if (row == NULL)
    return NULL;

  role = hlg_server_role_from_name (row->role);
  if (role == HLG_SERVER_ROLE_INVALID)
    return NULL;

  return hlg_server_account_new (row->name, role, row->person_id);
}

void
_hlg_server_acl_context_init (HlgServer              *self,
                              HlgServerAclContext    *context,
                              const HlgServerAccount *account)
{
  context->account = account;
  context->conflicted = NULL;
  context->own_proposals = NULL;
  context->index = hlg_json_index_new ();

  if (account->role == HLG_SERVER_ROLE_BOARD)
    context->conflicted = hlg_server_db_conflicted_proposals (self->db, account->person_id);
  else if (account->role == HLG_SERVER_ROLE_AUTHOR)
    context->own_proposals = hlg_server_db_own_proposals (self->db, account->name, account->person_id);
}

void
_hlg_server_acl_context_clear (HlgServerAclContext *context)
{
  g_clear_pointer (&context->conflicted, g_hash_table_unref);
  g_clear_pointer (&context->own_proposals, g_hash_table_unref);
  g_clear_pointer (&context->index, hlg_json_index_free);
}

gboolean
_hlg_server_row_is_readable (HlgServerAclContext *context,
                             HlgServerRow        *row)
{
  g_autoptr(JsonObject) view = NULL;

  if (context->account->role == HLG_SERVER_ROLE_SECRETARIAT)
    return TRUE;

  if (!hlg_json_index_parse (context->index, row->body, strlen (row->body), NULL) ||
      hlg_json_index_get_kind (context->index, 0) != HLG_JSON_OBJECT)
    return FALSE;
  view = hlg_server_acl_rule_view (context->index, 0);
  return hlg_server_acl_can_read (context, view, row->created_by);
}

/* ------------------------------------------------------------- writing */

/* The special members a document may have: _id, _rev, _deleted. */
static gboolean
is_special_name (const char *name,
                 gsize       length)
{
  return (length == 3 && memcmp (name, "_id", 3) == 0) ||
         (length == 4 && memcmp (name, "_rev", 4) == 0) ||
         (length == 8 && memcmp (name, "_deleted", 8) == 0);
}

/* Whether the member name at @name in @index is a special one; a name
 * written with escapes is read unescaped. */
static gboolean
is_special_member (HlgJsonIndex *index,
                   guint         name)
{
  gsize length;
  const char *text = hlg_json_index_get_text (index, name, &length);

  if (hlg_json_index_is_escaped (index, name))
    {
      text = hlg_json_index_get_string (index, name);
      return is_special_name (text, strlen (text));
    }

  return is_special_name (text + 1, length - 2);
}

static gboolean
check_special_members (HlgJsonIndex  *index,
                       GError       **error)
{
  guint name = 1;

  for (guint i = 0; i < hlg_json_index_get_size (index, 0); i++, name = hlg_json_index_next (index, name + 1))
    {
      gsize length;
      const char *text = hlg_json_index_get_text (index, name, &length);

      /* Most names are plain and start with a letter. */
      if (!hlg_json_index_is_escaped (index, name) && text[1] != '_')
        continue;
      text = hlg_json_index_get_string (index, name);
      if (text[0] != '_' || is_special_name (text, strlen (text)))
        continue;

      g_set_error (error, HLG_SERVER_ERROR, HLG_SERVER_ERROR_BAD_REQUEST,
                   _("Bad special document member: %s"), text);
      return FALSE;
    }

  return TRUE;
}

/* The string member @name of the object in @index, or %NULL when it is
 * absent or no string; good until @index is read again. */
static const char *
index_get_string (HlgJsonIndex *index,
                  const char   *name)
{
  guint value = hlg_json_index_lookup (index, 0, name);

  if (value == 0 || hlg_json_index_get_kind (index, value) != HLG_JSON_STRING)
    return NULL;

  return hlg_json_index_get_string (index, value);
}

/* Checks the document in @index: its special members, a known type that
 * matches @id, and the schema of that type. */
static gboolean
validate_document (const char    *id,
                   HlgDocType     id_type,
                   HlgJsonIndex  *index,
                   GError       **error)
{
  g_autoptr(GError) local_error = NULL;
  HlgDocType type;

  if (!check_special_members (index, error))
    return FALSE;

  type = hlg_doc_type_from_name (index_get_string (index, "type"));
  if (type == HLG_DOC_TYPE_INVALID)
    {
      g_set_error_literal (error, HLG_SERVER_ERROR, HLG_SERVER_ERROR_BAD_REQUEST,
                           _("Unknown document type"));
      return FALSE;
    }
  if (type != id_type)
    {
      g_set_error_literal (error, HLG_SERVER_ERROR, HLG_SERVER_ERROR_BAD_REQUEST,
                           _("The document’s type does not match its ID"));
      return FALSE;
    }

  if (!hlg_document_validate_index (index, 0, id, &local_error))
    {
      g_set_error (error, HLG_SERVER_ERROR, HLG_SERVER_ERROR_BAD_REQUEST,
                   _("Invalid document: %s"), local_error->message);
      return FALSE;
    }

  return TRUE;
}

/* The members of the object in @index, sorted, each name once; @some has
 * room for 64. Returns them, in @some or new memory, and their number. */
static HlgJsonIndexMember *
sort_members (HlgJsonIndex       *index,
              HlgJsonIndexMember *some,
              guint              *n)
{
  guint size = hlg_json_index_get_size (index, 0);
  HlgJsonIndexMember *members = size > 64 ? g_new (HlgJsonIndexMember, size) : some;

  *n = hlg_json_index_sort_members (index, 0, members);
  return members;
}

/* The content of the document in @index as its revision hashes it, into
 * @out: keys sorted at every level, its _id @id, without _rev or _deleted.
 * Returns whether a name came twice in the object, which the stored text
 * must then leave out. */
static gboolean
append_hashed (GString      *out,
               HlgJsonIndex *index,
               const char   *id)
{
  HlgJsonIndexMember some[64];
  g_autofree HlgJsonIndexMember *many = NULL;
  HlgJsonIndexMember *members;
  gboolean id_written = FALSE;
  gsize start = out->len;
  guint n;

  members = sort_members (index, some, &n);
  if (members != some)
    many = members;

  g_string_append_c (out, '{');
  for (guint i = 0; i <= n; i++)
    {
      if (!id_written && (i == n || hlg_json_index_compare (index, members[i].name, "_id") >= 0))
        {
          if (out->len > start + 1)
            g_string_append_c (out, ',');
          g_string_append (out, "\"_id\":");
          _hlg_server_append_json_string (out, id);
          id_written = TRUE;
        }
      if (i == n || is_special_member (index, members[i].name))
        continue;

      if (out->len > start + 1)
        g_string_append_c (out, ',');
      hlg_json_index_append_sorted (index, members[i].name, out);
      g_string_append_c (out, ':');
      hlg_json_index_append_sorted (index, members[i].value, out);
    }
  g_string_append_c (out, '}');

  return n < hlg_json_index_get_size (index, 0);
}

/* The start of a stored text, into @out: its _id and _rev. */
static void
stored_head (GString    *out,
             const char *id,
             const char *rev)
{
  g_string_assign (out, "{\"_id\":");
  _hlg_server_append_json_string (out, id);
  g_string_append (out, ",\"_rev\":");
  _hlg_server_append_json_string (out, rev);
}

/* Whether a member before @name in the object in @index has its name. */
static gboolean
is_repeated (HlgJsonIndex *index,
             guint         name)
{
  g_autofree char *text = g_strdup (hlg_json_index_get_string (index, name));

  for (guint earlier = 1; earlier < name; earlier = hlg_json_index_next (index, earlier + 1))
    if (hlg_json_index_compare (index, earlier, text) == 0)
      return TRUE;

  return FALSE;
}

/* The rest of the text stored for the document in @index, into @out: its
 * members but the special ones, in the order they came, each value's
 * text as it came, and the end of the object. A name given twice is
 * written once, where it first came, with its last value (as json-glib
 * reads it); a name with escapes is written without those it needs not. */
static void
append_stored_tail (GString      *out,
                    HlgJsonIndex *index,
                    gboolean      repeats,
                    gboolean      deleted)
{
  guint name = 1;

  for (guint i = 0; i < hlg_json_index_get_size (index, 0); i++, name = hlg_json_index_next (index, name + 1))
    {
      guint value = name + 1;
      const char *text;
      gsize length;

      if (is_special_member (index, name))
        continue;
      if (repeats)
        {
          if (is_repeated (index, name))
            continue;
          value = hlg_json_index_lookup (index, 0, hlg_json_index_get_string (index, name));
        }

      g_string_append_c (out, ',');
      if (hlg_json_index_is_escaped (index, name))
        _hlg_server_append_json_string (out, hlg_json_index_get_string (index, name));
      else
        {
          text = hlg_json_index_get_text (index, name, &length);
          g_string_append_len (out, text, length);
        }
      g_string_append_c (out, ':');
      text = hlg_json_index_get_text (index, value, &length);
      g_string_append_len (out, text, length);
    }
  if (deleted)
    g_string_append (out, ",\"_deleted\":true");
  g_string_append_c (out, '}');
}

/* What a write is, as far as it can be known without the database. */
typedef struct
{
  char       *id;
  HlgDocType  type;
  char       *given_rev;
  gboolean    deleted;
  /* Unless deleted, the content's texts that need no database, made in
   * the checking thread: as hashed, and its stored text after the _rev;
   * and the revision it gets if the one it names is the last (for every
   * write but one over a tombstone it does not name). */
  GString    *hashed;
  GString    *stored_tail;
  char       *rev;
} WriteIntent;

static void
write_intent_clear (WriteIntent *intent)
{
  g_clear_pointer (&intent->id, g_free);
  g_clear_pointer (&intent->given_rev, g_free);
  g_clear_pointer (&intent->rev, g_free);
  if (intent->hashed != NULL)
    g_string_free (g_steal_pointer (&intent->hashed), TRUE);
  if (intent->stored_tail != NULL)
    g_string_free (g_steal_pointer (&intent->stored_tail), TRUE);
}

G_DEFINE_AUTO_CLEANUP_CLEAR_FUNC (WriteIntent, write_intent_clear)

/* An empty string in *@string: the one there, or a new one about as long
 * as the document's text. */
static void
reuse_or_new (GString **string,
              gsize     length)
{
  if (*string != NULL)
    g_string_truncate (*string, 0);
  else
    *string = g_string_sized_new (length + 64);
}

/**
 * check_document:
 * @url_id: (nullable): the ID named in the URL
 * @index: (nullable): the body, an object, indexed; %NULL for DELETE
 * @url_rev: (nullable): the revision named by ?rev= or If-Match
 *
 * The checks of one write that need no database: its ID, the revision it
 * names and, unless it is a deletion, the document itself; then the texts
 * of the content that store_document() needs. Safe in any thread.
 * @intent's ID is set as soon as a valid one is known, for the
 * per-document result; its texts are written into the strings it may
 * hold already.
 */
static gboolean
check_document (const char    *url_id,
                HlgJsonIndex  *index,
                const char    *url_rev,
                WriteIntent   *intent,
                GError       **error)
{
  g_autoptr(GError) id_error = NULL;
  g_autofree char *body_id = NULL;
  g_autofree char *generated = NULL;
  const char *id = url_id;
  const char *body_rev;
  HlgDocType type;
  guint member;
  gboolean repeats;
  gsize length = 0;

  intent->given_rev = g_strdup (url_rev);
  intent->deleted = index == NULL;
  if (index != NULL)
    {
      member = hlg_json_index_lookup (index, 0, "_deleted");
      intent->deleted = member != 0 && hlg_json_index_get_kind (index, member) == HLG_JSON_TRUE;
      hlg_json_index_get_text (index, 0, &length);
    }

  if (index != NULL && hlg_json_index_lookup (index, 0, "_id") != 0)
    {
      body_id = g_strdup (index_get_string (index, "_id"));
      if (body_id == NULL)
        {
          g_set_error_literal (error, HLG_SERVER_ERROR, HLG_SERVER_ERROR_BAD_REQUEST,
                               _("The document’s _id must be a string"));
          return FALSE;
        }
      if (id != NULL && !g_str_equal (id, body_id))
        {
          g_set_error_literal (error, HLG_SERVER_ERROR, HLG_SERVER_ERROR_BAD_REQUEST,
                               _("The document’s _id does not match the URL"));
          return FALSE;
        }
      id = body_id;
    }
  if (id == NULL)
    {
      /* No ID: make one of the right type, as CouchDB makes a UUID. */
      type = hlg_doc_type_from_name (index_get_string (index, "type"));
      if (type == HLG_DOC_TYPE_INVALID)
        {
          g_set_error_literal (error, HLG_SERVER_ERROR, HLG_SERVER_ERROR_BAD_REQUEST,
                               _("The document has no _id and no known type"));
          return FALSE;
        }
      id = generated = hlg_id_new (type);
    }

  if (!hlg_id_validate (id, &type, &id_error))
    {
      g_set_error (error, HLG_SERVER_ERROR, HLG_SERVER_ERROR_BAD_REQUEST,
                   _("Bad document ID: %s"), id_error->message);
      return FALSE;
    }
  intent->id = g_strdup (id);
  intent->type = type;

  if (index != NULL && hlg_json_index_lookup (index, 0, "_rev") != 0)
    {
      body_rev = index_get_string (index, "_rev");
      if (body_rev == NULL)
        {
          g_set_error_literal (error, HLG_SERVER_ERROR, HLG_SERVER_ERROR_BAD_REQUEST,
                               _("The document’s _rev must be a string"));
          return FALSE;
        }
      if (url_rev != NULL && !g_str_equal (url_rev, body_rev))
        {
          g_set_error_literal (error, HLG_SERVER_ERROR, HLG_SERVER_ERROR_BAD_REQUEST,
                               _("Document rev from request body and query string "
                                 "have different values"));
          return FALSE;
        }
      g_free (intent->given_rev);
      intent->given_rev = g_strdup (body_rev);
    }

  if (intent->deleted)
    return TRUE;
  if (!validate_document (intent->id, type, index, error))
    return FALSE;

  reuse_or_new (&intent->hashed, length);
  repeats = append_hashed (intent->hashed, index, intent->id);
  reuse_or_new (&intent->stored_tail, length);
  append_stored_tail (intent->stored_tail, index, repeats, FALSE);
  intent->rev = rev_from_hashed (_hlg_server_rev_generation (intent->given_rev) + 1, intent->given_rev,
                                 FALSE, intent->hashed->str, intent->hashed->len);
  return TRUE;
}

/**
 * store_document:
 * @view: (nullable): the hlg_server_acl_rule_view() of the content
 *   check_document() passed; %NULL for a deletion
 *
 * The rest of a write that check_document() passed, inside the caller's
 * transaction: the stored document, the write rules, the revision.
 */
static gboolean
store_document (HlgServer              *self,
                const HlgServerAccount *account,
                JsonObject             *view,
                const WriteIntent      *intent,
                char                  **out_rev,
                GError                **error)
{
  g_autoptr(GError) lookup_error = NULL;
  g_autoptr(JsonObject) old_view = NULL;
  g_autoptr(HlgServerRow) old = NULL;
  g_autofree char *reason = NULL;
  g_autofree char *rev = NULL;
  JsonObject *content = intent->deleted ? NULL : view;
  const char *id = intent->id;
  const char *given_rev = intent->given_rev;
  gboolean deleted = intent->deleted;
  guint64 generation;

  old = hlg_server_db_lookup (self->db, id, &lookup_error);
  if (lookup_error != NULL)
    {
      g_propagate_error (error, g_steal_pointer (&lookup_error));
      return FALSE;
    }
  if (old != NULL && !old->deleted)
    {
      if (!hlg_json_index_parse (self->old_body, old->body, strlen (old->body), error))
        return FALSE;
      old_view = hlg_server_acl_rule_view (self->old_body, 0);
    }

  if (deleted && old_view == NULL)
    {
      g_set_error_literal (error, HLG_SERVER_ERROR, HLG_SERVER_ERROR_NOT_FOUND,
                           old ? "deleted" : "missing");
      return FALSE;
    }

  if (!hlg_server_acl_can_write (account, old_view, old ? old->created_by : NULL, content, &reason) ||
      !hlg_server_acl_voting_open (self, account, old_view, content, &reason))
    {
      g_set_error_literal (error, HLG_SERVER_ERROR, HLG_SERVER_ERROR_FORBIDDEN, reason);
      return FALSE;
    }

  if ((old != NULL && !old->deleted && g_strcmp0 (given_rev, old->rev) != 0) ||
      (old != NULL && old->deleted && given_rev != NULL && !g_str_equal (given_rev, old->rev)) ||
      (old == NULL && given_rev != NULL))
    {
      g_set_error_literal (error, HLG_SERVER_ERROR, HLG_SERVER_ERROR_CONFLICT,
                           "Document update conflict.");
      return FALSE;
    }

  generation = _hlg_server_rev_generation (old ? old->rev : NULL) + 1;
  if (deleted)
    {
      /* A tombstone keeps the last content, so the read rules still apply
       * to it; its revision hashes that content as it was stored, _rev
       * and all. */
      g_string_truncate (self->scratch, 0);
      hlg_json_index_append_sorted (self->old_body, 0, self->scratch);
      rev = rev_from_hashed (generation, old->rev, TRUE, self->scratch->str, self->scratch->len);
      stored_head (self->scratch, id, rev);
      append_stored_tail (self->scratch, self->old_body, FALSE, TRUE);
    }
  else
    {
      if (g_strcmp0 (old ? old->rev : NULL, given_rev) == 0)
        rev = g_strdup (intent->rev);
      else
        rev = rev_from_hashed (generation, old ? old->rev : NULL, FALSE, intent->hashed->str,
                               intent->hashed->len);
      stored_head (self->scratch, id, rev);
      g_string_append_len (self->scratch, intent->stored_tail->str, intent->stored_tail->len);
    }

  if (!hlg_server_db_put (self->db, id, hlg_doc_type_to_name (intent->type), rev, deleted,
                          old ? old->created_by : account->name, self->scratch->str, NULL, error))
    return FALSE;

  *out_rev = g_steal_pointer (&rev);
  return TRUE;
}

/* The object in @data, indexed into @index; the request's error if it is
 * not one. */
static gboolean
index_object (HlgJsonIndex  *index,
              const char    *data,
              gsize          length,
              GError       **error)
{
  g_autoptr(GError) local_error = NULL;

  if (!hlg_json_index_parse (index, data, length, &local_error))
    {
      set_bad_request (error, local_error);
      return FALSE;
    }
  if (hlg_json_index_get_kind (index, 0) != HLG_JSON_OBJECT)
    {
      g_set_error_literal (error, HLG_SERVER_ERROR, HLG_SERVER_ERROR_BAD_REQUEST,
                           _("The JSON is not an object"));
      return FALSE;
    }

  return TRUE;
}

/* Writes one document inside the caller's transaction: check_document(),
 * then store_document(). @body is its text, %NULL for a deletion. @out_id
 * is set as soon as a valid ID is known. */
static gboolean
write_document (HlgServer              *self,
                const HlgServerAccount *account,
                const char             *url_id,
                GBytes                 *body,
                const char             *url_rev,
                char                  **out_id,
                char                  **out_rev,
                GError                **error)
{
  g_auto(WriteIntent) intent = { NULL };
  g_autoptr(HlgJsonIndex) index = NULL;
  g_autoptr(JsonObject) view = NULL;
  gboolean ok;

  if (body != NULL)
    {
      gsize size;
      const char *data = g_bytes_get_data (body, &size);

      index = hlg_json_index_new ();
      if (!index_object (index, data, size, error))
        return FALSE;
    }

  ok = check_document (url_id, index, url_rev, &intent, error);
  if (ok && index != NULL)
    view = hlg_server_acl_rule_view (index, 0);
  ok = ok && store_document (self, account, view, &intent, out_rev, error);
  *out_id = g_steal_pointer (&intent.id);

  return ok;
}

/* --------------------------------------------------------- _all_docs */

static void
append_all_docs_row (GString      *out,
                     HlgServerRow *row,
                     gboolean      include_docs)
{
  g_string_append (out, "{\"id\":");
  _hlg_server_append_json_string (out, row->id);
  g_string_append (out, ",\"key\":");
  _hlg_server_append_json_string (out, row->id);
  g_string_append (out, ",\"value\":{\"rev\":");
  _hlg_server_append_json_string (out, row->rev);
  if (row->deleted)
    g_string_append (out, ",\"deleted\":true");
  g_string_append_c (out, '}');
  if (include_docs)
    {
      g_string_append (out, ",\"doc\":");
      g_string_append (out, row->deleted ? "null" : row->body);
    }
  g_string_append_c (out, '}');
}

static void
handle_all_docs (HlgServer         *self,
                 SoupServerMessage *msg,
                 GHashTable        *query,
                 HlgServerAccount  *account)
{
  g_autoptr(GString) out = g_string_new ("{\"total_rows\":");
  g_autoptr(GString) rows_out = g_string_new (NULL);
  g_autoptr(GError) error = NULL;
  g_autoptr(JsonObject) body = NULL;
  g_autoptr(JsonNode) keys_node = NULL;
  HlgServerAclContext context;
  gboolean include_docs = _hlg_server_query_get_bool (query, "include_docs");
  JsonArray *keys = NULL;
  guint limit, skip, n = 0, total = 0;

  if (!_hlg_server_query_get_uint (query, "limit", G_MAXUINT, &limit, &error) ||
      !_hlg_server_query_get_uint (query, "skip", 0, &skip, &error))
    {
      _hlg_server_respond_gerror (msg, error);
      return;
    }

  if (g_str_equal (soup_server_message_get_method (msg), "POST"))
    {
      body = _hlg_server_parse_body_object (msg, &error);
      if (body == NULL)
        {
          _hlg_server_respond_gerror (msg, error);
          return;
        }
      keys_node = json_object_dup_member (body, "keys");
    }
  else if (_hlg_server_query_get (query, "keys") != NULL)
    {
      keys_node = json_from_string (_hlg_server_query_get (query, "keys"), NULL);
    }
  if (keys_node != NULL || (body != NULL && json_object_has_member (body, "keys")) ||
      _hlg_server_query_get (query, "keys") != NULL)
    {
      if (keys_node == NULL || !JSON_NODE_HOLDS_ARRAY (keys_node))
        {
          _hlg_server_respond_error (msg, 400, "bad_request", _("`keys` must be an array of strings"));
          return;
        }
      keys = json_node_get_array (keys_node);
      for (guint i = 0; i < json_array_get_length (keys); i++)
        {
          JsonNode *key = json_array_get_element (keys, i);

          if (!JSON_NODE_HOLDS_VALUE (key) || json_node_get_value_type (key) != G_TYPE_STRING)
            {
              _hlg_server_respond_error (msg, 400, "bad_request", _("`keys` must be an array of strings"));
              return;
            }
        }
    }

  _hlg_server_acl_context_init (self, &context, account);

  if (keys != NULL)
    {
      for (guint i = 0; i < json_array_get_length (keys) && n < limit; i++)
        {
          const char *key = json_array_get_string_element (keys, i);
          g_autoptr(HlgServerRow) row = NULL;

          if (hlg_id_is_valid (key))
            row = hlg_server_db_lookup (self->db, key, NULL);
          if (n > 0)
            g_string_append_c (rows_out, ',');
          n++;
          if (row == NULL || !_hlg_server_row_is_readable (&context, row))
            {
              g_string_append (rows_out, "{\"key\":");
              _hlg_server_append_json_string (rows_out, key);
              g_string_append_printf (rows_out, ",\"error\":\"%s\"}",
                                      row == NULL ? "not_found" : "forbidden");
              continue;
            }
          append_all_docs_row (rows_out, row, include_docs);
        }
      total = n;
    }
  else
    {
      g_autoptr(GPtrArray) rows = hlg_server_db_all_docs (self->db, &error);
      const char *start = _hlg_server_query_get (query, "startkey");
      const char *end = _hlg_server_query_get (query, "endkey");
      g_autofree char *start_key = NULL;
      g_autofree char *end_key = NULL;

      if (rows == NULL)
        {
          _hlg_server_acl_context_clear (&context);
          _hlg_server_respond_gerror (msg, error);
          return;
        }

      /* Keys are JSON strings: startkey="proposal:" */
      if (start != NULL)
        {
          g_autoptr(JsonNode) node = json_from_string (start, NULL);

          if (node != NULL && JSON_NODE_HOLDS_VALUE (node) &&
              json_node_get_value_type (node) == G_TYPE_STRING)
            start_key = json_node_dup_string (node);
        }
      if (end != NULL)
        {
          g_autoptr(JsonNode) node = json_from_string (end, NULL);

          if (node != NULL && JSON_NODE_HOLDS_VALUE (node) &&
              json_node_get_value_type (node) == G_TYPE_STRING)
            end_key = json_node_dup_string (node);
        }

      for (guint i = 0; i < rows->len; i++)
        {
          HlgServerRow *row = rows->pdata[i];

          if (!_hlg_server_row_is_readable (&context, row))
            continue;
          total++;
          if ((start_key && strcmp (row->id, start_key) < 0) ||
              (end_key && strcmp (row->id, end_key) > 0))
            continue;
          if (skip > 0)
            {
              skip--;
              continue;
            }
          if (n >= limit)
            continue;
          if (n > 0)
            g_string_append_c (rows_out, ',');
          append_all_docs_row (rows_out, row, include_docs);
          n++;
        }
    }

  _hlg_server_acl_context_clear (&context);

  g_string_append_printf (out, "%u,\"offset\":0,\"rows\":[%s]}\n", total, rows_out->str);
  _hlg_server_respond_text (msg, 200, g_string_free (g_steal_pointer (&out), FALSE));
}

/* ------------------------------------------------------- documents */

typedef struct
{
  const char *docs;
  gsize       docs_length;
  const char *new_edits;
  gsize       new_edits_length;
  const char *unsound;  /* the first other member that is not strict JSON */
} BulkBody;

static void
bulk_member_found_cb (gpointer    user_data,
                      const char *name,
                      gsize       name_length,
                      const char *value,
                      gsize       value_length)
{
  BulkBody *body = user_data;

  if (name_length == 4 && memcmp (name, "docs", 4) == 0)
    {
      /* Checked element by element when written. */
      body->docs = value;
      body->docs_length = value_length;
      return;
    }
  if (name_length == 9 && memcmp (name, "new_edits", 9) == 0)
    {
      body->new_edits = value;
      body->new_edits_length = value_length;
    }
  if (body->unsound == NULL && !hlg_json_check_value (value, value_length))
    body->unsound = value;
}

static void
set_bad_json (GError    **error,
              const char *data,
              const char *at)
{
  g_set_error (error, HLG_SERVER_ERROR, HLG_SERVER_ERROR_BAD_REQUEST,
               _("The JSON cannot be parsed (at byte %lu)"), (unsigned long) (at - data));
}

/* The elements of a _bulk_docs body's "docs" array, as raw text. Each
 * document is checked and parsed only when its turn comes, so that one
 * tree is alive at a time rather than a thousand. */
static GArray *
parse_bulk_body (GBytes  *bytes,
                 GError **error)
{
  g_autoptr(GArray) docs = g_array_new (FALSE, FALSE, sizeof (HlgJsonMember));
  g_autoptr(GError) local_error = NULL;
  BulkBody body = { NULL };
  gsize size;
  const char *data = g_bytes_get_data (bytes, &size);

  if (!hlg_json_delimit_members (data, size, bulk_member_found_cb, &body, &local_error))
    {
      set_bad_request (error, local_error);
      return NULL;
    }
  if (body.unsound != NULL)
    {
      set_bad_json (error, data, body.unsound);
      return NULL;
    }
  if (body.new_edits != NULL &&
      !(body.new_edits_length == 4 && memcmp (body.new_edits, "true", 4) == 0))
    {
      g_set_error_literal (error, HLG_SERVER_ERROR, HLG_SERVER_ERROR_BAD_REQUEST,
                           _("new_edits=false is not supported"));
      return NULL;
    }
  if (body.docs == NULL || body.docs[0] != '[' ||
      !hlg_json_delimit_array (body.docs, body.docs_length, docs, &local_error))
    {
      if (local_error != NULL)
        set_bad_request (error, local_error);
      else
        g_set_error_literal (error, HLG_SERVER_ERROR, HLG_SERVER_ERROR_BAD_REQUEST,
                             _("POST body must include `docs` parameter."));
      return NULL;
    }

  return g_steal_pointer (&docs);
}

/* _bulk_docs in two halves side by side: a thread of the request's own
 * parses and checks the documents (check_document(), which needs no
 * database) ahead of the main thread, which writes them in order
 * (store_document()). Whenever the main thread would wait for a document
 * still being checked, it checks the next one itself: checking is most of
 * the work. Each document's tree is freed by the thread that made it, as
 * soon as it is checked (freeing memory another thread allocated makes
 * the two wait on the allocator's locks); only what the role rules read of
 * it is kept for the main thread. */
#define BULK_AHEAD 64

typedef struct
{
  JsonObject  *rule_view; /* hlg_server_acl_rule_view() of the document, once checked */
  WriteIntent  intent;
  GError      *error;     /* why it is not written */
  gboolean     bad_json;  /* refuses the whole request */
  gboolean     checked;   /* under the lock */
  gboolean     by_main;   /* checked by the main thread, which frees it */
} BulkItem;

typedef struct
{
  GArray   *texts;      /* HlgJsonMember: each element's raw text */
  BulkItem *items;
  guint     n_claimed;  /* taken by a thread to check, in order */
  guint     n_done;     /* by the main thread, in order */
  guint     n_freed;    /* by the checker, in order: the rule views it made */
  gboolean  stop;
  GMutex    lock;
  GCond     cond;       /* the two threads never wait at the same time */
  gboolean  main_waiting;
  gboolean  checker_waiting;
  /* Each document's texts are written into strings handed from one
   * document to the one BULK_AHEAD later, not into new memory. */
  GString  *hashed[BULK_AHEAD];
  GString  *stored_tails[BULK_AHEAD];
  HlgJsonIndex *indexes[2]; /* the checker's, the main thread's */
} BulkWork;

static void
check_bulk_item (const HlgJsonMember *text,
                 HlgJsonIndex        *index,
                 BulkItem            *item)
{
  if (!hlg_json_index_parse (index, text->value, text->length, NULL))
    item->bad_json = TRUE;
  else if (hlg_json_index_get_kind (index, 0) != HLG_JSON_OBJECT)
    g_set_error_literal (&item->error, HLG_SERVER_ERROR, HLG_SERVER_ERROR_BAD_REQUEST,
                         _("Document must be a JSON object"));
  else if (check_document (NULL, index, NULL, &item->intent, &item->error))
    item->rule_view = hlg_server_acl_rule_view (index, 0);
}

/* With the lock held: checks the next document not yet taken, if it is
 * within the window, and returns whether there was one. */
static gboolean
check_next_locked (BulkWork *work,
                   gboolean  by_main)
{
  guint i = work->n_claimed;

  if (work->stop || i >= work->texts->len || i >= work->n_done + BULK_AHEAD)
    return FALSE;

  work->n_claimed++;
  work->items[i].by_main = by_main;
  work->items[i].intent.hashed = g_steal_pointer (&work->hashed[i % BULK_AHEAD]);
  work->items[i].intent.stored_tail = g_steal_pointer (&work->stored_tails[i % BULK_AHEAD]);
  g_mutex_unlock (&work->lock);
  check_bulk_item (&g_array_index (work->texts, HlgJsonMember, i), work->indexes[by_main],
                   &work->items[i]);
  g_mutex_lock (&work->lock);
  work->items[i].checked = TRUE;
  if (work->main_waiting)
    g_cond_signal (&work->cond);

  return TRUE;
}

static gpointer
bulk_check_thread (gpointer data)
{
  BulkWork *work = data;

  g_mutex_lock (&work->lock);
  while (!work->stop && work->n_freed < work->texts->len)
    {
      if (work->n_freed < work->n_done)
        {
          guint done = work->n_done;

          g_mutex_unlock (&work->lock);
          for (guint i = work->n_freed; i < done; i++)
            if (!work->items[i].by_main)
              g_clear_pointer (&work->items[i].rule_view, json_object_unref);
          g_mutex_lock (&work->lock);
          work->n_freed = done;
        }
      else if (!check_next_locked (work, FALSE))
        {
          work->checker_waiting = TRUE;
          g_cond_wait (&work->cond, &work->lock);
          work->checker_waiting = FALSE;
        }
    }
  g_mutex_unlock (&work->lock);

  return NULL;
}

/* Item @i, once checked; meanwhile the main thread checks others. */
static BulkItem *
wait_checked (BulkWork *work,
              guint     i)
{
  g_mutex_lock (&work->lock);
  while (!work->items[i].checked)
    {
      if (check_next_locked (work, TRUE))
        continue;
      work->main_waiting = TRUE;
      g_cond_wait (&work->cond, &work->lock);
      work->main_waiting = FALSE;
    }
  g_mutex_unlock (&work->lock);

  return &work->items[i];
}

/* Frees what the document just written holds, but for the strings of its
 * texts, which the document BULK_AHEAD later takes, and its rule view when
 * the checker made it, which the checker frees; then wakes the checker
 * only now and then, with half a window to fill or free: waking is a
 * system call. */
static void
set_done (BulkWork *work,
          guint     n_done,
          gboolean  stop)
{
  if (n_done > work->n_done)
    {
      BulkItem *item = &work->items[n_done - 1];

      work->hashed[(n_done - 1) % BULK_AHEAD] = g_steal_pointer (&item->intent.hashed);
      work->stored_tails[(n_done - 1) % BULK_AHEAD] = g_steal_pointer (&item->intent.stored_tail);
      if (item->by_main)
        g_clear_pointer (&item->rule_view, json_object_unref);
      write_intent_clear (&item->intent);
      g_clear_error (&item->error);
    }

  g_mutex_lock (&work->lock);
  work->n_done = n_done;
  work->stop = stop;
  if (work->checker_waiting &&
      (stop || n_done == work->texts->len || n_done % (BULK_AHEAD / 2) == 0))
    g_cond_signal (&work->cond);
  g_mutex_unlock (&work->lock);
}

static void
append_bulk_result (GString     *out,
                    const char  *id,
                    const char  *rev,
                    GError      *error)
{
  const char *name;

  if (error == NULL)
    {
      g_string_append (out, "{\"ok\":true,\"id\":");
      _hlg_server_append_json_string (out, id);
      g_string_append (out, ",\"rev\":");
      _hlg_server_append_json_string (out, rev);
      g_string_append_c (out, '}');
      return;
    }

  _hlg_server_error_status (error, &name);
  g_string_append (out, "{\"id\":");
  if (id != NULL)
    _hlg_server_append_json_string (out, id);
  else
    g_string_append (out, "null");
  g_string_append_printf (out, ",\"error\":\"%s\",\"reason\":", name);
  _hlg_server_append_json_string (out, error->message);
  g_string_append_c (out, '}');
}

static void
handle_bulk_docs (HlgServer         *self,
                  SoupServerMessage *msg,
                  HlgServerAccount  *account)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GBytes) bytes = NULL;
  g_autoptr(GArray) texts = NULL;
  g_autoptr(GString) out = NULL;
  BulkWork work = { NULL };
  GThread *checker;
  guint n_ok = 0;

  bytes = get_checked_body (msg, &error);
  if (bytes != NULL)
    texts = parse_bulk_body (bytes, &error);
  if (texts == NULL || !hlg_server_db_begin (self->db, &error))
    {
      _hlg_server_respond_gerror (msg, error);
      return;
    }

  work.texts = texts;
  work.items = g_new0 (BulkItem, texts->len);
  work.indexes[FALSE] = hlg_json_index_new ();
  work.indexes[TRUE] = hlg_json_index_new ();
  g_mutex_init (&work.lock);
  g_cond_init (&work.cond);
  checker = g_thread_new ("hlg-bulk-check", bulk_check_thread, &work);

  out = g_string_new ("[");
  for (guint i = 0; i < texts->len && error == NULL; i++)
    {
      BulkItem *item = wait_checked (&work, i);
      g_autofree char *rev = NULL;

      if (item->bad_json)
        {
          /* Bad JSON anywhere: the whole request is refused, and nothing written. */
          set_bad_json (&error, g_bytes_get_data (bytes, NULL),
                        g_array_index (texts, HlgJsonMember, i).value);
          break;
        }

      if (item->error == NULL)
        store_document (self, account, item->rule_view, &item->intent, &rev, &item->error);
      if (g_error_matches (item->error, HLG_SERVER_ERROR, HLG_SERVER_ERROR_DATABASE))
        {
          error = g_error_copy (item->error);
          break;
        }

      if (i > 0)
        g_string_append_c (out, ',');
      append_bulk_result (out, item->intent.id, rev, item->error);
      if (item->error == NULL)
        n_ok++;
      set_done (&work, i + 1, FALSE);
    }
  g_string_append (out, "]\n");

  set_done (&work, work.n_done, TRUE);
  g_thread_join (checker);
  for (guint i = 0; i < texts->len; i++)
    {
      g_clear_pointer (&work.items[i].rule_view, json_object_unref);
      write_intent_clear (&work.items[i].intent);
      g_clear_error (&work.items[i].error);
    }
  for (guint i = 0; i < BULK_AHEAD; i++)
    {
      if (work.hashed[i] != NULL)
        g_string_free (work.hashed[i], TRUE);
      if (work.stored_tails[i] != NULL)
        g_string_free (work.stored_tails[i], TRUE);
    }
  g_free (work.items);
  hlg_json_index_free (work.indexes[FALSE]);
  hlg_json_index_free (work.indexes[TRUE]);
  g_mutex_clear (&work.lock);
  g_cond_clear (&work.cond);

  if (error != NULL)
    {
      hlg_server_db_rollback (self->db);
      _hlg_server_respond_gerror (msg, error);
      return;
    }
  if (!hlg_server_db_commit (self->db, &error))
    {
      _hlg_server_respond_gerror (msg, error);
      return;
    }

  _hlg_server_respond_text (msg, 201, g_string_free (g_steal_pointer (&out), FALSE));
  if (n_ok > 0)
    _hlg_server_notify_waiters (self);
}

static void
respond_written (SoupServerMessage *msg,
                 guint              status,
                 const char        *id,
                 const char        *rev)
{
  g_autoptr(JsonObject) object = json_object_new ();
  g_autofree char *etag = g_strdup_printf ("\"%s\"", rev);

  json_object_set_boolean_member (object, "ok", TRUE);
  json_object_set_string_member (object, "id", id);
  json_object_set_string_member (object, "rev", rev);
  soup_message_headers_replace (soup_server_message_get_response_headers (msg), "ETag", etag);
  _hlg_server_respond_object (msg, status, object);
}

/* One PUT, POST or DELETE of one document, in its own transaction. */
static void
handle_write_one (HlgServer         *self,
                  SoupServerMessage *msg,
                  HlgServerAccount  *account,
                  const char        *url_id,
                  GBytes            *body,
                  const char        *url_rev,
                  guint              status)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *id = NULL;
  g_autofree char *rev = NULL;

  if (!hlg_server_db_begin (self->db, &error))
    {
      _hlg_server_respond_gerror (msg, error);
      return;
    }

  if (!write_document (self, account, url_id, body, url_rev, &id, &rev, &error))
    {
      hlg_server_db_rollback (self->db);
      _hlg_server_respond_gerror (msg, error);
      return;
    }

  if (!hlg_server_db_commit (self->db, &error))
    {
      _hlg_server_respond_gerror (msg, error);
      return;
    }

  respond_written (msg, status, id, rev);
  _hlg_server_notify_waiters (self);
}

/* The revision named by If-Match, without its quotes. */
char *
_hlg_server_get_if_match (SoupServerMessage *msg)
{
  const char *value = soup_message_headers_get_one (soup_server_message_get_request_headers (msg),
                                                    "If-Match");
  gsize len;

  if (value == NULL)
    return NULL;

  len = strlen (value);
  if (len >= 2 && value[0] == '"' && value[len - 1] == '"')
    return g_strndup (value + 1, len - 2);

  return g_strdup (value);
}

/* The row of @id if @account may read it; else %NULL, answered with the
 * reason (404 or 403). */
HlgServerRow *
_hlg_server_lookup_readable (HlgServer         *self,
                             SoupServerMessage *msg,
                             HlgServerAccount  *account,
                             const char        *id)
{
  g_autoptr(HlgServerRow) row = NULL;
  g_autoptr(GError) error = NULL;
  HlgServerAclContext context;
  gboolean readable;

  row = hlg_server_db_lookup (self->db, id, &error);
  if (row == NULL)
    {
      if (error != NULL)
        _hlg_server_respond_gerror (msg, error);
      else
        _hlg_server_respond_error (msg, 404, "not_found", "missing");
      return NULL;
    }

  _hlg_server_acl_context_init (self, &context, account);
  readable = _hlg_server_row_is_readable (&context, row);
  _hlg_server_acl_context_clear (&context);
  if (!readable)
    {
      _hlg_server_respond_error (msg, 403, "forbidden", _("You may not read this document."));
      return NULL;
    }

  return g_steal_pointer (&row);
}

/* A deleted document as replicators expect it: its ID and revision only. */
void
_hlg_server_append_tombstone (GString      *out,
                              HlgServerRow *row)
{
  g_string_append (out, "{\"_id\":");
  _hlg_server_append_json_string (out, row->id);
  g_string_append (out, ",\"_rev\":");
  _hlg_server_append_json_string (out, row->rev);
  g_string_append (out, ",\"_deleted\":true}");
}

static void
handle_document (HlgServer         *self,
                 SoupServerMessage *msg,
                 GHashTable        *query,
                 HlgServerAccount  *account,
                 const char        *id)
{
  const char *method = soup_server_message_get_method (msg);
  g_autoptr(GError) error = NULL;
  g_autoptr(GError) id_error = NULL;

  if (!hlg_id_validate (id, NULL, &id_error))
    {
      g_autofree char *reason = g_strdup_printf (_("Bad document ID: %s"), id_error->message);

      _hlg_server_respond_error (msg, 400, "bad_request", reason);
      return;
    }

  if (g_str_equal (method, "GET") && _hlg_server_query_get (query, "open_revs") != NULL)
    _hlg_server_handle_open_revs (self, msg, query, account, id);
  else if (g_str_equal (method, "GET") || g_str_equal (method, "HEAD"))
    {
      g_autoptr(HlgServerRow) row = _hlg_server_lookup_readable (self, msg, account, id);
      const char *rev = _hlg_server_query_get (query, "rev");

      if (row == NULL)
        return;
      if (row->deleted)
        {
          _hlg_server_respond_error (msg, 404, "not_found", "deleted");
          return;
        }
      if (rev != NULL && !g_str_equal (rev, row->rev))
        {
          _hlg_server_respond_error (msg, 404, "not_found", "missing");
          return;
        }

      {
        g_autofree char *etag = g_strdup_printf ("\"%s\"", row->rev);

        soup_message_headers_replace (soup_server_message_get_response_headers (msg), "ETag", etag);
        _hlg_server_respond_text (msg, 200, g_steal_pointer (&row->body));
      }
    }
  else if (g_str_equal (method, "PUT"))
    {
      g_autoptr(GBytes) body = get_checked_body (msg, &error);

      if (body == NULL)
        _hlg_server_respond_gerror (msg, error);
      else
        handle_write_one (self, msg, account, id, body, _hlg_server_query_get (query, "rev"), 201);
    }
  else if (g_str_equal (method, "DELETE"))
    {
      g_autofree char *if_match = _hlg_server_get_if_match (msg);
      const char *rev = _hlg_server_query_get (query, "rev");

      if (rev == NULL)
        rev = if_match;
      handle_write_one (self, msg, account, id, NULL, rev, 200);
    }
  else
    _hlg_server_respond_method_not_allowed (msg, "GET,HEAD,PUT,DELETE");
}

/* ---------------------------------------------------------- server */

static void
handle_root (HlgServer         *self,
             SoupServerMessage *msg)
{
  g_autoptr(JsonObject) object = json_object_new ();
  g_autoptr(JsonObject) vendor = json_object_new ();

  json_object_set_string_member (object, "couchdb", "Welcome");
  json_object_set_string_member (object, "version", PACKAGE_VERSION);
  json_object_set_string_member (object, "uuid", hlg_server_db_get_uuid (self->db));
  json_object_set_string_member (vendor, "name", "hlgmos");
  json_object_set_string_member (vendor, "version", PACKAGE_VERSION);
  json_object_set_object_member (object, "vendor", g_steal_pointer (&vendor));
  _hlg_server_respond_object (msg, 200, object);
}

static void
handle_db_info (HlgServer         *self,
                SoupServerMessage *msg)
{
  g_autoptr(JsonObject) object = json_object_new ();
  g_autofree char *seq = _hlg_server_format_seq (self, hlg_server_db_get_update_seq (self->db));

  json_object_set_string_member (object, "db_name", HLG_SERVER_DB_NAME);
  json_object_set_int_member (object, "doc_count", hlg_server_db_get_doc_count (self->db));
  json_object_set_string_member (object, "update_seq", seq);
  json_object_set_string_member (object, "instance_start_time", "0");
  _hlg_server_respond_object (msg, 200, object);
}

static JsonObject *
user_ctx (HlgServerAccount *account)
{
  JsonObject *ctx = json_object_new ();
  g_autoptr(JsonArray) roles = json_array_new ();

  if (account != NULL)
    {
      json_object_set_string_member (ctx, "name", account->name);
      json_array_add_string_element (roles, hlg_server_role_to_name (account->role));
    }
  else
    json_object_set_null_member (ctx, "name");
  json_object_set_array_member (ctx, "roles", g_steal_pointer (&roles));

  return ctx;
}

static void
handle_session_get (HlgServer         *self,
                    SoupServerMessage *msg,
                    HlgServerAccount  *account,
                    AuthMethod         method)
{
  g_autoptr(JsonObject) object = json_object_new ();
  g_autoptr(JsonObject) info = json_object_new ();
  g_autoptr(JsonArray) handlers = json_array_new ();

  json_array_add_string_element (handlers, "cookie");
  json_array_add_string_element (handlers, "default");
  json_object_set_array_member (info, "authentication_handlers", g_steal_pointer (&handlers));
  if (method != AUTH_NONE)
    json_object_set_string_member (info, "authenticated", method == AUTH_COOKIE ? "cookie" : "default");
  json_object_set_boolean_member (object, "ok", TRUE);
  json_object_set_object_member (object, "userCtx", user_ctx (account));
  json_object_set_object_member (object, "info", g_steal_pointer (&info));
  _hlg_server_respond_object (msg, 200, object);
}

static char *
get_cookie (SoupServerMessage *msg,
            const char        *name)
{
  const char *header = soup_message_headers_get_list (soup_server_message_get_request_headers (msg),
                                                      "Cookie");
  g_auto(GStrv) parts = NULL;
  gsize name_len = strlen (name);

  if (header == NULL)
    return NULL;

  parts = g_strsplit_set (header, ";,", -1);
  for (guint i = 0; parts[i] != NULL; i++)
    {
      const char *part = g_strstrip (parts[i]);

      if (strncmp (part, name, name_len) == 0 && part[name_len] == '=')
        return g_strdup (part + name_len + 1);
    }

  return NULL;
}

static void
set_session_cookie (HlgServer         *self,
                    SoupServerMessage *msg,
                    const char        *token)
{
  g_autofree char *cookie = NULL;

  cookie = g_strdup_printf ("AuthSession=%s; Version=1; Path=/; HttpOnly; SameSite=Strict%s%s",
                            token ? token : "", token ? "" : "; Max-Age=0",
                            self->tls ? "; Secure" : "");
  soup_message_headers_append (soup_server_message_get_response_headers (msg), "Set-Cookie", cookie);
}

static void
respond_login (HlgServer         *self,
               SoupServerMessage *msg,
               const char        *name)
{
  g_autoptr(HlgServerAccount) account = load_account (self, name);
  g_autoptr(JsonObject) object = NULL;
  g_autoptr(JsonArray) roles = NULL;
  g_autofree char *token = NULL;

  if (account == NULL)
    {
      respond_unauthorized (msg);
      return;
    }

  token = hlg_server_auth_session_new (self->auth, account->name);
  set_session_cookie (self, msg, token);

  object = json_object_new ();
  roles = json_array_new ();
  json_array_add_string_element (roles, hlg_server_role_to_name (account->role));
  json_object_set_boolean_member (object, "ok", TRUE);
  json_object_set_string_member (object, "name", account->name);
  json_object_set_array_member (object, "roles", g_steal_pointer (&roles));
  _hlg_server_respond_object (msg, 200, object);
}

static void
dispatch (HlgServer         *self,
          SoupServerMessage *msg,
          GHashTable        *query,
          HlgServerAccount  *account,
          AuthMethod         auth_method)
{
  const char *method = soup_server_message_get_method (msg);
  g_auto(GStrv) segments = split_path (msg);
  guint n;

  if (segments == NULL)
    {
      _hlg_server_respond_error (msg, 400, "bad_request", _("Malformed path"));
      return;
    }
  n = g_strv_length (segments);

  if (n == 0)
    {
      if (g_str_equal (method, "GET") || g_str_equal (method, "HEAD"))
        handle_root (self, msg);
      else
        _hlg_server_respond_method_not_allowed (msg, "GET,HEAD");
      return;
    }

  if (n == 1 && g_str_equal (segments[0], "_session"))
    {
      if (g_str_equal (method, "GET"))
        handle_session_get (self, msg, account, auth_method);
      else if (g_str_equal (method, "DELETE"))
        {
          g_autofree char *token = get_cookie (msg, "AuthSession");
          g_autoptr(JsonObject) object = json_object_new ();

          if (token != NULL)
            hlg_server_auth_session_remove (self->auth, token);
          set_session_cookie (self, msg, NULL);
          json_object_set_boolean_member (object, "ok", TRUE);
          _hlg_server_respond_object (msg, 200, object);
        }
      else
        _hlg_server_respond_method_not_allowed (msg, "GET,POST,DELETE");
      return;
    }

  if (account == NULL)
    {
      _hlg_server_respond_error (msg, 401, "unauthorized", _("You are not signed in."));
      return;
    }

  if (n == 1 && g_str_equal (segments[0], "_all_dbs"))
    {
      _hlg_server_respond_text (msg, 200, g_strdup ("[\"" HLG_SERVER_DB_NAME "\"]\n"));
      return;
    }

  if (!g_str_equal (segments[0], HLG_SERVER_DB_NAME))
    {
      _hlg_server_respond_error (msg, 404, "not_found", n == 1 || segments[0][0] != '_'
                                                        ? "Database does not exist." : "missing");
      return;
    }

  if (n == 1)
    {
      if (g_str_equal (method, "GET") || g_str_equal (method, "HEAD"))
        handle_db_info (self, msg);
      else if (g_str_equal (method, "PUT"))
        _hlg_server_respond_error (msg, 412, "file_exists",
                                   "The database could not be created, the file already exists.");
      else if (g_str_equal (method, "POST"))
        {
          g_autoptr(GError) error = NULL;
          g_autoptr(GBytes) body = get_checked_body (msg, &error);

          if (body == NULL)
            _hlg_server_respond_gerror (msg, error);
          else
            handle_write_one (self, msg, account, NULL, body, NULL, 201);
        }
      else
        _hlg_server_respond_method_not_allowed (msg, "GET,HEAD,PUT,POST");
      return;
    }

  if (n == 2 && g_str_equal (segments[1], "_all_docs"))
    {
      if (g_str_equal (method, "GET") || g_str_equal (method, "POST"))
        handle_all_docs (self, msg, query, account);
      else
        _hlg_server_respond_method_not_allowed (msg, "GET,POST");
    }
  else if (n == 2 && g_str_equal (segments[1], "_changes"))
    {
      if (g_str_equal (method, "GET") || g_str_equal (method, "POST"))
        _hlg_server_handle_changes (self, msg, query, account);
      else
        _hlg_server_respond_method_not_allowed (msg, "GET,POST");
    }
  else if (n == 2 && g_str_equal (segments[1], "_bulk_docs"))
    {
      if (g_str_equal (method, "POST"))
        handle_bulk_docs (self, msg, account);
      else
        _hlg_server_respond_method_not_allowed (msg, "POST");
    }
  else if (n == 2 && g_str_equal (segments[1], "_bulk_get"))
    {
      if (g_str_equal (method, "POST"))
        _hlg_server_handle_bulk_get (self, msg, query, account);
      else
        _hlg_server_respond_method_not_allowed (msg, "POST");
    }
  else if (n == 2 && g_str_equal (segments[1], "_revs_diff"))
    {
      if (g_str_equal (method, "POST"))
        _hlg_server_handle_revs_diff (self, msg, account);
      else
        _hlg_server_respond_method_not_allowed (msg, "POST");
    }
  else if (n == 3 && g_str_equal (segments[1], "_local"))
    _hlg_server_handle_local (self, msg, query, account, segments[2]);
  else if (n == 2 && g_str_equal (segments[1], "_ensure_full_commit"))
    {
      _hlg_server_respond_text (msg, 201, g_strdup ("{\"ok\":true,\"instance_start_time\":\"0\"}\n"));
    }
  else if (n == 2)
    handle_document (self, msg, query, account, segments[1]);
  else
    _hlg_server_respond_error (msg, 400, "bad_request", _("Attachments and design documents are not supported"));
}

/* ------------------------------------------------------ authentication */

typedef struct
{
  SoupServerMessage *msg;
  GHashTable        *query;
  char              *name;
  char              *password;
  char              *hash;
  char              *cache_key;
  gboolean           login;  /* POST /_session rather than Basic */
  gboolean           gone;   /* the client disconnected meanwhile */
  gulong             disconnected_id;
} Verify;

static void
verify_free (Verify *verify)
{
  if (verify->msg != NULL)
    g_clear_signal_handler (&verify->disconnected_id, verify->msg);
  g_clear_object (&verify->msg);
  g_clear_pointer (&verify->query, g_hash_table_unref);
  g_free (verify->name);
  if (verify->password != NULL)
    sodium_memzero (verify->password, strlen (verify->password));
  g_free (verify->password);
  g_free (verify->hash);
  g_free (verify->cache_key);
  g_free (verify);
}

G_DEFINE_AUTOPTR_CLEANUP_FUNC (Verify, verify_free)

static void
verify_thread (GTask        *task,
               gpointer      source_object,
               gpointer      task_data,
               GCancellable *cancellable)
{
  Verify *verify = task_data;

  g_task_return_boolean (task, hlg_server_auth_verify_password (verify->hash, verify->password));
}

static void
continue_verified (HlgServer *self,
                   Verify    *verify,
                   gboolean   ok)
{
  g_autoptr(HlgServerAccount) account = NULL;

  if (ok)
    {
      hlg_server_auth_cache_add (self->auth, verify->cache_key, verify->name);
      account = load_account (self, verify->name);
    }

  if (account == NULL)
    respond_unauthorized (verify->msg);
  else if (verify->login)
    respond_login (self, verify->msg, account->name);
  else
    dispatch (self, verify->msg, verify->query, account, AUTH_BASIC);
}

static void
on_verified_cb (GObject      *object,
                GAsyncResult *result,
                gpointer      user_data)
{
  HlgServer *self = HLG_SERVER (object);
  Verify *verify = g_task_get_task_data (G_TASK (result));
  gboolean ok = g_task_propagate_boolean (G_TASK (result), NULL);

  g_clear_signal_handler (&verify->disconnected_id, verify->msg);
  if (verify->gone)
    return;

  /* Unpause first: a longpoll may pause the message again, which cancels this. */
  soup_server_message_unpause (verify->msg);
  continue_verified (self, verify, ok);
}

static void
on_verify_disconnected_cb (SoupServerMessage *msg,
                           gpointer           user_data)
{
  Verify *verify = user_data;

  verify->gone = TRUE;
}

/* Checks @name and @password, then answers: at once when this pair was
 * verified before, else after argon2 ran in a worker thread. */
static void
verify_then_continue (HlgServer         *self,
                      SoupServerMessage *msg,
                      GHashTable        *query,
                      const char        *name,
                      const char        *password,
                      gboolean           login)
{
  g_autoptr(Verify) verify = g_new0 (Verify, 1);
  g_autoptr(HlgServerAccountRow) row = NULL;
  g_autoptr(GTask) task = NULL;

  verify->msg = g_object_ref (msg);
  verify->query = query ? g_hash_table_ref (query) : NULL;
  verify->name = g_strdup (name);
  verify->login = login;
  verify->cache_key = hlg_server_auth_cache_key (self->auth, name, password);

  if (hlg_server_auth_cache_lookup (self->auth, verify->cache_key))
    {
      continue_verified (self, verify, TRUE);
      return;
    }

  row = hlg_server_db_lookup_account (self->db, name);
  verify->hash = row ? g_strdup (row->password_hash) : NULL;
  verify->password = g_strdup (password);

  soup_server_message_pause (msg);
  verify->disconnected_id = g_signal_connect (msg, "disconnected",
                                              G_CALLBACK (on_verify_disconnected_cb), verify);
  task = g_task_new (self, NULL, on_verified_cb, NULL);
  g_task_set_source_tag (task, verify_then_continue);
  g_task_set_task_data (task, g_steal_pointer (&verify), (GDestroyNotify) verify_free);
  g_task_run_in_thread (task, verify_thread);
}

/* "Basic <base64 name:password>" into its two halves. */
static gboolean
parse_basic (const char  *header,
             char       **out_name,
             char       **out_password)
{
  g_autofree guchar *decoded = NULL;
  g_autofree char *text = NULL;
  gsize len = 0;
  char *colon;

  if (g_ascii_strncasecmp (header, "Basic ", 6) != 0)
    return FALSE;

  decoded = g_base64_decode (header + 6, &len);
  if (decoded == NULL || len == 0 || memchr (decoded, '\0', len) != NULL)
    {
      if (decoded != NULL)
        sodium_memzero (decoded, len);
      return FALSE;
    }

  text = g_strndup ((const char *) decoded, len);
  sodium_memzero (decoded, len);
  colon = strchr (text, ':');
  if (colon == NULL || colon == text || !g_utf8_validate (text, -1, NULL))
    {
      sodium_memzero (text, len);
      return FALSE;
    }

  *out_name = g_strndup (text, colon - text);
  *out_password = g_strdup (colon + 1);
  sodium_memzero (text, len);
  return TRUE;
}

static void
handle_login (HlgServer         *self,
              SoupServerMessage *msg,
              GHashTable        *query)
{
  SoupMessageHeaders *headers = soup_server_message_get_request_headers (msg);
  g_autoptr(GHashTable) form = NULL;
  g_autoptr(JsonObject) object = NULL;
  g_autoptr(GError) error = NULL;
  const char *content_type = soup_message_headers_get_content_type (headers, NULL);
  const char *name = NULL;
  const char *password = NULL;

  if (g_strcmp0 (content_type, "application/x-www-form-urlencoded") == 0)
    {
      g_autoptr(GBytes) bytes = _hlg_server_get_body (msg);
      g_autofree char *text = g_strndup (g_bytes_get_data (bytes, NULL), g_bytes_get_size (bytes));

      form = soup_form_decode (text);
      name = g_hash_table_lookup (form, "name");
      password = g_hash_table_lookup (form, "password");
    }
  else
    {
      object = _hlg_server_parse_body_object (msg, &error);
      if (object == NULL)
        {
          _hlg_server_respond_gerror (msg, error);
          return;
        }
      name = _hlg_server_get_string_member (object, "name");
      password = _hlg_server_get_string_member (object, "password");
    }

  if (name == NULL || password == NULL || name[0] == '\0' ||
      !g_utf8_validate (name, -1, NULL))
    {
      respond_unauthorized (msg);
      return;
    }

  verify_then_continue (self, msg, query, name, password, TRUE);
}

static void
server_cb (SoupServer        *server,
           SoupServerMessage *msg,
           const char        *path,
           GHashTable        *query,
           gpointer           user_data)
{
  HlgServer *self = HLG_SERVER (user_data);
  SoupMessageHeaders *headers = soup_server_message_get_request_headers (msg);
  const char *authorization = soup_message_headers_get_one (headers, "Authorization");
  g_autofree char *token = NULL;
  g_autoptr(HlgServerAccount) account = NULL;
  AuthMethod method = AUTH_NONE;

  if (g_object_get_data (G_OBJECT (msg), "hlg-too-large") != NULL ||
      soup_server_message_get_request_body (msg)->length > HLG_SERVER_MAX_BODY)
    {
      _hlg_server_respond_error (msg, 413, "too_large", _("The request body is too large"));
      return;
    }

  if (g_strcmp0 (path, "/_session") == 0 && g_str_equal (soup_server_message_get_method (msg), "POST"))
    {
      handle_login (self, msg, query);
      return;
    }

  if (authorization != NULL)
    {
      g_autofree char *name = NULL;
      g_autofree char *password = NULL;

      if (!parse_basic (authorization, &name, &password))
        {
          respond_unauthorized (msg);
          return;
        }

      verify_then_continue (self, msg, query, name, password, FALSE);
      sodium_memzero (password, strlen (password));
      return;
    }

  token = get_cookie (msg, "AuthSession");
  if (token != NULL)
    {
      const char *name = hlg_server_auth_session_lookup (self->auth, token);

      if (name != NULL)
        account = load_account (self, name);
      if (account == NULL)
        {
          _hlg_server_respond_error (msg, 401, "unauthorized",
                                     _("Your session has expired; please sign in again."));
          return;
        }
      method = AUTH_COOKIE;
    }

  dispatch (self, msg, query, account, method);
}

static void
on_got_chunk_cb (SoupServerMessage *msg,
                 GBytes            *chunk,
                 gpointer           user_data)
{
  SoupMessageBody *body = soup_server_message_get_request_body (msg);
  RequestBody *request_body = g_object_get_data (G_OBJECT (msg), "hlg-body");

  if (request_body != NULL)
    {
      /* libsoup reads no more than the announced length, checked in early_cb(). */
      gsize size;
      const guint8 *data = g_bytes_get_data (chunk, &size);

      g_byte_array_append (request_body->buffer, data, size);
      return;
    }

  /* A body of unannounced size: stop keeping it once it is too large. */
  if (body->length > HLG_SERVER_MAX_BODY && soup_message_body_get_accumulate (body))
    {
      soup_message_body_set_accumulate (body, FALSE);
      soup_message_body_truncate (body);
      g_object_set_data (G_OBJECT (msg), "hlg-too-large", GINT_TO_POINTER (TRUE));
    }
}

/* Refuses a body too large before reading it, when its size is announced;
 * what is still sent is read and dropped. */
static void
early_cb (SoupServer        *server,
          SoupServerMessage *msg,
          const char        *path,
          GHashTable        *query,
          gpointer           user_data)
{
  HlgServer *self = HLG_SERVER (user_data);
  SoupMessageHeaders *headers = soup_server_message_get_request_headers (msg);

  /* RFC 7230 §6.6: a client that asks to close is told the server closes too. */
  if (soup_message_headers_header_contains (headers, "Connection", "close"))
    soup_message_headers_replace (soup_server_message_get_response_headers (msg),
                                  "Connection", "close");

  if (soup_message_headers_get_encoding (headers) == SOUP_ENCODING_CONTENT_LENGTH &&
      soup_message_headers_get_content_length (headers) > HLG_SERVER_MAX_BODY)
    {
      soup_message_body_set_accumulate (soup_server_message_get_request_body (msg), FALSE);
      _hlg_server_respond_error (msg, 413, "too_large", _("The request body is too large"));
      return;
    }

  /* A body of announced size is read into one buffer of that size, rather
   * than kept in pieces that _hlg_server_get_body() would copy together. */
  if (soup_message_headers_get_encoding (headers) == SOUP_ENCODING_CONTENT_LENGTH &&
      soup_message_headers_get_content_length (headers) > 0)
    take_request_body (self, msg, soup_message_headers_get_content_length (headers));

  g_signal_connect (msg, "got-chunk", G_CALLBACK (on_got_chunk_cb), NULL);
}

/* ------------------------------------------------------------- GObject */

static void
hlg_server_dispose (GObject *object)
{
  HlgServer *self = (HlgServer *)object;

  _hlg_server_clear_waiters (self);

  if (self->soup != NULL)
    soup_server_disconnect (self->soup);
  g_clear_object (&self->soup);

  G_OBJECT_CLASS (hlg_server_parent_class)->dispose (object);
}

static void
hlg_server_finalize (GObject *object)
{
  HlgServer *self = (HlgServer *)object;

  g_clear_pointer (&self->db, hlg_server_db_close);
  g_clear_pointer (&self->auth, hlg_server_auth_free);
  g_clear_pointer (&self->context, g_main_context_unref);
  g_clear_pointer (&self->host, g_free);
  g_clear_pointer (&self->seq_suffix, g_free);
  g_clear_pointer (&self->clock, g_date_time_unref);
  g_string_free (self->scratch, TRUE);
  hlg_json_index_free (self->old_body);
  g_async_queue_unref (self->spare_bodies);

  G_OBJECT_CLASS (hlg_server_parent_class)->finalize (object);
}

static void
hlg_server_class_init (HlgServerClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->dispose = hlg_server_dispose;
  object_class->finalize = hlg_server_finalize;
}

static void
hlg_server_init (HlgServer *self)
{
  self->scratch = g_string_sized_new (16384);
  self->old_body = hlg_json_index_new ();
  self->spare_bodies = g_async_queue_new_full ((GDestroyNotify) g_byte_array_unref);
}

/**
 * hlg_server_new:
 * @db_path: the SQLite database file, created when missing
 *
 * Opens the database; the server answers requests once it listens.
 */
HlgServer *
hlg_server_new (const char  *db_path,
                GError     **error)
{
  g_autoptr(HlgServer) self = NULL;

  g_return_val_if_fail (db_path != NULL, NULL);

  if (!hlg_server_auth_init (error))
    return NULL;

  self = g_object_new (HLG_TYPE_SERVER, NULL);
  self->db = hlg_server_db_open (db_path, error);
  if (self->db == NULL)
    return NULL;

  self->auth = hlg_server_auth_new ();
  self->seq_suffix = g_strndup (hlg_server_db_get_uuid (self->db), 8);
  self->soup = soup_server_new ("server-header", "hlgmos-server/" PACKAGE_VERSION " ", NULL);
  soup_server_add_early_handler (self->soup, NULL, early_cb, self, NULL);
  soup_server_add_handler (self->soup, NULL, server_cb, self, NULL);

  return g_steal_pointer (&self);
}

/**
 * hlg_server_listen:
 * @address: an IP address, or "localhost"
 * @port: the port, 0 for any free one
 * @tls: (nullable): the certificate, with its private key, for HTTPS
 *
 * Starts answering on the thread-default main context of the caller.
 * Plain HTTP is refused on any address but loopback.
 */
gboolean
hlg_server_listen (HlgServer        *self,
                   const char       *address,
                   guint             port,
                   GTlsCertificate  *tls,
                   GError          **error)
{
  g_autoptr(GInetAddress) inet = NULL;
  g_autoptr(GSocketAddress) socket_address = NULL;
  SoupServerListenOptions options = 0;

  g_return_val_if_fail (HLG_IS_SERVER (self), FALSE);
  g_return_val_if_fail (port <= G_MAXUINT16, FALSE);

  if (address == NULL || g_str_equal (address, "localhost"))
    address = "127.0.0.1";

  inet = g_inet_address_new_from_string (address);
  if (inet == NULL)
    {
      g_set_error (error, HLG_SERVER_ERROR, HLG_SERVER_ERROR_FAILED,
                   _("“%s” is not an IP address"), address);
      return FALSE;
    }

  if (tls == NULL && !g_inet_address_get_is_loopback (inet))
    {
      g_set_error (error, HLG_SERVER_ERROR, HLG_SERVER_ERROR_INSECURE,
                   _("Plain HTTP is only allowed on a loopback address (127.0.0.1, ::1 or localhost); "
                     "give a TLS certificate and key to listen on %s"), address);
      return FALSE;
    }

  if (tls != NULL)
    {
      soup_server_set_tls_certificate (self->soup, tls);
      options |= SOUP_SERVER_LISTEN_HTTPS;
    }

  socket_address = g_inet_socket_address_new (inet, port);
  if (!soup_server_listen (self->soup, socket_address, options, error))
    return FALSE;

  g_clear_pointer (&self->context, g_main_context_unref);
  self->context = g_main_context_ref_thread_default ();
  self->tls = tls != NULL;
  g_clear_pointer (&self->host, g_free);
  self->host = g_inet_address_get_family (inet) == G_SOCKET_FAMILY_IPV6
               ? g_strdup_printf ("[%s]", address) : g_strdup (address);
  self->port = port;

  for (GSList *l = soup_server_get_listeners (self->soup); l != NULL; l = l->next)
    {
      g_autoptr(GSocketAddress) local = g_socket_get_local_address (l->data, NULL);

      if (local != NULL && G_IS_INET_SOCKET_ADDRESS (local))
        self->port = g_inet_socket_address_get_port (G_INET_SOCKET_ADDRESS (local));
    }

  return TRUE;
}

guint
hlg_server_get_port (HlgServer *self)
{
  g_return_val_if_fail (HLG_IS_SERVER (self), 0);

  return self->port;
}

char *
hlg_server_get_url (HlgServer *self)
{
  g_return_val_if_fail (HLG_IS_SERVER (self), NULL);

  return g_strdup_printf ("%s://%s:%u", self->tls ? "https" : "http",
                          self->host ? self->host : "127.0.0.1", self->port);
}

const char *
hlg_server_get_uuid (HlgServer *self)
{
  g_return_val_if_fail (HLG_IS_SERVER (self), NULL);

  return hlg_server_db_get_uuid (self->db);
}

/* How many longpoll requests are waiting; safe from any thread. */
guint
hlg_server_get_n_waiting (HlgServer *self)
{
  g_return_val_if_fail (HLG_IS_SERVER (self), 0);

  return g_atomic_int_get (&self->n_waiters);
}

/**
 * hlg_server_set_clock:
 * @now: (nullable): the time the write rules see from now on; %NULL for the real clock
 *
 * For tests only (voting closes at a date): set it while no request is
 * being handled.
 */
void
hlg_server_set_clock (HlgServer *self,
                      GDateTime *now)
{
  g_return_if_fail (HLG_IS_SERVER (self));

  g_clear_pointer (&self->clock, g_date_time_unref);
  self->clock = now != NULL ? g_date_time_ref (now) : NULL;
}

gint64
hlg_server_get_doc_count (HlgServer *self)
{
  g_return_val_if_fail (HLG_IS_SERVER (self), 0);

  return hlg_server_db_get_doc_count (self->db);
}

static gboolean
is_valid_account_name (const char *name)
{
  gsize len = strlen (name);

  if (len == 0 || len > 200 || !g_utf8_validate (name, len, NULL) || name[0] == '_')
    return FALSE;

  /* Basic auth splits at the first colon; control characters have no place. */
  for (const char *p = name; *p != '\0'; p++)
    if (*p == ':' || (guchar) *p < 0x20 || *p == 0x7f)
      return FALSE;

  return TRUE;
}

/**
 * hlg_server_add_user:
 * @role: secretariat, board, author or member
 * @person_id: (nullable): the person document this account is
 *
 * Adds an account, or replaces its password, role and person.
 */
gboolean
hlg_server_add_user (HlgServer   *self,
                     const char  *name,
                     const char  *password,
                     const char  *role,
                     const char  *person_id,
                     GError     **error)
{
  g_autofree char *hash = NULL;
  HlgDocType type;

  g_return_val_if_fail (HLG_IS_SERVER (self), FALSE);
  g_return_val_if_fail (name != NULL, FALSE);
  g_return_val_if_fail (password != NULL, FALSE);

  if (!is_valid_account_name (name))
    {
      g_set_error_literal (error, HLG_SERVER_ERROR, HLG_SERVER_ERROR_BAD_REQUEST,
                           _("An account name must be 1 to 200 characters, without colons "
                             "or control characters, and not start with “_”"));
      return FALSE;
    }
  if (password[0] == '\0')
    {
      g_set_error_literal (error, HLG_SERVER_ERROR, HLG_SERVER_ERROR_BAD_REQUEST,
                           _("The password is empty"));
      return FALSE;
    }
  if (hlg_server_role_from_name (role) == HLG_SERVER_ROLE_INVALID)
    {
      g_set_error (error, HLG_SERVER_ERROR, HLG_SERVER_ERROR_BAD_REQUEST,
                   _("Unknown role “%s” (expected secretariat, board, author or member)"),
                   role ? role : "");
      return FALSE;
    }
  if (person_id != NULL && (!hlg_id_validate (person_id, &type, NULL) || type != HLG_DOC_TYPE_PERSON))
    {
      g_set_error_literal (error, HLG_SERVER_ERROR, HLG_SERVER_ERROR_BAD_REQUEST,
                           _("The person must be the ID of a person document (person:<uuid>)"));
      return FALSE;
    }

  hash = hlg_server_auth_hash_password (password, error);
  if (hash == NULL)
    return FALSE;

  if (!hlg_server_db_put_account (self->db, name, hash, role, person_id, error))
    return FALSE;

  hlg_server_auth_forget (self->auth, name);
  return TRUE;
}

/**
 * hlg_server_seed_demo:
 * @documents: (element-type HlgDocument): the documents to put
 *
 * Puts @documents as the secretariat, all in one transaction: all or none.
 */
gboolean
hlg_server_seed_demo (HlgServer  *self,
                      GPtrArray  *documents,
                      GError    **error)
{
  g_autoptr(HlgServerAccount) account = NULL;

  g_return_val_if_fail (HLG_IS_SERVER (self), FALSE);
  g_return_val_if_fail (documents != NULL, FALSE);

  account = hlg_server_account_new (SEED_ACCOUNT, HLG_SERVER_ROLE_SECRETARIAT, NULL);
  if (!hlg_server_db_begin (self->db, error))
    return FALSE;

  for (guint i = 0; i < documents->len; i++)
    {
      g_autoptr(JsonObject) object = hlg_document_dup_object (documents->pdata[i]);
      g_autoptr(GError) local_error = NULL;
      g_autoptr(GBytes) body = NULL;
      g_autofree char *id = NULL;
      g_autofree char *rev = NULL;
      char *text;

      json_object_remove_member (object, "_rev");
      text = hlg_json_object_to_string (object, FALSE);
      body = g_bytes_new_take (text, strlen (text));
      if (!write_document (self, account, NULL, body, NULL, &id, &rev, &local_error))
        {
          hlg_server_db_rollback (self->db);
          g_set_error (error, HLG_SERVER_ERROR, local_error->code,
                       _("Cannot store %s: %s"), id ? id : "?", local_error->message);
          return FALSE;
        }
    }

  if (!hlg_server_db_commit (self->db, error))
    return FALSE;

  _hlg_server_notify_waiters (self);
  return TRUE;
}

/* The demo person whose "account" is @account (hlg-demo.c names one per
 * role), so that the app signed in as it finds the same person. */
static const char *
pick_demo_person (GPtrArray  *documents,
                  const char *account)
{
  for (guint i = 0; i < documents->len; i++)
    {
      HlgDocument *person = documents->pdata[i];

      if (hlg_document_get_doc_type (person) == HLG_DOC_TYPE_PERSON &&
          g_strcmp0 (hlg_document_get_string (person, "account"), account) == 0)
        return hlg_document_get_id (person);
    }

  return NULL;
}

/**
 * hlg_server_add_demo_accounts:
 * @documents: (element-type HlgDocument): the demo documents, to find a person per role
 *
 * Adds the accounts "secretariat", "board", "author" and "member", with the
 * passwords "demo-secretariat" and so on, each linked to the demo person
 * whose "account" it is.
 */
gboolean
hlg_server_add_demo_accounts (HlgServer  *self,
                              GPtrArray  *documents,
                              GError    **error)
{
  static const char * const roles[] = { "secretariat", "board", "author", "member" };

  g_return_val_if_fail (HLG_IS_SERVER (self), FALSE);
  g_return_val_if_fail (documents != NULL, FALSE);

  for (guint i = 0; i < G_N_ELEMENTS (roles); i++)
    {
      g_autofree char *password = g_strconcat ("demo-", roles[i], NULL);

      if (!hlg_server_add_user (self, roles[i], password, roles[i],
                                pick_demo_person (documents, roles[i]), error))
        return FALSE;
    }

  return TRUE;
}
