/* hlg-demo.c: a complete demo data set showing one real HLG-MOS cycle
 * SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "hlg-demo"

#include "config.h"

#include <glib/gi18n-lib.h>
#include <string.h>

#include "hlg-demo.h"
#include "hlg-document.h"
#include "hlg-id.h"
#include "hlg-schema.h"

/* Everything below is made up, but shaped like the real thing: the months
 * of the cycle come from the HLG-MOS strategy, the organisations are real
 * statistical offices, the people are invented. IDs are derived from names,
 * so that the same demo saved twice is the same set of documents. */

typedef struct
{
  int           year;
  GHashTable   *ids;     /* "type/key" -> "type:uuid" */
  GStringChunk *strings;
  GPtrArray    *objects; /* JsonObject, in the order made */
} Demo;

typedef struct
{
  const char *key;
  const char *name;
  const char *short_name;
  const char *country;
} OrganisationSpec;

typedef struct
{
  const char *key;
  const char *name;
  const char *organisation;
  const char *email;
  const char *roles;
} PersonSpec;

typedef struct
{
  const char *title;
  const char *text;
  const char *extra; /* a work package's lead; a risk's "likelihood impact" */
} ItemSpec;

typedef struct
{
  const char     *key;
  const char     *kind;
  const char     *status;
  const char     *title;
  const char     *lead;
  const char     *supporting;
  const char     *authors;
  const char     *summary;
  const char     *context;
  const char     *objectives;
  const char     *outputs;
  const char     *target_group;
  const char     *focus_areas;
  const char     *priorities;
  int             pm_months;
  int             travel;
  int             trust_fund;
  const char     *in_kind;   /* "organisation:days ..." */
  const char     *submitted; /* "MM-DDTHH:MM:SSZ" in the cycle's year, or NULL */
  const ItemSpec *work_packages;
  const ItemSpec *risks;
} ProposalSpec;

typedef struct
{
  const char *proposal;
  const char *reviewer;
  int         scores[4];
  int         fit;
  int         added_value;
  int         feasibility;
  int         confidence;
  const char *recommendation;
  const char *for_authors;
  const char *for_board;
  gboolean    conflict;
  gboolean    ready;
} ReviewSpec;

typedef struct
{
  const char     *key;
  const char     *group;
  const char     *title;
  const char     *lead;
  const char     *members;
  const char     *objectives;
  const char     *status;
  const ItemSpec *deliverables; /* title, due "MM-DD", status */
} TaskTeamSpec;

static const char *pool_printf (Demo       *d,
                                const char *format,
                                ...) G_GNUC_PRINTF (2, 3);

static const char *
pool_printf (Demo       *d,
             const char *format,
             ...)
{
  g_autofree char *s = NULL;
  va_list args;

  va_start (args, format);
  s = g_strdup_vprintf (format, args);
  va_end (args);

  return g_string_chunk_insert (d->strings, s);
}

/* Keys of documents that belong to a cycle start with "cur/" or "prev/" and
 * get the year in their name, so a demo saved next year adds a new cycle and
 * finds last year's documents where it left them. */
static const char *
demo_id (Demo       *d,
         HlgDocType  type,
         const char *key)
{
  const char *type_name = hlg_doc_type_to_name (type);
  g_autofree char *name = NULL;
  g_autoptr(GChecksum) checksum = NULL;
  guint8 digest[20];
  gsize digest_len = sizeof digest;
  GString *id;
  const char *found;

  if (g_str_has_prefix (key, "cur/"))
    name = g_strdup_printf ("%s/%d/%s", type_name, d->year, key + 4);
  else if (g_str_has_prefix (key, "prev/"))
    name = g_strdup_printf ("%s/%d/%s", type_name, d->year - 1, key + 5);
  else
    name = g_strdup_printf ("%s/%s", type_name, key);

  found = g_hash_table_lookup (d->ids, name);
  if (found != NULL)
    return found;

  /* A name-based UUID in the manner of RFC 4122 version 5. */
  checksum = g_checksum_new (G_CHECKSUM_SHA1);
  g_checksum_update (checksum, (const guchar *) "org.unece.HLGMOS/demo/", -1);
  g_checksum_update (checksum, (const guchar *) name, -1);
  g_checksum_get_digest (checksum, digest, &digest_len);
  digest[6] = 0x50 | (digest[6] & 0x0f);
  digest[8] = 0x80 | (digest[8] & 0x3f);

  id = g_string_new (type_name);
  g_string_append_c (id, ':');
  for (guint i = 0; i < 16; i++)
    {
      if (i == 4 || i == 6 || i == 8 || i == 10)
        g_string_append_c (id, '-');
      g_string_append_printf (id, "%02x", digest[i]);
    }

  found = g_string_chunk_insert (d->strings, id->str);
  g_string_free (id, TRUE);
  g_hash_table_insert (d->ids, g_steal_pointer (&name), (gpointer) found);

  return found;
}

static int
key_year (Demo       *d,
          const char *key)
{
  return g_str_has_prefix (key, "prev/") ? d->year - 1 : d->year;
}

static const char *
day (Demo       *d,
     int         year,
     const char *month_day)
{
  return pool_printf (d, "%04d-%s", year, month_day);
}

static JsonObject *
add_doc (Demo       *d,
         HlgDocType  type,
         const char *key)
{
  JsonObject *o = json_object_new ();

  json_object_set_string_member (o, "_id", demo_id (d, type, key));
  json_object_set_string_member (o, "type", hlg_doc_type_to_name (type));
  json_object_set_int_member (o, "schema", HLG_SCHEMA_VERSION);
  g_ptr_array_add (d->objects, o);

  return o;
}

static void
set_str (JsonObject *o,
         const char *member,
         const char *value)
{
  if (value != NULL)
    json_object_set_string_member (o, member, value);
}

static void
set_int (JsonObject *o,
         const char *member,
         gint64      value)
{
  json_object_set_int_member (o, member, value);
}

static void
set_bool (JsonObject *o,
          const char *member,
          gboolean    value)
{
  json_object_set_boolean_member (o, member, value);
}

static JsonArray *
set_array (JsonObject *o,
           const char *member)
{
  JsonArray *array = json_array_new ();

  json_object_set_array_member (o, member, array);
  return array;
}

static JsonObject *
set_object (JsonObject *o,
            const char *member)
{
  JsonObject *object = json_object_new ();

  json_object_set_object_member (o, member, object);
  return object;
}

static JsonObject *
add_item (JsonArray  *array,
          const char *id)
{
  JsonObject *item = json_object_new ();

  json_object_set_string_member (item, "id", id);
  json_array_add_object_element (array, item);
  return item;
}

static void
set_ref (Demo       *d,
         JsonObject *o,
         const char *member,
         HlgDocType  type,
         const char *key)
{
  json_object_set_string_member (o, member, demo_id (d, type, key));
}

/* @words: separated by @separator; each a key when @type is valid, else a value */
static void
set_list (Demo       *d,
          JsonObject *o,
          const char *member,
          HlgDocType  type,
          const char *words,
          const char *separator)
{
  g_auto(GStrv) split = g_strsplit (words, separator, -1);
  JsonArray *array = set_array (o, member);

  for (guint i = 0; split[i] != NULL; i++)
    {
      if (split[i][0] == '\0')
        continue;
      if (type == HLG_DOC_TYPE_INVALID)
        json_array_add_string_element (array, split[i]);
      else
        json_array_add_string_element (array, demo_id (d, type, split[i]));
    }
}

static void
set_refs (Demo       *d,
          JsonObject *o,
          const char *member,
          HlgDocType  type,
          const char *keys)
{
  set_list (d, o, member, type, keys, " ");
}

static void
set_enums (Demo       *d,
           JsonObject *o,
           const char *member,
           const char *values)
{
  set_list (d, o, member, HLG_DOC_TYPE_INVALID, values, " ");
}

/* Organisations and people */

static const OrganisationSpec organisations[] = {
  { "cbs", "Statistics Netherlands", "CBS", "Netherlands" },
  { "istat", "Italian National Institute of Statistics", "ISTAT", "Italy" },
  { "statcan", "Statistics Canada", "StatCan", "Canada" },
  { "insee", "National Institute of Statistics and Economic Studies", "INSEE", "France" },
  { "abs", "Australian Bureau of Statistics", "ABS", "Australia" },
  { "ssb", "Statistics Norway", "SSB", "Norway" },
  { "ons", "Office for National Statistics", "ONS", "United Kingdom" },
  { "inegi", "National Institute of Statistics and Geography", "INEGI", "Mexico" },
  { "kostat", "Statistics Korea", "KOSTAT", "Republic of Korea" },
  { "unece", "United Nations Economic Commission for Europe", "UNECE", "Switzerland" },
  { "eurostat", "Eurostat", "Eurostat", "Luxembourg" },
  { "gus", "Statistics Poland", "GUS", "Poland" },
  { "scb", "Statistics Sweden", "SCB", "Sweden" },
};

