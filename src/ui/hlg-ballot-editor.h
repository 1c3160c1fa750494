/* hlg-ballot-editor.h: the signed-in person's ballot at the workshop, saved as it is filled
 * SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gtk/gtk.h>

#include "hlg-store.h"

G_BEGIN_DECLS

/* What a voter shares out under the "allotment" method. */
#define HLG_BALLOT_EDITOR_POINTS 10

#define HLG_TYPE_BALLOT_EDITOR (hlg_ballot_editor_get_type ())

G_DECLARE_FINAL_TYPE (HlgBallotEditor, hlg_ballot_editor, HLG, BALLOT_EDITOR, GtkWidget)

GtkWidget   *hlg_ballot_editor_new            (HlgStore        *store,
                                               GListModel      *proposals);
void         hlg_ballot_editor_set_cycle      (HlgBallotEditor *self,
                                               HlgDocument     *cycle);
void         hlg_ballot_editor_set_method     (HlgBallotEditor *self,
                                               const char      *method);
const char  *hlg_ballot_editor_get_method     (HlgBallotEditor *self);
HlgDocument *hlg_ballot_editor_get_ballot     (HlgBallotEditor *self);
guint        hlg_ballot_editor_get_points_left (HlgBallotEditor *self);
gboolean     hlg_ballot_editor_flush          (HlgBallotEditor *self,
                                               GError         **error);
GtkWidget   *hlg_ballot_editor_get_widget     (HlgBallotEditor *self,
                                               const char      *proposal);

const char  *hlg_ballot_editor_method_label   (const char      *method);

G_END_DECLS
