/* hlg-tally.h: the count of the workshop's ballots, and the two projects it recommends
 * SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include "hlg-document.h"

G_BEGIN_DECLS

#define HLG_TALLY_ERROR (hlg_tally_error_quark ())

typedef enum
{
  HLG_TALLY_ERROR_INVALID, /* the ballot cannot be counted as it is */
  HLG_TALLY_ERROR_METHOD,  /* its method differs from the first ballot's */
} HlgTallyError;

/* The workshop recommends two projects. */
#define HLG_TALLY_N_RECOMMENDED 2

#define HLG_TYPE_TALLY (hlg_tally_get_type ())

G_DECLARE_FINAL_TYPE (HlgTally, hlg_tally, HLG, TALLY, GObject)

GQuark       hlg_tally_error_quark     (void);
HlgTally    *hlg_tally_new             (HlgDocument  *cycle);
HlgDocument *hlg_tally_get_cycle       (HlgTally     *self);
gboolean     hlg_tally_add_ballot      (HlgTally     *self,
                                        HlgDocument  *ballot,
                                        GError      **error);
const char  *hlg_tally_get_method      (HlgTally     *self);
guint        hlg_tally_get_n_ballots   (HlgTally     *self);

guint        hlg_tally_get_n_results   (HlgTally     *self);
const char  *hlg_tally_get_proposal    (HlgTally     *self,
                                        guint         position);
gint64       hlg_tally_get_score       (HlgTally     *self,
                                        guint         position);
guint        hlg_tally_get_place       (HlgTally     *self,
                                        guint         position,
                                        guint        *last_place);

gboolean     hlg_tally_is_decided      (HlgTally     *self);
char       **hlg_tally_dup_recommended (HlgTally     *self);
char       **hlg_tally_dup_tied        (HlgTally     *self,
                                        guint        *first_place,
                                        guint        *last_place);

G_END_DECLS
