/* hlg-window.c: the main window, a sidebar of places beside their content
 * SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "hlg-window"

#include "config.h"

#include <glib/gi18n.h>
#include <glib/gstdio.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include "hlg-conflicts-window.h"
#include "hlg-id.h"
#include "hlg-proposals-page.h"
#include "hlg-reviews-page.h"
#include "hlg-sync-client.h"
#include "hlg-welcome.h"
#include "hlg-window.h"

/* The places other parts of the app provide; until one is built (meson
 * defines HLG_HAVE_<PLACE>_PAGE once its source is listed), its place
 * shows what it will hold. */
#ifdef HLG_HAVE_CYCLE_PAGE
# include "hlg-cycle-page.h"
# define CYCLE_PAGE_GET_TYPE hlg_cycle_page_get_type
#else
# define CYCLE_PAGE_GET_TYPE NULL
#endif
#ifdef HLG_HAVE_WORKSHOP_PAGE
# include "hlg-workshop-page.h"
# define WORKSHOP_PAGE_GET_TYPE hlg_workshop_page_get_type
#else
# define WORKSHOP_PAGE_GET_TYPE NULL
#endif
#ifdef HLG_HAVE_PROJECTS_PAGE
# include "hlg-projects-page.h"
# define PROJECTS_PAGE_GET_TYPE hlg_projects_page_get_type
#else
# define PROJECTS_PAGE_GET_TYPE NULL
#endif
#ifdef HLG_HAVE_GROUPS_PAGE
# include "hlg-groups-page.h"
# define GROUPS_PAGE_GET_TYPE hlg_groups_page_get_type
#else
# define GROUPS_PAGE_GET_TYPE NULL
#endif
#ifdef HLG_HAVE_BLUE_SKIES_PAGE
# include "hlg-blue-skies-page.h"
# define BLUE_SKIES_PAGE_GET_TYPE hlg_blue_skies_page_get_type
#else
# define BLUE_SKIES_PAGE_GET_TYPE NULL
#endif

typedef struct
{
  const char *name;
  const char *title;
  const char *icon_name;
  const char *placeholder;
  GType     (*get_type) (void);
} Place;

static const Place places[] = {
  { "cycle", N_("Cycle"), "x-office-calendar-symbolic",
    N_("The year’s milestones, from the March meeting to the selection of projects."),
    CYCLE_PAGE_GET_TYPE },
  { "proposals", N_("Proposals"), "document-edit-symbolic", NULL, hlg_proposals_page_get_type },
  { "reviews", N_("Reviews"), "emblem-ok-symbolic", NULL, hlg_reviews_page_get_type },
  { "workshop", N_("Workshop"), "x-office-presentation-symbolic",
    N_("The November workshop: outputs, proposals presented, ballots and the two "
       "recommended projects."),
    WORKSHOP_PAGE_GET_TYPE },
  { "projects", N_("Projects"), "folder-symbolic",
    N_("Projects with their 12-month window and progress reports."),
    PROJECTS_PAGE_GET_TYPE },
  { "groups", N_("Groups"), "system-users-symbolic",
    N_("Modernisation Groups, their members, task teams and deliverables."),
    GROUPS_PAGE_GET_TYPE },
  { "blue-skies", N_("Blue Skies"), "weather-clear-symbolic",
    N_("Blue Skies Thinking reports and Chief Statistician Inspiration Sessions."),
    BLUE_SKIES_PAGE_GET_TYPE },
};

struct _HlgWindow
{
  AdwApplicationWindow  parent_instance;

  /* template */
  AdwToastOverlay      *toast_overlay;
  GtkStack             *main_stack;
  AdwLeaflet           *leaflet;
  GtkBox               *content_box;
  GtkListBox           *sidebar;
  AdwViewStack         *stack;
  AdwWindowTitle       *window_title;
  GtkSearchBar         *search_bar;
  GtkSearchEntry       *search_entry;
  GtkToggleButton      *search_button;
  GtkButton            *sync_button;
  GtkImage             *sync_icon;
  GtkLabel             *sync_label;

  HlgStore             *store;
  GCancellable         *cancellable;
  gulong                pending_handler;
  gulong                after_paint_handler;
  GdkFrameClock        *startup_clock;
  gint64                created_at;
  HlgConflictsWindow   *conflicts_window; /* weak */
  GtkLabel             *review_badge;     /* on the Reviews row, for the Board */
  HlgWelcome           *welcome;          /* on the first start, in place of the places */

  /* --screenshots */
  guint                 shot_step;
  guint                 shot_frames;
  gulong                shot_handler;
  GdkFrameClock        *shot_clock;
  GtkWidget            *shot_target;  /* another window to picture, or NULL for this one */
  HlgStore             *shot_store;   /* a scratch store, for the picture of a conflict */
  char                 *shot_dir;

  guint                 load_reported : 1;
};

G_DEFINE_FINAL_TYPE (HlgWindow, hlg_window, ADW_TYPE_APPLICATION_WINDOW)

static HlgApplication *
get_app (HlgWindow *self)
{
  return HLG_APPLICATION (gtk_window_get_application (GTK_WINDOW (self)));
}

static const Place *
find_place (const char *name)
{
  for (guint i = 0; i < G_N_ELEMENTS (places); i++)
    if (g_strcmp0 (places[i].name, name) == 0)
      return &places[i];

  return NULL;
}

static gboolean
page_can_search (GtkWidget *page)
{
  return page != NULL &&
         g_object_class_find_property (G_OBJECT_GET_CLASS (page), "search-text") != NULL;
}

static gboolean place_allowed (HlgWindow  *self,
                               const char *place);

/* Sync state */

