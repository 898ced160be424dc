/**
 * A public form's controls for one organization: each asked field as an HTML
 * control, a reference as a select of the target records its `where` allows
 * and the form's system actor may read (the organization's, nothing else),
 * and a reference's "register a new one" fields as a group after it.
 */
import type { Records } from '../../data/contract.js';
import { enumLabels, type Registry, type ResolvedFormField, type ResolvedPublicForm } from '../../manifest/index.js';
import type { Control, Option } from './form-page.js';

/** The select's value meaning "I register a new one below". */
export const NEW_CHOICE = '_new';

/** The input name of a field of a reference's new record: `school.new.name`. */
export const newFieldName = (reference: string, field: string): string => `${reference}.new.${field}`;

/** At most this many records are offered in a select (a public list is meant to be short). */
const MAX_OPTIONS = 500;

const KIND: Partial<Record<string, Control['kind']>> = {
  text: 'textarea',
  integer: 'number',
  decimal: 'number',
  money: 'number',
  boolean: 'checkbox',
  date: 'date',
  datetime: 'datetime-local',
  time: 'time',
  email: 'email',
  phone: 'tel',
  url: 'url',
  enum: 'select',
  reference: 'select',
  file: 'file',
  files: 'file',
};

/** The records a reference offers, as options titled by the target's title field. */
export async function referenceOptions(records: Records, form: ResolvedPublicForm, field: ResolvedFormField): Promise<Option[]> {
  const target = records.entity(field.field.target!);
  const rows = await records.find(target.key, { where: form.references[field.name]?.where, sort: { field: target.titleField, direction: 'asc' }, limit: MAX_OPTIONS });
  return rows.map((r) => ({ value: r.id, label: String(r[target.titleField] ?? r.id) }));
}

function controlOf(registry: Registry, entityKey: string, f: ResolvedFormField, name: string, values: Record<string, string>, errors: Record<string, string>, enforce: boolean): Control {
  const kind = KIND[f.field.type] ?? 'text';
  const entity = registry.entity(entityKey)!;
  const c: Control = { name, label: f.label, help: f.help, required: f.required, enforce: enforce && f.required, kind, value: values[name] ?? '', error: errors[name], maxLength: f.field.maxLength };
  if (f.field.type === 'integer') c.step = '1';
  if (f.field.file) Object.assign(c, { value: '', accept: f.field.file.accept.join(',') || undefined, multiple: f.field.type === 'files' });
  if (f.field.type === 'decimal' || f.field.type === 'money') c.step = 'any';
  if (kind === 'number') Object.assign(c, { min: f.field.min, max: f.field.max });
  if (f.field.type === 'enum') c.options = [...enumLabels(registry, entity, f.field)].map(([value, l]) => ({ value, label: l.label }));
  return c;
}

export async function formControls(records: Records, registry: Registry, form: ResolvedPublicForm, values: Record<string, string>, errors: Record<string, string>): Promise<Control[]> {
  const out: Control[] = [];
  for (const f of form.fields) {
    const c = controlOf(registry, form.entity, f, f.name, values, errors, true);
    if (f.field.type === 'reference') {
      c.options = await referenceOptions(records, form, f);
      const create = form.references[f.name]?.create;
      if (create) {
        c.options.push({ value: NEW_CHOICE, label: create.label });
        c.group = {
          legend: `${create.label} (fill in only if you chose that above)`,
          controls: create.fields.map((cf) => controlOf(registry, create.entity, cf, newFieldName(f.name, cf.name), values, errors, false)),
        };
      }
    }
    out.push(c);
  }
  return out;
}
