-- The hourly caps on invitation mails count the audit rows of sent invitations (new and
-- resent) per account and per sending user. These partial indexes keep that count to the rows
-- of the last hour, however long the audit log grows.
CREATE INDEX audit_events_invitation_mails_by_account
    ON audit_events (account_id, created_at)
    WHERE action IN ('invitation.created', 'invitation.resent');

CREATE INDEX audit_events_invitation_mails_by_actor
    ON audit_events (actor_id, created_at)
    WHERE action IN ('invitation.created', 'invitation.resent');

-- Notices to the owner of an address that someone tried to sign up with it are sent at most
-- once an hour; this finds the last one.
CREATE INDEX outbox_by_recipient ON outbox (recipient, created_at);
