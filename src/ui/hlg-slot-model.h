/* hlg-slot-model.h: a list model whose rows keep their widgets when the list it shows changes
 * SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gio/gio.h>

G_BEGIN_DECLS

#define HLG_TYPE_SLOT_MODEL (hlg_slot_model_get_type ())

G_DECLARE_FINAL_TYPE (HlgSlotModel, hlg_slot_model, HLG, SLOT_MODEL, GObject)

HlgSlotModel *hlg_slot_model_new         (GListModel   *model);
guint         hlg_slot_model_get_n_slots (HlgSlotModel *self);
void          hlg_slot_model_set_keep_when_empty (HlgSlotModel *self,
                                                  gboolean      keep_when_empty);

G_END_DECLS
