/* hlg-page.h: the base of the place pages: the store they show and the text they search for
 * SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <adwaita.h>

#include "hlg-store.h"

G_BEGIN_DECLS

#define HLG_TYPE_PAGE (hlg_page_get_type ())

G_DECLARE_DERIVABLE_TYPE (HlgPage, hlg_page, HLG, PAGE, AdwBin)

struct _HlgPageClass
{
  AdwBinClass parent_class;

  /* Search text is kept case-folded, for pages that match folded text. */
  gboolean    fold_search_text;

  /* Called after the search text changed, before "search-text" is notified. */
  void      (*search_changed) (HlgPage *self);

  /* Called after the signed-in role changed, before "role" is notified. */
  void      (*role_changed)   (HlgPage *self);
};

HlgStore   *hlg_page_get_store       (HlgPage    *self);
const char *hlg_page_get_search_text (HlgPage    *self);
const char *hlg_page_get_role        (HlgPage    *self);
void        hlg_page_set_search_text (HlgPage    *self,
                                      const char *search_text);

/* For the pages' filters and rows. */
char       *hlg_page_dup_needle      (HlgPage    *self);
const char *hlg_page_title_of        (HlgPage    *self,
                                      const char *id);
gboolean    hlg_page_text_matches    (const char *haystack,
                                      const char *needle);

G_END_DECLS
