-- When a user deletes themselves, the audit rows they wrote keep who they were: their name and
-- address as they were then, written here just before the user row goes (whose deletion sets
-- actor_id to NULL).
ALTER TABLE audit_events ADD COLUMN actor_label TEXT;