static void
update_sync_state (HlgWindow *self)
{
  g_autofree char *text = NULL;
  g_autofree char *owned_tooltip = NULL;
  const char *icon_name;
  const char *tooltip;
  guint n_pending;

  HlgApplication *app = get_app (self);
  HlgSyncClient *client = app ? HLG_SYNC_CLIENT (hlg_application_get_sync_client (app)) : NULL;

  guint n_store_conflicts = hlg_store_get_n_conflicts (self->store);
  const char *action = "app.sync";

  if (!hlg_store_is_loaded (self->store))
    {
      text = g_strdup (_("Loading…"));
      icon_name = "content-loading-symbolic";
      tooltip = _("Reading the documents on this computer");
    }
  else if (n_store_conflicts > 0)
    {
      /* What the person must do comes before anything the sync can do. */
      text = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%u conflict to resolve",
                                           "%u conflicts to resolve", n_store_conflicts),
                              n_store_conflicts);
      icon_name = "dialog-warning-symbolic";
      tooltip = _("Someone else changed the same fields: choose which to keep");
      action = "win.resolve-conflicts";
    }
  else if (client != NULL && hlg_application_has_server (app))
    {
      guint n_conflicts = hlg_sync_client_get_n_conflicts (client);

      n_pending = hlg_sync_client_get_n_pending (client);
      switch (hlg_sync_client_get_state (client))
        {
        case HLG_SYNC_STATE_SYNCING:
          text = g_strdup (_("Syncing…"));
          icon_name = "emblem-synchronizing-symbolic";
          tooltip = _("Exchanging changes with the server");
          break;
        case HLG_SYNC_STATE_OFFLINE:
          text = n_pending > 0
                 ? g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "Offline, %u change waiting",
                                                 "Offline, %u changes waiting", n_pending),
                                    n_pending)
                 : g_strdup (_("Offline"));
          icon_name = "network-offline-symbolic";
          tooltip = _("Everything is saved here and syncs when the network comes back");
          break;
        case HLG_SYNC_STATE_CONFLICTS:
          text = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%u conflict to resolve",
                                               "%u conflicts to resolve", n_conflicts),
                                  n_conflicts);
          icon_name = "dialog-warning-symbolic";
          tooltip = _("Someone else changed the same fields: choose which to keep");
          break;
        case HLG_SYNC_STATE_AUTH_REQUIRED:
          text = g_strdup (_("Sign-in needed"));
          icon_name = "dialog-password-symbolic";
          tooltip = _("The server refused the account or password: check them in Preferences");
          break;
        case HLG_SYNC_STATE_ERROR:
          text = g_strdup (_("Sync failed"));
          icon_name = "dialog-error-symbolic";
          tooltip = hlg_sync_client_get_error_message (client);
          break;
        case HLG_SYNC_STATE_PENDING:
          text = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%u change not yet synced",
                                               "%u changes not yet synced", n_pending),
                                  n_pending);
          icon_name = "emblem-synchronizing-symbolic";
          tooltip = _("Saved on this computer; they go to the server at the next sync");
          break;
        case HLG_SYNC_STATE_IDLE:
        default:
          text = g_strdup (_("Synced"));
          icon_name = "emblem-ok-symbolic";
          tooltip = _("Everything is on the server too");
          break;
        }
    }
  else
    {
      /* Without a server nothing is "not yet synced": it is all here. */
      n_pending = hlg_store_get_n_pending (self->store);
      text = g_strdup (_("Working locally"));
      icon_name = "computer-symbolic";
      if (n_pending > 0)
        {
          owned_tooltip = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
                                                  "Everything is saved on this computer; %u "
                                                  "change will go to a server once you choose one",
                                                  "Everything is saved on this computer; %u "
                                                  "changes will go to a server once you choose one",
                                                  n_pending),
                                     n_pending);
          tooltip = owned_tooltip;
        }
      else
        tooltip = _("Everything is saved on this computer");
    }

  gtk_label_set_label (self->sync_label, text);
  gtk_image_set_from_icon_name (self->sync_icon, icon_name);
  /* The target must suit the action at every step, or GTK complains. */
  gtk_actionable_set_action_name (GTK_ACTIONABLE (self->sync_button), NULL);
  gtk_actionable_set_action_target_value (GTK_ACTIONABLE (self->sync_button),
                                          g_str_equal (action, "app.sync")
                                          ? NULL : g_variant_new_string (""));
  gtk_actionable_set_action_name (GTK_ACTIONABLE (self->sync_button), action);
  if (n_store_conflicts > 0)
    gtk_widget_add_css_class (GTK_WIDGET (self->sync_button), "hlg-conflicts");
  else
    gtk_widget_remove_css_class (GTK_WIDGET (self->sync_button), "hlg-conflicts");
  gtk_widget_set_tooltip_text (GTK_WIDGET (self->sync_button),
                               tooltip ? tooltip : _("Sync now"));
  gtk_accessible_update_property (GTK_ACCESSIBLE (self->sync_button),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL, text,
                                  -1);
}

static void
on_store_state_changed_cb (HlgWindow  *self,
                           GParamSpec *pspec,
                           HlgStore   *store)
{
  update_sync_state (self);
}

const char *
hlg_window_get_sync_text (HlgWindow *self)
{
  g_return_val_if_fail (HLG_IS_WINDOW (self), NULL);

  return gtk_label_get_label (self->sync_label);
}

static void
open_preferences_cb (AdwToast  *toast,
                     HlgWindow *self)
{
  g_action_group_activate_action (G_ACTION_GROUP (get_app (self)), "preferences", NULL);
}

void
hlg_window_sync (HlgWindow *self)
{
  AdwToast *toast;
  GObject *client;

  g_return_if_fail (HLG_IS_WINDOW (self));

  client = hlg_application_get_sync_client (get_app (self));
  if (client != NULL && hlg_application_has_server (get_app (self)))
    {
      hlg_sync_client_sync_now (HLG_SYNC_CLIENT (client));
      return;
    }

  toast = adw_toast_new (_("This copy works locally: choose a server in Preferences to sync"));
  adw_toast_set_button_label (toast, _("_Preferences"));
  g_signal_connect_object (toast, "button-clicked", G_CALLBACK (open_preferences_cb), self, 0);
  hlg_window_add_toast (self, toast);
}

/* First start */

/* While the welcome page stands in for the places, no place is shown:
 * Ctrl+1… would change the one behind it, unseen. */
static void
set_places_enabled (HlgWindow *self,
                    gboolean   enabled)
{
  HlgApplication *app = get_app (self);
  GAction *action = app != NULL ? g_action_map_lookup_action (G_ACTION_MAP (app), "show-place") : NULL;

  gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.show-place", enabled);
  if (G_IS_SIMPLE_ACTION (action))
    g_simple_action_set_enabled (G_SIMPLE_ACTION (action), enabled);
}

static void
show_welcome (HlgWindow *self)
{
  /* Made only when needed: most starts never show it. */
  if (self->welcome == NULL)
    {
      self->welcome = hlg_welcome_new (get_app (self));
      gtk_stack_add_named (self->main_stack, GTK_WIDGET (self->welcome), "welcome");
    }
  gtk_stack_set_visible_child (self->main_stack, GTK_WIDGET (self->welcome));
  set_places_enabled (self, FALSE);
}

/* The welcome page stands in for the places until the person has chosen
 * to work locally or signed in. */
static void
update_welcome (HlgWindow *self)
{
  HlgApplication *app = get_app (self);
  gboolean wanted = app != NULL && hlg_application_wants_welcome (app);

  if (wanted == (self->welcome != NULL))
    return;

  if (wanted)
    show_welcome (self);
  else
    {
      gtk_stack_set_visible_child_full (self->main_stack, "places", GTK_STACK_TRANSITION_TYPE_NONE);
      gtk_stack_remove (self->main_stack, GTK_WIDGET (self->welcome));
      self->welcome = NULL;
      set_places_enabled (self, TRUE);
    }
}

/**
 * hlg_window_get_welcome:
 *
 * Returns: (transfer none) (nullable): the welcome page, while it is shown
 */
HlgWelcome *
hlg_window_get_welcome (HlgWindow *self)
{
  g_return_val_if_fail (HLG_IS_WINDOW (self), NULL);

  return self->welcome;
}

/* Toasts */

void
hlg_window_add_toast (HlgWindow *self,
                      AdwToast  *toast)
{
  g_return_if_fail (HLG_IS_WINDOW (self));
  g_return_if_fail (ADW_IS_TOAST (toast));

  adw_toast_overlay_add_toast (self->toast_overlay, toast);
}

void
hlg_window_add_error (HlgWindow    *self,
                      const GError *error)
{
  AdwToast *toast;

  g_return_if_fail (HLG_IS_WINDOW (self));
  g_return_if_fail (error != NULL);

  toast = adw_toast_new (error->message);
  adw_toast_set_priority (toast, ADW_TOAST_PRIORITY_HIGH);
  adw_toast_set_timeout (toast, 10);
  hlg_window_add_toast (self, toast);
}

/* Places */

const char *
hlg_window_get_place (HlgWindow *self)
{
  g_return_val_if_fail (HLG_IS_WINDOW (self), NULL);

  return adw_view_stack_get_visible_child_name (self->stack);
}

GtkWidget *
hlg_window_get_place_page (HlgWindow  *self,
                           const char *place)
{
  g_return_val_if_fail (HLG_IS_WINDOW (self), NULL);

  return adw_view_stack_get_child_by_name (self->stack, place);
}

