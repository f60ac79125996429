/*
 * csv.c — the streaming CSV reader behind every import, and the field writer.
 *
 * Pipeline, one fixed-size chunk at a time (memory does not grow with the
 * file):
 *
 *   source (fd or memory) -> raw chunk -> UTF-8 check or iconv -> BOM strip
 *   -> delimiter detection (first block only) -> libcsv -> record callback
 *
 * The encoding is decided on the first raw chunk (BOM, NUL pattern, UTF-8
 * validity); the delimiter on the first converted block. A multibyte sequence
 * cut by the end of a chunk is carried over to the next one, for the UTF-8
 * check and for iconv (EINVAL) alike.
 *
 * libcsv calls us once per field and once per row end. Fields are copied into
 * one growing byte buffer per record (libcsv reuses its own buffer for every
 * field) and handed out as a pointer array built when the row ends; all these
 * arrays are reused across records, so steady-state reading does not allocate.
 * Line numbers are derived from libcsv's row-end callbacks (CSV_REPALL_NL
 * reports every unquoted CR and LF) plus the LFs inside quoted fields.
 *
 * libcsv options and why:
 *  - CSV_STRICT: a quote after a closing quote ("a"b) is an error instead of
 *    silently swallowing the rest of the file; but a stray quote inside an
 *    unquoted field (24" monitor) is kept as a literal, as Excel reads it:
 *    on that particular strict error we feed the one quote non-strictly.
 *  - CSV_STRICT_FINI: an unterminated quoted field at end of input is an error.
 *  - CSV_REPALL_NL: every line end is reported, so we can count lines.
 *  - a space predicate that is always false: RFC 4180 spaces are data, and
 *    libcsv would otherwise trim spaces around unquoted fields (real exports
 *    have names with trailing spaces that must survive an import).
 */
#include "io/csv.h"

#include <assert.h>
#include <errno.h>
#include <fcntl.h>
#include <iconv.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <csv.h> /* libcsv, /usr/include; "io/csv.h" is ours */

#include "base/str.h"

/* Raw bytes read per chunk; overridable to exercise chunk boundaries in fuzzing. */
#ifndef CSV_CHUNK_SIZE
#define CSV_CHUNK_SIZE (256 * 1024)
#endif
/* iconv output block: UTF-16 and GB18030 grow by at most 3/2 into UTF-8; an
 * encoding that grows more just takes another round (E2BIG). */
#define CSV_OUT_SIZE (2 * CSV_CHUNK_SIZE + 64)
/* A record (its fields plus one byte per field) may not exceed this. */
#define CSV_MAX_RECORD ((size_t)1 << 20)
/* Records looked at to detect the delimiter. */
#define CSV_DETECT_RECORDS 20
/* libcsv grows its field buffer linearly by this much. */
#define CSV_LIBCSV_BLOCK (16 * 1024)

static const unsigned char utf8_bom[3] = {0xEF, 0xBB, 0xBF};

/* Where raw bytes come from: a file descriptor, or a caller's buffer. */
struct source {
    int fd;                   /* -1 for memory */
    const unsigned char *mem; /* memory source */
    size_t mem_len;
    size_t mem_pos;
};

/* The state of one csv_read call. */
struct reader {
    const char *name; /* for messages */
    bool zh;          /* messages in Chinese */
    csv_record_fn fn;
    void *ctx;
    struct at_err *err;
    struct csv_info *info; /* never NULL here (a local when the caller gave none) */

    struct csv_parser parser;
    unsigned char csv_opts;
    char delimiter; /* 0 until known */
    bool started;   /* the first converted block has been seen */

    /* The record being assembled: field bytes (each NUL-terminated) in data,
     * and per field its offset and length; fields[] is filled at row end. */
    char *data;
    size_t data_len;
    size_t data_cap;
    size_t *offs;
    size_t *lens;
    char **fields;
    size_t n_fields;
    size_t fields_cap;

    char **head; /* the first record's fields (copies), to name columns in messages */
    size_t n_head;

