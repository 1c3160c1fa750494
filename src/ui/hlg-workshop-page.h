/* hlg-workshop-page.h: the Workshop place: the agenda, the ballots, one's own, the two recommended
 * SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <adwaita.h>

#include "hlg-ballot-editor.h"
#include "hlg-page.h"
#include "hlg-tally.h"

G_BEGIN_DECLS

#define HLG_TYPE_WORKSHOP_PAGE (hlg_workshop_page_get_type ())

G_DECLARE_FINAL_TYPE (HlgWorkshopPage, hlg_workshop_page, HLG, WORKSHOP_PAGE, HlgPage)

GtkWidget       *hlg_workshop_page_new               (HlgStore        *store);
HlgBallotEditor *hlg_workshop_page_get_ballot_editor (HlgWorkshopPage *self);
HlgTally        *hlg_workshop_page_get_tally         (HlgWorkshopPage *self);
GListModel      *hlg_workshop_page_get_recommended   (HlgWorkshopPage *self);

G_END_DECLS
