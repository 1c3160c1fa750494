/* hlg-history-view.c: a dialog with the versions of a document kept here, to compare and restore
 * SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "hlg-history-view"

#include "config.h"

#include <glib/gi18n.h>
#include <string.h>

#include "hlg-autosave.h"
#include "hlg-history-view.h"
#include "hlg-id.h"
#include "hlg-labels.h"
#include "hlg-schema.h"

#define NOW_SUFFIX "#now"
#define CANNOT_RESTORE N_("This proposal cannot be edited now, so no version can be restored")
/* On each version: what changed since the one before ("Title, Summary"), or NULL. */
#define CHANGES_KEY "hlg-changes"

struct _HlgHistoryView
{
  AdwWindow       parent_instance;

  AdwWindowTitle *window_title;
  GtkStack       *stack;
  AdwStatusPage  *error_page;
  GtkListBox     *list_box;
  GtkLabel       *detail_title;
  GtkLabel       *detail_subtitle;
  GtkButton      *restore_button;
  GtkBox         *changes_box;

  HlgHistory     *history;
  HlgStore       *store;
  HlgDocument    *document;
  GListModel     *versions; /* HlgHistoryEntry, newest first */
  GHashTable     *values;   /* field (or field NOW_SUFFIX) -> GtkLabel of the selected version */
  GDateTime      *now;
  gboolean        can_restore;
};

G_DEFINE_FINAL_TYPE (HlgHistoryView, hlg_history_view, ADW_TYPE_WINDOW)

enum {
  RESTORED,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

/* The workflow's own fields: a restore never takes them back. */
static const char * const kept_fields[] = { "status", "submitted_at", NULL };

/* Comparing versions */

static gboolean
is_content_field (const char *name)
{
  return name[0] != '_' && !g_str_equal (name, "type") && !g_str_equal (name, "schema");
}

static gboolean
field_differs (JsonObject *a,
               JsonObject *b,
               const char *name)
{
  JsonNode *na = json_object_get_member (a, name);
  JsonNode *nb = json_object_get_member (b, name);

  if (na == NULL || nb == NULL)
    return na != nb;

  return !json_node_equal (na, nb);
}

static void
add_if_changed (GPtrArray  *fields,
                JsonObject *newer,
                JsonObject *older,
                const char *name)
{
  if (is_content_field (name) && field_differs (newer, older, name) &&
      !g_ptr_array_find_with_equal_func (fields, name, g_str_equal, NULL))
    g_ptr_array_add (fields, g_strdup (name));
}

/* The fields whose values differ between @newer and @older: in the order
 * of the form (the schema's), then any others. */
static GPtrArray *
changed_fields (HlgHistoryView *self,
                JsonObject     *newer,
                JsonObject     *older)
{
  const HlgField *schema = hlg_schema_get_fields (hlg_document_get_doc_type (self->document));
  GPtrArray *fields = g_ptr_array_new_with_free_func (g_free);
  JsonObject *sides[] = { newer, older };

  for (const HlgField *f = schema; f != NULL && f->name != NULL; f++)
    add_if_changed (fields, newer, older, f->name);

  for (guint s = 0; s < G_N_ELEMENTS (sides); s++)
    {
      JsonObjectIter iter;
      const char *name;
      JsonNode *node;

      json_object_iter_init (&iter, sides[s]);
      while (json_object_iter_next (&iter, &name, &node))
        add_if_changed (fields, newer, older, name);
    }

  return fields;
}

static char *
join_labels (GPtrArray *fields)
{
  g_autoptr(GString) text = g_string_new (NULL);

  for (guint i = 0; i < fields->len; i++)
    {
      if (i > 0)
        /* Translators: between the names of the fields that changed */
        g_string_append (text, _(", "));
      g_string_append (text, hlg_labels_field (g_ptr_array_index (fields, i)));
    }

  return g_string_free (g_steal_pointer (&text), FALSE);
}

/* Words */

static char *
format_absolute (GDateTime *when)
{
  g_autoptr(GDateTime) local = g_date_time_to_local (when);
  /* Translators: when a version was saved, as in "25 November 2026, 14:05";
   * see g_date_time_format() for the codes */
  char *text = g_date_time_format (local, _("%e %B %Y, %H:%M"));

  return g_strstrip (text);
}

static char *
format_relative (GDateTime *when,
                 GDateTime *now)
{
  GTimeSpan span = g_date_time_difference (now, when);
  guint n;

  if (span < G_TIME_SPAN_MINUTE)
    return g_strdup (_("Just now"));
  if (span < G_TIME_SPAN_HOUR)
    {
      n = span / G_TIME_SPAN_MINUTE;
      return g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%u minute ago", "%u minutes ago", n),
                              n);
    }
  if (span < G_TIME_SPAN_DAY)
    {
      n = span / G_TIME_SPAN_HOUR;
      return g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%u hour ago", "%u hours ago", n), n);
    }
  if (span < 30 * G_TIME_SPAN_DAY)
    {
      n = span / G_TIME_SPAN_DAY;
      return g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%u day ago", "%u days ago", n), n);
    }

