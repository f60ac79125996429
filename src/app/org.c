/* org.c — the org directory: ids from text, labels from ids, members and
 * capacity (see org.h). */
#include "app/org.h"

#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "base/str.h"
#include "domain/calendar.h"
#include "store/db.h"
#include "store/org_store.h"

struct person {
    int64_t id, unit_id, manager_id, weight_milli;
    char *ext_id, *name, *employee_no, *email;
    int32_t join, leave;   /* first and last day there; INT32_MIN / INT32_MAX when open */
    int32_t unit, manager; /* indexes, -1 when none */
    bool active, shared, credited, leads;
};

struct unit {
    int64_t id, parent_id;
    char *ext_id, *name, *path;
    int32_t parent; /* index, -1 when none */
    int64_t head;   /* org_head of the unit, once asked (unit_head) */
    bool head_known;
};

struct org {
    struct person *people; /* by id */
    size_t n_people, cap_people;
    struct unit *units; /* by id */
    size_t n_units, cap_units;
    bool credited_known; /* people[].credited read (app_org_sellers) */
};

static char *dup_or_empty(const char *s)
{
    return xstrdup(s ? s : "");
}

static enum at_status add_person(const struct org_person_row *r, void *ctx, struct at_err *err)
{
    struct org *o = ctx;
    if (o->n_people == o->cap_people) {
        o->cap_people = o->cap_people ? 2 * o->cap_people : 64;
        o->people = xrealloc(o->people, o->cap_people * sizeof *o->people);
    }
    struct person *p = &o->people[o->n_people++];
    *p = (struct person){.id = r->id,
                         .unit_id = r->unit_id,
                         .manager_id = r->manager_id,
                         .weight_milli = r->weight_milli,
                         .ext_id = dup_or_empty(r->ext_id),
                         .name = dup_or_empty(r->name),
                         .employee_no = dup_or_empty(r->employee_no),
                         .email = dup_or_empty(r->email),
                         .join = INT32_MIN,
                         .leave = INT32_MAX,
                         .unit = -1,
                         .manager = -1,
                         .active = r->active};
    if (r->join_date && !cal_parse_iso(r->join_date, &p->join))
        return at_err_set(err, AT_INVALID, "person %s: join date \"%s\" is not YYYY-MM-DD",
                          p->ext_id, r->join_date);
    if (r->leave_date && !cal_parse_iso(r->leave_date, &p->leave))
        return at_err_set(err, AT_INVALID, "person %s: leave date \"%s\" is not YYYY-MM-DD",
                          p->ext_id, r->leave_date);
    return AT_OK;
}

static enum at_status add_unit(const struct org_unit_row *r, void *ctx, struct at_err *err)
{
    (void)err;
    struct org *o = ctx;
    if (o->n_units == o->cap_units) {
        o->cap_units = o->cap_units ? 2 * o->cap_units : 32;
        o->units = xrealloc(o->units, o->cap_units * sizeof *o->units);
    }
    o->units[o->n_units++] = (struct unit){.id = r->id,
                                           .parent_id = r->parent_id,
                                           .ext_id = dup_or_empty(r->ext_id),
                                           .name = dup_or_empty(r->name),
                                           .path = dup_or_empty(r->path),
                                           .parent = -1};
    return AT_OK;
}

static int32_t person_index(const struct org *o, int64_t id)
{
    size_t lo = 0, hi = o->n_people;
    while (lo < hi) {
        size_t mid = lo + (hi - lo) / 2;
        if (o->people[mid].id < id)
            lo = mid + 1;
        else
            hi = mid;
    }
    return lo < o->n_people && o->people[lo].id == id ? (int32_t)lo : -1;
}

static int32_t unit_index(const struct org *o, int64_t id)
{
    size_t lo = 0, hi = o->n_units;
    while (lo < hi) {
        size_t mid = lo + (hi - lo) / 2;
        if (o->units[mid].id < id)
            lo = mid + 1;
        else
            hi = mid;
    }
    return lo < o->n_units && o->units[lo].id == id ? (int32_t)lo : -1;
}

