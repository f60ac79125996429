-- 011_alerts.sql — alerts, the channels they go to, and the outbox that
-- delivers them (docs/reviews.md).
--
-- channels: where a scope's notifications go: a webhook (wecom, dingtalk,
-- feishu, slack: url, secret for dingtalk and feishu signatures) or e-mail
-- (url is the SMTP server, mail_to the recipients, mail_from the sender).
-- A removed channel keeps its row (removed = 1) so the outbox history stays.
CREATE TABLE channels (
    id         INTEGER PRIMARY KEY,
    scope_kind TEXT NOT NULL CHECK (scope_kind IN ('company', 'person', 'team', 'unit')),
    scope_id   INTEGER,
    kind       TEXT NOT NULL CHECK (kind IN ('wecom', 'dingtalk', 'feishu', 'slack', 'email')),
    url        TEXT NOT NULL,
    secret     TEXT NOT NULL DEFAULT '',
    lang       TEXT NOT NULL DEFAULT 'en' CHECK (lang IN ('en', 'zh')),
    mail_to    TEXT NOT NULL DEFAULT '',
    mail_from  TEXT NOT NULL DEFAULT '',
    created    TEXT NOT NULL,
    actor      TEXT NOT NULL DEFAULT 'cli',
    removed    INTEGER NOT NULL DEFAULT 0 CHECK (removed IN (0, 1))
);

-- alerts: one row per goal, rule and period, ever (the unique key makes
-- `notify run` idempotent). detail: the status turned to, the milestone
-- reached, the verdict; suppressed = 1: reached in the same run as a higher
-- milestone, recorded so it never fires later, not sent.
CREATE TABLE alerts (
    id         INTEGER PRIMARY KEY,
    goal_id    INTEGER NOT NULL REFERENCES goals(id),
    rule       TEXT NOT NULL,
    period     TEXT NOT NULL,
    detail     TEXT NOT NULL DEFAULT '',
    day        TEXT NOT NULL,
    created_at INTEGER NOT NULL,
    suppressed INTEGER NOT NULL DEFAULT 0 CHECK (suppressed IN (0, 1)),
    UNIQUE (goal_id, rule, period)
);

-- alert_state: the status of each goal as of the last `notify run`, so
-- "turning at_risk or behind" compares with what was seen before.
CREATE TABLE alert_state (
    goal_id INTEGER PRIMARY KEY REFERENCES goals(id),
    status  TEXT NOT NULL,
    day     TEXT NOT NULL
);

-- outbox: one message for one channel, written in the transaction that
-- wrote its alert (alert_id; NULL for a digest), then delivered. The text is
-- kept in the channel's language without any secret; the platform payload
-- and its signature are made at each attempt. state: pending (not yet
-- delivered; attempts > 0 means it failed and waits for next_attempt_at),
-- sent, cancelled (its channel was removed).
CREATE TABLE outbox (
    id              INTEGER PRIMARY KEY,
    alert_id        INTEGER REFERENCES alerts(id),
    channel_id      INTEGER NOT NULL REFERENCES channels(id),
    what            TEXT NOT NULL,
    subject         TEXT NOT NULL,
    body            TEXT NOT NULL,
    link            TEXT NOT NULL DEFAULT '',
    state           TEXT NOT NULL DEFAULT 'pending'
                    CHECK (state IN ('pending', 'sent', 'cancelled')),
    attempts        INTEGER NOT NULL DEFAULT 0,
    next_attempt_at INTEGER NOT NULL,
    last_error      TEXT NOT NULL DEFAULT '',
    created_at      INTEGER NOT NULL,
    sent_at         INTEGER
);
CREATE INDEX outbox_due ON outbox(state, next_attempt_at);
CREATE INDEX alerts_goal ON alerts(goal_id);
