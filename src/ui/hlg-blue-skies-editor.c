/* hlg-blue-skies-editor.c: a Blue Skies Thinking Report's four answers and outcome, saved as typed
 * SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "hlg-blue-skies-editor"

#include "config.h"

#include <adwaita.h>
#include <glib/gi18n.h>
#include <stdlib.h>
#include <string.h>

#include "hlg-application.h"
#include "hlg-autosave.h"
#include "hlg-blue-skies-editor.h"
#include "hlg-conflict-bar.h"
#include "hlg-labels.h"
#include "hlg-schema.h"

/* The four questions, in the order the strategy asks them. */
static const struct
{
  const char *field;
  const char *view_id;
} answers[] = {
  { "topic", "topic_view" },
  { "value", "value_view" },
  { "current_work", "current_work_view" },
  { "collaboration", "collaboration_view" },
};

#define N_ANSWERS G_N_ELEMENTS (answers)
#define FIELD_KEY "hlg-field"

/* Outcomes read as what became of the topic, as the Blue Skies list says them. */
static const struct
{
  const char *value;
  const char *label;
} outcome_labels[] = {
  { "not-pursue", N_("Not pursued") },
  { "on-hold-until", N_("On hold until a date") },
  { "recommend-further-work", N_("Further work recommended") },
};

struct _HlgBlueSkiesEditor
{
  GtkWidget           parent_instance;

  GtkLabel           *title_label;
  GtkLabel           *save_label;
  HlgConflictBar     *conflict_bar;
  GtkRevealer        *notice_revealer;
  GtkLabel           *notice_label;
  AdwEntryRow        *title_row;
  GtkTextView        *answer_views[N_ANSWERS];
  AdwComboRow        *outcome_row;
  AdwEntryRow        *hold_row;
  AdwEntryRow        *follow_up_row;

  HlgStore           *store;
  HlgAutosave        *autosave;
  HlgDocument        *document;
  char               *role;
  const char * const *outcomes;  /* the schema's: outcome_row lists "none", then these */
  guint               loading : 1;
  guint               writing : 1;
  guint               editable : 1;
};

G_DEFINE_FINAL_TYPE (HlgBlueSkiesEditor, hlg_blue_skies_editor, GTK_TYPE_WIDGET)

gboolean
hlg_blue_skies_editor_flush (HlgBlueSkiesEditor  *self,
                             GError             **error)
{
  g_return_val_if_fail (HLG_IS_BLUE_SKIES_EDITOR (self), FALSE);

  return self->autosave == NULL || hlg_autosave_flush (self->autosave, error);
}

gboolean
hlg_blue_skies_editor_get_editable (HlgBlueSkiesEditor *self)
{
  g_return_val_if_fail (HLG_IS_BLUE_SKIES_EDITOR (self), FALSE);

  return self->editable;
}

/* YYYY-MM-DD and a day that exists, as the schema wants it. */
static gboolean
is_iso_date (const char *text)
{
  if (strlen (text) != 10 || text[4] != '-' || text[7] != '-')
    return FALSE;
  for (guint i = 0; i < 10; i++)
    if (i != 4 && i != 7 && !g_ascii_isdigit (text[i]))
      return FALSE;

  return g_date_valid_dmy (atoi (text + 8), atoi (text + 5), atoi (text));
}

static const char *
outcome_label (const char *value)
{
  for (guint i = 0; i < G_N_ELEMENTS (outcome_labels); i++)
    if (g_str_equal (outcome_labels[i].value, value))
      return _(outcome_labels[i].label);

  return hlg_labels_value (value);
}

static const char *
chosen_outcome (HlgBlueSkiesEditor *self)
{
  guint selected = adw_combo_row_get_selected (self->outcome_row);

  if (selected == 0 || selected == GTK_INVALID_LIST_POSITION)
    return NULL;

  return self->outcomes[selected - 1];
}

