/* hlg-autosave.h: writes a document an editor changes a moment after the last change
 * SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gtk/gtk.h>

#include "hlg-store.h"

G_BEGIN_DECLS

#define HLG_TYPE_AUTOSAVE (hlg_autosave_get_type ())

G_DECLARE_FINAL_TYPE (HlgAutosave, hlg_autosave, HLG, AUTOSAVE, GObject)

HlgAutosave *hlg_autosave_new       (GtkWidget    *editor,
                                     GtkLabel     *label,
                                     HlgStore     *store,
                                     HlgDocument  *document);
void         hlg_autosave_changed   (HlgAutosave  *self);
void         hlg_autosave_set_dirty (HlgAutosave  *self);
gboolean     hlg_autosave_flush     (HlgAutosave  *self,
                                     GError      **error);
void         hlg_autosave_close     (HlgAutosave  *self);

void         hlg_report_error       (GtkWidget    *widget,
                                     const GError *error);

G_END_DECLS
