/* hlg-timeline.c: a cycle's year drawn as a horizontal timeline
 * SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "hlg-timeline"

#include "config.h"

#include <glib/gi18n.h>
#include <stdio.h>
#include <string.h>

#include "hlg-timeline.h"

#define PAD_X       16.0
#define PAD_Y       12.0
#define MARK        14.0
#define LABEL_GAP   6.0
#define LANE_GAP    14.0
#define MAX_LABEL   220

typedef struct
{
  char  *id;
  char  *kind;
  char  *title;
  char  *notes;
  GDate  start;
  GDate  end;
} Milestone;

/* Where a milestone sits for one width, recomputed on each allocation. */
typedef struct
{
  guint        lane;
  double       x0;      /* the mark or bar */
  double       x1;
  double       label_x;
  double       box_x0;  /* mark and label together, for hit tests */
  double       box_x1;
  PangoLayout *title;
  PangoLayout *date;
} Placement;

struct _HlgTimeline
{
  GtkWidget    parent_instance;

  HlgDocument *cycle;
  gulong       changed_id;
  GDateTime   *today;
  char        *selected;

  int          year;
  GArray      *milestones;  /* Milestone, by date */
  GArray      *placements;  /* Placement, one per milestone */
  guint        n_lanes;
  double       lanes_top;
  double       lane_height;
};

G_DEFINE_FINAL_TYPE (HlgTimeline, hlg_timeline, GTK_TYPE_WIDGET)

enum {
  PROP_0,
  PROP_CYCLE,
  PROP_TODAY,
  PROP_SELECTED_MILESTONE,
  N_PROPS
};

enum {
  MILESTONE_ACTIVATED,
  N_SIGNALS
};

static GParamSpec *properties[N_PROPS];
static guint signals[N_SIGNALS];

static const struct
{
  const char *kind;
  const char *color_name;
  const char *fallback;
} kind_colors[] = {
  { "priorities-meeting", "accent_color", "#1c71d8" },
  { "ces-plenary", "purple_3", "#9141ac" },
  { "priorities-release", NULL, "#2190a4" },
  { "proposal-deadline", "error_color", "#c01c28" },
  { "board-review", "warning_color", "#9c6e03" },
  { "feedback", "brown_3", "#986a44" },
  { "workshop", NULL, "#c64695" },
  { "selection", "success_color", "#26a269" },
};

static void
milestone_clear (gpointer data)
{
  Milestone *m = data;

  g_free (m->id);
  g_free (m->kind);
  g_free (m->title);
  g_free (m->notes);
}

static void
placement_clear (gpointer data)
{
  Placement *p = data;

  g_clear_object (&p->title);
  g_clear_object (&p->date);
}

static gboolean
parse_date (const char *text,
            GDate      *out)
{
  guint y, m, d;
  char tail;

  g_date_clear (out, 1);
  if (text == NULL || sscanf (text, "%4u-%2u-%2u%c", &y, &m, &d, &tail) != 3)
    return FALSE;
  if (!g_date_valid_dmy (d, m, y))
    return FALSE;
  g_date_set_dmy (out, d, m, y);

  return TRUE;
}

static char *
format_date (const GDate *date,
             const char  *format)
{
  g_autoptr(GDateTime) dt = g_date_time_new_utc (g_date_get_year (date),
                                                 g_date_get_month (date),
                                                 g_date_get_day (date), 12, 0, 0);

  return g_date_time_format (dt, format);
}

/* "12–13 March", "30 June – 2 July", "15 September" */
static char *
format_dates (const GDate *start,
              const GDate *end,
              gboolean     full)
{
  /* Translators: a day and a month, see g_date_time_format() */
  const char *day_month = full ? C_("date", "%-d %B") : C_("short date", "%-d %b");

  if (!g_date_valid (end) || g_date_compare (start, end) >= 0)
    return format_date (start, day_month);

  if (g_date_get_month (start) == g_date_get_month (end)
      && g_date_get_year (start) == g_date_get_year (end))
    {
      /* Translators: the day of month, first of a range in one month */
      g_autofree char *a = format_date (start, C_("date", "%-d"));
      g_autofree char *b = format_date (end, day_month);

      /* Translators: a range of days in one month, "12–13 March" */
      return g_strdup_printf (C_("date range", "%s–%s"), a, b);
    }
  else
    {
      g_autofree char *a = format_date (start, day_month);
      g_autofree char *b = format_date (end, day_month);

      /* Translators: a range of dates across months, "30 June – 2 July" */
      return g_strdup_printf (C_("date range", "%s – %s"), a, b);
    }
}

/**
 * hlg_timeline_format_range:
 * @start: an ISO 8601 date
 * @end: (nullable): an ISO 8601 date
 *
 * Returns: (transfer full) (nullable): the dates for a person to read
 */
char *
hlg_timeline_format_range (const char *start,
                           const char *end)
{
  GDate s, e;

  if (!parse_date (start, &s))
    return NULL;
  parse_date (end, &e);

  return format_dates (&s, &e, TRUE);
}

/**
 * hlg_timeline_kind_label:
 * @kind: a milestone kind
 *
 * Returns: the kind's translated name, or @kind when it is unknown
 */
