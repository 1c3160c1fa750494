/* hlg-groups-page.c: the Groups place: Modernisation Groups, members, task teams and deliverables
 * SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "hlg-groups-page"

#include "config.h"

#include <glib/gi18n.h>

#include "hlg-groups-page.h"
#include "hlg-labels.h"
#include "hlg-page.h"
#include "hlg-rules.h"
#include "hlg-timeline.h"

struct _HlgGroupsPage
{
  HlgPage             parent_instance;

  int                 year;

  GtkCustomFilter    *filter;
  GtkFilterListModel *groups;

  GtkLabel           *year_label;
  GtkListBox         *groups_list;
};

G_DEFINE_FINAL_TYPE (HlgGroupsPage, hlg_groups_page, HLG_TYPE_PAGE)

enum {
  PROP_0,
  PROP_YEAR,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

/* What one group's task-team list shows: its teams of the year, matching the search. */
typedef struct
{
  char    *group_id;
  int      year;
  char    *needle;   /* NULL: every team */
} TeamFilter;

static void
team_filter_free (gpointer data)
{
  TeamFilter *f = data;

  g_free (f->group_id);
  g_free (f->needle);
  g_free (f);
}

static gboolean
team_matches (HlgDocument *team,
              const char  *needle)
{
  JsonArray *deliverables;

  if (hlg_page_text_matches (hlg_document_get_string (team, "title"), needle)
      || hlg_page_text_matches (hlg_document_get_string (team, "objectives"), needle))
    return TRUE;

  deliverables = hlg_document_get_array (team, "deliverables");
  for (guint i = 0; deliverables != NULL && i < json_array_get_length (deliverables); i++)
    {
      JsonObject *d = json_array_get_object_element (deliverables, i);

      if (d != NULL
          && hlg_page_text_matches (json_object_get_string_member_with_default (d, "title", NULL),
                                    needle))
        return TRUE;
    }

  return FALSE;
}

static gboolean
group_matches (HlgGroupsPage *self,
               HlgDocument   *group,
               const char    *needle)
{
  HlgStore *store = hlg_page_get_store (HLG_PAGE (self));
  GListModel *teams = hlg_store_get_model (store, HLG_DOC_TYPE_TASK_TEAM);

  if (needle == NULL || hlg_page_text_matches (hlg_document_get_string (group, "name"), needle)
      || hlg_page_text_matches (hlg_document_get_string (group, "description"), needle))
    return TRUE;

  for (guint i = 0; i < g_list_model_get_n_items (teams); i++)
    {
      g_autoptr(HlgDocument) team = g_list_model_get_item (teams, i);

      if (g_strcmp0 (hlg_document_get_string (team, "group"), hlg_document_get_id (group)) == 0
          && hlg_document_get_int (team, "year", 0) == self->year && team_matches (team, needle))
        return TRUE;
    }

  return FALSE;
}

static gboolean
group_filter_func (gpointer item,
                   gpointer user_data)
{
  HlgGroupsPage *self = user_data;
  g_autofree char *needle = hlg_page_dup_needle (HLG_PAGE (self));

  return group_matches (self, item, needle);
}

static gboolean
team_filter_func (gpointer item,
                  gpointer user_data)
{
  TeamFilter *f = user_data;
  HlgDocument *team = item;

  if (g_strcmp0 (hlg_document_get_string (team, "group"), f->group_id) != 0
      || hlg_document_get_int (team, "year", 0) != f->year)
    return FALSE;

  return f->needle == NULL || team_matches (team, f->needle);
}

static char *
format_iso_date (const char *iso)
{
  g_autofree char *text = hlg_timeline_format_range (iso, NULL);
  int year;

  if (text == NULL || iso == NULL)
    return NULL;

  year = (int) g_ascii_strtoll (iso, NULL, 10);

  /* Translators: a day and month, then a year: “30 May 2026” */
  return g_strdup_printf (C_("date with year", "%s %d"), text, year);
}

