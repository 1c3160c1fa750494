/* hlg-feedback-editor.c: the Board's consolidated feedback on a proposal, and its release
 * SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "hlg-feedback-editor"

#include "config.h"

#include <adwaita.h>
#include <glib/gi18n.h>
#include <string.h>

#include "hlg-autosave.h"
#include "hlg-application.h"
#include "hlg-feedback-editor.h"
#include "hlg-labels.h"
#include "hlg-schema.h"

struct _HlgFeedbackEditor
{
  GtkWidget    parent_instance;

  GtkLabel    *state_label;
  GtkLabel    *save_label;
  GtkButton   *release_button;
  AdwComboRow *decision_row;
  AdwComboRow *ref_row;
  AdwEntryRow *hold_row;
  GtkTextView *message_view;

  HlgStore    *store;
  HlgAutosave *autosave;
  HlgDocument *proposal;
  HlgDocument *feedback;
  char        *role;
  GPtrArray   *ref_ids;     /* what ref_row lists, item 0 being "none" */
  const char * const *decisions;
  guint        loading : 1;
};

G_DEFINE_FINAL_TYPE (HlgFeedbackEditor, hlg_feedback_editor, GTK_TYPE_WIDGET)

gboolean
hlg_feedback_editor_flush (HlgFeedbackEditor  *self,
                           GError            **error)
{
  g_return_val_if_fail (HLG_IS_FEEDBACK_EDITOR (self), FALSE);

  return self->autosave == NULL || hlg_autosave_flush (self->autosave, error);
}

gboolean
hlg_feedback_editor_get_editable (HlgFeedbackEditor *self)
{
  g_return_val_if_fail (HLG_IS_FEEDBACK_EDITOR (self), FALSE);

  return hlg_role_can (self->role, "edit-feedback") &&
         !hlg_document_get_boolean (self->feedback, "released");
}

static void
set_field (HlgFeedbackEditor *self,
           const char        *field,
           const char        *value)
{
  g_autoptr(GError) error = NULL;
  JsonNode *node = value != NULL && value[0] != '\0'
                   ? json_node_init_string (json_node_alloc (), value) : NULL;

  if (!hlg_document_set_member (self->feedback, field, node, &error))
    hlg_report_error (GTK_WIDGET (self), error);
  else
    hlg_autosave_changed (self->autosave);
}

static const char *
chosen_decision (HlgFeedbackEditor *self)
{
  guint selected = adw_combo_row_get_selected (self->decision_row);

  if (selected == 0 || selected == GTK_INVALID_LIST_POSITION)
    return NULL;

  return self->decisions[selected - 1];
}

/* The choices of "Which one": other proposals to merge with, or groups. */
static void
fill_refs (HlgFeedbackEditor *self)
{
  const char *decision = chosen_decision (self);
  HlgDocType type = g_strcmp0 (decision, "refer-to-group") == 0 ? HLG_DOC_TYPE_GROUP
                                                                : HLG_DOC_TYPE_PROPOSAL;
  GListModel *docs = hlg_store_get_model (self->store, type);
  g_autoptr(GtkStringList) names = gtk_string_list_new (NULL);
  const char *current = hlg_document_get_string (self->feedback, "decision_ref");
  guint selected = 0;

  g_ptr_array_set_size (self->ref_ids, 0);
  g_ptr_array_add (self->ref_ids, g_strdup (""));
  gtk_string_list_append (names, _("Not chosen"));
  for (guint i = 0; i < g_list_model_get_n_items (docs); i++)
    {
      g_autoptr(HlgDocument) doc = g_list_model_get_item (docs, i);

      if (doc == self->proposal)
        continue;
      if (g_strcmp0 (hlg_document_get_id (doc), current) == 0)
        selected = self->ref_ids->len;
      g_ptr_array_add (self->ref_ids, g_strdup (hlg_document_get_id (doc)));
      gtk_string_list_append (names, hlg_document_get_title (doc));
    }

  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (self->ref_row),
                                 type == HLG_DOC_TYPE_GROUP ? _("Modernisation Group")
                                                            : _("Proposal to merge with"));
  adw_combo_row_set_model (self->ref_row, G_LIST_MODEL (names));
  adw_combo_row_set_selected (self->ref_row, selected);
}