gboolean
hlg_window_show_place (HlgWindow   *self,
                       const char  *place,
                       GError     **error)
{
  g_return_val_if_fail (HLG_IS_WINDOW (self), FALSE);

  if (find_place (place) == NULL)
    {
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_ARGUMENT,
                   _("There is no place called “%s”"), place);
      return FALSE;
    }
  if (!place_allowed (self, place))
    {
      g_set_error_literal (error, G_IO_ERROR, G_IO_ERROR_PERMISSION_DENIED,
                           _("Reviews are for the Executive Board and the secretariat; "
                             "authors read the feedback once it is released"));
      return FALSE;
    }

  adw_view_stack_set_visible_child_name (self->stack, place);
  adw_leaflet_set_visible_child (self->leaflet, GTK_WIDGET (self->content_box));
  return TRUE;
}

static const char *
place_of_doc_type (HlgDocType type)
{
  switch (type)
    {
    case HLG_DOC_TYPE_PROPOSAL:
      return "proposals";
    case HLG_DOC_TYPE_REVIEW:
    case HLG_DOC_TYPE_FEEDBACK:
      return "reviews";
    case HLG_DOC_TYPE_BALLOT:
      return "workshop";
    case HLG_DOC_TYPE_PROJECT:
    case HLG_DOC_TYPE_PROGRESS_REPORT:
      return "projects";
    case HLG_DOC_TYPE_GROUP:
    case HLG_DOC_TYPE_TASK_TEAM:
      return "groups";
    case HLG_DOC_TYPE_BLUE_SKIES_REPORT:
    case HLG_DOC_TYPE_INSPIRATION_SESSION:
      return "blue-skies";
    case HLG_DOC_TYPE_CYCLE:
    case HLG_DOC_TYPE_PRIORITY:
    case HLG_DOC_TYPE_ORGANISATION:
    case HLG_DOC_TYPE_PERSON:
    case HLG_N_DOC_TYPES:
    case HLG_DOC_TYPE_INVALID:
    default:
      return "cycle";
    }
}

/**
 * hlg_window_open_document:
 * @id: a document ID as it came from outside (a script, a link)
 *
 * Shows the document in its place. @id is validated before it is used.
 */
gboolean
hlg_window_open_document (HlgWindow   *self,
                          const char  *id,
                          GError     **error)
{
  HlgDocument *doc;
  HlgDocType type;
  GtkWidget *page;

  g_return_val_if_fail (HLG_IS_WINDOW (self), FALSE);

  if (!hlg_id_validate (id, &type, error))
    return FALSE;

  doc = hlg_store_lookup (self->store, id);
  if (doc == NULL)
    {
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_NOT_FOUND,
                   _("There is no document %s on this computer"), id);
      return FALSE;
    }

  if (!hlg_window_show_place (self, place_of_doc_type (type), error))
    return FALSE;
  page = adw_view_stack_get_visible_child (self->stack);

  if (type == HLG_DOC_TYPE_PROPOSAL && HLG_IS_PROPOSALS_PAGE (page))
    hlg_proposals_page_open (HLG_PROPOSALS_PAGE (page), doc);
  else if (type == HLG_DOC_TYPE_REVIEW && HLG_IS_REVIEWS_PAGE (page))
    {
      HlgDocument *proposal = hlg_store_lookup (self->store,
                                                hlg_document_get_string (doc, "proposal"));

      if (proposal != NULL)
        hlg_reviews_page_open_proposal (HLG_REVIEWS_PAGE (page), proposal);
    }

  return TRUE;
}

static GtkWidget *
create_sidebar_row_cb (gpointer item,
                       gpointer user_data)
{
  AdwViewStackPage *page = item;
  GtkWidget *row = gtk_list_box_row_new ();
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 12);
  GtkWidget *label;

  gtk_box_append (GTK_BOX (box), gtk_image_new_from_icon_name (adw_view_stack_page_get_icon_name (page)));
  label = gtk_label_new (adw_view_stack_page_get_title (page));
  gtk_label_set_xalign (GTK_LABEL (label), 0);
  gtk_box_append (GTK_BOX (box), label);
  gtk_list_box_row_set_child (GTK_LIST_BOX_ROW (row), box);
  gtk_widget_set_name (row, adw_view_stack_page_get_name (page));
  /* A place the role cannot use is not offered at all. */
  g_object_bind_property (page, "visible", row, "visible", G_BINDING_SYNC_CREATE);

  if (g_strcmp0 (adw_view_stack_page_get_name (page), "reviews") == 0)
    {
      HlgWindow *self = user_data;
      GtkWidget *badge = gtk_label_new (NULL);

      gtk_widget_set_hexpand (label, TRUE);
      gtk_widget_add_css_class (badge, "hlg-badge");
      gtk_widget_set_valign (badge, GTK_ALIGN_CENTER);
      gtk_widget_set_visible (badge, FALSE);
      gtk_box_append (GTK_BOX (box), badge);
      self->review_badge = GTK_LABEL (badge);
      g_object_add_weak_pointer (G_OBJECT (badge), (gpointer *) &self->review_badge);
    }

  return row;
}

static void
select_sidebar_row (HlgWindow  *self,
                    const char *name)
{
  for (int i = 0;; i++)
    {
      GtkListBoxRow *row = gtk_list_box_get_row_at_index (self->sidebar, i);

      if (row == NULL)
        break;
      if (g_strcmp0 (gtk_widget_get_name (GTK_WIDGET (row)), name) == 0)
        {
          gtk_list_box_select_row (self->sidebar, row);
          break;
        }
    }
}

static void
on_sidebar_row_activated_cb (HlgWindow     *self,
                             GtkListBoxRow *row,
                             GtkListBox    *list_box)
{
  hlg_window_show_place (self, gtk_widget_get_name (GTK_WIDGET (row)), NULL);
}

static void
on_leaflet_folded_cb (HlgWindow  *self,
                      GParamSpec *pspec,
                      AdwLeaflet *leaflet)
{
  /* Folded, the list of places behaves like a menu: nothing stays selected. */
  if (adw_leaflet_get_folded (leaflet))
    gtk_list_box_set_selection_mode (self->sidebar, GTK_SELECTION_NONE);
  else
    {
      gtk_list_box_set_selection_mode (self->sidebar, GTK_SELECTION_BROWSE);
      select_sidebar_row (self, hlg_window_get_place (self));
    }
}

static void
on_visible_place_changed_cb (HlgWindow    *self,
                             GParamSpec   *pspec,
                             AdwViewStack *stack)
{
  const char *name = adw_view_stack_get_visible_child_name (stack);
  GtkWidget *page = adw_view_stack_get_visible_child (stack);
  const Place *place = find_place (name);
  HlgApplication *app = get_app (self);

  if (place == NULL)
    return;

  adw_window_title_set_title (self->window_title, _(place->title));
  select_sidebar_row (self, name);

  /* The search belongs to the place it was typed in. */
  gtk_editable_set_text (GTK_EDITABLE (self->search_entry), "");
  gtk_search_bar_set_search_mode (self->search_bar, FALSE);
  gtk_widget_set_sensitive (GTK_WIDGET (self->search_button), page_can_search (page));

  if (app != NULL && hlg_application_get_screenshots_dir (app) == NULL &&
      hlg_application_has_setting (app, "last-place"))
    g_settings_set_string (hlg_application_get_settings (app), "last-place", name);
}

static void
on_search_changed_cb (HlgWindow      *self,
                      GtkSearchEntry *entry)
{
  GtkWidget *page = adw_view_stack_get_visible_child (self->stack);

  if (page_can_search (page))
    g_object_set (page, "search-text", gtk_editable_get_text (GTK_EDITABLE (entry)), NULL);
}

