/* hlg-blue-skies-page.c: the Blue Skies place: Blue Skies reports and Inspiration Sessions
 * SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "hlg-blue-skies-page"

#include "config.h"

#include <glib/gi18n.h>

#include "hlg-application.h"
#include "hlg-autosave.h"
#include "hlg-blue-skies-page.h"
#include "hlg-id.h"
#include "hlg-page.h"
#include "hlg-timeline.h"

struct _HlgBlueSkiesPage
{
  HlgPage            parent_instance;

  GtkCustomFilter    *filter;
  GtkFilterListModel *reports;
  GtkFilterListModel *sessions;

  GtkStack           *stack;
  GtkBox             *editor_box;
  GtkWidget          *new_button;
  GtkListBox         *reports_list;
  GtkListBox         *sessions_list;

  HlgBlueSkiesEditor *editor;
};

G_DEFINE_FINAL_TYPE (HlgBlueSkiesPage, hlg_blue_skies_page, HLG_TYPE_PAGE)

/* The fields a person reads, and searches, on each kind of document. */
static const char * const report_fields[] = {
  "title", "topic", "value", "current_work", "collaboration", "follow_up", NULL
};
static const char * const session_fields[] = { "topic", "lessons", NULL };

static gboolean
filter_func (gpointer item,
             gpointer user_data)
{
  HlgBlueSkiesPage *self = user_data;
  HlgDocument *doc = item;
  const char * const *fields;
  g_autofree char *needle = NULL;
  JsonArray *participants;

  needle = hlg_page_dup_needle (HLG_PAGE (self));
  if (needle == NULL)
    return TRUE;
  fields = hlg_document_get_doc_type (doc) == HLG_DOC_TYPE_BLUE_SKIES_REPORT ? report_fields
                                                                              : session_fields;
  for (guint i = 0; fields[i] != NULL; i++)
    if (hlg_page_text_matches (hlg_document_get_string (doc, fields[i]), needle))
      return TRUE;

  participants = hlg_document_get_array (doc, "participants");
  for (guint i = 0; participants != NULL && i < json_array_get_length (participants); i++)
    if (hlg_page_text_matches (json_array_get_string_element (participants, i), needle))
      return TRUE;

  return FALSE;
}

static char *
format_iso_date (const char *iso)
{
  g_autofree char *text = hlg_timeline_format_range (iso, NULL);

  if (text == NULL)
    return NULL;

  /* Translators: a day and month, then a year: “30 May 2026” */
  return g_strdup_printf (C_("date with year", "%s %d"), text, (int) g_ascii_strtoll (iso, NULL, 10));
}

static void
add_text_row (GtkWidget  *expander,
              const char *title,
              const char *text)
{
  GtkWidget *row;

  if (text == NULL || text[0] == '\0')
    return;

  row = adw_action_row_new ();
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), title);
  adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (row), FALSE);
  adw_action_row_set_subtitle (ADW_ACTION_ROW (row), text);
  gtk_widget_add_css_class (row, "property");
  adw_expander_row_add_row (ADW_EXPANDER_ROW (expander), row);
}

static char *
dup_outcome (HlgDocument *report)
{
  const char *outcome = hlg_document_get_string (report, "outcome");

  if (g_strcmp0 (outcome, "not-pursue") == 0)
    return g_strdup (_("Not pursued"));
  if (g_strcmp0 (outcome, "recommend-further-work") == 0)
    return g_strdup (_("Further work recommended"));
  if (g_strcmp0 (outcome, "on-hold-until") == 0)
    {
      g_autofree char *date = format_iso_date (hlg_document_get_string (report, "on_hold_until"));

      if (date != NULL)
        /* Translators: %s is a date */
        return g_strdup_printf (_("On hold until %s"), date);
      return g_strdup (_("On hold"));
    }

  return g_strdup (_("No outcome yet"));
}

