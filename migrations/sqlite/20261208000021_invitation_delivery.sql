-- What became of an invitation's latest mail, as its admins see it: queued, sent (the receiving
-- server's words, or "written to the mail folder"), deferred (a 4xx answer and the next try),
-- failed (a 5xx answer, attempts used up, or a bounce reported later), or handed_over (its link
-- was copied to be sent another way, and no mail is on its way).
ALTER TABLE invitations ADD COLUMN delivery_status TEXT NOT NULL DEFAULT 'queued'
    CHECK (delivery_status IN ('queued', 'sent', 'deferred', 'failed', 'handed_over'));
ALTER TABLE invitations ADD COLUMN delivery_detail TEXT;
ALTER TABLE invitations ADD COLUMN delivery_retry_at TEXT;
-- When the one reminder of an unanswered invitation was queued.
ALTER TABLE invitations ADD COLUMN reminded_at TEXT;

-- Invitations mailed before this change say what their mail did.
UPDATE invitations SET delivery_status = 'sent'
    WHERE EXISTS (SELECT 1 FROM outbox o WHERE o.invitation_id = invitations.id AND o.sent_at IS NOT NULL);
UPDATE invitations SET delivery_status = 'failed',
       delivery_detail = (SELECT o.last_error FROM outbox o WHERE o.invitation_id = invitations.id AND o.abandoned_at IS NOT NULL ORDER BY o.id DESC LIMIT 1)
    WHERE delivery_status = 'queued'
      AND EXISTS (SELECT 1 FROM outbox o WHERE o.invitation_id = invitations.id AND o.abandoned_at IS NOT NULL);

-- A bounce reported after the mail was sent.
ALTER TABLE outbox ADD COLUMN bounced_at TEXT;

-- The reminder sweep's question: which pending invitations were sent long enough ago?
CREATE INDEX invitations_to_remind ON invitations (sent_at) WHERE status = 'pending' AND reminded_at IS NULL;
-- Expired invitations stay listed for a while: the account's, by when they expired.
CREATE INDEX invitations_expired_by_account ON invitations (account_id, resolved_at) WHERE status = 'expired';
-- The invitations a member sent that still wait, named when they are removed.
CREATE INDEX invitations_pending_by_inviter ON invitations (invited_by) WHERE status = 'pending';
