/* test-ui-welcome.c: the first start (work locally, or sign in to a real hlgmos-server) and signing out
 * SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "test-ui-welcome"

#include "config.h"

#include <string.h>
#include <unistd.h>

#include "hlg-application.h"
#include "hlg-credentials.h"
#include "hlg-preferences-window.h"
#include "hlg-sync-client.h"
#include "hlg-welcome.h"
#include "hlg-window.h"
#include "test-server-harness.h"
#include "test-ui-harness.h"

#define ACCOUNT "board"
#define PASSWORD "demo-board"

static TestServer *server;

static GSettings *
get_settings (void)
{
  return hlg_application_get_settings (test_ui_app);
}

static char *
dup_setting (const char *key)
{
  return g_settings_get_string (get_settings (), key);
}

static gboolean
no_windows (gpointer data)
{
  return gtk_application_get_windows (GTK_APPLICATION (test_ui_app)) == NULL;
}

/* Closes every window, as at the end of a run, so that the next one is
 * made as at a new start. */
static void
close_windows (void)
{
  GList *windows = g_list_copy (gtk_application_get_windows (GTK_APPLICATION (test_ui_app)));

  for (GList *l = windows; l != NULL; l = l->next)
    gtk_window_destroy (GTK_WINDOW (l->data));
  g_list_free (windows);
  test_ui_iterate_until (no_windows, NULL);
}

static GtkWidget *
find_action_button (GtkWidget  *widget,
                    const char *action)
{
  if (GTK_IS_BUTTON (widget) &&
      g_strcmp0 (gtk_actionable_get_action_name (GTK_ACTIONABLE (widget)), action) == 0)
    return widget;

  for (GtkWidget *child = gtk_widget_get_first_child (widget); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      GtkWidget *found = find_action_button (child, action);

      if (found != NULL)
        return found;
    }

  return NULL;
}

/* A click, as a person gives it: only on a button that takes one. */
static void
click (GtkWidget *button)
{
  g_assert_nonnull (button);
  g_assert_true (gtk_widget_is_sensitive (button) && gtk_widget_is_drawable (button));
  g_signal_emit_by_name (button, "clicked");
  test_ui_settle ();
}

/* An answer to the dialog asking before signing out, as its buttons give it. */
static void
answer (AdwMessageDialog *dialog,
        const char       *response)
{
  g_assert_true (adw_message_dialog_has_response (dialog, response));
  adw_message_dialog_response (dialog, response);
  gtk_window_destroy (GTK_WINDOW (dialog));
  test_ui_settle ();
}

/* The password kept for the account, as the app would find it. */
static void
on_looked_up_cb (GObject      *object,
                 GAsyncResult *result,
                 gpointer      user_data)
{
  char **password = user_data;
  g_autoptr(GError) error = NULL;

  *password = hlg_credentials_lookup_finish (result, &error);
  g_assert_no_error (error);
  if (*password == NULL)
    *password = g_strdup ("");
}

static gboolean
is_set (gpointer data)
{
  return *(char **) data != NULL;
}

static char *
lookup_password (const char *url)
{
  char *password = NULL;

  hlg_credentials_lookup_async (url, ACCOUNT, NULL, on_looked_up_cb, &password);
  test_ui_iterate_until (is_set, &password);
  if (password[0] == '\0')
    g_clear_pointer (&password, g_free);

  return password;
}

static HlgWelcome *
get_welcome (void)
{
  HlgWelcome *welcome = hlg_window_get_welcome (test_ui_get_window ());

  g_assert_nonnull (welcome);
  return welcome;
}

static gboolean
welcome_gone (gpointer data)
{
  return hlg_window_get_welcome (test_ui_get_window ()) == NULL;
}

static gboolean
place_mapped (gpointer data)
{
  HlgWindow *window = test_ui_get_window ();

  return gtk_widget_get_mapped (hlg_window_get_place_page (window, hlg_window_get_place (window)));
}

static gboolean
form_idle (gpointer data)
{
  return !hlg_sign_in_form_get_busy (data);
}

/* Types the fields and presses Sign In, as a person does; waits for the
 * answer. Signed in, the form goes away with the page that held it. */
static void
sign_in_with (HlgSignInForm *form,
              const char    *url,
              const char    *password)
{
  g_autoptr(HlgSignInForm) held = g_object_ref (form);
  GtkWidget *button = find_action_button (GTK_WIDGET (form), "sign-in-form.submit");

  hlg_sign_in_form_set_fields (form, url, ACCOUNT, password);
  test_ui_settle ();
  click (button);
  test_ui_iterate_until (form_idle, form);
}

