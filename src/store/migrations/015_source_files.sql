-- 015_source_files.sql — provenance by reference (issue 11 §2): every data
-- row said which file it came from in a `source` TEXT column (the file's
-- name, repeated on every row: 10 to 20 bytes a row); now in `source_id`, a
-- reference to source_files, one row per file imported (its name as rows
-- recorded it, the BLAKE2b-256 of its bytes and its size when known, when
-- it was first imported). A file imported again with other bytes is another
-- row, so a row's provenance names the version it came from. Rows imported
-- before this migration refer to a file row of their name with hash ''
-- (not known). source_line and row_hash stay as they were.
-- source_id has no REFERENCES clause: SQLite would look the file up on
-- every row inserted (+0.1 µs a row, about 15 % of a bare insert), and the
-- store writes only ids it read from source_files, whose rows are never
-- deleted.
CREATE TABLE source_files (
    id          INTEGER PRIMARY KEY,
    path        TEXT NOT NULL,
    hash        TEXT NOT NULL DEFAULT '',
    size        INTEGER,
    imported_at TEXT NOT NULL,
    UNIQUE (path, hash)
);
INSERT INTO source_files (path, imported_at)
SELECT source, datetime('now') FROM (SELECT DISTINCT source FROM units
    UNION SELECT DISTINCT source FROM people
    UNION SELECT DISTINCT source FROM customers
    UNION SELECT DISTINCT source FROM deals
    UNION SELECT DISTINCT source FROM orders
    UNION SELECT DISTINCT source FROM order_lines
    UNION SELECT DISTINCT source FROM payments
    UNION SELECT DISTINCT source FROM activities
    UNION SELECT DISTINCT source FROM surveys
    UNION SELECT DISTINCT source FROM markets
    UNION SELECT DISTINCT source FROM holidays
    UNION SELECT DISTINCT source FROM rates)
WHERE source IS NOT NULL ORDER BY source;

ALTER TABLE units ADD COLUMN source_id INTEGER;
UPDATE units SET source_id = (SELECT f.id FROM source_files f WHERE f.path = units.source AND f.hash = '')
    WHERE source IS NOT NULL;
ALTER TABLE units DROP COLUMN source;

ALTER TABLE people ADD COLUMN source_id INTEGER;
UPDATE people SET source_id = (SELECT f.id FROM source_files f WHERE f.path = people.source AND f.hash = '')
    WHERE source IS NOT NULL;
ALTER TABLE people DROP COLUMN source;

ALTER TABLE customers ADD COLUMN source_id INTEGER;
UPDATE customers SET source_id = (SELECT f.id FROM source_files f WHERE f.path = customers.source AND f.hash = '')
    WHERE source IS NOT NULL;
ALTER TABLE customers DROP COLUMN source;

ALTER TABLE deals ADD COLUMN source_id INTEGER;
UPDATE deals SET source_id = (SELECT f.id FROM source_files f WHERE f.path = deals.source AND f.hash = '')
    WHERE source IS NOT NULL;
ALTER TABLE deals DROP COLUMN source;

ALTER TABLE orders ADD COLUMN source_id INTEGER;
UPDATE orders SET source_id = (SELECT f.id FROM source_files f WHERE f.path = orders.source AND f.hash = '')
    WHERE source IS NOT NULL;
ALTER TABLE orders DROP COLUMN source;

ALTER TABLE order_lines ADD COLUMN source_id INTEGER;
UPDATE order_lines SET source_id = (SELECT f.id FROM source_files f WHERE f.path = order_lines.source AND f.hash = '')
    WHERE source IS NOT NULL;
ALTER TABLE order_lines DROP COLUMN source;

ALTER TABLE payments ADD COLUMN source_id INTEGER;
UPDATE payments SET source_id = (SELECT f.id FROM source_files f WHERE f.path = payments.source AND f.hash = '')
    WHERE source IS NOT NULL;
ALTER TABLE payments DROP COLUMN source;

ALTER TABLE activities ADD COLUMN source_id INTEGER;
UPDATE activities SET source_id = (SELECT f.id FROM source_files f WHERE f.path = activities.source AND f.hash = '')
    WHERE source IS NOT NULL;
ALTER TABLE activities DROP COLUMN source;

ALTER TABLE surveys ADD COLUMN source_id INTEGER;
UPDATE surveys SET source_id = (SELECT f.id FROM source_files f WHERE f.path = surveys.source AND f.hash = '')
    WHERE source IS NOT NULL;
ALTER TABLE surveys DROP COLUMN source;

ALTER TABLE markets ADD COLUMN source_id INTEGER;
UPDATE markets SET source_id = (SELECT f.id FROM source_files f WHERE f.path = markets.source AND f.hash = '')
    WHERE source IS NOT NULL;
ALTER TABLE markets DROP COLUMN source;

ALTER TABLE holidays ADD COLUMN source_id INTEGER;
UPDATE holidays SET source_id = (SELECT f.id FROM source_files f WHERE f.path = holidays.source AND f.hash = '')
    WHERE source IS NOT NULL;
ALTER TABLE holidays DROP COLUMN source;

ALTER TABLE rates ADD COLUMN source_id INTEGER;
UPDATE rates SET source_id = (SELECT f.id FROM source_files f WHERE f.path = rates.source AND f.hash = '')
    WHERE source IS NOT NULL;
ALTER TABLE rates DROP COLUMN source;
