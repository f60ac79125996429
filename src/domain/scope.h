/*
 * scope.h — what a goal, a split or a metric is about, by id: the company, a
 * person, a team (a manager and everyone reporting to them, at any depth) or
 * a unit (with its sub-units). Ids are store ids (people.id for person and
 * team, units.id for unit, 0 for the company); names are only read on input
 * and printed on output (app/org.h), so a rename or a shared name never
 * changes what a stored goal refers to.
 */
#pragma once
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <string.h>

enum scope_kind { SCOPE_COMPANY, SCOPE_PERSON, SCOPE_TEAM, SCOPE_UNIT };

struct scope_ref {
    enum scope_kind kind;
    int64_t id; /* people.id (person, team), units.id (unit), 0 (company) */
};

/* "company", "person", "team", "unit" (the stored spelling). */
static inline const char *scope_kind_name(enum scope_kind k)
{
    return k == SCOPE_PERSON ? "person"
           : k == SCOPE_TEAM ? "team"
           : k == SCOPE_UNIT ? "unit"
                             : "company";
}

/* The kind spelled by the LEN bytes at TEXT; false when none. */
static inline bool scope_kind_parse(const char *text, size_t len, enum scope_kind *out)
{
    static const char *const names[] = {"company", "person", "team", "unit"};
    for (int k = 0; k < 4; k++)
        if (strlen(names[k]) == len && strncmp(text, names[k], len) == 0) {
            *out = (enum scope_kind)k;
            return true;
        }
    return false;
}

static inline bool scope_ref_eq(const struct scope_ref *a, const struct scope_ref *b)
{
    return a->kind == b->kind && (a->kind == SCOPE_COMPANY || a->id == b->id);
}
