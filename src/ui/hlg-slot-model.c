/* hlg-slot-model.c: a list model whose rows keep their widgets when the list it shows changes
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * GTK 4.8's list views make a new row widget for every item that comes
 * into view and destroy the rows of items that go: a new search over a long
 * list replaces every visible row, about a millisecond each. This model
 * shows the items of another model through HlgSlot objects, one per
 * position: when the other model changes, each slot still alive (those the
 * list view's rows hold) takes the item now at its position, and only the
 * count's change is said, at the end of the list. Rows stay; they follow
 * their slot's "item". */
#define G_LOG_DOMAIN "hlg-slot-model"

#include "config.h"

#include "hlg-slot.h"
#include "hlg-slot-model.h"

struct _HlgSlotModel
{
  GObject     parent_instance;

  GListModel *model;
  GHashTable *slots; /* position → HlgSlot (weak) */
  guint       n_items;
  guint       keep_when_empty : 1;
  guint       kept : 1;
};

static void list_model_iface_init (GListModelInterface *iface);

G_DEFINE_FINAL_TYPE_WITH_CODE (HlgSlotModel, hlg_slot_model, G_TYPE_OBJECT,
                               G_IMPLEMENT_INTERFACE (G_TYPE_LIST_MODEL, list_model_iface_init))

static gboolean
is_slot (gpointer key,
         gpointer value,
         gpointer slot)
{
  return value == slot;
}

static void
on_slot_finalized_cb (gpointer  data,
                      GObject  *where_the_slot_was)
{
  HlgSlotModel *self = data;

  g_hash_table_foreach_remove (self->slots, is_slot, where_the_slot_was);
}

static void
forget_slot (HlgSlotModel *self,
             HlgSlot      *slot)
{
  g_object_weak_unref (G_OBJECT (slot), on_slot_finalized_cb, self);
}

static GType
hlg_slot_model_get_item_type (GListModel *model)
{
  return HLG_TYPE_SLOT;
}

static guint
hlg_slot_model_get_n_items (GListModel *model)
{
  return HLG_SLOT_MODEL (model)->n_items;
}

static gpointer
hlg_slot_model_get_item (GListModel *model,
                         guint       position)
{
  HlgSlotModel *self = HLG_SLOT_MODEL (model);
  g_autoptr(GObject) item = NULL;
  HlgSlot *slot;

  if (position >= self->n_items)
    return NULL;

  slot = g_hash_table_lookup (self->slots, GUINT_TO_POINTER (position));
  if (slot != NULL)
    return g_object_ref (slot);

  item = g_list_model_get_item (self->model, position);
  slot = hlg_slot_new (position, item);
  g_hash_table_insert (self->slots, GUINT_TO_POINTER (position), slot);
  g_object_weak_ref (G_OBJECT (slot), on_slot_finalized_cb, self);

  return slot;
}

static void
list_model_iface_init (GListModelInterface *iface)
{
  iface->get_item_type = hlg_slot_model_get_item_type;
  iface->get_n_items = hlg_slot_model_get_n_items;
  iface->get_item = hlg_slot_model_get_item;
}

static void
on_items_changed_cb (HlgSlotModel *self,
                     guint         position,
                     guint         removed,
                     guint         added,
                     GListModel   *model)
{
  guint old_n = self->n_items;
  guint new_n = g_list_model_get_n_items (model);
  /* Past the change, items moved only if the count did. */
  guint end = removed == added ? position + added : new_n;
  GHashTableIter iter;
  gpointer slot;

  if (new_n == 0 && old_n > 0 && self->keep_when_empty)
    {
      self->kept = TRUE;
      return;
    }
  if (self->kept)
    {
      /* Everything kept may have changed. */
      self->kept = FALSE;
      position = 0;
      end = new_n;
    }

  self->n_items = new_n;
  g_hash_table_iter_init (&iter, self->slots);
  while (g_hash_table_iter_next (&iter, NULL, &slot))
    {
      guint at = hlg_slot_get_position (slot);

      if (at >= new_n)
        {
          forget_slot (self, slot);
          g_hash_table_iter_remove (&iter);
        }
      else if (at >= position && at < end)
        {
          g_autoptr(GObject) item = g_list_model_get_item (model, at);

          hlg_slot_set_item (slot, item);
        }
    }

  if (new_n < old_n)
    g_list_model_items_changed (G_LIST_MODEL (self), new_n, old_n - new_n, 0);
  else if (new_n > old_n)
    g_list_model_items_changed (G_LIST_MODEL (self), old_n, 0, new_n - old_n);
}

/**
 * hlg_slot_model_set_keep_when_empty:
 *
 * When the model shown empties, keep the slots and their count as they
 * were until it has items again: a list view would destroy every row it
 * keeps (about 200 in GTK 4.8) and make them again at the next item. Only
 * for a list view that is out of sight while its list is empty, behind an
 * "empty" page.
 */
void
hlg_slot_model_set_keep_when_empty (HlgSlotModel *self,
                                    gboolean      keep_when_empty)
{
  g_return_if_fail (HLG_IS_SLOT_MODEL (self));

  self->keep_when_empty = !!keep_when_empty;
}

/* How many slots are alive: about the rows a list view shows. */
guint
hlg_slot_model_get_n_slots (HlgSlotModel *self)
{
  g_return_val_if_fail (HLG_IS_SLOT_MODEL (self), 0);

  return g_hash_table_size (self->slots);
}

HlgSlotModel *
hlg_slot_model_new (GListModel *model)
{
  HlgSlotModel *self;

  g_return_val_if_fail (G_IS_LIST_MODEL (model), NULL);

  self = g_object_new (HLG_TYPE_SLOT_MODEL, NULL);
  self->model = g_object_ref (model);
  self->n_items = g_list_model_get_n_items (model);
  g_signal_connect_object (model, "items-changed",
                           G_CALLBACK (on_items_changed_cb), self, G_CONNECT_SWAPPED);

  return self;
}

static void
hlg_slot_model_dispose (GObject *object)
{
  HlgSlotModel *self = HLG_SLOT_MODEL (object);
  GHashTableIter iter;
  gpointer slot;

  g_hash_table_iter_init (&iter, self->slots);
  while (g_hash_table_iter_next (&iter, NULL, &slot))
    forget_slot (self, slot);
  g_hash_table_remove_all (self->slots);
  g_clear_object (&self->model);

  G_OBJECT_CLASS (hlg_slot_model_parent_class)->dispose (object);
}

static void
hlg_slot_model_finalize (GObject *object)
{
  HlgSlotModel *self = HLG_SLOT_MODEL (object);

  g_hash_table_unref (self->slots);

  G_OBJECT_CLASS (hlg_slot_model_parent_class)->finalize (object);
}

static void
hlg_slot_model_class_init (HlgSlotModelClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->dispose = hlg_slot_model_dispose;
  object_class->finalize = hlg_slot_model_finalize;
}

static void
hlg_slot_model_init (HlgSlotModel *self)
{
  self->slots = g_hash_table_new (NULL, NULL);
}
