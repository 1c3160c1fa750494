/* hlg-schema.c: the fields of each document type, and their validation
 * SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "hlg-schema"

#include "config.h"

#include <glib/gi18n-lib.h>
#include <stdio.h>
#include <string.h>

#include "hlg-document.h"
#include "hlg-id.h"
#include "hlg-json.h"
#include "hlg-schema.h"

const char * const hlg_focus_areas[] = {
  "active-engagement", "trusted-data-authority", "service-oriented-approach",
  "agile-adaptive-culture", NULL
};
const char * const hlg_milestone_kinds[] = {
  "priorities-meeting", "ces-plenary", "priorities-release", "proposal-deadline",
  "board-review", "feedback", "workshop", "selection", NULL
};
const char * const hlg_proposal_statuses[] = {
  "draft", "submitted", "under-review", "feedback-released", "revised", "presented",
  "recommended", "selected", "not-selected", "withdrawn", NULL
};
const char * const hlg_proposal_kinds[] = { "project", "activity", "blue-skies", NULL };
const char * const hlg_recommendations[] = {
  "support", "support-with-changes", "do-not-support", NULL
};
const char * const hlg_person_roles[] = {
  "secretariat", "board", "author", "group-chair", "project-manager", "member", NULL
};
static const char * const priority_sources[] = { "march-meeting", "ces-plenary", NULL };
static const char * const decisions[] = {
  "recommend-to-workshop", "revise", "merge-with", "refer-to-group", "on-hold-until",
  "not-pursue", NULL
};
static const char * const ballot_methods[] = { "approval", "allotment", "ranking", NULL };
static const char * const project_statuses[] = {
  "planned", "running", "completed", "cancelled", NULL
};
static const char * const output_statuses[] = {
  "planned", "in-progress", "done", "late", "cancelled", NULL
};
static const char * const task_team_statuses[] = {
  "planned", "in-progress", "continuous", "completed", "cancelled", NULL
};
static const char * const outcomes[] = {
  "not-pursue", "on-hold-until", "recommend-further-work", NULL
};
static const char * const risk_levels[] = { "low", "medium", "high", NULL };

#define END { NULL }
#define S(n)            { n, HLG_FIELD_STRING }
#define S_REQ(n)        { n, HLG_FIELD_STRING, TRUE }
#define T(n)            { n, HLG_FIELD_TEXT }
#define I(n, lo, hi)    { n, HLG_FIELD_INT, FALSE, NULL, NULL, NULL, lo, hi }
#define I_REQ(n, lo, hi) { n, HLG_FIELD_INT, TRUE, NULL, NULL, NULL, lo, hi }
#define N(n)            { n, HLG_FIELD_NUMBER }
#define B(n)            { n, HLG_FIELD_BOOL }
#define D(n)            { n, HLG_FIELD_DATE }
#define D_REQ(n)        { n, HLG_FIELD_DATE, TRUE }
#define DT(n)           { n, HLG_FIELD_DATETIME }
#define E(n, v)         { n, HLG_FIELD_ENUM, FALSE, v }
#define E_REQ(n, v)     { n, HLG_FIELD_ENUM, TRUE, v }
#define ES(n, v)        { n, HLG_FIELD_ENUMS, FALSE, v }
#define R(n, t)         { n, HLG_FIELD_REF, FALSE, NULL, t }
#define R_REQ(n, t)     { n, HLG_FIELD_REF, TRUE, NULL, t }
#define RS(n, t)        { n, HLG_FIELD_REFS, FALSE, NULL, t }
#define SS(n)           { n, HLG_FIELD_STRINGS }
#define O(n, f)         { n, HLG_FIELD_OBJECT, FALSE, NULL, NULL, f }
#define OS(n, f)        { n, HLG_FIELD_OBJECTS, FALSE, NULL, NULL, f }

static const HlgField milestone_fields[] = {
  S_REQ ("id"), E_REQ ("kind", hlg_milestone_kinds), D_REQ ("start"), D ("end"), S ("title"),
  T ("notes"), END
};
static const HlgField cycle_fields[] = {
  I_REQ ("year", 2000, 2200), S ("title"), OS ("milestones", milestone_fields), END
};
static const HlgField plenary_comment_fields[] = {
  S_REQ ("id"), R ("organisation", "organisation"), T ("text"), END
};
static const HlgField priority_fields[] = {
  R_REQ ("cycle", "cycle"), S_REQ ("title"), T ("text"), ES ("focus_areas", hlg_focus_areas),
  E ("source", priority_sources), OS ("plenary_comments", plenary_comment_fields), END
};
static const HlgField organisation_fields[] = {
  S_REQ ("name"), S ("short_name"), S ("country"), END
};
static const HlgField person_fields[] = {
  S_REQ ("name"), R ("organisation", "organisation"), S ("email"), S ("country"),
  ES ("roles", hlg_person_roles), S ("account"), END
};
static const HlgField work_package_fields[] = {
  S_REQ ("id"), S_REQ ("title"), T ("description"), D ("start"), D ("end"),
  R ("lead", "organisation"), END
};
static const HlgField in_kind_fields[] = {
  S_REQ ("id"), R ("organisation", "organisation"), N ("days"), END
};
static const HlgField resources_fields[] = {
  N ("project_manager_months"), N ("travel"), N ("trust_fund_request"),
  OS ("in_kind_days", in_kind_fields), END
};
static const HlgField risk_fields[] = {
  S_REQ ("id"), T ("issue"), T ("mitigation"), E ("likelihood", risk_levels),
  E ("impact", risk_levels), END
};
static const HlgField proposal_fields[] = {
  R_REQ ("cycle", "cycle"), E_REQ ("kind", hlg_proposal_kinds), S_REQ ("title"),
  R ("lead_organisation", "organisation"), RS ("supporting_organisations", "organisation"),
  RS ("authors", "person"), T ("summary"), T ("context"), T ("objectives"), T ("outputs"),
  OS ("work_packages", work_package_fields), D ("start"), D ("end"),
  O ("resources", resources_fields), R ("target_group", "group"),
  ES ("focus_areas", hlg_focus_areas), RS ("priorities", "priority"),
  OS ("risks", risk_fields), E_REQ ("status", hlg_proposal_statuses), DT ("submitted_at"),
  END
};
static const HlgField scores_fields[] = {
  I ("active-engagement", 0, 5), I ("trusted-data-authority", 0, 5),
  I ("service-oriented-approach", 0, 5), I ("agile-adaptive-culture", 0, 5), END
};
static const HlgField review_fields[] = {
  R_REQ ("proposal", "proposal"), R_REQ ("reviewer", "person"), I ("round", 1, 10),
  I ("form_version", 1, 100), O ("scores", scores_fields), I ("fit_with_priorities", 0, 5),
  I ("added_value", 0, 5), I ("feasibility", 0, 5), I ("confidence", 1, 3),
  E ("recommendation", hlg_recommendations), T ("comments_for_authors"),
  T ("comments_for_board"), B ("conflict_of_interest"), B ("ready"), END
};
static const HlgField feedback_fields[] = {
  R_REQ ("proposal", "proposal"), T ("message"), E ("decision", decisions),
  R ("decision_ref", NULL), D ("on_hold_until"), B ("released"), DT ("released_at"), END
};
static const HlgField choice_fields[] = {
  S_REQ ("id"), R_REQ ("proposal", "proposal"), B ("approved"), I ("points", 0, 100),
  I ("rank", 1, 100), END
};
static const HlgField ballot_fields[] = {
  R_REQ ("cycle", "cycle"), R_REQ ("voter", "person"), E_REQ ("method", ballot_methods),
  OS ("choices", choice_fields), END
};
static const HlgField budget_line_fields[] = {
  S_REQ ("id"), S_REQ ("item"), N ("amount"), S ("currency"), END
};
static const HlgField output_fields[] = {
  S_REQ ("id"), S_REQ ("title"), D ("due"), E ("status", output_statuses), S ("link"), END
};
static const HlgField project_fields[] = {
  R ("proposal", "proposal"), S_REQ ("title"), R ("leader", "organisation"),
  R ("project_manager", "person"), D ("start"), D ("end"),
  OS ("budget_lines", budget_line_fields), OS ("outputs", output_fields),
  E ("status", project_statuses), END
};
static const HlgField progress_report_fields[] = {
  R_REQ ("project", "project"), D ("period_start"), D ("period_end"), T ("progress"),
  T ("next_steps"), OS ("risks", risk_fields), END
};
static const HlgField group_member_fields[] = {
  S_REQ ("id"), R ("person", "person"), R ("organisation", "organisation"),
  N ("in_kind_days"), END
};
static const HlgField group_fields[] = {
  S_REQ ("name"), T ("description"), RS ("chairs", "person"),
  OS ("members", group_member_fields), END
};
static const HlgField deliverable_fields[] = {
  S_REQ ("id"), S_REQ ("title"), D ("due"), E ("status", output_statuses), S ("link"), END
};
static const HlgField task_team_fields[] = {
  R_REQ ("group", "group"), I_REQ ("year", 2000, 2200), S_REQ ("title"), R ("lead", "person"),
  RS ("members", "person"), T ("objectives"), OS ("deliverables", deliverable_fields),
  E ("status", task_team_statuses), END
};
static const HlgField blue_skies_fields[] = {
  R ("cycle", "cycle"), R ("proposal", "proposal"), S_REQ ("title"), RS ("authors", "person"),
  T ("topic"), T ("value"), T ("current_work"), T ("collaboration"), E ("outcome", outcomes),
  D ("on_hold_until"), S ("follow_up"), R ("group", "group"), END
};
static const HlgField inspiration_fields[] = {
  R ("cycle", "cycle"), D_REQ ("date"), S_REQ ("topic"), SS ("participants"), T ("lessons"),
  END
};

static const HlgField * const type_fields[HLG_N_DOC_TYPES] = {
  cycle_fields, priority_fields, organisation_fields, person_fields, proposal_fields,
  review_fields, feedback_fields, ballot_fields, project_fields, progress_report_fields,
  group_fields, task_team_fields, blue_skies_fields, inspiration_fields,
};

const HlgField *
hlg_schema_get_fields (HlgDocType type)
{
  g_return_val_if_fail (type >= 0 && type < HLG_N_DOC_TYPES, NULL);

  return type_fields[type];
}

gboolean
hlg_schema_is_value_of (const char * const *values,
                        const char         *value)
{
  return value != NULL && g_strv_contains (values, value);
}

/* @path, the field's place ("work_packages[1].title"), grows and shrinks
 * as validation goes down and up; only an error reads it. */