static void
on_stop_search_cb (HlgWindow      *self,
                   GtkSearchEntry *entry)
{
  gtk_editable_set_text (GTK_EDITABLE (entry), "");
  gtk_search_bar_set_search_mode (self->search_bar, FALSE);
}

static GtkWidget *
make_placeholder (const Place *place)
{
  GtkWidget *status = adw_status_page_new ();

  adw_status_page_set_icon_name (ADW_STATUS_PAGE (status), place->icon_name);
  adw_status_page_set_title (ADW_STATUS_PAGE (status), _(place->title));
  adw_status_page_set_description (ADW_STATUS_PAGE (status), _(place->placeholder));

  return status;
}

static void
add_places (HlgWindow *self)
{
  for (guint i = 0; i < G_N_ELEMENTS (places); i++)
    {
      const Place *place = &places[i];
      GtkWidget *page;
      AdwViewStackPage *stack_page;

      if (place->get_type != NULL)
        page = g_object_new (place->get_type (), "store", self->store, NULL);
      else
        page = make_placeholder (place);

      stack_page = adw_view_stack_add_titled (self->stack, page, place->name, _(place->title));
      adw_view_stack_page_set_icon_name (stack_page, place->icon_name);
    }

  gtk_list_box_bind_model (self->sidebar,
                           G_LIST_MODEL (adw_view_stack_get_pages (self->stack)),
                           create_sidebar_row_cb, self, NULL);
}

/* Roles */

static gboolean
place_allowed (HlgWindow  *self,
               const char *place)
{
  HlgApplication *app = get_app (self);
  const char *role = app ? hlg_application_get_role (app) : "secretariat";

  return g_strcmp0 (place, "reviews") != 0 || hlg_role_can (role, "review");
}

/* Board members see at a glance how many proposals wait for them. */
static void
update_review_badge (HlgWindow *self)
{
  GtkWidget *page = hlg_window_get_place_page (self, "reviews");
  HlgApplication *app = get_app (self);
  guint n;
  g_autofree char *text = NULL;

  if (self->review_badge == NULL || !HLG_IS_REVIEWS_PAGE (page) || app == NULL)
    return;

  n = g_list_model_get_n_items (hlg_reviews_page_get_model (HLG_REVIEWS_PAGE (page)));
  text = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%u to review", "%u to review", n), n);
  gtk_label_set_label (self->review_badge, text);
  gtk_widget_set_visible (GTK_WIDGET (self->review_badge),
                          n > 0 && g_strcmp0 (hlg_application_get_role (app), "board") == 0);
}

/**
 * hlg_window_get_review_badge:
 *
 * Returns: (nullable): what the Reviews place says waits for the person,
 *   such as "3 to review", or %NULL when it says nothing
 */
const char *
hlg_window_get_review_badge (HlgWindow *self)
{
  g_return_val_if_fail (HLG_IS_WINDOW (self), NULL);

  if (self->review_badge == NULL || !gtk_widget_get_visible (GTK_WIDGET (self->review_badge)))
    return NULL;

  return gtk_label_get_label (self->review_badge);
}

static void
apply_role (HlgWindow *self)
{
  HlgApplication *app = get_app (self);
  const char *role = hlg_application_get_role (app);
  AdwViewStackPage *reviews = adw_view_stack_get_page (self->stack,
                                                       hlg_window_get_place_page (self, "reviews"));

  adw_view_stack_page_set_visible (reviews, hlg_role_can (role, "review"));
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.new-proposal",
                                 hlg_role_can (role, "new-proposal"));
  for (guint i = 0; i < G_N_ELEMENTS (places); i++)
    {
      GtkWidget *page = hlg_window_get_place_page (self, places[i].name);

      if (page != NULL && g_object_class_find_property (G_OBJECT_GET_CLASS (page), "role") != NULL)
        g_object_set (page, "role", role, NULL);
    }

  if (!place_allowed (self, hlg_window_get_place (self)))
    adw_view_stack_set_visible_child_name (self->stack, "proposals");
  update_review_badge (self);
}

static void
on_role_changed_cb (HlgWindow *self)
{
  apply_role (self);
}

/* Loading */

static void
show_quarantine_details_cb (AdwToast  *toast,
                            HlgWindow *self)
{
  GPtrArray *quarantined = hlg_store_get_quarantined (self->store);
  g_autoptr(GString) body = g_string_new (NULL);
  g_autofree char *folder = g_build_filename (hlg_store_get_path (self->store), "quarantine", NULL);
  GtkWidget *dialog;

  g_string_append_printf (body, _("These files could not be read. They were moved to %s, "
                                  "untouched, so that nothing is lost; the rest loaded normally."),
                          folder);
  g_string_append (body, "\n");
  for (guint i = 0; i < quarantined->len; i++)
    {
      HlgQuarantined *q = g_ptr_array_index (quarantined, i);

      g_string_append_printf (body, "\n• %s: %s", q->name, q->reason);
    }

  dialog = adw_message_dialog_new (GTK_WINDOW (self), _("Unreadable Files"), body->str);
  adw_message_dialog_add_response (ADW_MESSAGE_DIALOG (dialog), "close", _("_Close"));
  gtk_window_present (GTK_WINDOW (dialog));
}

/**
 * hlg_window_report_load:
 *
 * Tells the person how loading went, once: an error, or the files set
 * aside in quarantine with a way to see which and why.
 */
void
hlg_window_report_load (HlgWindow *self)
{
  HlgApplication *app;
  const GError *error;
  GPtrArray *quarantined;

  g_return_if_fail (HLG_IS_WINDOW (self));

  app = get_app (self);
  if (self->load_reported || app == NULL || !hlg_application_get_load_done (app))
    return;
  self->load_reported = TRUE;

  update_sync_state (self);

  error = hlg_application_get_load_error (app);
  if (error != NULL)
    hlg_window_add_error (self, error);

  quarantined = hlg_store_get_quarantined (self->store);
  if (quarantined->len > 0)
    {
      g_autofree char *title = g_strdup_printf (
        g_dngettext (GETTEXT_PACKAGE, "%u unreadable file was set aside",
                     "%u unreadable files were set aside", quarantined->len),
        quarantined->len);
      AdwToast *toast = adw_toast_new (title);

      adw_toast_set_button_label (toast, _("_Details"));
      adw_toast_set_timeout (toast, 0);
      adw_toast_set_priority (toast, ADW_TOAST_PRIORITY_HIGH);
      g_signal_connect_object (toast, "button-clicked",
                               G_CALLBACK (show_quarantine_details_cb), self, 0);
      hlg_window_add_toast (self, toast);
    }
}

/* Start-up time and screenshots */

/* Milliseconds since the kernel started this process, from /proc; -1 elsewhere. */
static double
process_age_ms (void)
{
  g_autofree char *stat = NULL;
  g_auto(GStrv) fields = NULL;
  const char *after_name;
  struct timespec now;
  long ticks = sysconf (_SC_CLK_TCK);

  if (!g_file_get_contents ("/proc/self/stat", &stat, NULL, NULL) ||
      (after_name = strrchr (stat, ')')) == NULL || ticks <= 0 ||
      clock_gettime (CLOCK_BOOTTIME, &now) != 0)
    return -1;

  /* After the name come the fields from the third, "state"; the 22nd is
   * the start time in clock ticks since boot. */
  fields = g_strsplit (after_name + 2, " ", 0);
  if (g_strv_length (fields) < 20)
    return -1;

  return (now.tv_sec + now.tv_nsec / 1e9 -
          g_ascii_strtod (fields[19], NULL) / (double) ticks) * 1000.0;
}

