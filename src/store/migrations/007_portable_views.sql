-- 007_portable_views.sql — the listing views (attain ls) in portable SQL: no
-- function of one database alone (the at_* functions SQLite had registered,
-- group_concat). They return raw integers (money in minor units beside its
-- currency, thousandths, basis points, 10^-8 rates); the store formats them
-- as it reads them (store_list), the same for every backend. A row with split
-- credit carries its id in the hidden column _splits, whose shares the store
-- reads and shows as "name:60%;name:40%".

DROP VIEW v_people;
DROP VIEW v_deals;
DROP VIEW v_orders;
DROP VIEW v_order_lines;
DROP VIEW v_payments;
DROP VIEW v_markets;
DROP VIEW v_rates;

CREATE VIEW v_people AS
SELECT p.ext_id AS id, p.name, p.employee_no, u.path AS unit, m.name AS manager, p.email,
       p.title, p.weight_milli AS weight, CASE p.active WHEN 1 THEN 'yes' ELSE 'no' END AS active,
       p.join_date, p.leave_date
FROM people p LEFT JOIN units u ON u.id = p.unit_id LEFT JOIN people m ON m.id = p.manager_id
ORDER BY p.id;

CREATE VIEW v_deals AS
SELECT d.ext_id AS id, d.name, c.name AS customer, o.name AS owner,
       u.path AS unit, d.product, d.amount, d.currency,
       d.stage, d.status, d.probability_bp AS probability, d.created,
       d.expected_close, d.closed,
       CASE WHEN d.credit IS NOT NULL THEN d.id END AS _splits
FROM deals d LEFT JOIN customers c ON c.id = d.customer_id LEFT JOIN people o ON o.id = d.owner_id
LEFT JOIN units u ON u.id = d.unit_id ORDER BY d.id;

CREATE VIEW v_orders AS
SELECT o.ext_id AS id, o.date, c.name AS customer, p.name AS owner, u.path AS unit,
       (SELECT COUNT(*) FROM order_lines l WHERE l.order_id = o.id) AS lines,
       (SELECT SUM(l.amount) FROM order_lines l WHERE l.order_id = o.id) AS amount, o.currency,
       CASE WHEN o.credit IS NOT NULL THEN o.id END AS _splits
FROM orders o LEFT JOIN customers c ON c.id = o.customer_id
LEFT JOIN people p ON p.id = o.owner_id LEFT JOIN units u ON u.id = o.unit_id
ORDER BY o.id;

CREATE VIEW v_order_lines AS
SELECT o.ext_id AS order_id, l.line, o.date, l.product, l.quantity_milli AS quantity,
       l.amount, o.currency
FROM order_lines l JOIN orders o ON o.id = l.order_id ORDER BY l.id;

CREATE VIEW v_payments AS
SELECT y.ext_id AS id, y.date, c.name AS customer, p.name AS owner,
       u.path AS unit, o.ext_id AS order_id, y.amount, y.currency,
       CASE WHEN y.credit IS NOT NULL THEN y.id END AS _splits
FROM payments y LEFT JOIN customers c ON c.id = y.customer_id LEFT JOIN people p ON p.id = y.owner_id
LEFT JOIN units u ON u.id = y.unit_id LEFT JOIN orders o ON o.id = y.order_id ORDER BY y.id;

CREATE VIEW v_markets AS
SELECT u.path AS unit, m.period, m.start_date AS start, m.end_date AS "end", m.amount, m.currency
FROM markets m JOIN units u ON u.id = m.unit_id ORDER BY u.path, m.start_date;

CREATE VIEW v_rates AS
SELECT date, currency, rate_e8 AS rate FROM rates ORDER BY currency, date;
