/* hlg-json-index.c: a JSON text checked strictly and indexed, without a tree
 * SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "hlg-json-index"

#include "config.h"

#include <glib/gi18n-lib.h>
#include <errno.h>
#include <stdlib.h>
#include <string.h>

#include "hlg-document.h"
#include "hlg-json.h"
#include "hlg-json-index.h"
#include "hlg-json-private.h"

/* The server checks every document of a _bulk_docs on its text: building
 * json-glib's tree (a hash table per object, a node per value) and freeing
 * it was most of that work. The index is one array of small tokens, reused
 * from one text to the next; strings are unescaped only when asked for. */

#define MAX_DEPTH 256

typedef struct
{
  guint8  kind;
  guint8  escaped;  /* a string with a backslash */
  guint32 start;    /* where the value's text starts */
  guint32 length;   /* of its text, quotes included */
  guint32 size;     /* an object's members, an array's elements */
  guint32 next;     /* the token after the value and all it holds */
} Token;

struct _HlgJsonIndex
{
  const char *text;
  Token      *tokens;
  guint       n_tokens;
  guint       n_allocated;
  GString    *scratch;  /* the last string asked for, unescaped */
  GString    *other;    /* the second of two names compared */
};

typedef struct
{
  HlgJsonIndex *index;
  const char   *p;
  const char   *end;
  guint         depth;
} Lexer;

HlgJsonIndex *
hlg_json_index_new (void)
{
  HlgJsonIndex *self = g_new0 (HlgJsonIndex, 1);

  self->scratch = g_string_sized_new (256);
  self->other = g_string_sized_new (64);
  return self;
}

void
hlg_json_index_free (HlgJsonIndex *self)
{
  if (self == NULL)
    return;

  g_free (self->tokens);
  g_string_free (self->scratch, TRUE);
  g_string_free (self->other, TRUE);
  g_free (self);
}

static gboolean
read_hex4 (const char *p,
           const char *end,
           gunichar   *out)
{
  gunichar c = 0;

  if (end - p < 4)
    return FALSE;
  for (guint i = 0; i < 4; i++)
    {
      int digit = g_ascii_xdigit_value (p[i]);

      if (digit < 0)
        return FALSE;
      c = c * 16 + digit;
    }

  *out = c;
  return TRUE;
}

/* The escape after the backslash at *@p, appended to @out; *@p moves past it. */
static gboolean
unescape_one (const char **p,
              const char  *end,
              GString     *out)
{
  const char *q = *p + 1;
  gunichar c, low;

  if (q >= end)
    return FALSE;

  switch (*q++)
    {
    case '"': c = '"'; break;
    case '\\': c = '\\'; break;
    case '/': c = '/'; break;
    case 'b': c = '\b'; break;
    case 'f': c = '\f'; break;
    case 'n': c = '\n'; break;
    case 'r': c = '\r'; break;
    case 't': c = '\t'; break;
    case 'u':
      if (!read_hex4 (q, end, &c))
        return FALSE;
      q += 4;
      if (c >= 0xd800 && c < 0xdc00)
        {
          /* A surrogate pair, or nothing. */
          if (end - q < 6 || q[0] != '\\' || q[1] != 'u' || !read_hex4 (q + 2, end, &low) ||
              low < 0xdc00 || low >= 0xe000)
            return FALSE;
          q += 6;
          c = 0x10000 + ((c - 0xd800) << 10) + (low - 0xdc00);
        }
      /* C strings cannot hold U+0000, and a lone low surrogate is no character. */
      else if (c == 0 || (c >= 0xdc00 && c < 0xe000))
        return FALSE;
      break;
    default:
      return FALSE;
    }

  g_string_append_unichar (out, c);
  *p = q;
  return TRUE;
}

/* The string between quotes @p and @end, unescaped, appended to @out. */
static gboolean
unescape (const char *p,
          const char *end,
          GString    *out)
{
  while (p < end)
    {
      const char *backslash = memchr (p, '\\', end - p);

      if (backslash == NULL)
        backslash = end;
      g_string_append_len (out, p, backslash - p);
      p = backslash;
      if (p < end && !unescape_one (&p, end, out))
        return FALSE;
    }

  return TRUE;
}

