/* hlg-proposal-editor.c: every field of a proposal, saved as the person types
 * SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "hlg-proposal-editor"

#include "config.h"

#include <adwaita.h>
#include <glib/gi18n.h>
#include <string.h>

#include "hlg-application.h"
#include "hlg-autosave.h"
#include "hlg-conflict-bar.h"
#include "hlg-history-view.h"
#include "hlg-id.h"
#include "hlg-json.h"
#include "hlg-labels.h"
#include "hlg-proposal-editor.h"
#include "hlg-proposal-row.h"
#include "hlg-rules.h"
#include "hlg-schema.h"
#include "hlg-window.h"

/* Typing is saved this long after the last key, and at once on close. */

/* Widgets carry the JSON path of what they edit: "title",
 * "resources/travel", "work_packages/2/title". */
#define PATH_KEY  "hlg-path"
#define FIELD_KEY "hlg-field"
#define IDS_KEY   "hlg-ids"

struct _HlgProposalEditor
{
  GtkWidget    parent_instance;

  GtkLabel    *title_label;
  GtkLabel    *save_label;
  GtkLabel    *status_label;
  GtkButton   *submit_button;
  GtkRevealer *notice_revealer;
  HlgConflictBar *conflict_bar;
  GtkLabel    *notice_label;
  GtkBox      *form;
  GtkBox      *general_warnings;

  HlgStore    *store;
  HlgAutosave *autosave;
  HlgDocument *document;
  char        *role;            /* who is signed in */
  GHashTable  *widgets;         /* path -> widget */
  GHashTable  *warning_boxes;   /* top-level field -> GtkBox */
  GHashTable  *list_groups;     /* OBJECTS path -> AdwPreferencesGroup */
  GHashTable  *warnings;        /* field -> GPtrArray of messages (char *) */
  GPtrArray   *editables;       /* entries and text views, made read-only */
  GPtrArray   *sensitives;      /* pickers and buttons, made insensitive */
  char        *status_class;
  guint        loading : 1;
  guint        editable : 1;
};

G_DEFINE_FINAL_TYPE (HlgProposalEditor, hlg_proposal_editor, GTK_TYPE_WIDGET)

gboolean
hlg_proposal_editor_flush (HlgProposalEditor  *self,
                           GError            **error)
{
  g_return_val_if_fail (HLG_IS_PROPOSAL_EDITOR (self), FALSE);

  return self->autosave == NULL || hlg_autosave_flush (self->autosave, error);
}

/* The form: titled groups of rows, then one group per long field. */
static const char * const detail_fields[] = {
  "title", "kind", "cycle", "lead_organisation", "target_group", "start", "end", NULL
};
static const char * const scope_fields[] = {
  "focus_areas", "priorities", "supporting_organisations", "authors", NULL
};
static const char * const section_fields[] = {
  "summary", "context", "objectives", "outputs", "work_packages", "resources", "risks", NULL
};

static void render_list (HlgProposalEditor *self,
                         const char        *path,
                         const HlgField    *field);

/* Paths */

static const HlgField *
find_field (const HlgField *fields,
            const char     *name)
{
  for (const HlgField *f = fields; f->name != NULL; f++)
    if (g_str_equal (f->name, name))
      return f;

  return NULL;
}

static JsonNode *
lookup_path (JsonObject *root,
             const char *path)
{
  g_auto(GStrv) segments = g_strsplit (path, "/", -1);
  JsonNode *node = NULL;

  for (guint i = 0; segments[i] != NULL; i++)
    {
      if (i == 0)
        node = json_object_get_member (root, segments[i]);
      else if (JSON_NODE_HOLDS_OBJECT (node))
        node = json_object_get_member (json_node_get_object (node), segments[i]);
      else if (JSON_NODE_HOLDS_ARRAY (node))
        {
          guint64 index = g_ascii_strtoull (segments[i], NULL, 10);
          JsonArray *array = json_node_get_array (node);

          node = index < json_array_get_length (array) ? json_array_get_element (array, index)
                                                       : NULL;
        }
      else
        node = NULL;

      if (node == NULL)
        return NULL;
    }

  return node;
}

static const char *
get_path_string (HlgProposalEditor *self,
                 const char        *path)
{
  JsonNode *node = lookup_path (hlg_document_get_object (self->document), path);

  if (node == NULL || !JSON_NODE_HOLDS_VALUE (node) ||
      json_node_get_value_type (node) != G_TYPE_STRING)
    return NULL;

  return json_node_get_string (node);
}

/* Save */

/* Warnings */

static void
clear_box (GtkBox *box)
{
  GtkWidget *child;

  while ((child = gtk_widget_get_first_child (GTK_WIDGET (box))) != NULL)
    gtk_box_remove (box, child);
}

static GtkWidget *
warning_label_new (const char *message)
{
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 6);
  GtkWidget *label = gtk_label_new (message);

  gtk_widget_add_css_class (box, "warning");
  gtk_widget_add_css_class (box, "hlg-field-warning");
  gtk_box_append (GTK_BOX (box), gtk_image_new_from_icon_name ("dialog-warning-symbolic"));
  gtk_label_set_wrap (GTK_LABEL (label), TRUE);
  gtk_label_set_xalign (GTK_LABEL (label), 0);
  gtk_widget_set_hexpand (label, TRUE);
  gtk_box_append (GTK_BOX (box), label);

  return box;
}

static void
update_warnings (HlgProposalEditor *self)
{
  g_autoptr(GPtrArray) found = hlg_proposal_check_rules (self->store, self->document);
  GHashTableIter iter;
  gpointer value;
  guint n_general = 0;

  g_hash_table_remove_all (self->warnings);
  g_hash_table_iter_init (&iter, self->warning_boxes);
  while (g_hash_table_iter_next (&iter, NULL, &value))
    {
      clear_box (value);
      gtk_widget_set_visible (value, FALSE);
    }
  clear_box (self->general_warnings);

  for (guint i = 0; i < found->len; i++)
    {
      HlgWarning *w = g_ptr_array_index (found, i);
      const char *field = w->field ? w->field : "";
      GtkBox *box = g_hash_table_lookup (self->warning_boxes, field);
      GPtrArray *messages = g_hash_table_lookup (self->warnings, field);

      if (messages == NULL)
        {
          messages = g_ptr_array_new_with_free_func (g_free);
          g_hash_table_insert (self->warnings, g_strdup (field), messages);
        }
      g_ptr_array_add (messages, g_strdup (w->message));

      if (box == NULL)
        {
          box = self->general_warnings;
          n_general++;
        }
      gtk_box_append (box, warning_label_new (w->message));
      gtk_widget_set_visible (GTK_WIDGET (box), TRUE);
    }
}