static char *
format_days (double days)
{
  gulong n = (gulong) (days + 0.5);

  return g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%lu day", "%lu days", n), n);
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
create_team_row_cb (gpointer item,
                    gpointer user_data)
{
  HlgGroupsPage *self = user_data;
  HlgDocument *team = item;
  GtkWidget *row = adw_expander_row_new ();
  GtkWidget *progress = gtk_progress_bar_new ();
  JsonArray *deliverables = hlg_document_get_array (team, "deliverables");
  const char *lead = hlg_page_title_of (HLG_PAGE (self), hlg_document_get_string (team, "lead"));
  const char *objectives = hlg_document_get_string (team, "objectives");
  g_autofree char *subtitle = NULL;
  g_autofree char *progress_text = NULL;
  guint n = deliverables != NULL ? json_array_get_length (deliverables) : 0;
  guint done = 0;

  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), hlg_document_get_title (team));
  adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (row), FALSE);
  if (lead != NULL)
    /* Translators: a task team's lead and its status */
    subtitle = g_strdup_printf (_("Led by %s · %s"), lead,
                                hlg_labels_value (hlg_document_get_string (team, "status")));
  else
    subtitle = g_strdup (hlg_labels_value (hlg_document_get_string (team, "status")));
  adw_expander_row_set_subtitle (ADW_EXPANDER_ROW (row), subtitle);

  if (objectives != NULL && objectives[0] != '\0')
    {
      GtkWidget *objectives_row = adw_action_row_new ();

      adw_preferences_row_set_title (ADW_PREFERENCES_ROW (objectives_row), _("Objectives"));
      adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (objectives_row), FALSE);
      adw_action_row_set_subtitle (ADW_ACTION_ROW (objectives_row), objectives);
      gtk_widget_add_css_class (objectives_row, "property");
      adw_expander_row_add_row (ADW_EXPANDER_ROW (row), objectives_row);
    }

  for (guint i = 0; i < n; i++)
    {
      JsonObject *d = json_array_get_object_element (deliverables, i);
      GtkWidget *d_row, *status;
      const char *state;
      g_autofree char *due = NULL;
      g_autofree char *due_text = NULL;

      if (d == NULL)
        continue;
      state = json_object_get_string_member_with_default (d, "status", NULL);
      if (g_strcmp0 (state, "done") == 0)
        done++;

      d_row = adw_action_row_new ();
      adw_preferences_row_set_title (ADW_PREFERENCES_ROW (d_row),
                                     json_object_get_string_member_with_default (d, "title", ""));
      adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (d_row), FALSE);
      due = format_iso_date (json_object_get_string_member_with_default (d, "due", NULL));
      if (due != NULL)
        {
          /* Translators: %s is a date */
          due_text = g_strdup_printf (_("Due %s"), due);
          adw_action_row_set_subtitle (ADW_ACTION_ROW (d_row), due_text);
        }
      status = gtk_label_new (hlg_labels_value (state));
      if (g_strcmp0 (state, "done") == 0)
        gtk_widget_add_css_class (status, "success");
      else if (g_strcmp0 (state, "late") == 0)
        gtk_widget_add_css_class (status, "error");
      else
        gtk_widget_add_css_class (status, "dim-label");
      adw_action_row_add_suffix (ADW_ACTION_ROW (d_row), status);
      adw_expander_row_add_row (ADW_EXPANDER_ROW (row), d_row);
    }

  /* Translators: deliverables done, of all a task team has */
  progress_text = g_strdup_printf (_("%u of %u done"), done, n);
  gtk_progress_bar_set_fraction (GTK_PROGRESS_BAR (progress), n > 0 ? (double) done / n : 0);
  gtk_progress_bar_set_text (GTK_PROGRESS_BAR (progress), progress_text);
  gtk_progress_bar_set_show_text (GTK_PROGRESS_BAR (progress), TRUE);
  gtk_widget_set_valign (progress, GTK_ALIGN_CENTER);
  gtk_widget_set_size_request (progress, 120, -1);
  gtk_widget_set_tooltip_text (progress, progress_text);
  adw_expander_row_add_action (ADW_EXPANDER_ROW (row), progress);

  return row;
}

