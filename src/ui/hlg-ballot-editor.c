/* hlg-ballot-editor.c: the signed-in person's ballot at the workshop, saved as it is filled
 * SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "hlg-ballot-editor"

#include "config.h"

#include <adwaita.h>
#include <glib/gi18n.h>

#include "hlg-application.h"
#include "hlg-autosave.h"
#include "hlg-ballot-editor.h"
#include "hlg-json.h"
#include "hlg-rules.h"

struct _HlgBallotEditor
{
  GtkWidget            parent_instance;

  AdwPreferencesGroup *group;
  GtkLabel            *save_label;
  GtkLabel            *notice_label;
  GtkLabel            *closing_label;
  GtkListBox          *choices_list;
  GtkLabel            *points_label;

  HlgStore            *store;
  GListModel          *proposals;  /* on the agenda, in the order shown */
  GtkStringList       *rank_names; /* "Not ranked", then "1" to the number of proposals */
  HlgDocument         *cycle;
  char                *method;     /* the workshop's: the one its ballots are cast by */
  char                *voter;      /* "me", once the application knows who that is */
  HlgDocument         *ballot;     /* mine for the cycle; NULL until found or first changed */
  HlgAutosave         *autosave;
  guint                day_timeout; /* looks again when the day changes in UTC */
  guint                loading : 1;
  guint                closed : 1;  /* the cycle's voting closed: hlg_rules_voting_open() */
  guint                refused : 1; /* the last allotment asked for more points than were left */
};

G_DEFINE_FINAL_TYPE (HlgBallotEditor, hlg_ballot_editor, GTK_TYPE_WIDGET)

/**
 * hlg_ballot_editor_method_label:
 * @method: (nullable): "approval", "allotment" or "ranking"
 *
 * Returns: the method, as it reads inside a sentence
 */
const char *
hlg_ballot_editor_method_label (const char *method)
{
  if (g_strcmp0 (method, "approval") == 0)
    return _("approval voting");
  if (g_strcmp0 (method, "allotment") == 0)
    return _("points allotted");
  if (g_strcmp0 (method, "ranking") == 0)
    return _("ranked choice");

  return method != NULL ? method : "";
}

/* Choices */

static const char *
choice_proposal (JsonNode *node)
{
  if (node == NULL || !JSON_NODE_HOLDS_OBJECT (node))
    return NULL;

  return json_object_get_string_member_with_default (json_node_get_object (node), "proposal", NULL);
}

static JsonObject *
find_choice (JsonArray  *choices,
             const char *proposal)
{
  for (guint i = 0; choices != NULL && i < json_array_get_length (choices); i++)
    {
      JsonNode *node = json_array_get_element (choices, i);

      if (g_strcmp0 (choice_proposal (node), proposal) == 0)
        return json_node_get_object (node);
    }

  return NULL;
}

/* The choice for @proposal, added when there is none. Its ID is the
 * proposal's, so that two copies of a ballot merge choice by choice. */
static JsonObject *
ensure_choice (JsonArray  *choices,
               const char *proposal)
{
  JsonObject *choice = find_choice (choices, proposal);

  if (choice == NULL)
    {
      choice = json_object_new ();
      json_object_set_string_member (choice, "id", proposal);
      json_object_set_string_member (choice, "proposal", proposal);
      json_array_add_object_element (choices, choice);
    }

  return choice;
}

/* A whole number of a choice, 0 when it has none. */
static gint64
choice_int (JsonObject *choice,
            const char *member)
{
  JsonNode *node = choice ? json_object_get_member (choice, member) : NULL;

  if (node == NULL || !JSON_NODE_HOLDS_VALUE (node)
      || json_node_get_value_type (node) != G_TYPE_INT64)
    return 0;

  return MAX (json_node_get_int (node), 0);
}

static gint64
choice_points (JsonObject *choice)
{
  return choice_int (choice, "points");
}

static gint64
choice_rank (JsonObject *choice)
{
  return choice_int (choice, "rank");
}

static JsonNode *
array_node (JsonArray *array)
{
  JsonNode *node = json_node_new (JSON_NODE_ARRAY);

  json_node_take_array (node, array);
  return node;
}

/* The choices of my ballot, when it is cast by the workshop's method;
 * choices cast by another method mean nothing in this one. */
static JsonArray *
get_choices (HlgBallotEditor *self)
{
  if (self->ballot == NULL
      || g_strcmp0 (hlg_document_get_string (self->ballot, "method"), self->method) != 0)
    return NULL;

  return hlg_document_get_array (self->ballot, "choices");
}

