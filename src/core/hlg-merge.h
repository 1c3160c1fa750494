/* hlg-merge.h: three-way merge of JSON documents, with conflict records
 * SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <json-glib/json-glib.h>

G_BEGIN_DECLS

/* Which side of a conflict record to keep. */
typedef enum
{
  HLG_MERGE_TAKE_MINE,
  HLG_MERGE_TAKE_THEIRS,
} HlgMergeTake;

JsonObject *hlg_merge                (JsonObject    *base,
                                      JsonObject    *mine,
                                      JsonObject    *theirs,
                                      GPtrArray    **conflicts);
JsonObject *hlg_merge_conflict_new   (const char    *path,
                                      JsonNode      *mine,
                                      JsonNode      *theirs,
                                      JsonNode      *base);
char       *hlg_merge_path_append    (const char    *path,
                                      const char    *segment);
JsonNode   *hlg_merge_get_path       (JsonObject    *object,
                                      const char    *path);
void        hlg_merge_set_path       (JsonObject    *object,
                                      const char    *path,
                                      JsonNode      *value);
JsonObject *hlg_merge_take           (JsonObject    *merged,
                                      GPtrArray     *conflicts,
                                      HlgMergeTake   take);

G_END_DECLS
