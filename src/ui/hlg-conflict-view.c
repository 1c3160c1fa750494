/* hlg-conflict-view.c: one document's conflicts, field by field: yours, theirs, or edited
 * SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "hlg-conflict-view"

#include "config.h"

#include <adwaita.h>
#include <glib/gi18n.h>

#include "hlg-conflict-view.h"
#include "hlg-labels.h"
#include "hlg-merge.h"

typedef enum
{
  CHOICE_MINE,
  CHOICE_THEIRS,
  CHOICE_EDITED,
} Choice;

static const char * const choice_names[] = { "mine", "theirs", "edited" };

/* One conflict record and what the person chose for it. */
typedef struct
{
  char           *path;    /* "" for the whole document */
  JsonNode       *mine;    /* NULL: removed or deleted on this side */
  JsonNode       *theirs;
  Choice          choice;
  GtkCheckButton *checks[3];
  AdwEntryRow    *entry;   /* NULL when the value is not one line of text or a number */
} Field;

struct _HlgConflictView
{
  GtkWidget    parent_instance;

  GtkBox      *fields_box;
  GtkLabel    *intro_label;
  GtkButton   *resolve_button;

  HlgStore    *store;
  HlgDocument *document;
  GPtrArray   *fields;   /* of Field */
  guint        setting : 1;
};

G_DEFINE_FINAL_TYPE (HlgConflictView, hlg_conflict_view, GTK_TYPE_WIDGET)

