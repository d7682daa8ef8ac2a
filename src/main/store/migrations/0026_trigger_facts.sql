-- The facts behind a trigger (its kind's day, HR event kind, alert source and severity, indicator,
-- count and threshold, usual daily count, corroboration, device returned to, manual reason), as
-- JSON: the UI words them in its own language instead of the English `trigger_summary`. Never
-- filtered on. NULL for rows scored before.
ALTER TABLE policy_persons ADD COLUMN trigger_facts TEXT CHECK (trigger_facts IS NULL OR json_valid(trigger_facts));
ALTER TABLE alerts ADD COLUMN trigger_facts TEXT CHECK (trigger_facts IS NULL OR json_valid(trigger_facts));