    long line;             /* physical line (1-based) of the next unread byte, as far
                              as row ends and finished records tell */
    long rec_line;         /* line where the record being assembled starts */
    bool pending_cr;       /* the last line end seen was a CR: a following LF belongs
                              to it, anything else means the CR ended a line */
    int64_t offset;        /* converted bytes handed to libcsv */
    enum at_status status; /* != AT_OK: stop; ERR is filled */
};

/* ---- small helpers ------------------------------------------------------ */

/* Number of LF bytes in S[0..N). */
static long count_lf(const char *s, size_t n)
{
    long count = 0;
    if (n == 0) /* S may be NULL then */
        return 0;
    const char *end = s + n;
    while ((s = memchr(s, '\n', (size_t)(end - s))) != NULL) {
        count++;
        s++;
    }
    return count;
}

/*
 * Length of the longest prefix of S[0..N) made of complete, valid UTF-8
 * characters (RFC 3629: no overlongs, surrogates or values past U+10FFFF).
 * *BAD is set when the scan stopped at an invalid sequence, cleared when it
 * reached N or stopped at a valid but unfinished sequence at the end of S.
 * ASCII is checked eight bytes at a time.
 */
static size_t utf8_valid_prefix(const unsigned char *s, size_t n, bool *bad)
{
    size_t i = 0;
    *bad = false;
    while (i < n) {
        if (s[i] < 0x80) {
            while (i + 8 <= n) {
                uint64_t w;
                memcpy(&w, s + i, 8);
                if (w & UINT64_C(0x8080808080808080))
                    break;
                i += 8;
            }
            while (i < n && s[i] < 0x80)
                i++;
            continue;
        }
        unsigned c = s[i];
        size_t need;
        unsigned lo = 0x80, hi = 0xBF; /* range of the second byte */
        if (c >= 0xC2 && c <= 0xDF) {
            need = 1;
        } else if (c == 0xE0) {
            need = 2;
            lo = 0xA0;
        } else if ((c >= 0xE1 && c <= 0xEC) || c == 0xEE || c == 0xEF) {
            need = 2;
        } else if (c == 0xED) {
            need = 2;
            hi = 0x9F;
        } else if (c == 0xF0) {
            need = 3;
            lo = 0x90;
        } else if (c >= 0xF1 && c <= 0xF3) {
            need = 3;
        } else if (c == 0xF4) {
            need = 3;
            hi = 0x8F;
        } else {
            *bad = true;
            return i;
        }
        for (size_t k = 1; k <= need; k++) {
            if (i + k >= n)
                return i; /* cut by the end of the buffer */
            unsigned b = s[i + k];
            if (b < (k == 1 ? lo : 0x80) || b > (k == 1 ? hi : 0xBF)) {
                *bad = true;
                return i;
            }
        }
        i += need + 1;
    }
    return n;
}

/* Copy NAME lower-cased without '-' and '_' into OUT (size N): "UTF_8" -> "utf8". */
static void encoding_key(const char *name, char *out, size_t n)
{
    size_t j = 0;
    for (; *name && j + 1 < n; name++) {
        char c = *name;
        if (c == '-' || c == '_')
            continue;
        out[j++] = (c >= 'A' && c <= 'Z') ? (char)(c - 'A' + 'a') : c;
    }
    out[j] = '\0';
}

/* Copy S into the fixed-size info->encoding, truncating. */
static void set_encoding_name(struct csv_info *info, const char *s)
{
    snprintf(info->encoding, sizeof info->encoding, "%s", s);
}

/* ---- delimiter detection ------------------------------------------------ */

/*
 * Field counts of the first records of S[0..N) split on D, quotes respected
 * (a quote opens a quoted field only at the start of a field; "" inside is a
 * quote). Blank lines are not records. The last line counts only when
 * COMPLETE (the sample is the whole input) or it ends with a line break.
 * Stores up to MAX counts in COUNTS and returns how many.
 */