static char *
dup_text (GtkTextView *view)
{
  GtkTextBuffer *buffer = gtk_text_view_get_buffer (view);
  GtkTextIter start, end;

  gtk_text_buffer_get_bounds (buffer, &start, &end);
  return gtk_text_buffer_get_text (buffer, &start, &end, FALSE);
}

/* Edits */

/* Sets @field to @value, or removes it for %NULL, and saves a moment later. */
static void
set_field (HlgBlueSkiesEditor *self,
           const char         *field,
           const char         *value)
{
  g_autoptr(GError) error = NULL;
  gboolean ok;

  if (self->loading || !self->editable ||
      g_strcmp0 (hlg_document_get_string (self->document, field), value) == 0)
    return;

  /* The document says "changed" for this edit too: not a reason to reload. */
  self->writing = TRUE;
  ok = hlg_document_set_string (self->document, field, value, &error);
  self->writing = FALSE;

  if (!ok)
    hlg_report_error (GTK_WIDGET (self), error);
  else
    hlg_autosave_changed (self->autosave);
}

static void
update_header (HlgBlueSkiesEditor *self)
{
  const char *title = hlg_document_get_string (self->document, "title");

  gtk_label_set_label (self->title_label, title && title[0] ? title : _("Untitled report"));
}

/* Only the row the outcome asks for is shown. */
static void
update_visibility (HlgBlueSkiesEditor *self)
{
  const char *outcome = chosen_outcome (self);

  gtk_widget_set_visible (GTK_WIDGET (self->hold_row), g_strcmp0 (outcome, "on-hold-until") == 0);
  gtk_widget_set_visible (GTK_WIDGET (self->follow_up_row),
                          g_strcmp0 (outcome, "recommend-further-work") == 0);
}

static void
update_editable (HlgBlueSkiesEditor *self)
{
  const char *reason = NULL;

  if (hlg_document_is_read_only (self->document))
    reason = hlg_document_get_read_only_reason (self->document);
  else if (!hlg_role_can (self->role, "write-blue-skies"))
    reason = _("The secretariat writes the Blue Skies reports; you can read this one.");

  self->editable = reason == NULL;
  gtk_label_set_label (self->notice_label, reason ? reason : "");
  gtk_revealer_set_reveal_child (self->notice_revealer, reason != NULL);

  gtk_editable_set_editable (GTK_EDITABLE (self->title_row), self->editable);
  gtk_editable_set_editable (GTK_EDITABLE (self->hold_row), self->editable);
  gtk_editable_set_editable (GTK_EDITABLE (self->follow_up_row), self->editable);
  gtk_widget_set_sensitive (GTK_WIDGET (self->outcome_row), self->editable);
  for (guint i = 0; i < N_ANSWERS; i++)
    {
      gtk_text_view_set_editable (self->answer_views[i], self->editable);
      gtk_text_view_set_cursor_visible (self->answer_views[i], self->editable);
    }
}

/* Writes the date and the follow-up as far as the outcome wants them: a
 * row's text stays while it is hidden, and comes back with its outcome. */
static void
sync_outcome_details (HlgBlueSkiesEditor *self)
{
  const char *outcome = chosen_outcome (self);
  const char *hold = gtk_editable_get_text (GTK_EDITABLE (self->hold_row));
  const char *follow_up = gtk_editable_get_text (GTK_EDITABLE (self->follow_up_row));
  gboolean on_hold = g_strcmp0 (outcome, "on-hold-until") == 0;
  gboolean hold_valid = hold[0] == '\0' || is_iso_date (hold);

  /* Until the date is one, the row says so and the last good date stays. */
  if (hold_valid)
    gtk_widget_remove_css_class (GTK_WIDGET (self->hold_row), "error");
  else
    gtk_widget_add_css_class (GTK_WIDGET (self->hold_row), "error");
  if (!on_hold || hold_valid)
    set_field (self, "on_hold_until", on_hold && hold[0] != '\0' ? hold : NULL);

  set_field (self, "follow_up",
             g_strcmp0 (outcome, "recommend-further-work") == 0 && follow_up[0] != '\0'
             ? follow_up : NULL);
}

