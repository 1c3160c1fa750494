/* hlg-feedback-editor.h: the Board's consolidated feedback on a proposal, and its release
 * SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gtk/gtk.h>

#include "hlg-store.h"

G_BEGIN_DECLS

#define HLG_TYPE_FEEDBACK_EDITOR (hlg_feedback_editor_get_type ())

G_DECLARE_FINAL_TYPE (HlgFeedbackEditor, hlg_feedback_editor, HLG, FEEDBACK_EDITOR, GtkWidget)

GtkWidget   *hlg_feedback_editor_new          (HlgStore          *store,
                                               HlgDocument       *proposal,
                                               const char        *role);
HlgDocument *hlg_feedback_editor_get_feedback (HlgFeedbackEditor *self);
gboolean     hlg_feedback_editor_get_editable (HlgFeedbackEditor *self);
gboolean     hlg_feedback_editor_flush        (HlgFeedbackEditor *self,
                                               GError           **error);
gboolean     hlg_feedback_editor_release      (HlgFeedbackEditor *self,
                                               GError           **error);
GtkWidget   *hlg_feedback_editor_get_widget   (HlgFeedbackEditor *self,
                                               const char        *field);

G_END_DECLS