static enum at_status mark_credited(int64_t id, void *ctx, struct at_err *err)
{
    (void)err;
    struct org *o = ctx;
    int32_t i = person_index(o, id);
    if (i >= 0)
        o->people[i].credited = true;
    return AT_OK;
}

static int cmp_name(const void *a, const void *b)
{
    return strcmp((*(const struct person *const *)a)->name,
                  (*(const struct person *const *)b)->name);
}

enum at_status org_load(struct db *db, struct org **out, struct at_err *err)
{
    struct org *o = xcalloc(1, sizeof *o);
    enum at_status st = org_store_people(db, add_person, o, err);
    if (!st)
        st = org_store_units(db, add_unit, o, err);
    if (st) {
        org_free(o);
        *out = NULL;
        return st;
    }
    for (size_t i = 0; i < o->n_people; i++) {
        struct person *p = &o->people[i];
        p->unit = p->unit_id ? unit_index(o, p->unit_id) : -1;
        p->manager = p->manager_id ? person_index(o, p->manager_id) : -1;
        if (p->manager >= 0)
            o->people[p->manager].leads = true;
    }
    for (size_t i = 0; i < o->n_units; i++)
        o->units[i].parent = o->units[i].parent_id ? unit_index(o, o->units[i].parent_id) : -1;
    /* shared names: sort pointers by name, mark runs */
    struct person **by = xmalloc((o->n_people ? o->n_people : 1) * sizeof *by);
    for (size_t i = 0; i < o->n_people; i++)
        by[i] = &o->people[i];
    qsort(by, o->n_people, sizeof *by, cmp_name);
    for (size_t i = 0; i + 1 < o->n_people; i++)
        if (strcmp(by[i]->name, by[i + 1]->name) == 0)
            by[i]->shared = by[i + 1]->shared = true;
    free(by);
    *out = o;
    return AT_OK;
}

void org_free(struct org *o)
{
    if (!o)
        return;
    for (size_t i = 0; i < o->n_people; i++) {
        free(o->people[i].ext_id);
        free(o->people[i].name);
        free(o->people[i].employee_no);
        free(o->people[i].email);
    }
    for (size_t i = 0; i < o->n_units; i++) {
        free(o->units[i].ext_id);
        free(o->units[i].name);
        free(o->units[i].path);
    }
    free(o->people);
    free(o->units);
    free(o);
}

enum at_status app_org(struct app *app, const struct org **out, struct at_err *err)
{
    int64_t gen;
    enum at_status st = store_generation(app->db, &gen, err);
    if (st)
        return st;
    char id[40];
    if (app->org && app->org_generation != gen) {
        /* a data write that changed no person or unit (the change log says
         * so: its triggers cover every column read here) leaves the
         * directory as it was: a posted order does not reload it */
        bool changed = true;
        if ((st = store_identity(app->db, id, sizeof id, err)) ||
            (st = store_org_changed_since(app->db, app->org_seq, &changed, err)))
            return st;
        if (!changed && strcmp(id, app->org_identity) == 0) {
            app->org_generation = gen;
            /* who sells comes from the orders, deals and splits: read again */
            for (size_t i = 0; i < app->org->n_people; i++)
                app->org->people[i].credited = false;
            app->org->credited_known = false;
        }
    }
    if (!app->org || app->org_generation != gen) {
        /* the log's newest seq before the directory: a change committed in
         * between is in the directory and, logged after that seq, makes the
         * next check read it again */
        int64_t seq = 0, pruned = 0;
        struct org *o;
        if ((st = store_identity(app->db, id, sizeof id, err)) ||
            (st = store_change_state(app->db, &seq, &pruned, err)))
            return st;
        if ((st = org_load(app->db, &o, err)))
            return st;
        org_free(app->org);
        app->org = o;
        app->org_generation = gen;
        app->org_seq = seq;
        snprintf(app->org_identity, sizeof app->org_identity, "%s", id);
    }
    *out = app->org;
    return AT_OK;
}

