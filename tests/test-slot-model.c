/* test-slot-model.c: slots keep their place and take the item now there
 * SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "test-slot-model"

#include "config.h"

#include <gio/gio.h>

#include "hlg-slot.h"
#include "hlg-slot-model.h"

typedef struct
{
  guint position;
  guint removed;
  guint added;
  guint count;
} Change;

static void
on_items_changed_cb (GListModel *model,
                     guint       position,
                     guint       removed,
                     guint       added,
                     Change     *change)
{
  change->position = position;
  change->removed = removed;
  change->added = added;
  change->count++;
}

static void
on_notify_cb (GObject    *object,
              GParamSpec *pspec,
              guint      *count)
{
  (*count)++;
}

/* A list of GMenuItems (any GObject would do), labelled "0", "1", ... */
static GListStore *
new_list (guint n)
{
  GListStore *list = g_list_store_new (G_TYPE_MENU_ITEM);

  for (guint i = 0; i < n; i++)
    {
      g_autofree char *label = g_strdup_printf ("%u", i);
      g_autoptr(GMenuItem) item = g_menu_item_new (label, NULL);

      g_list_store_append (list, item);
    }

  return list;
}

static gpointer
item_at (GListStore *list,
         guint       position)
{
  g_autoptr(GObject) item = g_list_model_get_item (G_LIST_MODEL (list), position);

  return item;
}

static void
test_slots_follow_positions (void)
{
  g_autoptr(GListStore) list = new_list (10);
  g_autoptr(HlgSlotModel) slots = hlg_slot_model_new (G_LIST_MODEL (list));
  g_autoptr(HlgSlot) first = NULL;
  g_autoptr(HlgSlot) third = NULL;
  g_autoptr(HlgSlot) last = NULL;
  g_autoptr(HlgSlot) again = NULL;
  Change change = { 0 };
  guint first_notified = 0;
  guint third_notified = 0;

  g_assert_true (g_list_model_get_item_type (G_LIST_MODEL (slots)) == HLG_TYPE_SLOT);
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (slots)), ==, 10);
  g_assert_null (g_list_model_get_item (G_LIST_MODEL (slots), 10));

  first = g_list_model_get_item (G_LIST_MODEL (slots), 0);
  third = g_list_model_get_item (G_LIST_MODEL (slots), 2);
  last = g_list_model_get_item (G_LIST_MODEL (slots), 9);
  again = g_list_model_get_item (G_LIST_MODEL (slots), 0);
  g_assert_true (first == again);
  g_assert_cmpuint (hlg_slot_get_position (third), ==, 2);
  g_assert_true (hlg_slot_get_item (first) == item_at (list, 0));
  g_assert_true (hlg_slot_get_item (third) == item_at (list, 2));
  g_assert_cmpuint (hlg_slot_model_get_n_slots (slots), ==, 3);

  g_signal_connect (slots, "items-changed", G_CALLBACK (on_items_changed_cb), &change);
  g_signal_connect (first, "notify::item", G_CALLBACK (on_notify_cb), &first_notified);
  g_signal_connect (third, "notify::item", G_CALLBACK (on_notify_cb), &third_notified);

  /* One replaced in the middle: only its slot changes; nothing moves. */
  {
    g_autoptr(GMenuItem) other = g_menu_item_new ("other", NULL);

    g_list_store_splice (list, 2, 1, (gpointer *) &other, 1);
    g_assert_true (hlg_slot_get_item (third) == (gpointer) other);
    g_assert_cmpuint (third_notified, ==, 1);
    g_assert_cmpuint (first_notified, ==, 0);
    g_assert_cmpuint (change.count, ==, 0);
  }

  /* The first removed: every slot takes its new item; the list says only
   * that it is one shorter, at its end, and the last slot is gone. */
  g_list_store_remove (list, 0);
  g_assert_cmpuint (change.count, ==, 1);
  g_assert_cmpuint (change.position, ==, 9);
  g_assert_cmpuint (change.removed, ==, 1);
  g_assert_cmpuint (change.added, ==, 0);
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (slots)), ==, 9);
  g_assert_true (hlg_slot_get_item (first) == item_at (list, 0));
  g_assert_true (hlg_slot_get_item (third) == item_at (list, 2));
  g_assert_cmpuint (first_notified, ==, 1);
  g_assert_cmpuint (third_notified, ==, 2);
  g_assert_cmpuint (hlg_slot_model_get_n_slots (slots), ==, 2);

  /* Grown: said at the end; a new slot there shows the new item. */
  {
    g_autoptr(GMenuItem) added = g_menu_item_new ("added", NULL);
    g_autoptr(HlgSlot) end = NULL;

    g_list_store_append (list, added);
    g_assert_cmpuint (change.count, ==, 2);
    g_assert_cmpuint (change.position, ==, 9);
    g_assert_cmpuint (change.removed, ==, 0);
    g_assert_cmpuint (change.added, ==, 1);
    end = g_list_model_get_item (G_LIST_MODEL (slots), 9);
    g_assert_false (end == last);
    g_assert_true (hlg_slot_get_item (end) == (gpointer) added);
  }

  /* Emptied: every slot is forgotten. */
  g_list_store_remove_all (list);
  g_assert_cmpuint (change.position, ==, 0);
  g_assert_cmpuint (change.removed, ==, 10);
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (slots)), ==, 0);
  g_assert_cmpuint (hlg_slot_model_get_n_slots (slots), ==, 0);
}