static void
assert_nothing_kept (const char *url)
{
  g_autofree char *kept_url = dup_setting ("server-url");
  g_autofree char *kept_account = dup_setting ("account-name");
  g_autofree char *password = lookup_password (url);

  g_assert_cmpstr (kept_url, ==, "");
  g_assert_cmpstr (kept_account, ==, "");
  g_assert_null (password);
  g_assert_false (g_settings_get_boolean (get_settings (), "first-run-done"));
}

static void
test_first_start (void)
{
  HlgWindow *window = test_ui_get_window ();
  HlgWelcome *welcome = get_welcome ();
  GtkWidget *sign_in = find_action_button (GTK_WIDGET (welcome), "welcome.show-sign-in");
  GtkWidget *local = find_action_button (GTK_WIDGET (welcome), "app.work-locally");

  g_assert_true (hlg_application_wants_welcome (test_ui_app));
  g_assert_true (gtk_widget_get_mapped (GTK_WIDGET (welcome)));
  g_assert_cmpstr (hlg_welcome_get_step (welcome), ==, "start");
  /* The places wait behind it. */
  g_assert_false (gtk_widget_get_mapped (hlg_window_get_place_page (window, "cycle")));

  /* Two clear choices, each named and reachable from the keyboard. */
  g_assert_nonnull (sign_in);
  g_assert_nonnull (local);
  g_assert_true (gtk_widget_get_focusable (sign_in) && gtk_widget_is_sensitive (sign_in));
  g_assert_true (gtk_widget_get_focusable (local) && gtk_widget_is_sensitive (local));
  g_assert_cmpstr (gtk_button_get_label (GTK_BUTTON (sign_in)), ==, "_Sign In to a Server");
  g_assert_cmpstr (gtk_button_get_label (GTK_BUTTON (local)), ==, "_Work Locally");
}

static void
test_work_locally (void)
{
  HlgWelcome *welcome = get_welcome ();
  const char *place = hlg_window_get_place (test_ui_get_window ());

  /* Ctrl+1… change no place behind the welcome page. */
  g_assert_false (g_action_group_get_action_enabled (G_ACTION_GROUP (test_ui_app), "show-place"));
  gtk_widget_activate_action (GTK_WIDGET (test_ui_get_window ()), "win.show-place", "s", "workshop");
  g_action_group_activate_action (G_ACTION_GROUP (test_ui_app), "show-place", g_variant_new_string ("workshop"));
  test_ui_settle ();
  g_assert_cmpstr (hlg_window_get_place (test_ui_get_window ()), ==, place);
  g_assert_cmpstr (place, !=, "workshop");

  click (find_action_button (GTK_WIDGET (welcome), "app.work-locally"));

  g_assert_null (hlg_window_get_welcome (test_ui_get_window ()));
  test_ui_iterate_until (place_mapped, NULL);
  g_assert_true (g_action_group_get_action_enabled (G_ACTION_GROUP (test_ui_app), "show-place"));
  g_action_group_activate_action (G_ACTION_GROUP (test_ui_app), "show-place", g_variant_new_string ("workshop"));
  test_ui_settle ();
  g_assert_cmpstr (hlg_window_get_place (test_ui_get_window ()), ==, "workshop");
  g_assert_true (g_settings_get_boolean (get_settings (), "first-run-done"));
  g_assert_false (hlg_application_has_server (test_ui_app));

  /* The next start opens on the places. */
  close_windows ();
  g_assert_false (hlg_application_wants_welcome (test_ui_app));
  g_assert_null (hlg_window_get_welcome (test_ui_get_window ()));
}

/* Back to a first start, for the sign-in. */
static HlgSignInForm *
open_sign_in_form (void)
{
  HlgWelcome *welcome;
  HlgSignInForm *form;
  GtkWidget *button;

  g_settings_set_boolean (get_settings (), "first-run-done", FALSE);
  test_ui_settle ();
  welcome = get_welcome ();

  click (find_action_button (GTK_WIDGET (welcome), "welcome.show-sign-in"));
  g_assert_cmpstr (hlg_welcome_get_step (welcome), ==, "sign-in");
  form = hlg_welcome_get_form (welcome);
  g_assert_true (gtk_widget_get_mapped (GTK_WIDGET (form)));

  /* Nothing to send until all three are filled. */
  button = find_action_button (GTK_WIDGET (form), "sign-in-form.submit");
  g_assert_false (gtk_widget_is_sensitive (button));
  hlg_sign_in_form_set_fields (form, server->url, ACCOUNT, NULL);
  test_ui_settle ();
  g_assert_false (gtk_widget_is_sensitive (button));

  return form;
}