enum at_status app_org_sellers(struct app *app, const struct org **out, struct at_err *err)
{
    enum at_status st = app_org(app, out, err);
    if (st || app->org->credited_known)
        return st;
    if ((st = org_store_credited(app->db, mark_credited, app->org, err))) {
        for (size_t i = 0; i < app->org->n_people; i++)
            app->org->people[i].credited = false;
        return st;
    }
    app->org->credited_known = true;
    return AT_OK;
}

/* ---- labels --------------------------------------------------------------- */

static void person_label(const struct person *p, char *out, size_t size)
{
    if (!p->shared)
        snprintf(out, size, "%s", p->name);
    else if (p->employee_no[0])
        snprintf(out, size, "%s#%s", p->name, p->employee_no);
    else
        snprintf(out, size, "%s#%lld", p->name, (long long)p->id);
}

bool org_person_label(const struct org *o, int64_t id, char *out, size_t size)
{
    int32_t i = person_index(o, id);
    if (i < 0) {
        snprintf(out, size, "#%lld", (long long)id);
        return false;
    }
    person_label(&o->people[i], out, size);
    return true;
}

int64_t org_person_unit(const struct org *o, int64_t id)
{
    int32_t i = person_index(o, id);
    return i < 0 ? 0 : o->people[i].unit_id;
}

bool org_label(const struct org *o, const struct scope_ref *r, char *out, size_t size)
{
    char name[300];
    bool found = true;
    switch (r->kind) {
    case SCOPE_COMPANY:
        snprintf(out, size, "company");
        return true;
    case SCOPE_PERSON:
    case SCOPE_TEAM:
        found = org_person_label(o, r->id, name, sizeof name);
        break;
    case SCOPE_UNIT: {
        int32_t u = unit_index(o, r->id);
        found = u >= 0;
        if (found)
            snprintf(name, sizeof name, "%s", o->units[u].path);
        else
            snprintf(name, sizeof name, "#%lld", (long long)r->id);
        break;
    }
    }
    snprintf(out, size, "%s:%s", scope_kind_name(r->kind), name);
    return found;
}

const char *org_name(const struct org *o, const struct scope_ref *r)
{
    int32_t i;
    if ((r->kind == SCOPE_PERSON || r->kind == SCOPE_TEAM) && (i = person_index(o, r->id)) >= 0)
        return o->people[i].name;
    if (r->kind == SCOPE_UNIT && (i = unit_index(o, r->id)) >= 0)
        return o->units[i].name;
    return "";
}

/* ---- text → id ------------------------------------------------------------ */

/* The candidates sharing NAME: "张伟#E102 (华东/上海一组), 张伟#E230 (华南)". */
static void candidates(const struct org *o, const char *name, char *out, size_t size)
{
    size_t len = 0;
    out[0] = '\0';
    for (size_t i = 0; i < o->n_people && len + 1 < size; i++) {
        const struct person *p = &o->people[i];
        if (strcmp(p->name, name) != 0)
            continue;
        char label[300];
        person_label(p, label, sizeof label);
        int w;
        if (p->unit >= 0)
            w = snprintf(out + len, size - len, "%s%s (%s)", len ? ", " : "", label,
                         o->units[p->unit].path);
        else
            w = snprintf(out + len, size - len, "%s%s", len ? ", " : "", label);
        if (w < 0)
            break;
        len += (size_t)w;
    }
}

/* "#12" → 12; false when TEXT is not '#' and digits. */
static bool hash_id(const char *text, int64_t *id)
{
    return text[0] == '#' && str_to_i64(text + 1, id) && *id > 0;
}