const char *
hlg_timeline_kind_label (const char *kind)
{
  if (g_strcmp0 (kind, "priorities-meeting") == 0)
    return _("HLG-MOS meeting");
  if (g_strcmp0 (kind, "ces-plenary") == 0)
    return _("CES plenary");
  if (g_strcmp0 (kind, "priorities-release") == 0)
    return _("Priorities released");
  if (g_strcmp0 (kind, "proposal-deadline") == 0)
    return _("Proposals due");
  if (g_strcmp0 (kind, "board-review") == 0)
    return _("Board review");
  if (g_strcmp0 (kind, "feedback") == 0)
    return _("Feedback to authors");
  if (g_strcmp0 (kind, "workshop") == 0)
    return _("Workshop");
  if (g_strcmp0 (kind, "selection") == 0)
    return _("Selection of projects");

  return kind != NULL ? kind : "";
}

/* What the cycle is doing once a milestone has passed and the next has not begun. */
static const char *
phase_after (const char *kind)
{
  if (g_strcmp0 (kind, "priorities-meeting") == 0)
    return _("Priorities under discussion");
  if (g_strcmp0 (kind, "ces-plenary") == 0)
    return _("Priorities being finalised");
  if (g_strcmp0 (kind, "priorities-release") == 0)
    return _("Proposals being drafted");
  if (g_strcmp0 (kind, "proposal-deadline") == 0)
    return _("Proposals submitted");
  if (g_strcmp0 (kind, "board-review") == 0)
    return _("Feedback being prepared");
  if (g_strcmp0 (kind, "feedback") == 0)
    return _("Preparing the workshop");
  if (g_strcmp0 (kind, "workshop") == 0)
    return _("Selecting projects");
  if (g_strcmp0 (kind, "selection") == 0)
    return _("Projects selected");

  return hlg_timeline_kind_label (kind);
}

static const char *
milestone_title (const Milestone *m)
{
  if (m->title != NULL && m->title[0] != '\0')
    return m->title;

  return hlg_timeline_kind_label (m->kind);
}

static const GDate *
milestone_last_day (const Milestone *m)
{
  return g_date_valid (&m->end) && g_date_compare (&m->end, &m->start) > 0 ? &m->end : &m->start;
}

static void
get_today (HlgTimeline *self,
           GDate       *out)
{
  g_autoptr(GDateTime) now = NULL;
  GDateTime *dt = self->today;

  if (dt == NULL)
    dt = now = g_date_time_new_now_local ();

  g_date_clear (out, 1);
  g_date_set_dmy (out, g_date_time_get_day_of_month (dt), g_date_time_get_month (dt),
                  g_date_time_get_year (dt));
}

static int
compare_milestones (gconstpointer a,
                    gconstpointer b)
{
  const Milestone *ma = a;
  const Milestone *mb = b;
  int cmp = g_date_compare (&ma->start, &mb->start);

  if (cmp != 0)
    return cmp;

  return g_date_compare (milestone_last_day (ma), milestone_last_day (mb));
}

static const Milestone *
find_milestone (HlgTimeline *self,
                const char  *id,
                guint       *out_index)
{
  for (guint i = 0; id != NULL && i < self->milestones->len; i++)
    {
      const Milestone *m = &g_array_index (self->milestones, Milestone, i);

      if (g_strcmp0 (m->id, id) == 0)
        {
          if (out_index != NULL)
            *out_index = i;
          return m;
        }
    }

  return NULL;
}

/* The next proposal deadline on or after today, or NULL. */
static const Milestone *
next_deadline (HlgTimeline *self,
               int         *out_days)
{
  GDate today;

  get_today (self, &today);
  for (guint i = 0; i < self->milestones->len; i++)
    {
      const Milestone *m = &g_array_index (self->milestones, Milestone, i);
      const GDate *last = milestone_last_day (m);

      if (g_strcmp0 (m->kind, "proposal-deadline") != 0)
        continue;
      if (g_date_compare (last, &today) >= 0)
        {
          if (out_days != NULL)
            *out_days = g_date_days_between (&today, last);
          return m;
        }
    }

  return NULL;
}

/* The milestone running today, else the next one, else the last. */
static const Milestone *
current_milestone (HlgTimeline *self)
{
  GDate today;

  if (self->milestones->len == 0)
    return NULL;

  get_today (self, &today);
  for (guint i = 0; i < self->milestones->len; i++)
    {
      const Milestone *m = &g_array_index (self->milestones, Milestone, i);

      if (g_date_compare (milestone_last_day (m), &today) >= 0)
        return m;
    }

  return &g_array_index (self->milestones, Milestone, self->milestones->len - 1);
}

static char *
days_left_text (int days)
{
  if (days == 0)
    return g_strdup (_("due today"));

  return g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%d day left", "%d days left", days), days);
}

/**
 * hlg_timeline_get_days_left:
 *
 * Returns: the days until the next proposal deadline, 0 on its day, or -1
 *   when there is none ahead
 */
int
hlg_timeline_get_days_left (HlgTimeline *self)
{
  int days = -1;

  g_return_val_if_fail (HLG_IS_TIMELINE (self), -1);

  if (next_deadline (self, &days) == NULL)
    return -1;

  return days;
}

/**
 * hlg_timeline_dup_phase:
 *
 * Returns: (transfer full) (nullable): the phase of the cycle we are in
 */
