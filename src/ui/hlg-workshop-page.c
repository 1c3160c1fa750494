/* hlg-workshop-page.c: the Workshop place: the agenda, the ballots, one's own, the two recommended
 * SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "hlg-workshop-page"

#include "config.h"

#include <glib/gi18n.h>

#include "hlg-application.h"
#include "hlg-ballot-editor.h"
#include "hlg-labels.h"
#include "hlg-tally.h"
#include "hlg-timeline.h"
#include "hlg-workshop-page.h"
#include "hlg-page.h"

struct _HlgWorkshopPage
{
  HlgPage            parent_instance;

  HlgDocument        *cycle;
  HlgTally           *tally;

  GtkCustomFilter    *on_agenda_filter;
  GtkFilterListModel *on_agenda;    /* the cycle's proposals on the agenda, all of them */
  GtkCustomFilter    *search_filter;
  GtkFilterListModel *agenda;       /* those the search finds */
  GtkStringList      *recommended;  /* proposal IDs */
  GtkStringList      *results;      /* proposal IDs, in the order of the count */

  GtkBox             *content_box;
  HlgBallotEditor    *ballot_editor;
  GtkLabel           *title_label;
  GtkLabel           *subtitle_label;
  AdwPreferencesGroup *ballots_group;
  AdwPreferencesGroup *recommended_group;
  GtkListBox         *recommended_list;
  GtkLabel           *recommended_placeholder;
  GtkWidget          *tie_box;
  GtkLabel           *tie_label;
  GtkListBox         *results_list;
  GtkListBox         *agenda_list;
};

G_DEFINE_FINAL_TYPE (HlgWorkshopPage, hlg_workshop_page, HLG_TYPE_PAGE)

static const char * const agenda_statuses[] = {
  "feedback-released", "revised", "presented", "recommended", "selected", "not-selected", NULL
};

static gboolean
on_agenda_filter_func (gpointer item,
                       gpointer user_data)
{
  HlgWorkshopPage *self = user_data;
  HlgDocument *proposal = item;

  if (self->cycle == NULL
      || g_strcmp0 (hlg_document_get_string (proposal, "cycle"),
                    hlg_document_get_id (self->cycle)) != 0)
    return FALSE;

  return g_strv_contains (agenda_statuses, hlg_document_get_string (proposal, "status"));
}

static gboolean
search_filter_func (gpointer item,
                    gpointer user_data)
{
  HlgWorkshopPage *self = user_data;
  HlgDocument *proposal = item;
  const char *lead;
  g_autofree char *needle = NULL;

  needle = hlg_page_dup_needle (HLG_PAGE (self));
  if (needle == NULL)
    return TRUE;
  lead = hlg_page_title_of (HLG_PAGE (self),
                            hlg_document_get_string (proposal, "lead_organisation"));

  return hlg_page_text_matches (hlg_document_get_string (proposal, "title"), needle)
         || hlg_page_text_matches (hlg_document_get_string (proposal, "summary"), needle)
         || hlg_page_text_matches (lead, needle);
}

static GtkWidget *
proposal_row (HlgWorkshopPage *self,
              const char      *id)
{
  HlgStore *store = hlg_page_get_store (HLG_PAGE (self));
  HlgDocument *proposal = hlg_store_lookup (store, id);
  GtkWidget *row = adw_action_row_new ();
  const char *lead = NULL;

  if (proposal != NULL)
    lead = hlg_page_title_of (HLG_PAGE (self),
                              hlg_document_get_string (proposal, "lead_organisation"));
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row),
                                 proposal != NULL ? hlg_document_get_title (proposal)
                                                  : _("Unknown proposal"));
  adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (row), FALSE);
  if (lead != NULL)
    adw_action_row_set_subtitle (ADW_ACTION_ROW (row), lead);

  return row;
}

static GtkWidget *
create_agenda_row_cb (gpointer item,
                      gpointer user_data)
{
  HlgWorkshopPage *self = user_data;
  HlgDocument *proposal = item;
  GtkWidget *row = proposal_row (self, hlg_document_get_id (proposal));
  const char *status = hlg_document_get_string (proposal, "status");
  GtkWidget *label = gtk_label_new (hlg_labels_value (status));

  gtk_widget_add_css_class (label, g_strcmp0 (status, "recommended") == 0
                                   || g_strcmp0 (status, "selected") == 0 ? "success" : "dim-label");
  adw_action_row_add_suffix (ADW_ACTION_ROW (row), label);

  return row;
}