enum {
  RESOLVED,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

static void
field_free (Field *field)
{
  g_free (field->path);
  g_clear_pointer (&field->mine, json_node_unref);
  g_clear_pointer (&field->theirs, json_node_unref);
  g_free (field);
}

static JsonNode *
dup_member (JsonObject *record,
            const char *name)
{
  return json_object_has_member (record, name)
         ? json_node_copy (json_object_get_member (record, name)) : NULL;
}

static gboolean
is_scalar (JsonNode *node)
{
  return node == NULL || JSON_NODE_HOLDS_NULL (node) ||
         (JSON_NODE_HOLDS_VALUE (node) && json_node_get_value_type (node) != G_TYPE_BOOLEAN);
}

/* What a person reads for a value. */
static char *
value_to_text (JsonNode *node,
               gboolean  whole_document)
{
  if (node == NULL)
    return g_strdup (whole_document ? _("Deleted") : _("Removed"));
  if (whole_document)
    return g_strdup (_("Edited"));
  if (JSON_NODE_HOLDS_NULL (node))
    return g_strdup (_("Empty"));
  if (JSON_NODE_HOLDS_VALUE (node))
    {
      GType type = json_node_get_value_type (node);

      if (type == G_TYPE_STRING)
        {
          const char *text = json_node_get_string (node);

          return g_strdup (text[0] != '\0' ? hlg_labels_value (text) : _("Empty"));
        }
      if (type == G_TYPE_BOOLEAN)
        return g_strdup (json_node_get_boolean (node) ? _("Yes") : _("No"));
      if (type == G_TYPE_DOUBLE)
        return g_strdup_printf ("%g", json_node_get_double (node));
      return g_strdup_printf ("%" G_GINT64_FORMAT, json_node_get_int (node));
    }
  if (JSON_NODE_HOLDS_ARRAY (node))
    {
      JsonArray *array = json_node_get_array (node);
      g_autoptr(GString) text = g_string_new (NULL);
      gboolean strings = TRUE;

      for (guint i = 0; i < json_array_get_length (array) && strings; i++)
        {
          JsonNode *item = json_array_get_element (array, i);

          strings = JSON_NODE_HOLDS_VALUE (item) && json_node_get_value_type (item) == G_TYPE_STRING;
          if (strings)
            g_string_append_printf (text, "%s%s", i > 0 ? ", " : "",
                                    hlg_labels_value (json_node_get_string (item)));
        }
      if (strings)
        return text->len > 0 ? g_string_free (g_steal_pointer (&text), FALSE) : g_strdup (_("None"));
    }

  return json_to_string (node, FALSE);
}

static char *
field_title (const char *path)
{
  g_auto(GStrv) parts = g_strsplit (path[0] == '/' ? path + 1 : path, "/", -1);
  guint n = g_strv_length (parts);

  if (n == 0 || path[0] == '\0')
    return g_strdup (_("The Whole Document"));
  if (n == 1)
    return g_strdup (hlg_labels_field (parts[0]));

  /* "work_packages/<id>/title": the list's name, then the member's. */
  return g_strdup_printf ("%s · %s", hlg_labels_field (parts[0]), hlg_labels_field (parts[n - 1]));
}

static Field *
find_field (HlgConflictView *self,
            const char      *path)
{
  for (guint i = 0; self->fields != NULL && i < self->fields->len; i++)
    {
      Field *field = g_ptr_array_index (self->fields, i);

      if (g_strcmp0 (field->path, path) == 0)
        return field;
    }

  return NULL;
}

static void
set_choice (HlgConflictView *self,
            Field           *field,
            Choice           choice)
{
  if (field->checks[choice] == NULL)
    return;

  field->choice = choice;
  self->setting = TRUE;
  gtk_check_button_set_active (field->checks[choice], TRUE);
  self->setting = FALSE;
}

static void
on_check_toggled_cb (GtkCheckButton  *check,
                     HlgConflictView *self)
{
  Field *field = g_object_get_data (G_OBJECT (check), "hlg-field");

  if (self->setting || !gtk_check_button_get_active (check))
    return;

  for (Choice c = CHOICE_MINE; c <= CHOICE_EDITED; c++)
    if (field->checks[c] == check)
      field->choice = c;
}

static void
on_entry_changed_cb (GtkEditable     *editable,
                     HlgConflictView *self)
{
  Field *field = g_object_get_data (G_OBJECT (editable), "hlg-field");

  /* Typing a value chooses it. */
  if (!self->setting)
    set_choice (self, field, CHOICE_EDITED);
}

static GtkWidget *
choice_row (HlgConflictView *self,
            Field           *field,
            Choice           choice,
            const char      *title,
            JsonNode        *value,
            GtkCheckButton  *group)
{
  GtkWidget *row = adw_action_row_new ();
  GtkWidget *check = gtk_check_button_new ();
  g_autofree char *text = value_to_text (value, field->path[0] == '\0');
  g_autofree char *escaped = g_markup_escape_text (text, -1);

  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), title);
  adw_action_row_set_subtitle (ADW_ACTION_ROW (row), escaped);
  gtk_widget_add_css_class (row, "property");
  gtk_widget_set_valign (check, GTK_ALIGN_CENTER);
  if (group != NULL)
    gtk_check_button_set_group (GTK_CHECK_BUTTON (check), group);
  g_object_set_data (G_OBJECT (check), "hlg-field", field);
  g_signal_connect (check, "toggled", G_CALLBACK (on_check_toggled_cb), self);
  adw_action_row_add_prefix (ADW_ACTION_ROW (row), check);
  adw_action_row_set_activatable_widget (ADW_ACTION_ROW (row), check);
  field->checks[choice] = GTK_CHECK_BUTTON (check);

  return row;
}

