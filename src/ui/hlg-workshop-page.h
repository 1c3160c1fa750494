/* hlg-workshop-page.h: the Workshop place: the proposals presented, the ballots and the two recommended
 * SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <adwaita.h>

#include "hlg-page.h"

G_BEGIN_DECLS

#define HLG_TYPE_WORKSHOP_PAGE (hlg_workshop_page_get_type ())

G_DECLARE_FINAL_TYPE (HlgWorkshopPage, hlg_workshop_page, HLG, WORKSHOP_PAGE, HlgPage)

GtkWidget *hlg_workshop_page_new (HlgStore        *store);

G_END_DECLS