  return format_absolute (when);
}

static char *
describe_origin (HlgHistoryEntry *entry)
{
  const char *by = hlg_history_entry_get_by (entry);
  const char *rev = hlg_history_entry_get_rev (entry);

  if (hlg_history_entry_get_origin (entry) == HLG_HISTORY_ORIGIN_SERVER)
    {
      g_autofree char *number = rev != NULL ? g_strndup (rev, strcspn (rev, "-")) : NULL;

      /* Translators: %s is the number of the server's revision */
      return number != NULL ? g_strdup_printf (_("From the server, revision %s"), number)
                            : g_strdup (_("From the server"));
    }

  /* Translators: %s is the account that typed it */
  return by != NULL ? g_strdup_printf (_("Typed here by %s"), by) : g_strdup (_("Typed here"));
}

/* A value as a person reads it: labels for choices, titles for references,
 * one line per item for lists. @field describes it, or is NULL. */
static void append_value (HlgHistoryView *self,
                          GString        *text,
                          JsonNode       *node,
                          const HlgField *field);

static const HlgField *
find_field (const HlgField *fields,
            const char     *name)
{
  for (const HlgField *f = fields; f != NULL && f->name != NULL; f++)
    if (g_str_equal (f->name, name))
      return f;

  return NULL;
}

static void
append_string (HlgHistoryView *self,
               GString        *text,
               const char     *value,
               const HlgField *field)
{
  HlgFieldKind kind = field != NULL ? field->kind : HLG_FIELD_STRING;
  HlgDocument *target = NULL;

  if ((kind == HLG_FIELD_REF || kind == HLG_FIELD_REFS) && hlg_id_is_valid (value))
    target = hlg_store_lookup (self->store, value);

  if (target != NULL)
    g_string_append (text, hlg_document_get_title (target));
  else if ((kind == HLG_FIELD_ENUM || kind == HLG_FIELD_ENUMS) &&
           hlg_schema_is_value_of (field->values, value))
    g_string_append (text, hlg_labels_value (value));
  else
    g_string_append (text, value);
}

static const char *
item_title_key (JsonObject *item)
{
  static const char * const keys[] = { "title", "issue", "name", "organisation" };

  for (guint i = 0; i < G_N_ELEMENTS (keys); i++)
    if (json_object_has_member (item, keys[i]))
      return keys[i];

  return NULL;
}

static void
append_object (HlgHistoryView *self,
               GString        *text,
               JsonObject     *object,
               const HlgField *field,
               const char     *indent)
{
  JsonObjectIter iter;
  const char *name;
  JsonNode *node;

  json_object_iter_init (&iter, object);
  while (json_object_iter_next (&iter, &name, &node))
    {
      if (g_str_equal (name, "id"))
        continue;
      if (text->len > 0 && text->str[text->len - 1] != '\n')
        g_string_append_c (text, '\n');
      g_string_append_printf (text, "%s%s: ", indent, hlg_labels_field (name));
      append_value (self, text, node, find_field (field ? field->fields : NULL, name));
    }
}

static void
append_array (HlgHistoryView *self,
              GString        *text,
              JsonArray      *array,
              const HlgField *field)
{
  if (json_array_get_length (array) == 0)
    g_string_append (text, "—");

  for (guint i = 0; i < json_array_get_length (array); i++)
    {
      JsonNode *element = json_array_get_element (array, i);

      if (i > 0)
        g_string_append_c (text, '\n');
      g_string_append (text, "• ");
      if (JSON_NODE_HOLDS_OBJECT (element))
        {
          JsonObject *item = json_node_get_object (element);
          const char *key = item_title_key (item);

          /* An item by its title; the whole item when it has none. */
          if (key != NULL)
            append_value (self, text, json_object_get_member (item, key),
                          find_field (field ? field->fields : NULL, key));
          else
            append_object (self, text, item, field, "  ");
        }
      else
        append_value (self, text, element, field);
    }
}