static Token *
add_token (Lexer       *lx,
           HlgJsonKind  kind)
{
  HlgJsonIndex *self = lx->index;
  Token *token;

  if (self->n_tokens == self->n_allocated)
    {
      self->n_allocated = MAX (256, self->n_allocated * 2);
      self->tokens = g_renew (Token, self->tokens, self->n_allocated);
    }

  token = &self->tokens[self->n_tokens++];
  token->kind = kind;
  token->escaped = FALSE;
  token->start = lx->p - self->text;
  token->length = 0;
  token->size = 0;
  token->next = self->n_tokens;
  return token;
}

static void
skip_space (Lexer *lx)
{
  while (lx->p < lx->end && (*lx->p == ' ' || *lx->p == '\n' || *lx->p == '\r' || *lx->p == '\t'))
    lx->p++;
}

static gboolean
index_string (Lexer *lx)
{
  Token *token = add_token (lx, HLG_JSON_STRING);
  const char *start = lx->p + 1;
  const char *p = start;
  const char *end = lx->end;
  guint64 seen = 0;

  /* Eight bytes at a time: most text has nothing to escape. */
  for (;;)
    {
      guint64 x;

      while (end - p >= 8 && (memcpy (&x, p, 8), !_hlg_json_has_special_byte (x)))
        {
          seen |= x;
          p += 8;
        }
      if (p >= end)
        return FALSE;
      if (*p == '"')
        break;
      if ((guchar) *p < 0x20)
        return FALSE;
      if (*p == '\\')
        {
          token->escaped = TRUE;
          p++;
          if (p >= end)
            return FALSE;
        }
      seen |= (guchar) *p++;
    }

  lx->p = p + 1;
  token->length = lx->p - (start - 1);
  if ((seen & HLG_JSON_HIGHS) != 0 && !g_utf8_validate_len (start, p - start, NULL))
    return FALSE;
  if (token->escaped)
    {
      g_string_truncate (lx->index->scratch, 0);
      return unescape (start, p, lx->index->scratch);
    }
  return TRUE;
}

static gboolean
skip_digits (Lexer *lx)
{
  const char *start = lx->p;

  while (lx->p < lx->end && g_ascii_isdigit (*lx->p))
    lx->p++;
  return lx->p > start;
}

static gboolean
index_number (Lexer *lx)
{
  Token *token = add_token (lx, HLG_JSON_INT);
  const char *start = lx->p;

  if (lx->p < lx->end && *lx->p == '-')
    lx->p++;
  if (lx->p < lx->end && *lx->p == '0')
    lx->p++;
  else if (!skip_digits (lx))
    return FALSE;
  if (lx->p < lx->end && *lx->p == '.')
    {
      lx->p++;
      token->kind = HLG_JSON_DOUBLE;
      if (!skip_digits (lx))
        return FALSE;
    }
  if (lx->p < lx->end && (*lx->p == 'e' || *lx->p == 'E'))
    {
      lx->p++;
      token->kind = HLG_JSON_DOUBLE;
      if (lx->p < lx->end && (*lx->p == '+' || *lx->p == '-'))
        lx->p++;
      if (!skip_digits (lx))
        return FALSE;
    }
  token->length = lx->p - start;

  /* Nineteen digits may be beyond 64 bits: then a double, as json-glib has it. */
  if (token->kind == HLG_JSON_INT && token->length >= 19)
    {
      char buffer[32];

      if (token->length >= sizeof buffer)
        token->kind = HLG_JSON_DOUBLE;
      else
        {
          memcpy (buffer, start, token->length);
          buffer[token->length] = '\0';
          errno = 0;
          g_ascii_strtoll (buffer, NULL, 10);
          if (errno != 0)
            token->kind = HLG_JSON_DOUBLE;
        }
    }

  return TRUE;
}

