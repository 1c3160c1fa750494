/* hlg-server-acl.h: who may read and write which document
 * SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <json-glib/json-glib.h>

#include "hlg-json-index.h"
#include "hlg-server.h"

G_BEGIN_DECLS

typedef enum
{
  HLG_SERVER_ROLE_SECRETARIAT,
  HLG_SERVER_ROLE_BOARD,
  HLG_SERVER_ROLE_AUTHOR,
  HLG_SERVER_ROLE_MEMBER,
  HLG_SERVER_ROLE_INVALID = -1,
} HlgServerRole;

typedef struct
{
  char         *name;
  HlgServerRole role;
  char         *person_id; /* nullable: the person document this account is */
} HlgServerAccount;

/* What the read rules need to know beyond the document itself, gathered
 * once per request. */
typedef struct
{
  const HlgServerAccount *account;
  GHashTable             *conflicted;    /* board: proposals its own review declares a conflict on */
  GHashTable             *own_proposals; /* author: proposals it created or co-authors */
  HlgJsonIndex           *index;         /* each body read, indexed for the rules */
} HlgServerAclContext;

HlgServerRole     hlg_server_role_from_name  (const char             *name);
const char       *hlg_server_role_to_name    (HlgServerRole           role);
HlgServerAccount *hlg_server_account_new     (const char             *name,
                                              HlgServerRole           role,
                                              const char             *person_id);
void              hlg_server_account_free    (HlgServerAccount       *account);
JsonObject       *hlg_server_acl_rule_view   (HlgJsonIndex           *index,
                                             guint                   object);
gboolean          hlg_server_acl_can_read    (HlgServerAclContext    *context,
                                              JsonObject             *body,
                                              const char             *created_by);
gboolean          hlg_server_acl_can_write   (const HlgServerAccount *account,
                                              JsonObject             *old_body,
                                              const char             *old_created_by,
                                              JsonObject             *new_body,
                                              char                  **reason);
gboolean          hlg_server_acl_voting_open (HlgServer             *self,
                                              const HlgServerAccount *account,
                                              JsonObject             *old_body,
                                              JsonObject             *new_body,
                                              char                  **reason);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (HlgServerAccount, hlg_server_account_free)

G_END_DECLS
