/*
 * import.h — what an import run did (attain import --format json, POST
 * /api/import) as one JSON object both front ends print.
 */
#pragma once
#include <jansson.h>
#include <stdbool.h>

#include "app/import.h"

/*
 * O's run R as {"file","kind","rows","written","dry_run","encoding",
 * "delimiter","tables":{TABLE:{"inserted","updated","unchanged"[,"removed"]}},
 * "errors","bad_rows","ignored_columns"}. "errors" is, without DETAIL, the
 * report's lines ("FILE:LINE:COLUMN: reason", grouped by kind); with DETAIL
 * every bad row as {"line","column","message"} (up to
 * IMPORT_ROW_ERRORS_MAX), and "mapping" [{"column","field"}] (field null for
 * an ignored column) is added. Caller owns it.
 */
json_t *view_import_json(const struct import_options *o, const struct import_report *r,
                         bool detail);