/* The people are invented; e-mail addresses use reserved example domains. */
static const PersonSpec persons[] = {
  { "sec-marchetti", "Hélène Marchetti", "unece", "helene.marchetti@unece.example.org", "secretariat" },
  { "sec-osei", "Daniel Osei", "unece", "daniel.osei@unece.example.org", "secretariat" },
  { "board-vandenberg", "Pieter van den Berg", "cbs", "p.vandenberg@cbs.example.org", "board" },
  { "board-tremblay", "Geneviève Tremblay", "statcan", "genevieve.tremblay@statcan.example.org", "board" },
  { "board-callaghan", "Rhys Callaghan", "abs", "rhys.callaghan@abs.example.org", "board" },
  { "board-ferraro", "Giulia Ferraro", "istat", "giulia.ferraro@istat.example.org", "board" },
  { "author-sharma", "Ananya Sharma", "statcan", "ananya.sharma@statcan.example.org", "author" },
  { "author-solberg", "Ingrid Solberg", "ssb", "ingrid.solberg@ssb.example.org", "author member" },
  { "author-wisniewski", "Tomasz Wiśniewski", "gus", "t.wisniewski@gus.example.org", "author" },
  { "author-laurent", "Amélie Laurent", "insee", "amelie.laurent@insee.example.org", "author" },
  { "author-ruiz", "Alejandra Ruiz Herrera", "inegi", "alejandra.ruiz@inegi.example.org", "author member" },
  { "author-park", "Min-jun Park", "kostat", "minjun.park@kostat.example.org", "author member" },
  { "author-schmidt", "Lukas Schmidt", "eurostat", "lukas.schmidt@eurostat.example.org", "author" },
  { "author-rinaldi", "Marco Rinaldi", "istat", "marco.rinaldi@istat.example.org", "author" },
  { "author-watson", "Emily Watson", "ons", "emily.watson@ons.example.org", "author" },
  { "author-lindqvist", "Sara Lindqvist", "scb", "sara.lindqvist@scb.example.org", "author member" },
  { "chair-bennett", "Oliver Bennett", "ons", "oliver.bennett@ons.example.org", "group-chair author" },
  { "chair-devries", "Hanna de Vries", "cbs", "hanna.devries@cbs.example.org", "group-chair" },
  { "chair-mitchell", "Karen Mitchell", "abs", "karen.mitchell@abs.example.org", "group-chair" },
  { "chair-kim", "Ji-woo Kim", "kostat", "jiwoo.kim@kostat.example.org", "group-chair" },
  { "chair-russo", "Francesco Russo", "istat", "francesco.russo@istat.example.org", "group-chair member" },
  { "pm-haddad", "Nadia Haddad", "unece", "nadia.haddad@unece.example.org", "project-manager" },
  { "member-kristiansen", "Erik Kristiansen", "ssb", "erik.kristiansen@ssb.example.org", "member" },
  { "member-garcia", "Ana García López", "inegi", "ana.garcia@inegi.example.org", "member" },
  { "member-petit", "Marie Petit", "insee", "marie.petit@insee.example.org", "member" },
  { "member-wong", "James Wong", "abs", "james.wong@abs.example.org", "member" },
  { "member-nowak", "Katarzyna Nowak", "gus", "katarzyna.nowak@gus.example.org", "member" },
  { "member-huber", "Thomas Huber", "eurostat", "thomas.huber@eurostat.example.org", "member" },
  { "member-jansen", "Lotte Jansen", "cbs", "lotte.jansen@cbs.example.org", "member" },
  { "member-lee", "Seo-yeon Lee", "kostat", "seoyeon.lee@kostat.example.org", "member" },
};

/* The demo server's accounts ("hlgmos-server --demo") and the person each
 * is: the app finds the person signed in by this "account". */
static const struct
{
  const char *person;
  const char *account;
} accounts[] = {
  { "sec-marchetti", "secretariat" },
  { "board-vandenberg", "board" },
  { "author-solberg", "author" },
  { "member-kristiansen", "member" },
};

static void
add_people (Demo *d)
{
  for (guint i = 0; i < G_N_ELEMENTS (organisations); i++)
    {
      const OrganisationSpec *spec = &organisations[i];
      JsonObject *o = add_doc (d, HLG_DOC_TYPE_ORGANISATION, spec->key);

      set_str (o, "name", spec->name);
      set_str (o, "short_name", spec->short_name);
      set_str (o, "country", spec->country);
    }

  for (guint i = 0; i < G_N_ELEMENTS (persons); i++)
    {
      const PersonSpec *spec = &persons[i];
      JsonObject *o = add_doc (d, HLG_DOC_TYPE_PERSON, spec->key);
      const char *country = NULL;

      for (guint j = 0; j < G_N_ELEMENTS (organisations); j++)
        if (g_str_equal (organisations[j].key, spec->organisation))
          country = organisations[j].country;

      set_str (o, "name", spec->name);
      set_ref (d, o, "organisation", HLG_DOC_TYPE_ORGANISATION, spec->organisation);
      set_str (o, "email", spec->email);
      set_str (o, "country", country);
      set_enums (d, o, "roles", spec->roles);
      for (guint j = 0; j < G_N_ELEMENTS (accounts); j++)
        if (g_str_equal (accounts[j].person, spec->key))
          set_str (o, "account", accounts[j].account);
    }
}

/* The annual cycle, at the months the strategy gives */

static void
add_cycle (Demo *d,
           int   year,
           const char *key)
{
  static const struct
  {
    const char *kind;
    const char *start;
    const char *end;
    const char *title;
    const char *notes;
  } milestones[] = {
    { "priorities-meeting", "03-03", "03-04", "HLG-MOS meeting",
      "The HLG-MOS meets in the margins of the UN Statistical Commission in New York. "
      "Members discuss the challenges and opportunities facing statistical organisations, "
      "review the vision and its four focus areas, and agree the priorities for the year." },
    { "ces-plenary", "06-17", "06-19", "Conference of European Statisticians plenary session",
      "The priorities identified in March are presented to the CES plenary session in Geneva. "
      "Comments and feedback from the plenary are recorded against each priority." },
    { "priorities-release", "07-15", "08-31", "Priorities released to the community",
      "The priorities, with the plenary's comments, are released to the modernisation "
      "community together with the call for future work proposals." },
    { "proposal-deadline", "09-30", NULL, "Proposals for future work due",
      "Proposals for projects, activities and Blue Skies Thinking topics are submitted to "
      "the secretariat by the end of September." },
    { "board-review", "10-01", "10-24", "Executive Board review",
      "The Executive Board reviews each proposal against the HLG-MOS vision and the year's "
      "priorities. Reviewers declare conflicts of interest before scoring." },
    { "feedback", "10-27", "10-31", "Feedback to authors",
      "The Board's consolidated feedback is released to the authors so that proposals can "
      "be revised before the workshop." },
    { "workshop", "11-18", "11-20", "Workshop on the Modernisation of Official Statistics",
      "The outputs of the year's projects and Modernisation Groups are presented, followed "
      "by the future work proposals. Participants discuss the proposals, suggest changes "
      "and vote." },
    { "selection", "11-20", "12-12", "Selection of next year's projects",
      "The participants recommend two projects for the coming year; the secretariat "
      "confirms them once the Modernisation Trust Fund contributions are known." },
  };
  JsonObject *o = add_doc (d, HLG_DOC_TYPE_CYCLE, key);
  JsonArray *array;

  set_int (o, "year", year);
  set_str (o, "title", pool_printf (d, "HLG-MOS cycle %d", year));
  array = set_array (o, "milestones");
  for (guint i = 0; i < G_N_ELEMENTS (milestones); i++)
    {
      JsonObject *m = add_item (array, pool_printf (d, "m-%s", milestones[i].kind));

      set_str (m, "kind", milestones[i].kind);
      set_str (m, "start", day (d, year, milestones[i].start));
      if (milestones[i].end != NULL)
        set_str (m, "end", day (d, year, milestones[i].end));
      set_str (m, "title", milestones[i].title);
      set_str (m, "notes", milestones[i].notes);
    }
}

