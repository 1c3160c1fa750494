/* hlg-json.c: small json-glib helpers the core, sync and server share
 * SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "hlg-json"

#include "config.h"

#include <glib/gi18n-lib.h>
#include <string.h>

#include "hlg-document.h"
#include "hlg-json.h"
#include "hlg-json-index.h"
#include "hlg-json-private.h"

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

/* A strict JSON (RFC 8259) syntax check that builds nothing: the store
 * reads thousands of files at start-up and only needs to know that each is
 * sound and what a few of its members are; the tree is built when a
 * document is first used. The input is valid UTF-8 already. */

#define MAX_DEPTH 256

typedef struct
{
  const char *p;
  const char *end;
  guint       depth;
} Scanner;

static void
skip_space (Scanner *s)
{
  while (s->p < s->end && (*s->p == ' ' || *s->p == '\n' || *s->p == '\r' || *s->p == '\t'))
    s->p++;
}

static gboolean
scan_string (Scanner *s)
{
  if (s->p >= s->end || *s->p != '"')
    return FALSE;

  for (s->p++; s->p < s->end; s->p++)
    {
      guchar c = *s->p;

      if (c == '"')
        {
          s->p++;
          return TRUE;
        }
      if (c < 0x20)
        return FALSE;
      if (c == '\\')
        {
          if (++s->p >= s->end)
            return FALSE;
          switch (*s->p)
            {
            case '"': case '\\': case '/': case 'b': case 'f': case 'n': case 'r': case 't':
              break;
            case 'u':
              if (s->end - s->p < 5)
                return FALSE;
              for (guint i = 1; i <= 4; i++)
                if (!g_ascii_isxdigit (s->p[i]))
                  return FALSE;
              s->p += 4;
              break;
            default:
              return FALSE;
            }
        }
    }

  return FALSE;
}

static gboolean
scan_digits (Scanner *s)
{
  const char *start = s->p;

  while (s->p < s->end && g_ascii_isdigit (*s->p))
    s->p++;
  return s->p > start;
}

static gboolean
scan_number (Scanner *s)
{
  if (s->p < s->end && *s->p == '-')
    s->p++;
  if (s->p < s->end && *s->p == '0')
    s->p++;
  else if (!scan_digits (s))
    return FALSE;
  if (s->p < s->end && *s->p == '.')
    {
      s->p++;
      if (!scan_digits (s))
        return FALSE;
    }
  if (s->p < s->end && (*s->p == 'e' || *s->p == 'E'))
    {
      s->p++;
      if (s->p < s->end && (*s->p == '+' || *s->p == '-'))
        s->p++;
      if (!scan_digits (s))
        return FALSE;
    }
  return TRUE;
}

static gboolean
scan_literal (Scanner    *s,
              const char *word)
{
  gsize n = strlen (word);

  if ((gsize) (s->end - s->p) < n || memcmp (s->p, word, n) != 0)
    return FALSE;
  s->p += n;
  return TRUE;
}

static gboolean scan_value (Scanner *s);

static gboolean
scan_container (Scanner  *s,
                gboolean  is_object)
{
  char close = is_object ? '}' : ']';

  if (++s->depth > MAX_DEPTH)
    return FALSE;
  s->p++;
  skip_space (s);
  if (s->p < s->end && *s->p == close)
    {
      s->p++;
      s->depth--;
      return TRUE;
    }

  for (;;)
    {
      if (is_object)
        {
          if (!scan_string (s))
            return FALSE;
          skip_space (s);
          if (s->p >= s->end || *s->p != ':')
            return FALSE;
          s->p++;
        }
      if (!scan_value (s))
        return FALSE;
      skip_space (s);
      if (s->p >= s->end)
        return FALSE;
      if (*s->p == close)
        {
          s->p++;
          s->depth--;
          return TRUE;
        }
      if (*s->p != ',')
        return FALSE;
      s->p++;
      skip_space (s);
    }
}

static gboolean
scan_value (Scanner *s)
{
  skip_space (s);
  if (s->p >= s->end)
    return FALSE;

  switch (*s->p)
    {
    case '{':
      return scan_container (s, TRUE);
    case '[':
      return scan_container (s, FALSE);
    case '"':
      return scan_string (s);
    case 't':
      return scan_literal (s, "true");
    case 'f':
      return scan_literal (s, "false");
    case 'n':
      return scan_literal (s, "null");
    default:
      return scan_number (s);
    }
}

