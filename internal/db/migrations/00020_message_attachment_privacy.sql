-- Message attachments (00014) live in the « Pièces jointes » folder like
-- requests' (00011), whose files a client sees only through
-- attachment_visible() (00019). A message's attachment is visible where
-- its message is, except that a client does not see the files of a
-- message an admin hid or its author deleted (the thread already shows
-- neither). For the sweep of abandoned uploads (system scope, admin role)
-- every message attachment counts as attached.

-- +goose Up
-- +goose StatementBegin
CREATE OR REPLACE FUNCTION attachment_visible(p_file uuid) RETURNS boolean
LANGUAGE sql STABLE AS $$
  -- Runs with the caller's rights: the attachments' and messages' own
  -- policies apply (a client sees only his projects').
  SELECT EXISTS (SELECT 1 FROM ticket_attachments a WHERE a.file_id = p_file)
      OR EXISTS (SELECT 1 FROM message_attachments a JOIN messages m ON m.id = a.message_id
                 WHERE a.file_id = p_file
                   AND (app_role() = 'admin' OR (m.hidden_at IS NULL AND m.deleted_at IS NULL)))
$$;
-- +goose StatementEnd

-- +goose Down
-- +goose StatementBegin
CREATE OR REPLACE FUNCTION attachment_visible(p_file uuid) RETURNS boolean
LANGUAGE sql STABLE AS $$
  SELECT EXISTS (SELECT 1 FROM ticket_attachments a WHERE a.file_id = p_file)
$$;
-- +goose StatementEnd