/* Only the fields the decision needs are shown. */
static void
update_visibility (HlgFeedbackEditor *self)
{
  const char *decision = chosen_decision (self);
  gboolean needs_ref = g_strcmp0 (decision, "merge-with") == 0 ||
                       g_strcmp0 (decision, "refer-to-group") == 0;

  gtk_widget_set_visible (GTK_WIDGET (self->ref_row), needs_ref);
  gtk_widget_set_visible (GTK_WIDGET (self->hold_row), g_strcmp0 (decision, "on-hold-until") == 0);
}

static void
update_state (HlgFeedbackEditor *self)
{
  gboolean released = hlg_document_get_boolean (self->feedback, "released");
  gboolean editable = hlg_feedback_editor_get_editable (self);
  g_autofree char *text = NULL;

  if (released)
    {
      const char *when = hlg_document_get_string (self->feedback, "released_at");
      g_autoptr(GDateTime) time = when ? g_date_time_new_from_iso8601 (when, NULL) : NULL;
      g_autoptr(GDateTime) local = time ? g_date_time_to_local (time) : NULL;
      g_autofree char *date = local ? g_date_time_format (local, "%e %B %Y") : NULL;

      text = date ? g_strdup_printf (_("Released on %s: the authors can read it; it can no "
                                       "longer be changed."), g_strstrip (date))
                  : g_strdup (_("Released: the authors can read it; it can no longer be changed."));
    }
  else if (hlg_role_can (self->role, "release-feedback"))
    text = g_strdup (_("A draft the Board and the secretariat share. The authors see it only "
                       "once you release it."));
  else
    text = g_strdup (_("A draft the Board and the secretariat share. The secretariat releases "
                       "it to the authors."));
  gtk_label_set_label (self->state_label, text);

  /* Only the secretariat releases; before release, never a button that fails. */
  gtk_widget_set_visible (GTK_WIDGET (self->release_button),
                          !released && hlg_role_can (self->role, "release-feedback"));
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "feedback.release",
                                 !released && hlg_role_can (self->role, "release-feedback"));

  gtk_widget_set_sensitive (GTK_WIDGET (self->decision_row), editable);
  gtk_widget_set_sensitive (GTK_WIDGET (self->ref_row), editable);
  gtk_editable_set_editable (GTK_EDITABLE (self->hold_row), editable);
  gtk_text_view_set_editable (self->message_view, editable);
  gtk_text_view_set_cursor_visible (self->message_view, editable);
}

static void
load (HlgFeedbackEditor *self)
{
  const char *decision = hlg_document_get_string (self->feedback, "decision");
  const char *message = hlg_document_get_string (self->feedback, "message");
  const char *hold = hlg_document_get_string (self->feedback, "on_hold_until");
  g_autoptr(GtkStringList) names = gtk_string_list_new (NULL);
  guint selected = 0;

  self->loading = TRUE;
  gtk_string_list_append (names, _("Not decided yet"));
  for (guint i = 0; self->decisions[i] != NULL; i++)
    {
      gtk_string_list_append (names, hlg_labels_value (self->decisions[i]));
      if (g_strcmp0 (self->decisions[i], decision) == 0)
        selected = i + 1;
    }
  adw_combo_row_set_model (self->decision_row, G_LIST_MODEL (names));
  adw_combo_row_set_selected (self->decision_row, selected);
  fill_refs (self);
  gtk_editable_set_text (GTK_EDITABLE (self->hold_row), hold ? hold : "");
  gtk_text_buffer_set_text (gtk_text_view_get_buffer (self->message_view), message ? message : "", -1);
  self->loading = FALSE;

  update_visibility (self);
  update_state (self);
}