enum at_status org_find_person(const struct org *o, const char *text, int64_t *id,
                               struct at_err *err)
{
    int64_t n;
    if (hash_id(text, &n)) {
        if (person_index(o, n) < 0)
            return at_err_set(err, AT_NOT_FOUND, "no person #%lld", (long long)n);
        *id = n;
        return AT_OK;
    }
    /* external id, employee number, e-mail: the first that one person has */
    for (int pass = 0; pass < 3; pass++) {
        int hits = 0;
        int64_t found = 0;
        for (size_t i = 0; i < o->n_people; i++) {
            const struct person *p = &o->people[i];
            bool eq = pass == 0   ? strcmp(p->ext_id, text) == 0
                      : pass == 1 ? p->employee_no[0] && strcmp(p->employee_no, text) == 0
                                  : p->email[0] && strcasecmp(p->email, text) == 0;
            if (eq) {
                hits++;
                found = p->id;
            }
        }
        if (hits == 1) {
            *id = found;
            return AT_OK;
        }
    }
    /* a label: NAME#EMPNO or NAME#ID */
    const char *hash = strrchr(text, '#');
    if (hash && hash > text) {
        size_t k = (size_t)(hash - text);
        for (size_t i = 0; i < o->n_people; i++) {
            const struct person *p = &o->people[i];
            if (strlen(p->name) != k || strncmp(p->name, text, k) != 0)
                continue;
            if ((p->employee_no[0] && strcmp(p->employee_no, hash + 1) == 0) ||
                (hash_id(hash, &n) && n == p->id)) {
                *id = p->id;
                return AT_OK;
            }
        }
    }
    int hits = 0;
    int64_t found = 0;
    for (size_t i = 0; i < o->n_people; i++)
        if (strcmp(o->people[i].name, text) == 0) {
            hits++;
            found = o->people[i].id;
        }
    if (hits == 1) {
        *id = found;
        return AT_OK;
    }
    if (hits > 1) {
        char list[800];
        candidates(o, text, list, sizeof list);
        return at_err_set(err, AT_AMBIGUOUS, "person %s is ambiguous: %s", text, list);
    }
    return at_err_set(err, AT_NOT_FOUND, "no person \"%s\" (give a name, 工号, e-mail or #id)",
                      text);
}

static enum at_status find_unit(const struct org *o, const char *text, int64_t *id,
                                struct at_err *err)
{
    int64_t n;
    if (hash_id(text, &n)) {
        if (unit_index(o, n) < 0)
            return at_err_set(err, AT_NOT_FOUND, "no unit #%lld", (long long)n);
        *id = n;
        return AT_OK;
    }
    for (int pass = 0; pass < 3; pass++) {
        int hits = 0;
        int64_t found = 0;
        char list[800] = "";
        size_t len = 0;
        for (size_t i = 0; i < o->n_units; i++) {
            const struct unit *u = &o->units[i];
            const char *k = pass == 0 ? u->path : pass == 1 ? u->ext_id : u->name;
            if (strcmp(k, text) != 0)
                continue;
            hits++;
            found = u->id;
            if (len + 1 < sizeof list) {
                int w = snprintf(list + len, sizeof list - len, "%s%s", len ? ", " : "", u->path);
                if (w > 0)
                    len += (size_t)w;
            }
        }
        if (hits == 1) {
            *id = found;
            return AT_OK;
        }
        if (hits > 1)
            return at_err_set(err, AT_AMBIGUOUS, "unit %s is ambiguous: %s; give the path", text,
                              list);
    }
    return at_err_set(err, AT_NOT_FOUND, "no unit \"%s\"", text);
}

