/* test-util.c: temporary folders, stores and reference checks shared by the tests
 * SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <glib/gstdio.h>

#include "test-util.h"

/* A new folder from @tmpl (as for g_dir_make_tmp); the test fails without one. */
char *
test_util_make_tmp_dir (const char *tmpl)
{
  char *dir = g_dir_make_tmp (tmpl, NULL);

  g_assert_nonnull (dir);
  return dir;
}

void
test_util_remove_tree (const char *path)
{
  g_autoptr(GDir) dir = g_dir_open (path, 0, NULL);
  const char *name;

  while (dir != NULL && (name = g_dir_read_name (dir)))
    {
      g_autofree char *child = g_build_filename (path, name, NULL);

      test_util_remove_tree (child);
    }
  g_remove (path);
}

void
test_util_dir_set_up (TestUtilDir   *f,
                      gconstpointer  data)
{
  g_autofree char *program = g_path_get_basename (g_get_prgname ());
  const char *unit = g_str_has_prefix (program, "test-") ? program + 5 : program;
  g_autofree char *tmpl = g_strdup_printf ("hlg-%s-XXXXXX", unit);

  f->dir = test_util_make_tmp_dir (tmpl);
}

void
test_util_dir_tear_down (TestUtilDir   *f,
                         gconstpointer  data)
{
  test_util_remove_tree (f->dir);
  g_free (f->dir);
}

/* The store at @path, loaded without an error. */
HlgStore *
test_util_open_store (const char *path)
{
  HlgStore *store = hlg_store_new (path);
  g_autoptr(GError) error = NULL;

  g_assert_true (hlg_store_load (store, NULL, &error));
  g_assert_no_error (error);
  return store;
}

/* Asserts that @doc is valid, naming it and the problem when not. */
void
test_util_assert_valid (HlgDocument *doc)
{
  g_autoptr(GError) error = NULL;

  if (!hlg_document_validate (doc, &error))
    g_test_message ("%s: %s", hlg_document_get_id (doc), error->message);
  g_assert_no_error (error);
}

/* Adds to @out every ID that @object, described by @fields, refers to. */
void
test_util_collect_refs (const HlgField *fields,
                        JsonObject     *object,
                        GPtrArray      *out)
{
  for (const HlgField *field = fields; field->name != NULL; field++)
    {
      JsonNode *node = json_object_get_member (object, field->name);

      if (node == NULL || JSON_NODE_HOLDS_NULL (node))
        continue;

      switch (field->kind)
        {
        case HLG_FIELD_REF:
          g_ptr_array_add (out, (gpointer) json_node_get_string (node));
          break;

        case HLG_FIELD_REFS:
          {
            JsonArray *array = json_node_get_array (node);

            for (guint i = 0; i < json_array_get_length (array); i++)
              g_ptr_array_add (out, (gpointer) json_array_get_string_element (array, i));
          }
          break;

        case HLG_FIELD_OBJECT:
          test_util_collect_refs (field->fields, json_node_get_object (node), out);
          break;

        case HLG_FIELD_OBJECTS:
          {
            JsonArray *array = json_node_get_array (node);

            for (guint i = 0; i < json_array_get_length (array); i++)
              test_util_collect_refs (field->fields, json_array_get_object_element (array, i),
                                      out);
          }
          break;

        default:
          break;
        }
    }
}

/* Asserts that every reference in @docs names an ID in @ids; returns how many there are. */
guint
test_util_check_refs (GPtrArray  *docs,
                      GHashTable *ids)
{
  guint n_refs = 0;

  for (guint i = 0; i < docs->len; i++)
    {
      HlgDocument *doc = g_ptr_array_index (docs, i);
      g_autoptr(GPtrArray) refs = g_ptr_array_new ();

      test_util_collect_refs (hlg_schema_get_fields (hlg_document_get_doc_type (doc)),
                              hlg_document_get_object (doc), refs);
      for (guint j = 0; j < refs->len; j++)
        {
          const char *ref = g_ptr_array_index (refs, j);

          if (!g_hash_table_contains (ids, ref))
            g_test_message ("%s refers to missing %s", hlg_document_get_id (doc), ref);
          g_assert_true (g_hash_table_contains (ids, ref));
        }
      n_refs += refs->len;
    }

  return n_refs;
}