static void
assert_refused (HlgSignInForm *form,
                const char    *url,
                const char    *password,
                const char    *expected)
{
  sign_in_with (form, url, password);
  g_assert_nonnull (hlg_sign_in_form_get_error (form));
  if (strstr (hlg_sign_in_form_get_error (form), expected) == NULL)
    g_error ("“%s” does not say “%s”", hlg_sign_in_form_get_error (form), expected);
  assert_nothing_kept (url);
  g_assert_nonnull (hlg_window_get_welcome (test_ui_get_window ()));
}

static void
test_sign_in_refused (void)
{
  HlgSignInForm *form = open_sign_in_form ();

  assert_refused (form, server->url, "not-the-password", "did not accept");
  assert_refused (form, "http://", PASSWORD, "is not a server address");
  assert_refused (form, "ftp://127.0.0.1", PASSWORD, "is not a server address");
  assert_refused (form, "http://hlgmos.example.org", PASSWORD, "unencrypted");
  /* Port 1 on this computer: nothing listens there. */
  assert_refused (form, "http://127.0.0.1:1", PASSWORD, "cannot be reached");

  /* The last error goes once the person tries again. */
  hlg_sign_in_form_set_fields (form, server->url, NULL, "still-wrong");
  gtk_widget_activate_action (GTK_WIDGET (form), "sign-in-form.submit", NULL);
  g_assert_true (hlg_sign_in_form_get_busy (form));
  g_assert_null (hlg_sign_in_form_get_error (form));
  test_ui_iterate_until (form_idle, form);
  g_assert_nonnull (hlg_sign_in_form_get_error (form));
}

/* A self-signed certificate for 127.0.0.1, trusted by nobody. */
static const char self_signed_pem[] =
  "-----BEGIN CERTIFICATE-----\n"
  "MIIBkDCCATagAwIBAgIUCvko58uqKUfh15EKtd9GIyCynTQwCgYIKoZIzj0EAwIw\n"
  "FDESMBAGA1UEAwwJMTI3LjAuMC4xMCAXDTI2MTEyNTE4MDAyOVoYDzIxMjYxMTAx\n"
  "MTgwMDI5WjAUMRIwEAYDVQQDDAkxMjcuMC4wLjEwWTATBgcqhkjOPQIBBggqhkjO\n"
  "PQMBBwNCAASxzdCaHJsyWyYs0LmmCvS+ENR8QOIpPBRMUBju/6EDeN4493Ofl///\n"
  "3TqINp5mlB4R0Tuc84t7Io1mfxmi3riTo2QwYjAdBgNVHQ4EFgQUnBHh6VGf6quM\n"
  "QRHoOJHiz8FzO4owHwYDVR0jBBgwFoAUnBHh6VGf6quMQRHoOJHiz8FzO4owDwYD\n"
  "VR0TAQH/BAUwAwEB/zAPBgNVHREECDAGhwR/AAABMAoGCCqGSM49BAMCA0gAMEUC\n"
  "IQDQLuoiIoaRedUYGQaz9aQmzPOVPWx0Mf1APnV7mHuUngIgNEVOforODEXACWkq\n"
  "ei0hSLKa9/so0kvXAPLD8A+OL/4=\n"
  "-----END CERTIFICATE-----\n"
  "-----BEGIN PRIVATE KEY-----\n"
  "MIGHAgEAMBMGByqGSM49AgEGCCqGSM49AwEHBG0wawIBAQQg07Skx4pL74WpI+7b\n"
  "RXOZbBIRqADZz+7mXU/VMkVW1WyhRANCAASxzdCaHJsyWyYs0LmmCvS+ENR8QOIp\n"
  "PBRMUBju/6EDeN4493Ofl///3TqINp5mlB4R0Tuc84t7Io1mfxmi3riT\n"
  "-----END PRIVATE KEY-----\n";

/* An HTTPS server whose certificate no one trusts: refused before the
 * password is sent. In a child process, as in test-sync.c: the LeakSanitizer
 * of GCC 12 crashes on the thread-local storage GnuTLS leaves behind. */
