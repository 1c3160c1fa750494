/* hlg-projects-page.c: the Projects place: each project's 12-month window, budget, outputs and reports
 * SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "hlg-projects-page"

#include "config.h"

#include <glib/gi18n.h>

#include "hlg-labels.h"
#include "hlg-page.h"
#include "hlg-project-timeline.h"
#include "hlg-projects-page.h"
#include "hlg-rules.h"
#include "hlg-timeline.h"

struct _HlgProjectsPage
{
  HlgPage            parent_instance;

  GtkCustomFilter    *filter;
  GtkFilterListModel *projects;

  GtkListBox         *projects_list;
};

G_DEFINE_FINAL_TYPE (HlgProjectsPage, hlg_projects_page, HLG_TYPE_PAGE)

static gboolean
items_match (HlgDocument *doc,
             const char  *field,
             const char  *member,
             const char  *needle)
{
  JsonArray *array = hlg_document_get_array (doc, field);

  for (guint i = 0; array != NULL && i < json_array_get_length (array); i++)
    {
      JsonObject *item = json_array_get_object_element (array, i);

      if (item != NULL
          && hlg_page_text_matches (json_object_get_string_member_with_default (item, member, NULL),
                                    needle))
        return TRUE;
    }

  return FALSE;
}

static gboolean
project_filter_func (gpointer item,
                     gpointer user_data)
{
  HlgProjectsPage *self = user_data;
  HlgDocument *project = item;
  const char *leader, *manager;
  g_autofree char *needle = NULL;

  needle = hlg_page_dup_needle (HLG_PAGE (self));
  if (needle == NULL)
    return TRUE;

  leader = hlg_page_title_of (HLG_PAGE (self), hlg_document_get_string (project, "leader"));
  manager = hlg_page_title_of (HLG_PAGE (self),
                               hlg_document_get_string (project, "project_manager"));

  return hlg_page_text_matches (hlg_document_get_string (project, "title"), needle)
         || hlg_page_text_matches (leader, needle)
         || hlg_page_text_matches (manager, needle)
         || items_match (project, "outputs", "title", needle);
}

static gboolean
report_filter_func (gpointer item,
                    gpointer user_data)
{
  return g_strcmp0 (hlg_document_get_string (item, "project"), user_data) == 0;
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

static char *
format_amount (double      amount,
               const char *currency)
{
  g_autofree char *number = g_strdup_printf ("%'.0f", amount);

  /* Translators: an amount of money and its currency, “112,000 USD” */
  return g_strdup_printf (C_("money", "%s %s"), number, currency != NULL ? currency : "");
}

static const char *
level_label (const char *level)
{
  if (g_strcmp0 (level, "low") == 0)
    return _("low");
  if (g_strcmp0 (level, "medium") == 0)
    return _("medium");
  if (g_strcmp0 (level, "high") == 0)
    return _("high");

  return NULL;
}

static GtkWidget *
new_label (const char *text,
           const char *css_class)
{
  GtkWidget *label = gtk_label_new (text);

  gtk_label_set_xalign (GTK_LABEL (label), 0);
  gtk_label_set_wrap (GTK_LABEL (label), TRUE);
  if (css_class != NULL)
    gtk_widget_add_css_class (label, css_class);

  return label;
}

static GtkWidget *
new_row (const char *title,
         const char *subtitle)
{
  GtkWidget *row = adw_action_row_new ();

  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), title != NULL ? title : "");
  adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (row), FALSE);
  if (subtitle != NULL && subtitle[0] != '\0')
    adw_action_row_set_subtitle (ADW_ACTION_ROW (row), subtitle);

  return row;
}

static void
add_suffix (GtkWidget  *row,
            const char *text,
            const char *css_class)
{
  GtkWidget *label = gtk_label_new (text);

  gtk_widget_add_css_class (label, css_class);
  adw_action_row_add_suffix (ADW_ACTION_ROW (row), label);
}

