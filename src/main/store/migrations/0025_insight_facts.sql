-- The facts behind an insight beyond its numbers (usual daily count, device returned to, alert
-- titles, sequence files, peer group, channel counted once), as JSON: the UI words them in its own
-- language instead of the English `detail`. Never filtered on. NULL for insights stored before.
ALTER TABLE alert_insights ADD COLUMN facts TEXT CHECK (facts IS NULL OR json_valid(facts));