static size_t count_fields(const char *s, size_t n, char d, bool complete, size_t *counts,
                           size_t max)
{
    size_t nrec = 0, fields = 1;
    bool in_quotes = false, field_start = true, line_empty = true;
    for (size_t i = 0; i < n && nrec < max; i++) {
        char c = s[i];
        if (in_quotes) {
            if (c == '"') {
                if (i + 1 < n && s[i + 1] == '"')
                    i++;
                else
                    in_quotes = false;
            }
            continue;
        }
        if (c == '\n' || c == '\r') {
            if (!line_empty)
                counts[nrec++] = fields;
            fields = 1;
            field_start = line_empty = true;
            continue;
        }
        line_empty = false;
        if (c == '"' && field_start) {
            in_quotes = true;
            field_start = false;
        } else if (c == d) {
            fields++;
            field_start = true;
        } else {
            field_start = false;
        }
    }
    if (complete && !line_empty && nrec < max)
        counts[nrec++] = fields;
    return nrec;
}

/*
 * The delimiter of the sample S[0..N) (COMPLETE: it is the whole input): among
 * comma, semicolon, tab and pipe, the one that splits the header into
 * more than one field and the most following records into the same number;
 * then the one giving more fields; then the earlier in that list (comma first).
 * Comma when none splits the header.
 */
static char detect_delimiter(const char *s, size_t n, bool complete)
{
    static const char candidates[] = {',', ';', '\t', '|'};
    size_t counts[CSV_DETECT_RECORDS];
    char best = ',';
    long best_score = -1;
    size_t best_fields = 0;
    for (size_t c = 0; c < sizeof candidates; c++) {
        size_t nrec = count_fields(s, n, candidates[c], complete, counts, CSV_DETECT_RECORDS);
        if (nrec == 0 || counts[0] < 2)
            continue;
        long score = 0;
        for (size_t k = 1; k < nrec; k++)
            score += counts[k] == counts[0];
        if (score > best_score || (score == best_score && counts[0] > best_fields)) {
            best = candidates[c];
            best_score = score;
            best_fields = counts[0];
        }
    }
    return best;
}

/* ---- libcsv callbacks --------------------------------------------------- */

/* libcsv space predicate: nothing is a space to trim (see the file comment). */
static int never_space(unsigned char c)
{
    (void)c;
    return 0;
}

/* Physical line of the next byte libcsv will read: for error messages. */
static long reader_line_now(const struct reader *r)
{
    long line = r->line + count_lf(r->data, r->data_len) +
                count_lf((const char *)r->parser.entry_buf, r->parser.entry_pos);
    if (r->n_fields == 0 && r->pending_cr)
        line++;
    return line;
}

/* Line where the record being assembled (perhaps not one field yet) starts. */
static long reader_record_line(const struct reader *r)
{
    if (r->n_fields > 0)
        return r->rec_line;
    return r->line + (r->pending_cr ? 1 : 0);
}

/* Fail with "NAME:LINE: record over 1 MiB" for the record being assembled. */
static void reader_too_big(struct reader *r)
{
    r->status = at_err_set(r->err, AT_INVALID,
                           r->zh ? "%s:%ld: 记录超过 1 MiB（引号未闭合的字段？）"
                                 : "%s:%ld: record over 1 MiB (an unterminated quoted field?)",
                           r->name, reader_record_line(r));
}

/* Fail with "NAME:LINE:COLUMN: NUL byte in field" for the field S[0..LEN) being
 * added at NUL: a NUL would cut the field short where it is used as a C string
 * ("Cu\0st X" read as "Cu"), so it is refused, never dropped. COLUMN is the
 * header's name for the column when the header has one, else its number. */
static void reader_nul(struct reader *r, const char *s, const char *nul)
{
    long line = r->rec_line + count_lf(r->data, r->data_len) + count_lf(s, (size_t)(nul - s));
    size_t col = r->n_fields;
    char num[32];
    const char *name = col < r->n_head && r->head[col][0] ? r->head[col] : NULL;
    if (!name) {
        snprintf(num, sizeof num, r->zh ? "第 %zu 列" : "column %zu", col + 1);
        name = num;
    }
    r->status = at_err_set(r->err, AT_INVALID,
                           r->zh ? "%s:%ld:%s: 字段中有 NUL 字节（\\0），文件可能已损坏或不是文本"
                                 : "%s:%ld:%s: NUL byte in field (a damaged file, or not text)",
                           r->name, line, name);
}

