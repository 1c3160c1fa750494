/* test-rules.c: each domain rule warns just outside its bound, and not at it
 * SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include "hlg-document.h"
#include "hlg-rules.h"

#define UUID(n) "00000000-0000-4000-8000-00000000000" n
#define ORG(n)  "organisation:" UUID (n)
#define GROUP_A "group:" UUID ("a")
#define GROUP_B "group:" UUID ("b")

static void
set_json (HlgDocument *doc,
          const char  *field,
          const char  *json)
{
  g_autoptr(GError) error = NULL;
  JsonNode *node = json_from_string (json, &error);

  g_assert_no_error (error);
  g_assert_true (hlg_document_set_member (doc, field, node, &error));
  g_assert_no_error (error);
}

static void
set_string (HlgDocument *doc,
            const char  *field,
            const char  *value)
{
  g_autoptr(GError) error = NULL;

  g_assert_true (hlg_document_set_string (doc, field, value, &error));
  g_assert_no_error (error);
}

static void
assert_valid (HlgDocument *doc)
{
  g_autoptr(GError) error = NULL;

  hlg_document_validate (doc, &error);
  g_assert_no_error (error);
}

/* A cycle whose proposals are due on 30 September 2026. */
static HlgDocument *
new_cycle (void)
{
  HlgDocument *cycle = hlg_document_new (HLG_DOC_TYPE_CYCLE);

  g_assert_true (hlg_document_set_int (cycle, "year", 2026, NULL));
  set_json (cycle, "milestones",
            "[{\"id\": \"m1\", \"kind\": \"priorities-meeting\", \"start\": \"2026-03-10\"},"
            " {\"id\": \"m2\", \"kind\": \"proposal-deadline\", \"start\": \"2026-09-01\","
            "  \"end\": \"2026-09-30\"},"
            " {\"id\": \"m3\", \"kind\": \"workshop\", \"start\": \"2026-11-10\","
            "  \"end\": \"2026-11-12\"}]");
  assert_valid (cycle);
  return cycle;
}

/* A project proposal that breaks no rule: 2027 in full, a lead and three
 * supporting organisations, submitted in time, a focus area, work packages
 * within its dates. Each test then breaks one thing. */
static HlgDocument *
new_proposal (HlgDocument *cycle)
{
  HlgDocument *proposal = hlg_document_new (HLG_DOC_TYPE_PROPOSAL);

  set_string (proposal, "cycle", hlg_document_get_id (cycle));
  set_string (proposal, "kind", "project");
  set_string (proposal, "title", "Large language models for coding");
  set_string (proposal, "status", "submitted");
  set_string (proposal, "submitted_at", "2026-09-15T10:00:00Z");
  set_string (proposal, "start", "2027-01-01");
  set_string (proposal, "end", "2027-12-31");
  set_string (proposal, "lead_organisation", ORG ("0"));
  set_json (proposal, "supporting_organisations",
            "[\"" ORG ("1") "\", \"" ORG ("2") "\", \"" ORG ("3") "\"]");
  set_json (proposal, "focus_areas", "[\"agile-adaptive-culture\"]");
  set_json (proposal, "work_packages",
            "[{\"id\": \"wp1\", \"title\": \"Inventory\", \"start\": \"2027-01-01\","
            "  \"end\": \"2027-04-30\"},"
            " {\"id\": \"wp2\", \"title\": \"Guidelines\", \"start\": \"2027-05-01\","
            "  \"end\": \"2027-12-31\"}]");
  assert_valid (proposal);
  return proposal;
}

static GDateTime *
date_time (const char *iso8601)
{
  GDateTime *dt = g_date_time_new_from_iso8601 (iso8601, NULL);

  g_assert_nonnull (dt);
  return dt;
}

static GPtrArray *
check_proposal (HlgDocument *proposal,
                HlgDocument *cycle)
{
  g_autoptr(GDateTime) now = date_time ("2026-09-20T12:00:00Z");

  return hlg_rules_check_proposal (proposal, cycle, now);
}