char *
hlg_timeline_dup_phase (HlgTimeline *self)
{
  const Milestone *last_started = NULL;
  GDate today;

  g_return_val_if_fail (HLG_IS_TIMELINE (self), NULL);

  if (self->milestones->len == 0)
    return NULL;

  get_today (self, &today);
  for (guint i = 0; i < self->milestones->len; i++)
    {
      const Milestone *m = &g_array_index (self->milestones, Milestone, i);

      if (g_date_compare (&m->start, &today) > 0)
        break;
      if (g_date_compare (milestone_last_day (m), &today) >= 0)
        return g_strdup (hlg_timeline_kind_label (m->kind));
      last_started = m;
    }

  if (last_started == NULL)
    return g_strdup (_("Not started"));
  if (last_started == &g_array_index (self->milestones, Milestone, self->milestones->len - 1)
      && g_date_get_year (&today) > self->year)
    return g_strdup (_("Cycle closed"));

  return g_strdup (phase_after (last_started->kind));
}

/**
 * hlg_timeline_dup_accessible_text:
 *
 * Returns: (transfer full): the whole timeline as one sentence, as a
 *   screen reader reads it
 */
char *
hlg_timeline_dup_accessible_text (HlgTimeline *self)
{
  g_autoptr(GString) text = g_string_new (NULL);
  g_autofree char *phase = NULL;
  const Milestone *deadline;
  int days = -1;

  g_return_val_if_fail (HLG_IS_TIMELINE (self), NULL);

  if (self->cycle == NULL)
    return g_strdup (_("No cycle"));

  deadline = next_deadline (self, &days);
  /* Translators: %d is a year */
  g_string_append_printf (text, _("%d cycle: "), self->year);
  for (guint i = 0; i < self->milestones->len; i++)
    {
      const Milestone *m = &g_array_index (self->milestones, Milestone, i);
      g_autofree char *dates = format_dates (&m->start, &m->end, TRUE);

      if (i > 0)
        g_string_append (text, "; ");
      /* Translators: a milestone's title and its dates */
      g_string_append_printf (text, C_("milestone", "%s %s"), milestone_title (m), dates);
      if (m == deadline)
        {
          g_autofree char *left = days_left_text (days);

          g_string_append_printf (text, ", %s", left);
        }
    }
  if (self->milestones->len == 0)
    g_string_append (text, _("no milestones yet"));
  g_string_append (text, ".");

  phase = hlg_timeline_dup_phase (self);
  if (phase != NULL)
    /* Translators: %s is the phase of the cycle, such as “Board review” */
    g_string_append_printf (text, _(" Now: %s."), phase);

  return g_string_free (g_steal_pointer (&text), FALSE);
}

static void
update_accessible (HlgTimeline *self)
{
  g_autofree char *text = hlg_timeline_dup_accessible_text (self);
  const Milestone *m = find_milestone (self, self->selected, NULL);

  gtk_accessible_update_property (GTK_ACCESSIBLE (self),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL, text,
                                  -1);
  if (m != NULL)
    {
      g_autofree char *dates = format_dates (&m->start, &m->end, TRUE);
      /* Translators: the selected milestone of the timeline and its dates */
      g_autofree char *desc = g_strdup_printf (_("Selected: %s, %s"), milestone_title (m), dates);

      gtk_accessible_update_property (GTK_ACCESSIBLE (self),
                                      GTK_ACCESSIBLE_PROPERTY_DESCRIPTION, desc,
                                      -1);
    }
  else
    {
      gtk_accessible_reset_property (GTK_ACCESSIBLE (self), GTK_ACCESSIBLE_PROPERTY_DESCRIPTION);
    }
}

static void
select_milestone (HlgTimeline *self,
                  const char  *id)
{
  if (g_strcmp0 (self->selected, id) == 0)
    return;

  g_free (self->selected);
  self->selected = g_strdup (id);
  update_accessible (self);
  gtk_widget_queue_draw (GTK_WIDGET (self));
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_SELECTED_MILESTONE]);
}

static void
reload (HlgTimeline *self)
{
  JsonArray *array = NULL;

  g_array_set_size (self->milestones, 0);
  self->year = 0;

  if (self->cycle != NULL)
    {
      self->year = hlg_document_get_int (self->cycle, "year", 0);
      array = hlg_document_get_array (self->cycle, "milestones");
    }

  for (guint i = 0; array != NULL && i < json_array_get_length (array); i++)
    {
      JsonNode *node = json_array_get_element (array, i);
      JsonObject *object;
      Milestone m = { 0 };

      if (!JSON_NODE_HOLDS_OBJECT (node))
        continue;
      object = json_node_get_object (node);
      if (!parse_date (json_object_get_string_member_with_default (object, "start", NULL),
                       &m.start))
        continue;
      parse_date (json_object_get_string_member_with_default (object, "end", NULL), &m.end);
      m.id = g_strdup (json_object_get_string_member_with_default (object, "id", NULL));
      m.kind = g_strdup (json_object_get_string_member_with_default (object, "kind", NULL));
      m.title = g_strdup (json_object_get_string_member_with_default (object, "title", NULL));
      m.notes = g_strdup (json_object_get_string_member_with_default (object, "notes", NULL));
      g_array_append_val (self->milestones, m);
    }
  g_array_sort (self->milestones, compare_milestones);

  if (find_milestone (self, self->selected, NULL) == NULL)
    {
      const Milestone *m = current_milestone (self);

      select_milestone (self, m != NULL ? m->id : NULL);
    }

  update_accessible (self);
  gtk_widget_queue_resize (GTK_WIDGET (self));
}

static void
on_cycle_changed_cb (HlgTimeline *self)
{
  reload (self);
}

/* Layout */

static double
date_to_x (HlgTimeline *self,
           const GDate *date,
           double       width,
           double       fraction)
{
  double days = g_date_is_leap_year (self->year) ? 366 : 365;
  double day;

  if (g_date_get_year (date) < self->year)
    day = 0;
  else if (g_date_get_year (date) > self->year)
    day = days;
  else
    day = g_date_get_day_of_year (date) - 1 + fraction;

  return PAD_X + day / days * (width - 2 * PAD_X);
}

