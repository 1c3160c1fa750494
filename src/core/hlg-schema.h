/* hlg-schema.h: the fields of each document type, and their validation
 * SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <json-glib/json-glib.h>

#include "hlg-json-index.h"
#include "hlg-types.h"

G_BEGIN_DECLS

typedef enum
{
  HLG_FIELD_STRING,   /* one line of text */
  HLG_FIELD_TEXT,     /* long text */
  HLG_FIELD_INT,
  HLG_FIELD_NUMBER,
  HLG_FIELD_BOOL,
  HLG_FIELD_DATE,     /* YYYY-MM-DD */
  HLG_FIELD_DATETIME, /* ISO 8601 with time zone */
  HLG_FIELD_ENUM,
  HLG_FIELD_REF,      /* the _id of another document */
  HLG_FIELD_STRINGS,
  HLG_FIELD_ENUMS,
  HLG_FIELD_REFS,
  HLG_FIELD_OBJECT,
  HLG_FIELD_OBJECTS,  /* an array of objects, each with an "id" for merging */
} HlgFieldKind;

typedef struct _HlgField HlgField;

struct _HlgField
{
  const char         *name;
  HlgFieldKind        kind;
  gboolean            required;
  const char * const *values;   /* ENUM, ENUMS: the allowed values */
  const char         *ref_type; /* REF, REFS: the referenced type, NULL for any */
  const HlgField     *fields;   /* OBJECT, OBJECTS: the members, ending with a NULL name */
  int                 min;      /* INT: bounds, when min < max */
  int                 max;
};

extern const char * const hlg_focus_areas[];
extern const char * const hlg_milestone_kinds[];
extern const char * const hlg_proposal_statuses[];
extern const char * const hlg_proposal_kinds[];
extern const char * const hlg_recommendations[];
extern const char * const hlg_person_roles[];

const HlgField *hlg_schema_get_fields  (HlgDocType   type);
gboolean        hlg_schema_validate    (HlgDocType   type,
                                        JsonObject  *object,
                                        GError     **error);
gboolean        hlg_schema_validate_index (HlgDocType     type,
                                           HlgJsonIndex  *index,
                                           guint          object,
                                           GError       **error);
gboolean        hlg_schema_is_value_of (const char * const *values,
                                        const char         *value);

G_END_DECLS