/* The warning beside a group's year, kept current as task teams come and go. */
static void
update_warning (GtkWidget *warning)
{
  HlgGroupsPage *self = g_object_get_data (G_OBJECT (warning), "page");
  HlgStore *store = hlg_page_get_store (HLG_PAGE (self));
  HlgDocument *group = g_object_get_data (G_OBJECT (warning), "group");
  GListModel *model = hlg_store_get_model (store, HLG_DOC_TYPE_TASK_TEAM);
  g_autoptr(GPtrArray) teams = g_ptr_array_new_with_free_func (g_object_unref);
  g_autoptr(GPtrArray) warnings = NULL;
  GtkWidget *label = gtk_widget_get_last_child (warning);

  for (guint i = 0; i < g_list_model_get_n_items (model); i++)
    g_ptr_array_add (teams, g_list_model_get_item (model, i));

  warnings = hlg_rules_check_group_year (group, teams, self->year);
  gtk_widget_set_visible (warning, warnings != NULL && warnings->len > 0);
  if (warnings != NULL && warnings->len > 0)
    gtk_label_set_label (GTK_LABEL (label),
                         ((HlgWarning *) g_ptr_array_index (warnings, 0))->message);
}

static void
on_teams_changed_cb (GtkWidget *warning)
{
  update_warning (warning);
}