/**
 * hlg_json_scan_object:
 * @members: (array length=n_members): the members to find; their value and
 *   length are filled in
 *
 * Checks that @data is exactly one JSON object, strictly, and finds the
 * raw text of some of its top-level members without building a tree.
 */
gboolean
hlg_json_scan_object (const char     *data,
                      gsize           length,
                      HlgJsonMember  *members,
                      guint           n_members,
                      GError        **error)
{
  Scanner s = { data, data + length, 1 };

  for (guint i = 0; i < n_members; i++)
    {
      members[i].value = NULL;
      members[i].length = 0;
    }

  skip_space (&s);
  if (s.p >= s.end || *s.p != '{')
    goto not_an_object;
  s.p++;
  skip_space (&s);

  if (s.p < s.end && *s.p == '}')
    {
      s.p++;
    }
  else for (;;)
    {
      const char *name = s.p + 1;
      const char *value;
      gsize name_length;

      if (!scan_string (&s))
        goto bad;
      name_length = s.p - 1 - name;
      skip_space (&s);
      if (s.p >= s.end || *s.p != ':')
        goto bad;
      s.p++;
      skip_space (&s);
      value = s.p;
      if (!scan_value (&s))
        goto bad;

      for (guint i = 0; i < n_members; i++)
        if (strlen (members[i].name) == name_length &&
            memcmp (members[i].name, name, name_length) == 0)
          {
            members[i].value = value;
            members[i].length = s.p - value;
          }

      skip_space (&s);
      if (s.p < s.end && *s.p == '}')
        {
          s.p++;
          break;
        }
      if (s.p >= s.end || *s.p != ',')
        goto bad;
      s.p++;
      skip_space (&s);
    }

  skip_space (&s);
  if (s.p != s.end)
    goto bad;

  return TRUE;

not_an_object:
  g_set_error_literal (error, HLG_DOCUMENT_ERROR, HLG_DOCUMENT_ERROR_PARSE,
                       _("The JSON is not an object"));
  return FALSE;

bad:
  g_set_error (error, HLG_DOCUMENT_ERROR, HLG_DOCUMENT_ERROR_PARSE,
               _("The JSON cannot be parsed (at byte %lu)"),
               (unsigned long) (MIN (s.p, s.end) - data));
  return FALSE;
}

/* The member's string value, when it is a string without escapes (the
 * fields read this way, IDs and type names, never need any). */
char *
hlg_json_member_dup_string (const HlgJsonMember *member)
{
  if (member->value == NULL || member->length < 2 || member->value[0] != '"' ||
      memchr (member->value, '\\', member->length) != NULL)
    return NULL;

  return g_strndup (member->value + 1, member->length - 2);
}

gboolean
hlg_json_member_get_int (const HlgJsonMember *member,
                         gint64              *value)
{
  char buf[24];
  char *end = NULL;

  if (member->value == NULL || member->length == 0 || member->length >= sizeof buf)
    return FALSE;

  memcpy (buf, member->value, member->length);
  buf[member->length] = '\0';
  for (gsize i = 0; i < member->length; i++)
    if (!(g_ascii_isdigit (buf[i]) || (i == 0 && buf[i] == '-')))
      return FALSE;

  *value = g_ascii_strtoll (buf, &end, 10);
  return end != NULL && *end == '\0';
}

/* Delimiting: finding where each value of an object or array starts and
 * ends without checking the values themselves, several times faster than
 * the strict scan. For a server's page of documents, each of which is
 * checked strictly when it becomes a document: checking it here too would
 * read every byte twice. */

/* The end of the string starting at @p (a quote), or NULL. */
static const char *
delimit_string (const char *p,
                const char *end)
{
  const char *start = ++p;

  for (;;)
    {
      const char *quote = memchr (p, '"', end - p);
      const char *q;

      if (quote == NULL)
        return NULL;

      /* Escaped when an odd number of backslashes come before it. */
      for (q = quote; q > start && q[-1] == '\\'; q--)
        ;
      p = quote + 1;
      if ((quote - q) % 2 == 0)
        return p;
    }
}