static void
test_sign_in_untrusted (void)
{
  g_autoptr(GTlsCertificate) certificate = NULL;
  g_autoptr(HlgServer) tls_server = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *db = NULL;
  g_autofree char *url = NULL;

  if (!g_test_subprocess ())
    {
      g_test_trap_subprocess (NULL, 60 * G_USEC_PER_SEC, G_TEST_SUBPROCESS_DEFAULT);
      g_test_trap_assert_passed ();
      return;
    }

  certificate = g_tls_certificate_new_from_pem (self_signed_pem, -1, &error);
  g_assert_no_error (error);
  db = g_build_filename (server->dir, "tls.db", NULL);
  tls_server = hlg_server_new (db, &error);
  g_assert_no_error (error);
  g_assert_true (hlg_server_listen (tls_server, "127.0.0.1", 0, certificate, &error));
  g_assert_no_error (error);
  g_assert_true (hlg_server_add_user (tls_server, ACCOUNT, PASSWORD, "board", NULL, &error));
  g_assert_no_error (error);
  url = hlg_server_get_url (tls_server);
  g_assert_true (g_str_has_prefix (url, "https://"));

  assert_refused (open_sign_in_form (), url, PASSWORD, "not signed by a known authority");

  g_clear_object (&tls_server);
  test_server_free (server);
  test_ui_remove_tree (test_ui_data_dir);
  _exit (0);
}

static gboolean
synced_once (gpointer data)
{
  return hlg_sync_client_get_last_synced (data) != NULL;
}

static void
test_sign_in (void)
{
  HlgSignInForm *form = hlg_welcome_get_form (get_welcome ());
  HlgSyncClient *sync = HLG_SYNC_CLIENT (hlg_application_get_sync_client (test_ui_app));
  g_autofree char *url = NULL;
  g_autofree char *account = NULL;
  g_autofree char *password = NULL;

  /* Spaces and a final "/" as people paste them. */
  {
    g_autofree char *typed = g_strdup_printf (" %s/ ", server->url);

    sign_in_with (form, typed, PASSWORD);
  }
  test_ui_iterate_until (welcome_gone, NULL);

  url = dup_setting ("server-url");
  account = dup_setting ("account-name");
  g_assert_cmpstr (url, ==, server->url);
  g_assert_cmpstr (account, ==, ACCOUNT);
  g_assert_true (g_settings_get_boolean (get_settings (), "first-run-done"));
  password = lookup_password (server->url);
  g_assert_cmpstr (password, ==, PASSWORD);

  /* And the sync has started with it. */
  test_ui_iterate_until (synced_once, sync);
  g_assert_cmpstr (hlg_sync_client_get_url (sync), ==, server->url);
  g_assert_cmpint (hlg_sync_client_get_state (sync), !=, HLG_SYNC_STATE_AUTH_REQUIRED);
  g_assert_true (g_action_group_get_action_enabled (G_ACTION_GROUP (test_ui_app), "sign-out"));
}

static gboolean
signed_out (gpointer data)
{
  g_autofree char *url = dup_setting ("server-url");

  return url[0] == '\0';
}

static void
test_sign_out (void)
{
  HlgWindow *window = test_ui_get_window ();
  HlgStore *store = hlg_application_get_store (test_ui_app);
  AdwMessageDialog *dialog;
  g_autofree char *password = NULL;
  g_autofree char *account = NULL;
  HlgDocument *draft;
  guint n_pending;

  /* A change the server has not seen yet. */
  hlg_sync_client_stop (HLG_SYNC_CLIENT (hlg_application_get_sync_client (test_ui_app)));
  draft = test_ui_save_new (HLG_DOC_TYPE_PROPOSAL,
                            "\"kind\":\"project\",\"title\":\"Not yet on the server\","
                            "\"status\":\"draft\"", FALSE);
  n_pending = hlg_store_get_n_pending (store);
  g_assert_cmpuint (n_pending, >, 0);

  /* Asked first, with what stays and what was not sent. */
  test_ui_activate ("sign-out", NULL);
  dialog = ADW_MESSAGE_DIALOG (test_ui_find_toplevel (ADW_TYPE_MESSAGE_DIALOG));
  g_assert_nonnull (dialog);
  g_assert_true (gtk_window_get_transient_for (GTK_WINDOW (dialog)) == GTK_WINDOW (window));
  g_assert_nonnull (strstr (adw_message_dialog_get_body (dialog), "stay on this computer"));
  {
    g_autofree char *count = g_strdup_printf ("%u change", n_pending);

    g_assert_nonnull (strstr (adw_message_dialog_get_body (dialog), count));
  }

  /* Cancelling changes nothing. */
  answer (dialog, "cancel");
  g_assert_true (hlg_application_has_server (test_ui_app));

  test_ui_activate ("sign-out", NULL);
  dialog = ADW_MESSAGE_DIALOG (test_ui_find_toplevel (ADW_TYPE_MESSAGE_DIALOG));
  answer (dialog, "sign-out");
  test_ui_iterate_until (signed_out, NULL);
  test_ui_settle ();

  account = dup_setting ("account-name");
  g_assert_cmpstr (account, ==, "");
  password = lookup_password (server->url);
  g_assert_null (password);
  g_assert_false (g_action_group_get_action_enabled (G_ACTION_GROUP (test_ui_app), "sign-out"));

  /* Local mode, with the documents still here; no welcome again. */
  g_assert_nonnull (hlg_store_lookup (store, hlg_document_get_id (draft)));
  g_assert_null (hlg_window_get_welcome (window));
  g_assert_cmpstr (hlg_window_get_sync_text (window), ==, "Working locally");
}