static void
add_field (HlgConflictView *self,
           JsonObject      *record)
{
  Field *field = g_new0 (Field, 1);
  g_autoptr(JsonNode) base = dup_member (record, "base");
  gboolean whole;
  g_autofree char *title = NULL;
  g_autofree char *base_text = NULL;
  g_autofree char *description = NULL;
  GtkWidget *group = adw_preferences_group_new ();

  field->path = g_strdup (json_object_get_string_member_with_default (record, "path", ""));
  field->mine = dup_member (record, "mine");
  field->theirs = dup_member (record, "theirs");
  field->choice = CHOICE_MINE;
  g_ptr_array_add (self->fields, field);
  whole = field->path[0] == '\0';

  title = field_title (field->path);
  adw_preferences_group_set_title (ADW_PREFERENCES_GROUP (group), title);
  if (whole)
    description = g_strdup (field->mine == NULL
                            ? _("You deleted this document; someone else edited it.")
                            : _("You edited this document; it was deleted on the server."));
  else
    {
      base_text = value_to_text (base, FALSE);
      description = g_strdup_printf (_("Before both changes: %s"), base_text);
    }
  adw_preferences_group_set_description (ADW_PREFERENCES_GROUP (group), description);

  adw_preferences_group_add (ADW_PREFERENCES_GROUP (group),
                             choice_row (self, field, CHOICE_MINE, _("Yours"), field->mine, NULL));
  adw_preferences_group_add (ADW_PREFERENCES_GROUP (group),
                             choice_row (self, field, CHOICE_THEIRS, _("Theirs, on the server"),
                                         field->theirs, field->checks[CHOICE_MINE]));

  if (!whole && is_scalar (field->mine) && is_scalar (field->theirs))
    {
      GtkWidget *entry = adw_entry_row_new ();
      GtkWidget *check = gtk_check_button_new ();
      JsonNode *start = field->mine ? field->mine : field->theirs;
      g_autofree char *text = start != NULL && JSON_NODE_HOLDS_VALUE (start)
                              ? (json_node_get_value_type (start) == G_TYPE_STRING
                                 ? g_strdup (json_node_get_string (start))
                                 : value_to_text (start, FALSE))
                              : g_strdup ("");

      adw_preferences_row_set_title (ADW_PREFERENCES_ROW (entry), _("Or write another value"));
      gtk_check_button_set_group (GTK_CHECK_BUTTON (check), field->checks[CHOICE_MINE]);
      gtk_widget_set_valign (check, GTK_ALIGN_CENTER);
      g_object_set_data (G_OBJECT (check), "hlg-field", field);
      g_signal_connect (check, "toggled", G_CALLBACK (on_check_toggled_cb), self);
      adw_entry_row_add_prefix (ADW_ENTRY_ROW (entry), check);
      field->checks[CHOICE_EDITED] = GTK_CHECK_BUTTON (check);
      field->entry = ADW_ENTRY_ROW (entry);

      self->setting = TRUE;
      gtk_editable_set_text (GTK_EDITABLE (entry), text);
      self->setting = FALSE;
      g_object_set_data (G_OBJECT (entry), "hlg-field", field);
      g_signal_connect (entry, "changed", G_CALLBACK (on_entry_changed_cb), self);
      adw_preferences_group_add (ADW_PREFERENCES_GROUP (group), entry);
    }

  set_choice (self, field, CHOICE_MINE);
  gtk_box_append (self->fields_box, group);
}

static void
build (HlgConflictView *self)
{
  JsonArray *records = hlg_store_get_conflicts (self->store, hlg_document_get_id (self->document));
  guint n = records != NULL ? json_array_get_length (records) : 0;
  g_autofree char *intro = NULL;

  for (guint i = 0; i < n; i++)
    add_field (self, json_array_get_object_element (records, i));

  intro = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
                                        "You and someone else both changed %u field of “%s” "
                                        "before your changes met. Choose which value to keep, "
                                        "or write another; everything else was merged.",
                                        "You and someone else both changed %u fields of “%s” "
                                        "before your changes met. Choose which value to keep "
                                        "for each, or write another; everything else was merged.",
                                        n),
                           n, hlg_document_get_title (self->document));
  gtk_label_set_label (self->intro_label, intro);
}

/* The value an edited entry stands for: a number stays a number. */
static JsonNode *
edited_value (Field *field)
{
  const char *text = gtk_editable_get_text (GTK_EDITABLE (field->entry));
  JsonNode *was = field->mine ? field->mine : field->theirs;
  char *end = NULL;

  if (was != NULL && JSON_NODE_HOLDS_VALUE (was) && text[0] != '\0')
    {
      GType type = json_node_get_value_type (was);

      if (type == G_TYPE_INT64)
        {
          gint64 v = g_ascii_strtoll (text, &end, 10);

          if (end != NULL && *end == '\0')
            return json_node_init_int (json_node_alloc (), v);
        }
      else if (type == G_TYPE_DOUBLE)
        {
          double v = g_ascii_strtod (text, &end);

          if (end != NULL && *end == '\0')
            return json_node_init_double (json_node_alloc (), v);
        }
    }

  return json_node_init_string (json_node_alloc (), text);
}