/* The end of the value starting at @p, or NULL when it is cut short. */
static const char *
delimit_value (const char *p,
               const char *end)
{
  guint depth = 0;

  if (p >= end)
    return NULL;

  if (*p == '"')
    return delimit_string (p, end);

  if (*p != '{' && *p != '[')
    {
      const char *start = p;

      while (p < end && strchr (",:}] \t\n\r\"{[", *p) == NULL)
        p++;
      return p > start ? p : NULL;
    }

  while (p < end)
    {
      switch (*p)
        {
        case '"':
          p = delimit_string (p, end);
          if (p == NULL)
            return NULL;
          continue;

        case '{':
        case '[':
          depth++;
          break;

        case '}':
        case ']':
          if (--depth == 0)
            return p + 1;
          break;

        default:
          break;
        }
      p++;
    }

  return NULL;
}

/* Walks the members (@is_object) or elements of the container in @data:
 * @found is called with each one's name (NULL in an array) and value. */
static gboolean
delimit_container (const char  *data,
                   gsize        length,
                   gboolean     is_object,
                   void       (*found) (gpointer    user_data,
                                        const char *name,
                                        gsize       name_length,
                                        const char *value,
                                        gsize       value_length),
                   gpointer     user_data,
                   GError     **error)
{
  Scanner s = { data, data + length, 1 };
  char close = is_object ? '}' : ']';

  skip_space (&s);
  if (s.p >= s.end || *s.p != (is_object ? '{' : '['))
    goto bad;
  s.p++;
  skip_space (&s);

  if (s.p < s.end && *s.p == close)
    {
      s.p++;
    }
  else for (;;)
    {
      const char *name = NULL;
      gsize name_length = 0;
      const char *value;

      if (is_object)
        {
          name = s.p + 1;
          if (!scan_string (&s))
            goto bad;
          name_length = s.p - 1 - name;
          skip_space (&s);
          if (s.p >= s.end || *s.p != ':')
            goto bad;
          s.p++;
          skip_space (&s);
        }

      value = s.p;
      s.p = delimit_value (s.p, s.end);
      if (s.p == NULL)
        {
          s.p = s.end;
          goto bad;
        }
      found (user_data, name, name_length, value, s.p - value);

      skip_space (&s);
      if (s.p < s.end && *s.p == close)
        {
          s.p++;
          break;
        }
      if (s.p >= s.end || *s.p != ',')
        goto bad;
      s.p++;
      skip_space (&s);
    }

  skip_space (&s);
  if (s.p != s.end)
    goto bad;

  return TRUE;

bad:
  g_set_error (error, HLG_DOCUMENT_ERROR, HLG_DOCUMENT_ERROR_PARSE,
               _("The JSON cannot be parsed (at byte %lu)"),
               (unsigned long) (MIN (s.p, s.end) - data));
  return FALSE;
}

typedef struct
{
  HlgJsonMember *members;
  guint          n_members;
} DelimitMembers;

static void
delimit_member_found (gpointer    user_data,
                      const char *name,
                      gsize       name_length,
                      const char *value,
                      gsize       value_length)
{
  DelimitMembers *d = user_data;

  for (guint i = 0; i < d->n_members; i++)
    if (strlen (d->members[i].name) == name_length &&
        memcmp (d->members[i].name, name, name_length) == 0)
      {
        d->members[i].value = value;
        d->members[i].length = value_length;
      }
}

/**
 * hlg_json_delimit_object:
 * @members: (array length=n_members): the members to find; their value and
 *   length are filled in
 *
 * Like hlg_json_scan_object(), but only the object's own syntax is
 * checked: each value is delimited, not checked, so the caller checks
 * those it uses.
 */
gboolean
hlg_json_delimit_object (const char     *data,
                         gsize           length,
                         HlgJsonMember  *members,
                         guint           n_members,
                         GError        **error)
{
  DelimitMembers d = { members, n_members };

  for (guint i = 0; i < n_members; i++)
    {
      members[i].value = NULL;
      members[i].length = 0;
    }

  return delimit_container (data, length, TRUE, delimit_member_found, &d, error);
}

static void
delimit_element_found (gpointer    user_data,
                       const char *name,
                       gsize       name_length,
                       const char *value,
                       gsize       value_length)
{
  HlgJsonMember element = { NULL, value, value_length };

  g_array_append_val ((GArray *) user_data, element);
}