static JsonArray *
dup_choices (HlgBallotEditor *self)
{
  JsonArray *choices = get_choices (self);
  JsonArray *copy = json_array_new ();

  for (guint i = 0; choices != NULL && i < json_array_get_length (choices); i++)
    json_array_add_element (copy, hlg_json_node_deep_copy (json_array_get_element (choices, i)));

  return copy;
}

/* The points given to every proposal but @except. */
static gint64
points_given (JsonArray  *choices,
              const char *except)
{
  gint64 sum = 0;

  for (guint i = 0; choices != NULL && i < json_array_get_length (choices); i++)
    {
      JsonNode *node = json_array_get_element (choices, i);

      if (choice_proposal (node) != NULL && g_strcmp0 (choice_proposal (node), except) != 0)
        sum += choice_points (json_node_get_object (node));
    }

  return sum;
}

static gboolean
on_agenda (HlgBallotEditor *self,
           const char      *proposal)
{
  for (guint i = 0; i < g_list_model_get_n_items (self->proposals); i++)
    {
      g_autoptr(HlgDocument) doc = g_list_model_get_item (self->proposals, i);

      if (g_strcmp0 (hlg_document_get_id (doc), proposal) == 0)
        return TRUE;
    }

  return FALSE;
}

/* Showing the ballot */

static gboolean
is_editable (HlgBallotEditor *self)
{
  return !self->closed && (self->ballot == NULL || !hlg_document_is_read_only (self->ballot));
}

static void
sync_row (HlgBallotEditor *self,
          GtkWidget       *row)
{
  GtkWidget *control = g_object_get_data (G_OBJECT (row), "hlg-control");
  const char *proposal = g_object_get_data (G_OBJECT (control), "hlg-proposal");
  JsonObject *choice = find_choice (get_choices (self), proposal);
  gboolean was_loading = self->loading;

  self->loading = TRUE;
  if (GTK_IS_CHECK_BUTTON (control))
    gtk_check_button_set_active (GTK_CHECK_BUTTON (control),
                                 choice != NULL
                                 && json_object_get_boolean_member_with_default (choice, "approved",
                                                                                 FALSE));
  else if (GTK_IS_SPIN_BUTTON (control))
    gtk_spin_button_set_value (GTK_SPIN_BUTTON (control), (double) choice_points (choice));
  else if (GTK_IS_DROP_DOWN (control))
    {
      guint n = g_list_model_get_n_items (G_LIST_MODEL (self->rank_names));
      gint64 rank = choice_rank (choice);

      gtk_drop_down_set_selected (GTK_DROP_DOWN (control), rank < n ? (guint) rank : 0);
    }
  gtk_widget_set_sensitive (control, is_editable (self));
  self->loading = was_loading;
}

static void
show_points_left (HlgBallotEditor *self)
{
  guint left = hlg_ballot_editor_get_points_left (self);
  g_autofree char *text = NULL;

  gtk_widget_set_visible (GTK_WIDGET (self->points_label),
                          g_strcmp0 (self->method, "allotment") == 0);
  if (self->refused && left == 0)
    /* Translators: %u is the points a voter shares out, 10 */
    text = g_strdup_printf (_("All %u points are given: take some back from another proposal "
                              "first"), HLG_BALLOT_EDITOR_POINTS);
  else if (self->refused)
    /* Translators: the points left, then the points a voter shares out, 10 */
    text = g_strdup_printf (_("Only %u of the %u points are left: take some back from another "
                              "proposal first"), left, HLG_BALLOT_EDITOR_POINTS);
  else
    /* Translators: the points left, then the points a voter shares out, 10 */
    text = g_strdup_printf (_("Points left: %u of %u"), left, HLG_BALLOT_EDITOR_POINTS);
  gtk_label_set_label (self->points_label, text);
  if (self->refused)
    gtk_widget_add_css_class (GTK_WIDGET (self->points_label), "error");
  else
    gtk_widget_remove_css_class (GTK_WIDGET (self->points_label), "error");
}

static void
show_notice (HlgBallotEditor *self)
{
  const char *cast_by = self->ballot ? hlg_document_get_string (self->ballot, "method") : NULL;
  g_autofree char *text = NULL;

  if (self->ballot != NULL && hlg_document_is_read_only (self->ballot))
    text = g_strdup (hlg_document_get_read_only_reason (self->ballot));
  else if (self->ballot != NULL && g_strcmp0 (cast_by, self->method) != 0)
    /* Translators: two voting methods, such as “approval voting” and “points allotted” */
    text = g_strdup_printf (_("Your ballot was cast by %s, but the workshop votes by %s, so it "
                              "is not counted. Cast it again below."),
                            hlg_ballot_editor_method_label (cast_by),
                            hlg_ballot_editor_method_label (self->method));

  gtk_label_set_label (self->notice_label, text ? text : "");
  gtk_widget_set_visible (GTK_WIDGET (self->notice_label), text != NULL);
}

