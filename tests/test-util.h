/* test-util.h: temporary folders, stores and reference checks shared by the tests
 * SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include "hlg-schema.h"
#include "hlg-store.h"

G_BEGIN_DECLS

/* A fixture with a temporary folder, "hlg-<unit>-XXXXXX" for test-<unit>. */
typedef struct
{
  char *dir;
} TestUtilDir;

void      test_util_dir_set_up    (TestUtilDir    *f,
                                   gconstpointer   data);
void      test_util_dir_tear_down (TestUtilDir    *f,
                                   gconstpointer   data);
char     *test_util_make_tmp_dir (const char     *tmpl);
void      test_util_remove_tree  (const char     *path);
HlgStore *test_util_open_store   (const char     *path);
void      test_util_assert_valid  (HlgDocument    *doc);
void      test_util_collect_refs (const HlgField *fields,
                                  JsonObject     *object,
                                  GPtrArray      *out);
guint     test_util_check_refs   (GPtrArray      *docs,
                                  GHashTable     *ids);

G_END_DECLS