static void
add_priority (Demo       *d,
              const char *key,
              const char *title,
              const char *text,
              const char *focus_areas,
              const char *source,
              const char *comments) /* "organisation|text|organisation|text..." */
{
  JsonObject *o = add_doc (d, HLG_DOC_TYPE_PRIORITY, key);

  set_ref (d, o, "cycle", HLG_DOC_TYPE_CYCLE, g_str_has_prefix (key, "prev/") ? "prev/cycle"
                                                                             : "cur/cycle");
  set_str (o, "title", title);
  set_str (o, "text", text);
  set_enums (d, o, "focus_areas", focus_areas);
  set_str (o, "source", source);
  if (comments != NULL)
    {
      g_auto(GStrv) split = g_strsplit (comments, "|", -1);
      JsonArray *array = set_array (o, "plenary_comments");

      for (guint i = 0; split[i] != NULL && split[i + 1] != NULL; i += 2)
        {
          JsonObject *c = add_item (array, pool_printf (d, "c%u", i / 2 + 1));

          set_ref (d, c, "organisation", HLG_DOC_TYPE_ORGANISATION, split[i]);
          set_str (c, "text", split[i + 1]);
        }
    }
}

static void
add_priorities (Demo *d)
{
  add_priority (d, "cur/genai", "Responsible use of generative AI in statistical production",
    "Large language models and other generative AI tools are arriving in statistical offices "
    "faster than the guidance for using them. Members want to share what works in coding, "
    "editing, metadata management and dissemination, agree how to evaluate quality, and "
    "decide together where the use of these tools must stop to protect trust in official "
    "statistics.",
    "agile-adaptive-culture trusted-data-authority", "march-meeting",
    "statcan|Canada supports this priority and suggests it cover the evaluation of model "
    "outputs, not only the use cases.|"
    "eurostat|The work should build on the European Statistical System's AI roadmap and "
    "avoid duplicating the work of ESS task forces.|"
    "scb|Sweden asks that small offices, without large data science teams, are kept in mind.");
  add_priority (d, "cur/private-data", "Trusted access to privately held data",
    "Mobile network, scanner, payment and satellite data are now used in regular production "
    "by several offices, but each negotiates access alone. Members see value in shared "
    "models for agreements, cost sharing and the safeguards that keep the public's trust.",
    "trusted-data-authority active-engagement", "march-meeting",
    "insee|France underlines the legal differences between countries; model clauses should "
    "be offered as options, not a single template.|"
    "istat|Italy proposes that the work include the sustainability of access once pilots end.");
  add_priority (d, "cur/services", "Reusable statistical services and shared infrastructure",
    "Offices keep building the same components. The service oriented approach of the vision "
    "asks for services that are designed to be shared, described in a common way and "
    "supported beyond the project that built them.",
    "service-oriented-approach", "march-meeting",
    "ons|The United Kingdom would welcome a catalogue of services already in production "
    "before any new development starts.");
  add_priority (d, "cur/workforce", "Data science capability and a modern workforce",
    "The competition for data scientists continues. Members want to exchange experience of "
    "training, career paths and mobility between offices, and of the culture change that "
    "modern methods require of managers as much as of staff.",
    "agile-adaptive-culture", "march-meeting",
    "ssb|Norway offers to host staff exchanges and asks that the work measure their effect.");
  add_priority (d, "cur/misinformation", "Communicating official statistics in an age of misinformation",
    "Added after the plenary: statistical offices need to reach people where they get their "
    "information, explain uncertainty and respond quickly when statistics are misused.",
    "active-engagement trusted-data-authority", "ces-plenary",
    "gus|Poland raised this topic at the plenary and offers to lead the first activity.|"
    "ons|The Office for Statistics Regulation's experience with misuse could be shared.");

  add_priority (d, "prev/pet", "Privacy-enhancing technologies in production",
    "Move privacy-enhancing technologies from pilots into regular statistical production, "
    "with attention to cost, skills and the legal basis for their use.",
    "trusted-data-authority service-oriented-approach", "march-meeting",
    "cbs|The Netherlands offers to lead, building on the input privacy preservation work.");
  add_priority (d, "prev/cloud", "Statistical production in the cloud",
    "Share architectures, contracts and lessons learned from moving production to the cloud.",
    "service-oriented-approach agile-adaptive-culture", "march-meeting", NULL);
}

/* Modernisation Groups and their task teams */

static void
add_group (Demo       *d,
           const char *key,
           const char *name,
           const char *description,
           const char *chairs,
           const char *members) /* "person:organisation:days ..." */
{
  JsonObject *o = add_doc (d, HLG_DOC_TYPE_GROUP, key);
  g_auto(GStrv) split = g_strsplit (members, " ", -1);
  JsonArray *array;

  set_str (o, "name", name);
  set_str (o, "description", description);
  set_refs (d, o, "chairs", HLG_DOC_TYPE_PERSON, chairs);
  array = set_array (o, "members");
  for (guint i = 0; split[i] != NULL; i++)
    {
      g_auto(GStrv) parts = g_strsplit (split[i], ":", 3);
      JsonObject *m = add_item (array, pool_printf (d, "member-%u", i + 1));

      g_assert (g_strv_length (parts) == 3);
      set_ref (d, m, "person", HLG_DOC_TYPE_PERSON, parts[0]);
      set_ref (d, m, "organisation", HLG_DOC_TYPE_ORGANISATION, parts[1]);
      json_object_set_int_member (m, "in_kind_days", g_ascii_strtoll (parts[2], NULL, 10));
    }
}

static void
add_groups (Demo *d)
{
  add_group (d, "blue-skies", "Blue-Skies Thinking Network",
    "Scans the horizon for topics that could change official statistics and writes short "
    "Blue Skies Thinking Reports on them: what the topic is, its value for official "
    "statistics, what is already being done and where collaboration could help.",
    "chair-bennett",
    "chair-bennett:ons:20 author-park:kostat:12 author-lindqvist:scb:10 "
    "member-jansen:cbs:8 member-garcia:inegi:8");
  add_group (d, "standards", "Supporting Standards",
    "Maintains and promotes the ModernStats models (GSBPM, GSIM, GAMSO, CSPA, CSDA) and "
    "helps organisations apply them in practice.",
    "chair-devries",
    "chair-devries:cbs:25 member-huber:eurostat:15 member-petit:insee:12 "
    "member-nowak:gus:10 member-wong:abs:10 author-schmidt:eurostat:6");
  add_group (d, "capabilities", "Capabilities and Communication",
    "Looks after the people side of modernisation: skills, leadership, organisational "
    "culture, and communicating the value of official statistics.",
    "chair-mitchell",
    "chair-mitchell:abs:20 author-wisniewski:gus:10 member-kristiansen:ssb:10 "
    "member-lee:kostat:8 author-watson:ons:6");
  add_group (d, "data-science", "Applying Data Science and Modern Methods",
    "Brings together practitioners of machine learning, new data sources and modern methods "
    "to share code, evaluations and guidance for production use.",
    "chair-kim chair-russo",
    "chair-kim:kostat:22 chair-russo:istat:18 author-solberg:ssb:15 author-sharma:statcan:12 "
    "member-jansen:cbs:10 member-garcia:inegi:10 author-ruiz:inegi:6");
}

static const ItemSpec deliverables_llm[] = {
  { "Environment scan of LLM use in 30 offices", "05-30", "done" },
  { "Blue Skies Thinking Report on LLMs as a user interface", "09-15", "done" },
  { "Presentation at the November workshop", "11-18", "planned" },
  { NULL }
};
static const ItemSpec deliverables_quantum[] = {
  { "Literature review on quantum algorithms for sampling and linkage", "06-30", "done" },
  { "Short paper for the Blue Skies series", "10-31", "in-progress" },
  { NULL }
};
static const ItemSpec deliverables_gsbpm[] = {
  { "Mapping of GSBPM sub-processes to cloud services", "04-30", "done" },
  { "Updated GAMSO activity descriptions for platform teams", "08-31", "late" },
  { "Public consultation on the draft", "10-15", "in-progress" },
  { NULL }
};
static const ItemSpec deliverables_gsim[] = {
  { "Requirements for AI-ready metadata", "05-31", "done" },
  { "GSIM extension draft: datasets for model training", "11-30", "in-progress" },
  { NULL }
};
static const ItemSpec deliverables_competency[] = {
  { "Survey of data science roles in member offices", "03-31", "done" },
  { "Revised competency framework", "09-30", "done" },
  { "Guide for managers of data science teams", "12-15", "in-progress" },
  { NULL }
};
static const ItemSpec deliverables_uncertainty[] = {
  { "Catalogue of good practices in communicating uncertainty", "10-31", "in-progress" },
  { NULL }
};
static const ItemSpec deliverables_ml_coding[] = {
  { "Production guide for machine learning in coding and classification", "06-30", "done" },
  { "Shared evaluation data sets (occupation, industry)", "09-30", "late" },
  { "Open source model registry pilot", "12-15", "planned" },
  { NULL }
};
static const ItemSpec deliverables_pet_cases[] = {
  { "Quarterly PET case study webinar", "12-31", "in-progress" },
  { NULL }
};

