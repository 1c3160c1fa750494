/* hlg-cycle-page.c: the Cycle place: the year's timeline, its milestones, focus areas and priorities
 * SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "hlg-cycle-page"

#include "config.h"

#include <glib/gi18n.h>

#include "hlg-cycle-page.h"
#include "hlg-page.h"
#include "hlg-timeline.h"

struct _HlgCyclePage
{
  HlgPage             parent_instance;

  HlgDocument         *cycle;
  int                  year;
  char                *kind;  /* of the selected milestone */

  GtkCustomFilter     *priority_filter;
  GtkFilterListModel  *priorities;
  GtkCustomFilter     *detail_filter;
  GtkFilterListModel  *details;

  GtkStack            *stack;
  GtkLabel            *year_label;
  GtkLabel            *subtitle_label;
  HlgTimeline         *timeline;
  AdwPreferencesGroup *milestone_group;
  GtkListBox          *milestone_list;
  GtkLabel            *milestone_placeholder;
  GtkListBox          *priorities_list;
};

G_DEFINE_FINAL_TYPE (HlgCyclePage, hlg_cycle_page, HLG_TYPE_PAGE)

static gboolean
is_priority_kind (const char *kind)
{
  return g_strcmp0 (kind, "priorities-meeting") == 0 || g_strcmp0 (kind, "ces-plenary") == 0
         || g_strcmp0 (kind, "priorities-release") == 0;
}

static const char *
focus_area_label (const char *area)
{
  if (g_strcmp0 (area, "active-engagement") == 0)
    return _("Active engagement");
  if (g_strcmp0 (area, "trusted-data-authority") == 0)
    return _("A trusted data authority");
  if (g_strcmp0 (area, "service-oriented-approach") == 0)
    return _("A service oriented approach");
  if (g_strcmp0 (area, "agile-adaptive-culture") == 0)
    return _("An agile and adaptive culture");

  return area;
}

static const char *
status_label (const char *status)
{
  static const struct { const char *status; const char *label; } labels[] = {
    { "draft", N_("Draft") },
    { "submitted", N_("Submitted") },
    { "under-review", N_("Under review") },
    { "feedback-released", N_("Feedback released") },
    { "revised", N_("Revised") },
    { "presented", N_("Presented") },
    { "recommended", N_("Recommended") },
    { "selected", N_("Selected") },
    { "not-selected", N_("Not selected") },
    { "withdrawn", N_("Withdrawn") },
  };

  for (guint i = 0; i < G_N_ELEMENTS (labels); i++)
    if (g_strcmp0 (status, labels[i].status) == 0)
      return _(labels[i].label);

  return status != NULL ? status : "";
}

static gboolean
priority_matches (HlgDocument *doc,
                  const char  *needle)
{
  JsonArray *comments;

  if (needle == NULL)
    return TRUE;
  if (hlg_page_text_matches (hlg_document_get_string (doc, "title"), needle)
      || hlg_page_text_matches (hlg_document_get_string (doc, "text"), needle))
    return TRUE;

  comments = hlg_document_get_array (doc, "plenary_comments");
  for (guint i = 0; comments != NULL && i < json_array_get_length (comments); i++)
    {
      JsonObject *comment = json_array_get_object_element (comments, i);

      if (comment != NULL
          && hlg_page_text_matches (
               json_object_get_string_member_with_default (comment, "text", NULL), needle))
        return TRUE;
    }

  return FALSE;
}

static gboolean
priority_filter_func (gpointer item,
                      gpointer user_data)
{
  HlgCyclePage *self = user_data;
  HlgDocument *doc = item;
  g_autofree char *needle = hlg_page_dup_needle (HLG_PAGE (self));

  if (self->cycle == NULL
      || g_strcmp0 (hlg_document_get_string (doc, "cycle"), hlg_document_get_id (self->cycle)) != 0)
    return FALSE;

  return priority_matches (doc, needle);
}

