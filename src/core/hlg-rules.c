/* hlg-rules.c: the domain rules of the strategy, as warnings a person sees
 * SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "hlg-rules"

#include "config.h"

#include <glib/gi18n-lib.h>
#include <stdio.h>
#include <string.h>

#include "hlg-id.h"
#include "hlg-rules.h"
#include "hlg-schema.h"

G_DEFINE_BOXED_TYPE (HlgWarning, hlg_warning, hlg_warning_copy, hlg_warning_free)

HlgWarning *
hlg_warning_new (const char *field,
                 const char *message)
{
  HlgWarning *self;

  g_return_val_if_fail (message != NULL, NULL);

  self = g_new0 (HlgWarning, 1);
  self->field = g_strdup (field);
  self->message = g_strdup (message);

  return self;
}

HlgWarning *
hlg_warning_copy (const HlgWarning *self)
{
  g_return_val_if_fail (self != NULL, NULL);

  return hlg_warning_new (self->field, self->message);
}

void
hlg_warning_free (HlgWarning *self)
{
  if (self == NULL)
    return;

  g_free (self->field);
  g_free (self->message);
  g_free (self);
}

static GPtrArray *
warnings_new (void)
{
  return g_ptr_array_new_with_free_func ((GDestroyNotify) hlg_warning_free);
}

/* Takes @message. */
static void
add_warning (GPtrArray  *warnings,
             const char *field,
             char       *message)
{
  g_autofree char *owned = message;

  g_ptr_array_add (warnings, hlg_warning_new (field, owned));
}

/**
 * hlg_rules_parse_date:
 * @text: (nullable): a date as the documents hold it, YYYY-MM-DD
 * @out_date: (out caller-allocates): the date
 *
 * Returns: whether @text is a valid date; a missing or malformed one is the
 *   schema's to report, so the rules simply skip it.
 */
gboolean
hlg_rules_parse_date (const char *text,
                      GDate      *out_date)
{
  guint y, m, d;
  char tail;

  g_return_val_if_fail (out_date != NULL, FALSE);

  g_date_clear (out_date, 1);
  if (text == NULL || strlen (text) != 10 || text[4] != '-' || text[7] != '-')
    return FALSE;
  if (sscanf (text, "%4u-%2u-%2u%c", &y, &m, &d, &tail) != 3)
    return FALSE;
  if (!g_date_valid_dmy (d, m, y))
    return FALSE;

  g_date_set_dmy (out_date, d, m, y);
  return TRUE;
}

/**
 * hlg_rules_get_latest_end:
 * @start: the first day
 * @months: the length of the period
 * @out_end: (out caller-allocates): its last day, inclusive
 *
 * The last day of a period of @months months starting on @start: the day
 * before the same day of the month @months later (1 January 2027 + 12 months
 * ends on 31 December 2027), or, when that month has no such day, its last day
 * (31 January + 1 month ends on 28 or 29 February; 29 February 2028 + 12
 * months ends on 28 February 2029).
 */
void
hlg_rules_get_latest_end (const GDate *start,
                          guint        months,
                          GDate       *out_end)
{
  guint total;
  GDateYear year;
  GDateMonth month;
  GDateDay day;
  guint8 days_in_month;

  g_return_if_fail (start != NULL && g_date_valid (start));
  g_return_if_fail (out_end != NULL);

  total = (guint) g_date_get_year (start) * 12 + (g_date_get_month (start) - 1) + months;
  year = total / 12;
  month = total % 12 + 1;
  day = g_date_get_day (start);
  days_in_month = g_date_get_days_in_month (month, year);

  g_date_clear (out_end, 1);
  if (day <= days_in_month)
    {
      g_date_set_dmy (out_end, day, month, year);
      g_date_subtract_days (out_end, 1);
    }
  else
    {
      g_date_set_dmy (out_end, days_in_month, month, year);
    }
}