/**
 * hlg_proposal_editor_dup_warnings:
 * @field: a field name, or "" for the warnings about no one field
 *
 * Returns: (transfer full): the warnings shown beside @field
 */
char **
hlg_proposal_editor_dup_warnings (HlgProposalEditor *self,
                                  const char        *field)
{
  GPtrArray *messages;
  g_autoptr(GStrvBuilder) builder = NULL;

  g_return_val_if_fail (HLG_IS_PROPOSAL_EDITOR (self), NULL);

  builder = g_strv_builder_new ();
  messages = g_hash_table_lookup (self->warnings, field ? field : "");
  for (guint i = 0; messages != NULL && i < messages->len; i++)
    g_strv_builder_add (builder, g_ptr_array_index (messages, i));

  return g_strv_builder_end (builder);
}

/* Read-only state and header */

static void
update_header (HlgProposalEditor *self)
{
  const char *title = hlg_document_get_string (self->document, "title");
  const char *status = hlg_document_get_string (self->document, "status");

  gtk_label_set_label (self->title_label, title && title[0] ? title : _("Untitled proposal"));

  if (self->status_class != NULL)
    gtk_widget_remove_css_class (GTK_WIDGET (self->status_label), self->status_class);
  g_free (self->status_class);
  self->status_class = g_strconcat ("hlg-status-", status ? status : "draft", NULL);
  gtk_widget_add_css_class (GTK_WIDGET (self->status_label), self->status_class);
  gtk_label_set_label (self->status_label, hlg_labels_value (status ? status : "draft"));
}

static void
update_editable (HlgProposalEditor *self)
{
  const char *status = hlg_document_get_string (self->document, "status");
  g_autofree char *reason = NULL;

  if (hlg_document_is_read_only (self->document))
    reason = g_strdup (hlg_document_get_read_only_reason (self->document));
  else if (!hlg_role_can (self->role, "new-proposal"))
    reason = g_strdup (_("Proposals are written by their authors and the secretariat; "
                         "you can read this one."));
  else if (status != NULL && !g_str_equal (status, "draft"))
    reason = g_strdup_printf (_("This proposal is “%s”: the Executive Board can read it and "
                                "its authors can no longer edit it."),
                              hlg_labels_value (status));

  self->editable = reason == NULL;
  gtk_label_set_label (self->notice_label, reason ? reason : "");
  gtk_revealer_set_reveal_child (self->notice_revealer, reason != NULL);

  for (guint i = 0; i < self->editables->len; i++)
    {
      GtkWidget *w = g_ptr_array_index (self->editables, i);

      if (GTK_IS_TEXT_VIEW (w))
        gtk_text_view_set_editable (GTK_TEXT_VIEW (w), self->editable);
      else
        gtk_editable_set_editable (GTK_EDITABLE (w), self->editable);
    }
  for (guint i = 0; i < self->sensitives->len; i++)
    gtk_widget_set_sensitive (g_ptr_array_index (self->sensitives, i), self->editable);

  gtk_widget_set_visible (GTK_WIDGET (self->submit_button), self->editable);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "editor.submit", self->editable);
}

gboolean
hlg_proposal_editor_get_editable (HlgProposalEditor *self)
{
  g_return_val_if_fail (HLG_IS_PROPOSAL_EDITOR (self), FALSE);

  return self->editable;
}

/* Edits */

static void
set_path (HlgProposalEditor *self,
          const char        *path,
          JsonNode          *value)
{
  g_autoptr(JsonNode) owned = value;
  g_auto(GStrv) segments = g_strsplit (path, "/", -1);
  g_autoptr(GError) error = NULL;
  JsonObject *root = hlg_document_get_object (self->document);
  JsonNode *existing;
  g_autoptr(JsonNode) top = NULL;
  JsonNode *cur;
  guint n = g_strv_length (segments);

  if (self->loading || !self->editable)
    return;

  if (n == 1)
    {
      if (!hlg_document_set_member (self->document, path, g_steal_pointer (&owned), &error))
        hlg_report_error (GTK_WIDGET (self), error);
      goto changed;
    }

  existing = json_object_get_member (root, segments[0]);
  top = existing && JSON_NODE_HOLDS_OBJECT (existing) ? hlg_json_node_deep_copy (existing)
      : existing && JSON_NODE_HOLDS_ARRAY (existing) ? hlg_json_node_deep_copy (existing)
      : json_node_init_object (json_node_alloc (), json_object_new ());

  cur = top;
  for (guint i = 1; i + 1 < n; i++)
    {
      JsonNode *next = NULL;

      if (JSON_NODE_HOLDS_OBJECT (cur))
        {
          JsonObject *o = json_node_get_object (cur);

          next = json_object_get_member (o, segments[i]);
          if (next == NULL)
            {
              json_object_set_object_member (o, segments[i], json_object_new ());
              next = json_object_get_member (o, segments[i]);
            }
        }
      else if (JSON_NODE_HOLDS_ARRAY (cur))
        {
          JsonArray *a = json_node_get_array (cur);
          guint64 index = g_ascii_strtoull (segments[i], NULL, 10);

          if (index < json_array_get_length (a))
            next = json_array_get_element (a, index);
        }
      if (next == NULL)
        return;
      cur = next;
    }

  if (!JSON_NODE_HOLDS_OBJECT (cur))
    return;
  if (owned != NULL)
    json_object_set_member (json_node_get_object (cur), segments[n - 1], g_steal_pointer (&owned));
  else if (json_object_has_member (json_node_get_object (cur), segments[n - 1]))
    json_object_remove_member (json_node_get_object (cur), segments[n - 1]);

  if (!hlg_document_set_member (self->document, segments[0], g_steal_pointer (&top), &error))
    hlg_report_error (GTK_WIDGET (self), error);

changed:
  hlg_autosave_changed (self->autosave);
  update_header (self);
  update_warnings (self);
}

static const char *
widget_path (gpointer widget)
{
  return g_object_get_data (G_OBJECT (widget), PATH_KEY);
}

static void
tag_widget (HlgProposalEditor *self,
            GtkWidget         *widget,
            const char        *path,
            const HlgField    *field)
{
  g_object_set_data_full (G_OBJECT (widget), PATH_KEY, g_strdup (path), g_free);
  g_object_set_data (G_OBJECT (widget), FIELD_KEY, (gpointer) field);
  g_hash_table_replace (self->widgets, g_strdup (path), widget);
}

