/* hlg-welcome.c: the first start: work locally, or sign in to a server
 * SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "hlg-welcome"

#include "config.h"

#include "hlg-welcome.h"

/* Either choice sets "first-run-done" through the application; the window
 * watches that key and then shows the places. */
struct _HlgWelcome
{
  AdwBin         parent_instance;

  /* template */
  GtkStack      *stack;
  GtkButton     *sign_in_button;
  HlgSignInForm *form;
};

G_DEFINE_FINAL_TYPE (HlgWelcome, hlg_welcome, ADW_TYPE_BIN)

static void
show_sign_in_action (GtkWidget  *widget,
                     const char *action_name,
                     GVariant   *parameter)
{
  HlgWelcome *self = HLG_WELCOME (widget);

  gtk_stack_set_visible_child_name (self->stack, "sign-in");
  gtk_widget_grab_focus (GTK_WIDGET (self->form));
}

static void
on_form_back_cb (HlgWelcome    *self,
                 HlgSignInForm *form)
{
  gtk_stack_set_visible_child_name (self->stack, "start");
  gtk_widget_grab_focus (GTK_WIDGET (self->sign_in_button));
}

static void
hlg_welcome_dispose (GObject *object)
{
  adw_bin_set_child (ADW_BIN (object), NULL);
  gtk_widget_dispose_template (GTK_WIDGET (object), HLG_TYPE_WELCOME);

  G_OBJECT_CLASS (hlg_welcome_parent_class)->dispose (object);
}

static void
hlg_welcome_class_init (HlgWelcomeClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = hlg_welcome_dispose;

  g_type_ensure (HLG_TYPE_SIGN_IN_FORM);
  gtk_widget_class_set_template_from_resource (widget_class, "/org/unece/HLGMOS/hlg-welcome.ui");
  gtk_widget_class_bind_template_child (widget_class, HlgWelcome, stack);
  gtk_widget_class_bind_template_child (widget_class, HlgWelcome, sign_in_button);
  gtk_widget_class_bind_template_child (widget_class, HlgWelcome, form);
  gtk_widget_class_bind_template_callback (widget_class, on_form_back_cb);

  gtk_widget_class_install_action (widget_class, "welcome.show-sign-in", NULL,
                                   show_sign_in_action);
}

static void
hlg_welcome_init (HlgWelcome *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
}

HlgWelcome *
hlg_welcome_new (HlgApplication *application)
{
  HlgWelcome *self;

  g_return_val_if_fail (HLG_IS_APPLICATION (application), NULL);

  self = g_object_new (HLG_TYPE_WELCOME, NULL);
  hlg_sign_in_form_set_application (self->form, application);

  return self;
}

HlgSignInForm *
hlg_welcome_get_form (HlgWelcome *self)
{
  g_return_val_if_fail (HLG_IS_WELCOME (self), NULL);

  return self->form;
}

/**
 * hlg_welcome_get_step:
 *
 * Returns: "start" (the two choices) or "sign-in" (the form)
 */
const char *
hlg_welcome_get_step (HlgWelcome *self)
{
  g_return_val_if_fail (HLG_IS_WELCOME (self), NULL);

  return gtk_stack_get_visible_child_name (self->stack);
}