static GtkWidget *
create_recommended_row_cb (gpointer item,
                           gpointer user_data)
{
  HlgWorkshopPage *self = user_data;
  GtkWidget *row = proposal_row (self, gtk_string_object_get_string (item));
  GtkWidget *icon = gtk_image_new_from_icon_name ("emblem-ok-symbolic");

  gtk_widget_add_css_class (icon, "success");
  adw_action_row_add_prefix (ADW_ACTION_ROW (row), icon);

  return row;
}

static GtkWidget *
create_result_row_cb (gpointer item,
                      gpointer user_data)
{
  HlgWorkshopPage *self = user_data;
  const char *id = gtk_string_object_get_string (item);
  GtkWidget *row = proposal_row (self, id);
  g_autofree char *place_text = NULL;
  g_autofree char *score_text = NULL;
  GtkWidget *label;

  for (guint i = 0; self->tally != NULL && i < hlg_tally_get_n_results (self->tally); i++)
    {
      guint place, last;
      gint64 score;

      if (g_strcmp0 (hlg_tally_get_proposal (self->tally, i), id) != 0)
        continue;
      place = hlg_tally_get_place (self->tally, i, &last);
      score = hlg_tally_get_score (self->tally, i);
      if (last > place)
        /* Translators: tied places, “2–3” */
        place_text = g_strdup_printf (C_("place", "%u–%u"), place, last);
      else
        place_text = g_strdup_printf ("%u", place);
      if (g_strcmp0 (hlg_tally_get_method (self->tally), "approval") == 0)
        score_text = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%lld vote", "%lld votes",
                                                   score), (long long) score);
      else
        score_text = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%lld point", "%lld points",
                                                   score), (long long) score);
      break;
    }

  label = gtk_label_new (place_text != NULL ? place_text : "");
  gtk_widget_add_css_class (label, "title-4");
  gtk_widget_set_size_request (label, 36, -1);
  adw_action_row_add_prefix (ADW_ACTION_ROW (row), label);
  label = gtk_label_new (score_text);
  gtk_widget_add_css_class (label, "numeric");
  adw_action_row_add_suffix (ADW_ACTION_ROW (row), label);

  return row;
}

static void
replace_strings (GtkStringList *list,
                 const char * const *strings)
{
  gtk_string_list_splice (list, 0, g_list_model_get_n_items (G_LIST_MODEL (list)), strings);
}

/* Counts the cycle's ballots again. */
/* The proposals of the cycle the secretariat has marked as recommended
 * (or already selected): the result as published. */
static GStrv
dup_published (HlgWorkshopPage *self)
{
  g_autoptr(GStrvBuilder) ids = g_strv_builder_new ();
  GListModel *agenda = G_LIST_MODEL (self->on_agenda);

  for (guint i = 0; i < g_list_model_get_n_items (agenda); i++)
    {
      g_autoptr(HlgDocument) proposal = g_list_model_get_item (agenda, i);
      const char *status = hlg_document_get_string (proposal, "status");

      if (g_strcmp0 (status, "recommended") == 0 || g_strcmp0 (status, "selected") == 0)
        g_strv_builder_add (ids, hlg_document_get_id (proposal));
    }

  return g_strv_builder_end (ids);
}

