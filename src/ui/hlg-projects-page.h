/* hlg-projects-page.h: the Projects place: each project's 12-month window, budget, outputs and reports
 * SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <adwaita.h>

#include "hlg-page.h"

G_BEGIN_DECLS

#define HLG_TYPE_PROJECTS_PAGE (hlg_projects_page_get_type ())

G_DECLARE_FINAL_TYPE (HlgProjectsPage, hlg_projects_page, HLG, PROJECTS_PAGE, HlgPage)

GtkWidget *hlg_projects_page_new (HlgStore        *store);

G_END_DECLS