static GtkWidget *
create_report_row_cb (gpointer item,
                      gpointer user_data)
{
  HlgBlueSkiesPage *self = user_data;
  HlgDocument *report = item;
  const char *title = hlg_document_get_string (report, "title");
  GtkWidget *row = adw_expander_row_new ();
  GtkWidget *open = gtk_button_new_from_icon_name ("go-next-symbolic");
  g_autofree char *open_label = NULL;
  JsonArray *authors = hlg_document_get_array (report, "authors");
  g_autofree char *outcome = dup_outcome (report);
  g_autoptr(GString) names = g_string_new (NULL);
  const char *follow_up = hlg_document_get_string (report, "follow_up");
  const char *group = hlg_page_title_of (HLG_PAGE (self),
                                         hlg_document_get_string (report, "group"));
  GtkWidget *label;

  if (title == NULL || title[0] == '\0')
    title = _("Untitled report");
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), title);
  adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (row), FALSE);
  for (guint i = 0; authors != NULL && i < json_array_get_length (authors); i++)
    {
      const char *name = hlg_page_title_of (HLG_PAGE (self),
                                            json_array_get_string_element (authors, i));

      if (name == NULL)
        continue;
      if (names->len > 0)
        g_string_append (names, ", ");
      g_string_append (names, name);
    }
  if (group != NULL)
    {
      if (names->len > 0)
        g_string_append (names, " · ");
      g_string_append (names, group);
    }
  adw_expander_row_set_subtitle (ADW_EXPANDER_ROW (row), names->str);
  label = gtk_label_new (outcome);
  /* On a narrow screen the outcome wraps, and the title keeps room to be read. */
  gtk_label_set_wrap (GTK_LABEL (label), TRUE);
  gtk_label_set_natural_wrap_mode (GTK_LABEL (label), GTK_NATURAL_WRAP_NONE);
  gtk_label_set_justify (GTK_LABEL (label), GTK_JUSTIFY_RIGHT);
  gtk_label_set_xalign (GTK_LABEL (label), 1);
  gtk_widget_add_css_class (label, g_strcmp0 (hlg_document_get_string (report, "outcome"),
                                              "recommend-further-work") == 0 ? "success"
                                                                             : "dim-label");
  adw_expander_row_add_action (ADW_EXPANDER_ROW (row), label);

  /* The row itself opens and closes its preview; the button opens the report. */
  gtk_widget_set_valign (open, GTK_ALIGN_CENTER);
  gtk_widget_add_css_class (open, "flat");
  gtk_widget_set_tooltip_text (open, _("Open Report"));
  gtk_actionable_set_action_name (GTK_ACTIONABLE (open), "blue-skies.open-report");
  gtk_actionable_set_action_target (GTK_ACTIONABLE (open), "s", hlg_document_get_id (report));
  /* Translators: what a screen reader says for the button that opens the report %s */
  open_label = g_strdup_printf (_("Open “%s”"), title);
  gtk_accessible_update_property (GTK_ACCESSIBLE (open), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                  open_label, -1);
  adw_expander_row_add_action (ADW_EXPANDER_ROW (row), open);

  add_text_row (row, _("What is the topic?"), hlg_document_get_string (report, "topic"));
  add_text_row (row, _("What is the value for official statistics?"),
                hlg_document_get_string (report, "value"));
  add_text_row (row, _("What is already being done?"),
                hlg_document_get_string (report, "current_work"));
  add_text_row (row, _("What are the opportunities for further collaboration?"),
                hlg_document_get_string (report, "collaboration"));
  if (follow_up != NULL && follow_up[0] != '\0')
    {
      g_autofree char *text = g_strdup_printf ("%s. %s", outcome, follow_up);

      add_text_row (row, _("Outcome"), text);
    }
  else
    {
      add_text_row (row, _("Outcome"), outcome);
    }

  return row;
}