static void
on_first_paint_cb (GdkFrameClock *clock,
                   HlgWindow     *self)
{
  g_autofree char *status = NULL;
  const char *rss = NULL;

  if (g_file_get_contents ("/proc/self/status", &status, NULL, NULL))
    rss = strstr (status, "VmRSS:");

  g_print ("startup: first frame drawn %.0f ms after the process started "
           "(%.1f ms after the window was made) (rss %ld KiB)\n",
           process_age_ms (), (g_get_monotonic_time () - self->created_at) / 1000.0,
           rss ? strtol (rss + strlen ("VmRSS:"), NULL, 10) : -1L);
  g_clear_signal_handler (&self->after_paint_handler, clock);
  g_clear_object (&self->startup_clock);
}

static void save_screenshot (HlgWindow  *self,
                             const char *name);
static gboolean go_to_screenshot_step (HlgWindow *self);

typedef struct
{
  const char *name;
  const char *place;
  void      (*prepare) (HlgWindow *self);
} ShotStep;

static void
prepare_proposal_editor (HlgWindow *self)
{
  GtkWidget *page = hlg_window_get_place_page (self, "proposals");
  GListModel *model = hlg_store_get_model (self->store, HLG_DOC_TYPE_PROPOSAL);
  g_autoptr(HlgDocument) doc = NULL;

  /* A draft, to show the editor as its authors see it. */
  for (guint i = 0; i < g_list_model_get_n_items (model); i++)
    {
      g_autoptr(HlgDocument) item = g_list_model_get_item (model, i);

      if (doc == NULL || g_strcmp0 (hlg_document_get_string (item, "status"), "draft") == 0)
        g_set_object (&doc, item);
      if (g_strcmp0 (hlg_document_get_string (item, "status"), "draft") == 0)
        break;
    }

  if (doc != NULL && HLG_IS_PROPOSALS_PAGE (page))
    hlg_proposals_page_open (HLG_PROPOSALS_PAGE (page), doc);
}

static void
prepare_proposal_list (HlgWindow *self)
{
  GtkWidget *page = hlg_window_get_place_page (self, "proposals");

  if (HLG_IS_PROPOSALS_PAGE (page))
    hlg_proposals_page_show_list (HLG_PROPOSALS_PAGE (page));
}

static HlgDocument *
first_reviewed_proposal (HlgWindow *self)
{
  GListModel *model = hlg_store_get_model (self->store, HLG_DOC_TYPE_PROPOSAL);

  for (guint i = 0; i < g_list_model_get_n_items (model); i++)
    {
      g_autoptr(HlgDocument) doc = g_list_model_get_item (model, i);
      const char *status = hlg_document_get_string (doc, "status");

      if (g_strcmp0 (status, "submitted") == 0 || g_strcmp0 (status, "under-review") == 0)
        return doc;
    }

  return NULL;
}

static void
prepare_review_form (HlgWindow *self)
{
  GtkWidget *page = hlg_window_get_place_page (self, "reviews");
  HlgDocument *proposal = first_reviewed_proposal (self);

  if (proposal != NULL && HLG_IS_REVIEWS_PAGE (page))
    hlg_reviews_page_open_proposal (HLG_REVIEWS_PAGE (page), proposal);
}

static void
prepare_review_summary (HlgWindow *self)
{
  GtkWidget *page = hlg_window_get_place_page (self, "reviews");

  if (HLG_IS_REVIEWS_PAGE (page))
    hlg_reviews_page_show_summary (HLG_REVIEWS_PAGE (page));
}

static void
prepare_review_list (HlgWindow *self)
{
  GtkWidget *page = hlg_window_get_place_page (self, "reviews");

  if (HLG_IS_REVIEWS_PAGE (page))
    hlg_reviews_page_show_list (HLG_REVIEWS_PAGE (page));
}

/* Once laid out, to the end: a few frames, as the content grows. */
static gboolean
scroll_to_end_cb (GtkWidget     *widget,
                  GdkFrameClock *clock,
                  gpointer       user_data)
{
  GtkAdjustment *adjustment = gtk_scrolled_window_get_vadjustment (GTK_SCROLLED_WINDOW (widget));
  int *ticks = g_object_get_data (G_OBJECT (widget), "hlg-ticks");

  if (ticks == NULL)
    {
      ticks = g_new0 (int, 1);
      g_object_set_data_full (G_OBJECT (widget), "hlg-ticks", ticks, g_free);
    }
  gtk_adjustment_set_value (adjustment, gtk_adjustment_get_upper (adjustment) -
                                        gtk_adjustment_get_page_size (adjustment));
  if (++*ticks < 4)
    return G_SOURCE_CONTINUE;

  g_object_set_data (G_OBJECT (widget), "hlg-ticks", NULL);
  return G_SOURCE_REMOVE;
}

static void
prepare_feedback (HlgWindow *self)
{
  GtkWidget *page = hlg_window_get_place_page (self, "reviews");
  HlgFeedbackEditor *feedback;

  prepare_review_form (self);
  prepare_review_summary (self);
  if (!HLG_IS_REVIEWS_PAGE (page))
    return;

  /* Scrolled down to the feedback, under the chart and the reviews. */
  feedback = hlg_reviews_page_get_feedback_editor (HLG_REVIEWS_PAGE (page));
  if (feedback != NULL)
    {
      GtkWidget *scrolled = gtk_widget_get_ancestor (GTK_WIDGET (feedback),
                                                     GTK_TYPE_SCROLLED_WINDOW);

      if (scrolled != NULL)
        gtk_widget_add_tick_callback (scrolled, scroll_to_end_cb, NULL, NULL);
    }
}

static void
apply_page (HlgStore   *store,
            const char *id,
            const char *rev,
            const char *seq,
            JsonObject *doc)
{
  g_autoptr(GPtrArray) page = g_ptr_array_new_with_free_func ((GDestroyNotify) hlg_remote_change_free);

  g_ptr_array_add (page, hlg_remote_change_new (id, rev, doc, FALSE));
  hlg_store_apply_remote_page (store, page, seq, NULL, NULL);
}

/* A conflict made in a scratch store from the first proposal: the demo
 * data stay as they are. */
static void
prepare_conflicts (HlgWindow *self)
{
  GListModel *proposals = hlg_store_get_model (self->store, HLG_DOC_TYPE_PROPOSAL);
  g_autoptr(HlgDocument) source = g_list_model_get_item (proposals, 0);
  g_autoptr(JsonObject) base = NULL;
  g_autoptr(JsonObject) theirs = NULL;
  HlgConflictsWindow *conflicts;
  HlgDocument *doc;
  const char *id;
  const char *title;

  if (source == NULL)
    return;

  self->shot_dir = g_dir_make_tmp ("hlgmos-shot-XXXXXX", NULL);
  if (self->shot_dir == NULL)
    return;
  self->shot_store = hlg_store_new (self->shot_dir);
  if (!hlg_store_load (self->shot_store, NULL, NULL))
    return;

  id = hlg_document_get_id (source);
  title = hlg_document_get_string (source, "title");
  base = hlg_document_dup_object (source);
  json_object_remove_member (base, "_rev");
  apply_page (self->shot_store, id, "1-a", "1", base);

  doc = hlg_store_lookup (self->shot_store, id);
  {
    g_autofree char *mine = g_strdup_printf (_("%s: a Pilot in Three Offices"), title ? title : "");

    hlg_document_set_string (doc, "title", mine, NULL);
  }
  hlg_document_set_string (doc, "summary",
                           _("An exchange of data scientists between offices, three months "
                             "at a time, with a shared curriculum."), NULL);
  hlg_store_save (self->shot_store, doc, NULL);

  theirs = hlg_document_dup_object (source);
  json_object_remove_member (theirs, "_rev");
  json_object_set_string_member (theirs, "summary",
                                 _("Short exchanges of data scientists between statistical "
                                   "offices, with the host paying travel."));
  {
    g_autofree char *other = g_strdup_printf (_("%s, Revised"), title ? title : "");

    json_object_set_string_member (theirs, "title", other);
  }
  apply_page (self->shot_store, id, "2-b", "2", theirs);

  conflicts = hlg_conflicts_window_new (self->shot_store);
  gtk_window_set_transient_for (GTK_WINDOW (conflicts), GTK_WINDOW (self));
  hlg_conflicts_window_open (conflicts, id);
  gtk_window_present (GTK_WINDOW (conflicts));
  self->shot_target = GTK_WIDGET (conflicts);
}