static void
assert_no_warnings (GPtrArray *warnings)
{
  g_assert_nonnull (warnings);
  for (guint i = 0; i < warnings->len; i++)
    {
      HlgWarning *w = g_ptr_array_index (warnings, i);

      g_test_message ("unexpected warning on %s: %s", w->field, w->message);
    }
  g_assert_cmpuint (warnings->len, ==, 0);
}

/* Exactly one warning, on @field, whose message contains @fragment. */
static void
assert_one_warning (GPtrArray  *warnings,
                    const char *field,
                    const char *fragment)
{
  HlgWarning *w;

  g_assert_nonnull (warnings);
  for (guint i = 0; i < warnings->len; i++)
    {
      w = g_ptr_array_index (warnings, i);
      g_test_message ("warning on %s: %s", w->field, w->message);
    }
  g_assert_cmpuint (warnings->len, ==, 1);

  w = g_ptr_array_index (warnings, 0);
  g_assert_cmpstr (w->field, ==, field);
  g_assert_nonnull (w->message);
  g_assert_cmpstr (w->message, !=, "");
  if (fragment != NULL)
    g_assert_nonnull (g_strstr_len (w->message, -1, fragment));
}

static void
test_warning_boxed (void)
{
  g_autoptr(HlgWarning) w = hlg_warning_new ("end", "Too long");
  g_autoptr(HlgWarning) copy = NULL;
  g_autoptr(HlgWarning) no_field = hlg_warning_new (NULL, "No task teams");

  g_assert_true (G_TYPE_IS_BOXED (HLG_TYPE_WARNING));
  copy = g_boxed_copy (HLG_TYPE_WARNING, w);
  g_assert_true (copy != w);
  g_assert_cmpstr (copy->field, ==, "end");
  g_assert_cmpstr (copy->message, ==, "Too long");
  g_assert_null (no_field->field);
}

static void
test_clean_proposal (void)
{
  g_autoptr(HlgDocument) cycle = new_cycle ();
  g_autoptr(HlgDocument) proposal = new_proposal (cycle);
  g_autoptr(GPtrArray) with_cycle = check_proposal (proposal, cycle);
  g_autoptr(GPtrArray) without_cycle = check_proposal (proposal, NULL);
  g_autoptr(GPtrArray) clock_now = hlg_rules_check_proposal (proposal, cycle, NULL);

  assert_no_warnings (with_cycle);
  assert_no_warnings (without_cycle);
  /* Submitted in time: the clock's "now" plays no part. */
  assert_no_warnings (clock_now);
}

static void
assert_latest_end (const char *start,
                   guint       months,
                   const char *expected)
{
  GDate s, e, want;

  g_assert_true (hlg_rules_parse_date (start, &s));
  g_assert_true (hlg_rules_parse_date (expected, &want));
  hlg_rules_get_latest_end (&s, months, &e);
  g_assert_true (g_date_valid (&e));
  if (g_date_compare (&e, &want) != 0)
    {
      char got[16];

      g_date_strftime (got, sizeof got, "%Y-%m-%d", &e);
      g_error ("%s + %u months: expected to end on %s, got %s", start, months, expected, got);
    }
}

static void
test_latest_end (void)
{
  GDate d;

  assert_latest_end ("2027-01-01", 12, "2027-12-31");
  assert_latest_end ("2027-03-15", 12, "2028-03-14");
  assert_latest_end ("2027-01-31", 12, "2028-01-30");
  assert_latest_end ("2027-01-31", 1, "2027-02-28");
  assert_latest_end ("2028-01-31", 1, "2028-02-29");
  assert_latest_end ("2027-03-31", 1, "2027-04-30");
  assert_latest_end ("2028-02-29", 12, "2029-02-28");
  assert_latest_end ("2027-12-01", 1, "2027-12-31");
  assert_latest_end ("2027-12-31", 12, "2028-12-30");

  g_assert_false (hlg_rules_parse_date ("2027-02-29", &d));
  g_assert_false (hlg_rules_parse_date ("2027-2-1", &d));
  g_assert_false (hlg_rules_parse_date ("2027-01-01T00:00", &d));
  g_assert_false (hlg_rules_parse_date (NULL, &d));
}

