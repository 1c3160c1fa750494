/* hlg-server-acl.c: who may read and write which document
 * SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "hlg-server-acl"

#include "config.h"

#include <glib/gi18n-lib.h>

#include "hlg-id.h"
#include "hlg-rules.h"
#include "hlg-server-acl.h"
#include "hlg-server-private.h"

static const char * const role_names[] = { "secretariat", "board", "author", "member", NULL };

/* What authors and members may read whatever the document says. */
static const char * const public_types[] = {
  "cycle", "priority", "organisation", "person", "group", "task-team", "project",
  "progress-report", "blue-skies-report", "inspiration-session", NULL
};

/* The proposals the community sees once the workshop has them. */
static const char * const member_statuses[] = {
  "presented", "recommended", "selected", "not-selected", NULL
};

/* What an author may set a proposal's status to. */
static const char * const author_statuses[] = { "draft", "submitted", NULL };

/* Every member of a document that the rules below read. */
static const char * const rule_members[] = {
  "type", "status", "created_by", "authors", "reviewer", "proposal", "voter", "released", "cycle",
  NULL
};

HlgServerRole
hlg_server_role_from_name (const char *name)
{
  for (guint i = 0; name != NULL && role_names[i] != NULL; i++)
    if (g_str_equal (role_names[i], name))
      return i;

  return HLG_SERVER_ROLE_INVALID;
}

const char *
hlg_server_role_to_name (HlgServerRole role)
{
  g_return_val_if_fail (role >= 0 && role < (int) G_N_ELEMENTS (role_names) - 1, NULL);

  return role_names[role];
}

HlgServerAccount *
hlg_server_account_new (const char    *name,
                        HlgServerRole  role,
                        const char    *person_id)
{
  HlgServerAccount *account = g_new0 (HlgServerAccount, 1);

  account->name = g_strdup (name);
  account->role = role;
  account->person_id = g_strdup (person_id);

  return account;
}

void
hlg_server_account_free (HlgServerAccount *account)
{
  if (account == NULL)
    return;

  g_free (account->name);
  g_free (account->person_id);
  g_free (account);
}

/**
 * hlg_server_acl_rule_view:
 * @index: a document's text, indexed
 * @object: the document's place in @index
 *
 * What the read and write rules see of the document, so that they can be
 * checked without the rest of it: a _bulk_docs request keeps this rather
 * than a thousand whole documents.
 *
 * Returns: (transfer full): a new object with the members of the
 *   document that the rules read
 */
JsonObject *
hlg_server_acl_rule_view (HlgJsonIndex *index,
                          guint         object)
{
  return hlg_json_index_pick (index, object, rule_members);
}

static gboolean
is_person (const HlgServerAccount *account,
           const char             *person_id)
{
  return account->person_id != NULL && g_strcmp0 (account->person_id, person_id) == 0;
}

/* Whether the old or the new body of a write names someone other than
 * @account's person in @member. */
static gboolean
names_other_person (const HlgServerAccount *account,
                    JsonObject             *old_body,
                    JsonObject             *new_body,
                    const char             *member)
{
  return (old_body && !is_person (account, _hlg_server_get_string_member (old_body, member))) ||
         (new_body && !is_person (account, _hlg_server_get_string_member (new_body, member)));
}

static gboolean
lists_author (JsonObject *body,
              const char *person_id)
{
  JsonNode *node = json_object_get_member (body, "authors");
  JsonArray *array;

  if (person_id == NULL || node == NULL || !JSON_NODE_HOLDS_ARRAY (node))
    return FALSE;

  array = json_node_get_array (node);
  for (guint i = 0; i < json_array_get_length (array); i++)
    {
      JsonNode *item = json_array_get_element (array, i);

      if (JSON_NODE_HOLDS_VALUE (item) && json_node_get_value_type (item) == G_TYPE_STRING &&
          g_str_equal (json_node_get_string (item), person_id))
        return TRUE;
    }

  return FALSE;
}

/* A proposal belongs to an author who created it or is listed among its authors. */
static gboolean
owns_proposal (const HlgServerAccount *account,
               JsonObject             *body,
               const char             *created_by)
{
  return g_strcmp0 (created_by, account->name) == 0 || lists_author (body, account->person_id);
}

static gboolean
in_set (GHashTable *set,
        const char *value)
{
  return set != NULL && value != NULL && g_hash_table_contains (set, value);
}

