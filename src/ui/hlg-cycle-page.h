/* hlg-cycle-page.h: the Cycle place: the year's timeline, its milestones, focus areas and priorities
 * SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <adwaita.h>

#include "hlg-page.h"

G_BEGIN_DECLS

#define HLG_TYPE_CYCLE_PAGE (hlg_cycle_page_get_type ())

G_DECLARE_FINAL_TYPE (HlgCyclePage, hlg_cycle_page, HLG, CYCLE_PAGE, HlgPage)

GtkWidget *hlg_cycle_page_new (HlgStore     *store);

G_END_DECLS
