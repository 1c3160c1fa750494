/* hlg-sample.c: seeded generator of realistic documents, for benchmarks
 * SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "hlg-sample"

#include "config.h"

#include <glib/gi18n-lib.h>
#include <string.h>

#include "hlg-document.h"
#include "hlg-id.h"
#include "hlg-sample.h"
#include "hlg-schema.h"
#include "hlg-store.h"

/* Documents shaped like the ones a busy community makes over many years:
 * mostly proposals and reviews, with long texts, every reference pointing
 * inside the set. The same seed gives the same documents, byte for byte. */

static const char * const openers[] = {
  "In addition,", "Moreover,", "At the same time,", "In the first phase,",
  "Building on earlier work,", "Where possible,", "As a result,", "In practice,",
  "Following the March meeting,", "Within twelve months,", "For this reason,",
};
static const struct
{
  const char *text;
  gboolean    plural;
} subjects[] = {
  { "the project", FALSE }, { "this proposal", FALSE }, { "the task team", FALSE },
  { "participating offices", TRUE }, { "the Modernisation Group", FALSE },
  { "the Executive Board", FALSE }, { "statistical organisations", TRUE },
  { "the community", FALSE }, { "the secretariat", FALSE }, { "member offices", TRUE },
  { "the project manager", FALSE }, { "the sprint participants", TRUE },
  { "national statistical institutes", TRUE },
};
static const struct
{
  const char *singular;
  const char *plural;
} verbs[] = {
  { "will develop", "will develop" }, { "will assess", "will assess" },
  { "aims to strengthen", "aim to strengthen" }, { "builds on", "build on" },
  { "proposes to review", "propose to review" }, { "will document", "will document" },
  { "will test", "will test" }, { "seeks to harmonise", "seek to harmonise" },
  { "will share", "will share" }, { "intends to pilot", "intend to pilot" },
  { "will compare", "will compare" }, { "needs", "need" }, { "will publish", "will publish" },
  { "will maintain", "will maintain" }, { "has already explored", "have already explored" },
};
static const char * const adjectives[] = {
  "shared", "reusable", "open source", "cloud-native", "privacy-preserving", "scalable",
  "trusted", "modern", "agile", "standards-based", "machine-learning", "register-based",
  "interoperable", "user-centred", "well-documented", "cost-effective",
};
static const char * const nouns[] = {
  "methods", "services", "guidelines", "tools", "data pipelines", "metadata models",
  "quality frameworks", "classification systems", "dissemination platforms",
  "training materials", "evaluation frameworks", "architectures", "data agreements",
  "validation rules", "linkage procedures", "imputation methods",
};
static const char * const complements[] = {
  "for the production of official statistics", "across member organisations",
  "in line with the HLG-MOS vision", "for new data sources", "using GSBPM and GSIM",
  "with minimal additional burden on respondents", "to improve the timeliness of releases",
  "for small and medium-sized offices", "building on previous HLG-MOS projects",
  "within the twelve-month limit", "that other offices can adopt without change",
  "with the support of the Modernisation Trust Fund", "for users outside the statistical system",
};
static const char * const topics[] = {
  "Price Statistics", "the Population Census", "Labour Market Statistics", "Business Registers",
  "National Accounts", "Environmental Accounts", "Tourism Statistics", "Migration Statistics",
  "Health Statistics", "Agricultural Statistics", "Trade Statistics", "Social Surveys",
  "Energy Statistics", "Household Budget Surveys", "Time Use Surveys", "Geospatial Statistics",
};
static const char * const countries[] = {
  "Netherlands", "Italy", "Canada", "France", "Australia", "Norway", "United Kingdom", "Mexico",
  "Republic of Korea", "Poland", "Sweden", "Finland", "Denmark", "Ireland", "Portugal", "Spain",
  "Austria", "Switzerland", "New Zealand", "Chile", "Colombia", "Estonia", "Latvia", "Lithuania",
  "Hungary", "Czechia", "Slovenia", "Japan", "Brazil", "South Africa", "Türkiye", "Georgia",
};
static const char * const first_names[] = {
  "Anna", "Pieter", "Giulia", "Marc", "Sophie", "Lars", "Emily", "Carlos", "Min-jun", "Katarzyna",
  "Erik", "Maria", "Thomas", "Ingrid", "James", "Ana", "Hanna", "Oliver", "Sara", "Jonas",
  "Lucia", "Mateo", "Aiko", "Nadia", "Daniel", "Eva", "Mikael", "Laura", "Tomas", "Rita",
};
static const char * const last_names[] = {
  "Jansen", "Rossi", "Tremblay", "Martin", "Smith", "Hansen", "Garcia", "Kim", "Nowak",
  "Andersson", "Muller", "Silva", "Novak", "Kowalski", "Lee", "Brown", "Bianchi", "Dubois",
  "Larsen", "Lopez", "Park", "Wilson", "Virtanen", "Horvat", "Tanaka", "Moreau", "Costa",
};
static const char * const team_words[] = {
  "Working Group on", "Task Team on", "Network for", "Community of Practice on",
};
static const char * const output_statuses[] = { "planned", "in-progress", "done", "late", "cancelled" };
static const char * const task_team_statuses[] = {
  "planned", "in-progress", "continuous", "completed", "cancelled"
};
static const char * const decisions[] = {
  "recommend-to-workshop", "revise", "merge-with", "refer-to-group", "on-hold-until", "not-pursue"
};
static const char * const recommendations[] = {
  "support", "support-with-changes", "do-not-support"
};
static const char * const methods[] = { "approval", "allotment", "ranking" };
static const char * const levels[] = { "low", "medium", "high" };
static const char * const outcomes[] = { "not-pursue", "on-hold-until", "recommend-further-work" };
static const char * const project_statuses[] = { "planned", "running", "completed", "cancelled" };

