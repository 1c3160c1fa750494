/* hlg-json-private.h: what hlg-json.c and hlg-json-index.c share
 * SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

#define HLG_JSON_ONES G_GUINT64_CONSTANT (0x0101010101010101)
#define HLG_JSON_HIGHS G_GUINT64_CONSTANT (0x8080808080808080)

/* Whether one of the eight bytes in @x needs an escape in a JSON string:
 * a control character (below 0x20), a quote or a backslash. */
static inline gboolean
_hlg_json_has_special_byte (guint64 x)
{
  guint64 quote = x ^ (HLG_JSON_ONES * '"');
  guint64 backslash = x ^ (HLG_JSON_ONES * '\\');

  return ((((x - HLG_JSON_ONES * 0x20) & ~x) | ((quote - HLG_JSON_ONES) & ~quote) |
           ((backslash - HLG_JSON_ONES) & ~backslash)) & HLG_JSON_HIGHS) != 0;
}

G_END_DECLS