/* libcsv field callback: append the field to the record being assembled. */
static void on_field(void *s, size_t len, void *data)
{
    struct reader *r = data;
    if (r->status != AT_OK)
        return;
    if (r->n_fields == 0) {
        if (r->pending_cr) {
            r->line++;
            r->pending_cr = false;
        }
        r->rec_line = r->line;
    }
    const char *nul = len ? memchr(s, '\0', len) : NULL;
    if (nul) {
        reader_nul(r, s, nul);
        return;
    }
    if (len + 1 > CSV_MAX_RECORD - r->data_len) {
        reader_too_big(r);
        return;
    }
    if (r->data_len + len + 1 > r->data_cap) {
        size_t cap = r->data_cap ? r->data_cap : 4096;
        while (cap < r->data_len + len + 1)
            cap *= 2;
        r->data = xrealloc(r->data, cap);
        r->data_cap = cap;
    }
    if (r->n_fields == r->fields_cap) {
        size_t cap = r->fields_cap ? 2 * r->fields_cap : 64;
        r->offs = xrealloc(r->offs, cap * sizeof *r->offs);
        r->lens = xrealloc(r->lens, cap * sizeof *r->lens);
        r->fields = xrealloc(r->fields, cap * sizeof *r->fields);
        r->fields_cap = cap;
    }
    if (len)
        memcpy(r->data + r->data_len, s, len);
    r->data[r->data_len + len] = '\0';
    r->offs[r->n_fields] = r->data_len;
    r->lens[r->n_fields] = len;
    r->n_fields++;
    r->data_len += len + 1;
}

/* libcsv row callback: C is the CR or LF that ended the row, or -1 at the end
 * of input. Delivers the record (unless blank) and advances the line count. */
static void on_row(int c, void *data)
{
    struct reader *r = data;
    if (r->status != AT_OK)
        return;
    if (r->n_fields == 0) { /* a line end outside any record */
        if (c == '\n') {
            r->line++;
            r->pending_cr = false;
        } else if (c == '\r') {
            if (r->pending_cr)
                r->line++;
            r->pending_cr = true;
        }
        return;
    }
    if (!(r->n_fields == 1 && r->lens[0] == 0)) {
        for (size_t i = 0; i < r->n_fields; i++)
            r->fields[i] = r->data + r->offs[i];
        struct csv_record rec = {
            .fields = r->fields,
            .lens = r->lens,
            .n_fields = r->n_fields,
            .line = r->rec_line,
            .offset = r->offset,
        };
        r->info->records++;
        if (!r->head) { /* the header, kept to name columns */
            r->head = xcalloc(r->n_fields, sizeof *r->head);
            for (size_t i = 0; i < r->n_fields; i++)
                r->head[i] = xstrdup(r->fields[i]);
            r->n_head = r->n_fields;
        }
        enum at_status st = r->fn(&rec, r->ctx, r->err);
        if (st != AT_OK) {
            r->status = st;
            return;
        }
    }
    r->line += count_lf(r->data, r->data_len);
    if (c == '\n')
        r->line++;
    else if (c == '\r')
        r->pending_cr = true;
    r->n_fields = 0;
    r->data_len = 0;
}

/* ---- feeding libcsv ----------------------------------------------------- */