static const TaskTeamSpec task_teams[] = {
  { "cur/tt-llm-scan", "blue-skies", "Large language models: an environment scan", "author-park",
    "author-park author-lindqvist member-jansen",
    "Find out how statistical offices are using large language models today, where they "
    "see value and what worries them, and write a Blue Skies Thinking Report that the "
    "Board can use when it reviews proposals on generative AI.",
    "in-progress", deliverables_llm },
  { "cur/tt-quantum", "blue-skies", "Quantum computing and official statistics", "chair-bennett",
    "chair-bennett member-garcia",
    "Separate the realistic from the speculative in quantum computing for sampling, record "
    "linkage and confidentiality, and decide whether the topic deserves a full report.",
    "in-progress", deliverables_quantum },
  { "cur/tt-gsbpm-cloud", "standards", "GSBPM and GAMSO for cloud-native production",
    "chair-devries", "chair-devries member-huber member-nowak",
    "Describe how the generic models apply when production runs on shared cloud platforms "
    "operated by product teams, and update the activity model where it no longer fits.",
    "in-progress", deliverables_gsbpm },
  { "cur/tt-gsim-ai", "standards", "Metadata for AI-ready data", "member-petit",
    "member-petit member-wong author-schmidt",
    "Extend GSIM so that data sets used to train and evaluate models are described with "
    "their provenance, their consent basis and their known biases.",
    "in-progress", deliverables_gsim },
  { "cur/tt-competency", "capabilities", "Data science competency framework, revised",
    "chair-mitchell", "chair-mitchell member-kristiansen member-lee",
    "Revise the competency framework published five years ago to reflect generative AI, "
    "MLOps and the product roles offices now recruit for.",
    "in-progress", deliverables_competency },
  { "cur/tt-uncertainty", "capabilities", "Communicating uncertainty to non-specialists",
    "author-wisniewski", "author-wisniewski author-watson",
    "Collect and test ways of showing the uncertainty of estimates to journalists and the "
    "public without losing their attention.",
    "planned", deliverables_uncertainty },
  { "cur/tt-ml-coding", "data-science", "Machine learning for coding and classification",
    "chair-kim", "chair-kim author-solberg author-sharma member-garcia",
    "Turn a decade of pilots into a production guide: data preparation, model choice, "
    "quality indicators, human review and maintenance.",
    "in-progress", deliverables_ml_coding },
  { "cur/tt-pet-cases", "data-science", "Privacy-enhancing technologies: case studies",
    "chair-russo", "chair-russo member-jansen author-ruiz",
    "Keep a living collection of case studies on privacy-enhancing technologies, fed by "
    "the HLG-MOS project on bringing them into production.",
    "continuous", deliverables_pet_cases },
  { "prev/tt-synthetic", "data-science", "Synthetic data for public use files",
    "chair-russo", "chair-russo author-solberg",
    "Compare methods for producing synthetic public use files and their disclosure risk.",
    "completed", NULL },
};

static void
add_task_teams (Demo *d)
{
  for (guint i = 0; i < G_N_ELEMENTS (task_teams); i++)
    {
      const TaskTeamSpec *spec = &task_teams[i];
      int year = key_year (d, spec->key);
      JsonObject *o = add_doc (d, HLG_DOC_TYPE_TASK_TEAM, spec->key);

      set_ref (d, o, "group", HLG_DOC_TYPE_GROUP, spec->group);
      set_int (o, "year", year);
      set_str (o, "title", spec->title);
      set_ref (d, o, "lead", HLG_DOC_TYPE_PERSON, spec->lead);
      set_refs (d, o, "members", HLG_DOC_TYPE_PERSON, spec->members);
      set_str (o, "objectives", spec->objectives);
      set_str (o, "status", spec->status);
      if (spec->deliverables != NULL)
        {
          JsonArray *array = set_array (o, "deliverables");

          for (guint j = 0; spec->deliverables[j].title != NULL; j++)
            {
              JsonObject *item = add_item (array, pool_printf (d, "d%u", j + 1));

              set_str (item, "title", spec->deliverables[j].title);
              set_str (item, "due", day (d, year, spec->deliverables[j].text));
              set_str (item, "status", spec->deliverables[j].extra);
              if (g_str_equal (spec->deliverables[j].extra, "done"))
                set_str (item, "link", pool_printf (d, "https://wiki.modernstats.example.org/%d/%s-%u",
                                                    year, strchr (spec->key, '/') + 1, j + 1));
            }
        }
    }
}

/* Proposals for future work */

static const ItemSpec wp_genai[] = {
  { "Inventory of use cases",
    "Collect the generative AI use cases in production or in pilot across member offices, "
    "with their purpose, the model used, the data involved and what was learned. The "
    "inventory is published and kept up to date by the Applying Data Science group.",
    "ons" },
  { "Shared evaluation framework",
    "Define quality dimensions for generated outputs (accuracy, consistency, traceability, "
    "bias) and a reusable test harness, with reference data sets for coding, editing and "
    "metadata tasks contributed by the participating offices.",
    "statcan" },
  { "Guidance on responsible use",
    "Write practical guidance on where generative AI may and may not be used in statistical "
    "production, on disclosure to users and on human oversight, aligned with the "
    "Fundamental Principles of Official Statistics.",
    "cbs" },
  { "Pilots and dissemination",
    "Run three pilots using the framework in volunteer offices, present the results at the "
    "Workshop on the Modernisation of Official Statistics and hand the framework over to a "
    "Modernisation Group for maintenance.",
    "kostat" },
  { NULL }
};
static const ItemSpec risks_genai[] = {
  { "Technology moves faster than the project; guidance is out of date when published.",
    "Publish the evaluation framework as a living document with a maintenance owner; "
    "focus guidance on principles that outlast specific models.", "high medium" },
  { "Offices cannot share test data because of confidentiality.",
    "Use synthetic or public reference data sets; run evaluations locally and share only "
    "aggregate results.", "medium high" },
  { "Too few offices have capacity to run pilots.",
    "Secure three pilot offices before the project starts; offer remote support from the "
    "project manager.", "low medium" },
  { NULL }
};

static const ItemSpec wp_private[] = {
  { "Landscape of current agreements",
    "Document the access arrangements that offices have with mobile network operators, "
    "retailers, payment providers and platforms: legal basis, cost, duration and the "
    "safeguards applied.",
    "insee" },
  { "Model clauses and cost-sharing options",
    "Draft a set of optional model clauses and describe cost-sharing models, drawing on "
    "the European experience with trusted smart statistics.",
    "eurostat" },
  { "Communication with data holders and the public",
    "Prepare material explaining to data holders and to the public why statistical "
    "offices need these data and how privacy is protected.",
    "istat" },
  { NULL }
};
static const ItemSpec risks_private[] = {
  { "National legal frameworks differ too much for common clauses.",
    "Offer clauses as options with notes on the legal conditions each assumes.", "high medium" },
  { "Data holders are reluctant to take part in the work.",
    "Involve two data holder associations as observers from the start.", "medium medium" },
  { NULL }
};

static const ItemSpec wp_services[] = {
  { "Catalogue of shared services",
    "List the statistical services already shared between offices, described with the "
    "CSPA service definition template.", "ons" },
  { "Service support models",
    "Describe how a shared service is supported after the project that built it ends.",
    "abs" },
  { "Pilot of two shared services",
    "Package two existing services (seasonal adjustment, record linkage) for reuse and "
    "test them in two other offices.", "cbs" },
  { NULL }
};
static const ItemSpec risks_services[] = {
  { "Services are too tied to the platform of the office that built them.",
    "Select pilot services that already run in containers.", "medium high" },
  { NULL }
};

static const ItemSpec wp_misinformation[] = {
  { "Survey of practice", "Survey how offices detect and respond to the misuse of "
    "statistics on social media and in the press.", "gus" },
  { "Toolkit", "A short toolkit: monitoring, rapid response, partnering with fact-checkers.",
    "ons" },
  { NULL }
};
static const ItemSpec risks_misinformation[] = {
  { "Responses to misinformation may be seen as political.",
    "Ground the toolkit in the Fundamental Principles and the codes of practice.",
    "medium high" },
  { NULL }
};

static const ItemSpec wp_register[] = {
  { "Methods inventory",
    "Describe the methods used by offices that have moved, or are moving, to register-based "
    "or combined censuses: linkage, coverage estimation, attribute imputation.", "istat" },
  { "Open source toolkit",
    "Package tested implementations of coverage estimation and imputation as open source "
    "components with documentation and test data.", "ssb" },
  { "Quality framework",
    "Agree indicators for the quality of register-based population statistics that can be "
    "compared across countries.", "inegi" },
  { NULL }
};
static const ItemSpec risks_register[] = {
  { "Offices at very different stages of moving to registers.",
    "Organise the work in two tracks: offices in transition and offices in production.",
    "high low" },
  { "Open source components without a maintainer after the project.",
    "The Supporting Standards group and two offices commit to maintenance in the proposal.",
    "medium medium" },
  { NULL }
};