/* Sets every control from the ballot, as after a change from elsewhere. */
static void
sync_widgets (HlgBallotEditor *self)
{
  GtkListBoxRow *row;

  for (int i = 0; (row = gtk_list_box_get_row_at_index (self->choices_list, i)) != NULL; i++)
    if (g_object_get_data (G_OBJECT (row), "hlg-control") != NULL)
      sync_row (self, GTK_WIDGET (row));

  show_points_left (self);
  show_notice (self);
}

/* Until when one may vote */

static void update_voting (HlgBallotEditor *self);

static gboolean
on_day_changed_cb (gpointer user_data)
{
  HlgBallotEditor *self = user_data;

  self->day_timeout = 0;
  update_voting (self);
  return G_SOURCE_REMOVE;
}

/* The line that says until when one may vote, or since when one may not. */
static char *
voting_text (HlgBallotEditor *self,
             GDateTime       *now,
             const GDate     *last_day)
{
  g_autofree char *date = hlg_rules_format_date (last_day);
  GDate today;
  int y, m, d, days;

  g_date_time_get_ymd (now, &y, &m, &d);
  g_date_clear (&today, 1);
  g_date_set_dmy (&today, d, m, y);
  days = g_date_days_between (&today, last_day);

  if (self->closed)
    /* Translators: %s is a date, as in “Voting closed on 20 November 2026” */
    return g_strdup_printf (_("Voting closed on %s"), date);
  if (days == 0)
    /* Translators: %s is today's date */
    return g_strdup_printf (_("Voting closes at the end of today, %s"), date);
  /* Translators: a date, then the days until it */
  return g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "Voting closes on %s (in %d day)",
                                       "Voting closes on %s (in %d days)", days),
                          date, days);
}

/* Whether the cycle's voting is still open, by the rule the server applies
 * (the end of the workshop's last day in UTC); looked at again as each day
 * begins in UTC, since one of them closes it. */
static void
update_voting (HlgBallotEditor *self)
{
  g_autoptr(GDateTime) now = g_date_time_new_now_utc ();
  g_autofree char *text = NULL;
  GDate last_day;

  g_clear_handle_id (&self->day_timeout, g_source_remove);
  g_date_clear (&last_day, 1);
  self->closed = self->cycle != NULL && !hlg_rules_voting_open (self->cycle, now, &last_day);
  if (g_date_valid (&last_day))
    text = voting_text (self, now, &last_day);
  if (g_date_valid (&last_day) && !self->closed)
    self->day_timeout = g_timeout_add_seconds (24 * 3600 + 1
                                               - g_date_time_get_hour (now) * 3600
                                               - g_date_time_get_minute (now) * 60
                                               - g_date_time_get_second (now),
                                               on_day_changed_cb, self);

  gtk_label_set_label (self->closing_label, text != NULL ? text : "");
  gtk_widget_set_visible (GTK_WIDGET (self->closing_label), text != NULL);
  sync_widgets (self);
}

/* Finding my ballot */

static void
on_ballot_changed_cb (HlgBallotEditor *self)
{
  sync_widgets (self);
}

static void
set_ballot (HlgBallotEditor *self,
            HlgDocument     *ballot)
{
  if (self->ballot == ballot)
    return;

  if (self->autosave != NULL)
    hlg_autosave_close (self->autosave);
  g_clear_object (&self->autosave);
  if (self->ballot != NULL)
    g_signal_handlers_disconnect_by_data (self->ballot, self);

  g_set_object (&self->ballot, ballot);
  self->refused = FALSE;
  if (ballot != NULL)
    {
      self->autosave = hlg_autosave_new (GTK_WIDGET (self), self->save_label, self->store, ballot);
      g_signal_connect_object (ballot, "changed", G_CALLBACK (on_ballot_changed_cb), self,
                               G_CONNECT_SWAPPED);
    }
  gtk_label_set_label (self->save_label, "");
  sync_widgets (self);
}

static HlgDocument *
find_ballot (HlgBallotEditor *self)
{
  GListModel *ballots = hlg_store_get_model (self->store, HLG_DOC_TYPE_BALLOT);
  const char *cycle_id = hlg_document_get_id (self->cycle);

  for (guint i = 0; i < g_list_model_get_n_items (ballots); i++)
    {
      g_autoptr(HlgDocument) ballot = g_list_model_get_item (ballots, i);

      if (g_strcmp0 (hlg_document_get_string (ballot, "cycle"), cycle_id) == 0
          && g_strcmp0 (hlg_document_get_string (ballot, "voter"), self->voter) == 0)
        return ballot;
    }

  return NULL;
}