static GtkWidget *
create_group_row_cb (gpointer item,
                     gpointer user_data)
{
  HlgGroupsPage *self = user_data;
  HlgStore *store = hlg_page_get_store (HLG_PAGE (self));
  HlgDocument *group = item;
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 6);
  GtkWidget *members_list = gtk_list_box_new ();
  GtkWidget *members_row = adw_expander_row_new ();
  GtkWidget *teams_list = gtk_list_box_new ();
  GtkWidget *warning = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 6);
  GtkWidget *row = gtk_list_box_row_new ();
  JsonArray *chairs = hlg_document_get_array (group, "chairs");
  JsonArray *members = hlg_document_get_array (group, "members");
  const char *description = hlg_document_get_string (group, "description");
  g_autoptr(GString) chair_names = g_string_new (NULL);
  g_autofree char *members_text = NULL;
  g_autofree char *total_text = NULL;
  g_autofree char *teams_title = NULL;
  g_autofree char *needle = hlg_page_dup_needle (HLG_PAGE (self));
  g_autoptr(GtkFilterListModel) teams = NULL;
  TeamFilter *f;
  GtkWidget *label;
  double total = 0;
  guint n_members = members != NULL ? json_array_get_length (members) : 0;

  gtk_widget_set_margin_bottom (box, 30);
  gtk_box_append (GTK_BOX (box), new_label (hlg_document_get_title (group), "title-2"));
  if (description != NULL)
    gtk_box_append (GTK_BOX (box), new_label (description, "dim-label"));

  for (guint i = 0; chairs != NULL && i < json_array_get_length (chairs); i++)
    {
      const char *name = hlg_page_title_of (HLG_PAGE (self),
                                            json_array_get_string_element (chairs, i));

      if (name == NULL)
        continue;
      if (chair_names->len > 0)
        g_string_append (chair_names, ", ");
      g_string_append (chair_names, name);
    }
  if (chair_names->len > 0)
    {
      /* Translators: %s lists the group's chairs */
      g_autofree char *text = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "Chair: %s",
                                                            "Chairs: %s",
                                                            json_array_get_length (chairs)),
                                               chair_names->str);

      gtk_box_append (GTK_BOX (box), new_label (text, NULL));
    }

  /* Members, with the in-kind days their organisations give. */
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (members_row), _("Members"));
  for (guint i = 0; i < n_members; i++)
    {
      JsonObject *m = json_array_get_object_element (members, i);
      GtkWidget *m_row;
      const char *person, *organisation;
      double days;
      g_autofree char *days_text = NULL;

      if (m == NULL)
        continue;
      days = json_object_has_member (m, "in_kind_days")
               ? json_object_get_double_member (m, "in_kind_days") : 0;
      total += days;
      person = hlg_page_title_of (HLG_PAGE (self),
                                  json_object_get_string_member_with_default (m, "person", NULL));
      organisation = hlg_page_title_of (HLG_PAGE (self),
                               json_object_get_string_member_with_default (m, "organisation", NULL));
      m_row = adw_action_row_new ();
      adw_preferences_row_set_title (ADW_PREFERENCES_ROW (m_row),
                                     person != NULL ? person : _("Unknown person"));
      adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (m_row), FALSE);
      if (organisation != NULL)
        adw_action_row_set_subtitle (ADW_ACTION_ROW (m_row), organisation);
      days_text = format_days (days);
      label = gtk_label_new (days_text);
      gtk_widget_add_css_class (label, "dim-label");
      adw_action_row_add_suffix (ADW_ACTION_ROW (m_row), label);
      adw_expander_row_add_row (ADW_EXPANDER_ROW (members_row), m_row);
    }
  total_text = format_days (total);
  /* Translators: the number of members, then their in-kind days in total */
  members_text = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%u member · %s in kind in total",
                                               "%u members · %s in kind in total", n_members),
                                  n_members, total_text);
  adw_expander_row_set_subtitle (ADW_EXPANDER_ROW (members_row), members_text);
  gtk_list_box_set_selection_mode (GTK_LIST_BOX (members_list), GTK_SELECTION_NONE);
  gtk_widget_add_css_class (members_list, "boxed-list");
  gtk_widget_set_margin_top (members_list, 6);
  gtk_list_box_append (GTK_LIST_BOX (members_list), members_row);
  gtk_box_append (GTK_BOX (box), members_list);

  /* Task teams of the year, and a warning when there are not one to three. */
  /* Translators: %d is a year */
  teams_title = g_strdup_printf (_("Task Teams in %d"), self->year);
  label = new_label (teams_title, "heading");
  gtk_widget_set_margin_top (label, 12);
  gtk_box_append (GTK_BOX (box), label);

  gtk_widget_add_css_class (warning, "warning");
  gtk_box_append (GTK_BOX (warning), gtk_image_new_from_icon_name ("dialog-warning-symbolic"));
  gtk_box_append (GTK_BOX (warning), new_label (NULL, NULL));
  g_object_set_data (G_OBJECT (warning), "page", self);
  g_object_set_data_full (G_OBJECT (warning), "group", g_object_ref (group), g_object_unref);
  g_signal_connect_object (hlg_store_get_model (store, HLG_DOC_TYPE_TASK_TEAM),
                           "items-changed", G_CALLBACK (on_teams_changed_cb), warning,
                           G_CONNECT_SWAPPED);
  update_warning (warning);
  gtk_box_append (GTK_BOX (box), warning);

  f = g_new0 (TeamFilter, 1);
  f->group_id = g_strdup (hlg_document_get_id (group));
  f->year = self->year;
  /* A group found by its own name shows all its teams. */
  if (needle != NULL && !hlg_page_text_matches (hlg_document_get_string (group, "name"), needle)
      && !hlg_page_text_matches (description, needle))
    f->needle = g_steal_pointer (&needle);
  teams = gtk_filter_list_model_new (
    g_object_ref (hlg_store_get_model (store, HLG_DOC_TYPE_TASK_TEAM)),
    GTK_FILTER (gtk_custom_filter_new (team_filter_func, f, team_filter_free)));
  gtk_list_box_set_selection_mode (GTK_LIST_BOX (teams_list), GTK_SELECTION_NONE);
  gtk_widget_add_css_class (teams_list, "boxed-list");
  gtk_list_box_bind_model (GTK_LIST_BOX (teams_list), G_LIST_MODEL (teams), create_team_row_cb,
                           self, NULL);
  label = new_label (_("No task teams this year"), "dim-label");
  gtk_widget_set_margin_top (label, 12);
  gtk_widget_set_margin_bottom (label, 12);
  gtk_widget_set_margin_start (label, 12);
  gtk_list_box_set_placeholder (GTK_LIST_BOX (teams_list), label);
  gtk_box_append (GTK_BOX (box), teams_list);

  gtk_list_box_row_set_child (GTK_LIST_BOX_ROW (row), box);
  gtk_list_box_row_set_activatable (GTK_LIST_BOX_ROW (row), FALSE);
  gtk_widget_set_focusable (row, FALSE);

  return row;
}