/* Parse S[0..N) of converted text. */
static enum at_status reader_feed(struct reader *r, const char *s, size_t n)
{
    struct csv_parser *p = &r->parser;
    size_t done = 0;
    while (done < n) {
        size_t used = csv_parse(p, s + done, n - done, on_field, on_row, r);
        if (r->status != AT_OK)
            return r->status;
        done += used;
        if (done == n)
            break;
        if (csv_error(p) != CSV_EPARSE)
            return at_err_set(r->err, AT_INTERNAL, "%s:%ld: CSV parser: %s", r->name,
                              reader_line_now(r), csv_strerror(csv_error(p)));
        p->status = CSV_SUCCESS;
        if (p->quoted)
            return r->status = at_err_set(
                       r->err, AT_INVALID,
                       r->zh ? "%s:%ld: 闭合引号后有多余字符（引号字段内的引号须写两次）"
                             : "%s:%ld: unexpected character after a closing quote (quotes "
                               "inside a quoted field must be doubled)",
                       r->name, reader_line_now(r));
        /* A quote inside an unquoted field: keep it as a literal character. */
        csv_set_opts(p, (unsigned char)(r->csv_opts & ~CSV_STRICT));
        done += csv_parse(p, s + done, 1, on_field, on_row, r);
        csv_set_opts(p, r->csv_opts);
        if (r->status != AT_OK)
            return r->status;
    }
    if (r->data_len + p->entry_pos > CSV_MAX_RECORD) {
        reader_too_big(r);
        return r->status;
    }
    return AT_OK;
}

/*
 * Hand the converted block S[0..N) on. The first non-empty block loses a
 * leading UTF-8 BOM and decides the delimiter (LAST: nothing follows it).
 */
static enum at_status reader_emit(struct reader *r, const char *s, size_t n, bool last)
{
    if (!r->started) {
        if (n == 0 && !last)
            return AT_OK;
        r->started = true;
        if (n >= 3 && memcmp(s, utf8_bom, 3) == 0) {
            s += 3;
            n -= 3;
        }
        if (!r->delimiter)
            r->delimiter = detect_delimiter(s, n, last);
        r->info->delimiter = r->delimiter;
        csv_set_delim(&r->parser, (unsigned char)r->delimiter);
    }
    if (n == 0)
        return AT_OK;
    r->offset += (int64_t)n;
    return reader_feed(r, s, n);
}

/* ---- reading ------------------------------------------------------------ */

/* Read up to WANT bytes into DST, as many as there are; *GOT is the count,
 * *EOF set when the source is exhausted. */
static enum at_status source_read(struct reader *r, struct source *src, unsigned char *dst,
                                  size_t want, size_t *got, bool *eof)
{
    *got = 0;
    if (src->fd < 0) {
        size_t n = src->mem_len - src->mem_pos;
        if (n > want)
            n = want;
        if (n)
            memcpy(dst, src->mem + src->mem_pos, n);
        src->mem_pos += n;
        *got = n;
        *eof = src->mem_pos == src->mem_len;
        return AT_OK;
    }
    while (*got < want) {
        ssize_t k = read(src->fd, dst + *got, want - *got);
        if (k < 0) {
            if (errno == EINTR)
                continue;
            return at_err_set(r->err, AT_IO, "%s: cannot read: %s", r->name, strerror(errno));
        }
        if (k == 0) {
            *eof = true;
            break;
        }
        *got += (size_t)k;
    }
    return AT_OK;
}

/*
 * Decide the encoding from OPT_ENC (NULL/"" = detect) and the first raw chunk
 * S[0..N) (EOF: it is the whole input). Sets info->encoding, and *FROM to the
 * iconv name to convert from, or NULL for UTF-8 (checked, not converted).
 */