/**
 * hlg_conflict_view_resolve:
 *
 * Writes the chosen values through the store, which marks the document
 * for the next push, and asks for a sync.
 */
gboolean
hlg_conflict_view_resolve (HlgConflictView  *self,
                           GError          **error)
{
  g_autoptr(JsonObject) merged = NULL;
  const char *id;
  Field *whole;

  g_return_val_if_fail (HLG_IS_CONFLICT_VIEW (self), FALSE);

  id = hlg_document_get_id (self->document);
  whole = find_field (self, "");
  if (whole != NULL)
    {
      if (!hlg_store_resolve (self->store, id,
                              whole->choice == CHOICE_THEIRS ? HLG_MERGE_TAKE_THEIRS
                                                             : HLG_MERGE_TAKE_MINE,
                              NULL, error))
        return FALSE;
    }
  else
    {
      merged = hlg_document_dup_object (self->document);
      for (guint i = 0; i < self->fields->len; i++)
        {
          Field *field = g_ptr_array_index (self->fields, i);
          JsonNode *value;

          switch (field->choice)
            {
            case CHOICE_THEIRS:
              value = field->theirs ? json_node_copy (field->theirs) : NULL;
              break;
            case CHOICE_EDITED:
              value = edited_value (field);
              break;
            case CHOICE_MINE:
            default:
              value = field->mine ? json_node_copy (field->mine) : NULL;
              break;
            }
          hlg_merge_set_path (merged, field->path, value);
        }

      if (!hlg_store_resolve (self->store, id, HLG_MERGE_TAKE_MINE, merged, error))
        return FALSE;
    }

  /* Sent at once where there is a server; working locally, this says so. */
  gtk_widget_activate_action (GTK_WIDGET (self), "app.sync", NULL);
  /* Last: a handler may close the window this view is in. */
  g_signal_emit (self, signals[RESOLVED], 0);

  return TRUE;
}

static void
resolve_action (GtkWidget  *widget,
                const char *action_name,
                GVariant   *parameter)
{
  g_autoptr(HlgConflictView) self = g_object_ref (HLG_CONFLICT_VIEW (widget));
  g_autoptr(GError) error = NULL;

  if (!hlg_conflict_view_resolve (self, &error))
    {
      GtkRoot *root = gtk_widget_get_root (GTK_WIDGET (self));
      GtkWidget *dialog = adw_message_dialog_new (GTK_IS_WINDOW (root) ? GTK_WINDOW (root) : NULL,
                                                  _("The Conflict Could Not Be Resolved"),
                                                  error->message);

      adw_message_dialog_add_response (ADW_MESSAGE_DIALOG (dialog), "close", _("_Close"));
      gtk_window_present (GTK_WINDOW (dialog));
    }
}

static void
choose_action (GtkWidget  *widget,
               const char *action_name,
               GVariant   *parameter)
{
  HlgConflictView *self = HLG_CONFLICT_VIEW (widget);
  const char *path;
  const char *choice;
  Field *field;

  g_variant_get (parameter, "(&s&s)", &path, &choice);
  field = find_field (self, path);
  if (field == NULL)
    return;

  for (Choice c = CHOICE_MINE; c <= CHOICE_EDITED; c++)
    if (g_str_equal (choice, choice_names[c]))
      set_choice (self, field, c);
}

HlgDocument *
hlg_conflict_view_get_document (HlgConflictView *self)
{
  g_return_val_if_fail (HLG_IS_CONFLICT_VIEW (self), NULL);

  return self->document;
}

guint
hlg_conflict_view_get_n_conflicts (HlgConflictView *self)
{
  g_return_val_if_fail (HLG_IS_CONFLICT_VIEW (self), 0);

  return self->fields->len;
}

