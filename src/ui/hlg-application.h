/* hlg-application.h: the HLG-MOS application
 * SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <adwaita.h>

#include "hlg-store.h"

G_BEGIN_DECLS

#define HLG_TYPE_APPLICATION (hlg_application_get_type ())

G_DECLARE_FINAL_TYPE (HlgApplication, hlg_application, HLG, APPLICATION, AdwApplication)

HlgApplication *hlg_application_new       (void);
HlgStore       *hlg_application_get_store (HlgApplication *self);

G_END_DECLS
