/* hlg-proposal-editor.h: every field of a proposal, saved as the person types
 * SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gtk/gtk.h>

#include "hlg-store.h"

G_BEGIN_DECLS

#define HLG_TYPE_PROPOSAL_EDITOR (hlg_proposal_editor_get_type ())

G_DECLARE_FINAL_TYPE (HlgProposalEditor, hlg_proposal_editor, HLG, PROPOSAL_EDITOR, GtkWidget)

GtkWidget   *hlg_proposal_editor_new              (HlgStore          *store,
                                                   HlgDocument       *document,
                                                   const char        *role);
void         hlg_proposal_editor_set_role         (HlgProposalEditor *self,
                                                   const char        *role);
HlgDocument *hlg_proposal_editor_get_document     (HlgProposalEditor *self);
gboolean     hlg_proposal_editor_get_editable     (HlgProposalEditor *self);
gboolean     hlg_proposal_editor_flush            (HlgProposalEditor *self,
                                                   GError           **error);
gboolean     hlg_proposal_editor_submit           (HlgProposalEditor *self,
                                                   GError           **error);
GtkWidget   *hlg_proposal_editor_get_field_widget (HlgProposalEditor *self,
                                                   const char        *path);
char       **hlg_proposal_editor_dup_warnings     (HlgProposalEditor *self,
                                                   const char        *field);

G_END_DECLS