/**
 * hlg_json_delimit_array:
 * @elements: (element-type HlgJsonMember): where each element is appended,
 *   its name %NULL
 *
 * Finds the raw text of each element of the JSON array @data; only the
 * array's own syntax is checked, as in hlg_json_delimit_object().
 */
gboolean
hlg_json_delimit_array (const char  *data,
                        gsize        length,
                        GArray      *elements,
                        GError     **error)
{
  g_return_val_if_fail (elements != NULL, FALSE);

  return delimit_container (data, length, FALSE, delimit_element_found, elements, error);
}

/* Writing strings. */

/**
 * hlg_json_append_string:
 *
 * Appends @s to @out as a JSON string, quoted, escaped where it must be
 * and nowhere else (UTF-8 as it is).
 */
void
hlg_json_append_string (GString    *out,
                        const char *s)
{
  const guchar *p = (const guchar *) s;
  const guchar *end = p + strlen (s);

  g_string_append_c (out, '"');
  for (;;)
    {
      const guchar *run = p;
      guint64 x;

      /* Most text needs no escape: copied a run at a time, found eight
       * bytes at a time. */
      while (end - p >= 8 && (memcpy (&x, p, 8), !_hlg_json_has_special_byte (x)))
        p += 8;
      while (p < end && *p >= 0x20 && *p != '"' && *p != '\\')
        p++;
      g_string_append_len (out, (const char *) run, (const char *) p - (const char *) run);
      if (p == end)
        break;

      switch (*p)
        {
        case '"': g_string_append (out, "\\\""); break;
        case '\\': g_string_append (out, "\\\\"); break;
        case '\n': g_string_append (out, "\\n"); break;
        case '\r': g_string_append (out, "\\r"); break;
        case '\t': g_string_append (out, "\\t"); break;
        case '\b': g_string_append (out, "\\b"); break;
        case '\f': g_string_append (out, "\\f"); break;
        default: g_string_append_printf (out, "\\u%04x", *p);
        }
      p++;
    }
  g_string_append_c (out, '"');
}

/**
 * hlg_json_check_value:
 *
 * Whether @data is exactly one JSON value, strictly, as
 * hlg_json_scan_object() checks it; for a value found by delimiting.
 */
gboolean
hlg_json_check_value (const char *data,
                      gsize       length)
{
  Scanner s = { data, data + length, 1 };

  if (!scan_value (&s))
    return FALSE;
  skip_space (&s);

  return s.p == s.end;
}

/**
 * hlg_json_delimit_members:
 * @found: called with each member's name (without quotes or unescaping)
 *   and raw value
 *
 * Like hlg_json_delimit_object(), for every member of the object.
 */
gboolean
hlg_json_delimit_members (const char         *data,
                          gsize               length,
                          HlgJsonMemberFunc   found,
                          gpointer            user_data,
                          GError            **error)
{
  g_return_val_if_fail (found != NULL, FALSE);

  return delimit_container (data, length, TRUE, found, user_data, error);
}

/**
 * hlg_json_parse_object:
 *
 * Parses @data, which must be exactly one JSON object, strictly (RFC 8259,
 * as hlg_json_scan_object() checks it, strings valid UTF-8), into the
 * tree hlg_json_object_from_data() would build, several times faster.
 * Strings holding U+0000 are refused.
 */
JsonObject *
hlg_json_parse_object (const char  *data,
                       gsize        length,
                       GError     **error)
{
  g_autoptr(HlgJsonIndex) index = NULL;
  gsize start = 0;

  g_return_val_if_fail (data != NULL || length == 0, NULL);

  while (start < length && (data[start] == ' ' || data[start] == '\n' || data[start] == '\r' || data[start] == '\t'))
    start++;
  if (start == length || data[start] != '{')
    {
      g_set_error_literal (error, HLG_DOCUMENT_ERROR, HLG_DOCUMENT_ERROR_PARSE,
                           _("The JSON is not an object"));
      return NULL;
    }

  index = hlg_json_index_new ();
  if (!hlg_json_index_parse (index, data, length, error))
    return NULL;

  return hlg_json_index_pick (index, 0, NULL);
}