static void
prepare_sidebar (HlgWindow *self)
{
  /* Folded, the back button leads to the list of places. */
  gtk_widget_activate_action (GTK_WIDGET (self), "win.back", NULL);
}

/* The first-start page and its form, pictured after the places. */
static void
prepare_sign_in (HlgWindow *self)
{
  show_welcome (self);
  gtk_widget_activate_action (GTK_WIDGET (self->welcome), "welcome.show-sign-in", NULL);
  hlg_sign_in_form_set_fields (hlg_welcome_get_form (self->welcome),
                               "https://hlgmos.example.org", "board", NULL);
}

static const ShotStep shot_steps[] = {
  { "cycle", "cycle", NULL },
  { "proposals", "proposals", prepare_proposal_list },
  { "proposal-editor", "proposals", prepare_proposal_editor },
  { "reviews", "reviews", prepare_review_list },
  { "review-form", "reviews", prepare_review_form },
  { "review-summary", "reviews", prepare_review_summary },
  { "feedback", "reviews", prepare_feedback },
  { "conflicts", "proposals", prepare_conflicts },
  { "workshop", "workshop", NULL },
  { "projects", "projects", NULL },
  { "groups", "groups", NULL },
  { "blue-skies", "blue-skies", NULL },
  { "sidebar", "cycle", prepare_sidebar },
  { "welcome", "cycle", show_welcome },
  { "sign-in", "cycle", prepare_sign_in },
};

static void
save_screenshot (HlgWindow  *self,
                 const char *name)
{
  const char *dir = hlg_application_get_screenshots_dir (get_app (self));
  GtkWidget *target = self->shot_target ? self->shot_target : GTK_WIDGET (self);
  int width = gtk_widget_get_width (target);
  int height = gtk_widget_get_height (target);
  g_autoptr(GdkPaintable) paintable = gtk_widget_paintable_new (target);
  g_autoptr(GtkSnapshot) snapshot = gtk_snapshot_new ();
  g_autoptr(GskRenderNode) node = NULL;
  g_autoptr(GdkTexture) texture = NULL;
  g_autofree char *file = g_strconcat (name, ".png", NULL);
  g_autofree char *path = g_build_filename (dir, file, NULL);
  GskRenderer *renderer = gtk_native_get_renderer (GTK_NATIVE (target));

  gdk_paintable_snapshot (paintable, GDK_SNAPSHOT (snapshot), width, height);
  node = gtk_snapshot_to_node (snapshot);
  if (node == NULL)
    {
      g_printerr ("%s: nothing was drawn\n", path);
      return;
    }

  texture = gsk_renderer_render_texture (renderer, node,
                                         &GRAPHENE_RECT_INIT (0, 0, width, height));
  if (!gdk_texture_save_to_png (texture, path))
    g_printerr ("%s: could not be written\n", path);
  else
    g_print ("%s\n", path);
}

static void
remove_tree (const char *path)
{
  g_autoptr(GDir) dir = g_dir_open (path, 0, NULL);
  const char *name;

  while (dir != NULL && (name = g_dir_read_name (dir)) != NULL)
    {
      g_autofree char *child = g_build_filename (path, name, NULL);

      if (g_file_test (child, G_FILE_TEST_IS_DIR))
        remove_tree (child);
      else
        g_unlink (child);
    }
  g_rmdir (path);
}

static void
clear_shot_target (HlgWindow *self)
{
  if (self->shot_target != NULL)
    gtk_window_destroy (GTK_WINDOW (self->shot_target));
  self->shot_target = NULL;
  g_clear_object (&self->shot_store);
  if (self->shot_dir != NULL)
    remove_tree (self->shot_dir);
  g_clear_pointer (&self->shot_dir, g_free);
}

static void
on_shot_after_paint_cb (GdkFrameClock *clock,
                        HlgWindow     *self)
{
  /* Two frames after the change: the first lays the new place out, the
   * second draws it with everything measured. */
  if (++self->shot_frames < 5)
    {
      gtk_widget_queue_draw (self->shot_target ? self->shot_target : GTK_WIDGET (self));
      return;
    }

  g_clear_signal_handler (&self->shot_handler, clock);
  g_clear_object (&self->shot_clock);
  save_screenshot (self, shot_steps[self->shot_step].name);
  clear_shot_target (self);
  self->shot_step++;
  g_idle_add_full (G_PRIORITY_LOW, (GSourceFunc) go_to_screenshot_step,
                   g_object_ref (self), g_object_unref);
}

static gboolean
go_to_screenshot_step (HlgWindow *self)
{
  const ShotStep *step;

  if (self->shot_step >= G_N_ELEMENTS (shot_steps))
    {
      g_application_quit (G_APPLICATION (get_app (self)));
      return G_SOURCE_REMOVE;
    }

  step = &shot_steps[self->shot_step];
  /* The list of places has a picture of its own only when folded. */
  if (g_str_equal (step->name, "sidebar") && !adw_leaflet_get_folded (self->leaflet))
    {
      self->shot_step++;
      return go_to_screenshot_step (self);
    }
  hlg_window_show_place (self, step->place, NULL);
  if (step->prepare != NULL)
    step->prepare (self);

  self->shot_frames = 0;
  self->shot_clock = g_object_ref (gtk_widget_get_frame_clock (self->shot_target
                                                               ? self->shot_target
                                                               : GTK_WIDGET (self)));
  self->shot_handler = g_signal_connect (self->shot_clock, "after-paint",
                                         G_CALLBACK (on_shot_after_paint_cb), self);
  gtk_widget_queue_draw (self->shot_target ? self->shot_target : GTK_WIDGET (self));

  return G_SOURCE_REMOVE;
}

static void
on_loaded_for_screenshots_cb (HlgWindow  *self,
                              GParamSpec *pspec,
                              HlgStore   *store)
{
  if (!hlg_store_is_loaded (store) || self->shot_step > 0 || self->shot_handler != 0)
    return;

  g_signal_handlers_disconnect_by_func (store, on_loaded_for_screenshots_cb, self);
  go_to_screenshot_step (self);
}