static void
append_value (HlgHistoryView *self,
              GString        *text,
              JsonNode       *node,
              const HlgField *field)
{
  GType type = node != NULL && JSON_NODE_HOLDS_VALUE (node) ? json_node_get_value_type (node)
                                                            : G_TYPE_INVALID;

  if (node == NULL || JSON_NODE_HOLDS_NULL (node))
    g_string_append (text, "—");
  else if (JSON_NODE_HOLDS_OBJECT (node))
    append_object (self, text, json_node_get_object (node), field, "");
  else if (JSON_NODE_HOLDS_ARRAY (node))
    append_array (self, text, json_node_get_array (node), field);
  else if (type == G_TYPE_STRING)
    append_string (self, text, json_node_get_string (node), field);
  else if (type == G_TYPE_BOOLEAN)
    g_string_append (text, json_node_get_boolean (node) ? _("Yes") : _("No"));
  else if (type == G_TYPE_INT64)
    g_string_append_printf (text, "%" G_GINT64_FORMAT, json_node_get_int (node));
  else
    {
      char buffer[G_ASCII_DTOSTR_BUF_SIZE];

      g_string_append (text, g_ascii_dtostr (buffer, sizeof buffer, json_node_get_double (node)));
    }
}

static char *
value_text (HlgHistoryView *self,
            JsonObject     *object,
            const char     *name)
{
  HlgDocType type = hlg_document_get_doc_type (self->document);
  const HlgField *field = find_field (hlg_schema_get_fields (type), name);
  GString *text = g_string_new (NULL);
  JsonNode *node = json_object_get_member (object, name);

  /* An empty text reads as no value at all. */
  if (node != NULL && JSON_NODE_HOLDS_VALUE (node) &&
      json_node_get_value_type (node) == G_TYPE_STRING && json_node_get_string (node)[0] == '\0')
    node = NULL;
  append_value (self, text, node, field);

  return g_string_free (text, FALSE);
}

/* The list */

static GtkWidget *
caption_label_new (const char *text,
                   gboolean    dim)
{
  GtkWidget *label = gtk_label_new (text);

  gtk_label_set_xalign (GTK_LABEL (label), 0);
  gtk_label_set_wrap (GTK_LABEL (label), TRUE);
  gtk_label_set_wrap_mode (GTK_LABEL (label), PANGO_WRAP_WORD_CHAR);
  gtk_widget_add_css_class (label, "caption");
  if (dim)
    gtk_widget_add_css_class (label, "dim-label");

  return label;
}

static GtkWidget *
create_row_cb (gpointer item,
               gpointer user_data)
{
  HlgHistoryView *self = user_data;
  HlgHistoryEntry *entry = item;
  GDateTime *at = hlg_history_entry_get_at (entry);
  g_autofree char *relative = format_relative (at, self->now);
  g_autofree char *absolute = format_absolute (at);
  g_autofree char *origin = describe_origin (entry);
  g_autofree char *meta = g_strdup_printf (_("%s · %s"), origin, absolute);
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 3);
  GtkWidget *title = gtk_label_new (relative);
  const char *changes = g_object_get_data (G_OBJECT (entry), CHANGES_KEY);
  g_autofree char *changes_text = NULL;

  changes_text = changes != NULL ? g_strdup_printf (_("Changed: %s"), changes)
                                 : g_strdup (_("The first version kept on this computer"));

  gtk_label_set_xalign (GTK_LABEL (title), 0);
  gtk_widget_add_css_class (title, "heading");
  gtk_widget_set_margin_top (box, 6);
  gtk_widget_set_margin_bottom (box, 6);
  gtk_box_append (GTK_BOX (box), title);
  gtk_box_append (GTK_BOX (box), caption_label_new (meta, TRUE));
  gtk_box_append (GTK_BOX (box), caption_label_new (changes_text, FALSE));

  return box;
}

/* The selected version */

