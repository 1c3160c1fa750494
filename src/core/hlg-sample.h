/* hlg-sample.h: seeded generator of realistic documents, for benchmarks
 * SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <glib.h>

#include "hlg-types.h"

G_BEGIN_DECLS

GPtrArray *hlg_sample_generate    (guint        n_documents,
                                   guint32      seed);
void       hlg_sample_write_store (const char  *dir,
                                   guint        n_documents,
                                   guint32      seed);

G_END_DECLS
