/* hlg-tally.c: the count of the workshop's ballots, and the two projects it recommends
 * SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "hlg-tally"

#include "config.h"

#include <glib/gi18n-lib.h>

#include "hlg-tally.h"

/* One proposal's score on one ballot. */
typedef struct
{
  char   *proposal;
  gint64  score;
} Vote;

/* The ballot of one voter, as counted. A copy: later edits of the document
 * count only when it is added again. */
typedef struct
{
  char      *id;
  char      *updated_at; /* nullable */
  GArray    *votes;      /* Vote */
} Ballot;

/* One line of the result. */
typedef struct
{
  char   *proposal;
  gint64  score;
  guint   place;      /* 1-based; tied proposals share their first place */
  guint   last_place; /* the last place a tie spans; == place when not tied */
} Entry;

struct _HlgTally
{
  GObject      parent_instance;

  HlgDocument *cycle;
  char        *method;  /* the first counted ballot's; NULL before */
  GHashTable  *ballots; /* voter ID -> Ballot */

  /* The result, computed when first asked for after a change. */
  GPtrArray   *entries; /* Entry, sorted by score, highest first */
  guint        n_recommended;
  guint        tied_start; /* entries[tied_start, tied_end) are tied across the line */
  guint        tied_end;
};

G_DEFINE_FINAL_TYPE (HlgTally, hlg_tally, G_TYPE_OBJECT)
G_DEFINE_QUARK (hlg-tally-error-quark, hlg_tally_error)

enum {
  PROP_0,
  PROP_CYCLE,
  PROP_METHOD,
  PROP_N_BALLOTS,
  N_PROPS
};

enum {
  CHANGED,
  N_SIGNALS
};

static GParamSpec *properties[N_PROPS];
static guint signals[N_SIGNALS];

static void
vote_clear (gpointer data)
{
  Vote *vote = data;

  g_clear_pointer (&vote->proposal, g_free);
}

static void
ballot_free (gpointer data)
{
  Ballot *ballot = data;

  g_free (ballot->id);
  g_free (ballot->updated_at);
  g_clear_pointer (&ballot->votes, g_array_unref);
  g_free (ballot);
}

static void
entry_free (gpointer data)
{
  Entry *entry = data;

  g_free (entry->proposal);
  g_free (entry);
}

static void
hlg_tally_finalize (GObject *object)
{
  HlgTally *self = (HlgTally *)object;

  g_clear_object (&self->cycle);
  g_clear_pointer (&self->method, g_free);
  g_clear_pointer (&self->ballots, g_hash_table_unref);
  g_clear_pointer (&self->entries, g_ptr_array_unref);

  G_OBJECT_CLASS (hlg_tally_parent_class)->finalize (object);
}

