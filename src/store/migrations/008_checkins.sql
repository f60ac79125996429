-- 008_checkins.sql — check-ins (进度检查) with a frozen copy of the goal's
-- figures, their acknowledgement by a manager, the decisions of review
-- meetings (复盘), and a goal's check-in cadence "none".
--
-- Figures are kept as the typed values app returns (domain/value_kind.h):
-- actual, expected and forecast in the goal's value kind (money in minor
-- units of `currency`, counts ×10^4), attainment and pace as ratios ×10^4;
-- NULL when undefined. `at` is the day the check-in was made as of.

CREATE TABLE checkins (
    id          INTEGER PRIMARY KEY,
    goal_id     INTEGER NOT NULL REFERENCES goals(id),
    at          TEXT NOT NULL,                 -- YYYY-MM-DD, the as-of day
    author_id   INTEGER NOT NULL,              -- people.id (no foreign key: people may be replaced)
    confidence  INTEGER CHECK (confidence IS NULL OR confidence BETWEEN 0 AND 10),
    note        TEXT NOT NULL DEFAULT '',
    blockers    TEXT NOT NULL DEFAULT '',
    next_steps  TEXT NOT NULL DEFAULT '',
    kind        INTEGER NOT NULL,              -- enum value_kind of actual/expected/forecast
    currency    TEXT NOT NULL DEFAULT '',
    actual      INTEGER,
    attainment  INTEGER,
    expected    INTEGER,
    pace        INTEGER,
    forecast    INTEGER,
    status      TEXT NOT NULL,
    flags       TEXT NOT NULL DEFAULT '',      -- "confidence_drop;optimistic"
    acked_by    INTEGER,                       -- people.id
    acked_at    TEXT,                          -- YYYY-MM-DD
    ack_comment TEXT NOT NULL DEFAULT '',
    created     TEXT NOT NULL
);
CREATE INDEX checkins_goal ON checkins(goal_id, at);

CREATE TABLE review_decisions (
    id         INTEGER PRIMARY KEY,
    scope_kind TEXT NOT NULL CHECK (scope_kind IN ('company', 'person', 'team', 'unit')),
    scope_id   INTEGER,                        -- NULL for the company
    meeting    TEXT NOT NULL,                  -- YYYY-MM-DD, the meeting's (as-of) day
    goal_id    INTEGER REFERENCES goals(id),
    text       TEXT NOT NULL,
    actor_id   INTEGER NOT NULL,               -- people.id
    created    TEXT NOT NULL
);
CREATE INDEX review_decisions_scope ON review_decisions(scope_kind, scope_id, meeting);

-- goals.cadence '' is the default (weekly); 1 here is "none": no check-ins owed
ALTER TABLE goals ADD COLUMN checkins_off INTEGER NOT NULL DEFAULT 0 CHECK (checkins_off IN (0, 1));