/**
 * hlg_rules_format_date:
 * @date: a valid date
 *
 * Returns: (transfer full): @date as the person's language writes it in a
 *   sentence: "30 September 2026"
 */
char *
hlg_rules_format_date (const GDate *date)
{
  g_autoptr(GDateTime) dt = g_date_time_new_utc (g_date_get_year (date), g_date_get_month (date),
                                                 g_date_get_day (date), 0, 0, 0);
  /* Translators: a date in a warning, as in "30 September 2026"; see
   * g_date_time_format() for the codes (%e day, %B month name, %Y year). */
  char *text = dt ? g_date_time_format (dt, _("%e %B %Y")) : NULL;

  if (text != NULL)
    g_strstrip (text);

  return text ? text : g_strdup_printf ("%04u-%02u-%02u", g_date_get_year (date),
                                        g_date_get_month (date), g_date_get_day (date));
}

static void
date_from_date_time (GDateTime *dt,
                     GDate     *out_date)
{
  int y, m, d;

  /* The calendar day in the time stamp's own time zone. */
  g_date_time_get_ymd (dt, &y, &m, &d);
  g_date_clear (out_date, 1);
  g_date_set_dmy (out_date, d, m, y);
}

/* start/end: end before start, and, when @limit, longer than 12 months.
 * Shared by proposals of kind "project" and by projects. */
static void
check_period (GPtrArray   *warnings,
              HlgDocument *doc,
              gboolean     limit)
{
  GDate start, end, latest;
  g_autofree char *start_text = NULL;
  g_autofree char *end_text = NULL;

  if (!hlg_rules_parse_date (hlg_document_get_string (doc, "start"), &start) ||
      !hlg_rules_parse_date (hlg_document_get_string (doc, "end"), &end))
    return;

  start_text = hlg_rules_format_date (&start);
  end_text = hlg_rules_format_date (&end);

  if (g_date_compare (&end, &start) < 0)
    {
      add_warning (warnings, "end",
                   /* Translators: both %s are dates */
                   g_strdup_printf (_("The end date (%s) is before the start date (%s)"),
                                    end_text, start_text));
      return;
    }

  if (!limit)
    return;

  hlg_rules_get_latest_end (&start, HLG_RULES_MAX_PROJECT_MONTHS, &latest);
  if (g_date_compare (&end, &latest) > 0)
    {
      g_autofree char *latest_text = hlg_rules_format_date (&latest);

      add_warning (warnings, "end",
                   /* Translators: the first %s is the start date, the second the last
                    * possible end date, the third the end date chosen */
                   g_strdup_printf (_("A project lasts 12 months at most: starting on %s, "
                                      "it should end on %s at the latest, not %s"),
                                    start_text, latest_text, end_text));
    }
}

static guint
count_supporting (HlgDocument *proposal)
{
  JsonArray *array = hlg_document_get_array (proposal, "supporting_organisations");
  const char *lead = hlg_document_get_string (proposal, "lead_organisation");
  g_autoptr(GHashTable) seen = NULL;
  guint n = 0;

  if (array == NULL)
    return 0;

  seen = g_hash_table_new (g_str_hash, g_str_equal);
  for (guint i = 0; i < json_array_get_length (array); i++)
    {
      JsonNode *node = json_array_get_element (array, i);
      const char *id;
      HlgDocType type;

      if (!JSON_NODE_HOLDS_VALUE (node) || json_node_get_value_type (node) != G_TYPE_STRING)
        continue;
      id = json_node_get_string (node);
      if (!hlg_id_validate (id, &type, NULL) || type != HLG_DOC_TYPE_ORGANISATION)
        continue;
      if (g_strcmp0 (id, lead) == 0)
        continue;
      if (g_hash_table_add (seen, (gpointer) id))
        n++;
    }

  return n;
}

