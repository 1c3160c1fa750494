/* hlg-journal.c: a pulled page of documents written as one file, split later
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Creating a file costs far more than writing one on most disks (about
 * 0.12 ms each on ext4 here, 1.2 s for 10,000 documents). A large page of
 * a pull is therefore written as one journal file, made durable with the
 * checkpoint, and split into documents/<id>.json files afterwards, off the
 * main thread (hlg-store.c). Until then the journal is the newest durable
 * copy of its documents, and loading reads it after the document files.
 *
 * The format, after a first line "HLGMOS-JOURNAL 1":
 *   <id> <rev or -> <length>\n<length bytes: the envelope>\n
 * A length of 0 is a removal. */
#define G_LOG_DOMAIN "hlg-journal"

#include "config.h"

#include <glib/gi18n-lib.h>
#include <string.h>

#include "hlg-id.h"
#include "hlg-journal.h"
#include "hlg-store.h"

#define MAGIC "HLGMOS-JOURNAL 1\n"

static void
record_free (HlgJournalRecord *record)
{
  g_free (record->id);
  g_free (record->rev);
  g_free (record->tmp);
  g_free (record);
}

/* @size: about how long the journal will be, to allocate it once */
GString *
hlg_journal_text_new (gsize size)
{
  GString *text = g_string_sized_new (size + strlen (MAGIC));

  g_string_append (text, MAGIC);
  return text;
}

/* Appends one document, whose envelope is @parts one after the other
 * (@lengths of them); no parts: the document is removed. */
void
hlg_journal_text_add (GString           *text,
                      const char        *id,
                      const char        *rev,
                      const char *const *parts,
                      const gsize       *lengths,
                      guint              n_parts)
{
  gsize length = 0;

  for (guint i = 0; i < n_parts; i++)
    length += lengths[i];

  g_string_append_printf (text, "%s %s %" G_GSIZE_FORMAT "\n", id, rev != NULL ? rev : "-", length);
  for (guint i = 0; i < n_parts; i++)
    g_string_append_len (text, parts[i], lengths[i]);
  g_string_append_c (text, '\n');
}

static gboolean
parse_records (HlgJournal  *journal,
               GError     **error)
{
  gsize size;
  const char *data = g_bytes_get_data (journal->bytes, &size);
  gsize pos = strlen (MAGIC);

  if (size < pos || memcmp (data, MAGIC, pos) != 0)
    {
      g_set_error_literal (error, HLG_STORE_ERROR, HLG_STORE_ERROR_INVALID,
                           _("The file is not a journal of pulled documents"));
      return FALSE;
    }

  while (pos < size)
    {
      const char *line = data + pos;
      const char *end = memchr (line, '\n', size - pos);
      g_autofree char *header = NULL;
      g_auto(GStrv) fields = NULL;
      HlgJournalRecord *record;
      guint64 length;

      if (end == NULL)
        goto broken;
      header = g_strndup (line, end - line);
      fields = g_strsplit (header, " ", 0);
      if (g_strv_length (fields) != 3 || !hlg_id_is_valid (fields[0]) ||
          !g_ascii_string_to_unsigned (fields[2], 10, 0, G_MAXSIZE, &length, NULL))
        goto broken;

      pos = end - data + 1;
      if (length > size - pos || size - pos - length < 1 || data[pos + length] != '\n')
        goto broken;

      record = g_new0 (HlgJournalRecord, 1);
      record->id = g_strdup (fields[0]);
      record->rev = g_str_equal (fields[1], "-") ? NULL : g_strdup (fields[1]);
      record->data = data + pos;
      record->length = length;
      g_ptr_array_add (journal->records, record);
      pos += length + 1;
    }

  return TRUE;

broken:
  g_set_error (error, HLG_STORE_ERROR, HLG_STORE_ERROR_INVALID,
               _("The journal of pulled documents is damaged at byte %u"), (guint) MIN (pos, G_MAXUINT));
  return FALSE;
}

static HlgJournal *
journal_new (const char *path,
             GBytes     *bytes)
{
  HlgJournal *journal = g_new0 (HlgJournal, 1);

  journal->path = g_strdup (path);
  journal->bytes = bytes;
  journal->records = g_ptr_array_new_with_free_func ((GDestroyNotify) record_free);
  return journal;
}

/* The journal just written from @text (consumed) to @path. */
HlgJournal *
hlg_journal_new_from_text (const char *path,
                           GString    *text)
{
  g_autoptr(HlgJournal) journal = journal_new (path, g_string_free_to_bytes (text));

  /* What hlg_journal_text_add() wrote always parses. */
  if (!parse_records (journal, NULL))
    g_return_val_if_reached (NULL);
  return g_steal_pointer (&journal);
}

HlgJournal *
hlg_journal_read (const char  *path,
                  GError     **error)
{
  g_autoptr(HlgJournal) journal = NULL;
  g_autoptr(GError) local_error = NULL;
  char *contents = NULL;
  gsize length;

  if (!g_file_get_contents (path, &contents, &length, &local_error))
    {
      g_set_error (error, HLG_STORE_ERROR, HLG_STORE_ERROR_IO,
                   _("The file cannot be read: %s"), local_error->message);
      return NULL;
    }

  journal = journal_new (path, g_bytes_new_take (contents, length));
  if (!parse_records (journal, error))
    return NULL;
  return g_steal_pointer (&journal);
}

void
hlg_journal_free (HlgJournal *journal)
{
  g_free (journal->path);
  g_bytes_unref (journal->bytes);
  g_ptr_array_unref (journal->records);
  g_free (journal);
}

/* "12-abc" -> 12; revisions of CouchDB start with their generation. */
gint64
hlg_journal_rev_generation (const char *rev)
{
  return rev != NULL ? g_ascii_strtoll (rev, NULL, 10) : 0;
}