enum at_status org_resolve(const struct org *o, const char *text, struct scope_ref *out,
                           struct at_err *err)
{
    if (strcmp(text, "company") == 0 || strcmp(text, "公司") == 0) {
        *out = (struct scope_ref){SCOPE_COMPANY, 0};
        return AT_OK;
    }
    const char *colon = strchr(text, ':');
    enum scope_kind kind;
    if (!colon || !colon[1])
        return at_err_set(err, AT_INVALID,
                          "scope \"%s\": write company, person:NAME, team:NAME or unit:NAME", text);
    if (!scope_kind_parse(text, (size_t)(colon - text), &kind) || kind == SCOPE_COMPANY)
        return at_err_set(err, AT_INVALID,
                          "scope \"%s\": the kinds are company, person, team and unit", text);
    out->kind = kind;
    enum at_status st = kind == SCOPE_UNIT ? find_unit(o, colon + 1, &out->id, err)
                                           : org_find_person(o, colon + 1, &out->id, err);
    if (st)
        at_err_prefix(err, "scope %s: ", text);
    return st;
}

/* ---- membership ----------------------------------------------------------- */

static bool unit_under(const struct org *o, int32_t u, int32_t top)
{
    for (size_t steps = 0; u >= 0 && steps <= o->n_units; steps++, u = o->units[u].parent)
        if (u == top)
            return true;
    return false;
}

static bool reports_to(const struct org *o, int32_t p, int32_t top)
{
    for (size_t steps = 0; p >= 0 && steps <= o->n_people; steps++, p = o->people[p].manager)
        if (p == top)
            return true;
    return false;
}

/* Is person index P inside scope S? */
static bool person_in(const struct org *o, int32_t p, const struct scope_ref *s)
{
    switch (s->kind) {
    case SCOPE_COMPANY:
        return true;
    case SCOPE_PERSON:
        return o->people[p].id == s->id;
    case SCOPE_TEAM:
        return reports_to(o, p, person_index(o, s->id));
    case SCOPE_UNIT:
        return unit_under(o, o->people[p].unit, unit_index(o, s->id));
    }
    return false;
}

bool org_contains(const struct org *o, const struct scope_ref *outer, const struct scope_ref *inner)
{
    if (outer->kind == SCOPE_COMPANY)
        return true;
    int32_t i;
    switch (inner->kind) {
    case SCOPE_COMPANY:
        return false;
    case SCOPE_PERSON:
    case SCOPE_TEAM:
        if (outer->kind == SCOPE_PERSON)
            return inner->kind == SCOPE_PERSON && inner->id == outer->id;
        return (i = person_index(o, inner->id)) >= 0 && person_in(o, i, outer);
    case SCOPE_UNIT:
        return outer->kind == SCOPE_UNIT &&
               unit_under(o, unit_index(o, inner->id), unit_index(o, outer->id));
    }
    return false;
}

/* Days person P is there during P (0 when none). */
static int64_t days_there(const struct person *p, const struct period *per)
{
    if (!p->active && p->leave == INT32_MAX)
        return 0; /* left, no date known: gone for every period */
    int32_t from = p->join > per->start ? p->join : per->start;
    int32_t to = p->leave < per->end ? p->leave : per->end;
    return to >= from ? (int64_t)to - from + 1 : 0;
}

struct member {
    struct scope_ref ref;
    int64_t weight;
    char label[300];
};

static int cmp_member(const void *a, const void *b)
{
    return strcmp(((const struct member *)a)->label, ((const struct member *)b)->label);
}