typedef struct
{
  const char *start;
  const char *end;
  gboolean    warns;
} Period;

/* 12 months exactly, 11 months 30 days, 12 months + 1 day, from ordinary
 * and awkward start days. */
static const Period periods[] = {
  { "2027-01-01", "2027-12-31", FALSE },
  { "2027-01-01", "2027-12-30", FALSE },
  { "2027-01-01", "2028-01-01", TRUE },
  { "2027-01-31", "2028-01-30", FALSE },
  { "2027-01-31", "2028-01-29", FALSE },
  { "2027-01-31", "2028-01-31", TRUE },
  { "2028-02-29", "2029-02-28", FALSE },
  { "2028-02-29", "2029-03-01", TRUE },
  { "2027-07-01", "2028-06-30", FALSE },
  { "2027-07-01", "2028-07-01", TRUE },
};

static void
test_proposal_too_long (void)
{
  g_autoptr(HlgDocument) cycle = new_cycle ();

  for (guint i = 0; i < G_N_ELEMENTS (periods); i++)
    {
      g_autoptr(HlgDocument) proposal = new_proposal (cycle);
      g_autoptr(GPtrArray) warnings = NULL;

      g_test_message ("%s to %s", periods[i].start, periods[i].end);
      /* Work packages are checked on their own, below. */
      g_assert_true (hlg_document_set_member (proposal, "work_packages", NULL, NULL));
      set_string (proposal, "start", periods[i].start);
      set_string (proposal, "end", periods[i].end);
      warnings = check_proposal (proposal, cycle);
      if (periods[i].warns)
        assert_one_warning (warnings, "end", "12 months");
      else
        assert_no_warnings (warnings);
    }
}

static void
test_proposal_not_project_not_limited (void)
{
  g_autoptr(HlgDocument) cycle = new_cycle ();
  g_autoptr(HlgDocument) proposal = new_proposal (cycle);
  g_autoptr(GPtrArray) warnings = NULL;

  /* The 12-month limit is for projects; an activity may run longer. */
  set_string (proposal, "kind", "activity");
  set_string (proposal, "end", "2028-06-30");
  warnings = check_proposal (proposal, cycle);
  assert_no_warnings (warnings);
}

static void
test_proposal_end_before_start (void)
{
  g_autoptr(HlgDocument) cycle = new_cycle ();
  g_autoptr(HlgDocument) proposal = new_proposal (cycle);
  g_autoptr(GPtrArray) same_day = NULL;
  g_autoptr(GPtrArray) day_before = NULL;

  g_assert_true (hlg_document_set_member (proposal, "work_packages", NULL, NULL));
  set_string (proposal, "start", "2027-03-01");
  set_string (proposal, "end", "2027-03-01");
  same_day = check_proposal (proposal, cycle);
  assert_no_warnings (same_day);

  set_string (proposal, "end", "2027-02-28");
  day_before = check_proposal (proposal, cycle);
  assert_one_warning (day_before, "end", NULL);
}

static void
test_proposal_supporting_organisations (void)
{
  static const struct
  {
    const char *list;
    gboolean    warns;
    const char *fragment;
  } cases[] = {
    { "[]", TRUE, NULL },
    { "[\"" ORG ("1") "\"]", TRUE, "1 supporting organisation;" },
    { "[\"" ORG ("1") "\", \"" ORG ("2") "\"]", TRUE, "2 supporting organisations" },
    { "[\"" ORG ("1") "\", \"" ORG ("2") "\", \"" ORG ("3") "\"]", FALSE, NULL },
    { "[\"" ORG ("1") "\", \"" ORG ("2") "\", \"" ORG ("3") "\", \"" ORG ("4") "\"]",
      FALSE, NULL },
    /* Duplicates and the lead itself do not count. */
    { "[\"" ORG ("1") "\", \"" ORG ("1") "\", \"" ORG ("2") "\", \"" ORG ("0") "\"]",
      TRUE, "2 supporting organisations" },
    { "[\"" ORG ("0") "\", \"" ORG ("1") "\", \"" ORG ("2") "\", \"" ORG ("3") "\"]",
      FALSE, NULL },
  };
  g_autoptr(HlgDocument) cycle = new_cycle ();

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autoptr(HlgDocument) proposal = new_proposal (cycle);
      g_autoptr(GPtrArray) warnings = NULL;

      g_test_message ("supporting: %s", cases[i].list);
      set_json (proposal, "supporting_organisations", cases[i].list);
      assert_valid (proposal);
      warnings = check_proposal (proposal, cycle);
      if (cases[i].warns)
        assert_one_warning (warnings, "supporting_organisations", cases[i].fragment);
      else
        assert_no_warnings (warnings);
    }

  /* No list at all is none. */
  {
    g_autoptr(HlgDocument) proposal = new_proposal (cycle);
    g_autoptr(GPtrArray) warnings = NULL;

    g_assert_true (hlg_document_set_member (proposal, "supporting_organisations", NULL, NULL));
    warnings = check_proposal (proposal, cycle);
    assert_one_warning (warnings, "supporting_organisations", NULL);
  }
}

