/* hlg-page.c: the base of the place pages: the store they show and the text they search for
 * SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "hlg-page"

#include "config.h"

#include <string.h>

#include "hlg-application.h"
#include "hlg-page.h"

typedef struct
{
  HlgStore *store;
  char     *search_text;
  char     *role;
} HlgPagePrivate;

G_DEFINE_ABSTRACT_TYPE_WITH_PRIVATE (HlgPage, hlg_page, ADW_TYPE_BIN)

enum {
  PROP_0,
  PROP_STORE,
  PROP_SEARCH_TEXT,
  PROP_ROLE,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static void
hlg_page_constructed (GObject *object)
{
  HlgPage *self = HLG_PAGE (object);
  HlgPagePrivate *priv = hlg_page_get_instance_private (self);

  G_OBJECT_CLASS (hlg_page_parent_class)->constructed (object);

  g_assert (HLG_IS_STORE (priv->store));
}

static void
hlg_page_dispose (GObject *object)
{
  HlgPage *self = HLG_PAGE (object);
  HlgPagePrivate *priv = hlg_page_get_instance_private (self);

  g_clear_object (&priv->store);

  G_OBJECT_CLASS (hlg_page_parent_class)->dispose (object);
}

static void
hlg_page_finalize (GObject *object)
{
  HlgPage *self = HLG_PAGE (object);
  HlgPagePrivate *priv = hlg_page_get_instance_private (self);

  g_clear_pointer (&priv->search_text, g_free);
  g_clear_pointer (&priv->role, g_free);

  G_OBJECT_CLASS (hlg_page_parent_class)->finalize (object);
}

static void
hlg_page_get_property (GObject    *object,
                       guint       prop_id,
                       GValue     *value,
                       GParamSpec *pspec)
{
  HlgPage *self = HLG_PAGE (object);
  HlgPagePrivate *priv = hlg_page_get_instance_private (self);

  switch (prop_id)
    {
    case PROP_STORE:
      g_value_set_object (value, priv->store);
      break;

    case PROP_SEARCH_TEXT:
      g_value_set_string (value, priv->search_text);
      break;

    case PROP_ROLE:
      g_value_set_string (value, priv->role);
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
hlg_page_set_property (GObject      *object,
                       guint         prop_id,
                       const GValue *value,
                       GParamSpec   *pspec)
{
  HlgPage *self = HLG_PAGE (object);
  HlgPagePrivate *priv = hlg_page_get_instance_private (self);

  switch (prop_id)
    {
    case PROP_STORE:
      priv->store = g_value_dup_object (value);
      break;

    case PROP_SEARCH_TEXT:
      hlg_page_set_search_text (self, g_value_get_string (value));
      break;

    case PROP_ROLE:
      {
        const char *role = g_value_get_string (value);

        if (role == NULL || g_strcmp0 (role, priv->role) == 0)
          break;
        g_free (priv->role);
        priv->role = g_strdup (role);
        if (HLG_PAGE_GET_CLASS (self)->role_changed != NULL)
          HLG_PAGE_GET_CLASS (self)->role_changed (self);
        g_object_notify_by_pspec (object, pspec);
      }
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
hlg_page_class_init (HlgPageClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->constructed = hlg_page_constructed;
  object_class->dispose = hlg_page_dispose;
  object_class->finalize = hlg_page_finalize;
  object_class->get_property = hlg_page_get_property;
  object_class->set_property = hlg_page_set_property;

  properties[PROP_STORE] =
    g_param_spec_object ("store", NULL, NULL, HLG_TYPE_STORE,
                         G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS);
  properties[PROP_SEARCH_TEXT] =
    g_param_spec_string ("search-text", NULL, NULL, NULL,
                         G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  /* The signed-in role (secretariat, board, author, member): what the page offers. */
  properties[PROP_ROLE] =
    g_param_spec_string ("role", NULL, NULL, "secretariat",
                         G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
hlg_page_init (HlgPage *self)
{
  HlgPagePrivate *priv = hlg_page_get_instance_private (self);
  GApplication *app = g_application_get_default ();

  priv->role = g_strdup (HLG_IS_APPLICATION (app) ? hlg_application_get_role (HLG_APPLICATION (app))
                                                  : "secretariat");
}

const char *
hlg_page_get_role (HlgPage *self)
{
  HlgPagePrivate *priv = hlg_page_get_instance_private (self);

  g_return_val_if_fail (HLG_IS_PAGE (self), NULL);

  return priv->role;
}

/**
 * hlg_page_get_store:
 *
 * Returns: (transfer none): the store the page shows
 */
HlgStore *
hlg_page_get_store (HlgPage *self)
{
  HlgPagePrivate *priv;

  g_return_val_if_fail (HLG_IS_PAGE (self), NULL);

  priv = hlg_page_get_instance_private (self);

  return priv->store;
}

const char *
hlg_page_get_search_text (HlgPage *self)
{
  HlgPagePrivate *priv;

  g_return_val_if_fail (HLG_IS_PAGE (self), NULL);

  priv = hlg_page_get_instance_private (self);

  return priv->search_text;
}

void
hlg_page_set_search_text (HlgPage    *self,
                          const char *search_text)
{
  HlgPagePrivate *priv;
  g_autofree char *text = NULL;

  g_return_if_fail (HLG_IS_PAGE (self));

  priv = hlg_page_get_instance_private (self);
  if (HLG_PAGE_GET_CLASS (self)->fold_search_text && search_text != NULL)
    text = g_utf8_casefold (search_text, -1);
  else
    text = g_strdup (search_text);

  if (g_strcmp0 (priv->search_text, text) == 0)
    return;

  g_free (priv->search_text);
  priv->search_text = g_steal_pointer (&text);
  if (HLG_PAGE_GET_CLASS (self)->search_changed != NULL)
    HLG_PAGE_GET_CLASS (self)->search_changed (self);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_SEARCH_TEXT]);
}

/**
 * hlg_page_dup_needle:
 *
 * Returns: (transfer full) (nullable): the search text case-folded, or %NULL when there is
 *   nothing to search for
 */
char *
hlg_page_dup_needle (HlgPage *self)
{
  const char *search_text = hlg_page_get_search_text (self);

  if (search_text == NULL || search_text[0] == '\0')
    return NULL;

  return g_utf8_casefold (search_text, -1);
}

/**
 * hlg_page_title_of:
 * @id: (nullable): a document's ID
 *
 * Returns: (nullable): the title of the document @id in the page's store
 */
const char *
hlg_page_title_of (HlgPage    *self,
                   const char *id)
{
  HlgDocument *doc;

  g_return_val_if_fail (HLG_IS_PAGE (self), NULL);

  doc = id != NULL ? hlg_store_lookup (hlg_page_get_store (self), id) : NULL;

  return doc != NULL ? hlg_document_get_title (doc) : NULL;
}

/* Whether @haystack, case-folded, holds @needle (already case-folded). */
gboolean
hlg_page_text_matches (const char *haystack,
                       const char *needle)
{
  g_autofree char *h = NULL;

  if (haystack == NULL)
    return FALSE;
  h = g_utf8_casefold (haystack, -1);

  return strstr (h, needle) != NULL;
}