static void
test_slots_freed (void)
{
  g_autoptr(GListStore) list = new_list (5);
  g_autoptr(HlgSlotModel) slots = hlg_slot_model_new (G_LIST_MODEL (list));
  HlgSlot *slot = g_list_model_get_item (G_LIST_MODEL (slots), 3);
  g_autoptr(HlgSlot) fresh = NULL;

  g_assert_cmpuint (hlg_slot_model_get_n_slots (slots), ==, 1);
  g_object_unref (slot);
  g_assert_cmpuint (hlg_slot_model_get_n_slots (slots), ==, 0);

  /* A slot asked for again is a new one, with the item there now. */
  g_list_store_remove (list, 0);
  fresh = g_list_model_get_item (G_LIST_MODEL (slots), 3);
  g_assert_true (hlg_slot_get_item (fresh) == item_at (list, 3));
  g_assert_cmpuint (hlg_slot_model_get_n_slots (slots), ==, 1);

  /* A slot outliving its model says nothing to it. */
  g_clear_object (&slots);
  g_assert_true (hlg_slot_get_item (fresh) == item_at (list, 3));
}

/* Kept when emptied: nothing said, the slots as they were; then refilled,
 * every slot takes its new item and only the count's change is said. */
static void
test_keep_when_empty (void)
{
  g_autoptr(GListStore) list = new_list (6);
  g_autoptr(HlgSlotModel) slots = hlg_slot_model_new (G_LIST_MODEL (list));
  g_autoptr(HlgSlot) second = g_list_model_get_item (G_LIST_MODEL (slots), 1);
  g_autoptr(HlgSlot) fifth = g_list_model_get_item (G_LIST_MODEL (slots), 4);
  gpointer was_second = hlg_slot_get_item (second);
  Change change = { 0 };

  hlg_slot_model_set_keep_when_empty (slots, TRUE);
  g_signal_connect (slots, "items-changed", G_CALLBACK (on_items_changed_cb), &change);

  g_list_store_remove_all (list);
  g_assert_cmpuint (change.count, ==, 0);
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (slots)), ==, 6);
  g_assert_true (hlg_slot_get_item (second) == was_second);
  g_assert_cmpuint (hlg_slot_model_get_n_slots (slots), ==, 2);

  {
    g_autoptr(GMenuItem) a = g_menu_item_new ("a", NULL);
    g_autoptr(GMenuItem) b = g_menu_item_new ("b", NULL);
    g_autoptr(GMenuItem) c = g_menu_item_new ("c", NULL);
    gpointer items[] = { a, b, c };

    g_list_store_splice (list, 0, 0, items, G_N_ELEMENTS (items));
  }
  g_assert_cmpuint (change.count, ==, 1);
  g_assert_cmpuint (change.position, ==, 3);
  g_assert_cmpuint (change.removed, ==, 3);
  g_assert_cmpuint (change.added, ==, 0);
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (slots)), ==, 3);
  g_assert_true (hlg_slot_get_item (second) == item_at (list, 1));
  g_assert_cmpuint (hlg_slot_model_get_n_slots (slots), ==, 1);

  /* Not kept once told not to. */
  hlg_slot_model_set_keep_when_empty (slots, FALSE);
  g_list_store_remove_all (list);
  g_assert_cmpuint (change.count, ==, 2);
  g_assert_cmpuint (change.removed, ==, 3);
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (slots)), ==, 0);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/slot-model/follow-positions", test_slots_follow_positions);
  g_test_add_func ("/slot-model/freed", test_slots_freed);
  g_test_add_func ("/slot-model/keep-when-empty", test_keep_when_empty);

  return g_test_run ();
}