static void
test_proposal_submitted_late (void)
{
  static const struct
  {
    const char *submitted_at;
    gboolean    late;
  } cases[] = {
    { "2026-09-30T00:00:00Z", FALSE },
    { "2026-09-30T23:59:59Z", FALSE },
    { "2026-09-30T23:59:59.999Z", FALSE },
    { "2026-10-01T00:00:00Z", TRUE },
    { "2026-12-01T09:00:00Z", TRUE },
    /* The end of the day where it was submitted: still 30 September in
     * Ottawa, already 1 October in Geneva. */
    { "2026-09-30T23:30:00-04:00", FALSE },
    { "2026-10-01T00:30:00+02:00", TRUE },
  };
  g_autoptr(HlgDocument) cycle = new_cycle ();

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autoptr(HlgDocument) proposal = new_proposal (cycle);
      g_autoptr(GPtrArray) warnings = NULL;

      g_test_message ("submitted at %s", cases[i].submitted_at);
      set_string (proposal, "submitted_at", cases[i].submitted_at);
      assert_valid (proposal);
      warnings = check_proposal (proposal, cycle);
      if (cases[i].late)
        assert_one_warning (warnings, "submitted_at", NULL);
      else
        assert_no_warnings (warnings);
    }
}

static void
test_proposal_deadline_from_start (void)
{
  g_autoptr(HlgDocument) cycle = hlg_document_new (HLG_DOC_TYPE_CYCLE);
  g_autoptr(HlgDocument) proposal = NULL;
  g_autoptr(GPtrArray) in_time = NULL;
  g_autoptr(GPtrArray) late = NULL;

  /* A one-day milestone: its start is the deadline. */
  g_assert_true (hlg_document_set_int (cycle, "year", 2026, NULL));
  set_json (cycle, "milestones",
            "[{\"id\": \"m\", \"kind\": \"proposal-deadline\", \"start\": \"2026-09-15\"}]");
  assert_valid (cycle);
  proposal = new_proposal (cycle);

  set_string (proposal, "submitted_at", "2026-09-15T23:59:59Z");
  in_time = check_proposal (proposal, cycle);
  assert_no_warnings (in_time);

  set_string (proposal, "submitted_at", "2026-09-16T00:00:00Z");
  late = check_proposal (proposal, cycle);
  assert_one_warning (late, "submitted_at", NULL);
}

static void
test_proposal_draft_past_deadline (void)
{
  static const struct
  {
    const char *now;
    gboolean    late;
  } cases[] = {
    { "2026-09-30T00:00:00Z", FALSE },
    { "2026-09-30T23:59:59Z", FALSE },
    { "2026-10-01T00:00:00Z", TRUE },
  };
  g_autoptr(HlgDocument) cycle = new_cycle ();

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autoptr(HlgDocument) proposal = new_proposal (cycle);
      g_autoptr(GDateTime) now = date_time (cases[i].now);
      g_autoptr(GPtrArray) warnings = NULL;

      g_test_message ("draft, now %s", cases[i].now);
      set_string (proposal, "status", "draft");
      g_assert_true (hlg_document_set_member (proposal, "submitted_at", NULL, NULL));
      warnings = hlg_rules_check_proposal (proposal, cycle, now);
      if (cases[i].late)
        assert_one_warning (warnings, "submitted_at", "will be late");
      else
        assert_no_warnings (warnings);
    }
}

