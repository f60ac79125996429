/*
 * import_skip.h — an unchanged file imported again is not read row by row
 * (issue 11 §2: re-import of an unchanged 10M-line file at 2M rows/s).
 *
 * Every committed import of a file records, in its transaction, a mark of
 * its kind (store/import_mark.h): a fingerprint — BLAKE2b of the file's bytes
 * and size, of every option that changes the result (--replace and the
 * period it resolves to, --map, the --mapping file's bytes, --value,
 * --encoding, --date-format, --won-without-close, an ingest token's unit,
 * the day for people and markets, whose rows read it) and of this build —
 * the state of the data once it committed (store_import_state: the data key
 * and the change log's newest seq) and what it reported (rows, per table
 * the rows a re-import finds unchanged, encoding, delimiter, columns). An
 * import whose fingerprint and state equal its kind's mark reports every
 * row unchanged without parsing the file: the same report and `imports` row
 * as the row-by-row path gives for it. Anything else — another byte,
 * option, build, any write in between — takes the row-by-row path.
 *
 * A mark is kept only when the counts it holds are what a re-import would
 * count: the import wrote rows only to its kind's own tables (no customer,
 * unit or manager made on the way), and, for people and units (managers and
 * parent units made from names), inserted none. stdin and files that are not
 * regular files are never marked.
 */
#pragma once
#include <stdbool.h>

#include "app/app.h"
#include "app/import.h"

/*
 * Called by app_import inside its write transaction, before it reads the
 * file. SOURCE is the name rows record; PERIOD_START..PERIOD_END the dates
 * --period resolved to ("" without). When the file can be skipped: REPORT
 * filled as the row-by-row path would, the import logged, the transaction
 * committed (rolled back for a dry run), *SKIPPED true: the import is done.
 * Otherwise *SKIPPED false and, when the file has a fingerprint, the mark is
 * recorded when the transaction commits (db_on_commit; REPORT must live
 * until then). An error is the store's: the caller rolls back.
 */
enum at_status import_skip_begin(struct app *app, const struct import_options *opt,
                                 const char *source, const char *period_start,
                                 const char *period_end, struct import_report *report,
                                 bool *skipped, struct at_err *err);
