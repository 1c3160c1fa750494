/* hlg-projects-page.h: the Projects place: each project's 12-month window, budget, outputs and reports
 * SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <adwaita.h>

#include "hlg-store.h"

G_BEGIN_DECLS

#define HLG_TYPE_PROJECTS_PAGE (hlg_projects_page_get_type ())

G_DECLARE_FINAL_TYPE (HlgProjectsPage, hlg_projects_page, HLG, PROJECTS_PAGE, AdwBin)

GtkWidget  *hlg_projects_page_new             (HlgStore        *store);
HlgStore   *hlg_projects_page_get_store       (HlgProjectsPage *self);
const char *hlg_projects_page_get_search_text (HlgProjectsPage *self);
void        hlg_projects_page_set_search_text (HlgProjectsPage *self,
                                               const char      *search_text);

G_END_DECLS