typedef struct
{
  GRand     *rand;
  GPtrArray *documents;
  GPtrArray *ids[HLG_N_DOC_TYPES]; /* char *, owned */
  GArray    *cycle_years;          /* int, parallel to ids[CYCLE] */
  GString   *text;
} Sample;

static guint
rnd (Sample *s,
     guint   lo,
     guint   hi)
{
  return g_rand_int_range (s->rand, lo, hi + 1);
}

static gboolean
chance (Sample *s,
        guint   percent)
{
  return rnd (s, 1, 100) <= percent;
}

#define PICK(s, array) ((array)[rnd ((s), 0, G_N_ELEMENTS (array) - 1)])

static const char *
pick_id (Sample     *s,
         HlgDocType  type)
{
  GPtrArray *ids = s->ids[type];

  if (ids->len == 0)
    return NULL;
  return g_ptr_array_index (ids, rnd (s, 0, ids->len - 1));
}

static int
pick_year (Sample *s)
{
  return g_array_index (s->cycle_years, int, rnd (s, 0, s->cycle_years->len - 1));
}

static char *
new_id (Sample     *s,
        HlgDocType  type)
{
  guint32 w[4];

  for (guint i = 0; i < 4; i++)
    w[i] = g_rand_int (s->rand);
  w[1] = (w[1] & 0xffff0fffu) | 0x00004000u; /* version 4 */
  w[2] = (w[2] & 0x3fffffffu) | 0x80000000u; /* RFC 4122 variant */

  return g_strdup_printf ("%s:%08x-%04x-%04x-%04x-%04x%08x", hlg_doc_type_to_name (type),
                          w[0], w[1] >> 16, w[1] & 0xffff, w[2] >> 16, w[2] & 0xffff, w[3]);
}

static JsonObject *
begin_doc (Sample     *s,
           HlgDocType  type)
{
  JsonObject *o = json_object_new ();
  char *id = new_id (s, type);

  json_object_set_string_member (o, "_id", id);
  json_object_set_string_member (o, "type", hlg_doc_type_to_name (type));
  json_object_set_int_member (o, "schema", HLG_SCHEMA_VERSION);
  g_ptr_array_add (s->ids[type], id);

  return o;
}

static void
end_doc (Sample     *s,
         JsonObject *o)
{
  g_autoptr(GError) error = NULL;
  HlgDocument *doc = hlg_document_new_from_object (o, &error);

  g_assert_no_error (error);
  g_ptr_array_add (s->documents, doc);
  json_object_unref (o);
}

/* Text */

static void
append_sentence (Sample *s)
{
  gsize start;
  guint subject, verb;

  if (s->text->len > 0 && s->text->str[s->text->len - 1] != '\n')
    g_string_append_c (s->text, ' ');
  start = s->text->len;
  if (chance (s, 35))
    g_string_append_printf (s->text, "%s ", PICK (s, openers));
  subject = rnd (s, 0, G_N_ELEMENTS (subjects) - 1);
  verb = rnd (s, 0, G_N_ELEMENTS (verbs) - 1);
  g_string_append_printf (s->text, "%s %s %s %s %s.", subjects[subject].text,
                          subjects[subject].plural ? verbs[verb].plural : verbs[verb].singular,
                          PICK (s, adjectives), PICK (s, nouns), PICK (s, complements));
  if (chance (s, 30))
    g_string_append_printf (s->text, " This matters for %s.", PICK (s, topics));
  s->text->str[start] = g_ascii_toupper (s->text->str[start]);
}

static const char *
paragraphs (Sample *s,
            guint   n_min,
            guint   n_max,
            guint   sentences_min,
            guint   sentences_max)
{
  guint n = rnd (s, n_min, n_max);

  g_string_truncate (s->text, 0);
  for (guint i = 0; i < n; i++)
    {
      guint k = rnd (s, sentences_min, sentences_max);

      if (i > 0)
        g_string_append (s->text, "\n\n");
      for (guint j = 0; j < k; j++)
        append_sentence (s);
    }

  return s->text->str;
}

