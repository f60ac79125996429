-- 002_goals.sql — goals, strategy objectives, action steps and the history
-- of every change. Targets are ×10^4 integers in the metric's unit (see
-- src/domain/goal.h); periods and scopes are stored in their canonical text.

CREATE TABLE objectives (
    id          INTEGER PRIMARY KEY,
    title       TEXT NOT NULL,
    description TEXT NOT NULL DEFAULT '',
    created     TEXT NOT NULL,
    archived    INTEGER NOT NULL DEFAULT 0 CHECK (archived IN (0, 1))
);

CREATE TABLE goals (
    id           INTEGER PRIMARY KEY,
    parent_id    INTEGER REFERENCES goals(id),
    objective_id INTEGER REFERENCES objectives(id),
    title        TEXT NOT NULL DEFAULT '',
    metric       TEXT NOT NULL,
    scope        TEXT NOT NULL,
    period       TEXT NOT NULL,
    start        TEXT NOT NULL,
    end          TEXT NOT NULL,
    target       INTEGER NOT NULL CHECK (target >= 0),
    direction    TEXT NOT NULL DEFAULT 'higher' CHECK (direction IN ('higher', 'lower')),
    base         TEXT CHECK (base IS NULL OR base IN ('previous', 'last-year')),
    growth_bp    INTEGER,
    baseline     INTEGER,
    filter       TEXT NOT NULL DEFAULT '',
    cadence      TEXT NOT NULL DEFAULT '' CHECK (cadence IN ('', 'weekly', 'biweekly', 'monthly')),
    archived     INTEGER NOT NULL DEFAULT 0 CHECK (archived IN (0, 1)),
    created      TEXT NOT NULL,
    updated      TEXT NOT NULL,
    origin       TEXT NOT NULL DEFAULT ''      -- "cli", "sentence", "import:FILE", "split:ID"
);
CREATE INDEX goals_parent ON goals(parent_id);
CREATE INDEX goals_period ON goals(start, end);

CREATE TABLE goal_history (
    id       INTEGER PRIMARY KEY,
    goal_id  INTEGER NOT NULL REFERENCES goals(id),
    at       TEXT NOT NULL,
    field    TEXT NOT NULL,
    old      TEXT,
    new      TEXT,
    reason   TEXT NOT NULL DEFAULT ''
);
CREATE INDEX goal_history_goal ON goal_history(goal_id);

CREATE TABLE action_steps (
    id       INTEGER PRIMARY KEY,
    goal_id  INTEGER NOT NULL REFERENCES goals(id),
    what     TEXT NOT NULL,
    owner    TEXT NOT NULL DEFAULT '',
    due      TEXT,
    done     INTEGER NOT NULL DEFAULT 0 CHECK (done IN (0, 1)),
    driver   TEXT NOT NULL DEFAULT '',
    created  TEXT NOT NULL
);
CREATE INDEX action_steps_goal ON action_steps(goal_id);
