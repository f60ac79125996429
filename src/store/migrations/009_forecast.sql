-- 009_forecast.sql — the forecast call and weighted scorecards (issue 9,
-- sections 2 and 6). Money: integer minor units of the reporting currency.
-- Days: TEXT 'YYYY-MM-DD'; weeks: ISO 8601 'YYYY-Www'.

-- Stage → forecast category set by hand (attain forecast categories --set);
-- stages not listed here take the default rule (docs/reviews.md).
CREATE TABLE forecast_categories (
    stage    TEXT PRIMARY KEY,
    category TEXT NOT NULL CHECK (category IN ('pipeline', 'best_case', 'commit', 'closed', 'omitted')),
    actor    TEXT NOT NULL,
    day      TEXT NOT NULL
);

-- Every forecast call kept: a rep's submission (commit and best case) or a
-- manager's adjustment of a rep's commit, with the day and ISO week as of
-- which it was made. Nothing is updated or deleted: the call as it stood on
-- any date is the latest row on or before it (by day, then id).
CREATE TABLE forecast_calls (
    id         INTEGER PRIMARY KEY,
    kind       TEXT NOT NULL CHECK (kind IN ('submit', 'adjust')),
    person_id  INTEGER NOT NULL REFERENCES people(id),
    period     TEXT NOT NULL,
    day        TEXT NOT NULL,
    week       TEXT NOT NULL,
    commit_amount INTEGER NOT NULL CHECK (commit_amount >= 0),
    best_case  INTEGER CHECK (best_case IS NULL OR best_case >= commit_amount),
    note       TEXT NOT NULL DEFAULT '',
    actor_id   INTEGER NOT NULL REFERENCES people(id),
    created    TEXT NOT NULL
);
CREATE INDEX forecast_calls_period ON forecast_calls(period, person_id, day);

-- A weighted scorecard: goals of one scope and period with weights (basis
-- points of 100 %, summing to 10000).
CREATE TABLE scorecards (
    id         INTEGER PRIMARY KEY,
    scope_kind TEXT NOT NULL CHECK (scope_kind IN ('company', 'person', 'team', 'unit')),
    scope_id   INTEGER NOT NULL,   -- people.id or units.id; 0 for the company
    period     TEXT NOT NULL,
    actor      TEXT NOT NULL,
    created    TEXT NOT NULL,
    UNIQUE (scope_kind, scope_id, period)
);
CREATE TABLE scorecard_goals (
    scorecard_id INTEGER NOT NULL REFERENCES scorecards(id),
    position     INTEGER NOT NULL,
    goal_id      INTEGER NOT NULL REFERENCES goals(id),
    weight_bp    INTEGER NOT NULL CHECK (weight_bp BETWEEN 1 AND 10000),
    PRIMARY KEY (scorecard_id, position),
    UNIQUE (scorecard_id, goal_id)
);