static GtkWidget *
value_column_new (HlgHistoryView *self,
                  const char     *caption,
                  const char     *text,
                  const char     *key)
{
  GtkWidget *column = gtk_box_new (GTK_ORIENTATION_VERTICAL, 4);
  GtkWidget *card = gtk_box_new (GTK_ORIENTATION_VERTICAL, 0);
  GtkWidget *value = gtk_label_new (text);

  gtk_box_append (GTK_BOX (column), caption_label_new (caption, TRUE));
  gtk_label_set_xalign (GTK_LABEL (value), 0);
  gtk_label_set_yalign (GTK_LABEL (value), 0);
  gtk_label_set_wrap (GTK_LABEL (value), TRUE);
  gtk_label_set_wrap_mode (GTK_LABEL (value), PANGO_WRAP_WORD_CHAR);
  gtk_label_set_selectable (GTK_LABEL (value), TRUE);
  gtk_widget_set_margin_top (value, 10);
  gtk_widget_set_margin_bottom (value, 10);
  gtk_widget_set_margin_start (value, 12);
  gtk_widget_set_margin_end (value, 12);
  gtk_widget_add_css_class (card, "card");
  gtk_widget_set_vexpand (card, TRUE);
  gtk_box_append (GTK_BOX (card), value);
  gtk_box_append (GTK_BOX (column), card);
  g_hash_table_insert (self->values, g_strdup (key), value);

  return column;
}

static void
add_field_block (HlgHistoryView *self,
                 JsonObject     *version,
                 const char     *field)
{
  GtkWidget *block = gtk_box_new (GTK_ORIENTATION_VERTICAL, 6);
  GtkWidget *columns = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 12);
  GtkWidget *heading = gtk_label_new (hlg_labels_field (field));
  g_autofree char *then = value_text (self, version, field);
  g_autofree char *now = value_text (self, hlg_document_get_object (self->document), field);
  g_autofree char *now_key = g_strconcat (field, NOW_SUFFIX, NULL);

  gtk_label_set_xalign (GTK_LABEL (heading), 0);
  gtk_widget_add_css_class (heading, "heading");
  gtk_box_set_homogeneous (GTK_BOX (columns), TRUE);
  /* Both cards as tall as the longer value, and no taller. */
  gtk_widget_set_vexpand (columns, FALSE);
  gtk_box_append (GTK_BOX (columns), value_column_new (self, _("This version"), then, field));
  gtk_box_append (GTK_BOX (columns), value_column_new (self, _("Now"), now, now_key));
  gtk_box_append (GTK_BOX (block), heading);
  gtk_box_append (GTK_BOX (block), columns);
  gtk_box_append (self->changes_box, block);
}

static void
show_selected (HlgHistoryView *self)
{
  GtkListBoxRow *row = gtk_list_box_get_selected_row (self->list_box);
  g_autoptr(HlgHistoryEntry) entry = NULL;
  g_autoptr(HlgHistoryEntry) older = NULL;
  g_autoptr(GPtrArray) fields = NULL;
  g_autoptr(GPtrArray) differences = NULL;
  g_autofree char *absolute = NULL;
  g_autofree char *relative = NULL;
  g_autofree char *origin = NULL;
  g_autofree char *subtitle = NULL;
  JsonObject *version;
  JsonObject *current = hlg_document_get_object (self->document);
  gboolean is_current;
  GtkWidget *child;
  guint position;

  g_hash_table_remove_all (self->values);
  while ((child = gtk_widget_get_first_child (GTK_WIDGET (self->changes_box))) != NULL)
    gtk_box_remove (self->changes_box, child);

  if (row == NULL)
    {
      gtk_widget_action_set_enabled (GTK_WIDGET (self), "history.restore", FALSE);
      return;
    }

  position = gtk_list_box_row_get_index (row);
  entry = g_list_model_get_item (self->versions, position);
  older = g_list_model_get_item (self->versions, position + 1);
  version = hlg_history_entry_get_doc (entry);

  absolute = format_absolute (hlg_history_entry_get_at (entry));
  relative = format_relative (hlg_history_entry_get_at (entry), self->now);
  origin = describe_origin (entry);
  gtk_label_set_label (self->detail_title, absolute);

  /* What this version changed; for the first one, how it differs from now. */
  fields = changed_fields (self, version,
                           older != NULL ? hlg_history_entry_get_doc (older) : current);
  for (guint i = 0; i < fields->len; i++)
    add_field_block (self, version, g_ptr_array_index (fields, i));
  if (fields->len == 0)
    gtk_box_append (self->changes_box,
                    caption_label_new (_("No field differs from the version now"), TRUE));

  differences = changed_fields (self, version, current);
  is_current = differences->len == 0;
  subtitle = is_current
    /* Translators: where the version came from, then when, as in "Typed here · 5 minutes ago" */
    ? g_strdup_printf (_("%s · %s · The proposal is like this now"), origin, relative)
    : g_strdup_printf (_("%s · %s"), origin, relative);
  if (!self->can_restore)
    {
      g_autofree char *line = g_steal_pointer (&subtitle);

      subtitle = g_strconcat (line, "\n", _(CANNOT_RESTORE), NULL);
    }
  gtk_label_set_label (self->detail_subtitle, subtitle);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "history.restore",
                                 self->can_restore && !is_current);
  gtk_widget_set_tooltip_text (GTK_WIDGET (self->restore_button),
                               !self->can_restore
                               ? _(CANNOT_RESTORE)
                               : is_current
                               ? _("The proposal is like this version now")
                               : _("Make the proposal as it was in this version; what it holds now "
                                   "stays in the history"));
}

