/* hlg-json.h: small json-glib helpers the core, sync and server share
 * SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <json-glib/json-glib.h>

G_BEGIN_DECLS

JsonNode   *hlg_json_node_deep_copy   (JsonNode    *node);
JsonObject *hlg_json_object_deep_copy (JsonObject  *object);
char       *hlg_json_object_to_string (JsonObject  *object,
                                       gboolean     pretty);
JsonObject *hlg_json_object_from_data (const char  *data,
                                       gssize       length,
                                       GError     **error);
JsonObject *hlg_json_parse_object     (const char  *data,
                                       gsize        length,
                                       GError     **error);
void        hlg_json_append_string    (GString     *out,
                                       const char  *s);

JsonObject *hlg_json_object_get_object (JsonObject  *object,
                                       const char  *member);

/* A top-level member to find with hlg_json_scan_object(): the raw text of
 * its value (quotes included for strings), or NULL when absent. */
typedef struct
{
  const char *name;
  const char *value;
  gsize       length;
} HlgJsonMember;

gboolean    hlg_json_scan_object      (const char     *data,
                                       gsize           length,
                                       HlgJsonMember  *members,
                                       guint           n_members,
                                       GError        **error);
char       *hlg_json_member_dup_string (const HlgJsonMember *member);
gboolean    hlg_json_member_get_int   (const HlgJsonMember *member,
                                       gint64              *value);

/* For large texts whose parts the caller checks itself (a document by
 * hlg_document_new_from_text(), say): the structure is checked, the
 * values are only delimited. */
gboolean    hlg_json_delimit_object   (const char     *data,
                                       gsize           length,
                                       HlgJsonMember  *members,
                                       guint           n_members,
                                       GError        **error);
gboolean    hlg_json_delimit_array    (const char     *data,
                                       gsize           length,
                                       GArray         *elements,
                                       GError        **error);

typedef void (*HlgJsonMemberFunc) (gpointer    user_data,
                                   const char *name,
                                   gsize       name_length,
                                   const char *value,
                                   gsize       value_length);

gboolean    hlg_json_delimit_members  (const char        *data,
                                       gsize              length,
                                       HlgJsonMemberFunc  found,
                                       gpointer           user_data,
                                       GError           **error);
gboolean    hlg_json_check_value      (const char        *data,
                                       gsize              length);

G_END_DECLS
