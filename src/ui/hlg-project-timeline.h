/* hlg-project-timeline.h: a project's window drawn against the strict 12-month limit
 * SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gtk/gtk.h>

G_BEGIN_DECLS

#define HLG_TYPE_PROJECT_TIMELINE (hlg_project_timeline_get_type ())

G_DECLARE_FINAL_TYPE (HlgProjectTimeline, hlg_project_timeline, HLG, PROJECT_TIMELINE, GtkWidget)

GtkWidget  *hlg_project_timeline_new           (const char         *start,
                                                const char         *end);
int         hlg_project_timeline_get_months    (HlgProjectTimeline *self);
gboolean    hlg_project_timeline_is_over_limit (HlgProjectTimeline *self);
char       *hlg_project_timeline_dup_text      (HlgProjectTimeline *self);

G_END_DECLS
