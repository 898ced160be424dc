/**
 * A list screen's URL (`filters.<field>=…`, `filters.<field>~~from=…`,
 * `sortBy`, `direction`) → the filters and sort RecordService takes, through
 * the very translation the list itself uses (ManifestResource), so an export
 * holds exactly the rows the screen lists.
 */
import AdminJS, { Filter, flat } from 'adminjs';
import { ManifestResource } from './resource.js';
import { classNameOf } from '../data/entity-schemas.js';
import { UmsError } from '../errors.js';
import type { ResolvedEntity } from '../manifest/index.js';
import type { ExportQuery } from '../exchange/index.js';

export function manifestResourceOf(admin: AdminJS, entity: ResolvedEntity): ManifestResource {
  const resource = admin.resources.find((r) => r instanceof ManifestResource && r.entity.key === entity.key);
  if (!(resource instanceof ManifestResource)) throw new UmsError('NOT_FOUND', `No admin screen for ${entity.label} (${classNameOf(entity)}).`, { entity: entity.key });
  return resource;
}

export function exportQueryFromList(resource: ManifestResource, query: Record<string, unknown>): ExportQuery {
  const { filters = {}, sortBy, direction } = flat.unflatten<Record<string, unknown>, { filters?: Record<string, unknown>; sortBy?: unknown; direction?: unknown }>(query);
  const filter = new Filter(filters, resource);
  // The list's own AdminJS → RecordService translation, so an export matches what the list shows.
  const fieldFilters = resource.toQueryFilters(filter);
  return {
    filters: fieldFilters,
    sort: typeof sortBy === 'string' && sortBy ? { field: sortBy, direction: direction === 'desc' ? 'desc' : 'asc' } : undefined,
  };
}
