/* test-sync-harness.h: the sync client's scenarios, run against any CouchDB-compatible peer
 * SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include "hlg-store.h"
#include "hlg-sync-client.h"
#include "test-util.h"

G_BEGIN_DECLS

/* A server to sync with, and two accounts that may both edit proposals. */
typedef struct
{
  const char *dir;         /* a folder for the stores, emptied by the caller */
  const char *url;         /* the server's root URL */
  const char *cycle_id;    /* the cycle the proposals belong to */
  const char *user_a;
  const char *password_a;
  const char *user_b;
  const char *password_b;
} TestSyncPeer;

void             test_sync_peer_init       (TestSyncPeer        *peer,
                                            const char          *dir,
                                            const char          *url,
                                            const char          *cycle_id);
HlgStore        *test_sync_open_named      (const TestSyncPeer  *peer,
                                            const char          *name);
HlgSyncClient   *test_sync_new_client      (const TestSyncPeer  *peer,
                                            HlgStore            *store,
                                            const char          *account,
                                            const char          *password);
gboolean         test_sync_run             (HlgSyncClient       *client,
                                            GCancellable        *cancellable,
                                            GError             **error);
void             test_sync_ok              (HlgSyncClient       *client);
double           test_sync_timed           (HlgSyncClient       *client);
HlgDocument     *test_sync_new_proposal    (const char          *cycle_id,
                                            const char          *title);
void             test_sync_edit            (HlgStore            *store,
                                            const char          *id,
                                            const char          *field,
                                            const char          *value);
const char      *test_sync_field           (HlgStore            *store,
                                            const char          *id,
                                            const char          *name);
guint            test_sync_edit_titles     (HlgStore            *store,
                                            guint                n,
                                            const char          *prefix);

/* The scenarios every peer must pass; each asserts as it goes. */
void             test_sync_scenario_merge_different_fields (const TestSyncPeer *peer);
void             test_sync_scenario_same_field_conflict    (const TestSyncPeer *peer);
void             test_sync_scenario_delete_vs_edit         (const TestSyncPeer *peer);
void             test_sync_scenario_paging_and_resume      (const TestSyncPeer *peer);

typedef struct
{
  const char *name;                        /* the test path's last part */
  void      (*run) (const TestSyncPeer *peer);
  guint       n_documents;                 /* how many the server holds after it */
} TestSyncScenario;

/* The four above, for a test to register in a loop; ends with a NULL name. */
extern const TestSyncScenario test_sync_scenarios[];

void             test_sync_add_scenarios   (const char          *prefix,
                                            gsize                fixture_size,
                                            GTestFixtureFunc     set_up,
                                            GTestFixtureFunc     run,
                                            GTestFixtureFunc     tear_down);

/* PouchDB Server in memory (tests/pouchdb/server.js), run by node. */
typedef struct _TestPouchServer TestPouchServer;

char            *test_pouch_dir            (void);
gboolean         test_pouch_check          (GError             **error);
TestPouchServer *test_pouch_server_start   (const char * const  *users,
                                            GError             **error);
TestPouchServer *test_pouch_server_start_with_databases (const char * const  *users,
                                                         const char * const  *databases,
                                                         GError             **error);
const char      *test_pouch_server_get_url (TestPouchServer     *self);
void             test_pouch_server_stop    (TestPouchServer     *self);
char            *test_pouch_run_script     (const char          *script,
                                            const char * const  *args,
                                            GError             **error);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (TestPouchServer, test_pouch_server_stop)

G_END_DECLS
