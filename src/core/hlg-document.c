/* hlg-document.c: one JSON document of any type, with its unknown fields kept
 * SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "hlg-document"

#include "config.h"

#include <glib/gi18n-lib.h>

#include "hlg-document.h"
#include "hlg-id.h"
#include "hlg-json.h"
#include "hlg-schema.h"

struct _HlgDocument
{
  GObject     parent_instance;

  /* The whole document as read: fields this version does not know stay
   * here untouched, so a round trip never loses them. */
  JsonObject *object;
  HlgDocType  type;
  char       *read_only_reason;
  char       *id;
  gint64      schema;

  /* A document read from disk stays as its text until first used: most of
   * a large store is never looked at in a session. */
  char       *text;
  gsize       text_length;
};

G_DEFINE_FINAL_TYPE (HlgDocument, hlg_document, G_TYPE_OBJECT)
G_DEFINE_QUARK (hlg-document-error-quark, hlg_document_error)

enum {
  PROP_0,
  PROP_ID,
  PROP_TITLE,
  PROP_READ_ONLY,
  N_PROPS
};

enum {
  CHANGED,
  N_SIGNALS
};

static GParamSpec *properties[N_PROPS];
static guint signals[N_SIGNALS];

static void
hlg_document_finalize (GObject *object)
{
  HlgDocument *self = (HlgDocument *)object;

  g_clear_pointer (&self->object, json_object_unref);
  g_clear_pointer (&self->read_only_reason, g_free);
  g_clear_pointer (&self->id, g_free);
  g_clear_pointer (&self->text, g_free);

  G_OBJECT_CLASS (hlg_document_parent_class)->finalize (object);
}