static void
on_decision_changed_cb (HlgFeedbackEditor *self)
{
  if (self->loading)
    return;

  set_field (self, "decision", chosen_decision (self));
  /* A reference or a date belongs to the decision that asked for it. */
  set_field (self, "decision_ref", NULL);
  if (g_strcmp0 (chosen_decision (self), "on-hold-until") != 0)
    set_field (self, "on_hold_until", NULL);
  self->loading = TRUE;
  fill_refs (self);
  self->loading = FALSE;
  update_visibility (self);
}

static void
on_ref_changed_cb (HlgFeedbackEditor *self)
{
  guint selected = adw_combo_row_get_selected (self->ref_row);

  if (self->loading || selected >= self->ref_ids->len)
    return;

  set_field (self, "decision_ref", g_ptr_array_index (self->ref_ids, selected));
}

static void
on_hold_changed_cb (HlgFeedbackEditor *self)
{
  const char *text = gtk_editable_get_text (GTK_EDITABLE (self->hold_row));
  g_autoptr(GDate) date = g_date_new ();

  if (self->loading)
    return;

  /* Saved once it is a date; until then the row says what it wants. */
  g_date_set_parse (date, text);
  if (text[0] == '\0' || (strlen (text) == 10 && g_date_valid (date)))
    {
      gtk_widget_remove_css_class (GTK_WIDGET (self->hold_row), "error");
      set_field (self, "on_hold_until", text);
    }
  else
    gtk_widget_add_css_class (GTK_WIDGET (self->hold_row), "error");
}

static void
on_message_changed_cb (GtkTextBuffer     *buffer,
                       HlgFeedbackEditor *self)
{
  GtkTextIter start, end;
  g_autofree char *text = NULL;

  if (self->loading)
    return;

  gtk_text_buffer_get_bounds (buffer, &start, &end);
  text = gtk_text_buffer_get_text (buffer, &start, &end, FALSE);
  set_field (self, "message", text);
}

/**
 * hlg_feedback_editor_release:
 *
 * Releases the feedback to the authors, at once: marks it released, and
 * the proposal's status becomes "feedback-released". For the secretariat.
 */
gboolean
hlg_feedback_editor_release (HlgFeedbackEditor  *self,
                             GError            **error)
{
  g_autoptr(GDateTime) now = g_date_time_new_now_utc ();
  g_autofree char *when = g_date_time_format_iso8601 (now);

  g_return_val_if_fail (HLG_IS_FEEDBACK_EDITOR (self), FALSE);

  if (!hlg_role_can (self->role, "release-feedback") ||
      hlg_document_get_boolean (self->feedback, "released"))
    {
      g_set_error_literal (error, HLG_DOCUMENT_ERROR, HLG_DOCUMENT_ERROR_READ_ONLY,
                           _("Only the secretariat releases feedback, once"));
      return FALSE;
    }

  if (!hlg_document_set_boolean (self->feedback, "released", TRUE, error) ||
      !hlg_document_set_string (self->feedback, "released_at", when, error))
    return FALSE;
  hlg_autosave_set_dirty (self->autosave);
  if (!hlg_feedback_editor_flush (self, error))
    return FALSE;

  if (!hlg_document_set_string (self->proposal, "status", "feedback-released", error) ||
      !hlg_store_save (self->store, self->proposal, error))
    return FALSE;

  update_state (self);
  return TRUE;
}

static void
on_release_response_cb (AdwMessageDialog  *dialog,
                        const char        *response,
                        HlgFeedbackEditor *self)
{
  g_autoptr(GError) error = NULL;

  if (g_strcmp0 (response, "release") == 0 && !hlg_feedback_editor_release (self, &error))
    hlg_report_error (GTK_WIDGET (self), error);
}

