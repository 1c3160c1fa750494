/* test-ui-harness.h: what the app's UI tests share: a temporary store, the app and its window, main-loop waits
 * SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <adwaita.h>

#include "hlg-application.h"
#include "hlg-proposal-row.h"
#include "hlg-store.h"
#include "hlg-window.h"

G_BEGIN_DECLS

/* Set by test_ui_init() and test_ui_run(). */
extern HlgApplication *test_ui_app;
extern char           *test_ui_data_dir;

void         test_ui_init            (int         *argc,
                                      char      ***argv,
                                      const char  *tmp_template);
int          test_ui_run             (const char  *argv0);

void         test_ui_iterate_until   (gboolean   (*done) (gpointer),
                                      gpointer     data);
void         test_ui_settle          (void);
HlgWindow   *test_ui_get_window      (void);
void         test_ui_activate        (const char  *action,
                                      const char  *parameter);
GtkWidget   *test_ui_find_descendant (GtkWidget   *widget,
                                      GType        type);
GtkWindow   *test_ui_find_toplevel   (GType        type);
HlgProposalRow *test_ui_find_proposal_row (GtkWidget   *widget,
                                           HlgDocument *doc);
void         test_ui_collect_proposal_rows (GtkWidget *widget,
                                            GPtrArray *rows);
HlgDocument *test_ui_save_new        (HlgDocType   type,
                                      const char  *json_fields,
                                      gboolean     validate);
void         test_ui_remove_tree     (const char  *path);
int          test_ui_compare_doubles (gconstpointer a,
                                      gconstpointer b);

G_END_DECLS
