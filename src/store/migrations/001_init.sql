-- 001_init.sql — the first schema of attain.
-- Money: integer minor units with a currency code; amount_rc is the same
-- amount in the database's reporting currency (meta 'currency').
-- Dates: TEXT 'YYYY-MM-DD'. Every imported row keeps its external id (ext_id),
-- the file and line it came from, and a hash of its values (re-imports compare).

CREATE TABLE meta (
    key   TEXT PRIMARY KEY,
    value TEXT NOT NULL
);

CREATE TABLE units (
    id          INTEGER PRIMARY KEY,
    ext_id      TEXT NOT NULL UNIQUE,
    name        TEXT NOT NULL,
    parent_id   INTEGER REFERENCES units(id),
    path        TEXT NOT NULL UNIQUE,
    source      TEXT, source_line INTEGER, row_hash INTEGER NOT NULL
);
CREATE INDEX units_name ON units(name);

CREATE TABLE people (
    id          INTEGER PRIMARY KEY,
    ext_id      TEXT NOT NULL UNIQUE,
    name        TEXT NOT NULL,
    employee_no TEXT,
    unit_id     INTEGER REFERENCES units(id),
    manager_id  INTEGER REFERENCES people(id),
    email       TEXT,
    title       TEXT,
    weight_milli INTEGER NOT NULL DEFAULT 1000 CHECK (weight_milli >= 0),
    active      INTEGER NOT NULL DEFAULT 1 CHECK (active IN (0, 1)),
    source      TEXT, source_line INTEGER, row_hash INTEGER NOT NULL
);
CREATE INDEX people_name ON people(name);
CREATE INDEX people_employee_no ON people(employee_no);
CREATE INDEX people_manager ON people(manager_id);

CREATE TABLE customers (
    id          INTEGER PRIMARY KEY,
    ext_id      TEXT NOT NULL UNIQUE,
    name        TEXT NOT NULL,
    segment     TEXT,
    region      TEXT,
    industry    TEXT,
    tags        TEXT,
    owner_id    INTEGER REFERENCES people(id),
    unit_id     INTEGER REFERENCES units(id),
    created     TEXT,
    source      TEXT, source_line INTEGER, row_hash INTEGER NOT NULL
);
CREATE INDEX customers_name ON customers(name);

-- credit: NULL for a single owner (owner_id), else the split as
-- "person_id:basis_points;..." in ascending person id; credit_splits holds the
-- same split as rows for queries.
CREATE TABLE deals (
    id          INTEGER PRIMARY KEY,
    ext_id      TEXT NOT NULL UNIQUE,
    name        TEXT,
    customer_id INTEGER REFERENCES customers(id),
    owner_id    INTEGER REFERENCES people(id),
    unit_id     INTEGER REFERENCES units(id),
    credit      TEXT,
    product     TEXT,
    amount      INTEGER NOT NULL DEFAULT 0,
    currency    TEXT NOT NULL,
    amount_rc   INTEGER NOT NULL DEFAULT 0,
    stage       TEXT,
    status      TEXT NOT NULL CHECK (status IN ('open', 'won', 'lost')),
    probability_bp INTEGER CHECK (probability_bp BETWEEN 0 AND 10000),
    created     TEXT,
    expected_close TEXT,
    closed      TEXT,
    source      TEXT, source_line INTEGER, row_hash INTEGER NOT NULL
);
CREATE INDEX deals_owner ON deals(owner_id);

CREATE TABLE orders (
    id          INTEGER PRIMARY KEY,
    ext_id      TEXT NOT NULL UNIQUE,
    date        TEXT NOT NULL,
    customer_id INTEGER REFERENCES customers(id),
    owner_id    INTEGER REFERENCES people(id),
    unit_id     INTEGER REFERENCES units(id),
    credit      TEXT,
    currency    TEXT NOT NULL,
    source      TEXT, source_line INTEGER, row_hash INTEGER NOT NULL
);
CREATE INDEX orders_date ON orders(date);
CREATE INDEX orders_customer ON orders(customer_id);

CREATE TABLE order_lines (
    id          INTEGER PRIMARY KEY,
    ext_id      TEXT NOT NULL UNIQUE,   -- "<order ext_id>#<line>"
    order_id    INTEGER NOT NULL REFERENCES orders(id) ON DELETE CASCADE,
    line        TEXT NOT NULL,
    product     TEXT,
    quantity_milli INTEGER,
    amount      INTEGER NOT NULL,
    amount_rc   INTEGER NOT NULL,
    source      TEXT, source_line INTEGER, row_hash INTEGER NOT NULL
);
CREATE INDEX order_lines_order ON order_lines(order_id);

