/* hlg-blue-skies-page.h: the Blue Skies place: Blue Skies reports and Inspiration Sessions
 * SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <adwaita.h>

#include "hlg-blue-skies-editor.h"
#include "hlg-page.h"

G_BEGIN_DECLS

#define HLG_TYPE_BLUE_SKIES_PAGE (hlg_blue_skies_page_get_type ())

G_DECLARE_FINAL_TYPE (HlgBlueSkiesPage, hlg_blue_skies_page, HLG, BLUE_SKIES_PAGE, HlgPage)

GtkWidget          *hlg_blue_skies_page_new        (HlgStore          *store);
HlgDocument        *hlg_blue_skies_page_new_report (HlgBlueSkiesPage  *self,
                                                    GError           **error);
void                hlg_blue_skies_page_open       (HlgBlueSkiesPage  *self,
                                                    HlgDocument       *report);
void                hlg_blue_skies_page_show_list  (HlgBlueSkiesPage  *self);
void                hlg_blue_skies_page_flush      (HlgBlueSkiesPage  *self);
HlgBlueSkiesEditor *hlg_blue_skies_page_get_editor (HlgBlueSkiesPage  *self);

G_END_DECLS