static void
on_title_changed_cb (HlgBlueSkiesEditor *self)
{
  if (self->loading)
    return;

  /* A report always has a title, if only an empty one for now. */
  set_field (self, "title", gtk_editable_get_text (GTK_EDITABLE (self->title_row)));
  update_header (self);
}

static void
on_answer_changed_cb (GtkTextBuffer      *buffer,
                      HlgBlueSkiesEditor *self)
{
  GtkTextView *view = g_object_get_data (G_OBJECT (buffer), "hlg-view");
  g_autofree char *text = NULL;

  if (self->loading)
    return;

  text = dup_text (view);
  set_field (self, g_object_get_data (G_OBJECT (view), FIELD_KEY), text[0] ? text : NULL);
}

static void
on_outcome_changed_cb (HlgBlueSkiesEditor *self)
{
  if (self->loading)
    return;

  set_field (self, "outcome", chosen_outcome (self));
  sync_outcome_details (self);
  update_visibility (self);
}

/* The date or the follow-up row changed. */
static void
on_detail_changed_cb (HlgBlueSkiesEditor *self)
{
  if (!self->loading)
    sync_outcome_details (self);
}

/* Loading */

static void
set_entry_text (AdwEntryRow *row,
                const char  *text)
{
  /* Same text, same cursor: only what changed is set again. */
  if (g_strcmp0 (gtk_editable_get_text (GTK_EDITABLE (row)), text ? text : "") != 0)
    gtk_editable_set_text (GTK_EDITABLE (row), text ? text : "");
}

/* Shows the document's values in the widgets: when the editor opens, and
 * when the document changes under it (a pull, a resolved conflict). */
static void
load (HlgBlueSkiesEditor *self)
{
  const char *outcome = hlg_document_get_string (self->document, "outcome");
  guint selected = 0;

  self->loading = TRUE;
  set_entry_text (self->title_row, hlg_document_get_string (self->document, "title"));
  for (guint i = 0; i < N_ANSWERS; i++)
    {
      const char *text = hlg_document_get_string (self->document, answers[i].field);
      g_autofree char *shown = dup_text (self->answer_views[i]);

      if (g_strcmp0 (shown, text ? text : "") != 0)
        gtk_text_buffer_set_text (gtk_text_view_get_buffer (self->answer_views[i]),
                                  text ? text : "", -1);
    }
  for (guint i = 0; outcome != NULL && self->outcomes[i] != NULL; i++)
    if (g_str_equal (self->outcomes[i], outcome))
      selected = i + 1;
  adw_combo_row_set_selected (self->outcome_row, selected);
  set_entry_text (self->hold_row, hlg_document_get_string (self->document, "on_hold_until"));
  gtk_widget_remove_css_class (GTK_WIDGET (self->hold_row), "error");
  set_entry_text (self->follow_up_row, hlg_document_get_string (self->document, "follow_up"));
  self->loading = FALSE;

  update_header (self);
  update_visibility (self);
  update_editable (self);
}

static void
on_document_changed_cb (HlgBlueSkiesEditor *self)
{
  if (!self->writing)
    load (self);
}

/* Public */

HlgDocument *
hlg_blue_skies_editor_get_document (HlgBlueSkiesEditor *self)
{
  g_return_val_if_fail (HLG_IS_BLUE_SKIES_EDITOR (self), NULL);

  return self->document;
}

/**
 * hlg_blue_skies_editor_set_role:
 * @role: who is signed in, as hlg_application_get_role() says
 *
 * The secretariat writes reports; everyone else reads them.
 */
