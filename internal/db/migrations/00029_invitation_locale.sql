-- The language of an invitation: its email, a resent one, the acceptance
-- page (unless the visitor chose another) and the new account all use it.
-- The invitee has no account yet, hence no language of their own: the
-- inviting admin picks it (create-invitation's locale) or it is the
-- admin's own. Existing invitations were French.

-- +goose Up
ALTER TABLE invitations ADD COLUMN locale text NOT NULL DEFAULT 'fr' CHECK (locale IN ('fr', 'en'));

-- +goose Down
ALTER TABLE invitations DROP COLUMN locale;