static gboolean
parse_number (const char *text,
              gboolean    integer,
              JsonNode  **out)
{
  char *end = NULL;
  double d;

  g_strstrip ((char *) text);
  if (text[0] == '\0')
    {
      *out = NULL;
      return TRUE;
    }

  d = g_ascii_strtod (text, &end);
  if (end == text || *end != '\0' || d < 0 || (integer && d != (gint64) d))
    return FALSE;

  if (d == (gint64) d)
    *out = json_node_init_int (json_node_alloc (), (gint64) d);
  else
    *out = json_node_init_double (json_node_alloc (), d);
  return TRUE;
}

static void
on_entry_changed_cb (GtkEditable       *editable,
                     HlgProposalEditor *self)
{
  const HlgField *field = g_object_get_data (G_OBJECT (editable), FIELD_KEY);
  g_autofree char *text = g_strdup (gtk_editable_get_text (editable));
  JsonNode *value = NULL;
  gboolean valid = TRUE;

  switch (field->kind)
    {
    case HLG_FIELD_DATE:
      g_strstrip (text);
      if (text[0] != '\0')
        {
          GDate date;

          valid = hlg_rules_parse_date (text, &date);
          if (valid)
            value = json_node_init_string (json_node_alloc (), text);
        }
      break;

    case HLG_FIELD_NUMBER:
    case HLG_FIELD_INT:
      valid = parse_number (text, field->kind == HLG_FIELD_INT, &value);
      break;

    case HLG_FIELD_STRING:
    default:
      /* A required line stays present, even empty, while it is typed. */
      if (text[0] != '\0' || field->required)
        value = json_node_init_string (json_node_alloc (), text);
      break;
    }

  if (valid)
    gtk_widget_remove_css_class (GTK_WIDGET (editable), "error");
  else
    gtk_widget_add_css_class (GTK_WIDGET (editable), "error");

  /* Half-typed dates and numbers stay in the field until they make sense. */
  if (valid)
    set_path (self, widget_path (editable), value);
}

static void
on_text_changed_cb (GtkTextBuffer     *buffer,
                    HlgProposalEditor *self)
{
  GtkTextIter start, end;
  g_autofree char *text = NULL;

  gtk_text_buffer_get_bounds (buffer, &start, &end);
  text = gtk_text_buffer_get_text (buffer, &start, &end, FALSE);
  set_path (self, widget_path (buffer),
            text[0] ? json_node_init_string (json_node_alloc (), text) : NULL);
}

static void
on_combo_selected_cb (AdwComboRow       *row,
                      GParamSpec        *pspec,
                      HlgProposalEditor *self)
{
  GStrv ids = g_object_get_data (G_OBJECT (row), IDS_KEY);
  guint selected = adw_combo_row_get_selected (row);

  if (selected == GTK_INVALID_LIST_POSITION || selected >= g_strv_length (ids))
    return;

  set_path (self, widget_path (row),
            ids[selected][0] ? json_node_init_string (json_node_alloc (), ids[selected]) : NULL);
}

static void
update_choice_subtitle (AdwExpanderRow *row,
                        guint           n_chosen)
{
  g_autofree char *subtitle = NULL;

  subtitle = n_chosen == 0 ? g_strdup (_("None chosen"))
                           : g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%u chosen",
                                                           "%u chosen", n_chosen), n_chosen);
  adw_expander_row_set_subtitle (row, subtitle);
}

static void
on_choice_toggled_cb (GtkCheckButton    *check,
                      HlgProposalEditor *self)
{
  AdwExpanderRow *row = g_object_get_data (G_OBJECT (check), "hlg-expander");
  GPtrArray *checks = g_object_get_data (G_OBJECT (row), "hlg-checks");
  JsonArray *array = json_array_new ();

  for (guint i = 0; i < checks->len; i++)
    if (gtk_check_button_get_active (g_ptr_array_index (checks, i)))
      json_array_add_string_element (array,
                                     g_object_get_data (g_ptr_array_index (checks, i), "hlg-value"));

  update_choice_subtitle (row, json_array_get_length (array));
  set_path (self, widget_path (row), json_node_init_array (json_node_alloc (), array));
  json_array_unref (array);
}

/* Building the form */

static gint
compare_titles (gconstpointer a,
                gconstpointer b)
{
  HlgDocument *da = *(HlgDocument **) a;
  HlgDocument *db = *(HlgDocument **) b;

  return g_utf8_collate (hlg_document_get_title (da), hlg_document_get_title (db));
}

/* The documents a reference may point to, by title; priorities only of
 * the proposal's own cycle. */
static GPtrArray *
list_targets (HlgProposalEditor *self,
              const HlgField    *field)
{
  GListModel *model = hlg_store_get_model (self->store, hlg_doc_type_from_name (field->ref_type));
  const char *cycle = hlg_document_get_string (self->document, "cycle");
  GPtrArray *docs = g_ptr_array_new_with_free_func (g_object_unref);

  for (guint i = 0; i < g_list_model_get_n_items (model); i++)
    {
      HlgDocument *doc = g_list_model_get_item (model, i);

      if (g_str_equal (field->name, "priorities") &&
          g_strcmp0 (hlg_document_get_string (doc, "cycle"), cycle) != 0)
        {
          g_object_unref (doc);
          continue;
        }
      g_ptr_array_add (docs, doc);
    }
  g_ptr_array_sort (docs, compare_titles);

  return docs;
}

static GtkWidget *
make_entry_row (HlgProposalEditor *self,
                const char        *path,
                const HlgField    *field)
{
  GtkWidget *row = adw_entry_row_new ();
  JsonNode *node = lookup_path (hlg_document_get_object (self->document), path);
  g_autofree char *title = NULL;
  g_autofree char *text = NULL;

  if (field->kind == HLG_FIELD_DATE)
    title = g_strdup_printf (_("%s (YYYY-MM-DD)"), hlg_labels_field (field->name));
  else
    title = g_strdup (hlg_labels_field (field->name));
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), title);

  if (node != NULL && JSON_NODE_HOLDS_VALUE (node))
    {
      GType type = json_node_get_value_type (node);

      if (type == G_TYPE_STRING)
        text = g_strdup (json_node_get_string (node));
      else if (type == G_TYPE_INT64)
        text = g_strdup_printf ("%" G_GINT64_FORMAT, json_node_get_int (node));
      else if (type == G_TYPE_DOUBLE)
        {
          char buf[G_ASCII_DTOSTR_BUF_SIZE];

          text = g_strdup (g_ascii_dtostr (buf, sizeof buf, json_node_get_double (node)));
        }
    }
  gtk_editable_set_text (GTK_EDITABLE (row), text ? text : "");
  if (field->kind == HLG_FIELD_NUMBER || field->kind == HLG_FIELD_INT)
    adw_entry_row_set_input_purpose (ADW_ENTRY_ROW (row), GTK_INPUT_PURPOSE_NUMBER);

  tag_widget (self, row, path, field);
  g_ptr_array_add (self->editables, row);
  g_signal_connect (row, "changed", G_CALLBACK (on_entry_changed_cb), self);

  return row;
}

