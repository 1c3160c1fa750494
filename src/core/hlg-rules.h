/* hlg-rules.h: the domain rules of the strategy, as warnings a person sees
 * SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include "hlg-document.h"

G_BEGIN_DECLS

/* The bounds the strategy sets; the messages spell them out in words. */
#define HLG_RULES_MAX_PROJECT_MONTHS 12
#define HLG_RULES_MIN_SUPPORTING     3
#define HLG_RULES_MAX_TASK_TEAMS     3
#define HLG_RULES_MAX_RECOMMENDED    2

typedef struct _HlgWarning HlgWarning;

struct _HlgWarning
{
  char *field;   /* the document field it concerns, or NULL */
  char *message; /* translated, human-readable */
};

#define HLG_TYPE_WARNING (hlg_warning_get_type ())

GType       hlg_warning_get_type (void) G_GNUC_CONST;
HlgWarning *hlg_warning_new      (const char       *field,
                                  const char       *message);
HlgWarning *hlg_warning_copy     (const HlgWarning *self);
void        hlg_warning_free     (HlgWarning       *self);

gboolean    hlg_rules_parse_date      (const char  *text,
                                       GDate       *out_date);
void        hlg_rules_get_latest_end  (const GDate *start,
                                       guint        months,
                                       GDate       *out_end);
char       *hlg_rules_format_date     (const GDate *date);

GPtrArray  *hlg_rules_check_proposal    (HlgDocument *proposal,
                                         HlgDocument *cycle,
                                         GDateTime   *now);
GPtrArray  *hlg_rules_check_project     (HlgDocument *project);
GPtrArray  *hlg_rules_check_group_year  (HlgDocument *group,
                                         GPtrArray   *task_teams,
                                         int          year);
GPtrArray  *hlg_rules_check_recommended (GPtrArray   *proposals,
                                         HlgDocument *cycle);
gboolean    hlg_rules_voting_open       (HlgDocument *cycle,
                                         GDateTime   *now,
                                         GDate       *out_last_day);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (HlgWarning, hlg_warning_free)

G_END_DECLS