static const ItemSpec wp_workforce[] = {
  { "Exchange programme design", "Design short exchanges (two to eight weeks) between data "
    "science teams, with learning objectives agreed beforehand.", "ssb" },
  { NULL }
};

static const ItemSpec wp_pet[] = {
  { "Production readiness assessment",
    "Assess the PET pilots of recent years against what production requires: performance, "
    "cost, skills, legal basis and auditability.", "cbs" },
  { "Reference implementations",
    "Provide reference implementations for secure multi-party computation and differential "
    "privacy in two production use cases.", "statcan" },
  { "Guidance for managers",
    "A guide for managers deciding whether and how to bring a PET into production.", "ons" },
  { NULL }
};
static const ItemSpec risks_pet[] = {
  { "Partners' legal departments do not approve the use of real data.",
    "Start with synthetic data and seek approval early.", "medium high" },
  { NULL }
};

static const ProposalSpec proposals[] = {
  { "cur/genai", "project", "recommended",
    "Generative AI in Statistical Production: a Shared Evaluation Framework",
    "statcan", "cbs ons ssb kostat scb", "author-sharma author-solberg author-park",
    "Statistical offices are adopting generative AI for coding, editing, metadata and "
    "dissemination, each with its own criteria for deciding whether the results are good "
    "enough. This project will build a shared evaluation framework for generated outputs, "
    "practical guidance on responsible use, and a public inventory of use cases, so that "
    "offices can adopt these tools faster and with confidence that the quality of official "
    "statistics is protected.\n\n"
    "The project responds directly to this year's first priority and builds on the work of "
    "the Applying Data Science and Modern Methods group and the Blue Skies Thinking Report "
    "on large language models.",
    "Since the release of widely available large language models, nearly every member "
    "office has started experiments. An environment scan by the Blue-Skies Thinking Network "
    "found more than eighty use cases in thirty offices, from classifying free-text survey "
    "answers to drafting metadata and answering user questions in natural language.\n\n"
    "The scan also found that offices evaluate these uses in very different ways, often "
    "informally, and that few have policies on disclosure to users or on human oversight. "
    "The risk for the community is twofold: valuable uses are delayed because each office "
    "must build its own evidence, and a visible failure in one office damages trust in all.\n\n"
    "Chief Statisticians at the March meeting asked for common ground rather than a common "
    "tool: shared ways of measuring quality and shared limits on use.",
    "1. Agree quality dimensions and measures for generated statistical outputs.\n"
    "2. Provide a reusable evaluation harness and reference data sets.\n"
    "3. Publish guidance on responsible use, consistent with the Fundamental Principles.\n"
    "4. Demonstrate the framework in three production pilots.",
    "- Evaluation framework (document and open source harness)\n"
    "- Reference data sets for coding, editing and metadata tasks\n"
    "- Guidance on responsible use of generative AI in official statistics\n"
    "- Inventory of use cases, maintained by a Modernisation Group\n"
    "- Pilot reports and a presentation at the November workshop",
    "data-science", "agile-adaptive-culture trusted-data-authority service-oriented-approach",
    "cur/genai cur/workforce", 12, 25000, 145000,
    "statcan:120 cbs:60 ons:60 ssb:40 kostat:40 scb:20", "09-26T14:05:00Z",
    wp_genai, risks_genai },
  { "cur/register-census", "project", "recommended",
    "Register-Based Population Statistics: Methods and Open Source Toolkit",
    "istat", "ssb inegi gus scb eurostat", "author-rinaldi author-ruiz",
    "A growing number of countries are replacing or supplementing the traditional census "
    "with statistics based on administrative registers. This project will gather the "
    "methods that work, package tested open source implementations of the hardest parts "
    "(coverage estimation and attribute imputation), and agree quality indicators that "
    "allow register-based results to be compared across countries.",
    "The 2030 census round is approaching and many offices must decide now whether they can "
    "rely on registers. Nordic offices have decades of experience; others, including Italy, "
    "Poland and Mexico, are in transition and face the same methodological questions at the "
    "same time. The methods exist in papers and in internal code, but little of it can be "
    "reused.\n\n"
    "The Supporting Standards group has offered to host the components once the project ends.",
    "Make the methods of register-based population statistics reusable: documented, "
    "implemented, tested and comparable.",
    "- Methods inventory\n- Open source coverage estimation and imputation components\n"
    "- Quality indicator framework\n- Training material for offices in transition",
    "standards", "service-oriented-approach trusted-data-authority",
    "cur/services", 12, 20000, 130000, "istat:100 ssb:60 inegi:40 gus:30 scb:20",
    "09-29T09:40:00Z", wp_register, risks_register },
  { "cur/private-data", "project", "feedback-released",
    "Trusted Access to Privately Held Data: Agreements, Costs and Safeguards",
    "insee", "istat eurostat inegi gus", "author-laurent author-schmidt",
    "Privately held data are now part of regular production in several offices, yet each "
    "negotiates access alone and often pays for it in ways that cannot be sustained. The "
    "project will document current arrangements, offer optional model clauses and "
    "cost-sharing models, and prepare communication material for data holders and for the "
    "public.",
    "Scanner data for price statistics, mobile network data for population and tourism "
    "statistics and card payment data for consumption are the most common cases. Offices "
    "report negotiations lasting years, agreements that end with a change of management at "
    "the data holder, and public concern when access becomes known.\n\n"
    "The European Statistical System has studied trusted smart statistics; outside Europe "
    "the experience is scattered.",
    "Reduce the time and cost of negotiating access to privately held data and make "
    "access more durable, while keeping the trust of the public and of data holders.",
    "- Landscape report of existing agreements\n- Optional model clauses with legal notes\n"
    "- Cost-sharing models\n- Communication kit",
    "capabilities", "trusted-data-authority active-engagement", "cur/private-data",
    12, 30000, 150000, "insee:80 eurostat:40 istat:40 inegi:20",
    "09-30T17:55:00Z", wp_private, risks_private },
  { "cur/shared-services", "project", "under-review",
    "Shared Statistical Services: from Catalogue to Reuse",
    "ons", "abs cbs statcan", "author-watson chair-bennett",
    "Offices keep building components that others have already built. This project will "
    "publish a catalogue of services that are already shared or ready to be, describe how "
    "a shared service is supported once its project ends, and package two services for "
    "reuse in other offices.",
    "The Common Statistical Production Architecture gave the community a way to describe "
    "services. Ten years on, few services are shared across offices, mostly because nobody "
    "supports them after the project that built them. Cloud platforms and containers "
    "remove many of the technical barriers that existed when CSPA was written.",
    "Make reuse the easy choice: findable services, clear support, and two working examples.",
    "- Service catalogue\n- Support model options\n- Two packaged services, tested in two offices",
    "standards", "service-oriented-approach", "cur/services", 10, 15000, 110000,
    "ons:60 abs:40 cbs:30", "09-24T11:20:00Z", wp_services, risks_services },
  { "cur/misinformation", "activity", "submitted",
    "Responding to the Misuse of Official Statistics",
    "gus", "ons scb", "author-wisniewski",
    "An activity of the Capabilities and Communication group to collect how offices detect "
    "and respond to the misuse of their statistics, and to turn the experience into a short "
    "toolkit. No Trust Fund resources are requested.",
    "The CES plenary added this topic to the priorities. Offices report more frequent "
    "misuse of statistics during elections and crises, and uncertainty about when and how "
    "to respond.",
    "Share practice and give offices a toolkit for responding quickly and impartially.",
    "- Survey report\n- Toolkit (20 pages)\n- Webinar",
    "capabilities", "active-engagement trusted-data-authority", "cur/misinformation",
    0, 0, 0, "gus:40 ons:20 scb:10", "09-30T15:10:00Z", wp_misinformation, risks_misinformation },
  { "cur/quantum", "blue-skies", "submitted",
    "Quantum Computing: What Should Statistical Offices Know Now?",
    "kostat", "", "author-park",
    "A Blue Skies Thinking topic: an environment scan of quantum computing as it may affect "
    "official statistics, from optimisation in sampling and record linkage to the threat "
    "that quantum computers pose to today's encryption of confidential data.",
    "Quantum computing is regularly raised at conferences but rarely in a way that tells a "
    "statistical office what to do now. Post-quantum cryptography, on the other hand, has "
    "deadlines set by security agencies.",
    "Give Chief Statisticians a short, reliable picture of what matters now and what can wait.",
    "- Blue Skies Thinking Report (8 to 10 pages)",
    "blue-skies", "agile-adaptive-culture", "", 0, 0, 0, "kostat:15", "09-18T08:00:00Z",
    NULL, NULL },
  { "cur/workforce", "activity", "draft",
    "Data Science Staff Exchange Programme",
    "ssb", "kostat abs", "author-solberg",
    "Short exchanges between the data science teams of member offices, with agreed learning "
    "objectives and a simple way to measure their effect.",
    "Offices compete for the same scarce data scientists. Exchanges are cheaper than "
    "recruitment and spread practice quickly, but they rarely happen without a framework.",
    "Run six exchanges in the first year and evaluate them.",
    "- Exchange programme design\n- Evaluation report",
    "capabilities", "agile-adaptive-culture", "cur/workforce", 0, 12000, 0, "ssb:30 kostat:10",
    NULL, wp_workforce, NULL },
  { "prev/pet", "project", "selected",
    "Privacy-Enhancing Technologies: from Pilots to Production",
    "cbs", "statcan ons istat abs", "chair-devries author-sharma",
    "Bring privacy-enhancing technologies from the pilots of recent years into regular "
    "statistical production: assess readiness, provide reference implementations for two "
    "production use cases and guide managers in deciding when a PET is worth its cost.",
    "The UN PET Lab and earlier HLG-MOS work on input privacy preservation showed that the "
    "technologies work. What is missing is the step into production: skills, cost, legal "
    "basis and the confidence of managers.",
    "Two PET use cases running in production in at least two offices by the end of the year.",
    "- Readiness assessment\n- Reference implementations\n- Guide for managers",
    "data-science", "trusted-data-authority service-oriented-approach", "prev/pet",
    12, 24000, 140000, "cbs:100 statcan:60 ons:40 istat:30 abs:30", "09-27T10:00:00Z",
    wp_pet, risks_pet },
};