static void
rebind (HlgGroupsPage *self)
{
  g_autofree char *text = NULL;

  if (self->groups == NULL)
    return;

  /* Translators: %d is a year */
  text = g_strdup_printf (_("Task teams and deliverables in %d"), self->year);
  gtk_label_set_label (self->year_label, text);
  gtk_filter_changed (GTK_FILTER (self->filter), GTK_FILTER_CHANGE_DIFFERENT);
  /* Each group's rows depend on the year and the search: make them anew. */
  gtk_list_box_bind_model (self->groups_list, G_LIST_MODEL (self->groups), create_group_row_cb,
                           self, NULL);
}

/* The year of a task team before (delta < 0) or after @year, or 0. */
static int
neighbour_year (HlgGroupsPage *self,
                int            year,
                int            delta)
{
  HlgStore *store = hlg_page_get_store (HLG_PAGE (self));
  GListModel *teams = hlg_store_get_model (store, HLG_DOC_TYPE_TASK_TEAM);
  int best = 0;

  for (guint i = 0; i < g_list_model_get_n_items (teams); i++)
    {
      g_autoptr(HlgDocument) team = g_list_model_get_item (teams, i);
      int y = hlg_document_get_int (team, "year", 0);

      if (y == 0)
        continue;
      if (delta < 0 && y < year && (best == 0 || y > best))
        best = y;
      if (delta > 0 && y > year && (best == 0 || y < best))
        best = y;
    }

  return best;
}

static void
update_actions (HlgGroupsPage *self)
{
  HlgStore *store = hlg_page_get_store (HLG_PAGE (self));

  gtk_widget_action_set_enabled (GTK_WIDGET (self), "groups.previous-year",
                                 store != NULL && neighbour_year (self, self->year, -1) != 0);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "groups.next-year",
                                 store != NULL && neighbour_year (self, self->year, 1) != 0);
}

static void
on_team_list_changed_cb (HlgGroupsPage *self)
{
  const char *search_text = hlg_page_get_search_text (HLG_PAGE (self));
  update_actions (self);
  /* A new team can make a group match the search. */
  if (search_text != NULL && search_text[0] != '\0')
    gtk_filter_changed (GTK_FILTER (self->filter), GTK_FILTER_CHANGE_DIFFERENT);
}

static void
previous_year_action (GtkWidget  *widget,
                      const char *action_name,
                      GVariant   *parameter)
{
  HlgGroupsPage *self = HLG_GROUPS_PAGE (widget);
  int year = neighbour_year (self, self->year, -1);

  if (year != 0)
    hlg_groups_page_set_year (self, year);
}

static void
next_year_action (GtkWidget  *widget,
                  const char *action_name,
                  GVariant   *parameter)
{
  HlgGroupsPage *self = HLG_GROUPS_PAGE (widget);
  int year = neighbour_year (self, self->year, 1);

  if (year != 0)
    hlg_groups_page_set_year (self, year);
}

