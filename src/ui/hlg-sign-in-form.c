/* hlg-sign-in-form.c: a server address, an account and a password, checked with the server
 * SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "hlg-sign-in-form"

#include "config.h"

#include <glib/gi18n.h>

#include "hlg-sign-in-form.h"
#include "hlg-sync-client.h"

struct _HlgSignInForm
{
  AdwBin               parent_instance;

  /* template */
  AdwEntryRow         *server_row;
  AdwEntryRow         *account_row;
  AdwPasswordEntryRow *password_row;
  GtkLabel            *error_label;
  GtkSpinner          *spinner;

  HlgApplication      *application;
  GCancellable        *cancellable; /* while the server is asked */
};

G_DEFINE_FINAL_TYPE (HlgSignInForm, hlg_sign_in_form, ADW_TYPE_BIN)

enum {
  SIGNED_IN,
  BACK,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

static const char *
get_text (gpointer row)
{
  return gtk_editable_get_text (GTK_EDITABLE (row));
}

static gboolean
is_blank (const char *text)
{
  for (; *text != '\0'; text++)
    if (!g_ascii_isspace (*text))
      return FALSE;

  return TRUE;
}

static gboolean
can_submit (HlgSignInForm *self)
{
  return self->application != NULL && self->cancellable == NULL &&
         !is_blank (get_text (self->server_row)) && !is_blank (get_text (self->account_row)) &&
         get_text (self->password_row)[0] != '\0';
}

static void
update_actions (HlgSignInForm *self)
{
  gboolean busy = self->cancellable != NULL;

  gtk_widget_action_set_enabled (GTK_WIDGET (self), "sign-in-form.submit", can_submit (self));
  /* Read-only rather than insensitive, so that the focus stays where it is. */
  gtk_editable_set_editable (GTK_EDITABLE (self->server_row), !busy);
  gtk_editable_set_editable (GTK_EDITABLE (self->account_row), !busy);
  gtk_editable_set_editable (GTK_EDITABLE (self->password_row), !busy);
  gtk_widget_set_visible (GTK_WIDGET (self->spinner), busy);
  gtk_spinner_set_spinning (self->spinner, busy);
}

static void
show_error (HlgSignInForm *self,
            const char    *message)
{
  gtk_label_set_label (self->error_label, message ? message : "");
  gtk_widget_set_visible (GTK_WIDGET (self->error_label), message != NULL);
}

static void
on_field_changed_cb (HlgSignInForm *self)
{
  update_actions (self);
}

/* The field to correct, after a refusal. */
static GtkWidget *
field_of_error (HlgSignInForm *self,
                const GError  *error)
{
  if (g_error_matches (error, HLG_SYNC_ERROR, HLG_SYNC_ERROR_AUTH) ||
      g_error_matches (error, HLG_SYNC_ERROR, HLG_SYNC_ERROR_FORBIDDEN))
    return GTK_WIDGET (self->password_row);

  return GTK_WIDGET (self->server_row);
}

static void
on_signed_in_cb (GObject      *object,
                 GAsyncResult *result,
                 gpointer      user_data)
{
  g_autoptr(HlgSignInForm) self = user_data;
  g_autoptr(GError) error = NULL;
  gboolean ok = hlg_application_sign_in_finish (HLG_APPLICATION (object), result, &error);

  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    return;

  g_clear_object (&self->cancellable);
  update_actions (self);
  if (!ok)
    {
      show_error (self, error->message);
      gtk_widget_grab_focus (field_of_error (self, error));
      return;
    }

  /* The password is in the keyring now; it need not stay on screen. */
  gtk_editable_set_text (GTK_EDITABLE (self->password_row), "");
  g_signal_emit (self, signals[SIGNED_IN], 0);
}

static void
submit_action (GtkWidget  *widget,
               const char *action_name,
               GVariant   *parameter)
{
  HlgSignInForm *self = HLG_SIGN_IN_FORM (widget);

  if (!can_submit (self))
    return;

  show_error (self, NULL);
  self->cancellable = g_cancellable_new ();
  update_actions (self);
  hlg_application_sign_in_async (self->application, get_text (self->server_row),
                                 get_text (self->account_row), get_text (self->password_row),
                                 self->cancellable, on_signed_in_cb, g_object_ref (self));
}

/* Enter moves to the next empty field, then signs in. */
static void
on_entry_activated_cb (HlgSignInForm *self,
                       AdwEntryRow   *row)
{
  GtkWidget *rows[] = {
    GTK_WIDGET (self->server_row), GTK_WIDGET (self->account_row), GTK_WIDGET (self->password_row)
  };

  for (guint i = 0; i < G_N_ELEMENTS (rows); i++)
    if (is_blank (get_text (rows[i])))
      {
        gtk_widget_grab_focus (rows[i]);
        return;
      }

  gtk_widget_activate_action (GTK_WIDGET (self), "sign-in-form.submit", NULL);
}

static void
back_action (GtkWidget  *widget,
             const char *action_name,
             GVariant   *parameter)
{
  HlgSignInForm *self = HLG_SIGN_IN_FORM (widget);

  g_cancellable_cancel (self->cancellable);
  g_clear_object (&self->cancellable);
  show_error (self, NULL);
  update_actions (self);
  g_signal_emit (self, signals[BACK], 0);
}

static gboolean
hlg_sign_in_form_grab_focus (GtkWidget *widget)
{
  HlgSignInForm *self = HLG_SIGN_IN_FORM (widget);
  GtkWidget *rows[] = { GTK_WIDGET (self->server_row), GTK_WIDGET (self->account_row) };

  for (guint i = 0; i < G_N_ELEMENTS (rows); i++)
    if (is_blank (get_text (rows[i])))
      return gtk_widget_grab_focus (rows[i]);

  return gtk_widget_grab_focus (GTK_WIDGET (self->password_row));
}

static void
hlg_sign_in_form_dispose (GObject *object)
{
  HlgSignInForm *self = HLG_SIGN_IN_FORM (object);

  g_cancellable_cancel (self->cancellable);
  g_clear_object (&self->cancellable);
  adw_bin_set_child (ADW_BIN (self), NULL);
  gtk_widget_dispose_template (GTK_WIDGET (self), HLG_TYPE_SIGN_IN_FORM);
  g_clear_object (&self->application);

  G_OBJECT_CLASS (hlg_sign_in_form_parent_class)->dispose (object);
}

static void
hlg_sign_in_form_class_init (HlgSignInFormClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = hlg_sign_in_form_dispose;
  widget_class->grab_focus = hlg_sign_in_form_grab_focus;

  /* The password is right: it is kept and the sync has started. */
  signals[SIGNED_IN] = g_signal_new ("signed-in", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                                     0, NULL, NULL, NULL, G_TYPE_NONE, 0);
  /* The person went back without signing in. */
  signals[BACK] = g_signal_new ("back", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                                0, NULL, NULL, NULL, G_TYPE_NONE, 0);

  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/org/unece/HLGMOS/hlg-sign-in-form.ui");
  gtk_widget_class_bind_template_child (widget_class, HlgSignInForm, server_row);
  gtk_widget_class_bind_template_child (widget_class, HlgSignInForm, account_row);
  gtk_widget_class_bind_template_child (widget_class, HlgSignInForm, password_row);
  gtk_widget_class_bind_template_child (widget_class, HlgSignInForm, error_label);
  gtk_widget_class_bind_template_child (widget_class, HlgSignInForm, spinner);
  gtk_widget_class_bind_template_callback (widget_class, on_field_changed_cb);
  gtk_widget_class_bind_template_callback (widget_class, on_entry_activated_cb);

  gtk_widget_class_install_action (widget_class, "sign-in-form.submit", NULL, submit_action);
  gtk_widget_class_install_action (widget_class, "sign-in-form.back", NULL, back_action);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Escape, 0, "sign-in-form.back", NULL);
}

