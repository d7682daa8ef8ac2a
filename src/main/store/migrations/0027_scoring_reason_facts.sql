-- Why scores are out of date as facts (JSON: kind, policy or group name, setting key), so the UI
-- words the reason in its own language; `reason` keeps the English for the CLI. NULL for a reason
-- recorded before.
ALTER TABLE scoring_state ADD COLUMN reason_facts TEXT CHECK (reason_facts IS NULL OR json_valid(reason_facts));
UPDATE scoring_state SET reason_facts = '{"kind":"neverScored"}' WHERE reason = 'never scored';