static void
add_proposals (Demo *d)
{
  for (guint i = 0; i < G_N_ELEMENTS (proposals); i++)
    {
      const ProposalSpec *spec = &proposals[i];
      int year = key_year (d, spec->key);
      const char *cycle = year == d->year ? "cur/cycle" : "prev/cycle";
      JsonObject *o = add_doc (d, HLG_DOC_TYPE_PROPOSAL, spec->key);
      JsonObject *resources;

      set_ref (d, o, "cycle", HLG_DOC_TYPE_CYCLE, cycle);
      set_str (o, "kind", spec->kind);
      set_str (o, "title", spec->title);
      set_ref (d, o, "lead_organisation", HLG_DOC_TYPE_ORGANISATION, spec->lead);
      set_refs (d, o, "supporting_organisations", HLG_DOC_TYPE_ORGANISATION, spec->supporting);
      set_refs (d, o, "authors", HLG_DOC_TYPE_PERSON, spec->authors);
      set_str (o, "summary", spec->summary);
      set_str (o, "context", spec->context);
      set_str (o, "objectives", spec->objectives);
      set_str (o, "outputs", spec->outputs);

      /* Work runs in the calendar year after the cycle, within twelve months. */
      if (spec->work_packages != NULL)
        {
          JsonArray *array = set_array (o, "work_packages");
          guint n = 0;

          while (spec->work_packages[n].title != NULL)
            n++;
          for (guint j = 0; j < n; j++)
            {
              const ItemSpec *wp = &spec->work_packages[j];
              JsonObject *item = add_item (array, pool_printf (d, "wp%u", j + 1));
              guint first = 1 + j * 12 / n;
              guint last = (j + 1) * 12 / n;

              set_str (item, "title", wp->title);
              set_str (item, "description", wp->text);
              set_str (item, "start", pool_printf (d, "%04d-%02u-01", year + 1, first));
              set_str (item, "end", pool_printf (d, "%04d-%02u-%02u", year + 1, last,
                                                 g_date_get_days_in_month (last, year + 1)));
              set_ref (d, item, "lead", HLG_DOC_TYPE_ORGANISATION, wp->extra);
            }
        }
      set_str (o, "start", day (d, year + 1, "01-01"));
      set_str (o, "end", day (d, year + 1, "12-31"));

      resources = set_object (o, "resources");
      set_int (resources, "project_manager_months", spec->pm_months);
      set_int (resources, "travel", spec->travel);
      set_int (resources, "trust_fund_request", spec->trust_fund);
      {
        g_auto(GStrv) split = g_strsplit (spec->in_kind, " ", -1);
        JsonArray *array = set_array (resources, "in_kind_days");

        for (guint j = 0; split[j] != NULL; j++)
          {
            g_auto(GStrv) parts = g_strsplit (split[j], ":", 2);
            JsonObject *item = add_item (array, pool_printf (d, "ik%u", j + 1));

            g_assert (g_strv_length (parts) == 2);
            set_ref (d, item, "organisation", HLG_DOC_TYPE_ORGANISATION, parts[0]);
            set_int (item, "days", g_ascii_strtoll (parts[1], NULL, 10));
          }
      }

      set_ref (d, o, "target_group", HLG_DOC_TYPE_GROUP, spec->target_group);
      set_enums (d, o, "focus_areas", spec->focus_areas);
      set_refs (d, o, "priorities", HLG_DOC_TYPE_PRIORITY, spec->priorities);
      if (spec->risks != NULL)
        {
          JsonArray *array = set_array (o, "risks");

          for (guint j = 0; spec->risks[j].title != NULL; j++)
            {
              g_auto(GStrv) levels = g_strsplit (spec->risks[j].extra, " ", 2);
              JsonObject *item = add_item (array, pool_printf (d, "r%u", j + 1));

              set_str (item, "issue", spec->risks[j].title);
              set_str (item, "mitigation", spec->risks[j].text);
              set_str (item, "likelihood", levels[0]);
              set_str (item, "impact", levels[1]);
            }
        }
      set_str (o, "status", spec->status);
      if (spec->submitted != NULL)
        set_str (o, "submitted_at", pool_printf (d, "%04d-%s", year, spec->submitted));
    }
}

/* The Executive Board's reviews and feedback */

static const ReviewSpec reviews[] = {
  { "cur/genai", "board-vandenberg", { 3, 5, 4, 5 }, 5, 5, 4, 3, "support",
    "A well-argued proposal that answers the first priority directly. The evaluation "
    "framework is the right focus: it is what offices cannot build alone. Please say more "
    "about how the reference data sets will be maintained after the project.",
    "Strong candidate for the workshop. CBS would contribute to work package 3 either way.",
    FALSE, TRUE },
  { "cur/genai", "board-tremblay", { 0, 0, 0, 0 }, 0, 0, 0, 1, NULL,
    NULL,
    "I declare a conflict of interest: Statistics Canada leads this proposal. I have not "
    "scored it and will leave the discussion when it is taken.",
    TRUE, TRUE },
  { "cur/genai", "board-callaghan", { 4, 4, 4, 4 }, 5, 4, 3, 2, "support-with-changes",
    "The scope is ambitious for twelve months. Consider dropping one of the three pilots or "
    "merging work packages 1 and 4. The guidance on responsible use should reference "
    "existing national AI policies rather than start from a blank page.",
    "Feasibility is my concern; the project manager will need strong support from Statistics "
    "Canada in the first quarter.",
    FALSE, TRUE },
  { "cur/genai", "board-ferraro", { 3, 5, 3, 5 }, 5, 4, 4, 2, "support",
    "Clear, timely and well supported. We would like the inventory of use cases to record "
    "failures as well as successes.",
    NULL, FALSE, TRUE },

  { "cur/register-census", "board-vandenberg", { 2, 4, 5, 3 }, 4, 4, 4, 3, "support",
    "A practical project with clear demand ahead of the 2030 census round. The open source "
    "components are the most valuable output; please describe the testing approach.",
    NULL, FALSE, TRUE },
  { "cur/register-census", "board-tremblay", { 2, 4, 4, 3 }, 3, 4, 3, 2, "support-with-changes",
    "Countries with population registers and countries without them need different things. "
    "The two-track approach in the risks section should be reflected in the work packages.",
    "Less directly linked to this year's priorities than the other candidates, but high "
    "added value.",
    FALSE, TRUE },
  { "cur/register-census", "board-ferraro", { 0, 0, 0, 0 }, 0, 0, 0, 1, NULL, NULL,
    "Conflict of interest: ISTAT leads the proposal.",
    TRUE, TRUE },

  { "cur/private-data", "board-vandenberg", { 4, 5, 2, 3 }, 5, 3, 2, 2, "support-with-changes",
    "The topic matters, but the proposal reads as three separate activities. Please focus on "
    "the model clauses and cost-sharing models and explain how they will be tested with "
    "real negotiations.",
    "Could be merged with the Eurostat work on trusted smart statistics; worth asking.",
    FALSE, TRUE },
  { "cur/private-data", "board-callaghan", { 4, 4, 2, 3 }, 4, 3, 2, 2, "support-with-changes",
    "The legal differences between countries are the main risk and the mitigation is thin. "
    "Consider starting with a landscape study as an activity, and return next year with a "
    "project.",
    NULL, FALSE, TRUE },
  { "cur/private-data", "board-ferraro", { 0, 0, 0, 0 }, 0, 0, 0, 1, NULL, NULL,
    "I declare a conflict of interest: ISTAT supports this proposal.", TRUE, TRUE },
  { "cur/private-data", "board-tremblay", { 4, 5, 3, 3 }, 5, 4, 2, 3, "support-with-changes",
    "Important and timely. Narrow the scope so that it fits in twelve months.",
    NULL, FALSE, TRUE },

  { "cur/shared-services", "board-callaghan", { 2, 3, 5, 3 }, 4, 3, 3, 2, "support-with-changes",
    "The support model is the heart of the matter; the catalogue alone has been tried. "
    "Make work package 2 the main deliverable.",
    NULL, FALSE, TRUE },
  { "cur/shared-services", "board-vandenberg", { 2, 3, 4, 2 }, 3, 3, 3, 2, NULL,
    "Draft: CBS is a supporting organisation for the pilot; check whether I should declare "
    "a conflict before finishing this review.",
    NULL, FALSE, FALSE },
};

