/* hlg-json.c: small json-glib helpers the core, sync and server share
 * SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "hlg-json"

#include "config.h"

#include <glib/gi18n-lib.h>
#include <string.h>

#include "hlg-document.h"
#include "hlg-json.h"

/* json_node_copy() shares objects and arrays; an edit of a copy must not
 * reach the original (the base of a merge, for one), so copy all the way. */
JsonNode *
hlg_json_node_deep_copy (JsonNode *node)
{
  g_return_val_if_fail (node != NULL, NULL);

  switch (json_node_get_node_type (node))
    {
    case JSON_NODE_OBJECT:
      {
        g_autoptr(JsonObject) copy = hlg_json_object_deep_copy (json_node_get_object (node));

        return json_node_init_object (json_node_alloc (), copy);
      }

    case JSON_NODE_ARRAY:
      {
        JsonArray *array = json_node_get_array (node);
        guint n = json_array_get_length (array);
        g_autoptr(JsonArray) copy = json_array_sized_new (n);

        for (guint i = 0; i < n; i++)
          json_array_add_element (copy, hlg_json_node_deep_copy (json_array_get_element (array, i)));
        return json_node_init_array (json_node_alloc (), copy);
      }

    case JSON_NODE_VALUE:
    case JSON_NODE_NULL:
    default:
      return json_node_copy (node);
    }
}

JsonObject *
hlg_json_object_deep_copy (JsonObject *object)
{
  JsonObject *copy;
  JsonObjectIter iter;
  const char *name;
  JsonNode *member;

  g_return_val_if_fail (object != NULL, NULL);

  copy = json_object_new ();
  json_object_iter_init_ordered (&iter, object);
  while (json_object_iter_next_ordered (&iter, &name, &member))
    json_object_set_member (copy, name, hlg_json_node_deep_copy (member));

  return copy;
}

char *
hlg_json_object_to_string (JsonObject *object,
                           gboolean    pretty)
{
  g_autoptr(JsonNode) node = NULL;

  g_return_val_if_fail (object != NULL, NULL);

  node = json_node_init_object (json_node_alloc (), object);
  return json_to_string (node, pretty);
}

JsonObject *
hlg_json_object_from_data (const char  *data,
                           gssize       length,
                           GError     **error)
{
  g_autoptr(JsonParser) parser = NULL;
  g_autoptr(GError) local_error = NULL;
  JsonNode *root;

  if (length < 0)
    length = strlen (data);

  if (!g_utf8_validate (data, length, NULL))
    {
      g_set_error_literal (error, HLG_DOCUMENT_ERROR, HLG_DOCUMENT_ERROR_PARSE,
                           _("The text is not valid UTF-8"));
      return NULL;
    }

  parser = json_parser_new ();
  if (!json_parser_load_from_data (parser, data, length, &local_error))
    {
      g_set_error (error, HLG_DOCUMENT_ERROR, HLG_DOCUMENT_ERROR_PARSE,
                   _("The JSON cannot be parsed: %s"), local_error->message);
      return NULL;
    }

  root = json_parser_get_root (parser);
  if (root == NULL || !JSON_NODE_HOLDS_OBJECT (root))
    {
      g_set_error_literal (error, HLG_DOCUMENT_ERROR, HLG_DOCUMENT_ERROR_PARSE,
                           _("The JSON is not an object"));
      return NULL;
    }

  return json_object_ref (json_node_get_object (root));
}

/* The member @member of @object if it is an object, else %NULL. */
JsonObject *
hlg_json_object_get_object (JsonObject *object,
                            const char *member)
{
  JsonNode *node;

  g_return_val_if_fail (object != NULL, NULL);

  node = json_object_get_member (object, member);
  if (node == NULL || !JSON_NODE_HOLDS_OBJECT (node))
    return NULL;

  return json_node_get_object (node);
}