static int
text_height (HlgTimeline *self)
{
  g_autoptr(PangoLayout) layout = gtk_widget_create_pango_layout (GTK_WIDGET (self), "Xg");
  int h;

  pango_layout_get_pixel_size (layout, NULL, &h);

  return h;
}

static PangoLayout *
create_layout (HlgTimeline *self,
               const char  *text,
               gboolean     bold,
               gboolean     small,
               int          max_width)
{
  PangoLayout *layout = gtk_widget_create_pango_layout (GTK_WIDGET (self), text);
  PangoAttrList *attrs = pango_attr_list_new ();

  if (bold)
    pango_attr_list_insert (attrs, pango_attr_weight_new (PANGO_WEIGHT_BOLD));
  if (small)
    pango_attr_list_insert (attrs, pango_attr_scale_new (PANGO_SCALE_SMALL));
  pango_layout_set_attributes (layout, attrs);
  pango_attr_list_unref (attrs);
  if (max_width > 0)
    {
      pango_layout_set_width (layout, max_width * PANGO_SCALE);
      pango_layout_set_ellipsize (layout, PANGO_ELLIPSIZE_END);
    }

  return layout;
}

static double
header_height (HlgTimeline *self)
{
  return text_height (self) + 14;
}

/* Puts each milestone and its label in the first lane where it fits. */
static guint
place_milestones (HlgTimeline *self,
                  double       width,
                  GArray      *out)
{
  g_autofree double *lane_end = g_new0 (double, self->milestones->len + 1);
  guint n_lanes = 0;

  for (guint i = 0; i < self->milestones->len; i++)
    {
      const Milestone *m = &g_array_index (self->milestones, Milestone, i);
      g_autofree char *dates = format_dates (&m->start, &m->end, FALSE);
      Placement p = { 0 };
      int tw, dw;
      double label_w;
      guint lane;

      if (g_date_valid (&m->end) && g_date_compare (&m->end, &m->start) > 0)
        {
          p.x0 = date_to_x (self, &m->start, width, 0);
          p.x1 = MAX (date_to_x (self, &m->end, width, 1), p.x0 + MARK);
        }
      else
        {
          double cx = date_to_x (self, &m->start, width, 0.5);

          p.x0 = cx - MARK / 2;
          p.x1 = cx + MARK / 2;
        }

      /* The kind's short name keeps the drawing compact; the tooltip has the full title. */
      p.title = create_layout (self, hlg_timeline_kind_label (m->kind), TRUE, FALSE, MAX_LABEL);
      p.date = create_layout (self, dates, FALSE, TRUE, MAX_LABEL);
      pango_layout_get_pixel_size (p.title, &tw, NULL);
      pango_layout_get_pixel_size (p.date, &dw, NULL);
      label_w = MAX (tw, dw);

      p.label_x = p.x1 + LABEL_GAP;
      p.box_x0 = p.x0;
      p.box_x1 = p.label_x + label_w;
      if (p.box_x1 > width - PAD_X / 2)
        {
          p.label_x = p.x0 - LABEL_GAP - label_w;
          p.box_x0 = p.label_x;
          p.box_x1 = p.x1;
        }

      for (lane = 0; lane < n_lanes; lane++)
        if (lane_end[lane] + LANE_GAP <= p.box_x0)
          break;
      if (lane == n_lanes)
        n_lanes++;
      lane_end[lane] = p.box_x1;
      p.lane = lane;

      g_array_append_val (out, p);
    }

  return MAX (n_lanes, 1);
}

static double
lane_height (HlgTimeline *self)
{
  return 2 * text_height (self) + 10;
}

static double
total_height (HlgTimeline *self,
              guint        n_lanes)
{
  double th = text_height (self);

  return PAD_Y + header_height (self) + n_lanes * lane_height (self)
         + 10 /* axis */ + th + 6 /* months */ + th + 4 /* today */ + PAD_Y;
}

static void
hlg_timeline_measure (GtkWidget      *widget,
                      GtkOrientation  orientation,
                      int             for_size,
                      int            *minimum,
                      int            *natural,
                      int            *minimum_baseline,
                      int            *natural_baseline)
{
  HlgTimeline *self = HLG_TIMELINE (widget);

  if (orientation == GTK_ORIENTATION_HORIZONTAL)
    {
      *minimum = 360;
      *natural = 900;
    }
  else
    {
      g_autoptr(GArray) tmp = g_array_new (FALSE, TRUE, sizeof (Placement));
      guint n_lanes;

      g_array_set_clear_func (tmp, placement_clear);
      n_lanes = place_milestones (self, for_size > 0 ? for_size : 900, tmp);
      *minimum = *natural = (int) total_height (self, n_lanes);
    }
}

static GtkSizeRequestMode
hlg_timeline_get_request_mode (GtkWidget *widget)
{
  return GTK_SIZE_REQUEST_HEIGHT_FOR_WIDTH;
}

static void
hlg_timeline_size_allocate (GtkWidget *widget,
                            int        width,
                            int        height,
                            int        baseline)
{
  HlgTimeline *self = HLG_TIMELINE (widget);

  g_array_set_size (self->placements, 0);
  self->n_lanes = place_milestones (self, width, self->placements);
  self->lanes_top = PAD_Y + header_height (self);
  self->lane_height = lane_height (self);
}