static void
recount (HlgWorkshopPage *self)
{
  HlgStore *store = hlg_page_get_store (HLG_PAGE (self));
  GListModel *ballots = hlg_store_get_model (store, HLG_DOC_TYPE_BALLOT);
  g_autoptr(GPtrArray) order = g_ptr_array_new ();
  g_auto(GStrv) recommended = NULL;
  g_auto(GStrv) tied = NULL;
  g_autofree char *description = NULL;
  guint n_errors = 0;
  guint first = 0, last = 0;
  gboolean counts = hlg_role_can (hlg_page_get_role (HLG_PAGE (self)), "count-ballots");

  g_clear_object (&self->tally);
  if (self->cycle != NULL)
    {
      self->tally = hlg_tally_new (self->cycle);
      for (guint i = 0; i < g_list_model_get_n_items (ballots); i++)
        {
          g_autoptr(HlgDocument) ballot = g_list_model_get_item (ballots, i);

          if (!hlg_tally_add_ballot (self->tally, ballot, NULL))
            n_errors++;
        }
    }

  for (guint i = 0; self->tally != NULL && i < hlg_tally_get_n_results (self->tally); i++)
    g_ptr_array_add (order, (gpointer) hlg_tally_get_proposal (self->tally, i));
  g_ptr_array_add (order, NULL);
  replace_strings (self->results, (const char * const *) order->pdata);

  /* Those who read only their own ballot would see a count of one: they
   * see the result the secretariat publishes instead. */
  if (!counts)
    {
      recommended = dup_published (self);
      description = g_strdup (_("Ballots are secret: the secretariat counts them and marks "
                                "the two projects the workshop recommends."));
    }
  else if (self->tally != NULL && hlg_tally_get_n_ballots (self->tally) > 0)
    {
      guint n = hlg_tally_get_n_ballots (self->tally);
      const char *method = hlg_ballot_editor_method_label (hlg_tally_get_method (self->tally));

      recommended = hlg_tally_dup_recommended (self->tally);
      tied = hlg_tally_dup_tied (self->tally, &first, &last);
      if (n_errors > 0)
        /* Translators: ballots counted, the voting method, then ballots that could not be counted */
        description = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
                                                    "%u ballot counted, by %s; %u could not be counted",
                                                    "%u ballots counted, by %s; %u could not be counted",
                                                    n),
                                       n, method, n_errors);
      else
        /* Translators: ballots counted, then the voting method */
        description = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%u ballot counted, by %s",
                                                    "%u ballots counted, by %s", n),
                                       n, method);
    }
  gtk_widget_set_visible (GTK_WIDGET (self->ballots_group), counts);
  adw_preferences_group_set_description (self->ballots_group, counts ? description : NULL);
  adw_preferences_group_set_description (self->recommended_group, counts ? NULL : description);
  gtk_label_set_label (self->recommended_placeholder,
                       counts ? _("No ballots counted yet") : _("Not marked yet"));
  replace_strings (self->recommended, (const char * const *) recommended);
  /* One votes by the method of the ballots cast so far. */
  if (self->ballot_editor != NULL)
    hlg_ballot_editor_set_method (self->ballot_editor,
                                  self->tally != NULL && hlg_tally_get_method (self->tally) != NULL
                                  ? hlg_tally_get_method (self->tally) : "approval");

  gtk_widget_set_visible (self->tie_box, tied != NULL && tied[0] != NULL);
  if (tied != NULL && tied[0] != NULL)
    {
      g_autoptr(GString) names = g_string_new (NULL);
      g_autofree char *text = NULL;

      for (guint i = 0; tied[i] != NULL; i++)
        {
          const char *title = hlg_page_title_of (HLG_PAGE (self), tied[i]);

          if (i > 0)
            g_string_append (names, tied[i + 1] != NULL ? ", " : _(" and "));
          g_string_append_printf (names, "“%s”", title != NULL ? title : tied[i]);
        }
      /* Translators: the first and last place tied, then the proposals tied */
      text = g_strdup_printf (_("Tied for places %u to %u: %s. The ballots do not choose between "
                                "them; the workshop has to."),
                              first, last, names->str);
      gtk_label_set_label (self->tie_label, text);
    }
}

static HlgDocument *
choose_cycle (HlgWorkshopPage *self)
{
  HlgStore *store = hlg_page_get_store (HLG_PAGE (self));
  GListModel *cycles = hlg_store_get_model (store, HLG_DOC_TYPE_CYCLE);
  g_autoptr(GDateTime) now = g_date_time_new_now_local ();
  int this_year = g_date_time_get_year (now);
  HlgDocument *best = NULL;
  int best_year = 0;

  /* This year's cycle, else the latest before it, else the earliest after. */
  for (guint i = 0; i < g_list_model_get_n_items (cycles); i++)
    {
      g_autoptr(HlgDocument) doc = g_list_model_get_item (cycles, i);
      int year = hlg_document_get_int (doc, "year", 0);
      gboolean better;

      if (best == NULL)
        better = TRUE;
      else if (year <= this_year)
        better = best_year > this_year || year > best_year;
      else
        better = best_year > this_year && year < best_year;
      if (better)
        {
          best = doc;
          best_year = year;
        }
    }

  return best;
}

/* Only those who vote see a ballot of their own. */
static void
update_ballot_visible (HlgWorkshopPage *self)
{
  gtk_widget_set_visible (GTK_WIDGET (self->ballot_editor),
                          self->cycle != NULL
                          && hlg_role_can (hlg_page_get_role (HLG_PAGE (self)), "vote"));
}

