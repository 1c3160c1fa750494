/* hlg-proposal-row.h: one proposal in the list: title, status, kind, lead, focus areas, warnings
 * SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gtk/gtk.h>

#include "hlg-store.h"

G_BEGIN_DECLS

#define HLG_TYPE_PROPOSAL_ROW (hlg_proposal_row_get_type ())

G_DECLARE_FINAL_TYPE (HlgProposalRow, hlg_proposal_row, HLG, PROPOSAL_ROW, GtkWidget)

GtkWidget   *hlg_proposal_row_new            (HlgStore       *store);
HlgDocument *hlg_proposal_row_get_document   (HlgProposalRow *self);
void         hlg_proposal_row_set_document   (HlgProposalRow *self,
                                              HlgDocument    *document);
guint        hlg_proposal_row_get_n_warnings (HlgProposalRow *self);
const char  *hlg_proposal_row_get_warnings_text (HlgProposalRow *self);
const char  *hlg_proposal_row_get_title      (HlgProposalRow *self);

GtkListItemFactory *hlg_proposal_row_factory_new (HlgStore *store);

/* Shared with the editor: the warnings the domain rules give now. */
GPtrArray   *hlg_proposal_check_rules        (HlgStore       *store,
                                              HlgDocument    *proposal);

G_END_DECLS