/* Drawing */

static void
kind_color (HlgTimeline *self,
            const char  *kind,
            GdkRGBA     *out)
{
  G_GNUC_BEGIN_IGNORE_DEPRECATIONS
  GtkStyleContext *context = gtk_widget_get_style_context (GTK_WIDGET (self));

  for (guint i = 0; i < G_N_ELEMENTS (kind_colors); i++)
    {
      if (g_strcmp0 (kind, kind_colors[i].kind) != 0)
        continue;
      if (kind_colors[i].color_name != NULL
          && gtk_style_context_lookup_color (context, kind_colors[i].color_name, out))
        return;
      gdk_rgba_parse (out, kind_colors[i].fallback);
      return;
    }

  gtk_style_context_get_color (context, out);
  G_GNUC_END_IGNORE_DEPRECATIONS
}

static void
named_color (HlgTimeline *self,
             const char  *name,
             const char  *fallback,
             GdkRGBA     *out)
{
  G_GNUC_BEGIN_IGNORE_DEPRECATIONS
  if (!gtk_style_context_lookup_color (gtk_widget_get_style_context (GTK_WIDGET (self)),
                                       name, out))
    gdk_rgba_parse (out, fallback);
  G_GNUC_END_IGNORE_DEPRECATIONS
}

static void
fill_rounded (GtkSnapshot           *snapshot,
              const graphene_rect_t *rect,
              float                  radius,
              const GdkRGBA         *color)
{
  GskRoundedRect rounded;

  gsk_rounded_rect_init_from_rect (&rounded, rect, radius);
  gtk_snapshot_push_rounded_clip (snapshot, &rounded);
  gtk_snapshot_append_color (snapshot, color, rect);
  gtk_snapshot_pop (snapshot);
}

static void
draw_layout (GtkSnapshot   *snapshot,
             PangoLayout   *layout,
             double         x,
             double         y,
             const GdkRGBA *color)
{
  gtk_snapshot_save (snapshot);
  gtk_snapshot_translate (snapshot, &GRAPHENE_POINT_INIT (x, y));
  gtk_snapshot_append_layout (snapshot, layout, color);
  gtk_snapshot_restore (snapshot);
}

static GdkRGBA
with_alpha (const GdkRGBA *color,
            float          alpha)
{
  GdkRGBA c = *color;

  c.alpha *= alpha;

  return c;
}

static void
draw_header (HlgTimeline   *self,
             GtkSnapshot   *snapshot,
             double         width,
             const GdkRGBA *fg)
{
  g_autofree char *phase = hlg_timeline_dup_phase (self);
  g_autofree char *phase_text = NULL;
  g_autoptr(PangoLayout) left = NULL;
  const Milestone *deadline;
  int days = -1;
  int lw = 0;

  if (phase != NULL)
    {
      /* Translators: %s is the phase of the cycle, such as “Board review” */
      phase_text = g_strdup_printf (_("Now: %s"), phase);
      left = create_layout (self, phase_text, TRUE, FALSE, (int) (width / 2 - PAD_X));
      pango_layout_get_pixel_size (left, &lw, NULL);
      draw_layout (snapshot, left, PAD_X, PAD_Y, fg);
    }

  deadline = next_deadline (self, &days);
  if (deadline != NULL)
    {
      g_autofree char *dates = format_dates (&deadline->start, &deadline->end, TRUE);
      g_autofree char *left_text = days_left_text (days);
      /* Translators: the next deadline, its date and the days left, “Proposals due 15 September · 12 days left” */
      g_autofree char *text = g_strdup_printf (_("%s %s · %s"), milestone_title (deadline),
                                               dates, left_text);
      g_autoptr(PangoLayout) right = create_layout (self, text, FALSE, FALSE,
                                                    (int) (width - 3 * PAD_X - lw));
      GdkRGBA color;
      int rw;

      kind_color (self, deadline->kind, &color);
      pango_layout_get_pixel_size (right, &rw, NULL);
      draw_layout (snapshot, right, width - PAD_X - rw, PAD_Y, &color);
    }
}

