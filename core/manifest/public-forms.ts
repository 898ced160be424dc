/**
 * Public forms (manifest `publicForms`): forms anyone fills in without an
 * account, served by core/api/forms. Resolved once at load with every default
 * filled; every mistake is a file#pointer problem: the entity is the module's,
 * each asked field exists and a person may write it, each fixed value fits its
 * field, each reference's `where` compiles against its target, nothing the
 * entity requires is left unasked, and the confirmation mail goes to an asked
 * e-mail field.
 *
 * A reference may also let the person register a new target record instead of
 * picking one (`references.<field>.create`: the school a course sign-up names).
 * That is the smallest general shape: the new record's asked fields and fixed
 * values, next to the `where` of the records offered, on the reference itself.
 */
import type { ManifestProblem } from '../errors.js';
import { checkConditions } from './condition-checks.js';
import type { PublicFormField } from './manifest.types.js';
import type { ResolvedEntity, ResolvedField, ResolvedModule } from './model.js';
import { checkFieldValue } from './validation.js';

export interface ResolvedFormField {
  name: string;
  label: string;
  help?: string;
  /** Required on the form: the entity requires it, or the form asks it as required. */
  required: boolean;
  field: ResolvedField;
}

export interface ResolvedFormCreate {
  /** Entity key of the new record (the reference's target). */
  entity: string;
  label: string;
  fields: ResolvedFormField[];
  fixed: Record<string, unknown>;
}

export interface ResolvedFormReference {
  /** Target records offered and accepted; placeholders are filled when the form is served. */
  where?: Record<string, unknown>;
  create?: ResolvedFormCreate;
}

export interface ResolvedPublicForm {
  /** `module.name`. */
  key: string;
  module: string;
  /** The address: /p/<org-slug>/<name>. */
  name: string;
  label: string;
  description?: string;
  /** Entity key of the record a submission creates. */
  entity: string;
  fields: ResolvedFormField[];
  fixed: Record<string, unknown>;
  references: Record<string, ResolvedFormReference>;
  success: string;
  confirmationMail?: { to: string; subject: string; body: string };
  /** The system actor a submission is made and audited as. */
  actor: string;
  file: string;
  pointer: string;
}

/** Field types a plain HTML form can ask for. */
const ASKABLE = new Set(['string', 'text', 'integer', 'decimal', 'money', 'boolean', 'date', 'datetime', 'time', 'enum', 'email', 'phone', 'url', 'reference', 'file', 'files']);

interface Scope {
  file: string;
  problems: ManifestProblem[];
  /** The workflow's state field of an entity (set by the workflow on create). */
  workflowField: (entityKey: string) => string | undefined;
}

/** Why a person may not write this field on a public form, or undefined when they may. */
function notWritable(f: ResolvedField, workflowField: string | undefined): string | undefined {
  if (f.computed) return 'is computed';
  if (f.sequence) return 'is numbered by the system';
  if (f.rollup) return 'is a roll-up sum';
  if (f.readOnly) return 'is read-only';
  if (f.name === workflowField) return "is the workflow's state, which the workflow sets";
  if (!ASKABLE.has(f.type)) return `is a ${f.type} field, which a public form cannot ask`;
  return undefined;
}

function resolveFields(items: PublicFormField[], entity: ResolvedEntity, pointer: string, scope: Scope): ResolvedFormField[] {
  const seen = new Set<string>();
  const out: ResolvedFormField[] = [];
  items.forEach((item, i) => {
    const spec = typeof item === 'string' ? { name: item } : item;
    const at = typeof item === 'string' ? `${pointer}/${i}` : `${pointer}/${i}/name`;
    const f = entity.field.get(spec.name);
    if (!f) return scope.problems.push({ file: scope.file, pointer: at, message: `"${spec.name}" is not a field of ${entity.key}` });
    if (seen.has(f.name)) return scope.problems.push({ file: scope.file, pointer: at, message: `"${f.name}" is asked twice` });
    seen.add(f.name);
    const why = notWritable(f, scope.workflowField(entity.key));
    if (why) return scope.problems.push({ file: scope.file, pointer: at, message: `"${f.name}" ${why}` });
    out.push({ name: f.name, label: spec.label ?? f.label, help: spec.help ?? f.help, required: f.required || spec.required === true, field: f });
  });
  return out;
}