static void
add_reviews (Demo *d)
{
  for (guint i = 0; i < G_N_ELEMENTS (reviews); i++)
    {
      const ReviewSpec *spec = &reviews[i];
      JsonObject *o = add_doc (d, HLG_DOC_TYPE_REVIEW,
                               pool_printf (d, "%s/%s", spec->proposal, spec->reviewer));

      set_ref (d, o, "proposal", HLG_DOC_TYPE_PROPOSAL, spec->proposal);
      set_ref (d, o, "reviewer", HLG_DOC_TYPE_PERSON, spec->reviewer);
      set_int (o, "round", 1);
      set_int (o, "form_version", 1);
      if (!spec->conflict)
        {
          JsonObject *scores = set_object (o, "scores");

          for (guint j = 0; j < 4; j++)
            set_int (scores, hlg_focus_areas[j], spec->scores[j]);
          set_int (o, "fit_with_priorities", spec->fit);
          set_int (o, "added_value", spec->added_value);
          set_int (o, "feasibility", spec->feasibility);
        }
      set_int (o, "confidence", spec->confidence);
      set_str (o, "recommendation", spec->recommendation);
      set_str (o, "comments_for_authors", spec->for_authors);
      set_str (o, "comments_for_board", spec->for_board);
      set_bool (o, "conflict_of_interest", spec->conflict);
      set_bool (o, "ready", spec->ready);
    }
}

static void
add_feedback (Demo       *d,
              const char *proposal,
              const char *decision,
              const char *message,
              gboolean    released)
{
  JsonObject *o = add_doc (d, HLG_DOC_TYPE_FEEDBACK, proposal);

  set_ref (d, o, "proposal", HLG_DOC_TYPE_PROPOSAL, proposal);
  set_str (o, "message", message);
  set_str (o, "decision", decision);
  set_bool (o, "released", released);
  if (released)
    set_str (o, "released_at", pool_printf (d, "%04d-10-31T16:00:00+01:00", key_year (d, proposal)));
}

static void
add_feedbacks (Demo *d)
{
  add_feedback (d, "cur/genai", "recommend-to-workshop",
    "The Executive Board thanks the authors for a clear and timely proposal, which answers "
    "the first of this year's priorities. The Board recommends that it be presented at the "
    "Workshop on the Modernisation of Official Statistics.\n\n"
    "Before the workshop, please:\n"
    "- show how the reference data sets and the inventory will be maintained after the "
    "project, ideally by the Applying Data Science and Modern Methods group;\n"
    "- consider reducing the number of pilots to fit the twelve-month limit;\n"
    "- record failures as well as successes in the inventory of use cases.",
    TRUE);
  add_feedback (d, "cur/register-census", "recommend-to-workshop",
    "The Board recommends the proposal for presentation at the workshop. Please reflect the "
    "two tracks (offices in transition, offices in production) in the work packages and "
    "describe how the open source components will be tested.",
    TRUE);
  add_feedback (d, "cur/private-data", "revise",
    "The Board considers the topic important and well aligned with the priority on trusted "
    "access to privately held data. In its current form, however, the proposal combines "
    "three activities that would be hard to complete within twelve months.\n\n"
    "The Board invites the authors to revise the proposal to focus on model clauses and "
    "cost-sharing models, to explain how they will be tested in real negotiations, and to "
    "contact Eurostat about the work on trusted smart statistics to avoid duplication. A "
    "revised version may still be presented at the workshop.",
    TRUE);
  add_feedback (d, "cur/shared-services", "refer-to-group",
    "Draft: the Board is inclined to refer the catalogue to the Supporting Standards group "
    "and to ask the authors to make the support model the core of a smaller project.",
    FALSE);
  add_feedback (d, "prev/pet", "recommend-to-workshop",
    "Recommended to the workshop without changes.", TRUE);
}

static void
add_ballot (Demo       *d,
            const char *key,
            const char *voter,
            const char *method,
            const char *choices) /* "proposal:value ..." */
{
  JsonObject *o = add_doc (d, HLG_DOC_TYPE_BALLOT, key);
  g_auto(GStrv) split = g_strsplit (choices, " ", -1);
  JsonArray *array;

  set_ref (d, o, "cycle", HLG_DOC_TYPE_CYCLE, "cur/cycle");
  set_ref (d, o, "voter", HLG_DOC_TYPE_PERSON, voter);
  set_str (o, "method", method);
  array = set_array (o, "choices");
  for (guint i = 0; split[i] != NULL; i++)
    {
      g_auto(GStrv) parts = g_strsplit (split[i], ":", 2);
      JsonObject *item = add_item (array, pool_printf (d, "choice-%u", i + 1));
      gint64 value = g_ascii_strtoll (parts[1], NULL, 10);

      set_ref (d, item, "proposal", HLG_DOC_TYPE_PROPOSAL, parts[0]);
      if (g_str_equal (method, "approval"))
        set_bool (item, "approved", value != 0);
      else if (g_str_equal (method, "allotment"))
        set_int (item, "points", value);
      else
        set_int (item, "rank", value);
    }
}

static void
add_ballots (Demo *d)
{
  add_ballot (d, "cur/ballot-kristiansen", "member-kristiansen", "approval",
              "cur/genai:1 cur/register-census:1 cur/private-data:0 cur/shared-services:0");
  add_ballot (d, "cur/ballot-garcia", "member-garcia", "approval",
              "cur/genai:1 cur/register-census:1 cur/private-data:1 cur/shared-services:0");
  add_ballot (d, "cur/ballot-huber", "member-huber", "approval",
              "cur/genai:0 cur/register-census:1 cur/private-data:1 cur/shared-services:1");
  add_ballot (d, "cur/ballot-lee", "member-lee", "approval",
              "cur/genai:1 cur/register-census:0 cur/private-data:0 cur/shared-services:1");
  add_ballot (d, "cur/ballot-nowak", "member-nowak", "approval",
              "cur/genai:1 cur/register-census:1 cur/private-data:0 cur/shared-services:0");
}

/* This year's project, selected at last year's workshop */

