/* hlg-merge.c: three-way merge of JSON documents, with conflict records
 * SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "hlg-merge"

#include "config.h"

#include <string.h>

#include "hlg-json.h"
#include "hlg-merge.h"

/* A conflict record is a JSON object:
 *   {"path": "/work_packages/wp-2/title", "mine": ..., "theirs": ..., "base": ...}
 * "path" is a JSON Pointer (RFC 6901) except that an item of an array of
 * objects is named by its "id", not its index, so the path still holds
 * after the array is reordered. "" is the whole document. A side that
 * deleted the value has no member. The merged document holds "mine",
 * except where one side deleted and the other edited: the edit is kept. */

static gboolean
nodes_equal (JsonNode *a,
             JsonNode *b)
{
  if (a == NULL || b == NULL)
    return a == b;

  return json_node_equal (a, b);
}

static JsonNode *
copy_or_null (JsonNode *node)
{
  return node != NULL ? hlg_json_node_deep_copy (node) : NULL;
}

/**
 * hlg_merge_conflict_new:
 * @mine: (nullable): the local value, %NULL if deleted
 * @theirs: (nullable): the server's value, %NULL if deleted
 * @base: (nullable): the value both started from, %NULL if absent
 *
 * Returns: (transfer full): a conflict record holding copies of the values
 */
JsonObject *
hlg_merge_conflict_new (const char *path,
                        JsonNode   *mine,
                        JsonNode   *theirs,
                        JsonNode   *base)
{
  JsonObject *record = json_object_new ();

  g_return_val_if_fail (path != NULL, NULL);

  json_object_set_string_member (record, "path", path);
  if (mine != NULL)
    json_object_set_member (record, "mine", hlg_json_node_deep_copy (mine));
  if (theirs != NULL)
    json_object_set_member (record, "theirs", hlg_json_node_deep_copy (theirs));
  if (base != NULL)
    json_object_set_member (record, "base", hlg_json_node_deep_copy (base));

  return record;
}

char *
hlg_merge_path_append (const char *path,
                       const char *segment)
{
  GString *s = g_string_new (path);

  g_string_append_c (s, '/');
  for (const char *p = segment; *p != '\0'; p++)
    {
      if (*p == '~')
        g_string_append (s, "~0");
      else if (*p == '/')
        g_string_append (s, "~1");
      else
        g_string_append_c (s, *p);
    }

  return g_string_free (s, FALSE);
}

/* Splits "/a/b~1c" into {"a", "b/c"}; NULL if @path is not a pointer. */
static char **
split_path (const char *path)
{
  g_auto(GStrv) parts = NULL;

  if (path[0] != '/')
    return NULL;

  parts = g_strsplit (path + 1, "/", -1);
  for (guint i = 0; parts[i] != NULL; i++)
    {
      GString *s = g_string_new (NULL);

      for (const char *p = parts[i]; *p != '\0'; p++)
        {
          if (p[0] == '~' && p[1] == '1')
            g_string_append_c (s, '/'), p++;
          else if (p[0] == '~' && p[1] == '0')
            g_string_append_c (s, '~'), p++;
          else
            g_string_append_c (s, *p);
        }
      g_free (parts[i]);
      parts[i] = g_string_free (s, FALSE);
    }

  return g_steal_pointer (&parts);
}

/* The "id" of an array item, or NULL when it has none. */
static const char *
item_id (JsonNode *node)
{
  JsonNode *id;

  if (node == NULL || !JSON_NODE_HOLDS_OBJECT (node))
    return NULL;

  id = json_object_get_member (json_node_get_object (node), "id");
  if (id == NULL || !JSON_NODE_HOLDS_VALUE (id) || json_node_get_value_type (id) != G_TYPE_STRING)
    return NULL;

  return json_node_get_string (id);
}

static int
find_item (JsonArray  *array,
           const char *id)
{
  guint n = json_array_get_length (array);

  for (guint i = 0; i < n; i++)
    if (g_strcmp0 (item_id (json_array_get_element (array, i)), id) == 0)
      return i;

  return -1;
}