static void
hlg_document_get_property (GObject    *object,
                           guint       prop_id,
                           GValue     *value,
                           GParamSpec *pspec)
{
  HlgDocument *self = HLG_DOCUMENT (object);

  switch (prop_id)
    {
    case PROP_ID:
      g_value_set_string (value, hlg_document_get_id (self));
      break;

    case PROP_TITLE:
      g_value_set_string (value, hlg_document_get_title (self));
      break;

    case PROP_READ_ONLY:
      g_value_set_boolean (value, hlg_document_is_read_only (self));
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
hlg_document_class_init (HlgDocumentClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->finalize = hlg_document_finalize;
  object_class->get_property = hlg_document_get_property;

  properties[PROP_ID] =
    g_param_spec_string ("id", NULL, NULL, NULL,
                         G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);
  properties[PROP_TITLE] =
    g_param_spec_string ("title", NULL, NULL, NULL,
                         G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);
  properties[PROP_READ_ONLY] =
    g_param_spec_boolean ("read-only", NULL, NULL, FALSE,
                          G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  /* Emitted after any change of content, by an edit or a replacement. */
  signals[CHANGED] =
    g_signal_new ("changed", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL, G_TYPE_NONE, 0);
}

static void
hlg_document_init (HlgDocument *self)
{
}

static JsonObject *
get_obj (HlgDocument *self)
{
  g_autoptr(GError) error = NULL;

  if (self->object != NULL)
    return self->object;

  self->object = hlg_json_object_from_data (self->text, self->text_length, &error);
  if (self->object == NULL)
    {
      /* The text passed the strict scan, so this does not happen; if it
       * did, the document shows as unreadable rather than vanishing. */
      self->object = json_object_new ();
      json_object_set_string_member (self->object, "_id", self->id);
      json_object_set_string_member (self->object, "type", hlg_doc_type_to_name (self->type));
      json_object_set_int_member (self->object, "schema", self->schema);
      g_free (self->read_only_reason);
      self->read_only_reason = g_strdup (error->message);
    }
  g_clear_pointer (&self->text, g_free);

  return self->object;
}

static void
update_read_only (HlgDocument *self)
{
  gint64 schema = self->schema;

  g_clear_pointer (&self->read_only_reason, g_free);
  if (schema > HLG_SCHEMA_VERSION)
    self->read_only_reason =
      g_strdup_printf (_("This document was written by a newer version of HLG-MOS "
                         "(format %lld, this version knows up to %d). "
                         "Update the app to edit it."),
                       (long long) schema, HLG_SCHEMA_VERSION);
}

static void
emit_changed (HlgDocument *self)
{
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_TITLE]);
  g_signal_emit (self, signals[CHANGED], 0);
}

HlgDocument *
hlg_document_new (HlgDocType type)
{
  HlgDocument *self;
  g_autofree char *id = NULL;

  g_return_val_if_fail (type >= 0 && type < HLG_N_DOC_TYPES, NULL);

  id = hlg_id_new (type);
  self = g_object_new (HLG_TYPE_DOCUMENT, NULL);
  self->type = type;
  self->id = g_steal_pointer (&id);
  self->schema = HLG_SCHEMA_VERSION;
  self->object = json_object_new ();
  json_object_set_string_member (self->object, "_id", self->id);
  json_object_set_string_member (self->object, "type", hlg_doc_type_to_name (type));
  json_object_set_int_member (self->object, "schema", HLG_SCHEMA_VERSION);

  return self;
}

/* Checks what every document must have, whatever its type: a valid _id
 * whose type matches "type", and a positive integer "schema"
 * (@schema_is_int says whether it is an integer at all). */
static gboolean
check_envelope_values (const char  *id,
                       const char  *type_name,
                       gboolean     schema_is_int,
                       gint64       schema,
                       HlgDocType  *out_type,
                       GError     **error)
{
  g_autoptr(GError) id_error = NULL;
  HlgDocType type;

  if (!hlg_id_validate (id, &type, &id_error))
    {
      g_set_error (error, HLG_DOCUMENT_ERROR, HLG_DOCUMENT_ERROR_INVALID,
                   _("Bad document ID: %s"), id_error->message);
      return FALSE;
    }

  if (hlg_doc_type_from_name (type_name) != type)
    {
      g_set_error_literal (error, HLG_DOCUMENT_ERROR, HLG_DOCUMENT_ERROR_INVALID,
                           _("The document’s “type” does not match its ID"));
      return FALSE;
    }

  if (!schema_is_int || schema < 1)
    {
      g_set_error_literal (error, HLG_DOCUMENT_ERROR, HLG_DOCUMENT_ERROR_INVALID,
                           _("The document has no valid “schema” number"));
      return FALSE;
    }

  *out_type = type;
  return TRUE;
}

static gboolean
check_envelope (JsonObject  *object,
                HlgDocType  *out_type,
                GError     **error)
{
  JsonNode *schema = json_object_get_member (object, "schema");
  gboolean schema_is_int = schema != NULL && JSON_NODE_HOLDS_VALUE (schema) &&
                           json_node_get_value_type (schema) == G_TYPE_INT64;

  return check_envelope_values (json_object_get_string_member_with_default (object, "_id", NULL),
                                json_object_get_string_member_with_default (object, "type", NULL),
                                schema_is_int, schema_is_int ? json_node_get_int (schema) : 0,
                                out_type, error);
}

/**
 * hlg_document_new_from_object:
 * @object: (transfer none): the document; a reference is taken
 *
 * Wraps @object if it is a document: a valid _id, a matching type and a
 * schema number. Field values are checked by hlg_document_validate().
 */
HlgDocument *
hlg_document_new_from_object (JsonObject  *object,
                              GError     **error)
{
  HlgDocument *self;
  HlgDocType type;

  g_return_val_if_fail (object != NULL, NULL);

  if (!check_envelope (object, &type, error))
    return NULL;

  self = g_object_new (HLG_TYPE_DOCUMENT, NULL);
  self->type = type;
  self->id = g_strdup (json_object_get_string_member (object, "_id"));
  self->schema = json_object_get_int_member (object, "schema");
  self->object = json_object_ref (object);
  update_read_only (self);

  return self;
}

/**
 * hlg_document_new_from_text:
 * @text: (transfer full): the document's JSON text, valid UTF-8
 *
 * Like hlg_document_new_from_json(), but checks the text with a strict
 * scan and builds the tree only when the document is first used.
 */
HlgDocument *
hlg_document_new_from_text (char        *text,
                            gsize        length,
                            GError     **error)
{
  g_autofree char *owned = text;
  g_autofree char *id = NULL;
  g_autofree char *type_name = NULL;
  g_autoptr(GError) id_error = NULL;
  HlgJsonMember members[] = { { "_id" }, { "type" }, { "schema" } };
  HlgDocument *self;
  HlgDocType type;
  gint64 schema;

  g_return_val_if_fail (text != NULL, NULL);

  if (!hlg_json_scan_object (text, length, members, G_N_ELEMENTS (members), error))
    return NULL;

  id = hlg_json_member_dup_string (&members[0]);
  if (!hlg_id_validate (id, &type, &id_error))
    {
      g_set_error (error, HLG_DOCUMENT_ERROR, HLG_DOCUMENT_ERROR_INVALID,
                   _("Bad document ID: %s"), id_error->message);
      return NULL;
    }

  type_name = hlg_json_member_dup_string (&members[1]);
  if (hlg_doc_type_from_name (type_name) != type)
    {
      g_set_error_literal (error, HLG_DOCUMENT_ERROR, HLG_DOCUMENT_ERROR_INVALID,
                           _("The document’s “type” does not match its ID"));
      return NULL;
    }

  if (!hlg_json_member_get_int (&members[2], &schema) || schema < 1)
    {
      g_set_error_literal (error, HLG_DOCUMENT_ERROR, HLG_DOCUMENT_ERROR_INVALID,
                           _("The document has no valid “schema” number"));
      return NULL;
    }

  self = g_object_new (HLG_TYPE_DOCUMENT, NULL);
  self->type = type;
  self->id = g_steal_pointer (&id);
  self->schema = schema;
  self->text = g_steal_pointer (&owned);
  self->text_length = length;
  update_read_only (self);

  return self;
}

/**
 * hlg_document_peek_text:
 * @length: (out) (optional): the text's length
 *
 * Returns: (nullable): the text a document made by
 *   hlg_document_new_from_text() still keeps, or %NULL once its tree is
 *   built (the text goes then)
 */
const char *
hlg_document_peek_text (HlgDocument *self,
                        gsize       *length)
{
  g_return_val_if_fail (HLG_IS_DOCUMENT (self), NULL);

  if (length != NULL)
    *length = self->text != NULL ? self->text_length : 0;
  return self->text;
}

HlgDocument *
hlg_document_new_from_json (const char  *json,
                            gssize       length,
                            GError     **error)
{
  g_autoptr(JsonObject) object = NULL;

  g_return_val_if_fail (json != NULL, NULL);

  object = hlg_json_object_from_data (json, length, error);
  if (object == NULL)
    return NULL;

  return hlg_document_new_from_object (object, error);
}

char *
hlg_document_to_json (HlgDocument *self,
                      gboolean     pretty)
{
  g_return_val_if_fail (HLG_IS_DOCUMENT (self), NULL);

  return hlg_json_object_to_string (get_obj (self), pretty);
}

const char *
hlg_document_get_id (HlgDocument *self)
{
  g_return_val_if_fail (HLG_IS_DOCUMENT (self), NULL);

  return self->id;
}

HlgDocType
hlg_document_get_doc_type (HlgDocument *self)
{
  g_return_val_if_fail (HLG_IS_DOCUMENT (self), HLG_DOC_TYPE_INVALID);

  return self->type;
}

const char *
hlg_document_get_rev (HlgDocument *self)
{
  return hlg_document_get_string (self, "_rev");
}

void
hlg_document_set_rev (HlgDocument *self,
                      const char  *rev)
{
  g_return_if_fail (HLG_IS_DOCUMENT (self));

  if (rev != NULL)
    json_object_set_string_member (get_obj (self), "_rev", rev);
  else if (json_object_has_member (get_obj (self), "_rev"))
    json_object_remove_member (get_obj (self), "_rev");
}

gint64
hlg_document_get_schema (HlgDocument *self)
{
  g_return_val_if_fail (HLG_IS_DOCUMENT (self), 0);

  return self->schema;
}

gboolean
hlg_document_is_read_only (HlgDocument *self)
{
  g_return_val_if_fail (HLG_IS_DOCUMENT (self), TRUE);

  return self->read_only_reason != NULL;
}

const char *
hlg_document_get_read_only_reason (HlgDocument *self)
{
  g_return_val_if_fail (HLG_IS_DOCUMENT (self), NULL);

  return self->read_only_reason;
}

/* What a person calls the document: its title, name or topic. */
const char *
hlg_document_get_title (HlgDocument *self)
{
  static const char * const candidates[] = { "title", "name", "topic" };

  g_return_val_if_fail (HLG_IS_DOCUMENT (self), NULL);

  for (guint i = 0; i < G_N_ELEMENTS (candidates); i++)
    {
      const char *s = hlg_document_get_string (self, candidates[i]);

      if (s != NULL)
        return s;
    }

  return hlg_document_get_id (self);
}

/**
 * hlg_document_get_object:
 *
 * Returns: (transfer none): the document's content, to read, not to change
 */
JsonObject *
hlg_document_get_object (HlgDocument *self)
{
  g_return_val_if_fail (HLG_IS_DOCUMENT (self), NULL);

  return get_obj (self);
}

JsonObject *
hlg_document_dup_object (HlgDocument *self)
{
  g_return_val_if_fail (HLG_IS_DOCUMENT (self), NULL);

  return hlg_json_object_deep_copy (get_obj (self));
}

/**
 * hlg_document_replace_object:
 * @object: (transfer none): the new content, with the same _id
 *
 * Replaces the whole content, as when the store reads a newer version of
 * the same document. Refused when @object is another document.
 */
gboolean
hlg_document_replace_object (HlgDocument  *self,
                             JsonObject   *object,
                             GError      **error)
{
  HlgDocType type;

  g_return_val_if_fail (HLG_IS_DOCUMENT (self), FALSE);
  g_return_val_if_fail (object != NULL, FALSE);

  if (!check_envelope (object, &type, error))
    return FALSE;

  if (g_strcmp0 (json_object_get_string_member (object, "_id"), hlg_document_get_id (self)) != 0)
    {
      g_set_error_literal (error, HLG_DOCUMENT_ERROR, HLG_DOCUMENT_ERROR_INVALID,
                           _("The new content belongs to another document"));
      return FALSE;
    }

  json_object_ref (object);
  g_clear_pointer (&self->object, json_object_unref);
  g_clear_pointer (&self->text, g_free);
  self->object = object;
  self->schema = json_object_get_int_member (object, "schema");
  update_read_only (self);
  emit_changed (self);

  return TRUE;
}

gboolean
hlg_document_validate (HlgDocument  *self,
                       GError      **error)
{
  HlgDocType type;

  g_return_val_if_fail (HLG_IS_DOCUMENT (self), FALSE);

  if (!check_envelope (get_obj (self), &type, error))
    return FALSE;

  return hlg_schema_validate (self->type, get_obj (self), error);
}

/**
 * hlg_document_validate_index:
 * @object: the document's place in @index
 * @id: (nullable): the document's ID, for a text that may have no _id
 *   (one written to a server, which gives it this one)
 *
 * hlg_document_validate() of a document's text, without a tree.
 *
 * Returns: whether it is a valid document
 */
gboolean
hlg_document_validate_index (HlgJsonIndex  *index,
                             guint          object,
                             const char    *id,
                             GError       **error)
{
  g_autofree char *type_name = NULL;
  g_autofree char *own_id = NULL;
  HlgDocType type;
  guint member;
  gboolean schema_is_int;

  g_return_val_if_fail (index != NULL, FALSE);
  g_return_val_if_fail (hlg_json_index_get_kind (index, object) == HLG_JSON_OBJECT, FALSE);

  if (id == NULL && (member = hlg_json_index_lookup (index, object, "_id")) != 0 &&
      hlg_json_index_get_kind (index, member) == HLG_JSON_STRING)
    id = own_id = g_strdup (hlg_json_index_get_string (index, member));
  if ((member = hlg_json_index_lookup (index, object, "type")) != 0 &&
      hlg_json_index_get_kind (index, member) == HLG_JSON_STRING)
    type_name = g_strdup (hlg_json_index_get_string (index, member));
  member = hlg_json_index_lookup (index, object, "schema");
  schema_is_int = member != 0 && hlg_json_index_get_kind (index, member) == HLG_JSON_INT;

  if (!check_envelope_values (id, type_name, schema_is_int,
                              schema_is_int ? hlg_json_index_get_int (index, member) : 0,
                              &type, error))
    return FALSE;

  return hlg_schema_validate_index (type, index, object, error);
}

const char *
hlg_document_get_string (HlgDocument *self,
                         const char  *field)
{
  g_return_val_if_fail (HLG_IS_DOCUMENT (self), NULL);
  g_return_val_if_fail (field != NULL, NULL);

  return json_object_get_string_member_with_default (get_obj (self), field, NULL);
}

gint64
hlg_document_get_int (HlgDocument *self,
                      const char  *field,
                      gint64       fallback)
{
  JsonNode *node;

  g_return_val_if_fail (HLG_IS_DOCUMENT (self), fallback);
  g_return_val_if_fail (field != NULL, fallback);

  node = json_object_get_member (get_obj (self), field);
  if (node == NULL || !JSON_NODE_HOLDS_VALUE (node) ||
      json_node_get_value_type (node) != G_TYPE_INT64)
    return fallback;

  return json_node_get_int (node);
}

gboolean
hlg_document_get_boolean (HlgDocument *self,
                          const char  *field)
{
  g_return_val_if_fail (HLG_IS_DOCUMENT (self), FALSE);
  g_return_val_if_fail (field != NULL, FALSE);

  return json_object_get_boolean_member_with_default (get_obj (self), field, FALSE);
}

/**
 * hlg_document_get_array:
 *
 * Returns: (transfer none) (nullable): the array, to read, not to change
 */
JsonArray *
hlg_document_get_array (HlgDocument *self,
                        const char  *field)
{
  JsonNode *node;

  g_return_val_if_fail (HLG_IS_DOCUMENT (self), NULL);
  g_return_val_if_fail (field != NULL, NULL);

  node = json_object_get_member (get_obj (self), field);
  if (node == NULL || !JSON_NODE_HOLDS_ARRAY (node))
    return NULL;

  return json_node_get_array (node);
}

/**
 * hlg_document_set_member:
 * @value: (transfer full): the new value, or %NULL to remove the field
 *
 * Sets one field. Refused for read-only documents and for the fields that
 * make the document what it is (_id, type, schema).
 */
gboolean
hlg_document_set_member (HlgDocument  *self,
                         const char   *field,
                         JsonNode     *value,
                         GError      **error)
{
  g_autoptr(JsonNode) owned = value;

  g_return_val_if_fail (HLG_IS_DOCUMENT (self), FALSE);
  g_return_val_if_fail (field != NULL, FALSE);

  if (self->read_only_reason != NULL)
    {
      g_set_error_literal (error, HLG_DOCUMENT_ERROR, HLG_DOCUMENT_ERROR_READ_ONLY,
                           self->read_only_reason);
      return FALSE;
    }

  if (g_str_equal (field, "_id") || g_str_equal (field, "type") || g_str_equal (field, "schema"))
    {
      g_set_error (error, HLG_DOCUMENT_ERROR, HLG_DOCUMENT_ERROR_INVALID,
                   _("The field “%s” cannot be changed"), field);
      return FALSE;
    }

  if (value == NULL)
    {
      if (!json_object_has_member (get_obj (self), field))
        return TRUE;
      json_object_remove_member (get_obj (self), field);
    }
  else
    {
      JsonNode *old = json_object_get_member (get_obj (self), field);

      if (old != NULL && json_node_equal (old, value))
        return TRUE;
      json_object_set_member (get_obj (self), field, g_steal_pointer (&owned));
    }

  emit_changed (self);
  return TRUE;
}

gboolean
hlg_document_set_string (HlgDocument  *self,
                         const char   *field,
                         const char   *value,
                         GError      **error)
{
  JsonNode *node = NULL;

  if (value != NULL)
    node = json_node_init_string (json_node_alloc (), value);

  return hlg_document_set_member (self, field, node, error);
}

gboolean
hlg_document_set_int (HlgDocument  *self,
                      const char   *field,
                      gint64        value,
                      GError      **error)
{
  return hlg_document_set_member (self, field, json_node_init_int (json_node_alloc (), value), error);
}

gboolean
hlg_document_set_boolean (HlgDocument  *self,
                          const char   *field,
                          gboolean      value,
                          GError      **error)
{
  return hlg_document_set_member (self, field,
                                  json_node_init_boolean (json_node_alloc (), value), error);
}