static void
add_project (Demo *d)
{
  JsonObject *o = add_doc (d, HLG_DOC_TYPE_PROJECT, "cur/pet");
  JsonObject *r;
  JsonArray *array;
  static const struct
  {
    const char *item;
    int         amount;
  } budget[] = {
    { "Project manager, 12 months (Modernisation Trust Fund)", 112000 },
    { "Project manager travel: sprints and workshop", 18000 },
    { "Sprint meeting, Statistics Netherlands, The Hague (in-kind venue)", 0 },
    { "Cloud computing credits for reference implementations", 10000 },
  };
  static const struct
  {
    const char *title;
    const char *due;
    const char *status;
  } outputs[] = {
    { "Readiness assessment of PET pilots", "04-30", "done" },
    { "Reference implementation: secure multi-party computation for trade statistics", "09-30",
      "in-progress" },
    { "Reference implementation: differential privacy for census tables", "10-31", "late" },
    { "Guide for managers on bringing PETs into production", "11-30", "planned" },
    { "Final report and presentation at the November workshop", "12-15", "planned" },
  };

  set_ref (d, o, "proposal", HLG_DOC_TYPE_PROPOSAL, "prev/pet");
  set_str (o, "title", "Privacy-Enhancing Technologies: from Pilots to Production");
  set_ref (d, o, "leader", HLG_DOC_TYPE_ORGANISATION, "cbs");
  set_ref (d, o, "project_manager", HLG_DOC_TYPE_PERSON, "pm-haddad");
  set_str (o, "start", day (d, d->year, "01-01"));
  set_str (o, "end", day (d, d->year, "12-31"));
  array = set_array (o, "budget_lines");
  for (guint i = 0; i < G_N_ELEMENTS (budget); i++)
    {
      JsonObject *item = add_item (array, pool_printf (d, "b%u", i + 1));

      set_str (item, "item", budget[i].item);
      set_int (item, "amount", budget[i].amount);
      set_str (item, "currency", "USD");
    }
  array = set_array (o, "outputs");
  for (guint i = 0; i < G_N_ELEMENTS (outputs); i++)
    {
      JsonObject *item = add_item (array, pool_printf (d, "o%u", i + 1));

      set_str (item, "title", outputs[i].title);
      set_str (item, "due", day (d, d->year, outputs[i].due));
      set_str (item, "status", outputs[i].status);
    }
  set_str (o, "status", "running");

  r = add_doc (d, HLG_DOC_TYPE_PROGRESS_REPORT, "cur/pet-h1");
  set_ref (d, r, "project", HLG_DOC_TYPE_PROJECT, "cur/pet");
  set_str (r, "period_start", day (d, d->year, "01-01"));
  set_str (r, "period_end", day (d, d->year, "06-30"));
  set_str (r, "progress",
    "The project started on time with a kick-off sprint hosted by Statistics Netherlands in "
    "The Hague, attended by 22 experts from nine offices. The readiness assessment of "
    "fourteen PET pilots was completed in April and presented to the Executive Board.\n\n"
    "Work on the secure multi-party computation implementation for trade statistics is "
    "progressing with Statistics Canada and the Office for National Statistics; a first "
    "end-to-end run on synthetic data succeeded in June. The differential privacy work has "
    "started later than planned because the census tables chosen for the use case had to "
    "be changed.");
  set_str (r, "next_steps",
    "- Second sprint in September, hosted online.\n"
    "- Legal review of the use of real trade data in the MPC implementation.\n"
    "- Draft of the managers' guide for comment by the Capabilities and Communication group.");
  array = set_array (r, "risks");
  {
    JsonObject *item = add_item (array, "r1");

    set_str (item, "issue",
             "Legal approval for real trade data may not arrive before the end of the project.");
    set_str (item, "mitigation", "Complete the implementation on synthetic data and document the "
                                 "approval process as an output in itself.");
    set_str (item, "likelihood", "medium");
    set_str (item, "impact", "high");

    item = add_item (array, "r2");
    set_str (item, "issue", "The differential privacy output is late.");
    set_str (item, "mitigation", "Statistics Canada has added a second expert from September; "
                                 "the scope is reduced to two census tables.");
    set_str (item, "likelihood", "high");
    set_str (item, "impact", "medium");
  }
}

static void
add_blue_skies_and_sessions (Demo *d)
{
  JsonObject *o = add_doc (d, HLG_DOC_TYPE_BLUE_SKIES_REPORT, "cur/llm-interface");

  set_ref (d, o, "cycle", HLG_DOC_TYPE_CYCLE, "cur/cycle");
  set_str (o, "title", "Large Language Models as a New Way into Official Statistics");
  set_refs (d, o, "authors", HLG_DOC_TYPE_PERSON, "author-park author-lindqvist chair-bennett");
  set_str (o, "topic",
    "Large language models can answer questions in natural language. Users increasingly ask "
    "chat assistants, not statistical websites, for figures such as the unemployment rate or "
    "the population of a city. This report looks at what that means for how official "
    "statistics reach people.");
  set_str (o, "value",
    "If assistants answer from official statistics, with the source and the definition, "
    "more people get correct figures. If they do not, people get plausible numbers from "
    "unknown sources. Statistical offices can make their data easy for models to find, "
    "read and cite, and can offer their own assistants for complex data.");
  set_str (o, "current_work",
    "Several offices have experimental chat interfaces over their dissemination databases. "
    "The SDMX community is discussing machine-readable metadata for AI use, and some "
    "offices publish guidance for AI developers on citing official statistics.");
  set_str (o, "collaboration",
    "Shared evaluation of answers to statistical questions; common metadata conventions so "
    "that models cite the right figure; a joint conversation with the companies that build "
    "assistants, which no single office can hold alone.");
  set_str (o, "outcome", "recommend-further-work");
  set_str (o, "follow_up",
           "Taken up in the proposal for a shared evaluation framework for generative AI");
  set_ref (d, o, "group", HLG_DOC_TYPE_GROUP, "blue-skies");

  o = add_doc (d, HLG_DOC_TYPE_INSPIRATION_SESSION, "cur/ai-leadership");
  set_ref (d, o, "cycle", HLG_DOC_TYPE_CYCLE, "cur/cycle");
  set_str (o, "date", day (d, d->year, "03-04"));
  set_str (o, "topic", "Leading a statistical office through the AI transition");
  set_list (d, o, "participants", HLG_DOC_TYPE_INVALID,
            "Chief Statistician of Statistics Netherlands|Chief Statistician of Canada|"
            "Australian Statistician|President of ISTAT|Director-General of Statistics Norway|"
            "Director of the UNECE Statistical Division", "|");
  set_str (o, "lessons",
    "- Start with problems, not with the technology: the successful uses began with a "
    "process that everyone knew was slow.\n"
    "- Staff adopt AI tools whether or not there is a policy; a short, early policy is better "
    "than a complete, late one.\n"
    "- Be open with users about where AI is used; nobody regretted transparency.\n"
    "- Invest in the data and metadata first: models only amplify their quality.\n"
    "- Share failures in this group; they are worth more than the successes.");

  o = add_doc (d, HLG_DOC_TYPE_INSPIRATION_SESSION, "prev/cloud");
  set_ref (d, o, "cycle", HLG_DOC_TYPE_CYCLE, "prev/cycle");
  set_str (o, "date", day (d, d->year - 1, "03-05"));
  set_str (o, "topic", "What we learned moving to the cloud");
  set_list (d, o, "participants", HLG_DOC_TYPE_INVALID,
            "Chief Statistician of Statistics Korea|National Statistician of the United Kingdom|"
            "Director-General of INSEE", "|");
  set_str (o, "lessons",
    "- Exit strategies matter as much as migration plans.\n"
    "- Cost models change the conversation with ministries of finance.");
}

/**
 * hlg_demo_documents:
 * @now: the date that decides which year's cycle is the current one
 *
 * Returns: (transfer full) (element-type HlgDocument): the demo documents:
 *   the cycle of @now's year and the previous one, with everything around
 *   them. The same @now gives the same documents, with the same IDs.
 */
GPtrArray *
hlg_demo_documents (GDateTime *now)
{
  Demo d = { 0 };
  GPtrArray *documents;

  g_return_val_if_fail (now != NULL, NULL);

  d.year = g_date_time_get_year (now);
  d.ids = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  d.strings = g_string_chunk_new (4096);
  d.objects = g_ptr_array_new_with_free_func ((GDestroyNotify) json_object_unref);

  add_people (&d);
  add_cycle (&d, d.year, "cur/cycle");
  add_cycle (&d, d.year - 1, "prev/cycle");
  add_priorities (&d);
  add_groups (&d);
  add_task_teams (&d);
  add_proposals (&d);
  add_reviews (&d);
  add_feedbacks (&d);
  add_ballots (&d);
  add_project (&d);
  add_blue_skies_and_sessions (&d);

  documents = g_ptr_array_new_full (d.objects->len, g_object_unref);
  for (guint i = 0; i < d.objects->len; i++)
    {
      g_autoptr(GError) error = NULL;
      HlgDocument *doc = hlg_document_new_from_object (g_ptr_array_index (d.objects, i), &error);

      /* The data above are fixed: a failure here is a bug in this file. */
      g_assert_no_error (error);
      g_ptr_array_add (documents, doc);
    }

  g_ptr_array_unref (d.objects);
  g_string_chunk_free (d.strings);
  g_hash_table_unref (d.ids);

  return documents;
}

/**
 * hlg_demo_populate:
 * @store: a loaded store
 *
 * Saves the demo documents into @store. A document already there (saved by
 * an earlier run, perhaps edited since) is left as it is, so running this
 * twice adds nothing the second time.
 */
gboolean
hlg_demo_populate (HlgStore   *store,
                   GDateTime  *now,
                   GError    **error)
{
  g_autoptr(GPtrArray) documents = NULL;

  g_return_val_if_fail (HLG_IS_STORE (store), FALSE);
  g_return_val_if_fail (now != NULL, FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  documents = hlg_demo_documents (now);
  for (guint i = 0; i < documents->len; i++)
    {
      HlgDocument *doc = g_ptr_array_index (documents, i);

      if (hlg_store_lookup (store, hlg_document_get_id (doc)) != NULL)
        continue;
      if (!hlg_store_save (store, doc, error))
        {
          g_prefix_error (error, _("Could not add the demo document “%s”: "),
                          hlg_document_get_title (doc));
          return FALSE;
        }
    }

  return TRUE;
}
