/* import_mark.c — the SQL of the import marks (see import_mark.h). */
#include "store/import_mark.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "base/str.h"
#include "store/db.h"

enum at_status store_import_state(struct db *db, char *out, size_t size, struct at_err *err)
{
    char key[STORE_DATA_KEY_LEN];
    int64_t max_seq = 0, pruned = 0;
    enum at_status st = store_data_key(db, key, sizeof key, err);
    if (!st)
        st = store_change_state(db, &max_seq, &pruned, err);
    if (st)
        return st;
    if ((size_t)snprintf(out, size, "%s#%lld", key, (long long)max_seq) >= size)
        return at_err_set(err, AT_INTERNAL, "import state longer than %zu bytes", size);
    return AT_OK;
}

static enum at_status mark_row(const struct store_row *row, void *ctx, struct at_err *err)
{
    (void)err;
    char **out = ctx;
    free(*out);
    *out = xstrdup(row->null[0] ? "" : row->s[0]);
    return AT_OK;
}

/* "import_mark:KIND" into KEY */
static enum at_status mark_key(const char *kind, char *key, size_t size, struct at_err *err)
{
    if (!kind || !*kind || (size_t)snprintf(key, size, "import_mark:%s", kind) >= size)
        return at_err_set(err, AT_INTERNAL, "import mark: bad kind");
    return AT_OK;
}

enum at_status store_import_mark_get(struct db *db, const char *kind, char **out,
                                     struct at_err *err)
{
    static const char sql[] = "SELECT value FROM meta WHERE key = ?1";
    char key[64];
    *out = NULL;
    enum at_status st = mark_key(kind, key, sizeof key, err);
    if (st)
        return st;
    struct store_val v = store_txt(key);
    st = store_exec(db, sql, &v, 1, mark_row, out, NULL, err);
    if (st) {
        free(*out);
        *out = NULL;
    }
    return st;
}

enum at_status store_import_mark_set(struct db *db, const char *kind, const char *text,
                                     struct at_err *err)
{
    static const char set_sql[] = "INSERT INTO meta(key, value) VALUES (?1, ?2) "
                                  "ON CONFLICT(key) DO UPDATE SET value = excluded.value";
    static const char del_sql[] = "DELETE FROM meta WHERE key = ?1";
    char key[64];
    enum at_status st = mark_key(kind, key, sizeof key, err);
    if (st)
        return st;
    struct store_val v[2] = {store_txt(key), store_txt(text)};
    return text ? store_exec(db, set_sql, v, 2, NULL, NULL, NULL, err)
                : store_exec(db, del_sql, v, 1, NULL, NULL, NULL, err);
}