static JsonNode *
child_of (JsonNode   *node,
          const char *segment)
{
  if (node == NULL)
    return NULL;

  if (JSON_NODE_HOLDS_OBJECT (node))
    return json_object_get_member (json_node_get_object (node), segment);

  if (JSON_NODE_HOLDS_ARRAY (node))
    {
      int i = find_item (json_node_get_array (node), segment);

      return i >= 0 ? json_array_get_element (json_node_get_array (node), i) : NULL;
    }

  return NULL;
}

/**
 * hlg_merge_get_path:
 *
 * Returns: (transfer none) (nullable): the value at @path in @object
 */
JsonNode *
hlg_merge_get_path (JsonObject *object,
                    const char *path)
{
  g_auto(GStrv) parts = NULL;
  g_autoptr(JsonNode) root = NULL;
  JsonNode *node;

  g_return_val_if_fail (object != NULL, NULL);
  g_return_val_if_fail (path != NULL, NULL);

  parts = split_path (path);
  if (parts == NULL)
    return NULL;

  root = json_node_init_object (json_node_alloc (), object);
  node = root;
  for (guint i = 0; parts[i] != NULL && node != NULL; i++)
    node = child_of (node, parts[i]);

  return node != root ? node : NULL;
}

/**
 * hlg_merge_set_path:
 * @value: (transfer full) (nullable): the new value, %NULL to remove it
 *
 * Sets the value at @path, creating the objects on the way, or removes it.
 * A new item of an array of objects goes at the end.
 */
void
hlg_merge_set_path (JsonObject *object,
                    const char *path,
                    JsonNode   *value)
{
  g_autoptr(JsonNode) owned = value;
  g_auto(GStrv) parts = NULL;
  g_autoptr(JsonNode) root = NULL;
  JsonNode *node;
  guint n;

  g_return_if_fail (object != NULL);
  g_return_if_fail (path != NULL);

  parts = split_path (path);
  if (parts == NULL || parts[0] == NULL)
    return;

  n = g_strv_length (parts);
  root = json_node_init_object (json_node_alloc (), object);
  node = root;
  for (guint i = 0; i + 1 < n; i++)
    {
      JsonNode *child = child_of (node, parts[i]);

      if (child == NULL)
        {
          if (owned == NULL || !JSON_NODE_HOLDS_OBJECT (node))
            return;
          json_object_set_object_member (json_node_get_object (node), parts[i], json_object_new ());
          child = json_object_get_member (json_node_get_object (node), parts[i]);
        }
      node = child;
    }

  if (JSON_NODE_HOLDS_OBJECT (node))
    {
      JsonObject *parent = json_node_get_object (node);

      if (owned != NULL)
        json_object_set_member (parent, parts[n - 1], g_steal_pointer (&owned));
      else if (json_object_has_member (parent, parts[n - 1]))
        json_object_remove_member (parent, parts[n - 1]);
    }
  else if (JSON_NODE_HOLDS_ARRAY (node))
    {
      JsonArray *array = json_node_get_array (node);
      int i = find_item (array, parts[n - 1]);

      if (i >= 0)
        json_array_remove_element (array, i);
      if (owned == NULL)
        return;

      if (i >= 0)
        {
          /* json-glib has no insert: rebuild the tail to keep the place. */
          g_autoptr(GPtrArray) tail = g_ptr_array_new_with_free_func ((GDestroyNotify) json_node_unref);

          while (json_array_get_length (array) > (guint) i)
            {
              g_ptr_array_add (tail, json_node_ref (json_array_get_element (array, i)));
              json_array_remove_element (array, i);
            }
          json_array_add_element (array, g_steal_pointer (&owned));
          for (guint k = 0; k < tail->len; k++)
            json_array_add_element (array, json_node_ref (g_ptr_array_index (tail, k)));
        }
      else
        {
          json_array_add_element (array, g_steal_pointer (&owned));
        }
    }
}

/* An array every item of which is an object with a distinct string "id". */
static gboolean
is_keyed_array (JsonNode *node)
{
  g_autoptr(GHashTable) seen = NULL;
  JsonArray *array;
  guint n;

  if (node == NULL || !JSON_NODE_HOLDS_ARRAY (node))
    return FALSE;

  array = json_node_get_array (node);
  n = json_array_get_length (array);
  seen = g_hash_table_new (g_str_hash, g_str_equal);
  for (guint i = 0; i < n; i++)
    {
      const char *id = item_id (json_array_get_element (array, i));

      if (id == NULL || !g_hash_table_add (seen, (gpointer) id))
        return FALSE;
    }

  return TRUE;
}