/* What the selected milestone lists: its priorities or its proposals. */
static gboolean
detail_filter_func (gpointer item,
                    gpointer user_data)
{
  HlgCyclePage *self = user_data;
  HlgDocument *doc = item;
  g_autofree char *needle = hlg_page_dup_needle (HLG_PAGE (self));
  const char *status;

  if (self->cycle == NULL
      || g_strcmp0 (hlg_document_get_string (doc, "cycle"), hlg_document_get_id (self->cycle)) != 0)
    return FALSE;

  if (is_priority_kind (self->kind))
    {
      if (g_strcmp0 (self->kind, "priorities-meeting") == 0
          && g_strcmp0 (hlg_document_get_string (doc, "source"), "ces-plenary") == 0)
        return FALSE;
      if (g_strcmp0 (self->kind, "ces-plenary") == 0)
        {
          JsonArray *comments = hlg_document_get_array (doc, "plenary_comments");

          if (g_strcmp0 (hlg_document_get_string (doc, "source"), "ces-plenary") != 0
              && (comments == NULL || json_array_get_length (comments) == 0))
            return FALSE;
        }
      return priority_matches (doc, needle);
    }

  status = hlg_document_get_string (doc, "status");
  if (g_strcmp0 (status, "draft") == 0 || g_strcmp0 (status, "withdrawn") == 0)
    return FALSE;
  if (g_strcmp0 (self->kind, "workshop") == 0 || g_strcmp0 (self->kind, "selection") == 0)
    {
      if (!g_strv_contains ((const char * const[]) { "presented", "recommended", "selected",
                                                     "not-selected", NULL }, status))
        return FALSE;
      if (g_strcmp0 (self->kind, "selection") == 0
          && g_strcmp0 (status, "recommended") != 0 && g_strcmp0 (status, "selected") != 0)
        return FALSE;
    }

  return needle == NULL || hlg_page_text_matches (hlg_document_get_string (doc, "title"), needle)
         || hlg_page_text_matches (hlg_document_get_string (doc, "summary"), needle);
}

static char *
priority_subtitle (HlgDocument *doc)
{
  g_autoptr(GString) text = g_string_new (NULL);
  JsonArray *areas = hlg_document_get_array (doc, "focus_areas");

  for (guint i = 0; areas != NULL && i < json_array_get_length (areas); i++)
    {
      if (i > 0)
        g_string_append (text, ", ");
      g_string_append (text, focus_area_label (json_array_get_string_element (areas, i)));
    }

  return g_string_free (g_steal_pointer (&text), FALSE);
}

static guint
count_comments (HlgDocument *doc)
{
  JsonArray *comments = hlg_document_get_array (doc, "plenary_comments");

  return comments != NULL ? json_array_get_length (comments) : 0;
}

static GtkWidget *
create_priority_row_cb (gpointer item,
                        gpointer user_data)
{
  HlgCyclePage *self = user_data;
  HlgDocument *doc = item;
  GtkWidget *row = adw_expander_row_new ();
  JsonArray *comments = hlg_document_get_array (doc, "plenary_comments");
  const char *text = hlg_document_get_string (doc, "text");
  g_autofree char *subtitle = priority_subtitle (doc);
  guint n = count_comments (doc);

  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), hlg_document_get_title (doc));
  adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (row), FALSE);
  adw_expander_row_set_subtitle (ADW_EXPANDER_ROW (row), subtitle);

  if (n > 0)
    {
      g_autofree char *count = g_strdup_printf (
        g_dngettext (GETTEXT_PACKAGE, "%u plenary comment", "%u plenary comments", n), n);
      GtkWidget *label = gtk_label_new (count);

      gtk_widget_add_css_class (label, "dim-label");
      adw_expander_row_add_action (ADW_EXPANDER_ROW (row), label);
    }

  if (text != NULL && text[0] != '\0')
    {
      GtkWidget *text_row = adw_action_row_new ();

      adw_preferences_row_set_title (ADW_PREFERENCES_ROW (text_row), _("Priority"));
      adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (text_row), FALSE);
      adw_action_row_set_subtitle (ADW_ACTION_ROW (text_row), text);
      gtk_widget_add_css_class (text_row, "property");
      adw_expander_row_add_row (ADW_EXPANDER_ROW (row), text_row);
    }

  for (guint i = 0; comments != NULL && i < json_array_get_length (comments); i++)
    {
      JsonObject *comment = json_array_get_object_element (comments, i);
      GtkWidget *comment_row;
      const char *organisation;

      if (comment == NULL)
        continue;
      organisation = hlg_page_title_of (HLG_PAGE (self),
                                        json_object_get_string_member_with_default (
                                          comment, "organisation", NULL));
      comment_row = adw_action_row_new ();
      adw_preferences_row_set_title (ADW_PREFERENCES_ROW (comment_row),
                                     organisation != NULL ? organisation : _("CES plenary"));
      adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (comment_row), FALSE);
      adw_action_row_set_subtitle (ADW_ACTION_ROW (comment_row),
                                   json_object_get_string_member_with_default (comment, "text",
                                                                               ""));
      adw_action_row_add_prefix (ADW_ACTION_ROW (comment_row),
                                 gtk_image_new_from_icon_name ("chat-bubbles-text-symbolic"));
      adw_expander_row_add_row (ADW_EXPANDER_ROW (row), comment_row);
    }

  return row;
}

