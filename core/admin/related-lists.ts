/**
 * Related lists on a record's show page (Frappe's connections panel): the entities whose reference
 * fields point at the record's entity, each with how many of their records point at this record and
 * a link to their list filtered on that reference.
 *
 *   GET <root>/x/related/<resource id>/<record id>   { lists: RelatedList[] }   (resource id as in admin URLs: InstituteCourse)
 *
 * Everything goes through the signed-in user's RecordService: the record itself must be readable
 * (missing and not allowed are the same 404), an entity whose module the organization has not
 * enabled or that the user may not read is left out, a reference field the user may not see is left
 * out (filtering on it would be ignored, so its count would be the whole list), and each count is
 * the user's row rules plus `<field> = <id>` — the number the linked list shows.
 */
import { Router, type NextFunction, type Request, type Response } from 'express';
import { classNameOf } from '../data/entity-schemas.js';
import { RecordService } from '../data/records.js';
import { UmsError } from '../errors.js';
import { isUuid, type ResolvedEntity } from '../manifest/index.js';
import { ADMIN_ROOT, RELATED_PATH } from '../paths.js';
import type { Runtime } from '../runtime.js';
import { signedInActor } from './file-routes.js';
import { isLanguage, languageOfUser } from './language.js';

export interface RelatedList {
  /** Entity key of the referencing entity (`institute.enrollment`). */
  entity: string;
  /** The reference field on it that points at the record. */
  field: string;
  /** "Enrollments", or "Contacts (School)" when one entity refers to the record's entity through several fields. */
  label: string;
  count: number;
  /** The AdminJS list of that entity filtered on the reference. */
  href: string;
}

/** Reference fields of every entity that target `entity`, in registry order. */
function referencesTo(entities: readonly ResolvedEntity[], entity: ResolvedEntity): { source: ResolvedEntity; field: string; fieldLabel: string; several: boolean }[] {
  const out = [];
  for (const source of entities) {
    const fields = source.fields.filter((f) => f.type === 'reference' && f.target === entity.key);
    for (const f of fields) out.push({ source, field: f.name, fieldLabel: f.label, several: fields.length > 1 });
  }
  return out;
}

/** The entity of an admin resource id (`InstituteCourse`), or NOT_FOUND. */
export function entityOfResource(records: RecordService, resourceId: string): ResolvedEntity {
  const entity = records.runtime.registry.entities.find((e) => classNameOf(e) === resourceId);
  if (!entity) throw new UmsError('NOT_FOUND', `There is no resource "${resourceId.slice(0, 100)}".`);
  return entity;
}

/** `language`: the reader's; each list's label is the referencing entity's plural label (and field label) in it, English where the manifest has none. */
export async function relatedLists(records: RecordService, entity: ResolvedEntity, id: string, language = 'en'): Promise<RelatedList[]> {
  if (!isUuid(id)) throw new UmsError('BAD_REQUEST', 'The record id must be a record id (a UUID).', { entity: entity.key, field: 'id' });
  // Access: the record itself, through the same filtered read as its show page.
  await records.get(entity.key, id);
  const lists: RelatedList[] = [];
  for (const ref of referencesTo(records.runtime.registry.entities, entity)) {
    const { source, field } = ref;
    if (!records.moduleEnabled(source) || !records.canOnType('read', source.key)) continue;
    if (!records.readableFields(source).includes(field)) continue;
    const count = await records.count(source.key, [{ field, op: 'eq', value: id }]);
    const t = language === 'en' ? undefined : source.translations[language];
    const plural = t?.pluralLabel ?? t?.label ?? source.pluralLabel;
    lists.push({
      entity: source.key,
      field,
      label: ref.several ? `${plural} (${t?.fields?.[field] ?? ref.fieldLabel})` : plural,
      count,
      href: `${ADMIN_ROOT}/resources/${classNameOf(source)}?${new URLSearchParams({ [`filters.${field}`]: id }).toString()}`,
    });
  }
  return lists;
}

export function relatedListsRouter(runtime: Runtime): Router {
  const router = Router();
  router.all(`${RELATED_PATH}/:resource/:id`, async (req: Request, res: Response, next: NextFunction) => {
    try {
      if (req.method !== 'GET' && req.method !== 'HEAD') throw new UmsError('BAD_REQUEST', 'Related lists are read with GET.');
      const actor = signedInActor(req);
      const records = await RecordService.for(runtime, actor);
      // The page's language (`?lng=`, what the show page is drawn in), else the reader's own.
      const language = isLanguage(req.query.lng) ? req.query.lng : await languageOfUser(runtime, actor.organizationId, actor.userId);
      const lists = await relatedLists(records, entityOfResource(records, String(req.params.resource)), String(req.params.id), language);
      res.setHeader('Cache-Control', 'private, no-store');
      res.json({ lists });
    } catch (err) {
      next(err);
    }
  });
  return router;
}