static void
hlg_timeline_snapshot (GtkWidget   *widget,
                       GtkSnapshot *snapshot)
{
  HlgTimeline *self = HLG_TIMELINE (widget);
  double width = gtk_widget_get_width (widget);
  double th = text_height (self);
  double axis_y = self->lanes_top + self->n_lanes * self->lane_height + 4;
  double months_y = axis_y + 10;
  gboolean focused = gtk_widget_has_visible_focus (widget);
  GdkRGBA fg, dim, faint, accent;
  GDate today;
  int month_w_max = 0;
  gboolean short_months = FALSE;

  if (self->year == 0)
    return;

  G_GNUC_BEGIN_IGNORE_DEPRECATIONS
  gtk_style_context_get_color (gtk_widget_get_style_context (widget), &fg);
  G_GNUC_END_IGNORE_DEPRECATIONS
  dim = with_alpha (&fg, 0.6);
  faint = with_alpha (&fg, 0.12);
  named_color (self, "accent_color", "#1c71d8", &accent);
  get_today (self, &today);

  draw_header (self, snapshot, width, &fg);

  /* Months: a faint grid, the axis, and their names; short names when long ones do not fit. */
  for (int month = 1; month <= 12; month++)
    {
      GDate d;
      g_autofree char *name = NULL;
      g_autoptr(PangoLayout) layout = NULL;
      int w;

      g_date_clear (&d, 1);
      g_date_set_dmy (&d, 1, month, self->year);
      /* Translators: a month's name standing alone, see g_date_time_format() */
      name = format_date (&d, C_("month", "%OB"));
      layout = gtk_widget_create_pango_layout (widget, name);
      pango_layout_get_pixel_size (layout, &w, NULL);
      month_w_max = MAX (month_w_max, w);
    }
  short_months = month_w_max + 8 > (width - 2 * PAD_X) / 12;

  for (int month = 1; month <= 12; month++)
    {
      GDate d, next;
      g_autofree char *name = NULL;
      g_autoptr(PangoLayout) layout = NULL;
      double x0, x1;
      int w;

      g_date_clear (&d, 1);
      g_date_set_dmy (&d, 1, month, self->year);
      next = d;
      g_date_add_months (&next, 1);
      x0 = date_to_x (self, &d, width, 0);
      x1 = date_to_x (self, &next, width, 0);
      gtk_snapshot_append_color (snapshot, &faint,
                                 &GRAPHENE_RECT_INIT (x0, self->lanes_top - 4, 1,
                                                      axis_y - self->lanes_top + 10));
      name = format_date (&d, short_months ? C_("month", "%Ob") : C_("month", "%OB"));
      layout = create_layout (self, name, FALSE, short_months, 0);
      pango_layout_get_pixel_size (layout, &w, NULL);
      draw_layout (snapshot, layout, (x0 + x1 - w) / 2, months_y, &dim);
    }
  gtk_snapshot_append_color (snapshot, &faint,
                             &GRAPHENE_RECT_INIT (width - PAD_X, self->lanes_top - 4, 1,
                                                  axis_y - self->lanes_top + 10));
  fill_rounded (snapshot, &GRAPHENE_RECT_INIT (PAD_X, axis_y, width - 2 * PAD_X, 6), 3,
                &faint);

  /* Milestones: a band on the axis, a mark or bar in its lane, its label beside. */
  for (guint i = 0; i < self->milestones->len && i < self->placements->len; i++)
    {
      const Milestone *m = &g_array_index (self->milestones, Milestone, i);
      const Placement *p = &g_array_index (self->placements, Placement, i);
      gboolean past = g_date_compare (milestone_last_day (m), &today) < 0;
      gboolean selected = g_strcmp0 (m->id, self->selected) == 0;
      double y = self->lanes_top + p->lane * self->lane_height;
      double cy = y + th / 2;
      GdkRGBA color, label_color, connector;

      kind_color (self, m->kind, &color);
      if (past && !selected)
        color = with_alpha (&color, 0.55);
      label_color = past && !selected ? dim : fg;

      if (selected)
        {
          GdkRGBA bg = with_alpha (&color, 0.16);
          graphene_rect_t box = GRAPHENE_RECT_INIT (p->box_x0 - 5, y - 3,
                                                    p->box_x1 - p->box_x0 + 10,
                                                    self->lane_height - 4);

          fill_rounded (snapshot, &box, 6, &bg);
          if (focused)
            {
              GskRoundedRect rounded;
              float widths[4] = { 2, 2, 2, 2 };
              GdkRGBA ring = with_alpha (&accent, 0.6);
              GdkRGBA colors[4] = { ring, ring, ring, ring };

              gsk_rounded_rect_init_from_rect (&rounded, &box, 6);
              gtk_snapshot_append_border (snapshot, &rounded, widths, colors);
            }
        }

      /* The connector down to the axis, and the dates on the axis. */
      connector = with_alpha (&color, 0.5);
      gtk_snapshot_append_color (snapshot, &connector,
                                 &GRAPHENE_RECT_INIT ((p->x0 + p->x1) / 2 - 0.5, cy + MARK / 2,
                                                      1, axis_y - cy - MARK / 2));
      fill_rounded (snapshot, &GRAPHENE_RECT_INIT (p->x0, axis_y, MAX (p->x1 - p->x0, 6), 6), 3,
                    &color);

      if (p->x1 - p->x0 > MARK + 0.5)
        fill_rounded (snapshot, &GRAPHENE_RECT_INIT (p->x0, cy - MARK / 2 + 2, p->x1 - p->x0,
                                                     MARK - 4), (MARK - 4) / 2, &color);
      else
        fill_rounded (snapshot, &GRAPHENE_RECT_INIT (p->x0, cy - MARK / 2, MARK, MARK), MARK / 2,
                      &color);

      draw_layout (snapshot, p->title, p->label_x, y, &label_color);
      draw_layout (snapshot, p->date, p->label_x, y + th, &dim);
    }

  /* Today's line, when today falls in this year. */
  if (g_date_get_year (&today) == self->year)
    {
      double x = date_to_x (self, &today, width, 0.5);
      g_autoptr(PangoLayout) layout = create_layout (self, _("Today"), TRUE, TRUE, 0);
      int w;

      gtk_snapshot_append_color (snapshot, &accent,
                                 &GRAPHENE_RECT_INIT (x - 1, self->lanes_top - 6, 2,
                                                      axis_y - self->lanes_top + 12));
      fill_rounded (snapshot, &GRAPHENE_RECT_INIT (x - 4, axis_y - 1, 8, 8), 4, &accent);
      pango_layout_get_pixel_size (layout, &w, NULL);
      draw_layout (snapshot, layout, CLAMP (x - w / 2.0, PAD_X / 2, width - PAD_X / 2 - w),
                   months_y + th + 2, &accent);
    }
}

/* Input */