static void
hlg_groups_page_constructed (GObject *object)
{
  HlgGroupsPage *self = HLG_GROUPS_PAGE (object);
  HlgStore *store = hlg_page_get_store (HLG_PAGE (self));

  G_OBJECT_CLASS (hlg_groups_page_parent_class)->constructed (object);

  if (self->year == 0)
    {
      g_autoptr(GDateTime) now = g_date_time_new_now_local ();

      self->year = g_date_time_get_year (now);
    }

  self->filter = gtk_custom_filter_new (group_filter_func, self, NULL);
  self->groups = gtk_filter_list_model_new (
    g_object_ref (hlg_store_get_model (store, HLG_DOC_TYPE_GROUP)),
    g_object_ref (GTK_FILTER (self->filter)));
  g_signal_connect_object (hlg_store_get_model (store, HLG_DOC_TYPE_TASK_TEAM),
                           "items-changed", G_CALLBACK (on_team_list_changed_cb), self,
                           G_CONNECT_SWAPPED);

  update_actions (self);
  rebind (self);
}

static void
hlg_groups_page_dispose (GObject *object)
{
  HlgGroupsPage *self = HLG_GROUPS_PAGE (object);

  if (self->groups_list != NULL)
    gtk_list_box_bind_model (self->groups_list, NULL, NULL, NULL, NULL);
  self->groups_list = NULL;

  g_clear_object (&self->groups);
  g_clear_object (&self->filter);

  G_OBJECT_CLASS (hlg_groups_page_parent_class)->dispose (object);
}

static void
hlg_groups_page_get_property (GObject    *object,
                              guint       prop_id,
                              GValue     *value,
                              GParamSpec *pspec)
{
  HlgGroupsPage *self = HLG_GROUPS_PAGE (object);

  switch (prop_id)
    {
    case PROP_YEAR:
      g_value_set_int (value, self->year);
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
hlg_groups_page_set_property (GObject      *object,
                              guint         prop_id,
                              const GValue *value,
                              GParamSpec   *pspec)
{
  HlgGroupsPage *self = HLG_GROUPS_PAGE (object);

  switch (prop_id)
    {
    case PROP_YEAR:
      hlg_groups_page_set_year (self, g_value_get_int (value));
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
hlg_groups_page_search_changed (HlgPage *page)
{
  HlgGroupsPage *self = HLG_GROUPS_PAGE (page);

  rebind (self);
}

static void
hlg_groups_page_class_init (HlgGroupsPageClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);
  HlgPageClass *page_class = HLG_PAGE_CLASS (klass);

  object_class->constructed = hlg_groups_page_constructed;
  object_class->dispose = hlg_groups_page_dispose;
  object_class->get_property = hlg_groups_page_get_property;
  object_class->set_property = hlg_groups_page_set_property;

  properties[PROP_YEAR] =
    g_param_spec_int ("year", NULL, NULL, 0, 2200, 0,
                      G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  page_class->search_changed = hlg_groups_page_search_changed;

  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/org/unece/HLGMOS/hlg-groups-page.ui");
  gtk_widget_class_bind_template_child (widget_class, HlgGroupsPage, year_label);
  gtk_widget_class_bind_template_child (widget_class, HlgGroupsPage, groups_list);

  gtk_widget_class_install_action (widget_class, "groups.previous-year", NULL,
                                   previous_year_action);
  gtk_widget_class_install_action (widget_class, "groups.next-year", NULL, next_year_action);
}

static void
hlg_groups_page_init (HlgGroupsPage *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
}

GtkWidget *
hlg_groups_page_new (HlgStore *store)
{
  g_return_val_if_fail (HLG_IS_STORE (store), NULL);

  return g_object_new (HLG_TYPE_GROUPS_PAGE, "store", store, NULL);
}

int
hlg_groups_page_get_year (HlgGroupsPage *self)
{
  g_return_val_if_fail (HLG_IS_GROUPS_PAGE (self), 0);

  return self->year;
}

void
hlg_groups_page_set_year (HlgGroupsPage *self,
                          int            year)
{
  g_return_if_fail (HLG_IS_GROUPS_PAGE (self));

  if (self->year == year || year == 0)
    return;

  self->year = year;
  if (hlg_page_get_store (HLG_PAGE (self)) != NULL)
    update_actions (self);
  rebind (self);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_YEAR]);
}