function resolveFixed(fixed: Record<string, unknown> | undefined, asked: ResolvedFormField[], entity: ResolvedEntity, pointer: string, scope: Scope): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const [name, value] of Object.entries(fixed ?? {})) {
    const at = `${pointer}/${name}`;
    const f = entity.field.get(name);
    if (!f) {
      scope.problems.push({ file: scope.file, pointer: at, message: `"${name}" is not a field of ${entity.key}` });
      continue;
    }
    const why = notWritable(f, scope.workflowField(entity.key));
    if (why) scope.problems.push({ file: scope.file, pointer: at, message: `"${name}" ${why}` });
    else if (asked.some((a) => a.name === name)) scope.problems.push({ file: scope.file, pointer: at, message: `"${name}" is both asked and fixed` });
    else if (typeof value === 'string' && value.includes('${')) scope.problems.push({ file: scope.file, pointer: at, message: 'a fixed value is a literal (placeholders are for conditions)' });
    else {
      const bad = f.type === 'reference' ? 'cannot be fixed: a reference names a record, whose id differs per organization' : checkFieldValue(f, value);
      if (bad) scope.problems.push({ file: scope.file, pointer: at, message: `${JSON.stringify(value)} for "${name}" ${bad}` });
      else out[name] = value;
    }
  }
  return out;
}

/** Every field the entity requires that nobody would fill: not asked, not fixed, no default, not set by the system. */
function checkCovered(entity: ResolvedEntity, asked: ResolvedFormField[], fixed: Record<string, unknown>, pointer: string, scope: Scope): void {
  for (const f of entity.fields) {
    if (!f.required || f.default !== undefined || f.computed || f.sequence || f.rollup || f.name === scope.workflowField(entity.key)) continue;
    if (asked.some((a) => a.name === f.name) || f.name in fixed) continue;
    scope.problems.push({ file: scope.file, pointer, message: `${entity.key} requires "${f.name}", which the form neither asks nor fixes` });
  }
}

export function resolvePublicForms(
  module: ResolvedModule,
  entities: Map<string, ResolvedEntity>,
  names: Map<string, string>,
  workflowField: (entityKey: string) => string | undefined,
  problems: ManifestProblem[],
): ResolvedPublicForm[] {
  const scope: Scope = { file: module.file, problems, workflowField };
  const out: ResolvedPublicForm[] = [];
  (module.manifest.publicForms ?? []).forEach((form, i) => {
    const pointer = `/publicForms/${i}`;
    const before = problems.length;
    const owner = names.get(form.name);
    if (owner) problems.push({ file: module.file, pointer: `${pointer}/name`, message: `a public form named "${form.name}" already exists (${owner}); its address /p/<org>/${form.name} must be unique` });
    else names.set(form.name, module.id);
    const entity = entities.get(`${module.id}.${form.entity}`);
    if (!entity) {
      problems.push({ file: module.file, pointer: `${pointer}/entity`, message: `"${form.entity}" is not an entity of this module` });
      return;
    }
    const fields = resolveFields(form.fields, entity, `${pointer}/fields`, scope);
    const fixed = resolveFixed(form.fixed as Record<string, unknown> | undefined, fields, entity, `${pointer}/fixed`, scope);
    const references: Record<string, ResolvedFormReference> = {};
    for (const [name, spec] of Object.entries(form.references ?? {})) {
      const at = `${pointer}/references/${name}`;
      const asked = fields.find((f) => f.name === name);
      if (!asked || asked.field.type !== 'reference' || !asked.field.target) {
        problems.push({ file: module.file, pointer: at, message: `"${name}" is not an asked reference field of this form` });
        continue;
      }
      const target = entities.get(asked.field.target);
      if (!target) continue; // reported by linkReferences
      const where = spec.where as Record<string, unknown> | undefined;
      if (where) checkConditions(where, target, entities, module.file, `${at}/where`, problems);
      let create: ResolvedFormCreate | undefined;
      if (spec.create) {
        const createFields = resolveFields(spec.create.fields, target, `${at}/create/fields`, scope);
        const createFixed = resolveFixed(spec.create.fixed as Record<string, unknown> | undefined, createFields, target, `${at}/create/fixed`, scope);
        checkCovered(target, createFields, createFixed, `${at}/create`, scope);
        create = { entity: target.key, label: spec.create.label ?? `Register a new ${target.label.toLowerCase()}`, fields: createFields, fixed: createFixed };
      }
      references[name] = { where, create };
    }
    checkCovered(entity, fields, fixed, pointer, scope);
    const mail = form.confirmationMail;
    if (mail) {
      const to = fields.find((f) => f.name === mail.to);
      if (!to || to.field.type !== 'email') problems.push({ file: module.file, pointer: `${pointer}/confirmationMail/to`, message: `"${mail.to}" is not an asked email field of this form` });
    }
    if (problems.length > before) return;
    out.push({
      key: `${module.id}.${form.name}`,
      module: module.id,
      name: form.name,
      label: form.label ?? entity.label,
      description: form.description,
      entity: entity.key,
      fields,
      fixed,
      references,
      success: form.success,
      confirmationMail: mail ? { to: mail.to, subject: mail.subject, body: mail.body } : undefined,
      actor: `public:${form.name}`,
      file: module.file,
      pointer,
    });
  });
  return out;
}