gboolean
hlg_server_acl_can_read (HlgServerAclContext *context,
                         JsonObject          *body,
                         const char          *created_by)
{
  const HlgServerAccount *account = context->account;
  const char *type = _hlg_server_get_string_member (body, "type");
  const char *status;

  if (account->role == HLG_SERVER_ROLE_SECRETARIAT)
    return TRUE;

  if (type == NULL)
    return FALSE;

  status = _hlg_server_get_string_member (body, "status");

  switch (account->role)
    {
    case HLG_SERVER_ROLE_BOARD:
      if (g_str_equal (type, "proposal"))
        return g_strcmp0 (status, "draft") != 0 || g_strcmp0 (created_by, account->name) == 0;
      if (g_str_equal (type, "review"))
        return is_person (account, _hlg_server_get_string_member (body, "reviewer")) ||
               !in_set (context->conflicted, _hlg_server_get_string_member (body, "proposal"));
      return TRUE;

    case HLG_SERVER_ROLE_AUTHOR:
      /* Never a review, so never the comments meant for the Board only. */
      if (g_str_equal (type, "review") || g_str_equal (type, "ballot"))
        return FALSE;
      if (g_str_equal (type, "proposal"))
        return g_strcmp0 (status, "draft") != 0 || owns_proposal (account, body, created_by);
      if (g_str_equal (type, "feedback"))
        return _hlg_server_get_true_member (body, "released") &&
               in_set (context->own_proposals,
                       _hlg_server_get_string_member (body, "proposal"));
      return g_strv_contains (public_types, type);

    case HLG_SERVER_ROLE_MEMBER:
      if (g_str_equal (type, "proposal"))
        return status != NULL && g_strv_contains (member_statuses, status);
      if (g_str_equal (type, "feedback"))
        return _hlg_server_get_true_member (body, "released");
      if (g_str_equal (type, "ballot"))
        return is_person (account, _hlg_server_get_string_member (body, "voter"));
      return g_strv_contains (public_types, type);

    case HLG_SERVER_ROLE_SECRETARIAT:
    case HLG_SERVER_ROLE_INVALID:
    default:
      return FALSE;
    }
}

static gboolean
deny (char      **reason,
      const char *why)
{
  if (reason != NULL)
    *reason = g_strdup (why);

  return FALSE;
}

/* Board members attend the workshop and vote there, as the community's
 * members do: each casts and changes only the ballot whose voter is their
 * own person, never another's. */
static gboolean
may_vote (const HlgServerAccount *account,
          JsonObject             *old_body,
          JsonObject             *new_body,
          char                  **reason)
{
  if (account->person_id == NULL)
    return deny (reason, _("This account is not linked to a person, so it cannot vote"));
  if (names_other_person (account, old_body, new_body, "voter"))
    return deny (reason, _("You may only cast your own ballot"));

  return TRUE;
}

/**
 * hlg_server_acl_can_write:
 * @old_body: (nullable): the stored document, %NULL when there is none or it is deleted
 * @old_created_by: (nullable): who created the stored document or tombstone
 * @new_body: (nullable): the document to store, %NULL for a deletion
 * @reason: (out) (optional): why not, translated
 */
gboolean
hlg_server_acl_can_write (const HlgServerAccount *account,
                          JsonObject             *old_body,
                          const char             *old_created_by,
                          JsonObject             *new_body,
                          char                  **reason)
{
  const char *type;
  const char *claimed;

  g_return_val_if_fail (account != NULL, FALSE);
  g_return_val_if_fail (old_body != NULL || new_body != NULL, FALSE);

  /* The server, not the client, says who created a document. */
  claimed = _hlg_server_get_string_member (new_body, "created_by");
  if (new_body != NULL && json_object_has_member (new_body, "created_by") &&
      g_strcmp0 (claimed, old_created_by ? old_created_by : account->name) != 0)
    return deny (reason, _("A document cannot claim to be created by another account"));

  if (account->role == HLG_SERVER_ROLE_SECRETARIAT)
    return TRUE;

  if (old_body == NULL && old_created_by != NULL &&
      g_strcmp0 (old_created_by, account->name) != 0)
    return deny (reason, _("This document was created by another account"));

  type = _hlg_server_get_string_member (new_body ? new_body : old_body, "type");
  if (type == NULL)
    return deny (reason, _("The document has no type"));

  switch (account->role)
    {
    case HLG_SERVER_ROLE_BOARD:
      if (g_str_equal (type, "review"))
        {
          if (account->person_id == NULL)
            return deny (reason, _("This account is not linked to a person, so it cannot review"));
          if (names_other_person (account, old_body, new_body, "reviewer"))
            return deny (reason, _("A Board member may only write their own reviews"));
          return TRUE;
        }
      if (g_str_equal (type, "feedback"))
        {
          if (_hlg_server_get_true_member (old_body, "released"))
            return deny (reason, _("This feedback is released; only the secretariat may change it"));
          if (_hlg_server_get_true_member (new_body, "released"))
            return deny (reason, _("Only the secretariat may release feedback"));
          return TRUE;
        }
      if (g_str_equal (type, "ballot"))
        return may_vote (account, old_body, new_body, reason);
      return deny (reason, _("A Board member may only write reviews, feedback drafts and their "
                             "own ballot"));

    case HLG_SERVER_ROLE_AUTHOR:
      if (g_str_equal (type, "proposal"))
        {
          const char *new_status = _hlg_server_get_string_member (new_body, "status");

          if (old_body != NULL)
            {
              if (!owns_proposal (account, old_body, old_created_by))
                return deny (reason, _("This proposal belongs to other authors"));
              if (g_strcmp0 (_hlg_server_get_string_member (old_body, "status"), "draft") != 0)
                return deny (reason, _("This proposal has been submitted and can no longer "
                                       "be changed by its authors"));
            }
          if (new_body != NULL &&
              (new_status == NULL || !g_strv_contains (author_statuses, new_status)))
            return deny (reason, _("An author may only save a proposal as a draft or submit it"));
          return TRUE;
        }
      return deny (reason, _("An author may only write proposals"));

    case HLG_SERVER_ROLE_MEMBER:
      if (g_str_equal (type, "ballot"))
        return may_vote (account, old_body, new_body, reason);
      return deny (reason, _("A member may only write their own ballot"));

    case HLG_SERVER_ROLE_SECRETARIAT:
    case HLG_SERVER_ROLE_INVALID:
    default:
      return deny (reason, _("This account has no known role"));
    }
}