static const Milestone *
milestone_at (HlgTimeline *self,
              double       x,
              double       y)
{
  for (guint i = 0; i < self->milestones->len && i < self->placements->len; i++)
    {
      const Placement *p = &g_array_index (self->placements, Placement, i);
      double top = self->lanes_top + p->lane * self->lane_height;

      if (x >= p->box_x0 - 4 && x <= p->box_x1 + 4 && y >= top - 4
          && y <= top + self->lane_height - 4)
        return &g_array_index (self->milestones, Milestone, i);
    }

  return NULL;
}

static void
on_click_pressed_cb (GtkGestureClick *gesture,
                     int              n_press,
                     double           x,
                     double           y,
                     HlgTimeline     *self)
{
  const Milestone *m = milestone_at (self, x, y);
  g_autofree char *id = NULL;

  if (m == NULL)
    return;

  id = g_strdup (m->id);
  gtk_widget_grab_focus (GTK_WIDGET (self));
  select_milestone (self, id);
  g_signal_emit (self, signals[MILESTONE_ACTIVATED], 0, id);
}

static gboolean
on_query_tooltip_cb (GtkWidget   *widget,
                     int          x,
                     int          y,
                     gboolean     keyboard,
                     GtkTooltip  *tooltip,
                     HlgTimeline *self)
{
  const Milestone *m = keyboard ? find_milestone (self, self->selected, NULL)
                                : milestone_at (self, x, y);
  g_autofree char *dates = NULL;
  g_autofree char *text = NULL;

  if (m == NULL)
    return FALSE;

  dates = format_dates (&m->start, &m->end, TRUE);
  if (m->notes != NULL && m->notes[0] != '\0')
    text = g_strdup_printf ("%s\n%s\n%s", milestone_title (m), dates, m->notes);
  else
    text = g_strdup_printf ("%s\n%s", milestone_title (m), dates);
  gtk_tooltip_set_text (tooltip, text);

  return TRUE;
}

static void
move_selection (HlgTimeline *self,
                int          delta)
{
  guint index = 0;
  int next;

  if (self->milestones->len == 0)
    return;

  if (find_milestone (self, self->selected, &index) == NULL)
    next = delta > 0 ? 0 : (int) self->milestones->len - 1;
  else
    next = CLAMP ((int) index + delta, 0, (int) self->milestones->len - 1);

  select_milestone (self, g_array_index (self->milestones, Milestone, next).id);
}

static void
select_next_action (GtkWidget  *widget,
                    const char *action_name,
                    GVariant   *parameter)
{
  move_selection (HLG_TIMELINE (widget), 1);
}

static void
select_previous_action (GtkWidget  *widget,
                        const char *action_name,
                        GVariant   *parameter)
{
  move_selection (HLG_TIMELINE (widget), -1);
}

static void
activate_selected_action (GtkWidget  *widget,
                          const char *action_name,
                          GVariant   *parameter)
{
  HlgTimeline *self = HLG_TIMELINE (widget);
  g_autofree char *id = g_strdup (self->selected);

  if (find_milestone (self, id, NULL) != NULL)
    g_signal_emit (self, signals[MILESTONE_ACTIVATED], 0, id);
}

/* GObject */

static void
hlg_timeline_dispose (GObject *object)
{
  HlgTimeline *self = HLG_TIMELINE (object);

  if (self->cycle != NULL)
    g_clear_signal_handler (&self->changed_id, self->cycle);
  g_clear_object (&self->cycle);

  G_OBJECT_CLASS (hlg_timeline_parent_class)->dispose (object);
}

static void
hlg_timeline_finalize (GObject *object)
{
  HlgTimeline *self = HLG_TIMELINE (object);

  g_clear_pointer (&self->today, g_date_time_unref);
  g_clear_pointer (&self->selected, g_free);
  g_clear_pointer (&self->milestones, g_array_unref);
  g_clear_pointer (&self->placements, g_array_unref);

  G_OBJECT_CLASS (hlg_timeline_parent_class)->finalize (object);
}

