#pragma once

#include <glib.h>
#include <stdint.h>

G_BEGIN_DECLS

/* Parses @data as JSON, imports it as a Postman collection, exports it and
 * imports the export again. Returns FALSE with @error set when the input is
 * not JSON or not a collection; aborts when the export of an accepted
 * collection cannot be read back, or reads back differently. */
gboolean tess_fuzz_postman_round_trip (const uint8_t  *data,
                                       size_t          size,
                                       GError        **error);

/* libFuzzer's entry points. */
int      LLVMFuzzerInitialize         (int            *argc,
                                       char         ***argv);
int      LLVMFuzzerTestOneInput       (const uint8_t  *data,
                                       size_t          size);

G_END_DECLS