static gboolean
index_literal (Lexer       *lx,
               HlgJsonKind  kind,
               const char  *word)
{
  Token *token = add_token (lx, kind);
  gsize n = strlen (word);

  if ((gsize) (lx->end - lx->p) < n || memcmp (lx->p, word, n) != 0)
    return FALSE;
  lx->p += n;
  token->length = n;
  return TRUE;
}

static gboolean index_value (Lexer *lx);

static gboolean
index_container (Lexer    *lx,
                 gboolean  is_object)
{
  guint place = lx->index->n_tokens;
  const char *start = lx->p;
  char close = is_object ? '}' : ']';
  guint size = 0;
  Token *token;

  add_token (lx, is_object ? HLG_JSON_OBJECT : HLG_JSON_ARRAY);
  if (++lx->depth > MAX_DEPTH)
    return FALSE;

  lx->p++;
  skip_space (lx);
  if (lx->p < lx->end && *lx->p == close)
    lx->p++;
  else for (;;)
    {
      if (is_object)
        {
          if (lx->p >= lx->end || *lx->p != '"' || !index_string (lx))
            return FALSE;
          skip_space (lx);
          if (lx->p >= lx->end || *lx->p != ':')
            return FALSE;
          lx->p++;
        }
      if (!index_value (lx))
        return FALSE;
      size++;

      skip_space (lx);
      if (lx->p >= lx->end)
        return FALSE;
      if (*lx->p == close)
        {
          lx->p++;
          break;
        }
      if (*lx->p != ',')
        return FALSE;
      lx->p++;
      skip_space (lx);
    }

  lx->depth--;
  token = &lx->index->tokens[place];
  token->length = lx->p - start;
  token->size = size;
  token->next = lx->index->n_tokens;
  return TRUE;
}

static gboolean
index_value (Lexer *lx)
{
  skip_space (lx);
  if (lx->p >= lx->end)
    return FALSE;

  switch (*lx->p)
    {
    case '{':
      return index_container (lx, TRUE);
    case '[':
      return index_container (lx, FALSE);
    case '"':
      return index_string (lx);
    case 't':
      return index_literal (lx, HLG_JSON_TRUE, "true");
    case 'f':
      return index_literal (lx, HLG_JSON_FALSE, "false");
    case 'n':
      return index_literal (lx, HLG_JSON_NULL, "null");
    default:
      return index_number (lx);
    }
}

/**
 * hlg_json_index_parse:
 * @data: the text, which must outlive the index's use of it
 *
 * Checks that @data is exactly one JSON value, strictly (RFC 8259, strings
 * valid UTF-8 without U+0000), and indexes it in place of what @self held.
 */
gboolean
hlg_json_index_parse (HlgJsonIndex  *self,
                      const char    *data,
                      gsize          length,
                      GError       **error)
{
  Lexer lx = { self, data, data + length, 0 };

  g_return_val_if_fail (self != NULL, FALSE);
  g_return_val_if_fail (data != NULL || length == 0, FALSE);

  self->text = data;
  self->n_tokens = 0;
  if (length > G_MAXUINT32)
    {
      g_set_error_literal (error, HLG_DOCUMENT_ERROR, HLG_DOCUMENT_ERROR_PARSE,
                           _("The JSON text is too long"));
      return FALSE;
    }

  if (!index_value (&lx) || (skip_space (&lx), lx.p != lx.end))
    {
      self->n_tokens = 0;
      g_set_error (error, HLG_DOCUMENT_ERROR, HLG_DOCUMENT_ERROR_PARSE,
                   _("The JSON cannot be parsed (at byte %lu)"),
                   (unsigned long) (MIN (lx.p, lx.end) - data));
      return FALSE;
    }

  return TRUE;
}

static inline const Token *
get_token (HlgJsonIndex *self,
           guint         value)
{
  g_assert (value < self->n_tokens);
  return &self->tokens[value];
}

HlgJsonKind
hlg_json_index_get_kind (HlgJsonIndex *self,
                         guint         value)
{
  return get_token (self, value)->kind;
}

guint
hlg_json_index_get_size (HlgJsonIndex *self,
                         guint         value)
{
  return get_token (self, value)->size;
}

