/* hlg-labels.c: what a person reads for each field name and enumerated value
 * SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "hlg-labels"

#include "config.h"

#include <glib/gi18n.h>

#include "hlg-labels.h"

typedef struct
{
  const char *key;
  const char *label;
} Label;

static const Label field_labels[] = {
  { "title", N_("Title") },
  { "message", N_("Message to the authors") },
  { "decision", N_("Decision") },
  { "decision_ref", N_("Which one") },
  { "on_hold_until", N_("On hold until") },
  { "kind", N_("Kind") },
  { "cycle", N_("Cycle") },
  { "lead_organisation", N_("Lead organisation") },
  { "supporting_organisations", N_("Supporting organisations") },
  { "authors", N_("Authors") },
  { "summary", N_("Summary") },
  { "context", N_("Context") },
  { "objectives", N_("Objectives") },
  { "outputs", N_("Outputs") },
  { "work_packages", N_("Work packages") },
  { "start", N_("Start") },
  { "end", N_("End") },
  { "resources", N_("Resources") },
  { "project_manager_months", N_("Project manager (months)") },
  { "travel", N_("Travel (USD)") },
  { "trust_fund_request", N_("Trust Fund request (USD)") },
  { "in_kind_days", N_("In-kind days by organisation") },
  { "organisation", N_("Organisation") },
  { "days", N_("Days") },
  { "target_group", N_("Target Modernisation Group") },
  { "focus_areas", N_("Focus areas") },
  { "priorities", N_("Priorities") },
  { "risks", N_("Risks") },
  { "issue", N_("Issue") },
  { "mitigation", N_("Mitigation") },
  { "likelihood", N_("Likelihood") },
  { "impact", N_("Impact") },
  { "description", N_("Description") },
  { "lead", N_("Lead organisation") },
  { "status", N_("Status") },
  { "submitted_at", N_("Submitted") },
  { "fit_with_priorities", N_("Fit with the priorities") },
  { "added_value", N_("Added value") },
  { "feasibility", N_("Feasibility") },
  { "confidence", N_("Confidence") },
  { "recommendation", N_("Recommendation") },
  { "comments_for_authors", N_("Comments for the authors") },
  { "comments_for_board", N_("Comments for the Board only") },
};

static const Label value_labels[] = {
  /* proposal status */
  { "draft", N_("Draft") },
  { "submitted", N_("Submitted") },
  { "under-review", N_("Under review") },
  { "feedback-released", N_("Feedback released") },
  { "recommend-to-workshop", N_("Recommend to workshop") },
  { "revise", N_("Revise") },
  { "merge-with", N_("Merge with another") },
  { "refer-to-group", N_("Refer to a group") },
  { "on-hold-until", N_("On hold until") },
  { "not-pursue", N_("Not pursue") },
  { "revised", N_("Revised") },
  { "presented", N_("Presented") },
  { "recommended", N_("Recommended") },
  { "selected", N_("Selected") },
  { "not-selected", N_("Not selected") },
  { "withdrawn", N_("Withdrawn") },
  /* proposal kind */
  { "project", N_("Project") },
  { "activity", N_("Activity") },
  { "blue-skies", N_("Blue Skies") },
  /* focus areas */
  { "active-engagement", N_("Active engagement") },
  { "trusted-data-authority", N_("A trusted data authority") },
  { "service-oriented-approach", N_("A service oriented approach") },
  { "agile-adaptive-culture", N_("An agile and adaptive culture") },
  /* recommendation */
  { "support", N_("Support") },
  { "support-with-changes", N_("Support with changes") },
  { "do-not-support", N_("Do not support") },
  /* risk levels */
  { "low", N_("Low") },
  { "medium", N_("Medium") },
  { "high", N_("High") },
  /* project, output, deliverable and task team status */
  { "planned", N_("Planned") },
  { "running", N_("Running") },
  { "in-progress", N_("In progress") },
  { "continuous", N_("Continuous") },
  { "done", N_("Done") },
  { "late", N_("Late") },
  { "completed", N_("Completed") },
  { "cancelled", N_("Cancelled") },
};

static const char *
fallback (const char *key)
{
  g_autofree char *text = g_strdup (key);

  g_strdelimit (text, "_-", ' ');
  if (text[0] != '\0')
    text[0] = g_ascii_toupper (text[0]);

  return g_intern_string (text);
}

static const char *
find (const Label *labels,
      gsize        n_labels,
      const char  *key)
{
  if (key == NULL)
    return "";

  for (gsize i = 0; i < n_labels; i++)
    if (g_str_equal (labels[i].key, key))
      return _(labels[i].label);

  return fallback (key);
}

const char *
hlg_labels_field (const char *name)
{
  return find (field_labels, G_N_ELEMENTS (field_labels), name);
}

const char *
hlg_labels_value (const char *value)
{
  return find (value_labels, G_N_ELEMENTS (value_labels), value);
}