static GtkWidget *
make_combo_row (HlgProposalEditor *self,
                const char        *path,
                const HlgField    *field)
{
  GtkWidget *row = adw_combo_row_new ();
  g_autoptr(GtkStringList) labels = gtk_string_list_new (NULL);
  g_autoptr(GStrvBuilder) ids = g_strv_builder_new ();
  const char *current = get_path_string (self, path);
  guint selected = 0, n = 0;

  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), hlg_labels_field (field->name));

  if (!field->required || current == NULL)
    {
      gtk_string_list_append (labels, _("Not chosen"));
      g_strv_builder_add (ids, "");
      n++;
    }

  if (field->kind == HLG_FIELD_ENUM)
    for (guint i = 0; field->values[i] != NULL; i++, n++)
      {
        gtk_string_list_append (labels, hlg_labels_value (field->values[i]));
        g_strv_builder_add (ids, field->values[i]);
        if (g_strcmp0 (current, field->values[i]) == 0)
          selected = n;
      }
  else
    {
      g_autoptr(GPtrArray) docs = list_targets (self, field);

      for (guint i = 0; i < docs->len; i++, n++)
        {
          HlgDocument *doc = g_ptr_array_index (docs, i);

          gtk_string_list_append (labels, hlg_document_get_title (doc));
          g_strv_builder_add (ids, hlg_document_get_id (doc));
          if (g_strcmp0 (current, hlg_document_get_id (doc)) == 0)
            selected = n;
        }
    }

  g_object_set_data_full (G_OBJECT (row), IDS_KEY, g_strv_builder_end (ids),
                          (GDestroyNotify) g_strfreev);
  adw_combo_row_set_model (ADW_COMBO_ROW (row), G_LIST_MODEL (labels));
  adw_combo_row_set_selected (ADW_COMBO_ROW (row), selected);

  tag_widget (self, row, path, field);
  g_ptr_array_add (self->sensitives, row);
  g_signal_connect (row, "notify::selected", G_CALLBACK (on_combo_selected_cb), self);

  return row;
}

static GtkWidget *
make_choice_row (HlgProposalEditor *self,
                 const char        *path,
                 const HlgField    *field)
{
  GtkWidget *row = adw_expander_row_new ();
  JsonNode *node = lookup_path (hlg_document_get_object (self->document), path);
  JsonArray *chosen = node && JSON_NODE_HOLDS_ARRAY (node) ? json_node_get_array (node) : NULL;
  GPtrArray *checks = g_ptr_array_new ();
  g_autoptr(GPtrArray) docs = NULL;
  guint n_values, n_chosen = 0;

  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), hlg_labels_field (field->name));
  g_object_set_data_full (G_OBJECT (row), "hlg-checks", checks,
                          (GDestroyNotify) g_ptr_array_unref);

  if (field->kind == HLG_FIELD_REFS)
    docs = list_targets (self, field);
  n_values = docs ? docs->len : g_strv_length ((GStrv) field->values);

  for (guint i = 0; i < n_values; i++)
    {
      const char *value = docs ? hlg_document_get_id (g_ptr_array_index (docs, i)) : field->values[i];
      const char *label = docs ? hlg_document_get_title (g_ptr_array_index (docs, i))
                               : hlg_labels_value (value);
      GtkWidget *item = adw_action_row_new ();
      GtkWidget *check = gtk_check_button_new ();
      gboolean active = FALSE;

      for (guint j = 0; chosen != NULL && j < json_array_get_length (chosen); j++)
        if (g_strcmp0 (json_array_get_string_element (chosen, j), value) == 0)
          active = TRUE;
      n_chosen += active;

      adw_preferences_row_set_title (ADW_PREFERENCES_ROW (item), label);
      adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (item), FALSE);
      gtk_check_button_set_active (GTK_CHECK_BUTTON (check), active);
      gtk_widget_set_valign (check, GTK_ALIGN_CENTER);
      gtk_accessible_update_property (GTK_ACCESSIBLE (check),
                                      GTK_ACCESSIBLE_PROPERTY_LABEL, label, -1);
      adw_action_row_add_prefix (ADW_ACTION_ROW (item), check);
      adw_action_row_set_activatable_widget (ADW_ACTION_ROW (item), check);
      adw_expander_row_add_row (ADW_EXPANDER_ROW (row), item);

      g_object_set_data_full (G_OBJECT (check), "hlg-value", g_strdup (value), g_free);
      g_object_set_data (G_OBJECT (check), "hlg-expander", row);
      g_ptr_array_add (checks, check);
      g_ptr_array_add (self->sensitives, check);
      g_signal_connect (check, "toggled", G_CALLBACK (on_choice_toggled_cb), self);
    }

  if (n_values == 0)
    {
      GtkWidget *empty = adw_action_row_new ();

      adw_preferences_row_set_title (ADW_PREFERENCES_ROW (empty),
                                     _("Nothing to choose from on this computer yet"));
      adw_expander_row_add_row (ADW_EXPANDER_ROW (row), empty);
    }

  update_choice_subtitle (ADW_EXPANDER_ROW (row), n_chosen);
  tag_widget (self, row, path, field);

  return row;
}

static GtkWidget *
make_text_view (HlgProposalEditor *self,
                const char        *path,
                const HlgField    *field)
{
  GtkWidget *view = gtk_text_view_new ();
  GtkTextBuffer *buffer = gtk_text_view_get_buffer (GTK_TEXT_VIEW (view));
  const char *text = get_path_string (self, path);

  gtk_text_view_set_wrap_mode (GTK_TEXT_VIEW (view), GTK_WRAP_WORD_CHAR);
  gtk_text_view_set_accepts_tab (GTK_TEXT_VIEW (view), FALSE);
  gtk_text_view_set_top_margin (GTK_TEXT_VIEW (view), 10);
  gtk_text_view_set_bottom_margin (GTK_TEXT_VIEW (view), 10);
  gtk_text_view_set_left_margin (GTK_TEXT_VIEW (view), 12);
  gtk_text_view_set_right_margin (GTK_TEXT_VIEW (view), 12);
  gtk_widget_set_size_request (view, -1, 90);
  gtk_widget_add_css_class (view, "card");
  gtk_widget_add_css_class (view, "hlg-text");
  gtk_accessible_update_property (GTK_ACCESSIBLE (view), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                  hlg_labels_field (field->name), -1);
  gtk_text_buffer_set_text (buffer, text ? text : "", -1);

  tag_widget (self, view, path, field);
  g_object_set_data_full (G_OBJECT (buffer), PATH_KEY, g_strdup (path), g_free);
  g_ptr_array_add (self->editables, view);
  g_signal_connect (buffer, "changed", G_CALLBACK (on_text_changed_cb), self);

  return view;
}