static void
check_supporting (GPtrArray   *warnings,
                  HlgDocument *proposal)
{
  guint n = count_supporting (proposal);

  if (n >= HLG_RULES_MIN_SUPPORTING)
    return;

  if (n == 0)
    add_warning (warnings, "supporting_organisations",
                 g_strdup (_("No supporting organisations; at least three are expected")));
  else
    add_warning (warnings, "supporting_organisations",
                 g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
                                               "Only %u supporting organisation; "
                                               "at least three are expected",
                                               "Only %u supporting organisations; "
                                               "at least three are expected",
                                               n),
                                  n));
}

/* The last day of the cycle's milestone of @kind: its end or else its
 * start; the latest if there are several. */
static gboolean
get_milestone_last_day (HlgDocument *cycle,
                        const char  *kind,
                        GDate       *out_day)
{
  JsonArray *milestones = hlg_document_get_array (cycle, "milestones");
  gboolean found = FALSE;

  g_date_clear (out_day, 1);
  if (milestones == NULL)
    return FALSE;

  for (guint i = 0; i < json_array_get_length (milestones); i++)
    {
      JsonNode *node = json_array_get_element (milestones, i);
      JsonObject *milestone;
      const char *text;
      GDate date;

      if (!JSON_NODE_HOLDS_OBJECT (node))
        continue;
      milestone = json_node_get_object (node);
      if (g_strcmp0 (json_object_get_string_member_with_default (milestone, "kind", NULL),
                     kind) != 0)
        continue;

      text = json_object_get_string_member_with_default (milestone, "end", NULL);
      if (!hlg_rules_parse_date (text, &date))
        {
          text = json_object_get_string_member_with_default (milestone, "start", NULL);
          if (!hlg_rules_parse_date (text, &date))
            continue;
        }

      if (!found || g_date_compare (&date, out_day) > 0)
        *out_day = date;
      found = TRUE;
    }

  return found;
}

/* The deadline is the end of its day where the submission was made: a time
 * stamp is late when its calendar date, in its own time zone, is after the
 * deadline's date. The same data give the same answer on every laptop. */
static void
check_deadline (GPtrArray   *warnings,
                HlgDocument *proposal,
                HlgDocument *cycle,
                GDateTime   *now)
{
  const char *proposal_cycle = hlg_document_get_string (proposal, "cycle");
  const char *submitted_text = hlg_document_get_string (proposal, "submitted_at");
  g_autoptr(GDateTime) submitted = NULL;
  g_autofree char *deadline_text = NULL;
  GDate deadline, day;

  if (proposal_cycle != NULL && g_strcmp0 (proposal_cycle, hlg_document_get_id (cycle)) != 0)
    {
      g_debug ("Proposal %s belongs to another cycle than %s; deadline not checked",
               hlg_document_get_id (proposal), hlg_document_get_id (cycle));
      return;
    }

  /* The last day proposals may be submitted. */
  if (!get_milestone_last_day (cycle, "proposal-deadline", &deadline))
    return;

  deadline_text = hlg_rules_format_date (&deadline);

  if (submitted_text != NULL)
    {
      g_autoptr(GTimeZone) utc = g_time_zone_new_utc ();
      g_autofree char *submitted_day = NULL;

      submitted = g_date_time_new_from_iso8601 (submitted_text, utc);
      if (submitted == NULL)
        return;

      date_from_date_time (submitted, &day);
      if (g_date_compare (&day, &deadline) <= 0)
        return;

      submitted_day = hlg_rules_format_date (&day);
      add_warning (warnings, "submitted_at",
                   /* Translators: both %s are dates */
                   g_strdup_printf (_("Submitted on %s, after the deadline of %s"),
                                    submitted_day, deadline_text));
      return;
    }

  if (g_strcmp0 (hlg_document_get_string (proposal, "status"), "draft") != 0)
    return;

  date_from_date_time (now, &day);
  if (g_date_compare (&day, &deadline) <= 0)
    return;

  add_warning (warnings, "submitted_at",
               /* Translators: %s is a date */
               g_strdup_printf (_("The deadline of %s has passed: this proposal will be late "
                                  "if it is submitted now"),
                                deadline_text));
}