static const char *
title (Sample *s)
{
  g_autofree char *adjective = g_strdup (PICK (s, adjectives));
  g_autofree char *noun = g_strdup (PICK (s, nouns));

  adjective[0] = g_ascii_toupper (adjective[0]);
  noun[0] = g_ascii_toupper (noun[0]);
  g_string_truncate (s->text, 0);
  switch (rnd (s, 0, 2))
    {
    case 0:
      g_string_printf (s->text, "%s %s for %s", adjective, noun, PICK (s, topics));
      break;
    case 1:
      g_string_printf (s->text, "Towards %s %s in %s", PICK (s, adjectives), PICK (s, nouns),
                       PICK (s, topics));
      break;
    default:
      g_string_printf (s->text, "%s: %s %s", PICK (s, topics), adjective, noun);
      break;
    }

  return s->text->str;
}

static const char *
date (Sample *s,
      int     year)
{
  guint month = rnd (s, 1, 12);

  g_string_printf (s->text, "%04d-%02u-%02u", year, month,
                   rnd (s, 1, g_date_get_days_in_month (month, year)));
  return s->text->str;
}

static const char *
datetime (Sample *s,
          int     year)
{
  guint month = rnd (s, 1, 12);

  g_string_printf (s->text, "%04d-%02u-%02uT%02u:%02u:%02uZ", year, month,
                   rnd (s, 1, g_date_get_days_in_month (month, year)),
                   rnd (s, 0, 23), rnd (s, 0, 59), rnd (s, 0, 59));
  return s->text->str;
}

/* Members */

static void
set_ref (Sample     *s,
         JsonObject *o,
         const char *member,
         HlgDocType  type)
{
  const char *id = pick_id (s, type);

  if (id != NULL)
    json_object_set_string_member (o, member, id);
}

static void
set_refs (Sample     *s,
          JsonObject *o,
          const char *member,
          HlgDocType  type,
          guint       n_min,
          guint       n_max)
{
  JsonArray *array = json_array_new ();
  guint n = MIN (rnd (s, n_min, n_max), s->ids[type]->len);

  /* Distinct, as a person would pick them. */
  for (guint i = 0, tries = 0; json_array_get_length (array) < n && tries < 4 * n; tries++)
    {
      const char *id = pick_id (s, type);
      gboolean seen = FALSE;

      for (guint j = 0; j < json_array_get_length (array); j++)
        seen |= g_str_equal (json_array_get_string_element (array, j), id);
      if (!seen)
        {
          json_array_add_string_element (array, id);
          i++;
        }
    }
  json_object_set_array_member (o, member, array);
}

static void
set_focus_areas (Sample     *s,
                 JsonObject *o)
{
  JsonArray *array = json_array_new ();
  guint first = rnd (s, 0, 3);
  guint n = rnd (s, 1, 3);

  for (guint i = 0; i < n; i++)
    json_array_add_string_element (array, hlg_focus_areas[(first + i) % 4]);
  json_object_set_array_member (o, "focus_areas", array);
}

static JsonObject *
add_item (JsonArray *array,
          const char *prefix,
          guint       index)
{
  JsonObject *item = json_object_new ();
  g_autofree char *id = g_strdup_printf ("%s%u", prefix, index);

  json_object_set_string_member (item, "id", id);
  json_array_add_object_element (array, item);
  return item;
}

static void
set_risks (Sample     *s,
           JsonObject *o,
           guint       n_min,
           guint       n_max)
{
  JsonArray *array = json_array_new ();
  guint n = rnd (s, n_min, n_max);

  for (guint i = 0; i < n; i++)
    {
      JsonObject *item = add_item (array, "r", i + 1);

      json_object_set_string_member (item, "issue", paragraphs (s, 1, 1, 1, 2));
      json_object_set_string_member (item, "mitigation", paragraphs (s, 1, 1, 1, 2));
      json_object_set_string_member (item, "likelihood", PICK (s, levels));
      json_object_set_string_member (item, "impact", PICK (s, levels));
    }
  json_object_set_array_member (o, "risks", array);
}

/* One generator per type */

static void
make_cycle (Sample *s,
            int     year)
{
  static const char * const months[] = {
    "03-04", "06-18", "07-15", "09-30", "10-01", "10-27", "11-18", "11-20",
  };
  JsonObject *o = begin_doc (s, HLG_DOC_TYPE_CYCLE);
  JsonArray *array = json_array_new ();
  g_autofree char *name = g_strdup_printf ("HLG-MOS cycle %d", year);

  json_object_set_int_member (o, "year", year);
  json_object_set_string_member (o, "title", name);
  for (guint i = 0; i < G_N_ELEMENTS (months); i++)
    {
      JsonObject *m = add_item (array, "m", i + 1);
      g_autofree char *start = g_strdup_printf ("%04d-%s", year, months[i]);

      json_object_set_string_member (m, "kind", hlg_milestone_kinds[i]);
      json_object_set_string_member (m, "start", start);
      json_object_set_string_member (m, "notes", paragraphs (s, 1, 1, 1, 3));
    }
  json_object_set_array_member (o, "milestones", array);
  g_array_append_val (s->cycle_years, year);
  end_doc (s, o);
}

