/*
 * org.h — the org directory of an app: people and units read from the store
 * (store/org_store.h), never from the engine, so adding a goal right after an
 * import does not wait for an engine build. It turns what a person types into
 * ids and ids back into labels (ids inside, names at the edges), and holds the
 * rule of who a split over members reaches and with what capacity.
 *
 * Text → id. A person (person:X, team:X, an owner X) is found by, in order:
 * "#ID" (the store id), the external id, the employee number (工号), the
 * e-mail, "NAME#EMPNO" / "NAME#ID" (a label), then a name only one person
 * has. A name several people share is AT_AMBIGUOUS, naming each candidate by
 * label and unit: "person 张伟 is ambiguous: 张伟#E102 (华东/上海一组), 张伟#E230
 * (华南)". A unit (unit:X) by path, external id, "#ID", then a unique name.
 *
 * Id → label. The same spelling as the engine's scope texts: "company",
 * "person:NAME", "team:NAME", "unit:PATH"; when another person has the same
 * name, NAME carries "#EMPNO" (or "#ID" when the person has no employee
 * number), so labels are unique and read back to the same person.
 */
#pragma once
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "app/app.h"
#include "base/err.h"
#include "domain/period.h"
#include "domain/scope.h"

struct org;

/* The directory of APP's store, read on first use and again after a write
 * that changed people or units (the store generation moved and the change
 * log holds a change of the org, or cannot tell). Owned by APP; valid until
 * the next call. */
enum at_status app_org(struct app *app, const struct org **out, struct at_err *err);

/* app_org plus who sells (has orders, payments, deals or credit splits), which
 * org_members and org_capacity need; reading it scans those tables, so only
 * what splits goals asks for it. */
enum at_status app_org_sellers(struct app *app, const struct org **out, struct at_err *err);

/* Read the directory from DB (without sellers: see app_org_sellers). Caller owns *OUT (org_free).
 */
enum at_status org_load(struct db *db, struct org **out, struct at_err *err);
void org_free(struct org *o);

/* TEXT ("company", "公司", "person:X", "team:X", "unit:X") as a scope. Unknown:
 * AT_NOT_FOUND; a shared name: AT_AMBIGUOUS listing the candidates; a bad
 * kind: AT_INVALID. The message names TEXT. */
enum at_status org_resolve(const struct org *o, const char *text, struct scope_ref *out,
                           struct at_err *err);
/* A person given as X (see above) into *ID (people.id). */
enum at_status org_find_person(const struct org *o, const char *text, int64_t *id,
                               struct at_err *err);

/* The label of R into OUT ("person:张伟#E102"); false (and "person:#12") when
 * the person or unit is not in the directory. */
bool org_label(const struct org *o, const struct scope_ref *r, char *out, size_t size);
/* A person's label without a kind ("张伟#E102"); false when unknown. */
bool org_person_label(const struct org *o, int64_t id, char *out, size_t size);
/* The unit person ID belongs to (units.id), 0 when none or unknown. */
int64_t org_person_unit(const struct org *o, int64_t id);
/* The plain name of R (a person's name, a unit's name, "" for the company). */
const char *org_name(const struct org *o, const struct scope_ref *r);

/* Does OUTER hold INNER (itself, a member, a sub-unit, a team whose manager
 * is inside)? The company holds everything. */
bool org_contains(const struct org *o, const struct scope_ref *outer,
                  const struct scope_ref *inner);

/*
 * The people a split of scope S over members reaches during P, sorted by
 * label, with their capacity ×1000 in *WEIGHTS: everyone in S (S's subtree
 * of units, or the manager and everyone reporting to them at any depth) who
 * is there during P — active, or with a leave date — and who holds sales
 * credit or leads nobody (a manager who also sells is a member; a pure
 * manager is not; when that leaves nobody, everyone there is a member). Being
 * there: from the join date (or always) through the leave date (the last day;
 * or always); a person who left with no leave date is not there. Capacity is
 * the weight × days there in P / days of P, rounded half up; someone there
 * for no day of P is left out. A person scope is its person. Caller frees
 * *OUT and *WEIGHTS.
 */
enum at_status org_members(const struct org *o, const struct scope_ref *s, const struct period *p,
                           struct scope_ref **out, int64_t **weights, size_t *n,
                           struct at_err *err);
/* Σ capacity ×1000 of the members of S during P (0 when none). */
int64_t org_capacity(const struct org *o, const struct scope_ref *s, const struct period *p);

/* Every name a sentence may use for a scope, with the scope text it stands
 * for: people's names (a shared name stands for "person:NAME", which then
 * asks which one), unit names and paths. */
typedef void (*org_name_fn)(const char *name, const char *scope, void *ctx);
void org_each_name(const struct org *o, org_name_fn fn, void *ctx);

/*
 * Authority. The owner of a scope is its head (org_head); "above" follows
 * the manager tree. A person may report on (check in to) a scope they are
 * inside or whose head they stand above; a person may decide over a scope
 * (acknowledge a check-in, approve a change, adjust a call) when they stand
 * above its head — for a team or unit headed by someone with no manager (the
 * top of the company), that head decides too, since nobody stands above.
 */
/* Does BOSS stand above PERSON (their manager, the manager's manager, …)?
 * Never oneself; false for unknown ids. */
bool org_is_above(const struct org *o, int64_t boss, int64_t person);
/* PERSON's manager (people.id), 0 when none or unknown. */
int64_t org_manager(const struct org *o, int64_t person);
/* The person heading S: a person is their own head, a team its manager; a
 * unit or the company: among the people inside whose manager is not inside,
 * the active one leading the most people (lowest id on a tie); when that one
 * leads nobody, their manager (a unit of reps led from above). 0 when none. */
int64_t org_head(const struct org *o, const struct scope_ref *s);
/* Has person ID left (not active, or a leave date before TODAY; TODAY 0: not
 * asked)? True for an unknown id. */
bool org_person_left(const struct org *o, int64_t id, int32_t today);
/* Is S (a unit, a person, a team by its manager) inside a unit PERSON heads
 * (org_head), at any level up? For access.c: a manager's units. */
bool org_heads_unit_of(const struct org *o, int64_t person, const struct scope_ref *s);
/* The topmost unit PERSON heads (units.id; the first by id on a tie), 0 when none. */
int64_t org_headed_unit(const struct org *o, int64_t person);
bool org_may_report(const struct org *o, int64_t actor, const struct scope_ref *s);
bool org_may_decide(const struct org *o, int64_t actor, const struct scope_ref *s);

/* The person acting in APP's request (req.actor: "person:X" or X, found as
 * org_find_person finds people). No actor given: AT_INVALID asking for
 * --as person:NAME or $ATTAIN_AS; unknown or shared names as
 * org_find_person says. */
enum at_status app_actor(struct app *app, int64_t *person, struct at_err *err);