static void
check_focus_areas (GPtrArray   *warnings,
                   HlgDocument *proposal)
{
  JsonArray *array = hlg_document_get_array (proposal, "focus_areas");

  if (array != NULL)
    {
      for (guint i = 0; i < json_array_get_length (array); i++)
        {
          JsonNode *node = json_array_get_element (array, i);

          if (JSON_NODE_HOLDS_VALUE (node) && json_node_get_value_type (node) == G_TYPE_STRING &&
              hlg_schema_is_value_of (hlg_focus_areas, json_node_get_string (node)))
            return;
        }
    }

  add_warning (warnings, "focus_areas",
               g_strdup (_("No focus area is chosen; choose at least one of the four")));
}

static void
check_work_packages (GPtrArray   *warnings,
                     HlgDocument *proposal)
{
  JsonArray *array = hlg_document_get_array (proposal, "work_packages");
  GDate start, end;
  gboolean has_start, has_end;

  if (array == NULL)
    return;

  has_start = hlg_rules_parse_date (hlg_document_get_string (proposal, "start"), &start);
  has_end = hlg_rules_parse_date (hlg_document_get_string (proposal, "end"), &end);
  if (!has_start && !has_end)
    return;

  for (guint i = 0; i < json_array_get_length (array); i++)
    {
      static const char * const date_fields[] = { "start", "end" };
      JsonNode *node = json_array_get_element (array, i);
      JsonObject *wp;
      const char *title;
      g_autofree char *fallback_title = NULL;
      gboolean early = FALSE, late = FALSE;

      if (!JSON_NODE_HOLDS_OBJECT (node))
        continue;
      wp = json_node_get_object (node);

      for (guint j = 0; j < G_N_ELEMENTS (date_fields); j++)
        {
          GDate date;

          if (!hlg_rules_parse_date (
                json_object_get_string_member_with_default (wp, date_fields[j], NULL), &date))
            continue;
          early |= has_start && g_date_compare (&date, &start) < 0;
          late |= has_end && g_date_compare (&date, &end) > 0;
        }

      if (!early && !late)
        continue;

      title = json_object_get_string_member_with_default (wp, "title", NULL);
      if (title == NULL || *title == '\0')
        /* Translators: %u is the position of a work package without a title */
        title = fallback_title = g_strdup_printf (_("number %u"), i + 1);

      if (early)
        {
          g_autofree char *start_text = hlg_rules_format_date (&start);

          add_warning (warnings, "work_packages",
                       /* Translators: the first %s is a work package's title, the second a date */
                       g_strdup_printf (_("Work package “%s” begins before the proposal’s "
                                          "start date (%s)"),
                                        title, start_text));
        }
      if (late)
        {
          g_autofree char *end_text = hlg_rules_format_date (&end);

          add_warning (warnings, "work_packages",
                       /* Translators: the first %s is a work package's title, the second a date */
                       g_strdup_printf (_("Work package “%s” finishes after the proposal’s "
                                          "end date (%s)"),
                                        title, end_text));
        }
    }
}

/**
 * hlg_rules_check_proposal:
 * @proposal: a proposal
 * @cycle: (nullable): its cycle, for the deadline
 * @now: (nullable): the current time, in the person's time zone; %NULL for
 *   the clock's
 *
 * Checks the rules a proposal should meet: a project of 12 months at most
 * that ends after it starts, three supporting organisations besides the lead,
 * submission by the deadline (a draft past it warns that it will be late), a
 * focus area, and work packages within the proposal's dates.
 *
 * Returns: (transfer full) (element-type HlgWarning): the warnings, in that
 *   order; empty when all is fine
 */
