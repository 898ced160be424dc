/**
 * An organization's settings. They live as typed columns of
 * core_organization, as the time zone does: each is one migration, has a
 * type and a default the database holds, and is read in the same query as
 * the organization (a free-form JSON column would need its own validation
 * and would hide what exists). Operators change them with `org:settings`.
 */
import { RecordValidationError } from '../errors.js';
import { ORGANIZATION_TABLE } from '../manifest/index.js';
import type { Runtime } from '../runtime.js';
import { findOrganization } from './index.js';

export interface OrganizationSettings {
  timezone: string | null;
  /** Ledger postings dated before today (in the organization's zone) are accepted; false refuses them. */
  allowBackdatedPostings: boolean;
}

export async function organizationSettings(runtime: Runtime, slug: string): Promise<OrganizationSettings> {
  const org = await findOrganization(runtime, slug);
  const [row]: { timezone: string | null; allow_backdated_postings: boolean }[] = await runtime.dataSource.query(`SELECT timezone, allow_backdated_postings FROM ${ORGANIZATION_TABLE} WHERE id = $1`, [org.id]);
  return { timezone: row.timezone, allowBackdatedPostings: row.allow_backdated_postings };
}

const ON_OFF: Record<string, boolean> = { on: true, off: false, true: true, false: false, yes: true, no: false };

/** Changes the given settings; an unreadable value is a field error naming the setting. */
export async function updateOrganizationSettings(runtime: Runtime, slug: string, input: { backdatedPostings?: string }): Promise<OrganizationSettings> {
  const org = await findOrganization(runtime, slug);
  if (input.backdatedPostings !== undefined) {
    const value = ON_OFF[input.backdatedPostings.toLowerCase()];
    if (value === undefined) throw new RecordValidationError('core.organization', { backdatedPostings: { message: `"${input.backdatedPostings}" is not on or off` } }, 'backdated-postings: say on or off.');
    await runtime.dataSource.query(`UPDATE ${ORGANIZATION_TABLE} SET allow_backdated_postings = $2, updated_at = now() WHERE id = $1`, [org.id, value]);
  }
  return organizationSettings(runtime, slug);
}