static void
count_reviews (HlgCyclePage *self,
               const char   *proposal_id,
               guint        *n_reviews,
               guint        *n_ready)
{
  HlgStore *store = hlg_page_get_store (HLG_PAGE (self));
  GListModel *reviews = hlg_store_get_model (store, HLG_DOC_TYPE_REVIEW);

  *n_reviews = *n_ready = 0;
  for (guint i = 0; i < g_list_model_get_n_items (reviews); i++)
    {
      g_autoptr(HlgDocument) review = g_list_model_get_item (reviews, i);

      if (g_strcmp0 (hlg_document_get_string (review, "proposal"), proposal_id) != 0)
        continue;
      (*n_reviews)++;
      if (hlg_document_get_boolean (review, "ready"))
        (*n_ready)++;
    }
}

static HlgDocument *
find_feedback (HlgCyclePage *self,
               const char   *proposal_id)
{
  HlgStore *store = hlg_page_get_store (HLG_PAGE (self));
  GListModel *feedback = hlg_store_get_model (store, HLG_DOC_TYPE_FEEDBACK);

  for (guint i = 0; i < g_list_model_get_n_items (feedback); i++)
    {
      g_autoptr(HlgDocument) doc = g_list_model_get_item (feedback, i);

      if (g_strcmp0 (hlg_document_get_string (doc, "proposal"), proposal_id) == 0)
        return doc;
    }

  return NULL;
}

static GtkWidget *
create_detail_row_cb (gpointer item,
                      gpointer user_data)
{
  HlgCyclePage *self = user_data;
  HlgDocument *doc = item;
  GtkWidget *row = adw_action_row_new ();
  g_autofree char *subtitle = NULL;
  g_autofree char *suffix = NULL;

  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), hlg_document_get_title (doc));
  adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (row), FALSE);

  if (is_priority_kind (self->kind))
    {
      guint n = count_comments (doc);

      subtitle = priority_subtitle (doc);
      if (n > 0)
        suffix = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%u plenary comment",
                                               "%u plenary comments", n), n);
    }
  else
    {
      const char *lead = hlg_page_title_of (HLG_PAGE (self),
                                            hlg_document_get_string (doc, "lead_organisation"));

      subtitle = g_strdup (lead != NULL ? lead : "");
      if (g_strcmp0 (self->kind, "board-review") == 0)
        {
          guint n_reviews, n_ready;

          count_reviews (self, hlg_document_get_id (doc), &n_reviews, &n_ready);
          if (n_reviews == 0)
            suffix = g_strdup (_("No reviews yet"));
          else
            /* Translators: reviews of a proposal the reviewer marked ready, of all its reviews */
            suffix = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%u of %u review ready",
                                                   "%u of %u reviews ready", n_reviews),
                                      n_ready, n_reviews);
        }
      else if (g_strcmp0 (self->kind, "feedback") == 0)
        {
          HlgDocument *feedback = find_feedback (self, hlg_document_get_id (doc));

          if (feedback == NULL)
            suffix = g_strdup (_("No feedback yet"));
          else if (hlg_document_get_boolean (feedback, "released"))
            suffix = g_strdup (_("Feedback released"));
          else
            suffix = g_strdup (_("Feedback being drafted"));
        }
      else
        {
          suffix = g_strdup (status_label (hlg_document_get_string (doc, "status")));
        }
    }

  if (subtitle != NULL && subtitle[0] != '\0')
    adw_action_row_set_subtitle (ADW_ACTION_ROW (row), subtitle);
  if (suffix != NULL)
    {
      GtkWidget *label = gtk_label_new (suffix);

      gtk_widget_add_css_class (label, "dim-label");
      adw_action_row_add_suffix (ADW_ACTION_ROW (row), label);
    }

  return row;
}

