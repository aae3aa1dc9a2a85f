-- name: ServeRoleCheck :one
-- What `parvis serve` checks before it starts (security guide point 30):
-- the role it connected as must not be able to step around row-level
-- security, and the schema must have been migrated. Ownership counts
-- through membership too (pg_has_role … USAGE): a member of the owning
-- role may ALTER the table and switch its policies off.
SELECT r.rolname::text AS role_name,
       coalesce(r.rolsuper, true) AS superuser,
       coalesce(r.rolbypassrls, true) AS bypass_rls,
       (SELECT count(*) FROM pg_catalog.pg_class c
          JOIN pg_catalog.pg_namespace n ON n.oid = c.relnamespace
         WHERE n.nspname = current_schema() AND c.relkind IN ('r', 'p')
           AND pg_has_role(r.oid, c.relowner, 'USAGE')
           AND EXISTS (SELECT 1 FROM pg_catalog.pg_attribute a
                        WHERE a.attrelid = c.oid AND a.attname = 'workspace_id' AND NOT a.attisdropped)
       )::int AS owned_tenant_tables,
       (SELECT count(*) FROM pg_catalog.pg_class c
          JOIN pg_catalog.pg_namespace n ON n.oid = c.relnamespace
         WHERE n.nspname = current_schema() AND c.relname IN ('river_queue', 'goose_db_version', 'workspaces')
       )::int AS schema_tables
FROM pg_catalog.pg_roles r
WHERE r.rolname = current_user;