static void
update_cycle (HlgWorkshopPage *self)
{
  HlgDocument *cycle = choose_cycle (self);
  JsonArray *milestones;
  g_autofree char *title = NULL;
  g_autofree char *subtitle = NULL;

  g_set_object (&self->cycle, cycle);
  gtk_filter_changed (GTK_FILTER (self->on_agenda_filter), GTK_FILTER_CHANGE_DIFFERENT);
  recount (self);
  if (self->ballot_editor != NULL)
    {
      hlg_ballot_editor_set_cycle (self->ballot_editor, cycle);
      update_ballot_visible (self);
    }

  if (cycle == NULL)
    {
      gtk_label_set_label (self->title_label, _("Workshop"));
      return;
    }

  /* Translators: %d is a year */
  title = g_strdup_printf (_("Workshop %d"), (int) hlg_document_get_int (cycle, "year", 0));
  gtk_label_set_label (self->title_label, title);

  milestones = hlg_document_get_array (cycle, "milestones");
  for (guint i = 0; milestones != NULL && i < json_array_get_length (milestones); i++)
    {
      JsonObject *m = json_array_get_object_element (milestones, i);
      g_autofree char *dates = NULL;

      if (m == NULL
          || g_strcmp0 (json_object_get_string_member_with_default (m, "kind", NULL), "workshop") != 0)
        continue;
      dates = hlg_timeline_format_range (json_object_get_string_member_with_default (m, "start", NULL),
                                         json_object_get_string_member_with_default (m, "end", NULL));
      /* Translators: the workshop's name, then its dates */
      subtitle = g_strdup_printf (_("%s, %s"),
                                  json_object_get_string_member_with_default (
                                    m, "title", _("Workshop on the Modernisation of Official Statistics")),
                                  dates != NULL ? dates : "");
    }
  if (subtitle != NULL)
    gtk_label_set_label (self->subtitle_label, subtitle);
}

static void
hlg_workshop_page_constructed (GObject *object)
{
  HlgWorkshopPage *self = HLG_WORKSHOP_PAGE (object);
  HlgStore *store = hlg_page_get_store (HLG_PAGE (self));

  G_OBJECT_CLASS (hlg_workshop_page_parent_class)->constructed (object);

  self->on_agenda_filter = gtk_custom_filter_new (on_agenda_filter_func, self, NULL);
  self->on_agenda = gtk_filter_list_model_new (
    g_object_ref (hlg_store_get_model (store, HLG_DOC_TYPE_PROPOSAL)),
    g_object_ref (GTK_FILTER (self->on_agenda_filter)));
  self->search_filter = gtk_custom_filter_new (search_filter_func, self, NULL);
  self->agenda = gtk_filter_list_model_new (g_object_ref (G_LIST_MODEL (self->on_agenda)),
                                            g_object_ref (GTK_FILTER (self->search_filter)));
  /* The ballot lists every proposal on the agenda, whatever the search. */
  self->ballot_editor = HLG_BALLOT_EDITOR (hlg_ballot_editor_new (store,
                                                                  G_LIST_MODEL (self->on_agenda)));
  gtk_box_insert_child_after (self->content_box, GTK_WIDGET (self->ballot_editor),
                              GTK_WIDGET (self->ballots_group));
  self->recommended = gtk_string_list_new (NULL);
  self->results = gtk_string_list_new (NULL);

  gtk_list_box_bind_model (self->agenda_list, G_LIST_MODEL (self->agenda),
                           create_agenda_row_cb, self, NULL);
  gtk_list_box_bind_model (self->recommended_list, G_LIST_MODEL (self->recommended),
                           create_recommended_row_cb, self, NULL);
  gtk_list_box_bind_model (self->results_list, G_LIST_MODEL (self->results),
                           create_result_row_cb, self, NULL);

  g_signal_connect_object (hlg_store_get_model (store, HLG_DOC_TYPE_CYCLE), "items-changed",
                           G_CALLBACK (update_cycle), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (hlg_store_get_model (store, HLG_DOC_TYPE_BALLOT), "items-changed",
                           G_CALLBACK (recount), self, G_CONNECT_SWAPPED);
  /* Ballots name proposals: their titles may arrive after the ballots. */
  g_signal_connect_object (hlg_store_get_model (store, HLG_DOC_TYPE_PROPOSAL), "items-changed",
                           G_CALLBACK (recount), self, G_CONNECT_SWAPPED);

  update_cycle (self);
}

static void
hlg_workshop_page_dispose (GObject *object)
{
  HlgWorkshopPage *self = HLG_WORKSHOP_PAGE (object);

  if (self->agenda_list != NULL)
    {
      gtk_list_box_bind_model (self->agenda_list, NULL, NULL, NULL, NULL);
      gtk_list_box_bind_model (self->recommended_list, NULL, NULL, NULL, NULL);
      gtk_list_box_bind_model (self->results_list, NULL, NULL, NULL, NULL);
    }
  self->agenda_list = NULL;
  self->ballot_editor = NULL; /* a child: it goes with the template */

  g_clear_object (&self->agenda);
  g_clear_object (&self->search_filter);
  g_clear_object (&self->on_agenda);
  g_clear_object (&self->on_agenda_filter);
  g_clear_object (&self->recommended);
  g_clear_object (&self->results);
  g_clear_object (&self->tally);
  g_clear_object (&self->cycle);

  G_OBJECT_CLASS (hlg_workshop_page_parent_class)->dispose (object);
}

static void
hlg_workshop_page_search_changed (HlgPage *page)
{
  HlgWorkshopPage *self = HLG_WORKSHOP_PAGE (page);

  if (self->search_filter != NULL)
    gtk_filter_changed (GTK_FILTER (self->search_filter), GTK_FILTER_CHANGE_DIFFERENT);
}

static void
hlg_workshop_page_role_changed (HlgPage *page)
{
  HlgWorkshopPage *self = HLG_WORKSHOP_PAGE (page);

  if (self->ballot_editor != NULL)
    {
      update_ballot_visible (self);
      recount (self);
    }
}

static void
hlg_workshop_page_class_init (HlgWorkshopPageClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);
  HlgPageClass *page_class = HLG_PAGE_CLASS (klass);

  object_class->constructed = hlg_workshop_page_constructed;
  object_class->dispose = hlg_workshop_page_dispose;

  page_class->search_changed = hlg_workshop_page_search_changed;
  page_class->role_changed = hlg_workshop_page_role_changed;

  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/org/unece/HLGMOS/hlg-workshop-page.ui");
  gtk_widget_class_bind_template_child (widget_class, HlgWorkshopPage, content_box);
  gtk_widget_class_bind_template_child (widget_class, HlgWorkshopPage, title_label);
  gtk_widget_class_bind_template_child (widget_class, HlgWorkshopPage, subtitle_label);
  gtk_widget_class_bind_template_child (widget_class, HlgWorkshopPage, ballots_group);
  gtk_widget_class_bind_template_child (widget_class, HlgWorkshopPage, recommended_list);
  gtk_widget_class_bind_template_child (widget_class, HlgWorkshopPage, recommended_placeholder);
  gtk_widget_class_bind_template_child (widget_class, HlgWorkshopPage, recommended_group);
  gtk_widget_class_bind_template_child (widget_class, HlgWorkshopPage, tie_box);
  gtk_widget_class_bind_template_child (widget_class, HlgWorkshopPage, tie_label);
  gtk_widget_class_bind_template_child (widget_class, HlgWorkshopPage, results_list);
  gtk_widget_class_bind_template_child (widget_class, HlgWorkshopPage, agenda_list);
}

