/* hlg-timeline.h: a cycle's year drawn as a horizontal timeline
 * SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gtk/gtk.h>

#include "hlg-document.h"

G_BEGIN_DECLS

#define HLG_TYPE_TIMELINE (hlg_timeline_get_type ())

G_DECLARE_FINAL_TYPE (HlgTimeline, hlg_timeline, HLG, TIMELINE, GtkWidget)

GtkWidget   *hlg_timeline_new                   (void);
HlgDocument *hlg_timeline_get_cycle             (HlgTimeline *self);
void         hlg_timeline_set_cycle             (HlgTimeline *self,
                                                 HlgDocument *cycle);
GDateTime   *hlg_timeline_get_today             (HlgTimeline *self);
void         hlg_timeline_set_today             (HlgTimeline *self,
                                                 GDateTime   *today);
const char  *hlg_timeline_get_selected_milestone (HlgTimeline *self);
void         hlg_timeline_set_selected_milestone (HlgTimeline *self,
                                                  const char  *id);
const char  *hlg_timeline_get_selected_kind     (HlgTimeline *self);
int          hlg_timeline_get_days_left         (HlgTimeline *self);
char        *hlg_timeline_dup_phase             (HlgTimeline *self);
char        *hlg_timeline_dup_accessible_text   (HlgTimeline *self);
const char  *hlg_timeline_kind_label            (const char  *kind);
char        *hlg_timeline_format_range          (const char  *start,
                                                 const char  *end);

G_END_DECLS