static GtkWidget *
create_report_row_cb (gpointer item,
                      gpointer user_data)
{
  HlgDocument *report = item;
  GtkWidget *row = adw_expander_row_new ();
  JsonArray *risks = hlg_document_get_array (report, "risks");
  const char *progress = hlg_document_get_string (report, "progress");
  const char *next_steps = hlg_document_get_string (report, "next_steps");
  g_autofree char *period = hlg_timeline_format_range (hlg_document_get_string (report, "period_start"),
                                                       hlg_document_get_string (report, "period_end"));
  g_autofree char *title = NULL;
  guint n_risks = risks != NULL ? json_array_get_length (risks) : 0;
  g_autofree char *risks_text = NULL;

  /* Translators: %s is the period a progress report covers */
  title = g_strdup_printf (_("Progress report, %s"), period != NULL ? period : _("undated"));
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), title);
  adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (row), FALSE);
  risks_text = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%u risk", "%u risks", n_risks),
                                n_risks);
  adw_expander_row_set_subtitle (ADW_EXPANDER_ROW (row), risks_text);

  if (progress != NULL)
    {
      GtkWidget *r = new_row (_("Progress"), progress);

      gtk_widget_add_css_class (r, "property");
      adw_expander_row_add_row (ADW_EXPANDER_ROW (row), r);
    }
  if (next_steps != NULL)
    {
      GtkWidget *r = new_row (_("Next steps"), next_steps);

      gtk_widget_add_css_class (r, "property");
      adw_expander_row_add_row (ADW_EXPANDER_ROW (row), r);
    }
  for (guint i = 0; i < n_risks; i++)
    {
      JsonObject *risk = json_array_get_object_element (risks, i);
      const char *likelihood, *impact;
      g_autofree char *mitigation = NULL;
      GtkWidget *r;

      if (risk == NULL)
        continue;
      /* Translators: %s is how a risk is mitigated */
      mitigation = g_strdup_printf (_("Mitigation: %s"),
                                    json_object_get_string_member_with_default (risk, "mitigation",
                                                                                _("none given")));
      r = new_row (json_object_get_string_member_with_default (risk, "issue", ""), mitigation);
      adw_action_row_add_prefix (ADW_ACTION_ROW (r),
                                 gtk_image_new_from_icon_name ("dialog-warning-symbolic"));
      likelihood = level_label (json_object_get_string_member_with_default (risk, "likelihood", NULL));
      impact = level_label (json_object_get_string_member_with_default (risk, "impact", NULL));
      if (likelihood != NULL && impact != NULL)
        {
          /* Translators: a risk's likelihood and impact, each low, medium or high */
          g_autofree char *level = g_strdup_printf (_("Likelihood %s, impact %s"), likelihood, impact);

          add_suffix (r, level,
                      g_strcmp0 (json_object_get_string_member_with_default (risk, "impact", NULL),
                                 "high") == 0 ? "warning" : "dim-label");
        }
      adw_expander_row_add_row (ADW_EXPANDER_ROW (row), r);
    }

  return row;
}

static GtkWidget *
budget_row (HlgDocument *project)
{
  GtkWidget *row = adw_expander_row_new ();
  JsonArray *lines = hlg_document_get_array (project, "budget_lines");
  g_autofree char *total_text = NULL;
  g_autofree char *subtitle = NULL;
  const char *currency = NULL;
  double total = 0;
  guint n = lines != NULL ? json_array_get_length (lines) : 0;

  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), _("Budget"));
  for (guint i = 0; i < n; i++)
    {
      JsonObject *line = json_array_get_object_element (lines, i);
      g_autofree char *amount_text = NULL;
      double amount;
      GtkWidget *r;

      if (line == NULL)
        continue;
      amount = json_object_has_member (line, "amount")
                 ? json_object_get_double_member (line, "amount") : 0;
      total += amount;
      if (currency == NULL)
        currency = json_object_get_string_member_with_default (line, "currency", NULL);
      r = new_row (json_object_get_string_member_with_default (line, "item", ""), NULL);
      amount_text = format_amount (amount, json_object_get_string_member_with_default (line, "currency", currency));
      add_suffix (r, amount_text, "numeric");
      adw_expander_row_add_row (ADW_EXPANDER_ROW (row), r);
    }

  total_text = format_amount (total, currency);
  /* Translators: the number of budget lines, then their total */
  subtitle = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%u line · %s in total",
                                           "%u lines · %s in total", n), n, total_text);
  adw_expander_row_set_subtitle (ADW_EXPANDER_ROW (row), subtitle);

  return row;
}