static void
hlg_window_map (GtkWidget *widget)
{
  HlgWindow *self = HLG_WINDOW (widget);

  GTK_WIDGET_CLASS (hlg_window_parent_class)->map (widget);

  if (self->startup_clock == NULL && g_strcmp0 (g_getenv ("HLGMOS_REPORT_STARTUP"), "1") == 0)
    {
      self->startup_clock = g_object_ref (gtk_widget_get_frame_clock (widget));
      self->after_paint_handler = g_signal_connect (self->startup_clock, "after-paint",
                                                    G_CALLBACK (on_first_paint_cb), self);
      g_setenv ("HLGMOS_REPORT_STARTUP", "0", TRUE);
    }

  if (hlg_application_get_screenshots_dir (get_app (self)) != NULL && self->shot_step == 0 &&
      self->shot_handler == 0)
    {
      if (hlg_store_is_loaded (self->store))
        go_to_screenshot_step (self);
      else
        g_signal_connect_object (self->store, "notify::loaded",
                                 G_CALLBACK (on_loaded_for_screenshots_cb), self,
                                 G_CONNECT_SWAPPED);
    }
}

/* Window state */

static void
restore_state (HlgWindow *self)
{
  HlgApplication *app = get_app (self);
  GSettings *settings = hlg_application_get_settings (app);
  g_autofree char *place = NULL;

  if (hlg_application_get_screenshots_dir (app) != NULL)
    {
      const char *size = g_getenv ("HLGMOS_SCREENSHOTS_SIZE");
      int width = 1280, height = 800;

      /* HLGMOS_SCREENSHOTS_SIZE=360x720 pictures the narrow, folded layout. */
      if (size != NULL && sscanf (size, "%dx%d", &width, &height) != 2)
        width = 1280, height = 800;
      gtk_window_set_default_size (GTK_WINDOW (self), MAX (width, 360), MAX (height, 294));
      return;
    }

  if (hlg_application_has_setting (app, "window-width") &&
      hlg_application_has_setting (app, "window-height"))
    {
      int width = g_settings_get_int (settings, "window-width");
      int height = g_settings_get_int (settings, "window-height");

      if (width > 0 && height > 0)
        gtk_window_set_default_size (GTK_WINDOW (self), width, height);
    }
  if (hlg_application_has_setting (app, "window-maximized") &&
      g_settings_get_boolean (settings, "window-maximized"))
    gtk_window_maximize (GTK_WINDOW (self));

  if (hlg_application_has_setting (app, "last-place"))
    place = g_settings_get_string (settings, "last-place");
  if (find_place (place) == NULL)
    {
      g_free (place);
      place = g_strdup ("proposals");
    }
  adw_view_stack_set_visible_child_name (self->stack, place);
}

static void
save_state (HlgWindow *self)
{
  HlgApplication *app = get_app (self);
  GSettings *settings;
  int width, height;

  if (app == NULL || hlg_application_get_screenshots_dir (app) != NULL)
    return;

  settings = hlg_application_get_settings (app);
  gtk_window_get_default_size (GTK_WINDOW (self), &width, &height);
  if (hlg_application_has_setting (app, "window-maximized"))
    g_settings_set_boolean (settings, "window-maximized",
                            gtk_window_is_maximized (GTK_WINDOW (self)));
  if (hlg_application_has_setting (app, "window-width") && width > 0)
    g_settings_set_int (settings, "window-width", width);
  if (hlg_application_has_setting (app, "window-height") && height > 0)
    g_settings_set_int (settings, "window-height", height);
}

/* Saves what is still being typed: a closed window loses nothing. */
static void
flush_pages (HlgWindow *self)
{
  GtkWidget *page;

  page = hlg_window_get_place_page (self, "proposals");
  if (HLG_IS_PROPOSALS_PAGE (page))
    hlg_proposals_page_flush (HLG_PROPOSALS_PAGE (page));
  page = hlg_window_get_place_page (self, "reviews");
  if (HLG_IS_REVIEWS_PAGE (page))
    hlg_reviews_page_flush (HLG_REVIEWS_PAGE (page));
}

static gboolean
hlg_window_close_request (GtkWindow *window)
{
  HlgWindow *self = HLG_WINDOW (window);

  flush_pages (self);
  save_state (self);

  return GTK_WINDOW_CLASS (hlg_window_parent_class)->close_request (window);
}

/* Actions */

static void
new_proposal_action (GtkWidget  *widget,
                     const char *action_name,
                     GVariant   *parameter)
{
  HlgWindow *self = HLG_WINDOW (widget);
  GtkWidget *page = hlg_window_get_place_page (self, "proposals");
  g_autoptr(GError) error = NULL;

  hlg_window_show_place (self, "proposals", NULL);
  if (HLG_IS_PROPOSALS_PAGE (page) &&
      hlg_proposals_page_new_proposal (HLG_PROPOSALS_PAGE (page), &error) == NULL)
    hlg_window_add_error (self, error);
}

static void
search_action (GtkWidget  *widget,
               const char *action_name,
               GVariant   *parameter)
{
  HlgWindow *self = HLG_WINDOW (widget);

  if (!gtk_widget_get_sensitive (GTK_WIDGET (self->search_button)))
    return;

  gtk_search_bar_set_search_mode (self->search_bar, TRUE);
  gtk_widget_grab_focus (GTK_WIDGET (self->search_entry));
}

static void
back_action (GtkWidget  *widget,
             const char *action_name,
             GVariant   *parameter)
{
  HlgWindow *self = HLG_WINDOW (widget);

  if (adw_leaflet_get_folded (self->leaflet))
    adw_leaflet_navigate (self->leaflet, ADW_NAVIGATION_DIRECTION_BACK);
}

/* After a resolution, a form showing the document shows what was kept. */
static void
on_conflict_resolved_cb (HlgWindow          *self,
                         HlgDocument        *doc,
                         HlgConflictsWindow *conflicts)
{
  GtkWidget *page = hlg_window_get_place_page (self, "proposals");

  if (HLG_IS_PROPOSALS_PAGE (page))
    {
      HlgProposalEditor *editor = hlg_proposals_page_get_editor (HLG_PROPOSALS_PAGE (page));

      if (editor != NULL && hlg_proposal_editor_get_document (editor) == doc)
        hlg_proposals_page_open (HLG_PROPOSALS_PAGE (page), doc);
    }

  page = hlg_window_get_place_page (self, "reviews");
  if (HLG_IS_REVIEWS_PAGE (page))
    hlg_reviews_page_reload (HLG_REVIEWS_PAGE (page), doc);
}

/**
 * hlg_window_show_conflicts:
 * @id: (nullable): a document in conflict, or %NULL (or "") for the list
 *   of all of them
 *
 * Returns: (transfer none): the window where the person resolves them
 */
HlgConflictsWindow *
hlg_window_show_conflicts (HlgWindow  *self,
                           const char *id)
{
  g_return_val_if_fail (HLG_IS_WINDOW (self), NULL);

  /* What is being typed goes into the document before it is compared. */
  flush_pages (self);

  if (self->conflicts_window == NULL)
    {
      self->conflicts_window = hlg_conflicts_window_new (self->store);
      g_object_add_weak_pointer (G_OBJECT (self->conflicts_window),
                                 (gpointer *) &self->conflicts_window);
      gtk_window_set_transient_for (GTK_WINDOW (self->conflicts_window), GTK_WINDOW (self));
      gtk_window_set_application (GTK_WINDOW (self->conflicts_window),
                                  GTK_APPLICATION (get_app (self)));
      gtk_window_set_destroy_with_parent (GTK_WINDOW (self->conflicts_window), TRUE);
      g_signal_connect_object (self->conflicts_window, "resolved",
                               G_CALLBACK (on_conflict_resolved_cb), self, G_CONNECT_SWAPPED);
    }

  if (id == NULL || id[0] == '\0' ||
      !hlg_conflicts_window_open (self->conflicts_window, id))
    hlg_conflicts_window_show_list (self->conflicts_window);

  gtk_window_present (GTK_WINDOW (self->conflicts_window));
  return self->conflicts_window;
}

