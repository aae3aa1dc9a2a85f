-- An approval is a record of what the client said: once decided it never
-- changes, and even while pending only the decision may be written — by
-- the client (approve / ask for changes) or by an admin (cancel). Enforced
-- here and not only in Go, so no code path of the app role can rewrite the
-- history. The one change a decided row accepts is its author columns
-- becoming NULL when that user is deleted (ON DELETE SET NULL).

-- +goose Up
-- +goose StatementBegin
CREATE FUNCTION approvals_guard() RETURNS trigger
LANGUAGE plpgsql AS $$
BEGIN
  IF (NEW.id, NEW.workspace_id, NEW.project_id, NEW.kind, NEW.title, NEW.description, NEW.requested_at, NEW.file_version_id, NEW.file_sha256)
     IS DISTINCT FROM (OLD.id, OLD.workspace_id, OLD.project_id, OLD.kind, OLD.title, OLD.description, OLD.requested_at, OLD.file_version_id, OLD.file_sha256)
     OR (NEW.requested_by IS DISTINCT FROM OLD.requested_by AND NEW.requested_by IS NOT NULL) THEN
    RAISE EXCEPTION 'approval %: only its decision may change', OLD.id USING ERRCODE = 'check_violation';
  END IF;
  IF OLD.status <> 'pending' THEN
    IF (NEW.status, NEW.decided_at, NEW.comment) IS DISTINCT FROM (OLD.status, OLD.decided_at, OLD.comment)
       OR (NEW.decided_by IS DISTINCT FROM OLD.decided_by AND NEW.decided_by IS NOT NULL) THEN
      RAISE EXCEPTION 'approval % is decided: it never changes', OLD.id USING ERRCODE = 'check_violation';
    END IF;
    RETURN NEW;
  END IF;
  IF NEW.status = 'pending' THEN
    RETURN NEW;
  END IF;
  IF NEW.status = 'cancelled' AND app_role() IS DISTINCT FROM 'admin' THEN
    RAISE EXCEPTION 'approval %: only an admin cancels', OLD.id USING ERRCODE = 'insufficient_privilege';
  END IF;
  IF NEW.status IN ('approved', 'changes_requested') AND (app_role() IS DISTINCT FROM 'client' OR NEW.decided_by IS DISTINCT FROM app_user_id()) THEN
    RAISE EXCEPTION 'approval %: only the client decides, in their own name', OLD.id USING ERRCODE = 'insufficient_privilege';
  END IF;
  RETURN NEW;
END
$$;
-- +goose StatementEnd
CREATE TRIGGER approvals_guard BEFORE UPDATE ON approvals FOR EACH ROW EXECUTE FUNCTION approvals_guard();

-- +goose Down
DROP TRIGGER approvals_guard ON approvals;
DROP FUNCTION approvals_guard();