static void
bind_details (HlgCyclePage *self)
{
  HlgStore *store = hlg_page_get_store (HLG_PAGE (self));
  HlgDocType type = is_priority_kind (self->kind) ? HLG_DOC_TYPE_PRIORITY : HLG_DOC_TYPE_PROPOSAL;
  const char *placeholder;

  gtk_filter_list_model_set_model (self->details, hlg_store_get_model (store, type));
  gtk_filter_changed (GTK_FILTER (self->detail_filter), GTK_FILTER_CHANGE_DIFFERENT);
  /* Rows show counts from other documents: bind again to make them anew. */
  gtk_list_box_bind_model (self->milestone_list, G_LIST_MODEL (self->details),
                           create_detail_row_cb, self, NULL);

  if (is_priority_kind (self->kind))
    placeholder = _("No priorities yet");
  else if (g_strcmp0 (self->kind, "workshop") == 0)
    placeholder = _("No proposals on the workshop’s agenda yet");
  else if (g_strcmp0 (self->kind, "selection") == 0)
    placeholder = _("No projects recommended yet");
  else
    placeholder = _("No proposals submitted yet");
  gtk_label_set_label (self->milestone_placeholder, placeholder);
}

static void
update_milestone (HlgCyclePage *self)
{
  const char *kind = hlg_timeline_get_selected_kind (self->timeline);
  const char *id = hlg_timeline_get_selected_milestone (self->timeline);
  JsonArray *milestones = self->cycle != NULL ? hlg_document_get_array (self->cycle, "milestones")
                                              : NULL;
  g_autofree char *dates = NULL;
  g_autofree char *description = NULL;
  const char *title = NULL;
  const char *notes = NULL;

  for (guint i = 0; milestones != NULL && i < json_array_get_length (milestones); i++)
    {
      JsonObject *m = json_array_get_object_element (milestones, i);

      if (m != NULL && g_strcmp0 (json_object_get_string_member_with_default (m, "id", NULL), id) == 0)
        {
          title = json_object_get_string_member_with_default (m, "title", NULL);
          notes = json_object_get_string_member_with_default (m, "notes", NULL);
          dates = hlg_timeline_format_range (json_object_get_string_member_with_default (m, "start", NULL),
                                             json_object_get_string_member_with_default (m, "end", NULL));
        }
    }

  gtk_widget_set_visible (GTK_WIDGET (self->milestone_group), kind != NULL);
  if (kind == NULL)
    return;

  adw_preferences_group_set_title (ADW_PREFERENCES_GROUP (self->milestone_group),
                                   title != NULL && title[0] != '\0'
                                     ? title : hlg_timeline_kind_label (kind));
  if (notes != NULL && notes[0] != '\0')
    description = g_strdup_printf ("%s — %s", dates != NULL ? dates : "", notes);
  else
    description = g_strdup (dates);
  adw_preferences_group_set_description (ADW_PREFERENCES_GROUP (self->milestone_group),
                                         description);

  g_free (self->kind);
  self->kind = g_strdup (kind);
  bind_details (self);
}

static void
on_selected_milestone_cb (HlgCyclePage *self)
{
  update_milestone (self);
}

static HlgDocument *
find_cycle (HlgCyclePage *self,
            int           year)
{
  HlgStore *store = hlg_page_get_store (HLG_PAGE (self));
  GListModel *cycles = hlg_store_get_model (store, HLG_DOC_TYPE_CYCLE);

  for (guint i = 0; i < g_list_model_get_n_items (cycles); i++)
    {
      g_autoptr(HlgDocument) doc = g_list_model_get_item (cycles, i);

      if (hlg_document_get_int (doc, "year", 0) == year)
        return doc;
    }

  return NULL;
}