/* The place of the value after @value and all it holds: in an array, the
 * next element; in an object, the next member's name. */
guint
hlg_json_index_next (HlgJsonIndex *self,
                     guint         value)
{
  return get_token (self, value)->next;
}

/* The value's text as it came (a string's with its quotes and escapes). */
const char *
hlg_json_index_get_text (HlgJsonIndex *self,
                         guint         value,
                         gsize        *length)
{
  const Token *token = get_token (self, value);

  *length = token->length;
  return self->text + token->start;
}

gboolean
hlg_json_index_is_escaped (HlgJsonIndex *self,
                           guint         value)
{
  return get_token (self, value)->escaped;
}

static const char *
unescape_into (HlgJsonIndex *self,
               const Token  *token,
               GString      *out)
{
  const char *start = self->text + token->start + 1;

  g_string_truncate (out, 0);
  if (token->escaped)
    unescape (start, start + token->length - 2, out);
  else
    g_string_append_len (out, start, token->length - 2);

  return out->str;
}

/**
 * hlg_json_index_get_string:
 *
 * Returns: the string @value, unescaped; good until the next call
 */
const char *
hlg_json_index_get_string (HlgJsonIndex *self,
                           guint         value)
{
  const Token *token = get_token (self, value);

  g_return_val_if_fail (token->kind == HLG_JSON_STRING, NULL);

  return unescape_into (self, token, self->scratch);
}

static const char *
number_text (HlgJsonIndex *self,
             const Token  *token,
             char         *buffer,
             gsize         size)
{
  if (token->length < size)
    {
      memcpy (buffer, self->text + token->start, token->length);
      buffer[token->length] = '\0';
      return buffer;
    }

  g_string_truncate (self->scratch, 0);
  g_string_append_len (self->scratch, self->text + token->start, token->length);
  return self->scratch->str;
}

gint64
hlg_json_index_get_int (HlgJsonIndex *self,
                        guint         value)
{
  const Token *token = get_token (self, value);
  char buffer[32];

  g_return_val_if_fail (token->kind == HLG_JSON_INT, 0);

  return g_ascii_strtoll (number_text (self, token, buffer, sizeof buffer), NULL, 10);
}

/* A number's value as a double, whether it is written as one or not. */
double
hlg_json_index_get_double (HlgJsonIndex *self,
                           guint         value)
{
  const Token *token = get_token (self, value);
  char buffer[G_ASCII_DTOSTR_BUF_SIZE];

  g_return_val_if_fail (token->kind == HLG_JSON_INT || token->kind == HLG_JSON_DOUBLE, 0);

  return g_ascii_strtod (number_text (self, token, buffer, sizeof buffer), NULL);
}

/* strcmp() of the string @string, unescaped, and @s. */
int
hlg_json_index_compare (HlgJsonIndex *self,
                        guint         string,
                        const char   *s)
{
  const Token *token = get_token (self, string);
  gsize n = strlen (s);
  int order;

  g_return_val_if_fail (token->kind == HLG_JSON_STRING, -1);

  if (token->escaped)
    return strcmp (unescape_into (self, token, self->other), s);

  order = memcmp (self->text + token->start + 1, s, MIN (n, token->length - 2u));
  if (order != 0)
    return order;
  return (token->length - 2 > n) - (token->length - 2 < n);
}

/**
 * hlg_json_index_lookup:
 *
 * Returns: the place of @object's member @name (the last one of that name,
 *   as json-glib keeps it), or 0 when there is none
 */
guint
hlg_json_index_lookup (HlgJsonIndex *self,
                       guint         object,
                       const char   *name)
{
  const Token *token = get_token (self, object);
  gsize n = strlen (name);
  guint found = 0;
  guint member = object + 1;

  g_return_val_if_fail (token->kind == HLG_JSON_OBJECT, 0);

  for (guint i = 0; i < token->size; i++)
    {
      const Token *key = &self->tokens[member];

      if (key->escaped ? hlg_json_index_compare (self, member, name) == 0
                       : key->length == n + 2 && memcmp (self->text + key->start + 1, name, n) == 0)
        found = member + 1;
      member = self->tokens[member + 1].next;
    }

  return found;
}