static void
make_organisation (Sample *s)
{
  JsonObject *o = begin_doc (s, HLG_DOC_TYPE_ORGANISATION);
  const char *country = PICK (s, countries);
  g_autofree char *name = NULL;

  if (chance (s, 50))
    name = g_strdup_printf ("Statistics %s", country);
  else
    name = g_strdup_printf ("National Statistical Institute of %s", country);
  json_object_set_string_member (o, "name", name);
  json_object_set_string_member (o, "country", country);
  end_doc (s, o);
}

static void
make_person (Sample *s)
{
  JsonObject *o = begin_doc (s, HLG_DOC_TYPE_PERSON);
  const char *first = PICK (s, first_names);
  const char *last = PICK (s, last_names);
  g_autofree char *name = g_strdup_printf ("%s %s", first, last);
  g_autofree char *email = g_ascii_strdown (name, -1);
  g_autofree char *address = NULL;
  JsonArray *roles = json_array_new ();
  guint role = rnd (s, 0, 5);

  g_strdelimit (email, " ", '.');
  address = g_strdup_printf ("%s%u@stats.example.org", email, s->ids[HLG_DOC_TYPE_PERSON]->len);
  json_object_set_string_member (o, "name", name);
  set_ref (s, o, "organisation", HLG_DOC_TYPE_ORGANISATION);
  json_object_set_string_member (o, "email", address);
  json_object_set_string_member (o, "country", PICK (s, countries));
  json_array_add_string_element (roles, hlg_person_roles[role]);
  if (role != 5 && chance (s, 40))
    json_array_add_string_element (roles, "member");
  json_object_set_array_member (o, "roles", roles);
  end_doc (s, o);
}

static void
make_group (Sample *s)
{
  JsonObject *o = begin_doc (s, HLG_DOC_TYPE_GROUP);
  JsonArray *array = json_array_new ();
  g_autofree char *name = g_strdup_printf ("%s %s", PICK (s, team_words), PICK (s, topics));
  guint n = rnd (s, 3, 10);

  json_object_set_string_member (o, "name", name);
  json_object_set_string_member (o, "description", paragraphs (s, 1, 1, 2, 4));
  set_refs (s, o, "chairs", HLG_DOC_TYPE_PERSON, 1, 2);
  for (guint i = 0; i < n; i++)
    {
      JsonObject *m = add_item (array, "member-", i + 1);

      set_ref (s, m, "person", HLG_DOC_TYPE_PERSON);
      set_ref (s, m, "organisation", HLG_DOC_TYPE_ORGANISATION);
      json_object_set_int_member (m, "in_kind_days", rnd (s, 2, 40));
    }
  json_object_set_array_member (o, "members", array);
  end_doc (s, o);
}

static void
make_priority (Sample *s)
{
  JsonObject *o = begin_doc (s, HLG_DOC_TYPE_PRIORITY);
  JsonArray *array = json_array_new ();
  guint n = rnd (s, 0, 3);

  set_ref (s, o, "cycle", HLG_DOC_TYPE_CYCLE);
  json_object_set_string_member (o, "title", title (s));
  json_object_set_string_member (o, "text", paragraphs (s, 1, 2, 2, 4));
  set_focus_areas (s, o);
  json_object_set_string_member (o, "source", chance (s, 80) ? "march-meeting" : "ces-plenary");
  for (guint i = 0; i < n; i++)
    {
      JsonObject *c = add_item (array, "c", i + 1);

      set_ref (s, c, "organisation", HLG_DOC_TYPE_ORGANISATION);
      json_object_set_string_member (c, "text", paragraphs (s, 1, 1, 1, 2));
    }
  json_object_set_array_member (o, "plenary_comments", array);
  end_doc (s, o);
}

