-- 005_identity.sql — goals and action steps refer to people and units by id
-- (ids inside, names at the edges). goals.scope stays as the label the goal
-- was last written with (shown only when its person or unit is gone);
-- scope_kind/scope_id are what the goal is about. action_steps.owner_id is
-- the person who owns a step (owner keeps the text as typed).
--
-- Existing text scopes ("person:NAME", "team:NAME", "unit:PATH") are resolved
-- here by external id, then employee number, then a name only one person
-- (unit path, then unit external id, then a name only one unit) has.

ALTER TABLE goals ADD COLUMN scope_kind TEXT NOT NULL DEFAULT 'company'
    CHECK (scope_kind IN ('company', 'person', 'team', 'unit'));
ALTER TABLE goals ADD COLUMN scope_id INTEGER;
ALTER TABLE action_steps ADD COLUMN owner_id INTEGER REFERENCES people(id);

UPDATE goals SET scope_kind = substr(scope, 1, instr(scope, ':') - 1)
WHERE substr(scope, 1, instr(scope, ':') - 1) IN ('person', 'team', 'unit');

UPDATE goals SET scope_id = COALESCE(
    (SELECT p.id FROM people p WHERE p.ext_id = substr(goals.scope, instr(goals.scope, ':') + 1)),
    (SELECT min(p.id) FROM people p WHERE p.employee_no = substr(goals.scope, instr(goals.scope, ':') + 1)
     HAVING count(*) = 1),
    (SELECT min(p.id) FROM people p WHERE p.name = substr(goals.scope, instr(goals.scope, ':') + 1)
     HAVING count(*) = 1))
WHERE scope_kind IN ('person', 'team');

UPDATE goals SET scope_id = COALESCE(
    (SELECT u.id FROM units u WHERE u.path = substr(goals.scope, instr(goals.scope, ':') + 1)),
    (SELECT u.id FROM units u WHERE u.ext_id = substr(goals.scope, instr(goals.scope, ':') + 1)),
    (SELECT min(u.id) FROM units u WHERE u.name = substr(goals.scope, instr(goals.scope, ':') + 1)
     HAVING count(*) = 1))
WHERE scope_kind = 'unit';

UPDATE action_steps SET owner_id = COALESCE(
    (SELECT p.id FROM people p WHERE p.ext_id = action_steps.owner),
    (SELECT min(p.id) FROM people p WHERE p.employee_no = action_steps.owner HAVING count(*) = 1),
    (SELECT min(p.id) FROM people p WHERE p.name = action_steps.owner HAVING count(*) = 1))
WHERE owner <> '';

CREATE INDEX goals_scope ON goals(scope_kind, scope_id);