/* The year of a cycle just before (delta < 0) or after @year, or 0. */
static int
neighbour_year (HlgCyclePage *self,
                int           year,
                int           delta)
{
  HlgStore *store = hlg_page_get_store (HLG_PAGE (self));
  GListModel *cycles = hlg_store_get_model (store, HLG_DOC_TYPE_CYCLE);
  int best = 0;

  for (guint i = 0; i < g_list_model_get_n_items (cycles); i++)
    {
      g_autoptr(HlgDocument) doc = g_list_model_get_item (cycles, i);
      int y = hlg_document_get_int (doc, "year", 0);

      if (delta < 0 && y < year && (best == 0 || y > best))
        best = y;
      if (delta > 0 && y > year && (best == 0 || y < best))
        best = y;
    }

  return best;
}

static void
show_year (HlgCyclePage *self,
           int           year)
{
  HlgDocument *cycle = find_cycle (self, year);
  g_autofree char *year_text = NULL;
  const char *title;

  self->year = cycle != NULL ? year : 0;
  g_set_object (&self->cycle, cycle);

  gtk_widget_action_set_enabled (GTK_WIDGET (self), "cycle.previous-year",
                                 cycle != NULL && neighbour_year (self, year, -1) != 0);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "cycle.next-year",
                                 cycle != NULL && neighbour_year (self, year, 1) != 0);

  gtk_stack_set_visible_child_name (self->stack, cycle != NULL ? "cycle" : "empty");
  hlg_timeline_set_cycle (self->timeline, cycle);
  gtk_filter_changed (GTK_FILTER (self->priority_filter), GTK_FILTER_CHANGE_DIFFERENT);
  if (cycle == NULL)
    return;

  /* Translators: %d is a year */
  year_text = g_strdup_printf (_("%d Cycle"), year);
  gtk_label_set_label (self->year_label, year_text);
  title = hlg_document_get_string (cycle, "title");
  gtk_label_set_label (self->subtitle_label, title != NULL ? title : "");
  gtk_widget_set_visible (GTK_WIDGET (self->subtitle_label), title != NULL);
  update_milestone (self);
}

/* The year shown first: this year's cycle, else the latest before it, else the first. */
static int
default_year (HlgCyclePage *self)
{
  g_autoptr(GDateTime) now = g_date_time_new_now_local ();
  int year = g_date_time_get_year (now);

  if (find_cycle (self, year) != NULL)
    return year;
  if (neighbour_year (self, year, -1) != 0)
    return neighbour_year (self, year, -1);

  return neighbour_year (self, year, 1);
}

static void
on_cycles_changed_cb (HlgCyclePage *self)
{
  HlgDocument *cycle = self->year != 0 ? find_cycle (self, self->year) : NULL;

  if (cycle != NULL && cycle == self->cycle)
    {
      show_year (self, self->year);
      return;
    }

  show_year (self, cycle != NULL ? self->year : default_year (self));
}

static void
on_reviews_changed_cb (HlgCyclePage *self)
{
  if (g_strcmp0 (self->kind, "board-review") == 0 || g_strcmp0 (self->kind, "feedback") == 0)
    bind_details (self);
}

static void
previous_year_action (GtkWidget  *widget,
                      const char *action_name,
                      GVariant   *parameter)
{
  HlgCyclePage *self = HLG_CYCLE_PAGE (widget);
  int year = neighbour_year (self, self->year, -1);

  if (year != 0)
    show_year (self, year);
}

static void
next_year_action (GtkWidget  *widget,
                  const char *action_name,
                  GVariant   *parameter)
{
  HlgCyclePage *self = HLG_CYCLE_PAGE (widget);
  int year = neighbour_year (self, self->year, 1);

  if (year != 0)
    show_year (self, year);
}