static void
make_proposal (Sample *s)
{
  JsonObject *o = begin_doc (s, HLG_DOC_TYPE_PROPOSAL);
  JsonObject *resources = json_object_new ();
  JsonArray *array = json_array_new ();
  int year = pick_year (s);
  guint n_wp = rnd (s, 2, 4);
  guint kind = rnd (s, 0, 9);
  const char *status = hlg_proposal_statuses[rnd (s, 0, 9)];

  /* The cycle of the same year, as the proposal's dates assume. */
  for (guint i = 0; i < s->cycle_years->len; i++)
    if (g_array_index (s->cycle_years, int, i) == year)
      json_object_set_string_member (o, "cycle", g_ptr_array_index (s->ids[HLG_DOC_TYPE_CYCLE], i));
  json_object_set_string_member (o, "kind", kind < 6 ? "project" : kind < 9 ? "activity" : "blue-skies");
  json_object_set_string_member (o, "title", title (s));
  set_ref (s, o, "lead_organisation", HLG_DOC_TYPE_ORGANISATION);
  set_refs (s, o, "supporting_organisations", HLG_DOC_TYPE_ORGANISATION, 0, 5);
  set_refs (s, o, "authors", HLG_DOC_TYPE_PERSON, 1, 3);
  json_object_set_string_member (o, "summary", paragraphs (s, 1, 1, 2, 4));
  json_object_set_string_member (o, "context", paragraphs (s, 1, 2, 2, 4));
  json_object_set_string_member (o, "objectives", paragraphs (s, 1, 1, 2, 3));
  json_object_set_string_member (o, "outputs", paragraphs (s, 1, 1, 1, 3));

  for (guint i = 0; i < n_wp; i++)
    {
      JsonObject *wp = add_item (array, "wp", i + 1);
      guint first = 1 + i * 12 / n_wp;
      guint last = (i + 1) * 12 / n_wp;
      g_autofree char *start = g_strdup_printf ("%04d-%02u-01", year + 1, first);
      g_autofree char *end = g_strdup_printf ("%04d-%02u-%02u", year + 1, last,
                                              g_date_get_days_in_month (last, year + 1));

      json_object_set_string_member (wp, "title", title (s));
      json_object_set_string_member (wp, "description", paragraphs (s, 1, 1, 1, 2));
      json_object_set_string_member (wp, "start", start);
      json_object_set_string_member (wp, "end", end);
      set_ref (s, wp, "lead", HLG_DOC_TYPE_ORGANISATION);
    }
  json_object_set_array_member (o, "work_packages", array);
  g_string_printf (s->text, "%04d-01-01", year + 1);
  json_object_set_string_member (o, "start", s->text->str);
  g_string_printf (s->text, "%04d-12-31", year + 1);
  json_object_set_string_member (o, "end", s->text->str);

  json_object_set_int_member (resources, "project_manager_months", rnd (s, 0, 12));
  json_object_set_int_member (resources, "travel", rnd (s, 0, 40) * 1000);
  json_object_set_int_member (resources, "trust_fund_request", rnd (s, 0, 200) * 1000);
  array = json_array_new ();
  for (guint i = 0, n = rnd (s, 1, 5); i < n; i++)
    {
      JsonObject *item = add_item (array, "ik", i + 1);

      set_ref (s, item, "organisation", HLG_DOC_TYPE_ORGANISATION);
      json_object_set_int_member (item, "days", rnd (s, 5, 150));
    }
  json_object_set_array_member (resources, "in_kind_days", array);
  json_object_set_object_member (o, "resources", resources);

  set_ref (s, o, "target_group", HLG_DOC_TYPE_GROUP);
  set_focus_areas (s, o);
  set_refs (s, o, "priorities", HLG_DOC_TYPE_PRIORITY, 0, 2);
  set_risks (s, o, 1, 3);
  json_object_set_string_member (o, "status", status);
  if (!g_str_equal (status, "draft"))
    json_object_set_string_member (o, "submitted_at", datetime (s, year));
  end_doc (s, o);
}

static void
make_review (Sample *s)
{
  JsonObject *o = begin_doc (s, HLG_DOC_TYPE_REVIEW);
  gboolean conflict = chance (s, 5);

  set_ref (s, o, "proposal", HLG_DOC_TYPE_PROPOSAL);
  set_ref (s, o, "reviewer", HLG_DOC_TYPE_PERSON);
  json_object_set_int_member (o, "round", chance (s, 90) ? 1 : 2);
  json_object_set_int_member (o, "form_version", 1);
  if (!conflict)
    {
      JsonObject *scores = json_object_new ();

      for (guint i = 0; i < 4; i++)
        json_object_set_int_member (scores, hlg_focus_areas[i], rnd (s, 0, 5));
      json_object_set_object_member (o, "scores", scores);
      json_object_set_int_member (o, "fit_with_priorities", rnd (s, 0, 5));
      json_object_set_int_member (o, "added_value", rnd (s, 0, 5));
      json_object_set_int_member (o, "feasibility", rnd (s, 0, 5));
      json_object_set_string_member (o, "recommendation", PICK (s, recommendations));
      json_object_set_string_member (o, "comments_for_authors", paragraphs (s, 1, 2, 3, 5));
    }
  json_object_set_int_member (o, "confidence", rnd (s, 1, 3));
  if (conflict || chance (s, 50))
    json_object_set_string_member (o, "comments_for_board", paragraphs (s, 1, 1, 1, 3));
  json_object_set_boolean_member (o, "conflict_of_interest", conflict);
  json_object_set_boolean_member (o, "ready", chance (s, 70));
  end_doc (s, o);
}

static void
make_feedback (Sample *s)
{
  JsonObject *o = begin_doc (s, HLG_DOC_TYPE_FEEDBACK);
  const char *decision = PICK (s, decisions);
  gboolean released = chance (s, 60);
  int year = pick_year (s);

  set_ref (s, o, "proposal", HLG_DOC_TYPE_PROPOSAL);
  json_object_set_string_member (o, "message", paragraphs (s, 1, 3, 2, 4));
  json_object_set_string_member (o, "decision", decision);
  if (g_str_equal (decision, "merge-with"))
    set_ref (s, o, "decision_ref", HLG_DOC_TYPE_PROPOSAL);
  else if (g_str_equal (decision, "on-hold-until"))
    json_object_set_string_member (o, "on_hold_until", date (s, year + 1));
  json_object_set_boolean_member (o, "released", released);
  if (released)
    json_object_set_string_member (o, "released_at", datetime (s, year));
  end_doc (s, o);
}