static GtkWidget *
make_row (HlgProposalEditor *self,
          const char        *path,
          const HlgField    *field)
{
  switch (field->kind)
    {
    case HLG_FIELD_ENUM:
    case HLG_FIELD_REF:
      return make_combo_row (self, path, field);
    case HLG_FIELD_ENUMS:
    case HLG_FIELD_REFS:
      return make_choice_row (self, path, field);
    case HLG_FIELD_TEXT:
      {
        /* A long field inside an item: a row holding a text view. */
        GtkWidget *row = adw_preferences_row_new ();
        GtkWidget *box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 6);
        GtkWidget *label = gtk_label_new (hlg_labels_field (field->name));

        gtk_label_set_xalign (GTK_LABEL (label), 0);
        gtk_widget_add_css_class (label, "caption-heading");
        gtk_widget_set_margin_start (box, 12);
        gtk_widget_set_margin_end (box, 12);
        gtk_widget_set_margin_top (box, 8);
        gtk_widget_set_margin_bottom (box, 12);
        gtk_box_append (GTK_BOX (box), label);
        gtk_box_append (GTK_BOX (box), make_text_view (self, path, field));
        gtk_list_box_row_set_child (GTK_LIST_BOX_ROW (row), box);
        gtk_list_box_row_set_activatable (GTK_LIST_BOX_ROW (row), FALSE);
        adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), hlg_labels_field (field->name));
        return row;
      }
    case HLG_FIELD_STRING:
    case HLG_FIELD_DATE:
    case HLG_FIELD_NUMBER:
    case HLG_FIELD_INT:
    case HLG_FIELD_DATETIME:
    case HLG_FIELD_BOOL:
    case HLG_FIELD_STRINGS:
    case HLG_FIELD_OBJECT:
    case HLG_FIELD_OBJECTS:
    default:
      return make_entry_row (self, path, field);
    }
}

static GtkWidget *
add_warning_box (HlgProposalEditor *self,
                 const char        *field)
{
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 4);

  gtk_widget_set_visible (box, FALSE);
  gtk_widget_set_margin_top (box, 6);
  g_hash_table_insert (self->warning_boxes, g_strdup (field), box);

  return box;
}

static const char *
item_title (JsonObject *item)
{
  static const char * const keys[] = { "title", "issue" };

  for (guint i = 0; i < G_N_ELEMENTS (keys); i++)
    {
      const char *s = json_object_get_string_member_with_default (item, keys[i], NULL);

      if (s != NULL && s[0] != '\0')
        return s;
    }

  return NULL;
}

static void
on_item_title_changed_cb (GtkEditable    *editable,
                          AdwExpanderRow *expander)
{
  const char *text = gtk_editable_get_text (editable);

  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (expander), text[0] ? text : _("Untitled"));
}

static void
on_remove_item_clicked_cb (GtkButton         *button,
                           HlgProposalEditor *self)
{
  const char *list_path = g_object_get_data (G_OBJECT (button), "hlg-list-path");
  guint index = GPOINTER_TO_UINT (g_object_get_data (G_OBJECT (button), "hlg-index"));
  const HlgField *field = g_object_get_data (G_OBJECT (button), FIELD_KEY);
  JsonNode *node = lookup_path (hlg_document_get_object (self->document), list_path);
  g_autoptr(JsonNode) copy = NULL;
  g_autofree char *path = g_strdup (list_path);

  if (node == NULL || !JSON_NODE_HOLDS_ARRAY (node))
    return;

  copy = hlg_json_node_deep_copy (node);
  if (index < json_array_get_length (json_node_get_array (copy)))
    json_array_remove_element (json_node_get_array (copy), index);

  set_path (self, path, g_steal_pointer (&copy));
  /* The button goes with the list it belongs to. */
  render_list (self, path, field);
}

static void
on_add_item_clicked_cb (GtkButton         *button,
                        HlgProposalEditor *self)
{
  const char *list_path = g_object_get_data (G_OBJECT (button), PATH_KEY);
  const HlgField *field = g_object_get_data (G_OBJECT (button), FIELD_KEY);
  JsonNode *node = lookup_path (hlg_document_get_object (self->document), list_path);
  g_autofree char *path = g_strdup (list_path);
  g_autofree char *uuid = g_uuid_string_random ();
  JsonNode *copy;
  JsonObject *item = json_object_new ();

  copy = node && JSON_NODE_HOLDS_ARRAY (node) ? hlg_json_node_deep_copy (node)
                                              : json_node_init_array (json_node_alloc (),
                                                                      json_array_new ());
  json_object_set_string_member (item, "id", uuid);
  for (const HlgField *f = field->fields; f->name != NULL; f++)
    if (f->required && f->kind == HLG_FIELD_STRING && !g_str_equal (f->name, "id"))
      json_object_set_string_member (item, f->name, "");
  json_array_add_object_element (json_node_get_array (copy), item);

  set_path (self, path, copy);
  render_list (self, path, field);
}

