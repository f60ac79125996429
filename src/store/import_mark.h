/*
 * import_mark.h — what the store keeps of the last committed import of each
 * kind, so an unchanged file imported again need not be read row by row
 * (app/import_skip.h decides; issue 11 §2): a mark (text the app makes) under
 * meta "import_mark:KIND", and the state of the data it was taken at.
 */
#pragma once
#include <stddef.h>

#include "base/err.h"

struct db;

/* The state of the data an import reads and writes, as text into OUT (SIZE
 * bytes, STORE_IMPORT_STATE_LEN is enough): the data key (identity,
 * generation and random token moved by every store_touch, schema and
 * settings) and the newest seq of the change log (moved by every insert,
 * delete or update of a feed column, whoever writes it: its seq never goes
 * back, pruning keeps the newest rows). Equal texts: no write through attain
 * and no logged write by anyone came in between. */
#define STORE_IMPORT_STATE_LEN 160
enum at_status store_import_state(struct db *db, char *out, size_t size, struct at_err *err);

/* The mark of the last import of KIND ("orders"), malloc'd into *OUT (caller
 * frees), or *OUT = NULL when there is none. */
enum at_status store_import_mark_get(struct db *db, const char *kind, char **out,
                                     struct at_err *err);
/* Set the mark of KIND to TEXT, or remove it (TEXT NULL); in the caller's
 * transaction. */
enum at_status store_import_mark_set(struct db *db, const char *kind, const char *text,
                                     struct at_err *err);