static gboolean
invalid (GError    **error,
         GString    *path,
         const char *why)
{
  g_set_error (error, HLG_DOCUMENT_ERROR, HLG_DOCUMENT_ERROR_INVALID,
               /* Translators: the first %s is a field name, the second why it is wrong */
               _("Field “%s”: %s"), path->str, why);
  return FALSE;
}

static gboolean
is_date (const char *s)
{
  guint y, m, d;

  if (strlen (s) != 10 || s[4] != '-' || s[7] != '-')
    return FALSE;
  for (guint i = 0; i < 10; i++)
    if (i != 4 && i != 7 && !g_ascii_isdigit (s[i]))
      return FALSE;
  y = (s[0] - '0') * 1000 + (s[1] - '0') * 100 + (s[2] - '0') * 10 + (s[3] - '0');
  m = (s[5] - '0') * 10 + (s[6] - '0');
  d = (s[8] - '0') * 10 + (s[9] - '0');

  return g_date_valid_dmy (d, m, y);
}

static gboolean
is_datetime (const char *s)
{
  g_autoptr(GDateTime) dt = g_date_time_new_from_iso8601 (s, NULL);

  return dt != NULL;
}

static gboolean validate_object (const HlgField *fields,
                                 HlgJsonIndex   *index,
                                 guint           object,
                                 GString        *path,
                                 GError        **error);