/* Whether @ballot (nullable; any other type passes) belongs to a cycle
 * on the server whose voting is open at @now. */
static gboolean
ballot_cycle_open (HlgServer  *self,
                   JsonObject *ballot,
                   GDateTime  *now,
                   char      **reason)
{
  const char *cycle_id = _hlg_server_get_string_member (ballot, "cycle");
  g_autoptr(GError) error = NULL;
  g_autoptr(HlgServerRow) row = NULL;
  g_autoptr(HlgDocument) cycle = NULL;
  g_autofree char *closed_on = NULL;
  HlgDocType type = HLG_DOC_TYPE_INVALID;
  GDate last_day;

  if (g_strcmp0 (_hlg_server_get_string_member (ballot, "type"), "ballot") != 0)
    return TRUE;

  if (cycle_id != NULL && hlg_id_validate (cycle_id, &type, NULL) && type == HLG_DOC_TYPE_CYCLE)
    row = hlg_server_db_lookup (self->db, cycle_id, &error);
  if (error != NULL)
    g_warning ("Cannot read the cycle %s of a ballot: %s", cycle_id, error->message);
  if (row != NULL && !row->deleted)
    cycle = hlg_document_new_from_json (row->body, -1, NULL);
  if (cycle == NULL || hlg_document_get_doc_type (cycle) != HLG_DOC_TYPE_CYCLE)
    return deny (reason, _("The ballot’s cycle is not on the server"));

  if (hlg_rules_voting_open (cycle, now, &last_day))
    return TRUE;

  closed_on = hlg_rules_format_date (&last_day);
  if (reason != NULL)
    /* Translators: %s is a date, as in “Voting closed on 20 November 2026” */
    *reason = g_strdup_printf (_("Voting closed on %s"), closed_on);
  return FALSE;
}

/**
 * hlg_server_acl_voting_open:
 * @old_body: (nullable): the stored document, %NULL when there is none or it is deleted
 * @new_body: (nullable): the document to store, %NULL for a deletion
 * @reason: (out) (optional): why not, translated
 *
 * A ballot is written (cast, changed or deleted) only while its cycle's
 * voting is open, by the server's clock (hlg_rules_voting_open()): the
 * stored ballot's cycle and the new one's, so that a closed vote cannot be
 * moved into an open cycle either. Other documents pass.
 */
gboolean
hlg_server_acl_voting_open (HlgServer              *self,
                            const HlgServerAccount *account,
                            JsonObject             *old_body,
                            JsonObject             *new_body,
                            char                  **reason)
{
  g_autoptr(GDateTime) now = NULL;

  g_return_val_if_fail (HLG_IS_SERVER (self), FALSE);
  g_return_val_if_fail (account != NULL, FALSE);

  /* The secretariat runs the workshop and its count: it may still correct
   * a ballot after the close (one handed in on paper, a mistake a voter
   * reported before the close), as it may write every other document. */
  if (account->role == HLG_SERVER_ROLE_SECRETARIAT)
    return TRUE;

  now = self->clock != NULL ? g_date_time_ref (self->clock) : g_date_time_new_now_utc ();
  return ballot_cycle_open (self, old_body, now, reason) &&
         ballot_cycle_open (self, new_body, now, reason);
}
