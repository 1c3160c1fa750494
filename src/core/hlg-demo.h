/* hlg-demo.h: a complete demo data set showing one real HLG-MOS cycle
 * SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <glib.h>

#include "hlg-store.h"
#include "hlg-types.h"

G_BEGIN_DECLS

GPtrArray *hlg_demo_documents (GDateTime  *now);
gboolean   hlg_demo_populate  (HlgStore   *store,
                               GDateTime  *now,
                               GError    **error);

G_END_DECLS