/**
 * hlg_conflict_view_get_path:
 *
 * Returns: the JSON path of conflict @index, such as "/title"; "" for
 *   the whole document
 */
const char *
hlg_conflict_view_get_path (HlgConflictView *self,
                            guint            index)
{
  g_return_val_if_fail (HLG_IS_CONFLICT_VIEW (self), NULL);
  g_return_val_if_fail (index < self->fields->len, NULL);

  return ((Field *) g_ptr_array_index (self->fields, index))->path;
}

/**
 * hlg_conflict_view_get_choice:
 *
 * Returns: (nullable): "mine", "theirs" or "edited"
 */
const char *
hlg_conflict_view_get_choice (HlgConflictView *self,
                              const char      *path)
{
  Field *field;

  g_return_val_if_fail (HLG_IS_CONFLICT_VIEW (self), NULL);

  field = find_field (self, path);
  return field != NULL ? choice_names[field->choice] : NULL;
}

/**
 * hlg_conflict_view_get_editor:
 *
 * Returns: (transfer none) (nullable): the entry to write another value
 *   for @path, when its values are text or numbers
 */
GtkWidget *
hlg_conflict_view_get_editor (HlgConflictView *self,
                              const char      *path)
{
  Field *field;

  g_return_val_if_fail (HLG_IS_CONFLICT_VIEW (self), NULL);

  field = find_field (self, path);
  return field != NULL ? GTK_WIDGET (field->entry) : NULL;
}

static void
hlg_conflict_view_dispose (GObject *object)
{
  HlgConflictView *self = HLG_CONFLICT_VIEW (object);

  gtk_widget_dispose_template (GTK_WIDGET (self), HLG_TYPE_CONFLICT_VIEW);
  {
    GtkWidget *child;

    while ((child = gtk_widget_get_first_child (GTK_WIDGET (self))) != NULL)
      gtk_widget_unparent (child);
  }
  g_clear_pointer (&self->fields, g_ptr_array_unref);
  g_clear_object (&self->document);
  g_clear_object (&self->store);

  G_OBJECT_CLASS (hlg_conflict_view_parent_class)->dispose (object);
}

static void
hlg_conflict_view_class_init (HlgConflictViewClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = hlg_conflict_view_dispose;

  /**
   * HlgConflictView::resolved:
   *
   * The chosen values were written; the document has no conflicts left.
   */
  signals[RESOLVED] = g_signal_new ("resolved", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                                    0, NULL, NULL, NULL, G_TYPE_NONE, 0);

  gtk_widget_class_set_layout_manager_type (widget_class, GTK_TYPE_BIN_LAYOUT);
  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/org/unece/HLGMOS/hlg-conflict-view.ui");
  gtk_widget_class_bind_template_child (widget_class, HlgConflictView, fields_box);
  gtk_widget_class_bind_template_child (widget_class, HlgConflictView, intro_label);
  gtk_widget_class_bind_template_child (widget_class, HlgConflictView, resolve_button);

  gtk_widget_class_install_action (widget_class, "conflict.choose", "(ss)", choose_action);
  gtk_widget_class_install_action (widget_class, "conflict.resolve", NULL, resolve_action);
}

static void
hlg_conflict_view_init (HlgConflictView *self)
{
  self->fields = g_ptr_array_new_with_free_func ((GDestroyNotify) field_free);
  gtk_widget_init_template (GTK_WIDGET (self));
}

GtkWidget *
hlg_conflict_view_new (HlgStore    *store,
                       HlgDocument *document)
{
  HlgConflictView *self;

  g_return_val_if_fail (HLG_IS_STORE (store), NULL);
  g_return_val_if_fail (HLG_IS_DOCUMENT (document), NULL);

  self = g_object_new (HLG_TYPE_CONFLICT_VIEW, NULL);
  self->store = g_object_ref (store);
  self->document = g_object_ref (document);
  build (self);

  return GTK_WIDGET (self);
}