static void
resolve_conflicts_action (GtkWidget  *widget,
                          const char *action_name,
                          GVariant   *parameter)
{
  HlgWindow *self = HLG_WINDOW (widget);
  const char *id = g_variant_get_string (parameter, NULL);

  /* Only a valid ID goes further; anything else shows the list. */
  if (id[0] != '\0' && !hlg_id_validate (id, NULL, NULL))
    id = NULL;
  hlg_window_show_conflicts (self, id);
}

static void
show_place_action (GtkWidget  *widget,
                   const char *action_name,
                   GVariant   *parameter)
{
  HlgWindow *self = HLG_WINDOW (widget);
  g_autoptr(GError) error = NULL;

  if (!hlg_window_show_place (self, g_variant_get_string (parameter, NULL), &error))
    hlg_window_add_error (self, error);
}

/* GObject */

/* After construction: GtkWindow sets its application only then. */
static void
setup (HlgWindow *self)
{
  HlgApplication *app = get_app (self);

  g_assert (HLG_IS_APPLICATION (app));
  self->store = g_object_ref (hlg_application_get_store (app));

  add_places (self);
  restore_state (self);
  on_visible_place_changed_cb (self, NULL, self->stack);

  g_signal_connect_object (self->store, "notify::n-pending",
                           G_CALLBACK (on_store_state_changed_cb), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (self->store, "notify::loaded",
                           G_CALLBACK (on_store_state_changed_cb), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (self->store, "notify::n-conflicts",
                           G_CALLBACK (on_store_state_changed_cb), self, G_CONNECT_SWAPPED);
  if (hlg_application_get_sync_client (app) != NULL)
    {
      static const char * const props[] = {
        "notify::state", "notify::n-pending", "notify::n-conflicts", "notify::error-message"
      };

      for (guint i = 0; i < G_N_ELEMENTS (props); i++)
        g_signal_connect_object (hlg_application_get_sync_client (app), props[i],
                                 G_CALLBACK (on_store_state_changed_cb), self,
                                 G_CONNECT_SWAPPED);
    }
  if (hlg_application_get_settings (app) != NULL)
    {
      g_signal_connect_object (hlg_application_get_settings (app), "changed::server-url",
                               G_CALLBACK (on_store_state_changed_cb), self, G_CONNECT_SWAPPED);
      g_signal_connect_object (hlg_application_get_settings (app), "changed::server-url",
                               G_CALLBACK (update_welcome), self, G_CONNECT_SWAPPED);
      g_signal_connect_object (hlg_application_get_settings (app), "changed::first-run-done",
                               G_CALLBACK (update_welcome), self, G_CONNECT_SWAPPED);
    }
  update_sync_state (self);
  update_welcome (self);

  g_signal_connect_object (app, "notify::role", G_CALLBACK (on_role_changed_cb), self,
                           G_CONNECT_SWAPPED);
  {
    GtkWidget *reviews = hlg_window_get_place_page (self, "reviews");

    if (HLG_IS_REVIEWS_PAGE (reviews))
      g_signal_connect_object (hlg_reviews_page_get_model (HLG_REVIEWS_PAGE (reviews)),
                               "items-changed", G_CALLBACK (update_review_badge), self,
                               G_CONNECT_SWAPPED);
  }
  apply_role (self);

  hlg_window_report_load (self);
}

static void
hlg_window_dispose (GObject *object)
{
  HlgWindow *self = HLG_WINDOW (object);

  if (self->store != NULL)
    flush_pages (self);

  g_cancellable_cancel (self->cancellable);
  g_clear_object (&self->cancellable);
  if (self->conflicts_window != NULL)
    {
      g_object_remove_weak_pointer (G_OBJECT (self->conflicts_window),
                                    (gpointer *) &self->conflicts_window);
      gtk_window_destroy (GTK_WINDOW (self->conflicts_window));
      self->conflicts_window = NULL;
    }
  if (self->startup_clock != NULL)
    g_clear_signal_handler (&self->after_paint_handler, self->startup_clock);
  g_clear_object (&self->startup_clock);
  if (self->shot_clock != NULL)
    g_clear_signal_handler (&self->shot_handler, self->shot_clock);
  g_clear_object (&self->shot_clock);
  clear_shot_target (self);
  self->welcome = NULL;

  gtk_widget_dispose_template (GTK_WIDGET (self), HLG_TYPE_WINDOW);

  g_clear_object (&self->store);

  G_OBJECT_CLASS (hlg_window_parent_class)->dispose (object);
}

static void
hlg_window_class_init (HlgWindowClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);
  GtkWindowClass *window_class = GTK_WINDOW_CLASS (klass);

  object_class->dispose = hlg_window_dispose;
  widget_class->map = hlg_window_map;
  window_class->close_request = hlg_window_close_request;

  gtk_widget_class_set_template_from_resource (widget_class, "/org/unece/HLGMOS/hlg-window.ui");
  gtk_widget_class_bind_template_child (widget_class, HlgWindow, toast_overlay);
  gtk_widget_class_bind_template_child (widget_class, HlgWindow, main_stack);
  gtk_widget_class_bind_template_child (widget_class, HlgWindow, leaflet);
  gtk_widget_class_bind_template_child (widget_class, HlgWindow, content_box);
  gtk_widget_class_bind_template_child (widget_class, HlgWindow, sidebar);
  gtk_widget_class_bind_template_child (widget_class, HlgWindow, stack);
  gtk_widget_class_bind_template_child (widget_class, HlgWindow, window_title);
  gtk_widget_class_bind_template_child (widget_class, HlgWindow, search_bar);
  gtk_widget_class_bind_template_child (widget_class, HlgWindow, search_entry);
  gtk_widget_class_bind_template_child (widget_class, HlgWindow, search_button);
  gtk_widget_class_bind_template_child (widget_class, HlgWindow, sync_button);
  gtk_widget_class_bind_template_child (widget_class, HlgWindow, sync_icon);
  gtk_widget_class_bind_template_child (widget_class, HlgWindow, sync_label);
  gtk_widget_class_bind_template_callback (widget_class, on_sidebar_row_activated_cb);
  gtk_widget_class_bind_template_callback (widget_class, on_leaflet_folded_cb);
  gtk_widget_class_bind_template_callback (widget_class, on_visible_place_changed_cb);
  gtk_widget_class_bind_template_callback (widget_class, on_search_changed_cb);
  gtk_widget_class_bind_template_callback (widget_class, on_stop_search_cb);

  gtk_widget_class_install_action (widget_class, "win.new-proposal", NULL, new_proposal_action);
  gtk_widget_class_install_action (widget_class, "win.search", NULL, search_action);
  gtk_widget_class_install_action (widget_class, "win.back", NULL, back_action);
  gtk_widget_class_install_action (widget_class, "win.show-place", "s", show_place_action);
  gtk_widget_class_install_action (widget_class, "win.resolve-conflicts", "s",
                                   resolve_conflicts_action);
}

static void
hlg_window_init (HlgWindow *self)
{
  self->created_at = g_get_monotonic_time ();
  self->cancellable = g_cancellable_new ();
  gtk_widget_init_template (GTK_WIDGET (self));
}

HlgWindow *
hlg_window_new (HlgApplication *application)
{
  HlgWindow *self;

  g_return_val_if_fail (HLG_IS_APPLICATION (application), NULL);

  self = g_object_new (HLG_TYPE_WINDOW, "application", application, NULL);
  setup (self);

  return self;
}