/* An array of objects: one expander per item, with add and remove. */
static void
render_list (HlgProposalEditor *self,
             const char        *path,
             const HlgField    *field)
{
  AdwPreferencesGroup *group = g_hash_table_lookup (self->list_groups, path);
  GtkWidget *old_box = g_object_get_data (G_OBJECT (group), "hlg-items");
  JsonNode *node = lookup_path (hlg_document_get_object (self->document), path);
  JsonArray *array = node && JSON_NODE_HOLDS_ARRAY (node) ? json_node_get_array (node) : NULL;
  GtkWidget *list = gtk_list_box_new ();
  guint n = array ? json_array_get_length (array) : 0;

  if (old_box != NULL)
    {
      /* Forget the widgets of the old items before they go. */
      GHashTableIter iter;
      gpointer key, value;
      g_autofree char *prefix = g_strconcat (path, "/", NULL);

      g_hash_table_iter_init (&iter, self->widgets);
      while (g_hash_table_iter_next (&iter, &key, &value))
        if (g_str_has_prefix (key, prefix))
          {
            g_ptr_array_remove (self->editables, value);
            g_ptr_array_remove (self->sensitives, value);
            g_hash_table_iter_remove (&iter);
          }
      adw_preferences_group_remove (group, old_box);
    }

  gtk_list_box_set_selection_mode (GTK_LIST_BOX (list), GTK_SELECTION_NONE);
  gtk_widget_add_css_class (list, "boxed-list");
  g_object_set_data (G_OBJECT (group), "hlg-items", list);

  for (guint i = 0; i < n; i++)
    {
      JsonObject *item = json_array_get_object_element (array, i);
      const char *title = item_title (item);
      GtkWidget *expander = adw_expander_row_new ();
      GtkWidget *remove_row = adw_action_row_new ();
      GtkWidget *remove = gtk_button_new_with_mnemonic (_("_Remove"));

      adw_preferences_row_set_title (ADW_PREFERENCES_ROW (expander),
                                     title ? title : _("Untitled"));
      adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (expander), FALSE);

      for (const HlgField *f = field->fields; f->name != NULL; f++)
        {
          g_autofree char *item_path = NULL;
          GtkWidget *row;

          if (g_str_equal (f->name, "id"))
            continue;
          item_path = g_strdup_printf ("%s/%u/%s", path, i, f->name);
          row = make_row (self, item_path, f);
          adw_expander_row_add_row (ADW_EXPANDER_ROW (expander), row);
          if ((g_str_equal (f->name, "title") || g_str_equal (f->name, "issue")) &&
              ADW_IS_ENTRY_ROW (row))
            g_signal_connect_object (row, "changed", G_CALLBACK (on_item_title_changed_cb),
                                     expander, 0);
        }

      gtk_widget_add_css_class (remove, "destructive-action");
      gtk_widget_set_valign (remove, GTK_ALIGN_CENTER);
      g_object_set_data_full (G_OBJECT (remove), "hlg-list-path", g_strdup (path), g_free);
      g_object_set_data (G_OBJECT (remove), "hlg-index", GUINT_TO_POINTER (i));
      g_object_set_data (G_OBJECT (remove), FIELD_KEY, (gpointer) field);
      g_signal_connect (remove, "clicked", G_CALLBACK (on_remove_item_clicked_cb), self);
      adw_action_row_add_suffix (ADW_ACTION_ROW (remove_row), remove);
      g_ptr_array_add (self->sensitives, remove);
      g_hash_table_replace (self->widgets, g_strdup_printf ("%s/%u/#remove", path, i), remove);
      {
        g_autofree char *hint = g_strdup_printf (_("Remove this item from “%s”"),
                                                 hlg_labels_field (field->name));
        gtk_widget_set_tooltip_text (remove, hint);
      }
      adw_expander_row_add_row (ADW_EXPANDER_ROW (expander), remove_row);
      gtk_list_box_append (GTK_LIST_BOX (list), expander);
    }

  if (n == 0)
    {
      GtkWidget *empty = adw_action_row_new ();

      adw_preferences_row_set_title (ADW_PREFERENCES_ROW (empty), _("None yet"));
      gtk_widget_add_css_class (empty, "dim-label");
      gtk_list_box_append (GTK_LIST_BOX (list), empty);
    }

  adw_preferences_group_add (group, list);
  if (!self->loading)
    update_editable (self);
}

static AdwPreferencesGroup *
add_group (HlgProposalEditor *self,
           const char        *title)
{
  GtkWidget *group = adw_preferences_group_new ();

  if (title != NULL)
    adw_preferences_group_set_title (ADW_PREFERENCES_GROUP (group), title);
  gtk_box_append (self->form, group);

  return ADW_PREFERENCES_GROUP (group);
}

static void
add_list_group (HlgProposalEditor *self,
                const char        *path,
                const HlgField    *field)
{
  AdwPreferencesGroup *group = add_group (self, hlg_labels_field (field->name));
  GtkWidget *add = gtk_button_new_from_icon_name ("list-add-symbolic");
  g_autofree char *tooltip = g_strdup_printf (_("Add to “%s”"), hlg_labels_field (field->name));

  gtk_widget_set_tooltip_text (add, tooltip);
  gtk_widget_add_css_class (add, "flat");
  g_object_set_data_full (G_OBJECT (add), PATH_KEY, g_strdup (path), g_free);
  g_object_set_data (G_OBJECT (add), FIELD_KEY, (gpointer) field);
  g_signal_connect (add, "clicked", G_CALLBACK (on_add_item_clicked_cb), self);
  g_ptr_array_add (self->sensitives, add);
  adw_preferences_group_set_header_suffix (group, add);

  g_hash_table_insert (self->list_groups, g_strdup (path), group);
  render_list (self, path, field);
  if (strchr (path, '/') == NULL)
    adw_preferences_group_add (group, add_warning_box (self, path));
}

static void
build_form (HlgProposalEditor *self)
{
  const HlgField *fields = hlg_schema_get_fields (HLG_DOC_TYPE_PROPOSAL);
  AdwPreferencesGroup *group;

  group = add_group (self, NULL);
  for (guint i = 0; detail_fields[i] != NULL; i++)
    adw_preferences_group_add (group, make_row (self, detail_fields[i],
                                                find_field (fields, detail_fields[i])));
  for (guint i = 0; detail_fields[i] != NULL; i++)
    adw_preferences_group_add (group, add_warning_box (self, detail_fields[i]));

  group = add_group (self, _("Scope"));
  adw_preferences_group_set_description (group, _("What the proposal serves, and who is in it"));
  for (guint i = 0; scope_fields[i] != NULL; i++)
    adw_preferences_group_add (group, make_row (self, scope_fields[i],
                                                find_field (fields, scope_fields[i])));
  for (guint i = 0; scope_fields[i] != NULL; i++)
    adw_preferences_group_add (group, add_warning_box (self, scope_fields[i]));

  for (guint i = 0; section_fields[i] != NULL; i++)
    {
      const HlgField *field = find_field (fields, section_fields[i]);

      if (field == NULL)
        continue;
      if (field->kind == HLG_FIELD_TEXT)
        {
          group = add_group (self, hlg_labels_field (field->name));
          adw_preferences_group_add (group, make_text_view (self, field->name, field));
          adw_preferences_group_add (group, add_warning_box (self, field->name));
        }
      else if (field->kind == HLG_FIELD_OBJECTS)
        add_list_group (self, field->name, field);
      else if (field->kind == HLG_FIELD_OBJECT)
        {
          group = add_group (self, hlg_labels_field (field->name));
          for (const HlgField *f = field->fields; f->name != NULL; f++)
            {
              g_autofree char *path = g_strdup_printf ("%s/%s", field->name, f->name);

              if (f->kind == HLG_FIELD_OBJECTS)
                continue;
              adw_preferences_group_add (group, make_row (self, path, f));
            }
          adw_preferences_group_add (group, add_warning_box (self, field->name));
          for (const HlgField *f = field->fields; f->name != NULL; f++)
            if (f->kind == HLG_FIELD_OBJECTS)
              {
                g_autofree char *path = g_strdup_printf ("%s/%s", field->name, f->name);

                add_list_group (self, path, f);
              }
        }
    }
}

