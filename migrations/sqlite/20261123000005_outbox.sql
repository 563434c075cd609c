-- Mail waiting to be delivered. A row is written in the same transaction as the change that
-- causes the mail (an invitation, a resend), so that a mail exists if and only if the change
-- committed; a background task delivers it afterwards, with retries.
--
-- The bodies of an invitation mail carry the link with its token, so they are kept only until
-- the mail is delivered (or abandoned): afterwards the row keeps who, what and when, not the
-- link. Mails of an invitation that is revoked or resent before delivery are deleted unsent.

CREATE TABLE outbox (
    id              INTEGER PRIMARY KEY,
    invitation_id   TEXT REFERENCES invitations (id) ON DELETE CASCADE,
    recipient       TEXT NOT NULL,
    subject         TEXT NOT NULL,
    text_body       TEXT NOT NULL,
    html_body       TEXT NOT NULL,
    created_at      TEXT NOT NULL,
    attempts        INTEGER NOT NULL DEFAULT 0 CHECK (attempts >= 0),
    next_attempt_at TEXT NOT NULL,
    last_error      TEXT,
    sent_at         TEXT,
    abandoned_at    TEXT,
    CHECK (sent_at IS NULL OR abandoned_at IS NULL)
) STRICT;

-- The delivery task's question: what is due now?
CREATE INDEX outbox_due ON outbox (next_attempt_at) WHERE sent_at IS NULL AND abandoned_at IS NULL;
CREATE INDEX outbox_by_invitation ON outbox (invitation_id) WHERE invitation_id IS NOT NULL;
