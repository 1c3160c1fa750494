/* hlg-soup-read.h: sends a request and reads its whole answer into one buffer
 * SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <libsoup/soup.h>

G_BEGIN_DECLS

void    hlg_soup_send_and_read_async  (SoupSession          *session,
                                       SoupMessage          *msg,
                                       GCancellable         *cancellable,
                                       GAsyncReadyCallback   callback,
                                       gpointer              user_data);
GBytes *hlg_soup_send_and_read_finish (SoupSession          *session,
                                       GAsyncResult         *result,
                                       GError              **error);

G_END_DECLS