static void
test_proposal_deadline_not_applicable (void)
{
  g_autoptr(HlgDocument) cycle = new_cycle ();
  g_autoptr(HlgDocument) other_cycle = new_cycle ();
  g_autoptr(HlgDocument) proposal = new_proposal (cycle);
  g_autoptr(HlgDocument) under_review = new_proposal (cycle);
  g_autoptr(GDateTime) later = date_time ("2026-11-01T09:00:00Z");
  g_autoptr(GPtrArray) no_cycle = NULL;
  g_autoptr(GPtrArray) wrong_cycle = NULL;
  g_autoptr(GPtrArray) no_time_stamp = NULL;

  set_string (proposal, "submitted_at", "2026-10-05T09:00:00Z");
  /* Without its cycle, or against another cycle's deadline, nothing is said. */
  no_cycle = check_proposal (proposal, NULL);
  assert_no_warnings (no_cycle);
  wrong_cycle = check_proposal (proposal, other_cycle);
  assert_no_warnings (wrong_cycle);

  /* Past the draft stage, "now" says nothing about when it was submitted. */
  set_string (under_review, "status", "under-review");
  g_assert_true (hlg_document_set_member (under_review, "submitted_at", NULL, NULL));
  no_time_stamp = hlg_rules_check_proposal (under_review, cycle, later);
  assert_no_warnings (no_time_stamp);
}

static void
test_proposal_focus_areas (void)
{
  g_autoptr(HlgDocument) cycle = new_cycle ();
  g_autoptr(HlgDocument) proposal = new_proposal (cycle);
  g_autoptr(GPtrArray) one = NULL;
  g_autoptr(GPtrArray) all = NULL;
  g_autoptr(GPtrArray) empty = NULL;
  g_autoptr(GPtrArray) absent = NULL;

  one = check_proposal (proposal, cycle);
  assert_no_warnings (one);

  set_json (proposal, "focus_areas",
            "[\"active-engagement\", \"trusted-data-authority\","
            " \"service-oriented-approach\", \"agile-adaptive-culture\"]");
  all = check_proposal (proposal, cycle);
  assert_no_warnings (all);

  set_json (proposal, "focus_areas", "[]");
  empty = check_proposal (proposal, cycle);
  assert_one_warning (empty, "focus_areas", NULL);

  g_assert_true (hlg_document_set_member (proposal, "focus_areas", NULL, NULL));
  absent = check_proposal (proposal, cycle);
  assert_one_warning (absent, "focus_areas", NULL);
}

static void
test_proposal_work_packages (void)
{
  static const struct
  {
    const char *start;
    const char *end;
    guint       n_warnings;
  } cases[] = {
    { "2027-01-01", "2027-12-31", 0 }, /* exactly the proposal's dates */
    { "2027-01-02", "2027-12-30", 0 },
    { "2026-12-31", "2027-06-30", 1 }, /* a day early */
    { "2027-06-01", "2028-01-01", 1 }, /* a day late */
    { "2026-12-31", "2028-01-01", 2 }, /* both */
    { "2028-02-01", "2028-03-01", 1 }, /* wholly after */
  };
  g_autoptr(HlgDocument) cycle = new_cycle ();

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autoptr(HlgDocument) proposal = new_proposal (cycle);
      g_autoptr(GPtrArray) warnings = NULL;
      g_autofree char *json =
        g_strdup_printf ("[{\"id\": \"wp1\", \"title\": \"Inventory\", \"start\": \"2027-01-01\","
                         "  \"end\": \"2027-04-30\"},"
                         " {\"id\": \"wp2\", \"title\": \"Pilots\", \"start\": \"%s\","
                         "  \"end\": \"%s\"}]",
                         cases[i].start, cases[i].end);

      g_test_message ("work package %s to %s", cases[i].start, cases[i].end);
      set_json (proposal, "work_packages", json);
      assert_valid (proposal);
      warnings = check_proposal (proposal, cycle);
      g_assert_cmpuint (warnings->len, ==, cases[i].n_warnings);
      for (guint j = 0; j < warnings->len; j++)
        {
          HlgWarning *w = g_ptr_array_index (warnings, j);

          g_assert_cmpstr (w->field, ==, "work_packages");
          g_assert_nonnull (g_strstr_len (w->message, -1, "Pilots"));
        }
    }
}