static void
release_action (GtkWidget  *widget,
                const char *action_name,
                GVariant   *parameter)
{
  HlgFeedbackEditor *self = HLG_FEEDBACK_EDITOR (widget);
  GtkRoot *root = gtk_widget_get_root (widget);
  g_autofree char *body = NULL;
  GtkWidget *dialog;

  if (!hlg_role_can (self->role, "release-feedback") ||
      hlg_document_get_boolean (self->feedback, "released"))
    return;

  body = g_strdup_printf (_("The authors of “%s” will see this message and the decision, and the "
                            "proposal’s status becomes “Feedback released”. The feedback can no "
                            "longer be changed afterwards."),
                          hlg_document_get_title (self->proposal));
  dialog = adw_message_dialog_new (GTK_IS_WINDOW (root) ? GTK_WINDOW (root) : NULL,
                                   _("Release the Feedback to the Authors?"), body);
  adw_message_dialog_add_responses (ADW_MESSAGE_DIALOG (dialog),
                                    "cancel", _("_Cancel"),
                                    "release", _("_Release"),
                                    NULL);
  adw_message_dialog_set_response_appearance (ADW_MESSAGE_DIALOG (dialog), "release",
                                              ADW_RESPONSE_SUGGESTED);
  adw_message_dialog_set_default_response (ADW_MESSAGE_DIALOG (dialog), "cancel");
  adw_message_dialog_set_close_response (ADW_MESSAGE_DIALOG (dialog), "cancel");
  g_signal_connect_object (dialog, "response", G_CALLBACK (on_release_response_cb), self, 0);
  gtk_window_present (GTK_WINDOW (dialog));
}

HlgDocument *
hlg_feedback_editor_get_feedback (HlgFeedbackEditor *self)
{
  g_return_val_if_fail (HLG_IS_FEEDBACK_EDITOR (self), NULL);

  return self->feedback;
}

/**
 * hlg_feedback_editor_get_widget:
 * @field: "message", "decision", "decision_ref", "on_hold_until" or "release"
 *
 * Returns: (transfer none) (nullable): the widget that edits @field
 */
GtkWidget *
hlg_feedback_editor_get_widget (HlgFeedbackEditor *self,
                                const char        *field)
{
  g_return_val_if_fail (HLG_IS_FEEDBACK_EDITOR (self), NULL);

  if (g_strcmp0 (field, "message") == 0)
    return GTK_WIDGET (self->message_view);
  if (g_strcmp0 (field, "decision") == 0)
    return GTK_WIDGET (self->decision_row);
  if (g_strcmp0 (field, "decision_ref") == 0)
    return GTK_WIDGET (self->ref_row);
  if (g_strcmp0 (field, "on_hold_until") == 0)
    return GTK_WIDGET (self->hold_row);
  if (g_strcmp0 (field, "release") == 0)
    return GTK_WIDGET (self->release_button);

  return NULL;
}

static void
hlg_feedback_editor_dispose (GObject *object)
{
  HlgFeedbackEditor *self = HLG_FEEDBACK_EDITOR (object);
  if (self->autosave != NULL)
    hlg_autosave_close (self->autosave);

  gtk_widget_dispose_template (GTK_WIDGET (self), HLG_TYPE_FEEDBACK_EDITOR);
  {
    GtkWidget *child;

    while ((child = gtk_widget_get_first_child (GTK_WIDGET (self))) != NULL)
      gtk_widget_unparent (child);
  }
  g_clear_object (&self->feedback);
  g_clear_object (&self->proposal);
  g_clear_object (&self->autosave);
  g_clear_object (&self->store);
  g_clear_pointer (&self->ref_ids, g_ptr_array_unref);
  g_clear_pointer (&self->role, g_free);

  G_OBJECT_CLASS (hlg_feedback_editor_parent_class)->dispose (object);
}

