-- 010_adjustments.sql — adjustments with approval (调整, issue 9 section 4):
-- locked goals, the original plan (baseline) of each goal, and change
-- requests. A change to a locked goal's target, period or scope is not
-- written to the goal: it is kept here as a request, one row per goal it
-- would write (the whole goal as it would be afterwards), until someone above
-- the goal's owner approves it (then it is applied like an unlocked edit) or
-- rejects it. Days are YYYY-MM-DD (the request's as-of day).

-- a locked goal: who locked it, on which day, why
CREATE TABLE goal_locks (
    goal_id   INTEGER PRIMARY KEY REFERENCES goals(id),
    locked_by TEXT NOT NULL,
    day       TEXT NOT NULL,
    reason    TEXT NOT NULL DEFAULT ''
);

-- the original plan: a goal's target when it was first locked or first part
-- of a split (either side), written once and never changed; ×10^4 as targets
CREATE TABLE goal_baselines (
    goal_id INTEGER PRIMARY KEY REFERENCES goals(id),
    target  INTEGER NOT NULL CHECK (target >= 0),
    origin  TEXT NOT NULL,
    day     TEXT NOT NULL
);

CREATE TABLE goal_requests (
    id           INTEGER PRIMARY KEY,
    kind         TEXT NOT NULL CHECK (kind IN ('edit', 'rebalance', 'reconcile', 'reassign')),
    status       TEXT NOT NULL DEFAULT 'pending'
                 CHECK (status IN ('pending', 'approved', 'rejected')),
    -- what it is about (for listing by scope): the goal's scope, or the
    -- leaving person of a reassign
    scope_kind   TEXT NOT NULL CHECK (scope_kind IN ('company', 'person', 'team', 'unit')),
    scope_id     INTEGER,
    summary      TEXT NOT NULL,
    reason       TEXT NOT NULL,
    requested_by TEXT NOT NULL,
    requested_on TEXT NOT NULL,
    decided_by   TEXT,
    decided_on   TEXT,
    comment      TEXT NOT NULL DEFAULT '',
    -- a rebalance remembers where it closed (goals.rebalanced_*) when applied
    rebalance_goal    INTEGER REFERENCES goals(id),
    rebalance_through TEXT,
    rebalance_actual  INTEGER
);
CREATE INDEX goal_requests_status ON goal_requests(status);

-- one goal a request writes: goal_id NULL creates a goal; BEFORE is the
-- goal's fields when the request was made (a request whose goal changed
-- since is stale and cannot be approved); the rest is the goal afterwards,
-- in the columns of goals
CREATE TABLE goal_request_items (
    id           INTEGER PRIMARY KEY,
    request_id   INTEGER NOT NULL REFERENCES goal_requests(id),
    goal_id      INTEGER REFERENCES goals(id),
    before       TEXT NOT NULL DEFAULT '',
    parent_id    INTEGER,
    objective_id INTEGER,
    title        TEXT NOT NULL,
    metric       TEXT NOT NULL,
    scope        TEXT NOT NULL,
    scope_kind   TEXT NOT NULL,
    scope_id     INTEGER,
    period       TEXT NOT NULL,
    target       INTEGER NOT NULL CHECK (target >= 0),
    direction    TEXT NOT NULL,
    base         TEXT,
    growth_bp    INTEGER,
    baseline     INTEGER,
    filter       TEXT NOT NULL DEFAULT '',
    cadence      TEXT NOT NULL DEFAULT '',
    origin       TEXT NOT NULL DEFAULT '',
    -- 1: when applied, the goal's target before (0 for a new goal) becomes
    -- its original target unless it has one (a reassign within a plan)
    keep_original INTEGER NOT NULL DEFAULT 0 CHECK (keep_original IN (0, 1))
);
CREATE INDEX goal_request_items_request ON goal_request_items(request_id);
CREATE INDEX goal_request_items_goal ON goal_request_items(goal_id);
