/**
 * The organizations a module job runs for when it fires: those with the
 * module enabled and status 'active' (org:suspend / org:archive keep their
 * data as it was, so their jobs wait until org:resume), read in pages by
 * keyset over core_organization_module's primary key (organization_id,
 * module_id). One firing of a job therefore costs one bounded query per page,
 * whatever the number of organizations, and holds one page in memory.
 */
import type { Runtime } from '../runtime.js';
import { ORGANIZATION_MODULE_TABLE, ORGANIZATION_TABLE } from '../manifest/index.js';
import { crossTenant } from '../db/cross-tenant.js';
import type { JobOrganization } from './types.js';

/** Small enough that a page is a few kilobytes, large enough that 10,000 organizations are 20 queries. */
export const ORGANIZATION_PAGE_SIZE = 500;

/** Below every uuid: the keyset's start. */
const FIRST = '00000000-0000-0000-0000-000000000000';

export async function* organizationPages(runtime: Runtime, moduleId: string, pageSize = ORGANIZATION_PAGE_SIZE): AsyncGenerator<JobOrganization[]> {
  let after = FIRST;
  for (;;) {
    const page: JobOrganization[] = await crossTenant(runtime.dataSource, 'jobs-scheduler', (owner) => owner.query(
      `SELECT o.id, o.name, o.slug
         FROM ${ORGANIZATION_MODULE_TABLE} m JOIN ${ORGANIZATION_TABLE} o ON o.id = m.organization_id
        WHERE m.module_id = $1 AND m.enabled AND o.status = 'active' AND m.organization_id > $2
        ORDER BY m.organization_id
        LIMIT $3`,
      [moduleId, after, pageSize],
    ));
    if (page.length) yield page;
    if (page.length < pageSize) return;
    after = page[page.length - 1].id;
  }
}