/* Works out again whose ballot this is and finds it: at the start, and as
 * people and ballots arrive. Writes nothing. */
static void
refresh (HlgBallotEditor *self)
{
  GApplication *app = g_application_get_default ();
  HlgDocument *me = HLG_IS_APPLICATION (app) ? hlg_application_find_me (HLG_APPLICATION (app))
                                             : NULL;
  const char *voter = me != NULL ? hlg_document_get_id (me) : NULL;

  if (g_strcmp0 (voter, self->voter) != 0)
    {
      g_free (self->voter);
      self->voter = g_strdup (voter);
      set_ballot (self, NULL);
    }
  /* Once I have one, even one not written yet, it stays mine. */
  if (self->ballot == NULL && self->voter != NULL && self->cycle != NULL)
    set_ballot (self, find_ballot (self));
}

/* Changing the ballot */

/* Makes sure there is a ballot of mine, in the workshop's method, to change. */
static gboolean
prepare_ballot (HlgBallotEditor  *self,
                GError          **error)
{
  GApplication *app = g_application_get_default ();
  g_autoptr(HlgDocument) ballot = NULL;

  if (self->cycle == NULL || self->method == NULL)
    {
      g_set_error_literal (error, G_IO_ERROR, G_IO_ERROR_FAILED,
                           _("There is no workshop to vote at yet"));
      return FALSE;
    }

  if (self->ballot == NULL)
    {
      if (!HLG_IS_APPLICATION (app))
        {
          g_set_error_literal (error, G_IO_ERROR, G_IO_ERROR_FAILED,
                               _("No one is signed in to vote"));
          return FALSE;
        }
      if (hlg_application_ensure_me (HLG_APPLICATION (app), error) == NULL)
        return FALSE;
      refresh (self);
    }

  if (self->ballot == NULL)
    {
      /* Written at the first change, not merely by looking. */
      ballot = hlg_document_new (HLG_DOC_TYPE_BALLOT);
      if (!hlg_document_set_string (ballot, "cycle", hlg_document_get_id (self->cycle), error) ||
          !hlg_document_set_string (ballot, "voter", self->voter, error) ||
          !hlg_document_set_string (ballot, "method", self->method, error) ||
          !hlg_document_set_member (ballot, "choices", array_node (json_array_new ()), error))
        return FALSE;
      set_ballot (self, ballot);
    }
  else if (g_strcmp0 (hlg_document_get_string (self->ballot, "method"), self->method) != 0)
    {
      /* Cast again by the workshop's method, from nothing. */
      if (!hlg_document_set_string (self->ballot, "method", self->method, error) ||
          !hlg_document_set_member (self->ballot, "choices", array_node (json_array_new ()),
                                    error))
        return FALSE;
    }

  return TRUE;
}

/* Writes @choices (taken) into my ballot, to be saved once the changes pause. */
static void
commit_choices (HlgBallotEditor *self,
                JsonArray       *choices)
{
  g_autoptr(GError) error = NULL;

  if (!hlg_document_set_member (self->ballot, "choices", array_node (choices), &error))
    hlg_report_error (GTK_WIDGET (self), error);
  hlg_autosave_changed (self->autosave);
  sync_widgets (self);
}

/* Whether an action's choice belongs here: the workshop votes by @method
 * and @proposal is on its agenda. */
static gboolean
is_choice (HlgBallotEditor *self,
           const char      *method,
           const char      *proposal)
{
  if (g_strcmp0 (self->method, method) == 0 && on_agenda (self, proposal))
    return TRUE;

  g_debug ("No %s choice for %s here; ignored", method, proposal);
  sync_widgets (self);
  return FALSE;
}

/* Makes the ballot ready for a change, or tells why it cannot be. */
static gboolean
begin_change (HlgBallotEditor *self)
{
  g_autoptr(GError) error = NULL;

  if (self->closed)
    {
      g_debug ("Voting closed; the ballot is not changed");
      sync_widgets (self);
      return FALSE;
    }
  if (prepare_ballot (self, &error))
    return TRUE;

  hlg_report_error (GTK_WIDGET (self), error);
  sync_widgets (self);
  return FALSE;
}

static void
approve_action (GtkWidget  *widget,
                const char *action_name,
                GVariant   *parameter)
{
  HlgBallotEditor *self = HLG_BALLOT_EDITOR (widget);
  const char *proposal;
  gboolean approved;
  JsonArray *choices;

  g_variant_get (parameter, "(&sb)", &proposal, &approved);
  if (!is_choice (self, "approval", proposal) || !begin_change (self))
    return;

  choices = dup_choices (self);
  json_object_set_boolean_member (ensure_choice (choices, proposal), "approved", approved);
  commit_choices (self, choices);
}

