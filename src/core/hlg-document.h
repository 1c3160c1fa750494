/* hlg-document.h: one JSON document of any type, with its unknown fields kept
 * SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <json-glib/json-glib.h>

#include "hlg-json-index.h"
#include "hlg-types.h"

G_BEGIN_DECLS

#define HLG_DOCUMENT_ERROR (hlg_document_error_quark ())

typedef enum
{
  HLG_DOCUMENT_ERROR_PARSE,
  HLG_DOCUMENT_ERROR_INVALID,
  HLG_DOCUMENT_ERROR_READ_ONLY,
} HlgDocumentError;

#define HLG_TYPE_DOCUMENT (hlg_document_get_type ())

G_DECLARE_FINAL_TYPE (HlgDocument, hlg_document, HLG, DOCUMENT, GObject)

GQuark       hlg_document_error_quark     (void);
HlgDocument *hlg_document_new             (HlgDocType    type);
HlgDocument *hlg_document_new_from_object (JsonObject   *object,
                                           GError      **error);
HlgDocument *hlg_document_new_from_json   (const char   *json,
                                           gssize        length,
                                           GError      **error);
HlgDocument *hlg_document_new_from_text   (char         *text,
                                           gsize         length,
                                           GError      **error);
const char  *hlg_document_peek_text       (HlgDocument  *self,
                                           gsize        *length);
char        *hlg_document_to_json         (HlgDocument  *self,
                                           gboolean      pretty);
const char  *hlg_document_get_id          (HlgDocument  *self);
HlgDocType   hlg_document_get_doc_type    (HlgDocument  *self);
const char  *hlg_document_get_rev         (HlgDocument  *self);
void         hlg_document_set_rev         (HlgDocument  *self,
                                           const char   *rev);
gint64       hlg_document_get_schema      (HlgDocument  *self);
gboolean     hlg_document_is_read_only    (HlgDocument  *self);
const char  *hlg_document_get_read_only_reason (HlgDocument *self);
const char  *hlg_document_get_title       (HlgDocument  *self);
JsonObject  *hlg_document_get_object      (HlgDocument  *self);
JsonObject  *hlg_document_dup_object      (HlgDocument  *self);
gboolean     hlg_document_replace_object  (HlgDocument  *self,
                                           JsonObject   *object,
                                           GError      **error);
gboolean     hlg_document_validate        (HlgDocument  *self,
                                           GError      **error);
gboolean     hlg_document_validate_index  (HlgJsonIndex  *index,
                                           guint          object,
                                           const char    *id,
                                           GError       **error);
const char  *hlg_document_get_string      (HlgDocument  *self,
                                           const char   *field);
gint64       hlg_document_get_int         (HlgDocument  *self,
                                           const char   *field,
                                           gint64        fallback);
gboolean     hlg_document_get_boolean     (HlgDocument  *self,
                                           const char   *field);
JsonArray   *hlg_document_get_array       (HlgDocument  *self,
                                           const char   *field);
gboolean     hlg_document_set_string      (HlgDocument  *self,
                                           const char   *field,
                                           const char   *value,
                                           GError      **error);
gboolean     hlg_document_set_int         (HlgDocument  *self,
                                           const char   *field,
                                           gint64        value,
                                           GError      **error);
gboolean     hlg_document_set_boolean     (HlgDocument  *self,
                                           const char   *field,
                                           gboolean      value,
                                           GError      **error);
gboolean     hlg_document_set_member      (HlgDocument  *self,
                                           const char   *field,
                                           JsonNode     *value,
                                           GError      **error);

G_END_DECLS
