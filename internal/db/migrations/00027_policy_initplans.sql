-- +goose Up
-- Every policy reads the request's scope (app.workspace_id, app.role,
-- app.user_id) through (SELECT app_…()): PostgreSQL then evaluates each
-- setting once per statement (an InitPlan) instead of once per row. The
-- bare calls are inlined as current_setting(…) in every row's filter, which
-- doubled the cost of reading a project's 250 waiting tasks or its board.
-- Same rules, same results: within one statement the settings do not
-- change. app_can_see_project keeps its meaning; policies test the admin
-- role first, once, so that admins skip the per-row membership probe.
-- TestCatalog_PoliciesReadScopeOnce keeps new policies to this form.

-- +goose StatementBegin
CREATE OR REPLACE FUNCTION app_can_see_project(p uuid) RETURNS boolean
LANGUAGE sql STABLE PARALLEL SAFE AS $$
  SELECT (SELECT app_role()) = 'admin'
      OR EXISTS (SELECT 1 FROM project_members pm WHERE pm.project_id = p AND pm.user_id = (SELECT app_user_id()))
$$;
-- +goose StatementEnd

-- +goose StatementBegin
DO $$
DECLARE
  r record;
  q text;
  c text;
  cmd text;
BEGIN
  FOR r IN SELECT * FROM pg_policies WHERE schemaname = 'public' LOOP
    q := r.qual;
    c := r.with_check;
    q := regexp_replace(q, 'app_can_see_project\(([a-z_.]+)\)', '((SELECT app_role()) = ''admin''::text OR app_can_see_project(\1))', 'g');
    c := regexp_replace(c, 'app_can_see_project\(([a-z_.]+)\)', '((SELECT app_role()) = ''admin''::text OR app_can_see_project(\1))', 'g');
    q := regexp_replace(q, '(?<!SELECT )app_(workspace_id|user_id|role|invitation|purpose)\(\)', '(SELECT app_\1())', 'g');
    c := regexp_replace(c, '(?<!SELECT )app_(workspace_id|user_id|role|invitation|purpose)\(\)', '(SELECT app_\1())', 'g');
    IF q IS DISTINCT FROM r.qual OR c IS DISTINCT FROM r.with_check THEN
      cmd := format('ALTER POLICY %I ON %I.%I', r.policyname, r.schemaname, r.tablename);
      IF q IS NOT NULL THEN cmd := cmd || format(' USING (%s)', q); END IF;
      IF c IS NOT NULL THEN cmd := cmd || format(' WITH CHECK (%s)', c); END IF;
      EXECUTE cmd;
    END IF;
  END LOOP;
END $$;
-- +goose StatementEnd

-- The invitation page reads the invitation by its token's hash.
ALTER POLICY invitations_by_token ON invitations
    USING (token_hash = (SELECT decode(nullif(current_setting('app.invitation', true), ''), 'hex')));

-- +goose Down
ALTER POLICY invitations_by_token ON invitations
    USING (token_hash = decode(nullif(current_setting('app.invitation', true), ''), 'hex'));

-- +goose StatementBegin
DO $$
DECLARE
  r record;
  q text;
  c text;
  cmd text;
BEGIN
  FOR r IN SELECT * FROM pg_policies WHERE schemaname = 'public' LOOP
    q := r.qual;
    c := r.with_check;
    q := regexp_replace(q, '\(\(\(\s*SELECT app_role\(\) AS app_role\) = ''admin''::text\) OR app_can_see_project\(([a-z_.]+)\)\)', 'app_can_see_project(\1)', 'g');
    c := regexp_replace(c, '\(\(\(\s*SELECT app_role\(\) AS app_role\) = ''admin''::text\) OR app_can_see_project\(([a-z_.]+)\)\)', 'app_can_see_project(\1)', 'g');
    q := regexp_replace(q, '\(\s*SELECT app_(workspace_id|user_id|role|invitation|purpose)\(\) AS app_\w+\)', 'app_\1()', 'g');
    c := regexp_replace(c, '\(\s*SELECT app_(workspace_id|user_id|role|invitation|purpose)\(\) AS app_\w+\)', 'app_\1()', 'g');
    IF q IS DISTINCT FROM r.qual OR c IS DISTINCT FROM r.with_check THEN
      cmd := format('ALTER POLICY %I ON %I.%I', r.policyname, r.schemaname, r.tablename);
      IF q IS NOT NULL THEN cmd := cmd || format(' USING (%s)', q); END IF;
      IF c IS NOT NULL THEN cmd := cmd || format(' WITH CHECK (%s)', c); END IF;
      EXECUTE cmd;
    END IF;
  END LOOP;
END $$;
-- +goose StatementEnd

-- +goose StatementBegin
CREATE OR REPLACE FUNCTION app_can_see_project(p uuid) RETURNS boolean
LANGUAGE sql STABLE PARALLEL SAFE AS $$
  SELECT app_role() = 'admin'
      OR EXISTS (SELECT 1 FROM project_members pm WHERE pm.project_id = p AND pm.user_id = app_user_id())
$$;
-- +goose StatementEnd