static void
on_selected_rows_changed_cb (HlgHistoryView *self)
{
  show_selected (self);
}

/* More than the one version that is the document as it is now. */
static gboolean
has_earlier_versions (HlgHistoryView *self)
{
  g_autoptr(HlgHistoryEntry) only = NULL;
  g_autoptr(GPtrArray) differences = NULL;

  if (g_list_model_get_n_items (self->versions) != 1)
    return g_list_model_get_n_items (self->versions) > 1;

  only = g_list_model_get_item (self->versions, 0);
  differences = changed_fields (self, hlg_history_entry_get_doc (only),
                                hlg_document_get_object (self->document));
  return differences->len > 0;
}

static void
load_versions (HlgHistoryView *self)
{
  g_autoptr(GError) error = NULL;
  guint n;

  self->versions = hlg_history_list (self->history, hlg_document_get_id (self->document), &error);
  if (self->versions == NULL)
    {
      adw_status_page_set_description (self->error_page, error->message);
      gtk_stack_set_visible_child_name (self->stack, "error");
      self->versions = G_LIST_MODEL (g_list_store_new (HLG_TYPE_HISTORY_ENTRY));
      return;
    }

  n = g_list_model_get_n_items (self->versions);
  for (guint i = 0; i < n; i++)
    {
      g_autoptr(HlgHistoryEntry) entry = g_list_model_get_item (self->versions, i);
      g_autoptr(HlgHistoryEntry) older = g_list_model_get_item (self->versions, i + 1);
      g_autoptr(GPtrArray) fields = NULL;

      if (older == NULL)
        continue;
      fields = changed_fields (self, hlg_history_entry_get_doc (entry),
                               hlg_history_entry_get_doc (older));
      g_object_set_data_full (G_OBJECT (entry), CHANGES_KEY, join_labels (fields), g_free);
    }

  gtk_list_box_bind_model (self->list_box, self->versions, create_row_cb, self, NULL);
  gtk_stack_set_visible_child_name (self->stack, has_earlier_versions (self) ? "versions" : "empty");
  if (!hlg_history_view_select (self, 0))
    show_selected (self);
}

/* Restoring */

/**
 * hlg_history_view_restore:
 *
 * Makes the selected version the document's content, as a new local
 * change. Emits HlgHistoryView::restored.
 */
gboolean
hlg_history_view_restore (HlgHistoryView  *self,
                          GError         **error)
{
  HlgHistoryEntry *entry;

  g_return_val_if_fail (HLG_IS_HISTORY_VIEW (self), FALSE);

  entry = hlg_history_view_get_selected (self);
  if (entry == NULL || !self->can_restore)
    {
      g_set_error_literal (error, HLG_HISTORY_ERROR, HLG_HISTORY_ERROR_READ_ONLY,
                           entry == NULL ? _("Choose a version to restore first")
                                         : _(CANNOT_RESTORE));
      return FALSE;
    }

  if (!hlg_history_restore (self->history, self->document, entry, kept_fields, error))
    return FALSE;

  g_signal_emit (self, signals[RESTORED], 0, entry);
  return TRUE;
}