static gboolean
validate_ref (const HlgField *field,
              const char     *value,
              GString        *path,
              GError        **error)
{
  HlgDocType type;

  if (!hlg_id_validate (value, &type, NULL))
    return invalid (error, path, _("not a valid document ID"));
  if (field->ref_type != NULL && type != hlg_doc_type_from_name (field->ref_type))
    return invalid (error, path, _("refers to a document of the wrong type"));

  return TRUE;
}

static gboolean
validate_scalar (const HlgField *field,
                 HlgJsonIndex   *index,
                 guint           value,
                 GString        *path,
                 GError        **error)
{
  HlgJsonKind kind = hlg_json_index_get_kind (index, value);
  gboolean is_string = kind == HLG_JSON_STRING;

  switch (field->kind)
    {
    case HLG_FIELD_STRING:
    case HLG_FIELD_TEXT:
      if (!is_string)
        return invalid (error, path, _("expected text"));
      /* A line break in a string is always written as an escape. */
      if (field->kind == HLG_FIELD_STRING && hlg_json_index_is_escaped (index, value) &&
          strchr (hlg_json_index_get_string (index, value), '\n') != NULL)
        return invalid (error, path, _("expected a single line"));
      return TRUE;

    case HLG_FIELD_INT:
      {
        gint64 v;

        if (kind != HLG_JSON_INT)
          return invalid (error, path, _("expected a whole number"));
        v = hlg_json_index_get_int (index, value);
        if (field->min < field->max && (v < field->min || v > field->max))
          return invalid (error, path, _("number out of range"));
        return TRUE;
      }

    case HLG_FIELD_NUMBER:
      if (kind != HLG_JSON_INT && kind != HLG_JSON_DOUBLE)
        return invalid (error, path, _("expected a number"));
      if (hlg_json_index_get_double (index, value) < 0)
        return invalid (error, path, _("expected a number that is not negative"));
      return TRUE;

    case HLG_FIELD_BOOL:
      if (kind != HLG_JSON_TRUE && kind != HLG_JSON_FALSE)
        return invalid (error, path, _("expected true or false"));
      return TRUE;

    case HLG_FIELD_DATE:
      if (!is_string || !is_date (hlg_json_index_get_string (index, value)))
        return invalid (error, path, _("expected a date (YYYY-MM-DD)"));
      return TRUE;

    case HLG_FIELD_DATETIME:
      if (!is_string || !is_datetime (hlg_json_index_get_string (index, value)))
        return invalid (error, path, _("expected an ISO 8601 date and time"));
      return TRUE;

    case HLG_FIELD_ENUM:
    case HLG_FIELD_ENUMS:
      if (!is_string || !hlg_schema_is_value_of (field->values, hlg_json_index_get_string (index, value)))
        return invalid (error, path, _("not one of the allowed values"));
      return TRUE;

    case HLG_FIELD_REF:
    case HLG_FIELD_REFS:
      if (!is_string)
        return invalid (error, path, _("expected a document ID"));
      return validate_ref (field, hlg_json_index_get_string (index, value), path, error);

    case HLG_FIELD_STRINGS:
      if (!is_string)
        return invalid (error, path, _("expected text"));
      return TRUE;

    case HLG_FIELD_OBJECT:
    case HLG_FIELD_OBJECTS:
    default:
      g_assert_not_reached ();
    }
}