/* strcmp() of two strings, unescaped. */
static int
compare_strings (HlgJsonIndex *self,
                 guint         a,
                 guint         b)
{
  const Token *ta = &self->tokens[a];
  const Token *tb = &self->tokens[b];
  int order;

  if (ta->escaped || tb->escaped)
    return hlg_json_index_compare (self, a, unescape_into (self, tb, self->scratch));

  order = memcmp (self->text + ta->start + 1, self->text + tb->start + 1,
                  MIN (ta->length, tb->length) - 2);
  return order != 0 ? order : (ta->length > tb->length) - (ta->length < tb->length);
}

static int
compare_members (gconstpointer a,
                 gconstpointer b,
                 gpointer      user_data)
{
  const HlgJsonIndexMember *x = a;
  const HlgJsonIndexMember *y = b;
  int order = compare_strings (user_data, x->name, y->name);

  /* Of two members of the same name, the later one last. */
  return order != 0 ? order : (x->name > y->name) - (x->name < y->name);
}

/**
 * hlg_json_index_sort_members:
 * @members: room for as many members as @object has
 *
 * Fills @members with @object's members in the order of their names
 * (strcmp() of the unescaped names), each name once, with its last value.
 *
 * Returns: how many there are
 */
guint
hlg_json_index_sort_members (HlgJsonIndex        *self,
                             guint                object,
                             HlgJsonIndexMember  *members)
{
  const Token *token = get_token (self, object);
  guint member = object + 1;
  guint n = 0;

  g_return_val_if_fail (token->kind == HLG_JSON_OBJECT, 0);

  for (guint i = 0; i < token->size; i++)
    {
      members[i].name = member;
      members[i].value = member + 1;
      member = self->tokens[member + 1].next;
    }
  g_qsort_with_data (members, token->size, sizeof (HlgJsonIndexMember), compare_members, self);

  /* Of each name, the last member only. */
  for (guint i = 0; i < token->size; i++)
    {
      if (n > 0 && compare_strings (self, members[n - 1].name, members[i].name) == 0)
        n--;
      members[n++] = members[i];
    }

  return n;
}

static void
append_int (GString *out,
            gint64   value)
{
  char buffer[24];
  char *p = buffer + sizeof buffer;
  guint64 magnitude = value < 0 ? -(guint64) value : (guint64) value;

  do
    *--p = '0' + magnitude % 10;
  while ((magnitude /= 10) > 0);
  if (value < 0)
    *--p = '-';
  g_string_append_len (out, p, buffer + sizeof buffer - p);
}

/**
 * hlg_json_index_append_sorted:
 *
 * Appends @value to @out as JSON text without spaces, each object's
 * members in the order of their names, each name once with its last
 * value; strings escaped only where they must be, numbers as json-glib
 * reads them (so the same content always gives the same text: the server
 * hashes it for a document's revision, and revisions made before this
 * index, from json-glib's trees, are byte for byte the same).
 */