static void
allot_action (GtkWidget  *widget,
              const char *action_name,
              GVariant   *parameter)
{
  HlgBallotEditor *self = HLG_BALLOT_EDITOR (widget);
  const char *proposal;
  gint32 points;
  JsonArray *choices;

  g_variant_get (parameter, "(&si)", &proposal, &points);
  if (!is_choice (self, "allotment", proposal))
    return;
  if (points < 0
      || points_given (get_choices (self), proposal) + points > HLG_BALLOT_EDITOR_POINTS)
    {
      /* Refused: the control goes back to what the ballot holds. */
      self->refused = TRUE;
      sync_widgets (self);
      gtk_widget_error_bell (widget);
      return;
    }
  if (!begin_change (self))
    return;

  self->refused = FALSE;
  choices = dup_choices (self);
  json_object_set_int_member (ensure_choice (choices, proposal), "points", points);
  commit_choices (self, choices);
}

typedef struct
{
  JsonObject *choice;
  gint64      rank;
} Ranked;

static int
compare_ranked (gconstpointer a,
                gconstpointer b)
{
  const Ranked *ra = a;
  const Ranked *rb = b;

  return (ra->rank > rb->rank) - (ra->rank < rb->rank);
}

/* Puts @proposal at @rank (0: not ranked) and numbers the others 1, 2, 3…
 * around it, in the order they had, so that each rank is used once. */
static void
rank_action (GtkWidget  *widget,
             const char *action_name,
             GVariant   *parameter)
{
  HlgBallotEditor *self = HLG_BALLOT_EDITOR (widget);
  g_autoptr(GArray) order = g_array_new (FALSE, FALSE, sizeof (Ranked));
  const char *proposal;
  gint32 rank;
  JsonArray *choices;

  g_variant_get (parameter, "(&si)", &proposal, &rank);
  if (rank < 0 || !is_choice (self, "ranking", proposal) || !begin_change (self))
    return;

  choices = dup_choices (self);
  for (guint i = 0; i < json_array_get_length (choices); i++)
    {
      JsonNode *node = json_array_get_element (choices, i);
      Ranked ranked = { NULL, 0 };

      if (choice_proposal (node) == NULL)
        continue;
      ranked.choice = json_node_get_object (node);
      ranked.rank = choice_rank (ranked.choice);
      if (json_object_has_member (ranked.choice, "rank"))
        json_object_remove_member (ranked.choice, "rank");
      if (ranked.rank > 0 && g_strcmp0 (choice_proposal (node), proposal) != 0)
        g_array_append_val (order, ranked);
    }
  g_array_sort (order, compare_ranked);

  if (rank > 0)
    {
      Ranked ranked = { ensure_choice (choices, proposal), rank };

      g_array_insert_val (order, MIN ((guint) rank, order->len + 1) - 1, ranked);
    }
  else
    ensure_choice (choices, proposal);

  for (guint i = 0; i < order->len; i++)
    json_object_set_int_member (g_array_index (order, Ranked, i).choice, "rank", i + 1);
  commit_choices (self, choices);
}

/* The controls */

static void
on_approved_toggled_cb (GtkCheckButton  *check,
                        HlgBallotEditor *self)
{
  if (self->loading)
    return;

  gtk_widget_activate_action (GTK_WIDGET (self), "ballot.approve", "(sb)",
                              g_object_get_data (G_OBJECT (check), "hlg-proposal"),
                              gtk_check_button_get_active (check));
}

static void
on_points_changed_cb (GtkSpinButton   *spin,
                      HlgBallotEditor *self)
{
  const char *proposal = g_object_get_data (G_OBJECT (spin), "hlg-proposal");
  int points = gtk_spin_button_get_value_as_int (spin);

  /* A spin button tells of its value more than once, also of the value
   * it was set back to: only a change is a choice. */
  if (self->loading || points == choice_points (find_choice (get_choices (self), proposal)))
    return;

  gtk_widget_activate_action (GTK_WIDGET (self), "ballot.allot", "(si)", proposal,
                              (gint32) points);
}

static void
on_rank_selected_cb (GtkDropDown     *dropdown,
                     GParamSpec      *pspec,
                     HlgBallotEditor *self)
{
  guint selected = gtk_drop_down_get_selected (dropdown);

  if (self->loading)
    return;

  gtk_widget_activate_action (GTK_WIDGET (self), "ballot.rank", "(si)",
                              g_object_get_data (G_OBJECT (dropdown), "hlg-proposal"),
                              selected == GTK_INVALID_LIST_POSITION ? 0 : (gint32) selected);
}

