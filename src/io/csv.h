/*
 * csv.h — reading CSV files as real exports write them.
 *
 * RFC 4180 (quoted fields with delimiters, quotes and newlines; CRLF or LF; a
 * missing final newline) parsed by libcsv. Before parsing, the reader finds the
 * encoding — UTF-8 with or without BOM, UTF-16 LE/BE with BOM, else GB18030 when
 * the bytes are not valid UTF-8 — and converts to UTF-8 with iconv; and the
 * delimiter among comma, semicolon, tab and pipe (the one that splits the
 * header line and the next lines into the same, largest number of fields,
 * outside quotes). The file is streamed: memory does not grow with its size.
 */
#pragma once
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "base/err.h"

struct csv_options {
    const char *encoding; /* NULL/"" = detect; else "utf-8", "utf-16le", "utf-16be",
                             "gb18030" (also "gbk", "gb2312" read as gb18030), or any
                             name iconv knows */
    char delimiter;       /* 0 = detect */
    const char *lang;     /* language of the error messages: "zh", else English */
};

/* One record: its fields as NUL-terminated UTF-8 strings (BOM removed from the
 * first field of the first record), valid only during the callback. */
struct csv_record {
    char **fields;
    size_t *lens;
    size_t n_fields;
    long line;      /* physical line (1-based) where the record starts */
    int64_t offset; /* bytes of the (converted) input consumed so far, for progress */
};

/* Called once per record, the header included. Return AT_OK to go on; any other
 * status stops reading and is returned by csv_read (with the callback's err). */
typedef enum at_status (*csv_record_fn)(const struct csv_record *rec, void *ctx,
                                        struct at_err *err);

/* What the reader found; filled by csv_read. */
struct csv_info {
    char encoding[32]; /* "utf-8", "utf-8-bom", "utf-16le", "utf-16be", "gb18030" or the name given
                        */
    char delimiter;
    int64_t file_size; /* bytes on disk */
    long records;      /* records read, header included */
};

/*
 * Read PATH ("-" is standard input) and call FN for every record. Blank lines
 * (no fields, or one empty field) are skipped. Errors: AT_IO when the file
 * cannot be opened or read; AT_INVALID with "PATH:LINE: reason" for bytes that
 * are not valid in the encoding, an unterminated quote, or a record over 1 MiB,
 * and "PATH:LINE:COLUMN: NUL byte in field" for a NUL byte (U+0000) in a field
 * (COLUMN is the first record's name of the column, else "column N"): fields
 * are used as C strings, so a NUL is refused rather than cut at.
 * INFO may be NULL.
 */
enum at_status csv_read(const char *path, const struct csv_options *opt, csv_record_fn fn,
                        void *ctx, struct csv_info *info, struct at_err *err);

/*
 * Like csv_read, but over the SIZE bytes at DATA (which the caller keeps and
 * which need not be NUL-terminated); NAME stands for the path in messages
 * ("<buffer>" when NULL), and info->file_size is SIZE. Same detection, same
 * chunked conversion, same errors except that there is no AT_IO. Used by the
 * tests and the fuzzer. In both functions OPT may be NULL (detect everything).
 */
enum at_status csv_read_buffer(const char *data, size_t size, const char *name,
                               const struct csv_options *opt, csv_record_fn fn, void *ctx,
                               struct csv_info *info, struct at_err *err);

/*
 * Write one CSV field to OUT per RFC 4180 (quoted when it holds the delimiter, a
 * quote, CR or LF, or leading/trailing spaces). Used by every CSV writer.
 */
struct buf;
void csv_write_field(struct buf *out, const char *field, char delimiter);