/* Builds the form anew from the document, as after a restore. */
static void
rebuild_form (HlgProposalEditor *self)
{
  GtkWidget *child;

  g_hash_table_remove_all (self->widgets);
  g_hash_table_remove_all (self->warning_boxes);
  g_hash_table_remove_all (self->list_groups);
  g_ptr_array_set_size (self->editables, 0);
  g_ptr_array_set_size (self->sensitives, 0);
  /* The form is everything after the general warnings. */
  while ((child = gtk_widget_get_next_sibling (GTK_WIDGET (self->general_warnings))) != NULL)
    gtk_box_remove (self->form, child);

  self->loading = TRUE;
  build_form (self);
  self->loading = FALSE;

  update_header (self);
  update_editable (self);
  update_warnings (self);
}

/* History */

static HlgHistory *
get_history (void)
{
  GApplication *app = g_application_get_default ();

  return HLG_IS_APPLICATION (app) ? hlg_application_get_history (HLG_APPLICATION (app)) : NULL;
}

static void
on_version_restored_cb (HlgProposalEditor *self,
                        HlgHistoryEntry   *entry,
                        HlgHistoryView    *view)
{
  GtkRoot *root = gtk_widget_get_root (GTK_WIDGET (self));

  rebuild_form (self);
  gtk_label_set_label (self->save_label, _("Saved"));
  if (HLG_IS_WINDOW (root))
    hlg_window_add_toast (HLG_WINDOW (root),
                          adw_toast_new (_("Earlier version restored")));
}

static void
history_action (GtkWidget  *widget,
                const char *action_name,
                GVariant   *parameter)
{
  HlgProposalEditor *self = HLG_PROPOSAL_EDITOR (widget);
  HlgHistory *history = get_history ();
  GtkRoot *root = gtk_widget_get_root (widget);
  g_autoptr(GError) error = NULL;
  HlgHistoryView *view;

  if (history == NULL)
    return;

  /* What was typed last is a version too before the versions are shown. */
  if (!hlg_proposal_editor_flush (self, &error))
    {
      hlg_report_error (widget, error);
      return;
    }

  view = hlg_history_view_new (history, self->store, self->document, self->editable);
  if (GTK_IS_WINDOW (root))
    {
      gtk_window_set_transient_for (GTK_WINDOW (view), GTK_WINDOW (root));
      gtk_window_set_destroy_with_parent (GTK_WINDOW (view), TRUE);
    }
  g_signal_connect_object (view, "restored", G_CALLBACK (on_version_restored_cb), self,
                           G_CONNECT_SWAPPED);
  gtk_window_present (GTK_WINDOW (view));
}

/* Submit */

gboolean
hlg_proposal_editor_submit (HlgProposalEditor  *self,
                            GError            **error)
{
  g_autoptr(GDateTime) now = g_date_time_new_now_local ();
  g_autofree char *when = g_date_time_format_iso8601 (now);

  g_return_val_if_fail (HLG_IS_PROPOSAL_EDITOR (self), FALSE);

  if (!self->editable)
    {
      g_set_error_literal (error, HLG_DOCUMENT_ERROR, HLG_DOCUMENT_ERROR_READ_ONLY,
                           _("This proposal cannot be submitted: it is not a draft"));
      return FALSE;
    }

  if (!hlg_document_set_string (self->document, "status", "submitted", error) ||
      !hlg_document_set_string (self->document, "submitted_at", when, error))
    return FALSE;

  hlg_autosave_set_dirty (self->autosave);
  if (!hlg_proposal_editor_flush (self, error))
    return FALSE;

  update_header (self);
  update_editable (self);
  update_warnings (self);
  return TRUE;
}

static void
on_submit_response_cb (AdwMessageDialog  *dialog,
                       const char        *response,
                       HlgProposalEditor *self)
{
  g_autoptr(GError) error = NULL;

  if (g_strcmp0 (response, "submit") != 0)
    return;

  if (!hlg_proposal_editor_submit (self, &error))
    hlg_report_error (GTK_WIDGET (self), error);
}

static void
submit_action (GtkWidget  *widget,
               const char *action_name,
               GVariant   *parameter)
{
  HlgProposalEditor *self = HLG_PROPOSAL_EDITOR (widget);
  GtkRoot *root = gtk_widget_get_root (widget);
  g_autoptr(GString) body = g_string_new (NULL);
  GPtrArray *general = g_hash_table_lookup (self->warnings, "submitted_at");
  guint n_warnings = 0;
  GHashTableIter iter;
  gpointer value;
  GtkWidget *dialog;

  g_string_append (body, _("Its status becomes “Submitted”: the Executive Board can read and "
                           "review it, and its authors can no longer edit it."));

  g_hash_table_iter_init (&iter, self->warnings);
  while (g_hash_table_iter_next (&iter, NULL, &value))
    n_warnings += ((GPtrArray *) value)->len;
  if (n_warnings > 0)
    {
      g_string_append (body, "\n\n");
      g_string_append_printf (body, g_dngettext (GETTEXT_PACKAGE,
                                                 "It still has %u warning:",
                                                 "It still has %u warnings:", n_warnings),
                              n_warnings);
      g_hash_table_iter_init (&iter, self->warnings);
      while (g_hash_table_iter_next (&iter, NULL, &value))
        for (guint i = 0; i < ((GPtrArray *) value)->len; i++)
          g_string_append_printf (body, "\n• %s",
                                  (char *) g_ptr_array_index ((GPtrArray *) value, i));
    }
  (void) general;

  dialog = adw_message_dialog_new (GTK_IS_WINDOW (root) ? GTK_WINDOW (root) : NULL,
                                   _("Submit the Proposal?"), body->str);
  adw_message_dialog_add_responses (ADW_MESSAGE_DIALOG (dialog),
                                    "cancel", _("_Keep Editing"),
                                    "submit", _("_Submit"),
                                    NULL);
  adw_message_dialog_set_response_appearance (ADW_MESSAGE_DIALOG (dialog), "submit",
                                              ADW_RESPONSE_SUGGESTED);
  adw_message_dialog_set_default_response (ADW_MESSAGE_DIALOG (dialog), "cancel");
  adw_message_dialog_set_close_response (ADW_MESSAGE_DIALOG (dialog), "cancel");
  g_signal_connect_object (dialog, "response", G_CALLBACK (on_submit_response_cb), self, 0);
  gtk_window_present (GTK_WINDOW (dialog));
}