static GtkWidget *
create_session_row_cb (gpointer item,
                       gpointer user_data)
{
  HlgDocument *session = item;
  GtkWidget *row = adw_expander_row_new ();
  JsonArray *participants = hlg_document_get_array (session, "participants");
  g_autofree char *date = format_iso_date (hlg_document_get_string (session, "date"));
  g_autoptr(GString) names = g_string_new (NULL);
  guint n = participants != NULL ? json_array_get_length (participants) : 0;
  g_autofree char *subtitle = NULL;

  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), hlg_document_get_title (session));
  adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (row), FALSE);
  /* Translators: a date, then the number of participants */
  subtitle = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%s · %u participant",
                                           "%s · %u participants", n),
                              date != NULL ? date : _("undated"), n);
  adw_expander_row_set_subtitle (ADW_EXPANDER_ROW (row), subtitle);

  for (guint i = 0; i < n; i++)
    {
      if (i > 0)
        g_string_append (names, "\n");
      g_string_append (names, json_array_get_string_element (participants, i));
    }
  add_text_row (row, _("Participants"), names->str);
  add_text_row (row, _("Lessons learned"), hlg_document_get_string (session, "lessons"));

  return row;
}

/* Editor */

static void
close_editor (HlgBlueSkiesPage *self)
{
  if (self->editor == NULL)
    return;

  hlg_blue_skies_page_flush (self);
  gtk_box_remove (self->editor_box, GTK_WIDGET (self->editor));
  self->editor = NULL;
}

void
hlg_blue_skies_page_flush (HlgBlueSkiesPage *self)
{
  g_autoptr(GError) error = NULL;

  g_return_if_fail (HLG_IS_BLUE_SKIES_PAGE (self));

  if (self->editor != NULL && !hlg_blue_skies_editor_flush (self->editor, &error))
    hlg_report_error (GTK_WIDGET (self), error);
}

void
hlg_blue_skies_page_open (HlgBlueSkiesPage *self,
                          HlgDocument      *report)
{
  GtkWidget *editor;

  g_return_if_fail (HLG_IS_BLUE_SKIES_PAGE (self));
  g_return_if_fail (HLG_IS_DOCUMENT (report));
  g_return_if_fail (hlg_document_get_doc_type (report) == HLG_DOC_TYPE_BLUE_SKIES_REPORT);

  close_editor (self);
  editor = hlg_blue_skies_editor_new (hlg_page_get_store (HLG_PAGE (self)), report,
                                      hlg_page_get_role (HLG_PAGE (self)));
  gtk_widget_set_vexpand (editor, TRUE);
  gtk_box_append (self->editor_box, editor);
  self->editor = HLG_BLUE_SKIES_EDITOR (editor);
  gtk_stack_set_visible_child_name (self->stack, "editor");

  /* Start typing the title straight away. */
  if (hlg_blue_skies_editor_get_editable (self->editor))
    gtk_widget_grab_focus (hlg_blue_skies_editor_get_widget (self->editor, "title"));
}

void
hlg_blue_skies_page_show_list (HlgBlueSkiesPage *self)
{
  g_return_if_fail (HLG_IS_BLUE_SKIES_PAGE (self));

  close_editor (self);
  gtk_stack_set_visible_child_name (self->stack, "list");
}

/**
 * hlg_blue_skies_page_get_editor:
 *
 * Returns: (transfer none) (nullable): the report being edited, if one is open
 */
HlgBlueSkiesEditor *
hlg_blue_skies_page_get_editor (HlgBlueSkiesPage *self)
{
  g_return_val_if_fail (HLG_IS_BLUE_SKIES_PAGE (self), NULL);

  return self->editor;
}

/* The cycle a new report belongs to: this year's, or else the latest. */
static HlgDocument *
current_cycle (HlgBlueSkiesPage *self)
{
  GListModel *cycles = hlg_store_get_model (hlg_page_get_store (HLG_PAGE (self)),
                                            HLG_DOC_TYPE_CYCLE);
  g_autoptr(GDateTime) now = g_date_time_new_now_local ();
  HlgDocument *best = NULL;
  gint64 best_year = G_MININT64;

  for (guint i = 0; i < g_list_model_get_n_items (cycles); i++)
    {
      g_autoptr(HlgDocument) cycle = g_list_model_get_item (cycles, i);
      gint64 year = hlg_document_get_int (cycle, "year", 0);

      if (year == g_date_time_get_year (now))
        return cycle;
      if (year > best_year)
        {
          best_year = year;
          best = cycle;
        }
    }

  return best;
}