static GtkWidget *
outputs_row (HlgDocument *project)
{
  GtkWidget *row = adw_expander_row_new ();
  JsonArray *outputs = hlg_document_get_array (project, "outputs");
  g_autofree char *subtitle = NULL;
  guint n = outputs != NULL ? json_array_get_length (outputs) : 0;
  guint done = 0, late = 0;

  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), _("Outputs"));
  for (guint i = 0; i < n; i++)
    {
      JsonObject *output = json_array_get_object_element (outputs, i);
      g_autofree char *due = NULL;
      g_autofree char *due_text = NULL;
      const char *status;
      GtkWidget *r;

      if (output == NULL)
        continue;
      status = json_object_get_string_member_with_default (output, "status", NULL);
      done += g_strcmp0 (status, "done") == 0;
      late += g_strcmp0 (status, "late") == 0;
      due = format_iso_date (json_object_get_string_member_with_default (output, "due", NULL));
      if (due != NULL)
        /* Translators: %s is a date */
        due_text = g_strdup_printf (_("Due %s"), due);
      r = new_row (json_object_get_string_member_with_default (output, "title", ""), due_text);
      add_suffix (r, hlg_labels_value (status),
                  g_strcmp0 (status, "done") == 0 ? "success"
                  : g_strcmp0 (status, "late") == 0 ? "error" : "dim-label");
      adw_expander_row_add_row (ADW_EXPANDER_ROW (row), r);
    }

  if (late > 0)
    /* Translators: outputs done of all, then how many are late */
    subtitle = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%u of %u done · %u late",
                                             "%u of %u done · %u late", late), done, n, late);
  else
    /* Translators: outputs done, of all */
    subtitle = g_strdup_printf (_("%u of %u done"), done, n);
  adw_expander_row_set_subtitle (ADW_EXPANDER_ROW (row), subtitle);

  return row;
}

static GtkWidget *
create_project_row_cb (gpointer item,
                       gpointer user_data)
{
  HlgProjectsPage *self = user_data;
  HlgStore *store = hlg_page_get_store (HLG_PAGE (self));
  HlgDocument *project = item;
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 6);
  GtkWidget *window = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 12);
  GtkWidget *details = gtk_list_box_new ();
  GtkWidget *reports_list = gtk_list_box_new ();
  GtkWidget *row = gtk_list_box_row_new ();
  GtkWidget *timeline, *label;
  const char *leader = hlg_page_title_of (HLG_PAGE (self),
                                          hlg_document_get_string (project, "leader"));
  const char *manager = hlg_page_title_of (HLG_PAGE (self),
                                           hlg_document_get_string (project, "project_manager"));
  g_autoptr(GString) byline = g_string_new (NULL);
  g_autoptr(GPtrArray) warnings = hlg_rules_check_project (project);
  g_autofree char *dates = hlg_timeline_format_range (hlg_document_get_string (project, "start"),
                                                      hlg_document_get_string (project, "end"));
  g_autofree char *window_text = NULL;
  g_autoptr(GtkFilterListModel) reports = NULL;

  gtk_widget_set_margin_bottom (box, 30);
  gtk_box_append (GTK_BOX (box), new_label (hlg_document_get_title (project), "title-2"));

  if (leader != NULL)
    /* Translators: %s is the organisation leading a project */
    g_string_append_printf (byline, _("Led by %s"), leader);
  if (manager != NULL)
    {
      if (byline->len > 0)
        g_string_append (byline, " · ");
      /* Translators: %s is a person */
      g_string_append_printf (byline, _("Project manager: %s"), manager);
    }
  if (byline->len > 0)
    g_string_append (byline, " · ");
  g_string_append (byline, hlg_labels_value (hlg_document_get_string (project, "status")));
  gtk_box_append (GTK_BOX (box), new_label (byline->str, "dim-label"));

  /* The 12-month window. */
  timeline = hlg_project_timeline_new (hlg_document_get_string (project, "start"),
                                       hlg_document_get_string (project, "end"));
  gtk_widget_set_hexpand (timeline, TRUE);
  gtk_widget_set_valign (timeline, GTK_ALIGN_CENTER);
  window_text = hlg_project_timeline_dup_text (HLG_PROJECT_TIMELINE (timeline));
  label = gtk_label_new (NULL);
  {
    g_autofree char *text = g_strdup_printf ("%s\n%s", dates != NULL ? dates : "", window_text);

    gtk_label_set_label (GTK_LABEL (label), text);
  }
  gtk_label_set_xalign (GTK_LABEL (label), 1);
  gtk_label_set_justify (GTK_LABEL (label), GTK_JUSTIFY_RIGHT);
  gtk_widget_add_css_class (label, hlg_project_timeline_is_over_limit (HLG_PROJECT_TIMELINE (timeline))
                                     ? "error" : "dim-label");
  gtk_widget_add_css_class (label, "caption");
  gtk_widget_set_margin_top (window, 6);
  gtk_box_append (GTK_BOX (window), timeline);
  gtk_box_append (GTK_BOX (window), label);
  gtk_box_append (GTK_BOX (box), window);

  for (guint i = 0; warnings != NULL && i < warnings->len; i++)
    {
      HlgWarning *warning = g_ptr_array_index (warnings, i);
      GtkWidget *w = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 6);

      gtk_widget_add_css_class (w, "warning");
      gtk_box_append (GTK_BOX (w), gtk_image_new_from_icon_name ("dialog-warning-symbolic"));
      gtk_box_append (GTK_BOX (w), new_label (warning->message, NULL));
      gtk_box_append (GTK_BOX (box), w);
    }

  gtk_list_box_set_selection_mode (GTK_LIST_BOX (details), GTK_SELECTION_NONE);
  gtk_widget_add_css_class (details, "boxed-list");
  gtk_widget_set_margin_top (details, 6);
  gtk_list_box_append (GTK_LIST_BOX (details), budget_row (project));
  gtk_list_box_append (GTK_LIST_BOX (details), outputs_row (project));
  gtk_box_append (GTK_BOX (box), details);

  label = new_label (_("Progress Reports"), "heading");
  gtk_widget_set_margin_top (label, 12);
  gtk_box_append (GTK_BOX (box), label);
  reports = gtk_filter_list_model_new (
    g_object_ref (hlg_store_get_model (store, HLG_DOC_TYPE_PROGRESS_REPORT)),
    GTK_FILTER (gtk_custom_filter_new (report_filter_func,
                                       g_strdup (hlg_document_get_id (project)), g_free)));
  gtk_list_box_set_selection_mode (GTK_LIST_BOX (reports_list), GTK_SELECTION_NONE);
  gtk_widget_add_css_class (reports_list, "boxed-list");
  gtk_list_box_bind_model (GTK_LIST_BOX (reports_list), G_LIST_MODEL (reports),
                           create_report_row_cb, self, NULL);
  label = new_label (_("No progress reports yet"), "dim-label");
  gtk_widget_set_margin_top (label, 12);
  gtk_widget_set_margin_bottom (label, 12);
  gtk_widget_set_margin_start (label, 12);
  gtk_list_box_set_placeholder (GTK_LIST_BOX (reports_list), label);
  gtk_box_append (GTK_BOX (box), reports_list);

  gtk_list_box_row_set_child (GTK_LIST_BOX_ROW (row), box);
  gtk_list_box_row_set_activatable (GTK_LIST_BOX_ROW (row), FALSE);
  gtk_widget_set_focusable (row, FALSE);

  return row;
}