static void
hlg_tally_get_property (GObject    *object,
                        guint       prop_id,
                        GValue     *value,
                        GParamSpec *pspec)
{
  HlgTally *self = HLG_TALLY (object);

  switch (prop_id)
    {
    case PROP_CYCLE:
      g_value_set_object (value, self->cycle);
      break;

    case PROP_METHOD:
      g_value_set_string (value, self->method);
      break;

    case PROP_N_BALLOTS:
      g_value_set_uint (value, hlg_tally_get_n_ballots (self));
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
hlg_tally_set_property (GObject      *object,
                        guint         prop_id,
                        const GValue *value,
                        GParamSpec   *pspec)
{
  HlgTally *self = HLG_TALLY (object);

  switch (prop_id)
    {
    case PROP_CYCLE:
      g_assert (self->cycle == NULL);
      self->cycle = g_value_dup_object (value);
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
hlg_tally_class_init (HlgTallyClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->finalize = hlg_tally_finalize;
  object_class->get_property = hlg_tally_get_property;
  object_class->set_property = hlg_tally_set_property;

  properties[PROP_CYCLE] =
    g_param_spec_object ("cycle", NULL, NULL, HLG_TYPE_DOCUMENT,
                         G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS);
  properties[PROP_METHOD] =
    g_param_spec_string ("method", NULL, NULL, NULL,
                         G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_N_BALLOTS] =
    g_param_spec_uint ("n-ballots", NULL, NULL, 0, G_MAXUINT, 0,
                       G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  /* Emitted when a ballot was counted, so the result may have changed. */
  signals[CHANGED] =
    g_signal_new ("changed", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL, G_TYPE_NONE, 0);
}

static void
hlg_tally_init (HlgTally *self)
{
  self->ballots = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, ballot_free);
}

/**
 * hlg_tally_new:
 * @cycle: the cycle whose workshop the ballots belong to
 *
 * Returns: (transfer full): an empty tally
 */
HlgTally *
hlg_tally_new (HlgDocument *cycle)
{
  g_return_val_if_fail (HLG_IS_DOCUMENT (cycle), NULL);
  g_return_val_if_fail (hlg_document_get_doc_type (cycle) == HLG_DOC_TYPE_CYCLE, NULL);

  return g_object_new (HLG_TYPE_TALLY, "cycle", cycle, NULL);
}

/**
 * hlg_tally_get_cycle:
 *
 * Returns: (transfer none): the cycle
 */
HlgDocument *
hlg_tally_get_cycle (HlgTally *self)
{
  g_return_val_if_fail (HLG_IS_TALLY (self), NULL);

  return self->cycle;
}

/**
 * hlg_tally_get_method:
 *
 * Returns: (nullable): "approval", "allotment" or "ranking", the method of
 *   the first ballot counted; %NULL before
 */
const char *
hlg_tally_get_method (HlgTally *self)
{
  g_return_val_if_fail (HLG_IS_TALLY (self), NULL);

  return self->method;
}

/* The number of voters whose ballots are counted. */
guint
hlg_tally_get_n_ballots (HlgTally *self)
{
  g_return_val_if_fail (HLG_IS_TALLY (self), 0);

  return g_hash_table_size (self->ballots);
}

static gboolean
invalid_ballot (GError    **error,
                const char *why)
{
  g_set_error (error, HLG_TALLY_ERROR, HLG_TALLY_ERROR_INVALID,
               /* Translators: %s says what is wrong with the ballot */
               _("This ballot cannot be counted: %s"), why);
  return FALSE;
}

static gboolean
has_rank (JsonObject *choice)
{
  JsonNode *node = json_object_get_member (choice, "rank");

  return node != NULL && !JSON_NODE_HOLDS_NULL (node);
}

/* Turns the ballot's choices into one score per proposal, by its method. */
static GArray *
read_votes (HlgDocument  *ballot,
            const char   *method,
            GError      **error)
{
  JsonArray *choices = hlg_document_get_array (ballot, "choices");
  guint n_choices = choices ? json_array_get_length (choices) : 0;
  g_autoptr(GArray) votes = g_array_sized_new (FALSE, TRUE, sizeof (Vote), n_choices);
  g_autoptr(GHashTable) seen = g_hash_table_new (g_str_hash, g_str_equal);
  g_autofree gboolean *rank_used = NULL;
  gboolean ranking = g_str_equal (method, "ranking");
  guint n_ranked = 0;

  g_array_set_clear_func (votes, vote_clear);

  /* Borda: n - rank + 1, where n is the number of ranked choices. */
  if (ranking)
    {
      for (guint i = 0; i < n_choices; i++)
        if (has_rank (json_array_get_object_element (choices, i)))
          n_ranked++;
      rank_used = g_new0 (gboolean, n_ranked + 1);
    }

  for (guint i = 0; i < n_choices; i++)
    {
      JsonObject *choice = json_array_get_object_element (choices, i);
      const char *proposal = json_object_get_string_member (choice, "proposal");
      Vote vote = { NULL, 0 };

      if (!g_hash_table_add (seen, (gpointer) proposal))
        {
          invalid_ballot (error, _("it lists the same proposal twice"));
          return NULL;
        }

      if (g_str_equal (method, "approval"))
        {
          vote.score = json_object_get_boolean_member_with_default (choice, "approved", FALSE)
                         ? 1 : 0;
        }
      else if (g_str_equal (method, "allotment"))
        {
          vote.score = json_object_get_int_member_with_default (choice, "points", 0);
        }
      else if (has_rank (choice))
        {
          gint64 rank = json_object_get_int_member (choice, "rank");

          if (rank < 1 || rank > n_ranked || rank_used[rank])
            {
              invalid_ballot (error, _("its ranks are not 1, 2, 3… each used once"));
              return NULL;
            }
          rank_used[rank] = TRUE;
          vote.score = (gint64) n_ranked - rank + 1;
        }

      vote.proposal = g_strdup (proposal);
      g_array_append_val (votes, vote);
    }

  return g_steal_pointer (&votes);
}

/* Whether a voter's ballot @ballot is newer than the one counted, @counted:
 * by their "updated_at" when both have one, else by the order added. */
static gboolean
is_newer (const char *updated_at,
          Ballot     *counted)
{
  g_autoptr(GTimeZone) utc = NULL;
  g_autoptr(GDateTime) mine = NULL;
  g_autoptr(GDateTime) theirs = NULL;

  if (updated_at == NULL || counted->updated_at == NULL)
    return TRUE;

  utc = g_time_zone_new_utc ();
  mine = g_date_time_new_from_iso8601 (updated_at, utc);
  theirs = g_date_time_new_from_iso8601 (counted->updated_at, utc);
  if (mine != NULL && theirs != NULL)
    return g_date_time_compare (mine, theirs) >= 0;

  return g_strcmp0 (updated_at, counted->updated_at) >= 0;
}

static void
invalidate (HlgTally *self)
{
  g_clear_pointer (&self->entries, g_ptr_array_unref);
}

/**
 * hlg_tally_add_ballot:
 * @ballot: a ballot
 *
 * Counts @ballot. A ballot of another cycle is ignored; a voter's later
 * ballot replaces its earlier one (by "updated_at" when both have one, else
 * the one added last), and an earlier one added later is ignored.
 *
 * Returns: %TRUE if the ballot was counted or ignored; %FALSE with
 *   %HLG_TALLY_ERROR_METHOD if its method differs from the first ballot's,
 *   or %HLG_TALLY_ERROR_INVALID if it cannot be counted
 */
gboolean
hlg_tally_add_ballot (HlgTally     *self,
                      HlgDocument  *ballot,
                      GError      **error)
{
  g_autoptr(GError) local_error = NULL;
  g_autoptr(GArray) votes = NULL;
  const char *method;
  const char *voter;
  const char *updated_at;
  Ballot *counted;
  Ballot *new_ballot;
  gboolean new_voter;

  g_return_val_if_fail (HLG_IS_TALLY (self), FALSE);
  g_return_val_if_fail (HLG_IS_DOCUMENT (ballot), FALSE);
  g_return_val_if_fail (hlg_document_get_doc_type (ballot) == HLG_DOC_TYPE_BALLOT, FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  if (g_strcmp0 (hlg_document_get_string (ballot, "cycle"), hlg_document_get_id (self->cycle)) != 0)
    {
      g_debug ("Ballot %s belongs to another cycle; ignored", hlg_document_get_id (ballot));
      return TRUE;
    }

  if (!hlg_document_validate (ballot, &local_error))
    return invalid_ballot (error, local_error->message);

  method = hlg_document_get_string (ballot, "method");
  if (self->method != NULL && !g_str_equal (method, self->method))
    {
      g_set_error (error, HLG_TALLY_ERROR, HLG_TALLY_ERROR_METHOD,
                   /* Translators: the first %s is a voting method, the second another */
                   _("This ballot uses the method “%s”, but the workshop votes by “%s”"),
                   method, self->method);
      return FALSE;
    }

  votes = read_votes (ballot, method, error);
  if (votes == NULL)
    return FALSE;

  voter = hlg_document_get_string (ballot, "voter");
  updated_at = hlg_document_get_string (ballot, "updated_at");
  counted = g_hash_table_lookup (self->ballots, voter);
  if (counted != NULL && !is_newer (updated_at, counted))
    {
      g_debug ("Ballot %s is older than %s of the same voter; ignored",
               hlg_document_get_id (ballot), counted->id);
      return TRUE;
    }

  new_ballot = g_new0 (Ballot, 1);
  new_ballot->id = g_strdup (hlg_document_get_id (ballot));
  new_ballot->updated_at = g_strdup (updated_at);
  new_ballot->votes = g_steal_pointer (&votes);
  new_voter = counted == NULL;
  g_hash_table_replace (self->ballots, g_strdup (voter), new_ballot);
  invalidate (self);

  if (self->method == NULL)
    {
      self->method = g_strdup (method);
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_METHOD]);
    }
  if (new_voter)
    g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_N_BALLOTS]);
  g_signal_emit (self, signals[CHANGED], 0);

  return TRUE;
}

static int
compare_entries (gconstpointer a,
                 gconstpointer b)
{
  const Entry *ea = *(Entry * const *) a;
  const Entry *eb = *(Entry * const *) b;

  if (ea->score != eb->score)
    return ea->score > eb->score ? -1 : 1;

  /* Equal scores: a stable order to show them in, not a choice between them. */
  return g_strcmp0 (ea->proposal, eb->proposal);
}

static void
ensure_result (HlgTally *self)
{
  g_autoptr(GHashTable) scores = NULL;
  GHashTableIter iter;
  gpointer value;
  guint n, n_eligible;

  if (self->entries != NULL)
    return;

  self->entries = g_ptr_array_new_with_free_func (entry_free);
  scores = g_hash_table_new (g_str_hash, g_str_equal);

  g_hash_table_iter_init (&iter, self->ballots);
  while (g_hash_table_iter_next (&iter, NULL, &value))
    {
      Ballot *ballot = value;

      for (guint i = 0; i < ballot->votes->len; i++)
        {
          Vote *vote = &g_array_index (ballot->votes, Vote, i);
          Entry *entry = g_hash_table_lookup (scores, vote->proposal);

          if (entry == NULL)
            {
              entry = g_new0 (Entry, 1);
              entry->proposal = g_strdup (vote->proposal);
              g_hash_table_insert (scores, entry->proposal, entry);
              g_ptr_array_add (self->entries, entry);
            }
          entry->score += vote->score;
        }
    }

  g_ptr_array_sort (self->entries, compare_entries);

  /* Places: proposals with equal scores share them, 1, 2, 2, 4. */
  n = self->entries->len;
  for (guint start = 0; start < n;)
    {
      Entry *first = g_ptr_array_index (self->entries, start);
      guint end = start + 1;

      while (end < n && ((Entry *) g_ptr_array_index (self->entries, end))->score == first->score)
        end++;
      for (guint i = start; i < end; i++)
        {
          Entry *entry = g_ptr_array_index (self->entries, i);

          entry->place = start + 1;
          entry->last_place = end;
        }
      start = end;
    }

  /* A proposal no one supported (score 0) is not recommended. */
  n_eligible = 0;
  while (n_eligible < n &&
         ((Entry *) g_ptr_array_index (self->entries, n_eligible))->score > 0)
    n_eligible++;

  self->tied_start = self->tied_end = 0;
  if (n_eligible <= HLG_TALLY_N_RECOMMENDED)
    {
      self->n_recommended = n_eligible;
    }
  else
    {
      Entry *last_in = g_ptr_array_index (self->entries, HLG_TALLY_N_RECOMMENDED - 1);
      Entry *first_out = g_ptr_array_index (self->entries, HLG_TALLY_N_RECOMMENDED);

      if (last_in->score > first_out->score)
        {
          self->n_recommended = HLG_TALLY_N_RECOMMENDED;
        }
      else
        {
          /* The line falls inside a tie: recommend those above it and show
           * the tie, rather than pick by an order no one voted for. */
          self->n_recommended = last_in->place - 1;
          self->tied_start = last_in->place - 1;
          self->tied_end = last_in->last_place;
        }
    }
}

/* The number of proposals that appear on the counted ballots. */
guint
hlg_tally_get_n_results (HlgTally *self)
{
  g_return_val_if_fail (HLG_IS_TALLY (self), 0);

  ensure_result (self);
  return self->entries->len;
}

static Entry *
get_entry (HlgTally *self,
           guint     position)
{
  ensure_result (self);
  return position < self->entries->len ? g_ptr_array_index (self->entries, position) : NULL;
}

/**
 * hlg_tally_get_proposal:
 * @position: a position in the result, highest score first
 *
 * Returns: (nullable): the proposal's ID at @position
 */
const char *
hlg_tally_get_proposal (HlgTally *self,
                        guint     position)
{
  Entry *entry;

  g_return_val_if_fail (HLG_IS_TALLY (self), NULL);

  entry = get_entry (self, position);
  g_return_val_if_fail (entry != NULL, NULL);

  return entry->proposal;
}

/* The score at @position: approvals, points, or the Borda count. */
gint64
hlg_tally_get_score (HlgTally *self,
                     guint     position)
{
  Entry *entry;

  g_return_val_if_fail (HLG_IS_TALLY (self), 0);

  entry = get_entry (self, position);
  g_return_val_if_fail (entry != NULL, 0);

  return entry->score;
}

/**
 * hlg_tally_get_place:
 * @position: a position in the result
 * @last_place: (out) (optional): the last place of its tie; the place itself
 *   when it is not tied
 *
 * Returns: the 1-based place at @position; tied proposals share their first
 *   place, as in "tied for 2nd to 3rd"
 */
guint
hlg_tally_get_place (HlgTally *self,
                     guint     position,
                     guint    *last_place)
{
  Entry *entry;

  g_return_val_if_fail (HLG_IS_TALLY (self), 0);

  entry = get_entry (self, position);
  g_return_val_if_fail (entry != NULL, 0);

  if (last_place != NULL)
    *last_place = entry->last_place;
  return entry->place;
}

/* Whether the ballots decide which proposals are recommended: no tie runs
 * across the line after the second place. */
gboolean
hlg_tally_is_decided (HlgTally *self)
{
  g_return_val_if_fail (HLG_IS_TALLY (self), FALSE);

  ensure_result (self);
  return self->tied_start == self->tied_end;
}

/**
 * hlg_tally_dup_recommended:
 *
 * The proposals the ballots recommend for certain, highest first: the top
 * two, fewer when fewer were supported or a tie runs across the line (see
 * hlg_tally_dup_tied()).
 *
 * Returns: (transfer full) (array zero-terminated=1): proposal IDs
 */
char **
hlg_tally_dup_recommended (HlgTally *self)
{
  g_autoptr(GStrvBuilder) builder = g_strv_builder_new ();

  g_return_val_if_fail (HLG_IS_TALLY (self), NULL);

  ensure_result (self);
  for (guint i = 0; i < self->n_recommended; i++)
    g_strv_builder_add (builder, ((Entry *) g_ptr_array_index (self->entries, i))->proposal);

  return g_strv_builder_end (builder);
}

/**
 * hlg_tally_dup_tied:
 * @first_place: (out) (optional): the first place they share, 0 when none
 * @last_place: (out) (optional): the last place they share, 0 when none
 *
 * The proposals tied across the line, between which the ballots do not
 * choose: with scores 9, 7, 7, 4 the second and third are tied for places 2
 * to 3, one of them for one seat.
 *
 * Returns: (transfer full) (array zero-terminated=1): proposal IDs, empty
 *   when the result is decided
 */
char **
hlg_tally_dup_tied (HlgTally *self,
                    guint    *first_place,
                    guint    *last_place)
{
  g_autoptr(GStrvBuilder) builder = g_strv_builder_new ();
  gboolean tied;

  g_return_val_if_fail (HLG_IS_TALLY (self), NULL);

  ensure_result (self);
  tied = self->tied_start < self->tied_end;
  for (guint i = self->tied_start; i < self->tied_end; i++)
    g_strv_builder_add (builder, ((Entry *) g_ptr_array_index (self->entries, i))->proposal);

  if (first_place != NULL)
    *first_place = tied ? self->tied_start + 1 : 0;
  if (last_place != NULL)
    *last_place = tied ? self->tied_end : 0;

  return g_strv_builder_end (builder);
}