CREATE TABLE payments (
    id          INTEGER PRIMARY KEY,
    ext_id      TEXT NOT NULL UNIQUE,
    date        TEXT NOT NULL,
    customer_id INTEGER REFERENCES customers(id),
    owner_id    INTEGER REFERENCES people(id),
    unit_id     INTEGER REFERENCES units(id),
    credit      TEXT,
    order_id    INTEGER REFERENCES orders(id),
    amount      INTEGER NOT NULL,
    currency    TEXT NOT NULL,
    amount_rc   INTEGER NOT NULL,
    source      TEXT, source_line INTEGER, row_hash INTEGER NOT NULL
);

CREATE TABLE activities (
    id          INTEGER PRIMARY KEY,
    ext_id      TEXT NOT NULL UNIQUE,
    type        TEXT NOT NULL CHECK (type IN ('visit', 'call', 'meeting', 'email', 'other')),
    date        TEXT NOT NULL,
    owner_id    INTEGER REFERENCES people(id),
    customer_id INTEGER REFERENCES customers(id),
    note        TEXT,
    source      TEXT, source_line INTEGER, row_hash INTEGER NOT NULL
);

CREATE TABLE surveys (
    id          INTEGER PRIMARY KEY,
    ext_id      TEXT NOT NULL UNIQUE,
    date        TEXT NOT NULL,
    customer_id INTEGER REFERENCES customers(id),
    owner_id    INTEGER REFERENCES people(id),
    unit_id     INTEGER REFERENCES units(id),
    score       INTEGER NOT NULL,
    scale       INTEGER NOT NULL CHECK (scale > 0),
    source      TEXT, source_line INTEGER, row_hash INTEGER NOT NULL
);

CREATE TABLE markets (
    id          INTEGER PRIMARY KEY,
    ext_id      TEXT NOT NULL UNIQUE,   -- "<unit id>|<period>"
    unit_id     INTEGER NOT NULL REFERENCES units(id),
    period      TEXT NOT NULL,
    start       TEXT NOT NULL,
    end         TEXT NOT NULL,
    amount      INTEGER NOT NULL,
    currency    TEXT NOT NULL,
    amount_rc   INTEGER NOT NULL,
    source      TEXT, source_line INTEGER, row_hash INTEGER NOT NULL
);

CREATE TABLE holidays (
    id          INTEGER PRIMARY KEY,
    ext_id      TEXT NOT NULL UNIQUE,   -- the date
    date        TEXT NOT NULL UNIQUE,
    kind        TEXT NOT NULL CHECK (kind IN ('holiday', 'workday')),
    name        TEXT,
    source      TEXT, source_line INTEGER, row_hash INTEGER NOT NULL
);

CREATE TABLE rates (
    id          INTEGER PRIMARY KEY,
    ext_id      TEXT NOT NULL UNIQUE,   -- "<currency>|<date>"
    currency    TEXT NOT NULL,
    date        TEXT NOT NULL,
    rate_e8     INTEGER NOT NULL CHECK (rate_e8 > 0),
    source      TEXT, source_line INTEGER, row_hash INTEGER NOT NULL
);
CREATE INDEX rates_lookup ON rates(currency, date);

CREATE TABLE credit_splits (
    tbl         TEXT NOT NULL,          -- 'deals', 'orders', 'payments'
    row_id      INTEGER NOT NULL,
    person_id   INTEGER NOT NULL REFERENCES people(id),
    share_bp    INTEGER NOT NULL CHECK (share_bp BETWEEN 1 AND 10000),
    PRIMARY KEY (tbl, row_id, person_id)
);

CREATE TABLE imports (
    id          INTEGER PRIMARY KEY,
    kind        TEXT NOT NULL,
    source      TEXT NOT NULL,
    at          TEXT NOT NULL,
    rows        INTEGER NOT NULL,
    inserted    INTEGER NOT NULL,
    updated     INTEGER NOT NULL,
    unchanged   INTEGER NOT NULL
);

-- Views for listing (attain ls): names instead of ids, money as decimals
-- through at_money(minor, currency), which the store registers.
CREATE VIEW v_units AS
SELECT u.ext_id AS id, u.name, p.path AS parent, u.path
FROM units u LEFT JOIN units p ON p.id = u.parent_id ORDER BY u.path;

