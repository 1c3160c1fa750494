/* hlg-json-index.h: a JSON text checked strictly and indexed, without a tree
 * SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <json-glib/json-glib.h>

G_BEGIN_DECLS

typedef enum
{
  HLG_JSON_NULL,
  HLG_JSON_FALSE,
  HLG_JSON_TRUE,
  HLG_JSON_INT,     /* no fraction or exponent, within 64 bits */
  HLG_JSON_DOUBLE,
  HLG_JSON_STRING,
  HLG_JSON_ARRAY,
  HLG_JSON_OBJECT,
} HlgJsonKind;

/* A value is named by its place in the index: 0 is the whole text's. An
 * object's members follow it, each a name (a string) then its value; an
 * array's elements follow it. */
typedef struct _HlgJsonIndex HlgJsonIndex;

HlgJsonIndex *hlg_json_index_new           (void);
void          hlg_json_index_free          (HlgJsonIndex  *self);
gboolean      hlg_json_index_parse         (HlgJsonIndex  *self,
                                            const char    *data,
                                            gsize          length,
                                            GError       **error);

HlgJsonKind   hlg_json_index_get_kind      (HlgJsonIndex  *self,
                                            guint          value);
guint         hlg_json_index_get_size      (HlgJsonIndex  *self,
                                            guint          value);
guint         hlg_json_index_next          (HlgJsonIndex  *self,
                                            guint          value);
const char   *hlg_json_index_get_text      (HlgJsonIndex  *self,
                                            guint          value,
                                            gsize         *length);
gboolean      hlg_json_index_is_escaped    (HlgJsonIndex  *self,
                                            guint          value);
const char   *hlg_json_index_get_string    (HlgJsonIndex  *self,
                                            guint          value);
gint64        hlg_json_index_get_int       (HlgJsonIndex  *self,
                                            guint          value);
double        hlg_json_index_get_double    (HlgJsonIndex  *self,
                                            guint          value);
int           hlg_json_index_compare       (HlgJsonIndex  *self,
                                            guint          string,
                                            const char    *s);
guint         hlg_json_index_lookup        (HlgJsonIndex  *self,
                                            guint          object,
                                            const char    *name);

/* A member of an object: the places of its name and value. */
typedef struct
{
  guint name;
  guint value;
} HlgJsonIndexMember;

guint         hlg_json_index_sort_members  (HlgJsonIndex        *self,
                                            guint                object,
                                            HlgJsonIndexMember  *members);
void          hlg_json_index_append_sorted (HlgJsonIndex  *self,
                                            guint          value,
                                            GString       *out);
JsonNode     *hlg_json_index_to_node       (HlgJsonIndex  *self,
                                            guint          value);
JsonObject   *hlg_json_index_pick          (HlgJsonIndex       *self,
                                            guint               object,
                                            const char * const *names);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (HlgJsonIndex, hlg_json_index_free)

G_END_DECLS
