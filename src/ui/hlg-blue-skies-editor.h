/* hlg-blue-skies-editor.h: a Blue Skies Thinking Report's four answers and outcome, saved as typed
 * SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gtk/gtk.h>

#include "hlg-store.h"

G_BEGIN_DECLS

#define HLG_TYPE_BLUE_SKIES_EDITOR (hlg_blue_skies_editor_get_type ())

G_DECLARE_FINAL_TYPE (HlgBlueSkiesEditor, hlg_blue_skies_editor, HLG, BLUE_SKIES_EDITOR, GtkWidget)

GtkWidget   *hlg_blue_skies_editor_new          (HlgStore           *store,
                                                 HlgDocument        *report,
                                                 const char         *role);
HlgDocument *hlg_blue_skies_editor_get_document (HlgBlueSkiesEditor *self);
void         hlg_blue_skies_editor_set_role     (HlgBlueSkiesEditor *self,
                                                 const char         *role);
gboolean     hlg_blue_skies_editor_get_editable (HlgBlueSkiesEditor *self);
gboolean     hlg_blue_skies_editor_flush        (HlgBlueSkiesEditor *self,
                                                 GError            **error);
GtkWidget   *hlg_blue_skies_editor_get_widget   (HlgBlueSkiesEditor *self,
                                                 const char         *field);

G_END_DECLS