static void pick_encoding(struct reader *r, const char *opt_enc, const unsigned char *s, size_t n,
                          bool eof, const char **from)
{
    bool bom8 = n >= 3 && memcmp(s, utf8_bom, 3) == 0;
    bool bom_le = n >= 2 && s[0] == 0xFF && s[1] == 0xFE;
    bool bom_be = n >= 2 && s[0] == 0xFE && s[1] == 0xFF;
    *from = NULL;

    if (opt_enc && *opt_enc) {
        char key[32];
        encoding_key(opt_enc, key, sizeof key);
        if (strcmp(key, "utf8") == 0) {
            set_encoding_name(r->info, bom8 ? "utf-8-bom" : "utf-8");
        } else if (strcmp(key, "utf16le") == 0 || (strcmp(key, "utf16") == 0 && !bom_be)) {
            set_encoding_name(r->info, "utf-16le");
            *from = "UTF-16LE";
        } else if (strcmp(key, "utf16be") == 0 || strcmp(key, "utf16") == 0) {
            set_encoding_name(r->info, "utf-16be");
            *from = "UTF-16BE";
        } else if (strcmp(key, "gb18030") == 0 || strcmp(key, "gbk") == 0 ||
                   strcmp(key, "gb2312") == 0 || strcmp(key, "cp936") == 0) {
            set_encoding_name(r->info, "gb18030");
            *from = "GB18030";
        } else {
            set_encoding_name(r->info, opt_enc);
            *from = opt_enc;
        }
        return;
    }

    if (bom8) {
        set_encoding_name(r->info, "utf-8-bom");
        return;
    }
    if (bom_le || bom_be) {
        set_encoding_name(r->info, bom_le ? "utf-16le" : "utf-16be");
        *from = bom_le ? "UTF-16LE" : "UTF-16BE";
        return;
    }
    /* UTF-16 without BOM: ASCII text (delimiters, digits, line ends) shows as
     * a NUL in every other byte, which is valid UTF-8 but useless read as such.
     * A few NULs on the other side come from characters like U+4E00. */
    size_t zero_even = 0, zero_odd = 0, pairs = n / 2;
    for (size_t i = 0; i + 1 < n; i += 2) {
        zero_even += s[i] == 0;
        zero_odd += s[i + 1] == 0;
    }
    bool le = zero_odd > pairs / 4 && zero_even * 8 < zero_odd;
    bool be = zero_even > pairs / 4 && zero_odd * 8 < zero_even;
    if (pairs >= 2 && (le || be)) {
        set_encoding_name(r->info, le ? "utf-16le" : "utf-16be");
        *from = le ? "UTF-16LE" : "UTF-16BE";
        return;
    }
    bool bad;
    size_t valid = utf8_valid_prefix(s, n, &bad);
    if (!bad && (valid == n || !eof)) {
        set_encoding_name(r->info, "utf-8");
        return;
    }
    /* Not UTF-8: what Excel writes on zh-CN Windows. */
    set_encoding_name(r->info, "gb18030");
    *from = "GB18030";
}

/* Decoding state across chunks. */
struct pipe {
    unsigned char *raw; /* CSV_CHUNK_SIZE bytes: carried-over tail, then new bytes */
    size_t raw_len;
    char *out; /* iconv output, CSV_OUT_SIZE bytes */
    iconv_t cd;
    int64_t raw_before; /* file bytes before raw[0] */
};

/*
 * Check and hand on the UTF-8 in P->raw; keep an unfinished trailing sequence
 * for the next chunk (an error at EOF).
 */
static enum at_status decode_utf8(struct reader *r, struct pipe *p, bool eof)
{
    bool bad;
    size_t valid = utf8_valid_prefix(p->raw, p->raw_len, &bad);
    bool last = eof && valid == p->raw_len;
    enum at_status st = reader_emit(r, (const char *)p->raw, valid, last);
    if (st != AT_OK)
        return st;
    if (bad || (eof && valid < p->raw_len))
        return at_err_set(r->err, AT_INVALID,
                          r->zh ? "%s:%ld: 无效的 UTF-8（字节 0x%02X，偏移 %lld）；"
                                  "文件若是其他编码，请指定编码"
                                : "%s:%ld: invalid UTF-8 (byte 0x%02X at offset %lld); give the "
                                  "encoding if the file is in another one",
                          r->name, reader_line_now(r), p->raw[valid],
                          (long long)(p->raw_before + (int64_t)valid));
    memmove(p->raw, p->raw + valid, p->raw_len - valid);
    p->raw_before += (int64_t)valid;
    p->raw_len -= valid;
    return AT_OK;
}

/*
 * Convert P->raw with iconv and hand the UTF-8 on, block by block; keep an
 * incomplete trailing sequence for the next chunk (an error at EOF).
 */
