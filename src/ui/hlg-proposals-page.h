/* hlg-proposals-page.h: the Proposals place: a filtered, sorted list and the editor
 * SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gtk/gtk.h>

#include "hlg-proposal-editor.h"
#include "hlg-page.h"
#include "hlg-store.h"

G_BEGIN_DECLS

#define HLG_TYPE_PROPOSALS_PAGE (hlg_proposals_page_get_type ())

G_DECLARE_FINAL_TYPE (HlgProposalsPage, hlg_proposals_page, HLG, PROPOSALS_PAGE, HlgPage)

HlgDocument       *hlg_proposals_page_new_proposal (HlgProposalsPage  *self,
                                                    GError           **error);
void               hlg_proposals_page_open         (HlgProposalsPage  *self,
                                                    HlgDocument       *proposal);
void               hlg_proposals_page_show_list    (HlgProposalsPage  *self);
void               hlg_proposals_page_flush        (HlgProposalsPage  *self);
HlgProposalEditor *hlg_proposals_page_get_editor   (HlgProposalsPage  *self);
GListModel        *hlg_proposals_page_get_model    (HlgProposalsPage  *self);
void               hlg_proposals_page_set_filter   (HlgProposalsPage  *self,
                                                    const char        *status,
                                                    const char        *kind,
                                                    const char        *focus_area);

G_END_DECLS
