/* hlg-labels.h: what a person reads for each field name and enumerated value
 * SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

const char *hlg_labels_field (const char *name);
const char *hlg_labels_value (const char *value);

G_END_DECLS