/* In a process of its own, which exits normally (so LeakSanitizer still
 * checks it): all the subtests in one process make GLib grow its table of
 * quarks past 2,048, and GLib leaves the old table behind on purpose
 * (gquark.c), which LeakSanitizer reports as a 16 KB leak. */
static void
test_preferences (void)
{
  HlgWindow *window;
  HlgPreferencesWindow *prefs;
  GtkWidget *sign_out;
  HlgSignInForm *form;
  AdwMessageDialog *dialog;

  if (!g_test_subprocess ())
    {
      g_test_trap_subprocess (NULL, 120 * G_USEC_PER_SEC, G_TEST_SUBPROCESS_INHERIT_STDERR);
      g_test_trap_assert_passed ();
      return;
    }

  window = test_ui_get_window ();
  prefs = hlg_preferences_window_new (test_ui_app);
  sign_out = find_action_button (GTK_WIDGET (prefs), "prefs.sign-out");

  gtk_window_set_transient_for (GTK_WINDOW (prefs), GTK_WINDOW (window));
  gtk_window_present (GTK_WINDOW (prefs));
  test_ui_settle ();

  /* Working locally, there is no one to sign out. */
  g_assert_nonnull (sign_out);
  g_assert_false (gtk_widget_is_drawable (sign_out));

  /* The same form as on the welcome page, and the same checks. */
  form = hlg_preferences_window_show_sign_in (prefs);
  test_ui_settle ();
  g_assert_true (gtk_widget_get_mapped (GTK_WIDGET (form)));
  sign_in_with (form, server->url, "wrong");
  g_assert_nonnull (hlg_sign_in_form_get_error (form));
  g_assert_false (hlg_application_has_server (test_ui_app));
  sign_in_with (form, server->url, PASSWORD);
  g_assert_true (hlg_application_has_server (test_ui_app));
  test_ui_settle ();
  g_assert_true (gtk_widget_is_drawable (sign_out));

  /* Signing out from here asks over this window. */
  click (sign_out);
  dialog = ADW_MESSAGE_DIALOG (test_ui_find_toplevel (ADW_TYPE_MESSAGE_DIALOG));
  g_assert_nonnull (dialog);
  g_assert_true (gtk_window_get_transient_for (GTK_WINDOW (dialog)) == GTK_WINDOW (prefs));
  answer (dialog, "sign-out");
  test_ui_iterate_until (signed_out, NULL);
  test_ui_settle ();
  g_assert_false (gtk_widget_is_drawable (sign_out));

  gtk_window_destroy (GTK_WINDOW (prefs));
}

int
main (int   argc,
      char *argv[])
{
  int result;

  g_setenv ("HLGMOS_CREDENTIALS", "memory", TRUE);
  test_ui_init (&argc, &argv, "hlgmos-ui-welcome-XXXXXX");

  /* A first start: the harness sets this key for the other tests. */
  {
    g_autoptr(GSettings) settings = g_settings_new (APP_ID);

    g_settings_set_boolean (settings, "first-run-done", FALSE);
  }

  server = test_server_new (NULL);
  {
    g_autoptr(GError) error = NULL;

    g_assert_true (hlg_server_add_user (server->server, ACCOUNT, PASSWORD, "board", NULL, &error));
    g_assert_no_error (error);
  }
  test_server_start (server);

  g_test_add_func ("/ui/welcome/first-start", test_first_start);
  g_test_add_func ("/ui/welcome/work-locally", test_work_locally);
  g_test_add_func ("/ui/welcome/sign-in-refused", test_sign_in_refused);
  g_test_add_func ("/ui/welcome/sign-in-untrusted", test_sign_in_untrusted);
  g_test_add_func ("/ui/welcome/sign-in", test_sign_in);
  g_test_add_func ("/ui/welcome/sign-out", test_sign_out);
  g_test_add_func ("/ui/welcome/preferences", test_preferences);

  result = test_ui_run (argv[0]);
  test_server_free (server);

  return result;
}