static gboolean
close_cb (gpointer data)
{
  gtk_window_close (GTK_WINDOW (data));
  return G_SOURCE_REMOVE;
}

static void
on_restore_response_cb (AdwMessageDialog *dialog,
                        const char       *response,
                        HlgHistoryView   *self)
{
  g_autoptr(GError) error = NULL;
  GtkWindow *parent = gtk_window_get_transient_for (GTK_WINDOW (self));

  if (g_strcmp0 (response, "restore") != 0)
    return;

  if (!hlg_history_view_restore (self, &error))
    {
      hlg_report_error (parent != NULL ? GTK_WIDGET (parent) : GTK_WIDGET (self), error);
      return;
    }
  /* Once the question, which belongs to this window, is gone. */
  g_idle_add_full (G_PRIORITY_DEFAULT_IDLE, close_cb, g_object_ref (self), g_object_unref);
}

static void
restore_action (GtkWidget  *widget,
                const char *action_name,
                GVariant   *parameter)
{
  HlgHistoryView *self = HLG_HISTORY_VIEW (widget);
  HlgHistoryEntry *entry = hlg_history_view_get_selected (self);
  g_autofree char *when = NULL;
  g_autofree char *body = NULL;
  GtkWidget *dialog;

  if (entry == NULL)
    return;

  when = format_absolute (hlg_history_entry_get_at (entry));
  /* Translators: %s is when, as in "25 November 2026, 14:05" */
  body = g_strdup_printf (_("The proposal becomes as it was on %s. What it holds now stays in the "
                            "history, so you can come back to it."), when);
  dialog = adw_message_dialog_new (GTK_WINDOW (self), _("Restore This Version?"), body);
  adw_message_dialog_add_responses (ADW_MESSAGE_DIALOG (dialog),
                                    "cancel", _("_Cancel"),
                                    "restore", _("_Restore"),
                                    NULL);
  adw_message_dialog_set_response_appearance (ADW_MESSAGE_DIALOG (dialog), "restore",
                                              ADW_RESPONSE_SUGGESTED);
  adw_message_dialog_set_default_response (ADW_MESSAGE_DIALOG (dialog), "restore");
  adw_message_dialog_set_close_response (ADW_MESSAGE_DIALOG (dialog), "cancel");
  g_signal_connect_object (dialog, "response", G_CALLBACK (on_restore_response_cb), self, 0);
  gtk_window_present (GTK_WINDOW (dialog));
}

/* Public */

guint
hlg_history_view_get_n_versions (HlgHistoryView *self)
{
  g_return_val_if_fail (HLG_IS_HISTORY_VIEW (self), 0);

  return g_list_model_get_n_items (self->versions);
}

gboolean
hlg_history_view_select (HlgHistoryView *self,
                         guint           position)
{
  GtkListBoxRow *row;

  g_return_val_if_fail (HLG_IS_HISTORY_VIEW (self), FALSE);

  row = gtk_list_box_get_row_at_index (self->list_box, position);
  if (row == NULL)
    return FALSE;

  gtk_list_box_select_row (self->list_box, row);
  return TRUE;
}

/**
 * hlg_history_view_get_selected:
 *
 * Returns: (transfer none) (nullable): the version shown
 */
HlgHistoryEntry *
hlg_history_view_get_selected (HlgHistoryView *self)
{
  GtkListBoxRow *row;
  g_autoptr(HlgHistoryEntry) entry = NULL;

  g_return_val_if_fail (HLG_IS_HISTORY_VIEW (self), NULL);

  row = gtk_list_box_get_selected_row (self->list_box);
  if (row == NULL)
    return NULL;

  /* The model keeps its own reference. */
  entry = g_list_model_get_item (self->versions, gtk_list_box_row_get_index (row));
  return entry;
}

/**
 * hlg_history_view_dup_changes:
 *
 * Returns: (transfer full) (nullable): the fields that version @position
 *   changed, as its row names them ("Title, Summary"); %NULL for the first
 */