/**
 * hlg_blue_skies_page_new_report:
 *
 * Writes a new, empty report in the current cycle and opens it.
 *
 * Returns: (transfer none) (nullable): the new report
 */
HlgDocument *
hlg_blue_skies_page_new_report (HlgBlueSkiesPage  *self,
                                GError           **error)
{
  g_autoptr(HlgDocument) doc = NULL;
  HlgDocument *cycle;

  g_return_val_if_fail (HLG_IS_BLUE_SKIES_PAGE (self), NULL);

  if (!hlg_role_can (hlg_page_get_role (HLG_PAGE (self)), "write-blue-skies"))
    {
      g_set_error_literal (error, HLG_DOCUMENT_ERROR, HLG_DOCUMENT_ERROR_READ_ONLY,
                           _("The secretariat writes the Blue Skies reports"));
      return NULL;
    }

  doc = hlg_document_new (HLG_DOC_TYPE_BLUE_SKIES_REPORT);
  cycle = current_cycle (self);
  if (!hlg_document_set_string (doc, "title", "", error) ||
      (cycle != NULL &&
       !hlg_document_set_string (doc, "cycle", hlg_document_get_id (cycle), error)) ||
      !hlg_store_save (hlg_page_get_store (HLG_PAGE (self)), doc, error))
    return NULL;

  hlg_blue_skies_page_open (self, doc);
  return doc;
}

static void
new_report_action (GtkWidget  *widget,
                   const char *action_name,
                   GVariant   *parameter)
{
  g_autoptr(GError) error = NULL;

  if (hlg_blue_skies_page_new_report (HLG_BLUE_SKIES_PAGE (widget), &error) == NULL)
    hlg_report_error (widget, error);
}

static void
open_report_action (GtkWidget  *widget,
                    const char *action_name,
                    GVariant   *parameter)
{
  HlgBlueSkiesPage *self = HLG_BLUE_SKIES_PAGE (widget);
  const char *id = g_variant_get_string (parameter, NULL);
  HlgDocType type;
  HlgDocument *report;

  if (!hlg_id_validate (id, &type, NULL) || type != HLG_DOC_TYPE_BLUE_SKIES_REPORT)
    return;

  report = hlg_store_lookup (hlg_page_get_store (HLG_PAGE (self)), id);
  if (report != NULL)
    hlg_blue_skies_page_open (self, report);
}

static void
show_list_action (GtkWidget  *widget,
                  const char *action_name,
                  GVariant   *parameter)
{
  hlg_blue_skies_page_show_list (HLG_BLUE_SKIES_PAGE (widget));
}

static void
hlg_blue_skies_page_role_changed (HlgPage *page)
{
  HlgBlueSkiesPage *self = HLG_BLUE_SKIES_PAGE (page);
  gboolean can_write = hlg_role_can (hlg_page_get_role (page), "write-blue-skies");

  /* Only the secretariat writes reports: no button the server would refuse. */
  gtk_widget_set_visible (self->new_button, can_write);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "blue-skies.new-report", can_write);
  if (self->editor != NULL)
    hlg_blue_skies_editor_set_role (self->editor, hlg_page_get_role (page));
}

/* GObject */