enum at_status org_members(const struct org *o, const struct scope_ref *s, const struct period *p,
                           struct scope_ref **out, int64_t **weights, size_t *n, struct at_err *err)
{
    int64_t period_days = (int64_t)p->end - p->start + 1;
    if (period_days <= 0)
        return at_err_set(err, AT_INVALID, "an empty period has no members");
    if (!o->credited_known)
        return at_err_set(err, AT_INTERNAL,
                          "org_members: the directory was read without sellers "
                          "(use app_org_sellers)");
    struct member *m = xmalloc((o->n_people ? o->n_people : 1) * sizeof *m);
    size_t k = 0, sellers = 0;
    for (int pass = 0; pass < 2 && (pass == 0 || sellers == 0); pass++) {
        k = 0;
        for (size_t i = 0; i < o->n_people; i++) {
            const struct person *q = &o->people[i];
            if (!person_in(o, (int32_t)i, s))
                continue;
            int64_t days = days_there(q, p);
            if (days == 0)
                continue;
            /* pass 0: who sells or leads nobody; pass 1 (nobody): everyone there */
            if (pass == 0 && s->kind != SCOPE_PERSON && q->leads && !q->credited)
                continue;
            m[k].ref = (struct scope_ref){SCOPE_PERSON, q->id};
            m[k].weight = (q->weight_milli * days * 2 + period_days) / (2 * period_days);
            person_label(q, m[k].label, sizeof m[k].label);
            k++;
        }
        sellers = k;
    }
    qsort(m, k, sizeof *m, cmp_member);
    *out = xmalloc((k ? k : 1) * sizeof **out);
    *weights = xmalloc((k ? k : 1) * sizeof **weights);
    for (size_t i = 0; i < k; i++) {
        (*out)[i] = m[i].ref;
        (*weights)[i] = m[i].weight;
    }
    *n = k;
    free(m);
    return AT_OK;
}

int64_t org_capacity(const struct org *o, const struct scope_ref *s, const struct period *p)
{
    struct scope_ref *refs;
    int64_t *w, total = 0;
    size_t n;
    if (org_members(o, s, p, &refs, &w, &n, NULL) != AT_OK)
        return 0;
    for (size_t i = 0; i < n; i++)
        total += w[i];
    free(refs);
    free(w);
    return total;
}

void org_each_name(const struct org *o, org_name_fn fn, void *ctx)
{
    char scope[320];
    for (size_t i = 0; i < o->n_people; i++) {
        const struct person *p = &o->people[i];
        snprintf(scope, sizeof scope, "person:%s", p->name);
        fn(p->name, scope, ctx);
    }
    for (size_t i = 0; i < o->n_units; i++) {
        const struct unit *u = &o->units[i];
        snprintf(scope, sizeof scope, "unit:%s", u->path);
        fn(u->name, scope, ctx);
        if (strcmp(u->name, u->path) != 0)
            fn(u->path, scope, ctx);
    }
}

/* ---- authority: who may report on and decide over a scope ---------------- */

bool org_is_above(const struct org *o, int64_t boss, int64_t person)
{
    int32_t b = person_index(o, boss), p = person_index(o, person);
    if (b < 0 || p < 0 || b == p)
        return false;
    return reports_to(o, o->people[p].manager, b);
}

int64_t org_manager(const struct org *o, int64_t person)
{
    int32_t p = person_index(o, person);
    return p >= 0 && o->people[p].manager >= 0 ? o->people[o->people[p].manager].id : 0;
}

/* How many people report to index P at any depth (bounded by the cycle
 * guard of reports_to). */
static size_t reports_below(const struct org *o, int32_t p)
{
    size_t n = 0;
    for (size_t i = 0; i < o->n_people; i++)
        if ((int32_t)i != p && reports_to(o, (int32_t)i, p))
            n++;
    return n;
}

int64_t org_head(const struct org *o, const struct scope_ref *s)
{
    if (s->kind == SCOPE_PERSON || s->kind == SCOPE_TEAM)
        return person_index(o, s->id) >= 0 ? s->id : 0;
    /* a unit or the company: among the people inside with no manager inside,
     * the one who leads the most (the lowest id on a tie); active people
     * first */
    int32_t best = -1;
    size_t best_n = 0;
    bool best_active = false;
    for (size_t i = 0; i < o->n_people; i++) {
        const struct person *q = &o->people[i];
        if (!person_in(o, (int32_t)i, s))
            continue;
        if (q->manager >= 0 && person_in(o, q->manager, s))
            continue;
        size_t n = reports_below(o, (int32_t)i);
        bool better =
            best < 0 || (q->active && !best_active) || (q->active == best_active && n > best_n);
        if (better) {
            best = (int32_t)i;
            best_n = n;
            best_active = q->active;
        }
    }
    if (best < 0)
        return 0;
    /* nobody inside leads anyone (a unit of reps whose manager sits above
     * it): the head is the manager they report to */
    if (best_n == 0 && o->people[best].manager >= 0)
        return o->people[o->people[best].manager].id;
    return o->people[best].id;
}