/* Items are merged by "id": two with the same one would be ambiguous. */
static gboolean
add_item_id (GHashTable   *ids,
             HlgJsonIndex *index,
             guint         item)
{
  guint id = hlg_json_index_lookup (index, item, "id");

  return g_hash_table_add (ids, g_strdup (hlg_json_index_get_string (index, id)));
}

static gboolean
validate_field (const HlgField *field,
                HlgJsonIndex   *index,
                guint           value,
                GString        *path,
                GError        **error)
{
  HlgJsonKind kind = hlg_json_index_get_kind (index, value);

  switch (field->kind)
    {
    case HLG_FIELD_OBJECT:
      if (kind != HLG_JSON_OBJECT)
        return invalid (error, path, _("expected an object"));
      return validate_object (field->fields, index, value, path, error);

    case HLG_FIELD_OBJECTS:
    case HLG_FIELD_STRINGS:
    case HLG_FIELD_ENUMS:
    case HLG_FIELD_REFS:
      {
        g_autoptr(GHashTable) ids = NULL;
        guint item = value + 1;

        if (kind != HLG_JSON_ARRAY)
          return invalid (error, path, _("expected a list"));

        if (field->kind == HLG_FIELD_OBJECTS)
          ids = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
        for (guint i = 0; i < hlg_json_index_get_size (index, value); i++)
          {
            gsize length = path->len;

            g_string_append_printf (path, "[%u]", i);
            if (field->kind != HLG_FIELD_OBJECTS)
              {
                if (!validate_scalar (field, index, item, path, error))
                  return FALSE;
              }
            else if (hlg_json_index_get_kind (index, item) != HLG_JSON_OBJECT)
              {
                return invalid (error, path, _("expected an object"));
              }
            else if (!validate_object (field->fields, index, item, path, error))
              {
                return FALSE;
              }
            else if (!add_item_id (ids, index, item))
              {
                return invalid (error, path, _("two items share the same “id”"));
              }
            g_string_truncate (path, length);
            item = hlg_json_index_next (index, item);
          }
        return TRUE;
      }

    default:
      return validate_scalar (field, index, value, path, error);
    }
}