void
hlg_blue_skies_editor_set_role (HlgBlueSkiesEditor *self,
                                const char         *role)
{
  g_return_if_fail (HLG_IS_BLUE_SKIES_EDITOR (self));

  if (g_strcmp0 (self->role, role) == 0)
    return;

  g_free (self->role);
  self->role = g_strdup (role);
  update_editable (self);
}

/**
 * hlg_blue_skies_editor_get_widget:
 * @field: "title", "topic", "value", "current_work", "collaboration", "outcome",
 *   "on_hold_until" or "follow_up"
 *
 * Returns: (transfer none) (nullable): the widget that edits @field
 */
GtkWidget *
hlg_blue_skies_editor_get_widget (HlgBlueSkiesEditor *self,
                                  const char         *field)
{
  g_return_val_if_fail (HLG_IS_BLUE_SKIES_EDITOR (self), NULL);

  for (guint i = 0; i < N_ANSWERS; i++)
    if (g_strcmp0 (field, answers[i].field) == 0)
      return GTK_WIDGET (self->answer_views[i]);
  if (g_strcmp0 (field, "title") == 0)
    return GTK_WIDGET (self->title_row);
  if (g_strcmp0 (field, "outcome") == 0)
    return GTK_WIDGET (self->outcome_row);
  if (g_strcmp0 (field, "on_hold_until") == 0)
    return GTK_WIDGET (self->hold_row);
  if (g_strcmp0 (field, "follow_up") == 0)
    return GTK_WIDGET (self->follow_up_row);

  return NULL;
}

/* Like a window title's subtitle: no line of its own while empty. */
static void
on_save_label_changed_cb (GtkLabel *label)
{
  const char *text = gtk_label_get_label (label);

  gtk_widget_set_visible (GTK_WIDGET (label), text != NULL && text[0] != '\0');
}

static void
hlg_blue_skies_editor_dispose (GObject *object)
{
  HlgBlueSkiesEditor *self = HLG_BLUE_SKIES_EDITOR (object);
  GtkWidget *child;

  /* Whatever was typed last is written before the editor goes. */
  if (self->autosave != NULL)
    hlg_autosave_close (self->autosave);
  /* The document lives on in the store: its changes no longer concern us. */
  if (self->document != NULL)
    g_signal_handlers_disconnect_by_data (self->document, self);

  gtk_widget_dispose_template (GTK_WIDGET (self), HLG_TYPE_BLUE_SKIES_EDITOR);
  /* The template's top widget has no field of its own to clear. */
  while ((child = gtk_widget_get_first_child (GTK_WIDGET (self))) != NULL)
    gtk_widget_unparent (child);

  g_clear_object (&self->autosave);
  g_clear_object (&self->document);
  g_clear_object (&self->store);
  g_clear_pointer (&self->role, g_free);

  G_OBJECT_CLASS (hlg_blue_skies_editor_parent_class)->dispose (object);
}

static void
hlg_blue_skies_editor_class_init (HlgBlueSkiesEditorClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = hlg_blue_skies_editor_dispose;

  g_type_ensure (HLG_TYPE_CONFLICT_BAR);
  gtk_widget_class_set_layout_manager_type (widget_class, GTK_TYPE_BIN_LAYOUT);
  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/org/unece/HLGMOS/hlg-blue-skies-editor.ui");
  gtk_widget_class_bind_template_child (widget_class, HlgBlueSkiesEditor, title_label);
  gtk_widget_class_bind_template_child (widget_class, HlgBlueSkiesEditor, save_label);
  gtk_widget_class_bind_template_child (widget_class, HlgBlueSkiesEditor, conflict_bar);
  gtk_widget_class_bind_template_child (widget_class, HlgBlueSkiesEditor, notice_revealer);
  gtk_widget_class_bind_template_child (widget_class, HlgBlueSkiesEditor, notice_label);
  gtk_widget_class_bind_template_child (widget_class, HlgBlueSkiesEditor, title_row);
  gtk_widget_class_bind_template_child (widget_class, HlgBlueSkiesEditor, outcome_row);
  gtk_widget_class_bind_template_child (widget_class, HlgBlueSkiesEditor, hold_row);
  gtk_widget_class_bind_template_child (widget_class, HlgBlueSkiesEditor, follow_up_row);
  for (guint i = 0; i < N_ANSWERS; i++)
    gtk_widget_class_bind_template_child_full (widget_class, answers[i].view_id, FALSE,
                                               G_STRUCT_OFFSET (HlgBlueSkiesEditor, answer_views)
                                               + i * sizeof (GtkTextView *));
  gtk_widget_class_bind_template_callback (widget_class, on_save_label_changed_cb);
  gtk_widget_class_bind_template_callback (widget_class, on_title_changed_cb);
  gtk_widget_class_bind_template_callback (widget_class, on_outcome_changed_cb);
  gtk_widget_class_bind_template_callback (widget_class, on_detail_changed_cb);
}

