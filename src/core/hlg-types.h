/* hlg-types.h: the core's shared typedefs and enums
 * SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <glib-object.h>

G_BEGIN_DECLS

typedef struct _HlgDocument HlgDocument;
typedef struct _HlgStore    HlgStore;

/* The document types of DESIGN.md, in the order of its table. */
typedef enum
{
  HLG_DOC_TYPE_CYCLE,
  HLG_DOC_TYPE_PRIORITY,
  HLG_DOC_TYPE_ORGANISATION,
  HLG_DOC_TYPE_PERSON,
  HLG_DOC_TYPE_PROPOSAL,
  HLG_DOC_TYPE_REVIEW,
  HLG_DOC_TYPE_FEEDBACK,
  HLG_DOC_TYPE_BALLOT,
  HLG_DOC_TYPE_PROJECT,
  HLG_DOC_TYPE_PROGRESS_REPORT,
  HLG_DOC_TYPE_GROUP,
  HLG_DOC_TYPE_TASK_TEAM,
  HLG_DOC_TYPE_BLUE_SKIES_REPORT,
  HLG_DOC_TYPE_INSPIRATION_SESSION,
  HLG_N_DOC_TYPES,
  HLG_DOC_TYPE_INVALID = -1,
} HlgDocType;

/* The newest document schema this build knows. */
#define HLG_SCHEMA_VERSION 1

G_END_DECLS
