/* hlg-groups-page.h: the Groups place: Modernisation Groups, members, task teams and deliverables
 * SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <adwaita.h>

#include "hlg-page.h"

G_BEGIN_DECLS

#define HLG_TYPE_GROUPS_PAGE (hlg_groups_page_get_type ())

G_DECLARE_FINAL_TYPE (HlgGroupsPage, hlg_groups_page, HLG, GROUPS_PAGE, HlgPage)

GtkWidget *hlg_groups_page_new (HlgStore      *store);
int         hlg_groups_page_get_year        (HlgGroupsPage *self);
void        hlg_groups_page_set_year        (HlgGroupsPage *self,
                                             int            year);

G_END_DECLS
