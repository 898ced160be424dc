/**
 * Reference pickers narrowed by the manifest: a reference field with `where` (course.teacher: only
 * users holding the teacher role) gets a picker (components/reference-picker.tsx) that asks the
 * entity's hidden `pick` action, which reads the target through the user's RecordService with the
 * field's condition added: what is offered is what the condition allows AND the user may read.
 * AdminJS's own picker asks the target resource's search, which cannot know which field asks.
 */
import type { Action, ActionContext, ActionRequest, ActionResponse, PropertyOptions } from 'adminjs';
import type { Runtime } from '../runtime.js';
import type { ResolvedEntity } from '../manifest/index.js';
import { UmsError } from '../errors.js';
import { componentLoader, componentSource } from './components.js';
import { adminErrors } from './errors.js';
import { accessOf, recordServiceFor } from './session-user.js';

export const PICKER_COMPONENT = componentLoader.add('UmsReferencePicker', componentSource('admin/components/reference-picker.tsx'));

/** Edit components of the entity's narrowed reference fields. */
export function pickerProperties(entity: ResolvedEntity): Record<string, PropertyOptions> {
  return Object.fromEntries(entity.fields.filter((f) => f.type === 'reference' && f.where).map((f) => [f.name, { components: { edit: PICKER_COMPONENT } }]));
}

/** `GET …/api/resources/<Entity>/actions/pick?field=<name>&q=<text>`: at most 50 {id, title} of the field's target. */
export function pickAction(runtime: Runtime, entity: ResolvedEntity): Partial<Action<ActionResponse>> | undefined {
  if (!entity.fields.some((f) => f.type === 'reference' && f.where)) return undefined;
  const mayWrite = ({ currentAdmin }: ActionContext): boolean => {
    const access = accessOf(runtime, currentAdmin);
    return Boolean(access && (access.canOnType('create', entity) || access.canOnType('update', entity)));
  };
  return {
    actionType: 'resource',
    isVisible: false,
    isAccessible: mayWrite,
    handler: async (request: ActionRequest, _response: unknown, context: ActionContext): Promise<ActionResponse> => {
      const query = (request.query ?? {}) as Record<string, unknown>;
      const field = entity.field.get(String(query.field ?? ''));
      if (!field || field.type !== 'reference' || !field.target || !field.where) throw new UmsError('BAD_REQUEST', `${entity.label} has no narrowed reference "${String(query.field ?? '')}".`, { entity: entity.key });
      const records = await recordServiceFor(runtime, context.currentAdmin);
      const target = records.entity(field.target);
      const text = typeof query.q === 'string' ? query.q.trim().slice(0, 200) : '';
      const found = await adminErrors(() =>
        records.find(target.key, {
          filters: text ? [{ field: target.titleField, op: 'contains', value: text }] : [],
          where: field.where,
          sort: { field: target.titleField, direction: 'asc' },
          limit: 50,
        }),
      );
      return { records: [], options: found.map((r) => ({ id: String(r.id), title: String(r[target.titleField] ?? r.id) })) } as ActionResponse;
    },
  };
}