static JsonObject *merge_objects (JsonObject *base,
                                  JsonObject *mine,
                                  JsonObject *theirs,
                                  const char *path,
                                  GPtrArray  *conflicts);

static JsonNode *merge_arrays (JsonArray  *base,
                               JsonArray  *mine,
                               JsonArray  *theirs,
                               const char *path,
                               GPtrArray  *conflicts);

/* Merges one value; returns the result, %NULL when it is absent. */
static JsonNode *
merge_values (JsonNode   *base,
              JsonNode   *mine,
              JsonNode   *theirs,
              const char *path,
              GPtrArray  *conflicts)
{
  if (nodes_equal (mine, theirs))
    return copy_or_null (mine);
  if (nodes_equal (base, mine))
    return copy_or_null (theirs);
  if (nodes_equal (base, theirs))
    return copy_or_null (mine);

  /* Both changed it, differently: look inside when both sides are
   * containers of the same kind. */
  if (mine != NULL && theirs != NULL &&
      JSON_NODE_HOLDS_OBJECT (mine) && JSON_NODE_HOLDS_OBJECT (theirs) &&
      (base == NULL || JSON_NODE_HOLDS_OBJECT (base)))
    {
      g_autoptr(JsonObject) merged =
        merge_objects (base != NULL ? json_node_get_object (base) : NULL,
                       json_node_get_object (mine), json_node_get_object (theirs),
                       path, conflicts);

      return json_node_init_object (json_node_alloc (), merged);
    }

  if (is_keyed_array (mine) && is_keyed_array (theirs) && (base == NULL || is_keyed_array (base)))
    return merge_arrays (base != NULL ? json_node_get_array (base) : NULL,
                         json_node_get_array (mine), json_node_get_array (theirs),
                         path, conflicts);

  /* One side deleted and the other edited: the edit is kept. */
  if (mine == NULL)
    {
      g_ptr_array_add (conflicts, hlg_merge_conflict_new (path, mine, theirs, base));
      return hlg_json_node_deep_copy (theirs);
    }

  g_ptr_array_add (conflicts, hlg_merge_conflict_new (path, mine, theirs, base));
  return hlg_json_node_deep_copy (mine);
}

static JsonObject *
merge_objects (JsonObject *base,
               JsonObject *mine,
               JsonObject *theirs,
               const char *path,
               GPtrArray  *conflicts)
{
  JsonObject *result = json_object_new ();
  g_autoptr(GPtrArray) keys = g_ptr_array_new ();
  g_autoptr(GHashTable) seen = g_hash_table_new (g_str_hash, g_str_equal);
  JsonObject *sources[3] = { theirs, mine, base };

  /* Theirs' order, then what only mine has, then what only the base had. */
  for (guint s = 0; s < G_N_ELEMENTS (sources); s++)
    {
      JsonObjectIter iter;
      const char *name;
      JsonNode *member;

      if (sources[s] == NULL)
        continue;

      json_object_iter_init_ordered (&iter, sources[s]);
      while (json_object_iter_next_ordered (&iter, &name, &member))
        if (g_hash_table_add (seen, (gpointer) name))
          g_ptr_array_add (keys, (gpointer) name);
    }

  for (guint i = 0; i < keys->len; i++)
    {
      const char *key = g_ptr_array_index (keys, i);
      g_autofree char *child_path = hlg_merge_path_append (path, key);
      JsonNode *value;

      value = merge_values (base != NULL ? json_object_get_member (base, key) : NULL,
                            json_object_get_member (mine, key),
                            json_object_get_member (theirs, key),
                            child_path, conflicts);
      if (value != NULL)
        json_object_set_member (result, key, value);
    }

  return result;
}

static JsonNode *
item_by_id (JsonArray  *array,
            const char *id)
{
  int i;

  if (array == NULL)
    return NULL;

  i = find_item (array, id);
  return i >= 0 ? json_array_get_element (array, i) : NULL;
}

static guint
index_of_id (GPtrArray  *order,
             const char *id)
{
  for (guint i = 0; i < order->len; i++)
    if (g_str_equal (g_ptr_array_index (order, i), id))
      return i;

  return G_MAXUINT;
}

