-- 004_import.sql — `attain ls people` shows when a person joined and left
-- (imported from 入职日期 / 离职日期, hire date, termination date ...).

DROP VIEW v_people;
CREATE VIEW v_people AS
SELECT p.ext_id AS id, p.name, p.employee_no, u.path AS unit, m.name AS manager, p.email,
       p.title, p.weight_milli AS weight, CASE p.active WHEN 1 THEN 'yes' ELSE 'no' END AS active,
       p.join_date, p.leave_date
FROM people p LEFT JOIN units u ON u.id = p.unit_id LEFT JOIN people m ON m.id = p.manager_id
ORDER BY p.id;