static void
hlg_blue_skies_page_constructed (GObject *object)
{
  HlgBlueSkiesPage *self = HLG_BLUE_SKIES_PAGE (object);
  HlgStore *store = hlg_page_get_store (HLG_PAGE (self));

  G_OBJECT_CLASS (hlg_blue_skies_page_parent_class)->constructed (object);

  self->filter = gtk_custom_filter_new (filter_func, self, NULL);
  self->reports = gtk_filter_list_model_new (
    g_object_ref (hlg_store_get_model (store, HLG_DOC_TYPE_BLUE_SKIES_REPORT)),
    g_object_ref (GTK_FILTER (self->filter)));
  self->sessions = gtk_filter_list_model_new (
    g_object_ref (hlg_store_get_model (store, HLG_DOC_TYPE_INSPIRATION_SESSION)),
    g_object_ref (GTK_FILTER (self->filter)));
  gtk_list_box_bind_model (self->reports_list, G_LIST_MODEL (self->reports),
                           create_report_row_cb, self, NULL);
  gtk_list_box_bind_model (self->sessions_list, G_LIST_MODEL (self->sessions),
                           create_session_row_cb, self, NULL);

  hlg_blue_skies_page_role_changed (HLG_PAGE (self));
}

static void
hlg_blue_skies_page_dispose (GObject *object)
{
  HlgBlueSkiesPage *self = HLG_BLUE_SKIES_PAGE (object);

  close_editor (self);
  if (self->reports_list != NULL)
    {
      gtk_list_box_bind_model (self->reports_list, NULL, NULL, NULL, NULL);
      gtk_list_box_bind_model (self->sessions_list, NULL, NULL, NULL, NULL);
    }
  /* The template's top widget is the bin's child: let it go before the template does. */
  adw_bin_set_child (ADW_BIN (self), NULL);
  gtk_widget_dispose_template (GTK_WIDGET (self), HLG_TYPE_BLUE_SKIES_PAGE);

  g_clear_object (&self->reports);
  g_clear_object (&self->sessions);
  g_clear_object (&self->filter);

  G_OBJECT_CLASS (hlg_blue_skies_page_parent_class)->dispose (object);
}

static void
hlg_blue_skies_page_search_changed (HlgPage *page)
{
  HlgBlueSkiesPage *self = HLG_BLUE_SKIES_PAGE (page);

  if (self->filter != NULL)
    gtk_filter_changed (GTK_FILTER (self->filter), GTK_FILTER_CHANGE_DIFFERENT);
  /* What is searched for is in the list. */
  if (self->editor != NULL)
    hlg_blue_skies_page_show_list (self);
}

static void
hlg_blue_skies_page_class_init (HlgBlueSkiesPageClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);
  HlgPageClass *page_class = HLG_PAGE_CLASS (klass);

  object_class->constructed = hlg_blue_skies_page_constructed;
  object_class->dispose = hlg_blue_skies_page_dispose;

  page_class->search_changed = hlg_blue_skies_page_search_changed;
  page_class->role_changed = hlg_blue_skies_page_role_changed;

  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/org/unece/HLGMOS/hlg-blue-skies-page.ui");
  gtk_widget_class_bind_template_child (widget_class, HlgBlueSkiesPage, stack);
  gtk_widget_class_bind_template_child (widget_class, HlgBlueSkiesPage, editor_box);
  gtk_widget_class_bind_template_child (widget_class, HlgBlueSkiesPage, new_button);
  gtk_widget_class_bind_template_child (widget_class, HlgBlueSkiesPage, reports_list);
  gtk_widget_class_bind_template_child (widget_class, HlgBlueSkiesPage, sessions_list);

  gtk_widget_class_install_action (widget_class, "blue-skies.new-report", NULL, new_report_action);
  gtk_widget_class_install_action (widget_class, "blue-skies.open-report", "s",
                                   open_report_action);
  gtk_widget_class_install_action (widget_class, "blue-skies.show-list", NULL, show_list_action);
}

static void
hlg_blue_skies_page_init (HlgBlueSkiesPage *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
}

GtkWidget *
hlg_blue_skies_page_new (HlgStore *store)
{
  g_return_val_if_fail (HLG_IS_STORE (store), NULL);

  return g_object_new (HLG_TYPE_BLUE_SKIES_PAGE, "store", store, NULL);
}

