/* hlg-id.c: document IDs, "<type>:<uuid>", validated on every path in
 * SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "hlg-id"

#include "config.h"

#include <glib/gi18n-lib.h>
#include <string.h>

#include "hlg-id.h"

G_DEFINE_QUARK (hlg-id-error-quark, hlg_id_error)

static const char * const type_names[HLG_N_DOC_TYPES] = {
  "cycle",
  "priority",
  "organisation",
  "person",
  "proposal",
  "review",
  "feedback",
  "ballot",
  "project",
  "progress-report",
  "group",
  "task-team",
  "blue-skies-report",
  "inspiration-session",
};

/* The longest possible valid ID: the longest type name, ':', a 36-char UUID. */
#define MAX_ID_LEN (sizeof "inspiration-session" - 1 + 1 + 36)

const char *
hlg_doc_type_to_name (HlgDocType type)
{
  g_return_val_if_fail (type >= 0 && type < HLG_N_DOC_TYPES, NULL);

  return type_names[type];
}

HlgDocType
hlg_doc_type_from_name (const char *name)
{
  if (name == NULL)
    return HLG_DOC_TYPE_INVALID;

  for (guint i = 0; i < HLG_N_DOC_TYPES; i++)
    if (strcmp (type_names[i], name) == 0)
      return i;

  return HLG_DOC_TYPE_INVALID;
}

/* The type named by the @length bytes at @name. */
static HlgDocType
type_from_prefix (const char *name,
                  gsize       length)
{
  for (guint i = 0; i < HLG_N_DOC_TYPES; i++)
    if (strlen (type_names[i]) == length && memcmp (type_names[i], name, length) == 0)
      return i;

  return HLG_DOC_TYPE_INVALID;
}

static gboolean
is_lower_uuid (const char *s,
               gsize       len)
{
  if (len != 36)
    return FALSE;

  for (gsize i = 0; i < len; i++)
    {
      if (i == 8 || i == 13 || i == 18 || i == 23)
        {
          if (s[i] != '-')
            return FALSE;
        }
      else if (!((s[i] >= '0' && s[i] <= '9') || (s[i] >= 'a' && s[i] <= 'f')))
        return FALSE;
    }

  return TRUE;
}

gboolean
hlg_id_validate (const char  *id,
                 HlgDocType  *out_type,
                 GError     **error)
{
  const char *colon;
  HlgDocType type;

  if (id == NULL || id[0] == '\0')
    {
      g_set_error_literal (error, HLG_ID_ERROR, HLG_ID_ERROR_INVALID,
                           _("The document ID is empty"));
      return FALSE;
    }

  /* Bounded scan: a 10 kB ID must not be copied or printed whole. */
  if (strnlen (id, MAX_ID_LEN + 1) > MAX_ID_LEN)
    {
      g_set_error (error, HLG_ID_ERROR, HLG_ID_ERROR_INVALID,
                   _("The document ID is too long (at most %u characters)"),
                   (guint) MAX_ID_LEN);
      return FALSE;
    }

  colon = strchr (id, ':');
  if (colon == NULL)
    {
      g_set_error_literal (error, HLG_ID_ERROR, HLG_ID_ERROR_INVALID,
                           _("The document ID has no type (expected “type:uuid”)"));
      return FALSE;
    }

  type = type_from_prefix (id, colon - id);
  if (type == HLG_DOC_TYPE_INVALID)
    {
      g_set_error_literal (error, HLG_ID_ERROR, HLG_ID_ERROR_INVALID,
                           _("The document ID names an unknown document type"));
      return FALSE;
    }

  if (!is_lower_uuid (colon + 1, strlen (colon + 1)))
    {
      g_set_error_literal (error, HLG_ID_ERROR, HLG_ID_ERROR_INVALID,
                           _("The document ID does not end in a lower-case UUID"));
      return FALSE;
    }

  if (out_type != NULL)
    *out_type = type;

  return TRUE;
}

gboolean
hlg_id_is_valid (const char *id)
{
  return hlg_id_validate (id, NULL, NULL);
}

char *
hlg_id_new (HlgDocType type)
{
  g_autofree char *uuid = NULL;

  g_return_val_if_fail (type >= 0 && type < HLG_N_DOC_TYPES, NULL);

  uuid = g_uuid_string_random ();
  return g_strconcat (type_names[type], ":", uuid, NULL);
}
