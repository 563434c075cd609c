-- Proof that a user controls their address: the moment they followed a link sent to it (the
-- verification mail, or an invitation to it). NULL until then. Users from before this column
-- start unverified: nobody ever proved their address.
ALTER TABLE users ADD COLUMN email_verified_at TEXT;

-- The address a user_tokens link was sent to. A verification link proves only that address (it
-- verifies nothing once the user has another); an address-change link carries the new address,
-- which the user row takes only when the link is followed.
ALTER TABLE user_tokens ADD COLUMN email TEXT;