/* Arrays of objects, item by item, by "id": insertions, deletions and
 * edits from both sides. The order is theirs', with mine's additions
 * after the item that precedes them in mine. */
static JsonNode *
merge_arrays (JsonArray  *base,
              JsonArray  *mine,
              JsonArray  *theirs,
              const char *path,
              GPtrArray  *conflicts)
{
  g_autoptr(GPtrArray) order = g_ptr_array_new (); /* ids, borrowed */
  g_autoptr(GHashTable) merged = NULL;              /* id -> JsonNode */
  g_autoptr(JsonArray) result = NULL;
  guint n_mine = json_array_get_length (mine);
  guint n_theirs = json_array_get_length (theirs);
  const char *anchor = NULL;

  merged = g_hash_table_new_full (g_str_hash, g_str_equal, NULL, (GDestroyNotify) json_node_unref);

  for (guint i = 0; i < n_theirs; i++)
    g_ptr_array_add (order, (gpointer) item_id (json_array_get_element (theirs, i)));

  for (guint i = 0; i < n_mine; i++)
    {
      const char *id = item_id (json_array_get_element (mine, i));
      guint at = index_of_id (order, id);

      if (at == G_MAXUINT)
        {
          at = anchor != NULL ? index_of_id (order, anchor) + 1 : 0;
          g_ptr_array_insert (order, at, (gpointer) id);
        }
      anchor = id;
    }

  /* Items only the base had were deleted on both sides: gone. */
  result = json_array_sized_new (order->len);
  for (guint i = 0; i < order->len; i++)
    {
      const char *id = g_ptr_array_index (order, i);
      g_autofree char *child_path = hlg_merge_path_append (path, id);
      JsonNode *value;

      value = merge_values (item_by_id (base, id), item_by_id (mine, id), item_by_id (theirs, id),
                            child_path, conflicts);
      if (value != NULL)
        json_array_add_element (result, value);
    }

  return json_node_init_array (json_node_alloc (), result);
}

/**
 * hlg_merge:
 * @base: (nullable): the version both sides started from; %NULL when both
 *   created the document independently
 * @mine: the local version
 * @theirs: the server's version
 * @conflicts: (out) (optional) (transfer container) (element-type JsonObject):
 *   a conflict record for each value both sides changed differently
 *
 * Merges objects key by key, arrays of objects item by item by their "id",
 * other values whole. Where both sides changed a value differently the
 * local value stays and the record keeps the other one; where one side
 * deleted a value the other edited, the edit stays. Nothing is dropped
 * without a record. The inputs are not changed.
 *
 * Returns: (transfer full): the merged object
 */
JsonObject *
hlg_merge (JsonObject  *base,
           JsonObject  *mine,
           JsonObject  *theirs,
           GPtrArray  **conflicts)
{
  g_autoptr(GPtrArray) records = NULL;
  JsonObject *result;

  g_return_val_if_fail (mine != NULL, NULL);
  g_return_val_if_fail (theirs != NULL, NULL);

  records = g_ptr_array_new_with_free_func ((GDestroyNotify) json_object_unref);
  result = merge_objects (base, mine, theirs, "", records);

  if (conflicts != NULL)
    *conflicts = g_steal_pointer (&records);

  return result;
}

/**
 * hlg_merge_take:
 * @merged: a merged document
 * @conflicts: (element-type JsonObject): its conflict records
 * @take: which side each record resolves to
 *
 * Returns: (transfer full): a copy of @merged with every conflicting value
 *   set to @take's side (removed where that side deleted it)
 */
JsonObject *
hlg_merge_take (JsonObject   *merged,
                GPtrArray    *conflicts,
                HlgMergeTake  take)
{
  JsonObject *result;
  const char *side = take == HLG_MERGE_TAKE_MINE ? "mine" : "theirs";

  g_return_val_if_fail (merged != NULL, NULL);
  g_return_val_if_fail (conflicts != NULL, NULL);

  result = hlg_json_object_deep_copy (merged);
  for (guint i = 0; i < conflicts->len; i++)
    {
      JsonObject *record = g_ptr_array_index (conflicts, i);
      const char *path = json_object_get_string_member_with_default (record, "path", "");
      JsonNode *value = json_object_get_member (record, side);

      if (path[0] == '\0')
        continue;
      hlg_merge_set_path (result, path, copy_or_null (value));
    }

  return result;
}