CREATE VIEW v_people AS
SELECT p.ext_id AS id, p.name, p.employee_no, u.path AS unit, m.name AS manager, p.email,
       p.title, at_milli(p.weight_milli) AS weight, CASE p.active WHEN 1 THEN 'yes' ELSE 'no' END AS active
FROM people p LEFT JOIN units u ON u.id = p.unit_id LEFT JOIN people m ON m.id = p.manager_id
ORDER BY p.id;

CREATE VIEW v_customers AS
SELECT c.ext_id AS id, c.name, c.segment, c.region, c.industry, c.tags, o.name AS owner,
       u.path AS unit, c.created
FROM customers c LEFT JOIN people o ON o.id = c.owner_id LEFT JOIN units u ON u.id = c.unit_id
ORDER BY c.id;

CREATE VIEW v_deals AS
SELECT d.ext_id AS id, d.name, c.name AS customer, COALESCE((SELECT group_concat(sp.name || ':' || at_percent(cs.share_bp), ';') FROM credit_splits cs JOIN people sp ON sp.id = cs.person_id WHERE cs.tbl = 'deals' AND cs.row_id = d.id), o.name) AS owner,
       u.path AS unit, d.product, at_money(d.amount, d.currency) AS amount, d.currency,
       d.stage, d.status, at_percent(d.probability_bp) AS probability, d.created,
       d.expected_close, d.closed
FROM deals d LEFT JOIN customers c ON c.id = d.customer_id LEFT JOIN people o ON o.id = d.owner_id
LEFT JOIN units u ON u.id = d.unit_id ORDER BY d.id;

CREATE VIEW v_orders AS
SELECT o.ext_id AS id, o.date, c.name AS customer, COALESCE((SELECT group_concat(sp.name || ':' || at_percent(cs.share_bp), ';') FROM credit_splits cs JOIN people sp ON sp.id = cs.person_id WHERE cs.tbl = 'orders' AND cs.row_id = o.id), p.name) AS owner,
       u.path AS unit, COUNT(l.id) AS lines, at_money(SUM(l.amount), o.currency) AS amount, o.currency
FROM orders o LEFT JOIN order_lines l ON l.order_id = o.id LEFT JOIN customers c ON c.id = o.customer_id
LEFT JOIN people p ON p.id = o.owner_id LEFT JOIN units u ON u.id = o.unit_id
GROUP BY o.id ORDER BY o.id;

CREATE VIEW v_order_lines AS
SELECT o.ext_id AS order_id, l.line, o.date, l.product, at_milli(l.quantity_milli) AS quantity,
       at_money(l.amount, o.currency) AS amount, o.currency
FROM order_lines l JOIN orders o ON o.id = l.order_id ORDER BY l.id;

CREATE VIEW v_payments AS
SELECT y.ext_id AS id, y.date, c.name AS customer, COALESCE((SELECT group_concat(sp.name || ':' || at_percent(cs.share_bp), ';') FROM credit_splits cs JOIN people sp ON sp.id = cs.person_id WHERE cs.tbl = 'payments' AND cs.row_id = y.id), p.name) AS owner,
       u.path AS unit, o.ext_id AS order_id, at_money(y.amount, y.currency) AS amount, y.currency
FROM payments y LEFT JOIN customers c ON c.id = y.customer_id LEFT JOIN people p ON p.id = y.owner_id
LEFT JOIN units u ON u.id = y.unit_id LEFT JOIN orders o ON o.id = y.order_id ORDER BY y.id;

CREATE VIEW v_activities AS
SELECT a.ext_id AS id, a.type, a.date, p.name AS owner, c.name AS customer, a.note
FROM activities a LEFT JOIN people p ON p.id = a.owner_id LEFT JOIN customers c ON c.id = a.customer_id
ORDER BY a.id;

CREATE VIEW v_surveys AS
SELECT s.ext_id AS id, s.date, c.name AS customer, p.name AS owner, u.path AS unit, s.score, s.scale
FROM surveys s LEFT JOIN customers c ON c.id = s.customer_id LEFT JOIN people p ON p.id = s.owner_id
LEFT JOIN units u ON u.id = s.unit_id ORDER BY s.id;

CREATE VIEW v_markets AS
SELECT u.path AS unit, m.period, m.start, m.end, at_money(m.amount, m.currency) AS amount, m.currency
FROM markets m JOIN units u ON u.id = m.unit_id ORDER BY u.path, m.start;

CREATE VIEW v_holidays AS
SELECT date, kind, name FROM holidays ORDER BY date;

CREATE VIEW v_rates AS
SELECT date, currency, at_rate(rate_e8) AS rate FROM rates ORDER BY currency, date;