bool org_person_left(const struct org *o, int64_t id, int32_t today)
{
    int32_t p = person_index(o, id);
    if (p < 0)
        return true;
    return !o->people[p].active || (today && o->people[p].leave < today);
}

/* The head of unit index U, worked out once per directory (a directory is
 * one app's: one thread). */
static int64_t unit_head(const struct org *o, int32_t u)
{
    struct unit *x = &o->units[u];
    if (!x->head_known) {
        struct scope_ref s = {SCOPE_UNIT, x->id};
        x->head = org_head(o, &s);
        x->head_known = true;
    }
    return x->head;
}

bool org_heads_unit_of(const struct org *o, int64_t person, const struct scope_ref *s)
{
    if (!person || person_index(o, person) < 0)
        return false;
    int32_t u = -1, p;
    if (s->kind == SCOPE_UNIT)
        u = unit_index(o, s->id);
    else if (s->kind != SCOPE_COMPANY && (p = person_index(o, s->id)) >= 0)
        u = o->people[p].unit;
    for (size_t steps = 0; u >= 0 && steps <= o->n_units; steps++, u = o->units[u].parent)
        if (unit_head(o, u) == person)
            return true;
    return false;
}

int64_t org_headed_unit(const struct org *o, int64_t person)
{
    if (!person || person_index(o, person) < 0)
        return 0;
    int64_t best = 0;
    size_t best_depth = SIZE_MAX;
    for (size_t i = 0; i < o->n_units; i++) {
        if (unit_head(o, (int32_t)i) != person)
            continue;
        size_t depth = 0;
        for (int32_t u = o->units[i].parent; u >= 0 && depth <= o->n_units; u = o->units[u].parent)
            depth++;
        if (depth < best_depth) {
            best = o->units[i].id;
            best_depth = depth;
        }
    }
    return best;
}

bool org_may_report(const struct org *o, int64_t actor, const struct scope_ref *s)
{
    int32_t a = person_index(o, actor);
    if (a < 0)
        return false;
    if (person_in(o, a, s))
        return true;
    int64_t head = org_head(o, s);
    return head && (actor == head || org_is_above(o, actor, head));
}

bool org_may_decide(const struct org *o, int64_t actor, const struct scope_ref *s)
{
    int64_t head = org_head(o, s);
    if (!head || person_index(o, actor) < 0)
        return false;
    if (org_is_above(o, actor, head))
        return true;
    /* the top of the company answers for itself: nobody stands above it */
    int32_t h = person_index(o, head);
    return s->kind != SCOPE_PERSON && actor == head && o->people[h].manager < 0;
}

enum at_status app_actor(struct app *app, int64_t *person, struct at_err *err)
{
    if (!app->req.actor_set)
        return at_err_set(err, AT_INVALID,
                          "who is acting? give --as person:NAME (or set ATTAIN_AS)");
    const struct org *o;
    enum at_status st = app_org(app, &o, err);
    if (st)
        return st;
    const char *text = app->req.actor;
    if (strncmp(text, "person:", 7) == 0)
        text += 7;
    if ((st = org_find_person(o, text, person, err))) {
        char why[sizeof err->msg];
        snprintf(why, sizeof why, "%s", err->msg);
        return at_err_set(err, st, "--as %s: %s", app->req.actor, why);
    }
    return AT_OK;
}