static GtkWidget *
create_choice_row_cb (gpointer item,
                      gpointer user_data)
{
  HlgBallotEditor *self = user_data;
  HlgDocument *proposal = item;
  const char *lead_id = hlg_document_get_string (proposal, "lead_organisation");
  HlgDocument *lead = lead_id != NULL ? hlg_store_lookup (self->store, lead_id) : NULL;
  const char *title = hlg_document_get_title (proposal);
  GtkWidget *row = adw_action_row_new ();
  GtkWidget *control;

  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), title);
  adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (row), FALSE);
  if (lead != NULL)
    adw_action_row_set_subtitle (ADW_ACTION_ROW (row), hlg_document_get_title (lead));

  if (g_strcmp0 (self->method, "allotment") == 0)
    {
      control = gtk_spin_button_new_with_range (0, HLG_BALLOT_EDITOR_POINTS, 1);
      gtk_widget_set_valign (control, GTK_ALIGN_CENTER);
      g_signal_connect (control, "value-changed", G_CALLBACK (on_points_changed_cb), self);
      adw_action_row_add_suffix (ADW_ACTION_ROW (row), control);
    }
  else if (g_strcmp0 (self->method, "ranking") == 0)
    {
      control = gtk_drop_down_new (G_LIST_MODEL (g_object_ref (self->rank_names)), NULL);
      gtk_widget_set_valign (control, GTK_ALIGN_CENTER);
      g_signal_connect (control, "notify::selected", G_CALLBACK (on_rank_selected_cb), self);
      adw_action_row_add_suffix (ADW_ACTION_ROW (row), control);
    }
  else
    {
      control = gtk_check_button_new ();
      gtk_widget_set_valign (control, GTK_ALIGN_CENTER);
      g_signal_connect (control, "toggled", G_CALLBACK (on_approved_toggled_cb), self);
      adw_action_row_add_prefix (ADW_ACTION_ROW (row), control);
      adw_action_row_set_activatable_widget (ADW_ACTION_ROW (row), control);
    }
  gtk_accessible_update_property (GTK_ACCESSIBLE (control), GTK_ACCESSIBLE_PROPERTY_LABEL, title,
                                  -1);
  g_object_set_data_full (G_OBJECT (control), "hlg-proposal",
                          g_strdup (hlg_document_get_id (proposal)), g_free);
  g_object_set_data (G_OBJECT (row), "hlg-control", control);
  sync_row (self, row);

  return row;
}

static void
update_rank_names (HlgBallotEditor *self)
{
  guint n = g_list_model_get_n_items (self->proposals);
  g_autoptr(GPtrArray) names = g_ptr_array_new_with_free_func (g_free);
  gboolean was_loading = self->loading;

  g_ptr_array_add (names, g_strdup (C_("rank", "Not ranked")));
  for (guint i = 1; i <= n; i++)
    g_ptr_array_add (names, g_strdup_printf ("%u", i));
  g_ptr_array_add (names, NULL);

  /* The drop-downs' choices move under them: that is no vote. */
  self->loading = TRUE;
  gtk_string_list_splice (self->rank_names, 0,
                          g_list_model_get_n_items (G_LIST_MODEL (self->rank_names)),
                          (const char * const *) names->pdata);
  self->loading = was_loading;
}

static void
on_proposals_changed_cb (HlgBallotEditor *self)
{
  update_rank_names (self);
  sync_widgets (self);
}

static void
on_people_or_ballots_changed_cb (HlgBallotEditor *self)
{
  refresh (self);
}

static void
bind_rows (HlgBallotEditor *self)
{
  gtk_list_box_bind_model (self->choices_list, self->proposals, create_choice_row_cb, self, NULL);
}

/* Public */

/**
 * hlg_ballot_editor_set_cycle:
 * @cycle: (nullable): the cycle whose workshop is voting
 */
void
hlg_ballot_editor_set_cycle (HlgBallotEditor *self,
                             HlgDocument     *cycle)
{
  g_return_if_fail (HLG_IS_BALLOT_EDITOR (self));
  g_return_if_fail (cycle == NULL || HLG_IS_DOCUMENT (cycle));

  if (self->cycle == cycle)
    return;

  if (self->cycle != NULL)
    g_signal_handlers_disconnect_by_data (self->cycle, self);
  g_set_object (&self->cycle, cycle);
  /* The secretariat may move the workshop's dates. */
  if (cycle != NULL)
    g_signal_connect_object (cycle, "changed", G_CALLBACK (update_voting), self,
                             G_CONNECT_SWAPPED);
  set_ballot (self, NULL);
  refresh (self);
  update_voting (self);
}

