/*
 * fuzz_csv.c — libFuzzer target for the CSV reader (io/csv.c).
 *
 * Feeds the input to csv_read_buffer with full auto-detection (encoding and
 * delimiter), then once more with an explicit encoding and delimiter chosen by
 * the last byte, and checks what every record promises: fields NUL-terminated
 * at their length, at least one field, lines that never go back, a record
 * within 1 MiB; and that a failure comes with a message.
 *
 * Build and run (from the repository root; seeds in tests/fuzz/corpus/csv/):
 *   clang -g -O1 -fsanitize=fuzzer,address,undefined -Isrc \
 *       src/base/err.c src/base/str.c src/io/csv.c tests/fuzz/fuzz_csv.c -lcsv -o fuzz_csv
 *   ./fuzz_csv -max_total_time=60 tests/fuzz/corpus/csv
 * Add -DCSV_CHUNK_SIZE=61 to make small inputs cross many chunk boundaries.
 * Keep every crasher as a seed in tests/fuzz/corpus/csv/.
 */
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "io/csv.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

/* What the callback has seen so far. */
struct seen {
    long last_line;
    int64_t last_offset;
    long records;
};

/* Callback: check the record's promises; abort on a broken one. */
static enum at_status check_record(const struct csv_record *rec, void *ctx, struct at_err *err)
{
    struct seen *s = ctx;
    size_t total = 0;
    (void)err;
    if (rec->n_fields == 0 || rec->line < 1 || rec->line < s->last_line ||
        rec->offset < s->last_offset)
        abort();
    for (size_t i = 0; i < rec->n_fields; i++) {
        if (rec->fields[i][rec->lens[i]] != '\0')
            abort();
        if (memchr(rec->fields[i], '\0', rec->lens[i]) == NULL &&
            strlen(rec->fields[i]) != rec->lens[i])
            abort();
        total += rec->lens[i] + 1;
    }
    if (total > ((size_t)1 << 20))
        abort();
    s->last_line = rec->line;
    s->last_offset = rec->offset;
    s->records++;
    return AT_OK;
}

/* Read DATA with OPT and check the outcome. */
static void read_once(const uint8_t *data, size_t size, const struct csv_options *opt)
{
    struct seen s = {0, 0, 0};
    struct csv_info info;
    struct at_err err = {AT_OK, ""};
    enum at_status st =
        csv_read_buffer((const char *)data, size, "fuzz.csv", opt, check_record, &s, &info, &err);
    if (st != AT_OK && err.msg[0] == '\0')
        abort();
    if (st == AT_OK && info.records != s.records)
        abort();
    if (info.file_size > (int64_t)size)
        abort();
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    static const char *const encodings[] = {"utf-8",    "utf-16",  "utf-16le",
                                            "utf-16be", "gb18030", "latin1"};
    static const char delimiters[] = {0, ',', ';', '\t', '|'};

    read_once(data, size, NULL);
    if (size > 0) {
        uint8_t pick = data[size - 1];
        struct csv_options opt = {.encoding = encodings[pick % 6],
                                  .delimiter = delimiters[(pick / 6) % 5]};
        read_once(data, size - 1, &opt);
    }
    return 0;
}