static gboolean
validate_object (const HlgField *fields,
                 HlgJsonIndex   *index,
                 guint           object,
                 GString        *path,
                 GError        **error)
{
  gsize length = path->len;

  for (const HlgField *field = fields; field->name != NULL; field++)
    {
      guint value = hlg_json_index_lookup (index, object, field->name);

      g_string_truncate (path, length);
      if (length > 0)
        g_string_append_c (path, '.');
      g_string_append (path, field->name);

      if (value == 0 || hlg_json_index_get_kind (index, value) == HLG_JSON_NULL)
        {
          if (field->required)
            return invalid (error, path, _("required"));
          continue;
        }

      if (!validate_field (field, index, value, path, error))
        return FALSE;
    }

  g_string_truncate (path, length);
  return TRUE;
}

/**
 * hlg_schema_validate_index:
 * @object: the document's place in @index
 *
 * hlg_schema_validate() of a document's text, without a tree.
 */
gboolean
hlg_schema_validate_index (HlgDocType     type,
                           HlgJsonIndex  *index,
                           guint          object,
                           GError       **error)
{
  g_autoptr(GString) path = NULL;

  g_return_val_if_fail (type >= 0 && type < HLG_N_DOC_TYPES, FALSE);
  g_return_val_if_fail (index != NULL, FALSE);
  g_return_val_if_fail (hlg_json_index_get_kind (index, object) == HLG_JSON_OBJECT, FALSE);

  path = g_string_sized_new (128);
  return validate_object (type_fields[type], index, object, path, error);
}

/* One validation for trees and texts: the tree's text is indexed. */
gboolean
hlg_schema_validate (HlgDocType   type,
                     JsonObject  *object,
                     GError     **error)
{
  g_autoptr(HlgJsonIndex) index = NULL;
  g_autofree char *text = NULL;

  g_return_val_if_fail (type >= 0 && type < HLG_N_DOC_TYPES, FALSE);
  g_return_val_if_fail (object != NULL, FALSE);

  text = hlg_json_object_to_string (object, FALSE);
  index = hlg_json_index_new ();
  if (!hlg_json_index_parse (index, text, strlen (text), error))
    return FALSE;

  return hlg_schema_validate_index (type, index, 0, error);
}