void
hlg_json_index_append_sorted (HlgJsonIndex *self,
                              guint         value,
                              GString      *out)
{
  const Token *token = get_token (self, value);

  switch ((HlgJsonKind) token->kind)
    {
    case HLG_JSON_OBJECT:
      {
        HlgJsonIndexMember some[32];
        g_autofree HlgJsonIndexMember *many = NULL;
        HlgJsonIndexMember *members = some;
        guint n;

        if (token->size > G_N_ELEMENTS (some))
          members = many = g_new (HlgJsonIndexMember, token->size);
        n = hlg_json_index_sort_members (self, value, members);

        g_string_append_c (out, '{');
        for (guint i = 0; i < n; i++)
          {
            if (i > 0)
              g_string_append_c (out, ',');
            hlg_json_index_append_sorted (self, members[i].name, out);
            g_string_append_c (out, ':');
            hlg_json_index_append_sorted (self, members[i].value, out);
          }
        g_string_append_c (out, '}');
        break;
      }

    case HLG_JSON_ARRAY:
      g_string_append_c (out, '[');
      for (guint i = 0, element = value + 1; i < token->size; i++, element = self->tokens[element].next)
        {
          if (i > 0)
            g_string_append_c (out, ',');
          hlg_json_index_append_sorted (self, element, out);
        }
      g_string_append_c (out, ']');
      break;

    case HLG_JSON_STRING:
      /* Without escapes, the text is as hlg_json_append_string() writes it. */
      if (token->escaped)
        hlg_json_append_string (out, hlg_json_index_get_string (self, value));
      else
        g_string_append_len (out, self->text + token->start, token->length);
      break;

    case HLG_JSON_INT:
      append_int (out, hlg_json_index_get_int (self, value));
      break;

    case HLG_JSON_DOUBLE:
      {
        char buffer[G_ASCII_DTOSTR_BUF_SIZE];

        g_string_append (out, g_ascii_dtostr (buffer, sizeof buffer, hlg_json_index_get_double (self, value)));
        break;
      }

    case HLG_JSON_TRUE:
      g_string_append (out, "true");
      break;

    case HLG_JSON_FALSE:
      g_string_append (out, "false");
      break;

    case HLG_JSON_NULL:
    default:
      g_string_append (out, "null");
    }
}

static void
set_members (HlgJsonIndex       *self,
             JsonObject         *object,
             guint               place,
             const char * const *names)
{
  guint member = place + 1;

  for (guint i = 0; i < get_token (self, place)->size; i++)
    {
      const char *name = hlg_json_index_get_string (self, member);

      if (names == NULL || g_strv_contains (names, name))
        {
          /* The name outlives the value's unescaping. */
          char some[64];
          g_autofree char *long_name = NULL;
          gsize length = strlen (name);
          const char *copy = some;

          if (length < sizeof some)
            memcpy (some, name, length + 1);
          else
            copy = long_name = g_strdup (name);
          json_object_set_member (object, copy, hlg_json_index_to_node (self, member + 1));
        }
      member = self->tokens[member + 1].next;
    }
}

/* json-glib's tree of @value: what json_from_string() would build. */
JsonNode *
hlg_json_index_to_node (HlgJsonIndex *self,
                        guint         value)
{
  const Token *token = get_token (self, value);

  switch ((HlgJsonKind) token->kind)
    {
    case HLG_JSON_OBJECT:
      {
        g_autoptr(JsonObject) object = json_object_new ();

        set_members (self, object, value, NULL);
        return json_node_init_object (json_node_alloc (), object);
      }

    case HLG_JSON_ARRAY:
      {
        g_autoptr(JsonArray) array = json_array_sized_new (token->size);

        for (guint i = 0, element = value + 1; i < token->size; i++, element = self->tokens[element].next)
          json_array_add_element (array, hlg_json_index_to_node (self, element));
        return json_node_init_array (json_node_alloc (), array);
      }

    case HLG_JSON_STRING:
      return json_node_init_string (json_node_alloc (), hlg_json_index_get_string (self, value));

    case HLG_JSON_INT:
      return json_node_init_int (json_node_alloc (), hlg_json_index_get_int (self, value));

    case HLG_JSON_DOUBLE:
      return json_node_init_double (json_node_alloc (), hlg_json_index_get_double (self, value));

    case HLG_JSON_TRUE:
    case HLG_JSON_FALSE:
      return json_node_init_boolean (json_node_alloc (), token->kind == HLG_JSON_TRUE);

    case HLG_JSON_NULL:
    default:
      return json_node_init_null (json_node_alloc ());
    }
}

/**
 * hlg_json_index_pick:
 * @names: (nullable): the members to take, or %NULL for all
 *
 * Returns: (transfer full): a new tree of @object with the members named
 */
JsonObject *
hlg_json_index_pick (HlgJsonIndex       *self,
                     guint               object,
                     const char * const *names)
{
  JsonObject *picked = json_object_new ();

  g_return_val_if_fail (get_token (self, object)->kind == HLG_JSON_OBJECT, picked);

  set_members (self, picked, object, names);
  return picked;
}