/* Public */

HlgDocument *
hlg_proposal_editor_get_document (HlgProposalEditor *self)
{
  g_return_val_if_fail (HLG_IS_PROPOSAL_EDITOR (self), NULL);

  return self->document;
}

/**
 * hlg_proposal_editor_get_field_widget:
 * @path: a field, or a path in it such as "resources/travel"
 *
 * Returns: (transfer none) (nullable): the widget that edits @path
 */
GtkWidget *
hlg_proposal_editor_get_field_widget (HlgProposalEditor *self,
                                      const char        *path)
{
  g_return_val_if_fail (HLG_IS_PROPOSAL_EDITOR (self), NULL);

  return g_hash_table_lookup (self->widgets, path);
}

/* Like a window title's subtitle: no line of its own while empty. */
static void
on_save_label_changed_cb (GtkLabel *label)
{
  const char *text = gtk_label_get_label (label);

  gtk_widget_set_visible (GTK_WIDGET (label), text != NULL && text[0] != '\0');
}

static void
hlg_proposal_editor_dispose (GObject *object)
{
  HlgProposalEditor *self = HLG_PROPOSAL_EDITOR (object);
  /* Whatever was typed last is written before the editor goes. */
  if (self->autosave != NULL)
    hlg_autosave_close (self->autosave);

  gtk_widget_dispose_template (GTK_WIDGET (self), HLG_TYPE_PROPOSAL_EDITOR);
  {
    GtkWidget *child;

    /* The template's top widget has no field of its own to clear. */
    while ((child = gtk_widget_get_first_child (GTK_WIDGET (self))) != NULL)
      gtk_widget_unparent (child);
  }
  g_clear_pointer (&self->widgets, g_hash_table_unref);
  g_clear_pointer (&self->role, g_free);
  g_clear_pointer (&self->warning_boxes, g_hash_table_unref);
  g_clear_pointer (&self->list_groups, g_hash_table_unref);
  g_clear_pointer (&self->warnings, g_hash_table_unref);
  g_clear_pointer (&self->editables, g_ptr_array_unref);
  g_clear_pointer (&self->sensitives, g_ptr_array_unref);
  g_clear_pointer (&self->status_class, g_free);
  g_clear_object (&self->document);
  g_clear_object (&self->autosave);
  g_clear_object (&self->store);

  G_OBJECT_CLASS (hlg_proposal_editor_parent_class)->dispose (object);
}

static void
hlg_proposal_editor_class_init (HlgProposalEditorClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = hlg_proposal_editor_dispose;

  g_type_ensure (HLG_TYPE_CONFLICT_BAR);
  gtk_widget_class_set_layout_manager_type (widget_class, GTK_TYPE_BIN_LAYOUT);
  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/org/unece/HLGMOS/hlg-proposal-editor.ui");
  gtk_widget_class_bind_template_child (widget_class, HlgProposalEditor, title_label);
  gtk_widget_class_bind_template_child (widget_class, HlgProposalEditor, save_label);
  gtk_widget_class_bind_template_callback (widget_class, on_save_label_changed_cb);
  gtk_widget_class_bind_template_child (widget_class, HlgProposalEditor, status_label);
  gtk_widget_class_bind_template_child (widget_class, HlgProposalEditor, submit_button);
  gtk_widget_class_bind_template_child (widget_class, HlgProposalEditor, notice_revealer);
  gtk_widget_class_bind_template_child (widget_class, HlgProposalEditor, conflict_bar);
  gtk_widget_class_bind_template_child (widget_class, HlgProposalEditor, notice_label);
  gtk_widget_class_bind_template_child (widget_class, HlgProposalEditor, form);
  gtk_widget_class_bind_template_child (widget_class, HlgProposalEditor, general_warnings);

  gtk_widget_class_install_action (widget_class, "editor.submit", NULL, submit_action);
  gtk_widget_class_install_action (widget_class, "editor.history", NULL, history_action);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_h, GDK_CONTROL_MASK,
                                       "editor.history", NULL);
}

static void
hlg_proposal_editor_init (HlgProposalEditor *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));

  self->widgets = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  self->warning_boxes = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  self->list_groups = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  self->warnings = g_hash_table_new_full (g_str_hash, g_str_equal, g_free,
                                          (GDestroyNotify) g_ptr_array_unref);
  self->editables = g_ptr_array_new ();
  self->sensitives = g_ptr_array_new ();
}

/**
 * hlg_proposal_editor_set_role:
 * @role: who is signed in, as hlg_application_get_role() says
 *
 * Only those who may write proposals edit one; others read it.
 */
void
hlg_proposal_editor_set_role (HlgProposalEditor *self,
                              const char        *role)
{
  g_return_if_fail (HLG_IS_PROPOSAL_EDITOR (self));

  if (g_strcmp0 (self->role, role) == 0)
    return;

  g_free (self->role);
  self->role = g_strdup (role);
  update_editable (self);
}

/**
 * hlg_proposal_editor_new:
 * @role: who is signed in, as hlg_application_get_role() says
 */
GtkWidget *
hlg_proposal_editor_new (HlgStore    *store,
                         HlgDocument *document,
                         const char  *role)
{
  HlgProposalEditor *self;

  g_return_val_if_fail (HLG_IS_STORE (store), NULL);
  g_return_val_if_fail (HLG_IS_DOCUMENT (document), NULL);

  self = g_object_new (HLG_TYPE_PROPOSAL_EDITOR, NULL);
  self->store = g_object_ref (store);
  self->document = g_object_ref (document);
  self->role = g_strdup (role);
  self->autosave = hlg_autosave_new (GTK_WIDGET (self), self->save_label, store, self->document);

  rebuild_form (self);
  hlg_conflict_bar_set_document (self->conflict_bar, store, hlg_document_get_id (document));
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "editor.history", get_history () != NULL);
  gtk_label_set_label (self->save_label, hlg_store_has_local_changes (store, hlg_document_get_id (document))
                                         ? _("Saved on this computer") : "");

  return GTK_WIDGET (self);
}