static void
hlg_sign_in_form_init (HlgSignInForm *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
  update_actions (self);
}

HlgSignInForm *
hlg_sign_in_form_new (HlgApplication *application)
{
  HlgSignInForm *self = g_object_new (HLG_TYPE_SIGN_IN_FORM, NULL);

  hlg_sign_in_form_set_application (self, application);
  return self;
}

void
hlg_sign_in_form_set_application (HlgSignInForm  *self,
                                  HlgApplication *application)
{
  g_return_if_fail (HLG_IS_SIGN_IN_FORM (self));
  g_return_if_fail (application == NULL || HLG_IS_APPLICATION (application));

  g_set_object (&self->application, application);
  update_actions (self);
}

/**
 * hlg_sign_in_form_set_fields:
 * @url: (nullable): the server's address, or %NULL to leave it
 * @account: (nullable): the account, or %NULL to leave it
 * @password: (nullable): the password, or %NULL to leave it
 *
 * Fills the fields, as from the settings or as a person types.
 */
void
hlg_sign_in_form_set_fields (HlgSignInForm *self,
                             const char    *url,
                             const char    *account,
                             const char    *password)
{
  g_return_if_fail (HLG_IS_SIGN_IN_FORM (self));

  if (url != NULL)
    gtk_editable_set_text (GTK_EDITABLE (self->server_row), url);
  if (account != NULL)
    gtk_editable_set_text (GTK_EDITABLE (self->account_row), account);
  if (password != NULL)
    gtk_editable_set_text (GTK_EDITABLE (self->password_row), password);
}

/**
 * hlg_sign_in_form_get_error:
 *
 * Returns: (nullable): why the last sign-in failed, as shown, or %NULL
 */
const char *
hlg_sign_in_form_get_error (HlgSignInForm *self)
{
  g_return_val_if_fail (HLG_IS_SIGN_IN_FORM (self), NULL);

  if (!gtk_widget_get_visible (GTK_WIDGET (self->error_label)))
    return NULL;

  return gtk_label_get_label (self->error_label);
}

/* Whether the server is being asked. */
gboolean
hlg_sign_in_form_get_busy (HlgSignInForm *self)
{
  g_return_val_if_fail (HLG_IS_SIGN_IN_FORM (self), FALSE);

  return self->cancellable != NULL;
}