static void
hlg_blue_skies_editor_init (HlgBlueSkiesEditor *self)
{
  /* Nothing is written until load() has shown the document. */
  self->loading = TRUE;
  gtk_widget_init_template (GTK_WIDGET (self));

  for (guint i = 0; i < N_ANSWERS; i++)
    {
      GtkTextBuffer *buffer = gtk_text_view_get_buffer (self->answer_views[i]);

      g_object_set_data (G_OBJECT (self->answer_views[i]), FIELD_KEY, (gpointer) answers[i].field);
      g_object_set_data (G_OBJECT (buffer), "hlg-view", self->answer_views[i]);
      g_signal_connect (buffer, "changed", G_CALLBACK (on_answer_changed_cb), self);
    }
}

static const char * const *
schema_outcomes (void)
{
  for (const HlgField *f = hlg_schema_get_fields (HLG_DOC_TYPE_BLUE_SKIES_REPORT);
       f->name != NULL; f++)
    if (g_str_equal (f->name, "outcome"))
      return f->values;

  g_assert_not_reached ();
}

/**
 * hlg_blue_skies_editor_new:
 * @report: a "blue-skies-report" document
 * @role: who edits, as hlg_application_get_role() says
 */
GtkWidget *
hlg_blue_skies_editor_new (HlgStore    *store,
                           HlgDocument *report,
                           const char  *role)
{
  HlgBlueSkiesEditor *self;
  g_autoptr(GtkStringList) names = gtk_string_list_new (NULL);

  g_return_val_if_fail (HLG_IS_STORE (store), NULL);
  g_return_val_if_fail (HLG_IS_DOCUMENT (report), NULL);
  g_return_val_if_fail (hlg_document_get_doc_type (report) == HLG_DOC_TYPE_BLUE_SKIES_REPORT,
                        NULL);

  self = g_object_new (HLG_TYPE_BLUE_SKIES_EDITOR, NULL);
  self->store = g_object_ref (store);
  self->document = g_object_ref (report);
  self->role = g_strdup (role);
  self->outcomes = schema_outcomes ();
  self->autosave = hlg_autosave_new (GTK_WIDGET (self), self->save_label, store, report);

  gtk_string_list_append (names, _("Not decided yet"));
  for (guint i = 0; self->outcomes[i] != NULL; i++)
    gtk_string_list_append (names, outcome_label (self->outcomes[i]));
  adw_combo_row_set_model (self->outcome_row, G_LIST_MODEL (names));

  hlg_conflict_bar_set_document (self->conflict_bar, store, hlg_document_get_id (report));
  g_signal_connect_object (report, "changed", G_CALLBACK (on_document_changed_cb), self,
                           G_CONNECT_SWAPPED);
  load (self);
  gtk_label_set_label (self->save_label,
                       hlg_store_has_local_changes (store, hlg_document_get_id (report))
                       ? _("Saved on this computer") : "");

  return GTK_WIDGET (self);
}