static void
hlg_cycle_page_constructed (GObject *object)
{
  HlgCyclePage *self = HLG_CYCLE_PAGE (object);
  HlgStore *store = hlg_page_get_store (HLG_PAGE (self));

  G_OBJECT_CLASS (hlg_cycle_page_parent_class)->constructed (object);

  self->priority_filter = gtk_custom_filter_new (priority_filter_func, self, NULL);
  self->priorities = gtk_filter_list_model_new (
    g_object_ref (hlg_store_get_model (store, HLG_DOC_TYPE_PRIORITY)),
    g_object_ref (GTK_FILTER (self->priority_filter)));
  gtk_list_box_bind_model (self->priorities_list, G_LIST_MODEL (self->priorities),
                           create_priority_row_cb, self, NULL);

  self->detail_filter = gtk_custom_filter_new (detail_filter_func, self, NULL);
  self->details = gtk_filter_list_model_new (NULL,
                                             g_object_ref (GTK_FILTER (self->detail_filter)));

  g_signal_connect_object (hlg_store_get_model (store, HLG_DOC_TYPE_CYCLE), "items-changed",
                           G_CALLBACK (on_cycles_changed_cb), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (hlg_store_get_model (store, HLG_DOC_TYPE_REVIEW), "items-changed",
                           G_CALLBACK (on_reviews_changed_cb), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (hlg_store_get_model (store, HLG_DOC_TYPE_FEEDBACK),
                           "items-changed", G_CALLBACK (on_reviews_changed_cb), self,
                           G_CONNECT_SWAPPED);

  show_year (self, default_year (self));
}

static void
hlg_cycle_page_dispose (GObject *object)
{
  HlgCyclePage *self = HLG_CYCLE_PAGE (object);

  if (self->priorities_list != NULL)
    gtk_list_box_bind_model (self->priorities_list, NULL, NULL, NULL, NULL);
  if (self->milestone_list != NULL)
    gtk_list_box_bind_model (self->milestone_list, NULL, NULL, NULL, NULL);
  self->priorities_list = NULL;
  self->milestone_list = NULL;

  g_clear_object (&self->priorities);
  g_clear_object (&self->priority_filter);
  g_clear_object (&self->details);
  g_clear_object (&self->detail_filter);
  g_clear_object (&self->cycle);

  G_OBJECT_CLASS (hlg_cycle_page_parent_class)->dispose (object);
}

static void
hlg_cycle_page_finalize (GObject *object)
{
  HlgCyclePage *self = HLG_CYCLE_PAGE (object);

  g_free (self->kind);

  G_OBJECT_CLASS (hlg_cycle_page_parent_class)->finalize (object);
}

static void
hlg_cycle_page_search_changed (HlgPage *page)
{
  HlgCyclePage *self = HLG_CYCLE_PAGE (page);

  if (self->priority_filter != NULL)
    {
      gtk_filter_changed (GTK_FILTER (self->priority_filter), GTK_FILTER_CHANGE_DIFFERENT);
      gtk_filter_changed (GTK_FILTER (self->detail_filter), GTK_FILTER_CHANGE_DIFFERENT);
    }
}

static void
hlg_cycle_page_class_init (HlgCyclePageClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);
  HlgPageClass *page_class = HLG_PAGE_CLASS (klass);

  object_class->constructed = hlg_cycle_page_constructed;
  object_class->dispose = hlg_cycle_page_dispose;
  object_class->finalize = hlg_cycle_page_finalize;

  page_class->search_changed = hlg_cycle_page_search_changed;

  g_type_ensure (HLG_TYPE_TIMELINE);
  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/org/unece/HLGMOS/hlg-cycle-page.ui");
  gtk_widget_class_bind_template_child (widget_class, HlgCyclePage, stack);
  gtk_widget_class_bind_template_child (widget_class, HlgCyclePage, year_label);
  gtk_widget_class_bind_template_child (widget_class, HlgCyclePage, subtitle_label);
  gtk_widget_class_bind_template_child (widget_class, HlgCyclePage, timeline);
  gtk_widget_class_bind_template_child (widget_class, HlgCyclePage, milestone_group);
  gtk_widget_class_bind_template_child (widget_class, HlgCyclePage, milestone_list);
  gtk_widget_class_bind_template_child (widget_class, HlgCyclePage, milestone_placeholder);
  gtk_widget_class_bind_template_child (widget_class, HlgCyclePage, priorities_list);
  gtk_widget_class_bind_template_callback (widget_class, on_selected_milestone_cb);

  gtk_widget_class_install_action (widget_class, "cycle.previous-year", NULL,
                                   previous_year_action);
  gtk_widget_class_install_action (widget_class, "cycle.next-year", NULL, next_year_action);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Page_Up, GDK_ALT_MASK,
                                       "cycle.previous-year", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Page_Down, GDK_ALT_MASK,
                                       "cycle.next-year", NULL);
}

static void
hlg_cycle_page_init (HlgCyclePage *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
}

GtkWidget *
hlg_cycle_page_new (HlgStore *store)
{
  g_return_val_if_fail (HLG_IS_STORE (store), NULL);

  return g_object_new (HLG_TYPE_CYCLE_PAGE, "store", store, NULL);
}