static enum at_status decode_iconv(struct reader *r, struct pipe *p, bool eof)
{
    char *in = (char *)p->raw;
    size_t in_left = p->raw_len;
    enum at_status st = AT_OK;
    for (;;) {
        char *out = p->out;
        size_t out_left = CSV_OUT_SIZE;
        size_t rc = iconv(p->cd, &in, &in_left, &out, &out_left);
        int e = errno;
        st = reader_emit(r, p->out, CSV_OUT_SIZE - out_left, eof && rc != (size_t)-1);
        if (st != AT_OK)
            return st;
        if (rc != (size_t)-1 || (e == EINVAL && !eof))
            break;
        if (e == E2BIG)
            continue;
        int64_t at = p->raw_before + (in - (char *)p->raw);
        if (e == EINVAL)
            return at_err_set(r->err, AT_INVALID,
                              r->zh ? "%s:%ld: %s 文本在文件末尾被截断（偏移 %lld）"
                                    : "%s:%ld: %s text cut off at the end of the file (offset "
                                      "%lld)",
                              r->name, reader_line_now(r), r->info->encoding, (long long)at);
        return at_err_set(r->err, AT_INVALID,
                          r->zh ? "%s:%ld: 不是有效的 %s（字节 0x%02X，偏移 %lld）；"
                                  "文件若是其他编码，请指定编码"
                                : "%s:%ld: not valid %s (byte 0x%02X at offset %lld); give the "
                                  "encoding if the file is in another one",
                          r->name, reader_line_now(r), r->info->encoding, (unsigned char)*in,
                          (long long)at);
    }
    size_t used = (size_t)(in - (char *)p->raw);
    memmove(p->raw, in, in_left);
    p->raw_before += (int64_t)used;
    p->raw_len = in_left;
    if (eof) { /* flush a stateful decoder */
        char *out = p->out;
        size_t out_left = CSV_OUT_SIZE;
        iconv(p->cd, NULL, NULL, &out, &out_left);
        st = reader_emit(r, p->out, CSV_OUT_SIZE - out_left, true);
    }
    return st;
}

/* Read all of SRC through the pipeline; on success finish the parse. */
static enum at_status reader_run(struct reader *r, struct source *src,
                                 const struct csv_options *opt)
{
    struct pipe p = {.raw = xmalloc(CSV_CHUNK_SIZE), .cd = (iconv_t)-1};
    const char *from = NULL; /* iconv source encoding; NULL for UTF-8 */
    enum at_status st = AT_OK;
    bool eof = false, first = true;

    while (!eof) {
        size_t got;
        if (p.raw_len == CSV_CHUNK_SIZE) { /* a carried tail never fills a chunk */
            st = at_err_set(r->err, AT_INTERNAL, "%s: decoder made no progress", r->name);
            goto out;
        }
        st = source_read(r, src, p.raw + p.raw_len, CSV_CHUNK_SIZE - p.raw_len, &got, &eof);
        if (st != AT_OK)
            goto out;
        p.raw_len += got;
        r->info->file_size += (int64_t)got;
        if (first) {
            first = false;
            pick_encoding(r, opt ? opt->encoding : NULL, p.raw, p.raw_len, eof, &from);
            if (from) {
                p.cd = iconv_open("UTF-8", from);
                if (p.cd == (iconv_t)-1) {
                    st = at_err_set(r->err, AT_INVALID,
                                    r->zh ? "%s: 未知编码\"%s\"" : "%s: unknown encoding \"%s\"",
                                    r->name, from);
                    goto out;
                }
                p.out = xmalloc(CSV_OUT_SIZE);
            }
        }
        st = from ? decode_iconv(r, &p, eof) : decode_utf8(r, &p, eof);
        if (st != AT_OK)
            goto out;
    }
    st = reader_emit(r, "", 0, true); /* an empty input still gets a delimiter */
    if (st != AT_OK)
        goto out;
    if (csv_fini(&r->parser, on_field, on_row, r) != 0) {
        st = at_err_set(r->err, AT_INVALID,
                        r->zh ? "%s:%ld: 引号字段到文件末尾仍未闭合"
                              : "%s:%ld: quoted field not closed at end of file",
                        r->name, reader_record_line(r));
        goto out;
    }
    st = r->status;
out:
    if (p.cd != (iconv_t)-1)
        iconv_close(p.cd);
    free(p.out);
    free(p.raw);
    return st;
}

