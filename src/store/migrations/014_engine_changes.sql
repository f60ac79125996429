-- 014_engine_changes.sql — the store's change log for the incremental engine
-- (issue 11 §1). Triggers append (src, row_id) to engine_changes for every
-- insert, delete and every update of a column the engine reads (the feed
-- columns of src/store/feeds.h), so every write path is covered and the log
-- commits or rolls back with the data. src: 1 orders (row_id the order id;
-- order lines log their order), 2 payments, 3 deals, 4 activities, 5 surveys,
-- 6 customers, 7 the org (people, units, markets; row_id the row's id), as
-- enum store_change_src in db.h. An update that changes only provenance
-- (source, source_line, row_hash) or a column no feed reads logs nothing.
-- engine_tokens: every data token store_touch wrote, with the newest seq of
-- engine_changes at that moment, so a snapshot built at a token can tell
-- which changes came after it. An existing database starts with an empty
-- log, and its current token is recorded at seq 0: every change logged from
-- now on came after it.
CREATE TABLE engine_changes (
    seq    INTEGER PRIMARY KEY,
    src    INTEGER NOT NULL,
    row_id INTEGER NOT NULL
);
CREATE TABLE engine_tokens (
    token TEXT PRIMARY KEY,
    seq   INTEGER NOT NULL
);
INSERT INTO engine_tokens (token, seq) SELECT value, 0 FROM meta WHERE key = 'data_token';

CREATE TRIGGER engine_orders_ins AFTER INSERT ON orders BEGIN
    INSERT INTO engine_changes (src, row_id) VALUES (1, NEW.id);
END;
CREATE TRIGGER engine_orders_del AFTER DELETE ON orders BEGIN
    INSERT INTO engine_changes (src, row_id) VALUES (1, OLD.id);
END;
CREATE TRIGGER engine_orders_upd AFTER UPDATE ON orders
    WHEN OLD.id IS NOT NEW.id OR OLD.date IS NOT NEW.date OR
      OLD.customer_id IS NOT NEW.customer_id OR OLD.owner_id IS NOT NEW.owner_id OR
      OLD.unit_id IS NOT NEW.unit_id OR OLD.credit IS NOT NEW.credit
BEGIN
    INSERT INTO engine_changes (src, row_id) VALUES (1, NEW.id);
    INSERT INTO engine_changes (src, row_id) SELECT 1, OLD.id WHERE OLD.id IS NOT NEW.id;
END;
CREATE TRIGGER engine_order_lines_ins AFTER INSERT ON order_lines BEGIN
    INSERT INTO engine_changes (src, row_id) VALUES (1, NEW.order_id);
END;
CREATE TRIGGER engine_order_lines_del AFTER DELETE ON order_lines BEGIN
    INSERT INTO engine_changes (src, row_id) VALUES (1, OLD.order_id);
END;
CREATE TRIGGER engine_order_lines_upd AFTER UPDATE ON order_lines
    WHEN OLD.id IS NOT NEW.id OR OLD.order_id IS NOT NEW.order_id OR
      OLD.product IS NOT NEW.product OR OLD.amount_rc IS NOT NEW.amount_rc
BEGIN
    INSERT INTO engine_changes (src, row_id) VALUES (1, NEW.order_id);
    INSERT INTO engine_changes (src, row_id) SELECT 1, OLD.order_id WHERE OLD.order_id IS NOT NEW.order_id;
END;
CREATE TRIGGER engine_payments_ins AFTER INSERT ON payments BEGIN
    INSERT INTO engine_changes (src, row_id) VALUES (2, NEW.id);
END;
CREATE TRIGGER engine_payments_del AFTER DELETE ON payments BEGIN
    INSERT INTO engine_changes (src, row_id) VALUES (2, OLD.id);
END;
CREATE TRIGGER engine_payments_upd AFTER UPDATE ON payments
    WHEN OLD.id IS NOT NEW.id OR OLD.date IS NOT NEW.date OR
      OLD.customer_id IS NOT NEW.customer_id OR OLD.owner_id IS NOT NEW.owner_id OR
      OLD.unit_id IS NOT NEW.unit_id OR OLD.credit IS NOT NEW.credit OR
      OLD.amount_rc IS NOT NEW.amount_rc
BEGIN
    INSERT INTO engine_changes (src, row_id) VALUES (2, NEW.id);
    INSERT INTO engine_changes (src, row_id) SELECT 2, OLD.id WHERE OLD.id IS NOT NEW.id;
END;
CREATE TRIGGER engine_deals_ins AFTER INSERT ON deals BEGIN
    INSERT INTO engine_changes (src, row_id) VALUES (3, NEW.id);
END;
CREATE TRIGGER engine_deals_del AFTER DELETE ON deals BEGIN
    INSERT INTO engine_changes (src, row_id) VALUES (3, OLD.id);
END;
CREATE TRIGGER engine_deals_upd AFTER UPDATE ON deals
    WHEN OLD.id IS NOT NEW.id OR OLD.customer_id IS NOT NEW.customer_id OR
      OLD.owner_id IS NOT NEW.owner_id OR OLD.unit_id IS NOT NEW.unit_id OR
      OLD.credit IS NOT NEW.credit OR OLD.product IS NOT NEW.product OR
      OLD.amount_rc IS NOT NEW.amount_rc OR OLD.stage IS NOT NEW.stage OR
      OLD.status IS NOT NEW.status OR OLD.probability_bp IS NOT NEW.probability_bp OR
      OLD.created IS NOT NEW.created OR OLD.expected_close IS NOT NEW.expected_close OR
      OLD.closed IS NOT NEW.closed
BEGIN
    INSERT INTO engine_changes (src, row_id) VALUES (3, NEW.id);
    INSERT INTO engine_changes (src, row_id) SELECT 3, OLD.id WHERE OLD.id IS NOT NEW.id;
END;
CREATE TRIGGER engine_activities_ins AFTER INSERT ON activities BEGIN
    INSERT INTO engine_changes (src, row_id) VALUES (4, NEW.id);
END;
CREATE TRIGGER engine_activities_del AFTER DELETE ON activities BEGIN
    INSERT INTO engine_changes (src, row_id) VALUES (4, OLD.id);
END;
CREATE TRIGGER engine_activities_upd AFTER UPDATE ON activities
    WHEN OLD.id IS NOT NEW.id OR OLD.type IS NOT NEW.type OR OLD.date IS NOT NEW.date OR
      OLD.owner_id IS NOT NEW.owner_id OR OLD.customer_id IS NOT NEW.customer_id
BEGIN
    INSERT INTO engine_changes (src, row_id) VALUES (4, NEW.id);
    INSERT INTO engine_changes (src, row_id) SELECT 4, OLD.id WHERE OLD.id IS NOT NEW.id;
END;
CREATE TRIGGER engine_surveys_ins AFTER INSERT ON surveys BEGIN
    INSERT INTO engine_changes (src, row_id) VALUES (5, NEW.id);
END;
CREATE TRIGGER engine_surveys_del AFTER DELETE ON surveys BEGIN
    INSERT INTO engine_changes (src, row_id) VALUES (5, OLD.id);
END;
CREATE TRIGGER engine_surveys_upd AFTER UPDATE ON surveys
    WHEN OLD.id IS NOT NEW.id OR OLD.date IS NOT NEW.date OR
      OLD.customer_id IS NOT NEW.customer_id OR OLD.owner_id IS NOT NEW.owner_id OR
      OLD.unit_id IS NOT NEW.unit_id OR OLD.score IS NOT NEW.score OR OLD.scale IS NOT NEW.scale
BEGIN
    INSERT INTO engine_changes (src, row_id) VALUES (5, NEW.id);
    INSERT INTO engine_changes (src, row_id) SELECT 5, OLD.id WHERE OLD.id IS NOT NEW.id;
END;
CREATE TRIGGER engine_customers_ins AFTER INSERT ON customers BEGIN
    INSERT INTO engine_changes (src, row_id) VALUES (6, NEW.id);
END;
CREATE TRIGGER engine_customers_del AFTER DELETE ON customers BEGIN
    INSERT INTO engine_changes (src, row_id) VALUES (6, OLD.id);
END;
CREATE TRIGGER engine_customers_upd AFTER UPDATE ON customers
    WHEN OLD.id IS NOT NEW.id OR OLD.name IS NOT NEW.name OR OLD.segment IS NOT NEW.segment OR
      OLD.region IS NOT NEW.region OR OLD.tags IS NOT NEW.tags OR OLD.ext_id IS NOT NEW.ext_id
BEGIN
    INSERT INTO engine_changes (src, row_id) VALUES (6, NEW.id);
    INSERT INTO engine_changes (src, row_id) SELECT 6, OLD.id WHERE OLD.id IS NOT NEW.id;
END;
CREATE TRIGGER engine_people_ins AFTER INSERT ON people BEGIN
    INSERT INTO engine_changes (src, row_id) VALUES (7, NEW.id);
END;
CREATE TRIGGER engine_people_del AFTER DELETE ON people BEGIN
    INSERT INTO engine_changes (src, row_id) VALUES (7, OLD.id);
END;
CREATE TRIGGER engine_people_upd AFTER UPDATE ON people
    WHEN OLD.id IS NOT NEW.id OR OLD.unit_id IS NOT NEW.unit_id OR
      OLD.manager_id IS NOT NEW.manager_id OR OLD.active IS NOT NEW.active OR
      OLD.name IS NOT NEW.name OR OLD.ext_id IS NOT NEW.ext_id OR
      OLD.employee_no IS NOT NEW.employee_no OR OLD.weight_milli IS NOT NEW.weight_milli OR
      OLD.email IS NOT NEW.email OR OLD.join_date IS NOT NEW.join_date OR
      OLD.leave_date IS NOT NEW.leave_date
BEGIN
    INSERT INTO engine_changes (src, row_id) VALUES (7, NEW.id);
    INSERT INTO engine_changes (src, row_id) SELECT 7, OLD.id WHERE OLD.id IS NOT NEW.id;
END;
CREATE TRIGGER engine_units_ins AFTER INSERT ON units BEGIN
    INSERT INTO engine_changes (src, row_id) VALUES (7, NEW.id);
END;
CREATE TRIGGER engine_units_del AFTER DELETE ON units BEGIN
    INSERT INTO engine_changes (src, row_id) VALUES (7, OLD.id);
END;
CREATE TRIGGER engine_units_upd AFTER UPDATE ON units
    WHEN OLD.id IS NOT NEW.id OR OLD.parent_id IS NOT NEW.parent_id OR
      OLD.name IS NOT NEW.name OR OLD.path IS NOT NEW.path OR OLD.ext_id IS NOT NEW.ext_id
BEGIN
    INSERT INTO engine_changes (src, row_id) VALUES (7, NEW.id);
    INSERT INTO engine_changes (src, row_id) SELECT 7, OLD.id WHERE OLD.id IS NOT NEW.id;
END;
CREATE TRIGGER engine_markets_ins AFTER INSERT ON markets BEGIN
    INSERT INTO engine_changes (src, row_id) VALUES (7, NEW.id);
END;
CREATE TRIGGER engine_markets_del AFTER DELETE ON markets BEGIN
    INSERT INTO engine_changes (src, row_id) VALUES (7, OLD.id);
END;
CREATE TRIGGER engine_markets_upd AFTER UPDATE ON markets
    WHEN OLD.id IS NOT NEW.id OR OLD.unit_id IS NOT NEW.unit_id OR
      OLD.period IS NOT NEW.period OR OLD.amount_rc IS NOT NEW.amount_rc
BEGIN
    INSERT INTO engine_changes (src, row_id) VALUES (7, NEW.id);
    INSERT INTO engine_changes (src, row_id) SELECT 7, OLD.id WHERE OLD.id IS NOT NEW.id;
END;