static void
hlg_timeline_get_property (GObject    *object,
                           guint       prop_id,
                           GValue     *value,
                           GParamSpec *pspec)
{
  HlgTimeline *self = HLG_TIMELINE (object);

  switch (prop_id)
    {
    case PROP_CYCLE:
      g_value_set_object (value, self->cycle);
      break;

    case PROP_TODAY:
      g_value_set_boxed (value, self->today);
      break;

    case PROP_SELECTED_MILESTONE:
      g_value_set_string (value, self->selected);
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
hlg_timeline_set_property (GObject      *object,
                           guint         prop_id,
                           const GValue *value,
                           GParamSpec   *pspec)
{
  HlgTimeline *self = HLG_TIMELINE (object);

  switch (prop_id)
    {
    case PROP_CYCLE:
      hlg_timeline_set_cycle (self, g_value_get_object (value));
      break;

    case PROP_TODAY:
      hlg_timeline_set_today (self, g_value_get_boxed (value));
      break;

    case PROP_SELECTED_MILESTONE:
      hlg_timeline_set_selected_milestone (self, g_value_get_string (value));
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
hlg_timeline_class_init (HlgTimelineClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = hlg_timeline_dispose;
  object_class->finalize = hlg_timeline_finalize;
  object_class->get_property = hlg_timeline_get_property;
  object_class->set_property = hlg_timeline_set_property;

  widget_class->measure = hlg_timeline_measure;
  widget_class->get_request_mode = hlg_timeline_get_request_mode;
  widget_class->size_allocate = hlg_timeline_size_allocate;
  widget_class->snapshot = hlg_timeline_snapshot;

  properties[PROP_CYCLE] =
    g_param_spec_object ("cycle", NULL, NULL, HLG_TYPE_DOCUMENT,
                         G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_TODAY] =
    g_param_spec_boxed ("today", NULL, NULL, G_TYPE_DATE_TIME,
                        G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_SELECTED_MILESTONE] =
    g_param_spec_string ("selected-milestone", NULL, NULL, NULL,
                         G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  /**
   * HlgTimeline::milestone-activated:
   * @id: the milestone's id
   *
   * A milestone was clicked, or Enter pressed on the selected one.
   */
  signals[MILESTONE_ACTIVATED] =
    g_signal_new ("milestone-activated", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL, G_TYPE_NONE, 1, G_TYPE_STRING);

  gtk_widget_class_install_action (widget_class, "timeline.select-next", NULL,
                                   select_next_action);
  gtk_widget_class_install_action (widget_class, "timeline.select-previous", NULL,
                                   select_previous_action);
  gtk_widget_class_install_action (widget_class, "timeline.activate-selected", NULL,
                                   activate_selected_action);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Right, 0,
                                       "timeline.select-next", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_KP_Right, 0,
                                       "timeline.select-next", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Left, 0,
                                       "timeline.select-previous", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_KP_Left, 0,
                                       "timeline.select-previous", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Return, 0,
                                       "timeline.activate-selected", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_KP_Enter, 0,
                                       "timeline.activate-selected", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_space, 0,
                                       "timeline.activate-selected", NULL);

  gtk_widget_class_set_css_name (widget_class, "timeline");
  gtk_widget_class_set_accessible_role (widget_class, GTK_ACCESSIBLE_ROLE_GROUP);
}

static void
hlg_timeline_init (HlgTimeline *self)
{
  GtkGesture *click = gtk_gesture_click_new ();

  self->milestones = g_array_new (FALSE, TRUE, sizeof (Milestone));
  g_array_set_clear_func (self->milestones, milestone_clear);
  self->placements = g_array_new (FALSE, TRUE, sizeof (Placement));
  g_array_set_clear_func (self->placements, placement_clear);
  self->n_lanes = 1;

  gtk_widget_set_focusable (GTK_WIDGET (self), TRUE);
  gtk_widget_set_has_tooltip (GTK_WIDGET (self), TRUE);
  g_signal_connect (self, "query-tooltip", G_CALLBACK (on_query_tooltip_cb), self);

  gtk_gesture_single_set_button (GTK_GESTURE_SINGLE (click), GDK_BUTTON_PRIMARY);
  g_signal_connect (click, "pressed", G_CALLBACK (on_click_pressed_cb), self);
  gtk_widget_add_controller (GTK_WIDGET (self), GTK_EVENT_CONTROLLER (click));

  update_accessible (self);
}

GtkWidget *
hlg_timeline_new (void)
{
  return g_object_new (HLG_TYPE_TIMELINE, NULL);
}

/**
 * hlg_timeline_get_cycle:
 *
 * Returns: (transfer none) (nullable): the cycle document shown
 */
HlgDocument *
hlg_timeline_get_cycle (HlgTimeline *self)
{
  g_return_val_if_fail (HLG_IS_TIMELINE (self), NULL);

  return self->cycle;
}

void
hlg_timeline_set_cycle (HlgTimeline *self,
                        HlgDocument *cycle)
{
  g_return_if_fail (HLG_IS_TIMELINE (self));
  g_return_if_fail (cycle == NULL || HLG_IS_DOCUMENT (cycle));

  if (self->cycle == cycle)
    return;

  if (self->cycle != NULL)
    g_clear_signal_handler (&self->changed_id, self->cycle);
  g_set_object (&self->cycle, cycle);
  if (cycle != NULL)
    self->changed_id = g_signal_connect_swapped (cycle, "changed",
                                                 G_CALLBACK (on_cycle_changed_cb), self);

  reload (self);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_CYCLE]);
}

/**
 * hlg_timeline_get_today:
 *
 * Returns: (transfer none) (nullable): the day taken as today, or NULL for now
 */
GDateTime *
hlg_timeline_get_today (HlgTimeline *self)
{
  g_return_val_if_fail (HLG_IS_TIMELINE (self), NULL);

  return self->today;
}

void
hlg_timeline_set_today (HlgTimeline *self,
                        GDateTime   *today)
{
  g_return_if_fail (HLG_IS_TIMELINE (self));

  if (self->today == today)
    return;

  g_clear_pointer (&self->today, g_date_time_unref);
  if (today != NULL)
    self->today = g_date_time_ref (today);

  update_accessible (self);
  gtk_widget_queue_draw (GTK_WIDGET (self));
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_TODAY]);
}

const char *
hlg_timeline_get_selected_milestone (HlgTimeline *self)
{
  g_return_val_if_fail (HLG_IS_TIMELINE (self), NULL);

  return self->selected;
}

void
hlg_timeline_set_selected_milestone (HlgTimeline *self,
                                     const char  *id)
{
  g_return_if_fail (HLG_IS_TIMELINE (self));

  select_milestone (self, id);
}

/**
 * hlg_timeline_get_selected_kind:
 *
 * Returns: (nullable): the kind of the selected milestone
 */
const char *
hlg_timeline_get_selected_kind (HlgTimeline *self)
{
  const Milestone *m;

  g_return_val_if_fail (HLG_IS_TIMELINE (self), NULL);

  m = find_milestone (self, self->selected, NULL);

  return m != NULL ? m->kind : NULL;
}
