/* hlg-id.h: document IDs, "<type>:<uuid>", validated on every path in
 * SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include "hlg-types.h"

G_BEGIN_DECLS

#define HLG_ID_ERROR (hlg_id_error_quark ())

typedef enum
{
  HLG_ID_ERROR_INVALID,
} HlgIdError;

GQuark      hlg_id_error_quark    (void);
gboolean    hlg_id_validate       (const char  *id,
                                   HlgDocType  *out_type,
                                   GError     **error);
gboolean    hlg_id_is_valid       (const char  *id);
char       *hlg_id_new            (HlgDocType   type);
HlgDocType  hlg_doc_type_from_name (const char *name);
const char *hlg_doc_type_to_name   (HlgDocType  type);

G_END_DECLS
