/*
 * demo.h — the demo use case: a database full of a realistic Chinese sales
 * company (attain demo, make run). The data is generated as CSV files by
 * demo_data.c and imported through the same import path as real exports.
 */
#pragma once
#include <stdint.h>

#include "app/app.h"
#include "app/import.h"

struct demo_result {
    long rows[IMPORT_KIND_COUNT]; /* data rows imported per kind */
    int64_t goals;                /* goals in the plan */
    double seconds;
};

/* Create or fill the database at PATH (CNY, Chinese holiday calendar) with the
 * demo company up to AS_OF, generated from SEED. The CSV files are written to a
 * temporary folder under TMPDIR (the front end's; NULL or "" = /tmp). */
enum at_status app_demo(const char *path, int32_t as_of, uint64_t seed, const char *tmpdir,
                        struct demo_result *res, struct at_err *err);
