/* hlg-journal.h: a pulled page of documents written as one file, split later
 * SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

/* One document of a journal: its file's text (an envelope, as in
 * documents/<id>.json), or none when the document goes. */
typedef struct
{
  char  *id;
  char  *rev;    /* the server revision; NULL when unknown */
  const char *data; /* the envelope, inside the journal's bytes, not NUL-terminated */
  gsize  length; /* of data; 0: the document is removed */
  char  *tmp;    /* while splitting: the temporary file written */
} HlgJournalRecord;

typedef struct
{
  char      *path;
  GBytes    *bytes;
  GPtrArray *records; /* HlgJournalRecord, in the order written */
} HlgJournal;

GString    *hlg_journal_text_new      (gsize              size);
void        hlg_journal_text_add      (GString           *text,
                                       const char        *id,
                                       const char        *rev,
                                       const char *const *parts,
                                       const gsize       *lengths,
                                       guint              n_parts);
HlgJournal *hlg_journal_new_from_text (const char  *path,
                                       GString     *text);
HlgJournal *hlg_journal_read          (const char  *path,
                                       GError     **error);
void        hlg_journal_free          (HlgJournal  *journal);
gint64      hlg_journal_rev_generation (const char *rev);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (HlgJournal, hlg_journal_free)

G_END_DECLS