static void
test_proposal_many_warnings (void)
{
  g_autoptr(HlgDocument) cycle = new_cycle ();
  g_autoptr(HlgDocument) proposal = new_proposal (cycle);
  g_autoptr(GPtrArray) warnings = NULL;
  static const char * const fields[] = {
    "end", "supporting_organisations", "submitted_at", "focus_areas", "work_packages"
  };

  /* Everything wrong at once: one warning each, in a stable order. */
  set_string (proposal, "end", "2028-06-30");
  set_json (proposal, "supporting_organisations", "[]");
  set_string (proposal, "submitted_at", "2026-10-02T08:00:00Z");
  set_json (proposal, "focus_areas", "[]");
  set_json (proposal, "work_packages",
            "[{\"id\": \"wp1\", \"title\": \"Early\", \"start\": \"2026-11-01\"}]");
  warnings = check_proposal (proposal, cycle);
  g_assert_cmpuint (warnings->len, ==, G_N_ELEMENTS (fields));
  for (guint i = 0; i < G_N_ELEMENTS (fields); i++)
    g_assert_cmpstr (((HlgWarning *) g_ptr_array_index (warnings, i))->field, ==, fields[i]);
}

static void
test_project (void)
{
  for (guint i = 0; i < G_N_ELEMENTS (periods); i++)
    {
      g_autoptr(HlgDocument) project = hlg_document_new (HLG_DOC_TYPE_PROJECT);
      g_autoptr(GPtrArray) warnings = NULL;

      g_test_message ("project %s to %s", periods[i].start, periods[i].end);
      set_string (project, "title", "Synthetic data");
      set_string (project, "start", periods[i].start);
      set_string (project, "end", periods[i].end);
      assert_valid (project);
      warnings = hlg_rules_check_project (project);
      if (periods[i].warns)
        assert_one_warning (warnings, "end", "12 months");
      else
        assert_no_warnings (warnings);
    }
}

static void
test_project_end_before_start (void)
{
  g_autoptr(HlgDocument) project = hlg_document_new (HLG_DOC_TYPE_PROJECT);
  g_autoptr(GPtrArray) same_day = NULL;
  g_autoptr(GPtrArray) day_before = NULL;
  g_autoptr(GPtrArray) no_dates = NULL;

  set_string (project, "title", "Synthetic data");
  no_dates = hlg_rules_check_project (project);
  assert_no_warnings (no_dates);

  set_string (project, "start", "2027-01-01");
  set_string (project, "end", "2027-01-01");
  same_day = hlg_rules_check_project (project);
  assert_no_warnings (same_day);

  set_string (project, "end", "2026-12-31");
  day_before = hlg_rules_check_project (project);
  assert_one_warning (day_before, "end", NULL);
}

static HlgDocument *
new_task_team (const char *group,
               int         year,
               const char *status)
{
  HlgDocument *team = hlg_document_new (HLG_DOC_TYPE_TASK_TEAM);

  set_string (team, "group", group);
  g_assert_true (hlg_document_set_int (team, "year", year, NULL));
  set_string (team, "title", "A task team");
  if (status != NULL)
    set_string (team, "status", status);
  assert_valid (team);
  return team;
}

static HlgDocument *
new_group (const char *id)
{
  g_autofree char *json =
    g_strdup_printf ("{\"_id\": \"%s\", \"type\": \"group\", \"schema\": 1, "
                     "\"name\": \"Blue-Skies Thinking Network\"}", id);
  g_autoptr(GError) error = NULL;
  HlgDocument *group = hlg_document_new_from_json (json, -1, &error);

  g_assert_no_error (error);
  return group;
}

