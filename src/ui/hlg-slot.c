/* hlg-slot.c: one position of a HlgSlotModel and the item shown there now
 * SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "hlg-slot"

#include "config.h"

#include "hlg-slot.h"

struct _HlgSlot
{
  GObject  parent_instance;

  guint    position;
  GObject *item;
};

enum {
  PROP_0,
  PROP_ITEM,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

G_DEFINE_FINAL_TYPE (HlgSlot, hlg_slot, G_TYPE_OBJECT)

HlgSlot *
hlg_slot_new (guint    position,
              gpointer item)
{
  HlgSlot *self;

  g_return_val_if_fail (item == NULL || G_IS_OBJECT (item), NULL);

  self = g_object_new (HLG_TYPE_SLOT, NULL);
  self->position = position;
  g_set_object (&self->item, item);

  return self;
}

guint
hlg_slot_get_position (HlgSlot *self)
{
  g_return_val_if_fail (HLG_IS_SLOT (self), 0);

  return self->position;
}

/**
 * hlg_slot_get_item:
 *
 * Returns: (transfer none) (nullable): the item at the slot's position
 */
gpointer
hlg_slot_get_item (HlgSlot *self)
{
  g_return_val_if_fail (HLG_IS_SLOT (self), NULL);

  return self->item;
}

void
hlg_slot_set_item (HlgSlot  *self,
                   gpointer  item)
{
  g_return_if_fail (HLG_IS_SLOT (self));
  g_return_if_fail (item == NULL || G_IS_OBJECT (item));

  if (g_set_object (&self->item, item))
    g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_ITEM]);
}

static void
hlg_slot_get_property (GObject    *object,
                       guint       prop_id,
                       GValue     *value,
                       GParamSpec *pspec)
{
  HlgSlot *self = HLG_SLOT (object);

  switch (prop_id)
    {
    case PROP_ITEM:
      g_value_set_object (value, self->item);
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
hlg_slot_finalize (GObject *object)
{
  HlgSlot *self = HLG_SLOT (object);

  g_clear_object (&self->item);

  G_OBJECT_CLASS (hlg_slot_parent_class)->finalize (object);
}

static void
hlg_slot_class_init (HlgSlotClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->get_property = hlg_slot_get_property;
  object_class->finalize = hlg_slot_finalize;

  properties[PROP_ITEM] =
    g_param_spec_object ("item", NULL, NULL, G_TYPE_OBJECT,
                         G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
hlg_slot_init (HlgSlot *self)
{
}