/**
 * hlg_ballot_editor_set_method:
 * @method: "approval", "allotment" or "ranking": the method of the ballots
 *   cast so far
 */
void
hlg_ballot_editor_set_method (HlgBallotEditor *self,
                              const char      *method)
{
  const char *description;
  g_autofree char *allotment = NULL;

  g_return_if_fail (HLG_IS_BALLOT_EDITOR (self));
  g_return_if_fail (method != NULL);

  if (g_strcmp0 (self->method, method) == 0)
    return;

  g_free (self->method);
  self->method = g_strdup (method);
  self->refused = FALSE;

  if (g_str_equal (method, "allotment"))
    {
      /* Translators: %u is the points a voter shares out, 10 */
      allotment = g_strdup_printf (_("Share %u points among the proposals you support; the two "
                                     "with the most points are recommended."),
                                   HLG_BALLOT_EDITOR_POINTS);
      description = allotment;
    }
  else if (g_str_equal (method, "ranking"))
    description = _("Rank the proposals you support, 1 first; each rank is used once.");
  else
    description = _("Tick every proposal you support; the two with the most votes are "
                    "recommended.");
  adw_preferences_group_set_description (self->group, description);

  /* Other controls for another method. */
  bind_rows (self);
  sync_widgets (self);
}

const char *
hlg_ballot_editor_get_method (HlgBallotEditor *self)
{
  g_return_val_if_fail (HLG_IS_BALLOT_EDITOR (self), NULL);

  return self->method;
}

/**
 * hlg_ballot_editor_get_ballot:
 *
 * Returns: (transfer none) (nullable): the signed-in person's ballot for the
 *   cycle, or %NULL before they have one
 */
HlgDocument *
hlg_ballot_editor_get_ballot (HlgBallotEditor *self)
{
  g_return_val_if_fail (HLG_IS_BALLOT_EDITOR (self), NULL);

  return self->ballot;
}

/* The points of HLG_BALLOT_EDITOR_POINTS not yet given, under "allotment". */
guint
hlg_ballot_editor_get_points_left (HlgBallotEditor *self)
{
  gint64 given;

  g_return_val_if_fail (HLG_IS_BALLOT_EDITOR (self), 0);

  given = points_given (get_choices (self), NULL);
  return given < HLG_BALLOT_EDITOR_POINTS ? (guint) (HLG_BALLOT_EDITOR_POINTS - given) : 0;
}

gboolean
hlg_ballot_editor_flush (HlgBallotEditor  *self,
                         GError          **error)
{
  g_return_val_if_fail (HLG_IS_BALLOT_EDITOR (self), FALSE);

  return self->autosave == NULL || hlg_autosave_flush (self->autosave, error);
}

/**
 * hlg_ballot_editor_get_widget:
 * @proposal: a proposal's ID, or "points", "notice" or "closing"
 *
 * Returns: (transfer none) (nullable): the control that votes for
 *   @proposal (a check button, a spin button or a drop-down, by the
 *   method), the label of the points left, the label that says why the
 *   ballot cannot be counted, or the one that says until when one may vote
 */
GtkWidget *
hlg_ballot_editor_get_widget (HlgBallotEditor *self,
                              const char      *proposal)
{
  GtkListBoxRow *row;

  g_return_val_if_fail (HLG_IS_BALLOT_EDITOR (self), NULL);
  g_return_val_if_fail (proposal != NULL, NULL);

  if (g_str_equal (proposal, "points"))
    return GTK_WIDGET (self->points_label);
  if (g_str_equal (proposal, "notice"))
    return GTK_WIDGET (self->notice_label);
  if (g_str_equal (proposal, "closing"))
    return GTK_WIDGET (self->closing_label);

  for (int i = 0; (row = gtk_list_box_get_row_at_index (self->choices_list, i)) != NULL; i++)
    {
      GtkWidget *control = g_object_get_data (G_OBJECT (row), "hlg-control");

      if (control != NULL
          && g_strcmp0 (g_object_get_data (G_OBJECT (control), "hlg-proposal"), proposal) == 0)
        return control;
    }

  return NULL;
}

