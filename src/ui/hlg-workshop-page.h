/* hlg-workshop-page.h: the Workshop place: the proposals presented, the ballots and the two recommended
 * SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <adwaita.h>

#include "hlg-store.h"

G_BEGIN_DECLS

#define HLG_TYPE_WORKSHOP_PAGE (hlg_workshop_page_get_type ())

G_DECLARE_FINAL_TYPE (HlgWorkshopPage, hlg_workshop_page, HLG, WORKSHOP_PAGE, AdwBin)

GtkWidget  *hlg_workshop_page_new             (HlgStore        *store);
HlgStore   *hlg_workshop_page_get_store       (HlgWorkshopPage *self);
const char *hlg_workshop_page_get_search_text (HlgWorkshopPage *self);
void        hlg_workshop_page_set_search_text (HlgWorkshopPage *self,
                                               const char      *search_text);

G_END_DECLS
