-- Writes made through the API are done by a key, not a user: the audit row names the key
-- (actor_key_id, and actor_label "API key 'ci-bot'" so that it reads the same after the key is
-- revoked), and so does an invitation the key sent (invited_by_label).
ALTER TABLE audit_events ADD COLUMN actor_key_id TEXT REFERENCES api_keys (id) ON DELETE SET NULL;
ALTER TABLE invitations ADD COLUMN invited_by_label TEXT;

-- The hourly cap on invitation mails counts a key's sendings as it counts a user's.
CREATE INDEX audit_events_invitation_mails_by_key
    ON audit_events (actor_key_id, created_at)
    WHERE action IN ('invitation.created', 'invitation.resent');