static void
test_group_year (void)
{
  g_autoptr(HlgDocument) group = new_group (GROUP_A);
  g_autoptr(GPtrArray) teams = g_ptr_array_new_with_free_func (g_object_unref);

  /* Others' teams, other years and cancelled teams never count. */
  for (guint i = 0; i < 5; i++)
    {
      g_ptr_array_add (teams, new_task_team (GROUP_B, 2027, NULL));
      g_ptr_array_add (teams, new_task_team (GROUP_A, 2026, "completed"));
      g_ptr_array_add (teams, new_task_team (GROUP_A, 2027, "cancelled"));
    }

  for (guint n = 0; n <= 5; n++)
    {
      g_autoptr(GPtrArray) warnings = hlg_rules_check_group_year (group, teams, 2027);

      g_test_message ("%u task teams", n);
      if (n == 0)
        assert_one_warning (warnings, NULL, "2027");
      else if (n > 3)
        {
          g_autofree char *count = g_strdup_printf ("%u task teams", n);

          assert_one_warning (warnings, NULL, count);
        }
      else
        assert_no_warnings (warnings);

      g_ptr_array_add (teams, new_task_team (GROUP_A, 2027, n % 2 ? "in-progress" : NULL));
    }
}

static HlgDocument *
new_status_proposal (HlgDocument *cycle,
                     const char  *status)
{
  HlgDocument *proposal = hlg_document_new (HLG_DOC_TYPE_PROPOSAL);

  set_string (proposal, "cycle", hlg_document_get_id (cycle));
  set_string (proposal, "kind", "project");
  set_string (proposal, "title", "A proposal");
  set_string (proposal, "status", status);
  assert_valid (proposal);
  return proposal;
}

static void
test_recommended (void)
{
  g_autoptr(HlgDocument) cycle = new_cycle ();
  g_autoptr(HlgDocument) last_year = new_cycle ();
  g_autoptr(GPtrArray) proposals = g_ptr_array_new_with_free_func (g_object_unref);
  static const char * const statuses[] = { "recommended", "selected", "recommended", "selected" };

  /* Last year's and those not recommended do not count. */
  for (guint i = 0; i < 3; i++)
    {
      g_ptr_array_add (proposals, new_status_proposal (last_year, "selected"));
      g_ptr_array_add (proposals, new_status_proposal (cycle, "not-selected"));
      g_ptr_array_add (proposals, new_status_proposal (cycle, "presented"));
    }

  for (guint n = 0; n <= G_N_ELEMENTS (statuses); n++)
    {
      g_autoptr(GPtrArray) warnings = hlg_rules_check_recommended (proposals, cycle);

      g_test_message ("%u recommended", n);
      if (n > 2)
        {
          g_autofree char *count = g_strdup_printf ("%u proposals", n);

          assert_one_warning (warnings, NULL, count);
        }
      else
        assert_no_warnings (warnings);

      if (n < G_N_ELEMENTS (statuses))
        g_ptr_array_add (proposals, new_status_proposal (cycle, statuses[n]));
    }
}

/* The workshop of new_cycle() ends on 12 November 2026: ballots may be
 * written until the end of that day in UTC, and not from its very next
 * microsecond on. */
static void
test_voting_open (void)
{
  static const struct
  {
    const char *now;
    gboolean    open;
  } cases[] = {
    { "2026-11-10T09:00:00Z", TRUE },             /* during the workshop */
    { "2026-11-12T23:59:59.999999Z", TRUE },      /* just before the bound */
    { "2026-11-13T00:00:00Z", FALSE },            /* at the bound */
    { "2026-11-13T00:00:00.000001Z", FALSE },     /* just after */
    { "2027-01-05T12:00:00Z", FALSE },
    /* The bound is in UTC wherever the voter is: still 12 November in
     * UTC, already the 13th in Geneva; the 12th in Ottawa, the 13th in UTC. */
    { "2026-11-13T00:30:00+01:00", TRUE },
    { "2026-11-12T20:00:00-04:00", FALSE },
  };
  g_autoptr(HlgDocument) cycle = new_cycle ();

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autoptr(GDateTime) now = date_time (cases[i].now);
      GDate last_day;

      g_test_message ("now %s", cases[i].now);
      g_assert_cmpint (hlg_rules_voting_open (cycle, now, &last_day), ==, cases[i].open);
      g_assert_true (g_date_valid (&last_day));
      g_assert_cmpint (g_date_get_year (&last_day), ==, 2026);
      g_assert_cmpint (g_date_get_month (&last_day), ==, G_DATE_NOVEMBER);
      g_assert_cmpint (g_date_get_day (&last_day), ==, 12);
    }
}

