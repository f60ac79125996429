-- 006_goal_text.sql — what a goal keeps besides its fields: the manager's own
-- sentence it was written from, where its sub-goals over time were last
-- rebalanced (so "children add up" has one rule for split, rebalance and
-- reconcile: docs/goals.md), and who made every change in its history.

-- the sentence the goal was written from ('' when typed from fields)
ALTER TABLE goals ADD COLUMN sentence TEXT NOT NULL DEFAULT '';
-- the last rebalance of its sub-goals over time: the last day of the
-- sub-periods that were closed then, and their actual (×10^4, as targets);
-- NULL when never rebalanced
ALTER TABLE goals ADD COLUMN rebalanced_through TEXT;
ALTER TABLE goals ADD COLUMN rebalanced_actual INTEGER;
-- who made the change: a person given with --as, or 'cli' until sign-in exists
ALTER TABLE goal_history ADD COLUMN actor TEXT NOT NULL DEFAULT 'cli';
