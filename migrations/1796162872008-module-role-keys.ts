import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Role names are per module: a built-in module role's row is named by its key
 * (`library.member`), core's keep their bare names (`admin`). Written by hand
 * (no schema change, so migrations:generate has nothing to diff): renames the
 * built-in rows and every stored role name that means one of them (approver
 * overrides, the frozen step lists of workflow requests, workflow events'
 * as_role / on_behalf_of). Custom roles keep their names. A bare name stored
 * by a module's workflow means that module's role, else the one module role
 * of that name, else it stays (core's, a custom role, "relation").
 */
export class ModuleRoleKeys1796162872008 implements MigrationInterface {
  name = 'ModuleRoleKeys1796162872008';

  async up(queryRunner: QueryRunner): Promise<void> {
    // The institute declared its own "admin" that merged with core's: it is core's organization admin now.
    await queryRunner.query(`UPDATE core_role SET module = 'core' WHERE builtin AND 'core' = ANY (string_to_array(module, ', '))`);
    // Any other merged row (not in the shipped manifests) goes to its first module; the next role sync adds the others.
    await queryRunner.query(`UPDATE core_role SET module = split_part(module, ', ', 1) WHERE builtin AND module LIKE '%, %'`);
    await queryRunner.query(
      `UPDATE core_role SET name = module || '.' || name, label = coalesce(label, name) || ' (' || initcap(replace(module, '_', ' ')) || ')'
        WHERE builtin AND module IS NOT NULL AND module <> 'core' AND position('.' in name) = 0`,
    );
    // Roles are picked by label now: a custom role without one shows its name.
    await queryRunner.query(`UPDATE core_role SET label = name WHERE label IS NULL OR label = ''`);
    await queryRunner.query(
      `CREATE FUNCTION pg_temp.ums_role_key(org uuid, own text, role text) RETURNS text LANGUAGE sql STABLE AS $$
         SELECT coalesce(
           (SELECT c.name FROM core_role c WHERE c.organization_id = org AND c.builtin AND c.name = own || '.' || role),
           (SELECT min(c.name) FROM core_role c WHERE c.organization_id = org AND c.builtin AND c.module <> 'core' AND position('.' in role) = 0
               AND split_part(c.name, '.', 2) = role HAVING count(*) = 1),
           role)
       $$`,
    );
    await rewriteStoredRoles(queryRunner, 'pg_temp.ums_role_key');
    await queryRunner.query(`DROP FUNCTION pg_temp.ums_role_key(uuid, text, text)`);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      `CREATE FUNCTION pg_temp.ums_role_name(org uuid, own text, role text) RETURNS text LANGUAGE sql STABLE AS $$
         SELECT CASE WHEN EXISTS (SELECT 1 FROM core_role c WHERE c.organization_id = org AND c.builtin AND c.module <> 'core' AND c.name = role)
                     THEN split_part(role, '.', 2) ELSE role END
       $$`,
    );
    await rewriteStoredRoles(queryRunner, 'pg_temp.ums_role_name');
    await queryRunner.query(`DROP FUNCTION pg_temp.ums_role_name(uuid, text, text)`);
    await queryRunner.query(
      `UPDATE core_role SET name = split_part(name, '.', 2), label = regexp_replace(label, ' \\([^)]*\\)$', '')
        WHERE builtin AND module IS NOT NULL AND module <> 'core' AND name LIKE module || '.%'`,
    );
  }
}

/** Applies `fn(organization, module of the workflow, role)` to every stored role name. */
async function rewriteStoredRoles(queryRunner: QueryRunner, fn: string): Promise<void> {
  await queryRunner.query(
    `UPDATE core_approval_override o
        SET roles = (SELECT coalesce(jsonb_agg(to_jsonb(${fn}(o.organization_id, split_part(o.workflow, '.', 1), e.role)) ORDER BY e.i), '[]'::jsonb)
                       FROM jsonb_array_elements_text(o.roles) WITH ORDINALITY AS e(role, i))
      WHERE jsonb_typeof(o.roles) = 'array'`,
  );
  await queryRunner.query(
    `UPDATE core_workflow_request r
        SET steps = jsonb_set(r.steps, '{steps}', (
          SELECT coalesce(jsonb_agg(
                   CASE WHEN jsonb_typeof(s.step -> 'roles') = 'array' THEN jsonb_set(s.step, '{roles}', (
                     SELECT coalesce(jsonb_agg(to_jsonb(${fn}(r.organization_id, split_part(r.workflow, '.', 1), e.role)) ORDER BY e.i), '[]'::jsonb)
                       FROM jsonb_array_elements_text(s.step -> 'roles') WITH ORDINALITY AS e(role, i)))
                   ELSE s.step END ORDER BY s.i), '[]'::jsonb)
            FROM jsonb_array_elements(r.steps -> 'steps') WITH ORDINALITY AS s(step, i)))
      WHERE jsonb_typeof(r.steps -> 'steps') = 'array'`,
  );
  await queryRunner.query(
    `UPDATE core_workflow_event v
        SET as_role = CASE WHEN v.as_role IS NULL THEN NULL ELSE ${fn}(v.organization_id, split_part(v.entity, '.', 1), v.as_role) END,
            on_behalf_of = CASE WHEN v.on_behalf_of IS NULL THEN NULL ELSE ${fn}(v.organization_id, split_part(v.entity, '.', 1), v.on_behalf_of) END
      WHERE v.as_role IS NOT NULL OR v.on_behalf_of IS NOT NULL`,
  );
}
