-- Ties payments to client requests, and gives "what waits on the client"
-- one definition.
--
-- A « demande payante » names the request it was made for: the foreign
-- key could not exist while the two modules were built apart.
--
-- waiting_on_client is the one list of things that wait on the client:
-- approvals to give, tasks the client holds up, requests with a question
-- or a price to answer, payments to make. The workspace-wide list, a
-- project's first few and its summary all read it, so a new kind is added
-- in one place. security_invoker: the caller's row-level security applies
-- to every table it reads, exactly as if the query named them.

-- +goose Up
ALTER TABLE payment_requests
    ADD CONSTRAINT payment_requests_ticket_fkey FOREIGN KEY (workspace_id, ticket_id) REFERENCES tickets (workspace_id, id);

CREATE VIEW waiting_on_client WITH (security_invoker = true) AS
SELECT 'approval'::text AS kind, a.kind AS sub_kind, a.id, a.workspace_id, a.project_id, a.title, a.description AS detail, a.requested_at AS since
FROM approvals a
WHERE a.status = 'pending'
UNION ALL
SELECT 'task'::text, t.board_column, t.id, t.workspace_id, t.project_id, t.title, t.blocked_reason, t.blocked_since
FROM tasks t
WHERE t.deleted_at IS NULL AND t.blocked_by_client AND t.board_column <> 'done'
UNION ALL
-- A question to answer (À clarifier) or a price to accept or refuse
-- (Payant); detail is the admin's message that asked for it.
SELECT 'request'::text, tk.status, tk.id, tk.workspace_id, tk.project_id, tk.title,
       coalesce((SELECT c.body FROM ticket_comments c WHERE c.ticket_id = tk.id AND c.decision = tk.status ORDER BY c.seq DESC LIMIT 1), ''),
       tk.status_changed_at
FROM tickets tk
WHERE tk.status IN ('clarify', 'priced')
UNION ALL
SELECT 'payment'::text, pr.kind, pr.id, pr.workspace_id, pr.project_id, pr.title, pr.description, pr.requested_at
FROM payment_requests pr
WHERE pr.status IN ('pending', 'failed');

GRANT SELECT ON waiting_on_client TO parvis_app;

-- +goose Down
DROP VIEW waiting_on_client;
ALTER TABLE payment_requests DROP CONSTRAINT payment_requests_ticket_fkey;