GPtrArray *
hlg_rules_check_proposal (HlgDocument *proposal,
                          HlgDocument *cycle,
                          GDateTime   *now)
{
  g_autoptr(GPtrArray) warnings = NULL;
  g_autoptr(GDateTime) clock_now = NULL;

  g_return_val_if_fail (HLG_IS_DOCUMENT (proposal), NULL);
  g_return_val_if_fail (hlg_document_get_doc_type (proposal) == HLG_DOC_TYPE_PROPOSAL, NULL);
  g_return_val_if_fail (cycle == NULL || HLG_IS_DOCUMENT (cycle), NULL);
  g_return_val_if_fail (cycle == NULL || hlg_document_get_doc_type (cycle) == HLG_DOC_TYPE_CYCLE,
                        NULL);

  if (now == NULL)
    now = clock_now = g_date_time_new_now_local ();

  warnings = warnings_new ();
  check_period (warnings, proposal,
                g_strcmp0 (hlg_document_get_string (proposal, "kind"), "project") == 0);
  check_supporting (warnings, proposal);
  if (cycle != NULL)
    check_deadline (warnings, proposal, cycle, now);
  check_focus_areas (warnings, proposal);
  check_work_packages (warnings, proposal);

  return g_steal_pointer (&warnings);
}

/**
 * hlg_rules_check_project:
 * @project: a project
 *
 * Returns: (transfer full) (element-type HlgWarning): a project longer than
 *   12 months or ending before it starts; empty when all is fine
 */
GPtrArray *
hlg_rules_check_project (HlgDocument *project)
{
  GPtrArray *warnings;

  g_return_val_if_fail (HLG_IS_DOCUMENT (project), NULL);
  g_return_val_if_fail (hlg_document_get_doc_type (project) == HLG_DOC_TYPE_PROJECT, NULL);

  warnings = warnings_new ();
  check_period (warnings, project, TRUE);

  return warnings;
}

/**
 * hlg_rules_check_group_year:
 * @group: a Modernisation Group
 * @task_teams: (element-type HlgDocument): task teams of any groups and years
 * @year: the year to check
 *
 * A group runs one to three task teams a year; cancelled ones do not count.
 *
 * Returns: (transfer full) (element-type HlgWarning): the warnings; empty
 *   when all is fine
 */
GPtrArray *
hlg_rules_check_group_year (HlgDocument *group,
                            GPtrArray   *task_teams,
                            int          year)
{
  GPtrArray *warnings;
  const char *group_id;
  guint n = 0;

  g_return_val_if_fail (HLG_IS_DOCUMENT (group), NULL);
  g_return_val_if_fail (hlg_document_get_doc_type (group) == HLG_DOC_TYPE_GROUP, NULL);
  g_return_val_if_fail (task_teams != NULL, NULL);

  group_id = hlg_document_get_id (group);
  for (guint i = 0; i < task_teams->len; i++)
    {
      HlgDocument *team = g_ptr_array_index (task_teams, i);

      g_return_val_if_fail (HLG_IS_DOCUMENT (team), NULL);
      if (hlg_document_get_doc_type (team) != HLG_DOC_TYPE_TASK_TEAM)
        continue;
      if (g_strcmp0 (hlg_document_get_string (team, "group"), group_id) != 0)
        continue;
      if (hlg_document_get_int (team, "year", G_MININT64) != year)
        continue;
      if (g_strcmp0 (hlg_document_get_string (team, "status"), "cancelled") == 0)
        continue;
      n++;
    }

  warnings = warnings_new ();
  if (n == 0)
    add_warning (warnings, NULL,
                 /* Translators: %d is a year */
                 g_strdup_printf (_("No task teams in %d; one to three are expected"), year));
  else if (n > HLG_RULES_MAX_TASK_TEAMS)
    add_warning (warnings, NULL,
                 /* Translators: %u is a number of task teams, %d a year */
                 g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
                                               "%u task team in %d; at most three are expected",
                                               "%u task teams in %d; at most three are expected",
                                               n),
                                  n, year));

  return warnings;
}