static void
hlg_feedback_editor_class_init (HlgFeedbackEditorClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = hlg_feedback_editor_dispose;

  gtk_widget_class_set_layout_manager_type (widget_class, GTK_TYPE_BIN_LAYOUT);
  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/org/unece/HLGMOS/hlg-feedback-editor.ui");
  gtk_widget_class_bind_template_child (widget_class, HlgFeedbackEditor, state_label);
  gtk_widget_class_bind_template_child (widget_class, HlgFeedbackEditor, save_label);
  gtk_widget_class_bind_template_child (widget_class, HlgFeedbackEditor, release_button);
  gtk_widget_class_bind_template_child (widget_class, HlgFeedbackEditor, decision_row);
  gtk_widget_class_bind_template_child (widget_class, HlgFeedbackEditor, ref_row);
  gtk_widget_class_bind_template_child (widget_class, HlgFeedbackEditor, hold_row);
  gtk_widget_class_bind_template_child (widget_class, HlgFeedbackEditor, message_view);
  gtk_widget_class_bind_template_callback (widget_class, on_decision_changed_cb);
  gtk_widget_class_bind_template_callback (widget_class, on_ref_changed_cb);
  gtk_widget_class_bind_template_callback (widget_class, on_hold_changed_cb);

  gtk_widget_class_install_action (widget_class, "feedback.release", NULL, release_action);
}

static void
hlg_feedback_editor_init (HlgFeedbackEditor *self)
{
  self->loading = TRUE;
  gtk_widget_init_template (GTK_WIDGET (self));
  self->ref_ids = g_ptr_array_new_with_free_func (g_free);
  g_signal_connect (gtk_text_view_get_buffer (self->message_view), "changed",
                    G_CALLBACK (on_message_changed_cb), self);
}

static const char * const *
schema_decisions (void)
{
  for (const HlgField *f = hlg_schema_get_fields (HLG_DOC_TYPE_FEEDBACK); f->name != NULL; f++)
    if (g_str_equal (f->name, "decision"))
      return f->values;

  g_assert_not_reached ();
}

/* The proposal's feedback, or a new one, written at the first change. */
static HlgDocument *
find_or_make_feedback (HlgStore    *store,
                       HlgDocument *proposal)
{
  GListModel *all = hlg_store_get_model (store, HLG_DOC_TYPE_FEEDBACK);
  HlgDocument *feedback;

  for (guint i = 0; i < g_list_model_get_n_items (all); i++)
    {
      g_autoptr(HlgDocument) f = g_list_model_get_item (all, i);

      if (g_strcmp0 (hlg_document_get_string (f, "proposal"), hlg_document_get_id (proposal)) == 0)
        return g_steal_pointer (&f);
    }

  feedback = hlg_document_new (HLG_DOC_TYPE_FEEDBACK);
  hlg_document_set_string (feedback, "proposal", hlg_document_get_id (proposal), NULL);
  hlg_document_set_boolean (feedback, "released", FALSE, NULL);
  return feedback;
}

/**
 * hlg_feedback_editor_new:
 * @role: who edits, as hlg_application_get_role() says
 */
GtkWidget *
hlg_feedback_editor_new (HlgStore    *store,
                         HlgDocument *proposal,
                         const char  *role)
{
  HlgFeedbackEditor *self;

  g_return_val_if_fail (HLG_IS_STORE (store), NULL);
  g_return_val_if_fail (HLG_IS_DOCUMENT (proposal), NULL);

  self = g_object_new (HLG_TYPE_FEEDBACK_EDITOR, NULL);
  self->store = g_object_ref (store);
  self->proposal = g_object_ref (proposal);
  self->role = g_strdup (role);
  self->decisions = schema_decisions ();
  self->feedback = find_or_make_feedback (store, proposal);
  self->autosave = hlg_autosave_new (GTK_WIDGET (self), self->save_label, store, self->feedback);
  load (self);

  return GTK_WIDGET (self);
}