static void
hlg_ballot_editor_dispose (GObject *object)
{
  HlgBallotEditor *self = HLG_BALLOT_EDITOR (object);
  GtkWidget *child;

  /* The controls go now: nothing they do any more is a vote. */
  self->loading = TRUE;
  g_clear_handle_id (&self->day_timeout, g_source_remove);
  if (self->autosave != NULL)
    hlg_autosave_close (self->autosave);
  if (self->ballot != NULL)
    g_signal_handlers_disconnect_by_data (self->ballot, self);
  if (self->cycle != NULL)
    g_signal_handlers_disconnect_by_data (self->cycle, self);
  if (self->store != NULL)
    {
      g_signal_handlers_disconnect_by_data (hlg_store_get_model (self->store, HLG_DOC_TYPE_BALLOT),
                                            self);
      g_signal_handlers_disconnect_by_data (hlg_store_get_model (self->store, HLG_DOC_TYPE_PERSON),
                                            self);
    }
  if (self->proposals != NULL)
    g_signal_handlers_disconnect_by_data (self->proposals, self);
  if (self->choices_list != NULL)
    gtk_list_box_bind_model (self->choices_list, NULL, NULL, NULL, NULL);

  gtk_widget_dispose_template (GTK_WIDGET (self), HLG_TYPE_BALLOT_EDITOR);
  while ((child = gtk_widget_get_first_child (GTK_WIDGET (self))) != NULL)
    gtk_widget_unparent (child);

  g_clear_object (&self->autosave);
  g_clear_object (&self->ballot);
  g_clear_object (&self->cycle);
  g_clear_object (&self->proposals);
  g_clear_object (&self->rank_names);
  g_clear_object (&self->store);

  G_OBJECT_CLASS (hlg_ballot_editor_parent_class)->dispose (object);
}

static void
hlg_ballot_editor_finalize (GObject *object)
{
  HlgBallotEditor *self = HLG_BALLOT_EDITOR (object);

  g_free (self->method);
  g_free (self->voter);

  G_OBJECT_CLASS (hlg_ballot_editor_parent_class)->finalize (object);
}

static void
hlg_ballot_editor_class_init (HlgBallotEditorClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = hlg_ballot_editor_dispose;
  object_class->finalize = hlg_ballot_editor_finalize;

  /* A choice, whether made in its row or elsewhere: the proposal, then the
   * approval, the points (refused beyond those left) or the rank (0: none). */
  gtk_widget_class_install_action (widget_class, "ballot.approve", "(sb)", approve_action);
  gtk_widget_class_install_action (widget_class, "ballot.allot", "(si)", allot_action);
  gtk_widget_class_install_action (widget_class, "ballot.rank", "(si)", rank_action);

  gtk_widget_class_set_layout_manager_type (widget_class, GTK_TYPE_BIN_LAYOUT);
  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/org/unece/HLGMOS/hlg-ballot-editor.ui");
  gtk_widget_class_bind_template_child (widget_class, HlgBallotEditor, group);
  gtk_widget_class_bind_template_child (widget_class, HlgBallotEditor, save_label);
  gtk_widget_class_bind_template_child (widget_class, HlgBallotEditor, notice_label);
  gtk_widget_class_bind_template_child (widget_class, HlgBallotEditor, closing_label);
  gtk_widget_class_bind_template_child (widget_class, HlgBallotEditor, choices_list);
  gtk_widget_class_bind_template_child (widget_class, HlgBallotEditor, points_label);
}

static void
hlg_ballot_editor_init (HlgBallotEditor *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
  self->rank_names = gtk_string_list_new (NULL);
}

/**
 * hlg_ballot_editor_new:
 * @proposals: the proposals on the agenda, #HlgDocument items
 *
 * Returns: an editor of the signed-in person's ballot; set its cycle and
 *   method next
 */
GtkWidget *
hlg_ballot_editor_new (HlgStore   *store,
                       GListModel *proposals)
{
  HlgBallotEditor *self;

  g_return_val_if_fail (HLG_IS_STORE (store), NULL);
  g_return_val_if_fail (G_IS_LIST_MODEL (proposals), NULL);

  self = g_object_new (HLG_TYPE_BALLOT_EDITOR, NULL);
  self->store = g_object_ref (store);
  self->proposals = g_object_ref (proposals);
  update_rank_names (self);

  /* Before the list's own handler, so new rows find the ranks they may show. */
  g_signal_connect_object (proposals, "items-changed", G_CALLBACK (on_proposals_changed_cb), self,
                           G_CONNECT_SWAPPED);
  g_signal_connect_object (hlg_store_get_model (store, HLG_DOC_TYPE_BALLOT), "items-changed",
                           G_CALLBACK (on_people_or_ballots_changed_cb), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (hlg_store_get_model (store, HLG_DOC_TYPE_PERSON), "items-changed",
                           G_CALLBACK (on_people_or_ballots_changed_cb), self, G_CONNECT_SWAPPED);
  hlg_ballot_editor_set_method (self, "approval");

  return GTK_WIDGET (self);
}