/**
 * hlg_rules_check_recommended:
 * @proposals: (element-type HlgDocument): proposals of any cycles
 * @cycle: the cycle
 *
 * The workshop recommends two projects: more than two proposals of @cycle
 * whose status is "recommended" or "selected" warns.
 *
 * Returns: (transfer full) (element-type HlgWarning): the warnings; empty
 *   when all is fine
 */
GPtrArray *
hlg_rules_check_recommended (GPtrArray   *proposals,
                             HlgDocument *cycle)
{
  GPtrArray *warnings;
  const char *cycle_id;
  guint n = 0;

  g_return_val_if_fail (proposals != NULL, NULL);
  g_return_val_if_fail (HLG_IS_DOCUMENT (cycle), NULL);
  g_return_val_if_fail (hlg_document_get_doc_type (cycle) == HLG_DOC_TYPE_CYCLE, NULL);

  cycle_id = hlg_document_get_id (cycle);
  for (guint i = 0; i < proposals->len; i++)
    {
      HlgDocument *proposal = g_ptr_array_index (proposals, i);
      const char *status;

      g_return_val_if_fail (HLG_IS_DOCUMENT (proposal), NULL);
      if (hlg_document_get_doc_type (proposal) != HLG_DOC_TYPE_PROPOSAL)
        continue;
      if (g_strcmp0 (hlg_document_get_string (proposal, "cycle"), cycle_id) != 0)
        continue;
      status = hlg_document_get_string (proposal, "status");
      if (g_strcmp0 (status, "recommended") == 0 || g_strcmp0 (status, "selected") == 0)
        n++;
    }

  warnings = warnings_new ();
  if (n > HLG_RULES_MAX_RECOMMENDED)
    add_warning (warnings, NULL,
                 /* Translators: %u is a number of proposals */
                 g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
                                               "%u proposal is recommended or selected; "
                                               "the workshop recommends two at most",
                                               "%u proposals are recommended or selected; "
                                               "the workshop recommends two at most",
                                               n),
                                  n));

  return warnings;
}

/**
 * hlg_rules_voting_open:
 * @cycle: a cycle
 * @now: (nullable): the current time, in any time zone; %NULL for the clock's
 * @out_last_day: (out caller-allocates) (optional): the last day of voting,
 *   the workshop's last day; cleared when the cycle has no workshop date
 *
 * Ballots for @cycle may be written until the end of its workshop's last
 * day (the "workshop" milestone's end, else its start), in UTC: voting
 * closes at 00:00 UTC on the next day, wherever the voter is, so that the
 * server and every laptop agree. A cycle with no workshop date has set no
 * close: voting stays open.
 *
 * Returns: whether ballots for @cycle may still be written at @now
 */
gboolean
hlg_rules_voting_open (HlgDocument *cycle,
                       GDateTime   *now,
                       GDate       *out_last_day)
{
  g_autoptr(GDateTime) clock_now = NULL;
  g_autoptr(GDateTime) closes_at = NULL;
  GDate last_day;

  g_return_val_if_fail (HLG_IS_DOCUMENT (cycle), FALSE);
  g_return_val_if_fail (hlg_document_get_doc_type (cycle) == HLG_DOC_TYPE_CYCLE, FALSE);

  if (now == NULL)
    now = clock_now = g_date_time_new_now_utc ();

  if (!get_milestone_last_day (cycle, "workshop", &last_day))
    {
      if (out_last_day != NULL)
        g_date_clear (out_last_day, 1);
      return TRUE;
    }
  if (out_last_day != NULL)
    *out_last_day = last_day;

  g_date_add_days (&last_day, 1);
  closes_at = g_date_time_new_utc (g_date_get_year (&last_day), g_date_get_month (&last_day),
                                   g_date_get_day (&last_day), 0, 0, 0);

  return g_date_time_compare (now, closes_at) < 0;
}