static void
make_ballot (Sample *s)
{
  JsonObject *o = begin_doc (s, HLG_DOC_TYPE_BALLOT);
  JsonArray *array = json_array_new ();
  const char *method = PICK (s, methods);
  guint n = rnd (s, 2, 5);

  set_ref (s, o, "cycle", HLG_DOC_TYPE_CYCLE);
  set_ref (s, o, "voter", HLG_DOC_TYPE_PERSON);
  json_object_set_string_member (o, "method", method);
  for (guint i = 0; i < n; i++)
    {
      JsonObject *item = add_item (array, "choice-", i + 1);

      set_ref (s, item, "proposal", HLG_DOC_TYPE_PROPOSAL);
      if (g_str_equal (method, "approval"))
        json_object_set_boolean_member (item, "approved", chance (s, 50));
      else if (g_str_equal (method, "allotment"))
        json_object_set_int_member (item, "points", rnd (s, 0, 10));
      else
        json_object_set_int_member (item, "rank", i + 1);
    }
  json_object_set_array_member (o, "choices", array);
  end_doc (s, o);
}

/* @n items due in @year, each with a title and a status, as @member of @o. */
static void
set_outputs (Sample     *s,
             JsonObject *o,
             const char *member,
             const char *prefix,
             guint       n,
             int         year)
{
  JsonArray *array = json_array_new ();

  for (guint i = 0; i < n; i++)
    {
      JsonObject *item = add_item (array, prefix, i + 1);

      json_object_set_string_member (item, "title", title (s));
      json_object_set_string_member (item, "due", date (s, year));
      json_object_set_string_member (item, "status", PICK (s, output_statuses));
    }
  json_object_set_array_member (o, member, array);
}

static void
make_project (Sample *s)
{
  JsonObject *o = begin_doc (s, HLG_DOC_TYPE_PROJECT);
  JsonArray *array = json_array_new ();
  int year = pick_year (s) + 1;
  guint n;

  set_ref (s, o, "proposal", HLG_DOC_TYPE_PROPOSAL);
  json_object_set_string_member (o, "title", title (s));
  set_ref (s, o, "leader", HLG_DOC_TYPE_ORGANISATION);
  set_ref (s, o, "project_manager", HLG_DOC_TYPE_PERSON);
  g_string_printf (s->text, "%04d-01-01", year);
  json_object_set_string_member (o, "start", s->text->str);
  g_string_printf (s->text, "%04d-12-31", year);
  json_object_set_string_member (o, "end", s->text->str);
  n = rnd (s, 2, 4);
  for (guint i = 0; i < n; i++)
    {
      JsonObject *item = add_item (array, "b", i + 1);

      json_object_set_string_member (item, "item", title (s));
      json_object_set_int_member (item, "amount", rnd (s, 1, 120) * 1000);
      json_object_set_string_member (item, "currency", "USD");
    }
  json_object_set_array_member (o, "budget_lines", array);
  set_outputs (s, o, "outputs", "o", rnd (s, 3, 5), year);
  json_object_set_string_member (o, "status", PICK (s, project_statuses));
  end_doc (s, o);
}

static void
make_progress_report (Sample *s)
{
  JsonObject *o = begin_doc (s, HLG_DOC_TYPE_PROGRESS_REPORT);
  int year = pick_year (s) + 1;
  gboolean first_half = chance (s, 50);

  set_ref (s, o, "project", HLG_DOC_TYPE_PROJECT);
  g_string_printf (s->text, "%04d-%s", year, first_half ? "01-01" : "07-01");
  json_object_set_string_member (o, "period_start", s->text->str);
  g_string_printf (s->text, "%04d-%s", year, first_half ? "06-30" : "12-31");
  json_object_set_string_member (o, "period_end", s->text->str);
  json_object_set_string_member (o, "progress", paragraphs (s, 2, 3, 2, 4));
  json_object_set_string_member (o, "next_steps", paragraphs (s, 1, 1, 2, 3));
  set_risks (s, o, 1, 3);
  end_doc (s, o);
}

static void
make_task_team (Sample *s)
{
  JsonObject *o = begin_doc (s, HLG_DOC_TYPE_TASK_TEAM);
  int year = pick_year (s);
  guint n = rnd (s, 1, 3);

  set_ref (s, o, "group", HLG_DOC_TYPE_GROUP);
  json_object_set_int_member (o, "year", year);
  json_object_set_string_member (o, "title", title (s));
  set_ref (s, o, "lead", HLG_DOC_TYPE_PERSON);
  set_refs (s, o, "members", HLG_DOC_TYPE_PERSON, 2, 5);
  json_object_set_string_member (o, "objectives", paragraphs (s, 1, 2, 2, 3));
  set_outputs (s, o, "deliverables", "d", n, year);
  json_object_set_string_member (o, "status", PICK (s, task_team_statuses));
  end_doc (s, o);
}