char *
hlg_history_view_dup_changes (HlgHistoryView *self,
                              guint           position)
{
  g_autoptr(HlgHistoryEntry) entry = NULL;

  g_return_val_if_fail (HLG_IS_HISTORY_VIEW (self), NULL);

  entry = g_list_model_get_item (self->versions, position);
  g_return_val_if_fail (entry != NULL, NULL);

  return g_strdup (g_object_get_data (G_OBJECT (entry), CHANGES_KEY));
}

/**
 * hlg_history_view_get_value:
 * @now: the current value rather than the selected version's
 *
 * Returns: (nullable): the text shown for @field, when it is shown
 */
const char *
hlg_history_view_get_value (HlgHistoryView *self,
                            const char     *field,
                            gboolean        now)
{
  g_autofree char *key = NULL;
  GtkLabel *label;

  g_return_val_if_fail (HLG_IS_HISTORY_VIEW (self), NULL);

  key = g_strconcat (field, now ? NOW_SUFFIX : "", NULL);
  label = g_hash_table_lookup (self->values, key);
  return label != NULL ? gtk_label_get_label (label) : NULL;
}

static void
hlg_history_view_dispose (GObject *object)
{
  HlgHistoryView *self = HLG_HISTORY_VIEW (object);

  if (self->list_box != NULL)
    gtk_list_box_bind_model (self->list_box, NULL, NULL, NULL, NULL);
  g_clear_pointer (&self->values, g_hash_table_unref);
  gtk_widget_dispose_template (GTK_WIDGET (self), HLG_TYPE_HISTORY_VIEW);
  g_clear_object (&self->versions);
  g_clear_pointer (&self->now, g_date_time_unref);
  g_clear_object (&self->document);
  g_clear_object (&self->store);
  g_clear_object (&self->history);

  G_OBJECT_CLASS (hlg_history_view_parent_class)->dispose (object);
}

static void
hlg_history_view_class_init (HlgHistoryViewClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = hlg_history_view_dispose;

  /**
   * HlgHistoryView::restored:
   * @entry: the version that is the document's content again
   */
  signals[RESTORED] = g_signal_new ("restored", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                                    0, NULL, NULL, NULL, G_TYPE_NONE, 1, HLG_TYPE_HISTORY_ENTRY);

  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/org/unece/HLGMOS/hlg-history-view.ui");
  gtk_widget_class_bind_template_child (widget_class, HlgHistoryView, window_title);
  gtk_widget_class_bind_template_child (widget_class, HlgHistoryView, stack);
  gtk_widget_class_bind_template_child (widget_class, HlgHistoryView, error_page);
  gtk_widget_class_bind_template_child (widget_class, HlgHistoryView, list_box);
  gtk_widget_class_bind_template_child (widget_class, HlgHistoryView, detail_title);
  gtk_widget_class_bind_template_child (widget_class, HlgHistoryView, detail_subtitle);
  gtk_widget_class_bind_template_child (widget_class, HlgHistoryView, restore_button);
  gtk_widget_class_bind_template_child (widget_class, HlgHistoryView, changes_box);
  gtk_widget_class_bind_template_callback (widget_class, on_selected_rows_changed_cb);

  gtk_widget_class_install_action (widget_class, "history.restore", NULL, restore_action);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Escape, 0, "window.close", NULL);
}

static void
hlg_history_view_init (HlgHistoryView *self)
{
  self->values = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  gtk_widget_init_template (GTK_WIDGET (self));
}

/**
 * hlg_history_view_new:
 * @can_restore: whether @document may be changed now (the editor's
 *   read-only rules)
 *
 * Returns: (transfer full): a dialog listing @document's versions
 */
HlgHistoryView *
hlg_history_view_new (HlgHistory  *history,
                      HlgStore    *store,
                      HlgDocument *document,
                      gboolean     can_restore)
{
  HlgHistoryView *self;

  g_return_val_if_fail (HLG_IS_HISTORY (history), NULL);
  g_return_val_if_fail (HLG_IS_STORE (store), NULL);
  g_return_val_if_fail (HLG_IS_DOCUMENT (document), NULL);

  self = g_object_new (HLG_TYPE_HISTORY_VIEW, NULL);
  self->history = g_object_ref (history);
  self->store = g_object_ref (store);
  self->document = g_object_ref (document);
  self->can_restore = can_restore;
  self->now = g_date_time_new_now_utc ();
  adw_window_title_set_subtitle (self->window_title, hlg_document_get_title (document));
  load_versions (self);

  return self;
}