static void
hlg_projects_page_constructed (GObject *object)
{
  HlgProjectsPage *self = HLG_PROJECTS_PAGE (object);

  G_OBJECT_CLASS (hlg_projects_page_parent_class)->constructed (object);

  self->filter = gtk_custom_filter_new (project_filter_func, self, NULL);
  self->projects = gtk_filter_list_model_new (
    g_object_ref (hlg_store_get_model (hlg_page_get_store (HLG_PAGE (self)), HLG_DOC_TYPE_PROJECT)),
    g_object_ref (GTK_FILTER (self->filter)));
  gtk_list_box_bind_model (self->projects_list, G_LIST_MODEL (self->projects),
                           create_project_row_cb, self, NULL);
}

static void
hlg_projects_page_dispose (GObject *object)
{
  HlgProjectsPage *self = HLG_PROJECTS_PAGE (object);

  if (self->projects_list != NULL)
    gtk_list_box_bind_model (self->projects_list, NULL, NULL, NULL, NULL);
  self->projects_list = NULL;

  g_clear_object (&self->projects);
  g_clear_object (&self->filter);

  G_OBJECT_CLASS (hlg_projects_page_parent_class)->dispose (object);
}

static void
hlg_projects_page_search_changed (HlgPage *page)
{
  HlgProjectsPage *self = HLG_PROJECTS_PAGE (page);

  if (self->filter != NULL)
    gtk_filter_changed (GTK_FILTER (self->filter), GTK_FILTER_CHANGE_DIFFERENT);
}

static void
hlg_projects_page_class_init (HlgProjectsPageClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);
  HlgPageClass *page_class = HLG_PAGE_CLASS (klass);

  object_class->constructed = hlg_projects_page_constructed;
  object_class->dispose = hlg_projects_page_dispose;

  page_class->search_changed = hlg_projects_page_search_changed;

  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/org/unece/HLGMOS/hlg-projects-page.ui");
  gtk_widget_class_bind_template_child (widget_class, HlgProjectsPage, projects_list);
}

static void
hlg_projects_page_init (HlgProjectsPage *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
}

GtkWidget *
hlg_projects_page_new (HlgStore *store)
{
  g_return_val_if_fail (HLG_IS_STORE (store), NULL);

  return g_object_new (HLG_TYPE_PROJECTS_PAGE, "store", store, NULL);
}