static void
make_blue_skies_report (Sample *s)
{
  JsonObject *o = begin_doc (s, HLG_DOC_TYPE_BLUE_SKIES_REPORT);
  const char *outcome = PICK (s, outcomes);

  set_ref (s, o, "cycle", HLG_DOC_TYPE_CYCLE);
  json_object_set_string_member (o, "title", title (s));
  set_refs (s, o, "authors", HLG_DOC_TYPE_PERSON, 1, 3);
  json_object_set_string_member (o, "topic", paragraphs (s, 1, 2, 2, 4));
  json_object_set_string_member (o, "value", paragraphs (s, 1, 2, 2, 4));
  json_object_set_string_member (o, "current_work", paragraphs (s, 1, 2, 2, 4));
  json_object_set_string_member (o, "collaboration", paragraphs (s, 1, 2, 2, 4));
  json_object_set_string_member (o, "outcome", outcome);
  if (g_str_equal (outcome, "on-hold-until"))
    json_object_set_string_member (o, "on_hold_until", date (s, pick_year (s) + 2));
  else if (g_str_equal (outcome, "recommend-further-work"))
    json_object_set_string_member (o, "follow_up", "Task team in the Blue-Skies Thinking Network");
  set_ref (s, o, "group", HLG_DOC_TYPE_GROUP);
  end_doc (s, o);
}

static void
make_inspiration_session (Sample *s)
{
  JsonObject *o = begin_doc (s, HLG_DOC_TYPE_INSPIRATION_SESSION);
  JsonArray *array = json_array_new ();
  guint n = rnd (s, 3, 8);
  g_autofree char *topic = NULL;

  set_ref (s, o, "cycle", HLG_DOC_TYPE_CYCLE);
  json_object_set_string_member (o, "date", date (s, pick_year (s)));
  topic = g_strdup_printf ("Lessons learned on %s %s", PICK (s, adjectives), PICK (s, nouns));
  json_object_set_string_member (o, "topic", topic);
  for (guint i = 0; i < n; i++)
    {
      g_autofree char *who = g_strdup_printf ("Chief Statistician of %s", PICK (s, countries));

      json_array_add_string_element (array, who);
    }
  json_object_set_array_member (o, "participants", array);
  json_object_set_string_member (o, "lessons", paragraphs (s, 2, 3, 2, 4));
  end_doc (s, o);
}

/* The mix, in documents per thousand, in the order they are made: what
 * refers to something comes after it. Cycles are one per 2000 documents. */
static const guint per_mille[HLG_N_DOC_TYPES] = {
  [HLG_DOC_TYPE_CYCLE] = 0,
  [HLG_DOC_TYPE_ORGANISATION] = 30,
  [HLG_DOC_TYPE_PERSON] = 80,
  [HLG_DOC_TYPE_GROUP] = 4,
  [HLG_DOC_TYPE_PRIORITY] = 15,
  [HLG_DOC_TYPE_PROPOSAL] = 350,
  [HLG_DOC_TYPE_REVIEW] = 350,
  [HLG_DOC_TYPE_FEEDBACK] = 40,
  [HLG_DOC_TYPE_BALLOT] = 20,
  [HLG_DOC_TYPE_PROJECT] = 10,
  [HLG_DOC_TYPE_PROGRESS_REPORT] = 30,
  [HLG_DOC_TYPE_TASK_TEAM] = 30,
  [HLG_DOC_TYPE_BLUE_SKIES_REPORT] = 10,
  [HLG_DOC_TYPE_INSPIRATION_SESSION] = 5,
};

static const HlgDocType order[HLG_N_DOC_TYPES] = {
  HLG_DOC_TYPE_CYCLE, HLG_DOC_TYPE_ORGANISATION, HLG_DOC_TYPE_PERSON, HLG_DOC_TYPE_GROUP,
  HLG_DOC_TYPE_PRIORITY, HLG_DOC_TYPE_PROPOSAL, HLG_DOC_TYPE_REVIEW, HLG_DOC_TYPE_FEEDBACK,
  HLG_DOC_TYPE_BALLOT, HLG_DOC_TYPE_PROJECT, HLG_DOC_TYPE_PROGRESS_REPORT,
  HLG_DOC_TYPE_TASK_TEAM, HLG_DOC_TYPE_BLUE_SKIES_REPORT, HLG_DOC_TYPE_INSPIRATION_SESSION,
};