/* A one-day workshop closes at the end of its start; without a workshop
 * date nothing closes. */
static void
test_voting_open_other_cycles (void)
{
  g_autoptr(HlgDocument) one_day = hlg_document_new (HLG_DOC_TYPE_CYCLE);
  g_autoptr(HlgDocument) undated = hlg_document_new (HLG_DOC_TYPE_CYCLE);
  g_autoptr(GDateTime) before = date_time ("2026-11-18T23:59:59Z");
  g_autoptr(GDateTime) after = date_time ("2026-11-19T00:00:00Z");
  g_autoptr(GDateTime) much_later = date_time ("2040-01-01T00:00:00Z");
  g_autofree char *text = NULL;
  GDate last_day;

  g_assert_true (hlg_document_set_int (one_day, "year", 2026, NULL));
  set_json (one_day, "milestones",
            "[{\"id\": \"m\", \"kind\": \"workshop\", \"start\": \"2026-11-18\"},"
            " {\"id\": \"s\", \"kind\": \"selection\", \"start\": \"2026-12-01\"}]");
  assert_valid (one_day);
  g_assert_true (hlg_rules_voting_open (one_day, before, NULL));
  g_assert_false (hlg_rules_voting_open (one_day, after, &last_day));
  text = hlg_rules_format_date (&last_day);
  g_assert_cmpstr (text, ==, "18 November 2026");

  g_assert_true (hlg_document_set_int (undated, "year", 2026, NULL));
  set_json (undated, "milestones",
            "[{\"id\": \"m\", \"kind\": \"proposal-deadline\", \"start\": \"2026-09-30\"}]");
  assert_valid (undated);
  g_assert_true (hlg_rules_voting_open (undated, much_later, &last_day));
  g_assert_false (g_date_valid (&last_day));
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/rules/warning/boxed", test_warning_boxed);
  g_test_add_func ("/rules/proposal/clean", test_clean_proposal);
  g_test_add_func ("/rules/latest-end", test_latest_end);
  g_test_add_func ("/rules/proposal/too-long", test_proposal_too_long);
  g_test_add_func ("/rules/proposal/activity-not-limited", test_proposal_not_project_not_limited);
  g_test_add_func ("/rules/proposal/end-before-start", test_proposal_end_before_start);
  g_test_add_func ("/rules/proposal/supporting-organisations",
                   test_proposal_supporting_organisations);
  g_test_add_func ("/rules/proposal/submitted-late", test_proposal_submitted_late);
  g_test_add_func ("/rules/proposal/deadline-from-start", test_proposal_deadline_from_start);
  g_test_add_func ("/rules/proposal/draft-past-deadline", test_proposal_draft_past_deadline);
  g_test_add_func ("/rules/proposal/deadline-not-applicable",
                   test_proposal_deadline_not_applicable);
  g_test_add_func ("/rules/proposal/focus-areas", test_proposal_focus_areas);
  g_test_add_func ("/rules/proposal/work-packages", test_proposal_work_packages);
  g_test_add_func ("/rules/proposal/many-warnings", test_proposal_many_warnings);
  g_test_add_func ("/rules/project/too-long", test_project);
  g_test_add_func ("/rules/project/end-before-start", test_project_end_before_start);
  g_test_add_func ("/rules/group-year", test_group_year);
  g_test_add_func ("/rules/recommended", test_recommended);
  g_test_add_func ("/rules/voting-open", test_voting_open);
  g_test_add_func ("/rules/voting-open/other-cycles", test_voting_open_other_cycles);

  return g_test_run ();
}
