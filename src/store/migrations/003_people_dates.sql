-- 003_people_dates.sql — when a person joined and left (入职日期 / 离职日期),
-- so capacity and member splits pro-rate by the days a person is there; and no
-- column named after an SQL keyword (start/end become start_date/end_date).

ALTER TABLE people ADD COLUMN join_date TEXT;
ALTER TABLE people ADD COLUMN leave_date TEXT;

DROP VIEW v_markets;
DROP INDEX goals_period;
ALTER TABLE markets RENAME COLUMN start TO start_date;
ALTER TABLE markets RENAME COLUMN end TO end_date;
ALTER TABLE goals RENAME COLUMN start TO start_date;
ALTER TABLE goals RENAME COLUMN end TO end_date;
CREATE INDEX goals_period ON goals(start_date, end_date);

CREATE VIEW v_markets AS
SELECT u.path AS unit, m.period, m.start_date AS start, m.end_date AS "end",
       at_money(m.amount, m.currency) AS amount, m.currency
FROM markets m JOIN units u ON u.id = m.unit_id ORDER BY u.path, m.start_date;