static void
count_types (guint n,
             guint counts[HLG_N_DOC_TYPES])
{
  /* Too few for every type: only what a minimal cycle needs. */
  static const HlgDocType small[] = {
    HLG_DOC_TYPE_CYCLE, HLG_DOC_TYPE_ORGANISATION, HLG_DOC_TYPE_PERSON, HLG_DOC_TYPE_PROPOSAL,
  };
  guint total = 0;

  memset (counts, 0, sizeof (guint) * HLG_N_DOC_TYPES);
  if (n < 2 * HLG_N_DOC_TYPES)
    {
      for (guint i = 0; i < n; i++)
        {
          if (i < G_N_ELEMENTS (small))
            counts[small[i]]++;
          else
            counts[i % 2 ? HLG_DOC_TYPE_PROPOSAL : HLG_DOC_TYPE_REVIEW]++;
        }
      return;
    }

  for (guint t = 0; t < HLG_N_DOC_TYPES; t++)
    {
      counts[t] = MAX (1, (guint64) n * per_mille[t] / 1000);
      total += counts[t];
    }
  counts[HLG_DOC_TYPE_CYCLE] = (n + 1999) / 2000;
  total += counts[HLG_DOC_TYPE_CYCLE] - 1;

  for (guint i = 0; total < n; i++, total++)
    counts[i % 2 ? HLG_DOC_TYPE_REVIEW : HLG_DOC_TYPE_PROPOSAL]++;
  for (guint i = 0; total > n; i++, total--)
    counts[i % 2 ? HLG_DOC_TYPE_REVIEW : HLG_DOC_TYPE_PROPOSAL]--;
}

/**
 * hlg_sample_generate:
 * @n_documents: how many
 * @seed: the same seed gives the same documents
 *
 * Returns: (transfer full) (element-type HlgDocument): @n_documents valid
 *   documents whose references point inside the set
 */
GPtrArray *
hlg_sample_generate (guint   n_documents,
                     guint32 seed)
{
  Sample s = { 0 };
  guint counts[HLG_N_DOC_TYPES];
  int first_year;

  s.rand = g_rand_new_with_seed (seed);
  s.documents = g_ptr_array_new_full (n_documents, g_object_unref);
  s.cycle_years = g_array_new (FALSE, FALSE, sizeof (int));
  s.text = g_string_sized_new (4096);
  for (guint t = 0; t < HLG_N_DOC_TYPES; t++)
    s.ids[t] = g_ptr_array_new_with_free_func (g_free);

  count_types (n_documents, counts);
  first_year = 2025 - (int) MIN (counts[HLG_DOC_TYPE_CYCLE], 100) + 1;
  for (guint i = 0; i < HLG_N_DOC_TYPES; i++)
    {
      HlgDocType type = order[i];

      for (guint j = 0; j < counts[type]; j++)
        {
          switch (type)
            {
            case HLG_DOC_TYPE_CYCLE: make_cycle (&s, first_year + (int) j); break;
            case HLG_DOC_TYPE_ORGANISATION: make_organisation (&s); break;
            case HLG_DOC_TYPE_PERSON: make_person (&s); break;
            case HLG_DOC_TYPE_GROUP: make_group (&s); break;
            case HLG_DOC_TYPE_PRIORITY: make_priority (&s); break;
            case HLG_DOC_TYPE_PROPOSAL: make_proposal (&s); break;
            case HLG_DOC_TYPE_REVIEW: make_review (&s); break;
            case HLG_DOC_TYPE_FEEDBACK: make_feedback (&s); break;
            case HLG_DOC_TYPE_BALLOT: make_ballot (&s); break;
            case HLG_DOC_TYPE_PROJECT: make_project (&s); break;
            case HLG_DOC_TYPE_PROGRESS_REPORT: make_progress_report (&s); break;
            case HLG_DOC_TYPE_TASK_TEAM: make_task_team (&s); break;
            case HLG_DOC_TYPE_BLUE_SKIES_REPORT: make_blue_skies_report (&s); break;
            case HLG_DOC_TYPE_INSPIRATION_SESSION: make_inspiration_session (&s); break;
            case HLG_N_DOC_TYPES:
            case HLG_DOC_TYPE_INVALID:
            default:
              g_assert_not_reached ();
            }
        }
    }

  for (guint t = 0; t < HLG_N_DOC_TYPES; t++)
    g_ptr_array_unref (s.ids[t]);
  g_string_free (s.text, TRUE);
  g_array_unref (s.cycle_years);
  g_rand_free (s.rand);

  g_assert (s.documents->len == n_documents);
  return s.documents;
}

/**
 * hlg_sample_write_store:
 * @dir: the store's folder, created if needed
 *
 * Fills the store at @dir with hlg_sample_generate()'s documents, saved
 * through #HlgStore as a person's edits would be. For benchmarks: a
 * failure is fatal.
 */
void
hlg_sample_write_store (const char *dir,
                        guint       n_documents,
                        guint32     seed)
{
  g_autoptr(HlgStore) store = NULL;
  g_autoptr(GPtrArray) documents = NULL;
  g_autoptr(GError) error = NULL;

  g_return_if_fail (dir != NULL);

  store = hlg_store_new (dir);
  if (!hlg_store_load (store, NULL, &error))
    g_error ("Could not open the store %s: %s", dir, error->message);

  documents = hlg_sample_generate (n_documents, seed);
  for (guint i = 0; i < documents->len; i++)
    if (!hlg_store_save (store, g_ptr_array_index (documents, i), &error))
      g_error ("Could not save a sample document: %s", error->message);
}