static void
hlg_workshop_page_init (HlgWorkshopPage *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
}

GtkWidget *
hlg_workshop_page_new (HlgStore *store)
{
  g_return_val_if_fail (HLG_IS_STORE (store), NULL);

  return g_object_new (HLG_TYPE_WORKSHOP_PAGE, "store", store, NULL);
}

/**
 * hlg_workshop_page_get_ballot_editor:
 *
 * Returns: (transfer none): the signed-in person's ballot; hidden when
 *   their role does not vote or there is no cycle
 */
HlgBallotEditor *
hlg_workshop_page_get_ballot_editor (HlgWorkshopPage *self)
{
  g_return_val_if_fail (HLG_IS_WORKSHOP_PAGE (self), NULL);

  return self->ballot_editor;
}

/**
 * hlg_workshop_page_get_tally:
 *
 * Returns: (transfer none) (nullable): the count of the cycle's ballots
 *   this computer has (shown to those who read everyone's; it also gives
 *   the voting method); %NULL without a cycle
 */
HlgTally *
hlg_workshop_page_get_tally (HlgWorkshopPage *self)
{
  g_return_val_if_fail (HLG_IS_WORKSHOP_PAGE (self), NULL);

  return self->tally;
}

/**
 * hlg_workshop_page_get_recommended:
 *
 * Returns: (transfer none): the IDs of the proposals the page shows as
 *   recommended: by the count, or as the secretariat marked them for those
 *   who read only their own ballot
 */
GListModel *
hlg_workshop_page_get_recommended (HlgWorkshopPage *self)
{
  g_return_val_if_fail (HLG_IS_WORKSHOP_PAGE (self), NULL);

  return G_LIST_MODEL (self->recommended);
}
