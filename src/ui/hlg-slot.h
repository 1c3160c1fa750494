/* hlg-slot.h: one position of a HlgSlotModel and the item shown there now
 * SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gio/gio.h>

G_BEGIN_DECLS

#define HLG_TYPE_SLOT (hlg_slot_get_type ())

G_DECLARE_FINAL_TYPE (HlgSlot, hlg_slot, HLG, SLOT, GObject)

HlgSlot  *hlg_slot_new          (guint     position,
                                 gpointer  item);
guint     hlg_slot_get_position (HlgSlot  *self);
gpointer  hlg_slot_get_item     (HlgSlot  *self);
void      hlg_slot_set_item     (HlgSlot  *self,
                                 gpointer  item);

G_END_DECLS
