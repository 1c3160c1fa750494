/* test-id.c: document IDs are validated everywhere
 * SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <string.h>

#include "hlg-id.h"

static void
test_id_valid (void)
{
  g_autoptr(GError) error = NULL;
  HlgDocType type = HLG_DOC_TYPE_INVALID;

  g_assert_true (hlg_id_validate ("proposal:0b6f4a52-8f0e-4d43-9b1a-2f3c4d5e6f70", &type, &error));
  g_assert_no_error (error);
  g_assert_cmpint (type, ==, HLG_DOC_TYPE_PROPOSAL);

  g_assert_true (hlg_id_validate ("inspiration-session:0b6f4a52-8f0e-4d43-9b1a-2f3c4d5e6f70",
                                  &type, NULL));
  g_assert_cmpint (type, ==, HLG_DOC_TYPE_INSPIRATION_SESSION);
}

static void
test_id_new (void)
{
  for (HlgDocType t = 0; t < HLG_N_DOC_TYPES; t++)
    {
      g_autofree char *id = hlg_id_new (t);
      HlgDocType type = HLG_DOC_TYPE_INVALID;

      g_assert_true (hlg_id_validate (id, &type, NULL));
      g_assert_cmpint (type, ==, t);
      g_assert_true (g_str_has_prefix (id, hlg_doc_type_to_name (t)));
    }
}

static void
assert_refused (const char *id)
{
  g_autoptr(GError) error = NULL;

  g_assert_false (hlg_id_validate (id, NULL, &error));
  g_assert_error (error, HLG_ID_ERROR, HLG_ID_ERROR_INVALID);
  g_assert_nonnull (error->message);
  g_assert_cmpuint (strlen (error->message), <, 200);
  g_assert_false (hlg_id_is_valid (id));
}

static void
test_id_refused (void)
{
  g_autofree char *huge = NULL;
  static const char nul_in_middle[] = "proposal:0b6f4a52-8f0e\0-4d43-9b1a-2f3c4d5e6f70";

  assert_refused (NULL);
  assert_refused ("");
  assert_refused ("../proposal:0b6f4a52-8f0e-4d43-9b1a-2f3c4d5e6f70");
  assert_refused ("proposal:../../etc/passwd");
  assert_refused ("proposal/0b6f4a52-8f0e-4d43-9b1a-2f3c4d5e6f70");
  assert_refused ("/proposal:0b6f4a52-8f0e-4d43-9b1a-2f3c4d5e6f70");
  assert_refused ("proposal:0b6f4a52-8f0e-4d43-9b1a-2f3c4d5e6f70/");
  assert_refused ("proposal:0b6f4a52-8f0e-4d43-9b1a-2f3c4d5e6f7");   /* one short */
  assert_refused ("proposal:0B6F4A52-8F0E-4D43-9B1A-2F3C4D5E6F70");  /* upper case */
  assert_refused ("proposal:0b6f4a52x8f0e-4d43-9b1a-2f3c4d5e6f70");
  assert_refused ("proposal:0b6f4a52-8f0e-4d43-9b1a-2f3c4d5e6f70 ");
  assert_refused ("widget:0b6f4a52-8f0e-4d43-9b1a-2f3c4d5e6f70");
  assert_refused ("propos:0b6f4a52-8f0e-4d43-9b1a-2f3c4d5e6f70");     /* a type's start */
  assert_refused ("proposals:0b6f4a52-8f0e-4d43-9b1a-2f3c4d5e6f70");  /* a type and more */
  assert_refused ("proposal0b6f4a52-8f0e-4d43-9b1a-2f3c4d5e6f70");
  assert_refused ("proposal:");
  assert_refused (":0b6f4a52-8f0e-4d43-9b1a-2f3c4d5e6f70");
  assert_refused ("proposal:0b6f4a52-8f0e-4d43-9b1a-2f3c4d5e6f7é");
  assert_refused ("пропозал:0b6f4a52-8f0e-4d43-9b1a-2f3c4d5e6f70");
  assert_refused ("proposal:0b6f4a52-8f0e-4d43-9b1a-2f3c4d5e6f70\n");
  /* A NUL cuts the string: what is left is not an ID either. */
  assert_refused (nul_in_middle);

  huge = g_strnfill (10 * 1024, 'a');
  memcpy (huge, "proposal:", 9);
  assert_refused (huge);
}

static void
test_type_names (void)
{
  for (HlgDocType t = 0; t < HLG_N_DOC_TYPES; t++)
    g_assert_cmpint (hlg_doc_type_from_name (hlg_doc_type_to_name (t)), ==, t);

  g_assert_cmpint (hlg_doc_type_from_name ("nope"), ==, HLG_DOC_TYPE_INVALID);
  g_assert_cmpint (hlg_doc_type_from_name (NULL), ==, HLG_DOC_TYPE_INVALID);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/id/valid", test_id_valid);
  g_test_add_func ("/id/new", test_id_new);
  g_test_add_func ("/id/refused", test_id_refused);
  g_test_add_func ("/id/type-names", test_type_names);

  return g_test_run ();
}