/* Set up a reader over SRC, run it, and tear it down. */
static enum at_status read_source(struct source *src, const char *name,
                                  const struct csv_options *opt, csv_record_fn fn, void *ctx,
                                  struct csv_info *info, struct at_err *err)
{
    struct csv_info local = {.records = 0};
    struct reader r = {
        .name = name,
        .zh = opt && opt->lang && strcmp(opt->lang, "zh") == 0,
        .fn = fn,
        .ctx = ctx,
        .err = err,
        .info = info ? info : &local,
        .line = 1,
        .csv_opts = CSV_STRICT | CSV_STRICT_FINI | CSV_REPALL_NL,
    };
    assert(fn);
    memset(r.info, 0, sizeof *r.info);
    if (opt && opt->delimiter) {
        char d = opt->delimiter;
        if (d == '"' || d == '\r' || d == '\n')
            return at_err_set(err, AT_INVALID, "%s: cannot use %s as the delimiter", name,
                              d == '"' ? "a quote" : "a line break");
        r.delimiter = d;
    }
    if (csv_init(&r.parser, r.csv_opts) != 0)
        return at_err_set(err, AT_INTERNAL, "%s: cannot start the CSV parser", name);
    csv_set_space_func(&r.parser, never_space);
    csv_set_realloc_func(&r.parser, xrealloc);
    csv_set_free_func(&r.parser, free);
    csv_set_blk_size(&r.parser, CSV_LIBCSV_BLOCK);

    enum at_status st = reader_run(&r, src, opt);

    csv_free(&r.parser);
    for (size_t i = 0; i < r.n_head; i++)
        free(r.head[i]);
    free(r.head);
    free(r.data);
    free(r.offs);
    free(r.lens);
    free(r.fields);
    return st;
}

enum at_status csv_read(const char *path, const struct csv_options *opt, csv_record_fn fn,
                        void *ctx, struct csv_info *info, struct at_err *err)
{
    bool is_stdin = strcmp(path, "-") == 0;
    const char *name = is_stdin ? "<stdin>" : path;
    struct source src = {.fd = is_stdin ? STDIN_FILENO : open(path, O_RDONLY | O_CLOEXEC)};
    if (src.fd < 0) {
        if (info)
            memset(info, 0, sizeof *info);
        return at_err_set(err, AT_IO, "%s: cannot open: %s", name, strerror(errno));
    }
    enum at_status st = read_source(&src, name, opt, fn, ctx, info, err);
    if (!is_stdin)
        close(src.fd);
    return st;
}

enum at_status csv_read_buffer(const char *data, size_t size, const char *name,
                               const struct csv_options *opt, csv_record_fn fn, void *ctx,
                               struct csv_info *info, struct at_err *err)
{
    struct source src = {.fd = -1, .mem = (const unsigned char *)data, .mem_len = size};
    return read_source(&src, name ? name : "<buffer>", opt, fn, ctx, info, err);
}

/* ---- writing ------------------------------------------------------------ */

void csv_write_field(struct buf *out, const char *field, char delimiter)
{
    size_t len = strlen(field);
    bool quote = len > 0 && (field[0] == ' ' || field[0] == '\t' || field[len - 1] == ' ' ||
                             field[len - 1] == '\t');
    for (size_t i = 0; i < len && !quote; i++) {
        char c = field[i];
        quote = c == delimiter || c == '"' || c == '\r' || c == '\n';
    }
    if (!quote) {
        (void)buf_append(out, field, len);
        return;
    }
    /* All or nothing: on hitting the buffer's cap, leave it as it was. */
    size_t old_len = out->len;
    enum at_status st = buf_putc(out, '"');
    const char *s = field;
    const char *q;
    while (st == AT_OK && (q = strchr(s, '"')) != NULL) {
        st = buf_append(out, s, (size_t)(q - s + 1)); /* up to and with the quote */
        if (st == AT_OK)
            st = buf_putc(out, '"');
        s = q + 1;
    }
    if (st == AT_OK)
        st = buf_puts(out, s);
    if (st == AT_OK)
        st = buf_putc(out, '"');
    if (st != AT_OK && out->data) {
        out->len = old_len;
        out->data[old_len] = '\0';
    }
}
