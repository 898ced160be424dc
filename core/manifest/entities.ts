/**
 * Entities and fields as resolved from a manifest: defaults filled, columns
 * named, references linked to their targets (and their inverses), defaults
 * checked against their fields.
 */
import type { ManifestProblem } from '../errors.js';
import type { ModuleManifest } from './manifest.types.js';
import { SYSTEM_FIELDS, snakeToLabel, type ResolvedEntity, type ResolvedField, type ResolvedModule } from './model.js';
import { checkFieldValue } from './validation.js';
import { resolveFileOptions } from './file-fields.js';

/** Field types that can hold personal data user:erase knows how to blank (core/tenancy/personal-data.ts). */
export const PERSONAL_TYPES: readonly string[] = ['string', 'text', 'email', 'phone', 'date'];

export function lookupEntity(ref: string, moduleId: string, entities: Map<string, ResolvedEntity>, visible: Set<string>): ResolvedEntity | undefined {
  const key = ref.includes('.') ? ref : `${moduleId}.${ref}`;
  const entity = entities.get(key);
  return entity && visible.has(entity.module) ? entity : undefined;
}

export function resolveEntities(file: string, manifest: ModuleManifest, all: Map<string, ResolvedEntity>, problems: ManifestProblem[]): ResolvedEntity[] {
  const seen = new Set<string>();
  return manifest.entities.map((e, ei) => {
    const pointer = `/entities/${ei}`;
    if (seen.has(e.name)) problems.push({ file, pointer: `${pointer}/name`, message: `duplicate entity name "${e.name}"` });
    seen.add(e.name);
    const fieldNames = new Set<string>();
    const fields: ResolvedField[] = e.fields.map((f, fi) => {
      const fp = `${pointer}/fields/${fi}`;
      if (fieldNames.has(f.name)) problems.push({ file, pointer: `${fp}/name`, message: `duplicate field name "${f.name}" in entity "${e.name}"` });
      fieldNames.add(f.name);
      if ((SYSTEM_FIELDS as readonly string[]).includes(f.name)) problems.push({ file, pointer: `${fp}/name`, message: `"${f.name}" is a system column and cannot be declared` });
      if (f.type === 'enum' && !f.values) problems.push({ file, pointer: fp, message: 'an enum field needs "values"' });
      if (f.type !== 'enum' && f.values) problems.push({ file, pointer: `${fp}/values`, message: `"values" only applies to enum fields, not ${f.type}` });
      if (f.type === 'reference' && !f.target) problems.push({ file, pointer: fp, message: 'a reference field needs "target"' });
      if (f.type !== 'reference' && f.inverse) problems.push({ file, pointer: `${fp}/inverse`, message: `"inverse" only applies to reference fields, not ${f.type}` });
      if (f.type !== 'reference' && f.target) problems.push({ file, pointer: `${fp}/target`, message: `"target" only applies to reference fields, not ${f.type}` });
      if (f.personal && !PERSONAL_TYPES.includes(f.type) && !(f.type === 'reference' && f.target === 'core.user')) {
        problems.push({ file, pointer: `${fp}/personal`, message: `"personal" applies to ${PERSONAL_TYPES.join(', ')} fields and to a reference to core.user (whose record it is), not ${f.type === 'reference' ? `a reference to ${f.target}` : f.type}` });
      }
      if (f.pattern !== undefined) {
        try {
          new RegExp(f.pattern, 'u');
        } catch (err) {
          problems.push({ file, pointer: `${fp}/pattern`, message: `invalid regular expression: ${(err as Error).message}` });
        }
      }
      for (const value of Object.keys(f.colors ?? {})) {
        if (!f.values?.includes(value)) problems.push({ file, pointer: `${fp}/colors/${value}`, message: `"${value}" is not a value of this field${f.values ? ` (${f.values.join(', ')})` : ''}` });
      }
      if (f.min !== undefined && f.max !== undefined && f.min > f.max) problems.push({ file, pointer: `${fp}/min`, message: 'min is greater than max' });
      const column = f.type === 'reference' ? `${f.name}_id` : f.name;
      const fileOptions = resolveFileOptions(f, fp, file, problems);
      checkRenames(f, fp, e.fields, file, problems);
      return {
        name: f.name,
        column,
        renamedFrom: f.renamedFrom ? { name: f.renamedFrom, column: f.type === 'reference' ? `${f.renamedFrom}_id` : f.renamedFrom } : undefined,
        valuesRenamedFrom: f.valuesRenamedFrom,
        convert: f.convert,
        type: f.type,
        label: f.label ?? snakeToLabel(f.name),
        help: f.help,
        required: f.required ?? false,
        unique: f.unique ?? false,
        readOnly: f.readOnly ?? false,
        personal: f.personal ?? false,
        default: f.default,
        min: f.min,
        max: f.max,
        minLength: f.minLength,
        maxLength: f.maxLength,
        pattern: f.pattern,
        values: f.values,
        colors: f.colors,
        where: f.where,
        scale: f.scale ?? (f.type === 'money' ? 2 : 4),
        target: f.target,
        inverse: f.inverse,
        onDelete: f.onDelete ?? (f.required ? 'restrict' : 'set null'),
        pointer: fp,
        file: fileOptions,
      };
    });
    const field = new Map(fields.map((f) => [f.name, f]));
    const known = (name: string): boolean => field.has(name) || (SYSTEM_FIELDS as readonly string[]).includes(name);
    const titleField = e.titleField ?? fields.find((f) => f.type === 'string' || f.type === 'email')?.name ?? 'id';
    if (e.titleField && !field.has(e.titleField)) problems.push({ file, pointer: `${pointer}/titleField`, message: `unknown field "${e.titleField}"` });
    const searchFields = resolveSearchFields(e.searchFields ?? [], titleField, field, file, pointer, problems);
    if (e.moduleField && field.get(e.moduleField)?.type !== 'string') problems.push({ file, pointer: `${pointer}/moduleField`, message: `moduleField "${e.moduleField}" must name a string field of this entity` });
    if (e.ownedBy) {
      const owner = field.get(e.ownedBy.field);
      if (owner?.type !== 'reference' || !(owner.target === 'core.user' || (manifest.id === 'core' && owner.target === 'user')) || !owner.required) problems.push({ file, pointer: `${pointer}/ownedBy/field`, message: `ownedBy.field "${e.ownedBy.field}" must name a required reference to core.user of this entity` });
      if (e.ownedBy.sharedFlag !== undefined && field.get(e.ownedBy.sharedFlag)?.type !== 'boolean') problems.push({ file, pointer: `${pointer}/ownedBy/sharedFlag`, message: `ownedBy.sharedFlag "${e.ownedBy.sharedFlag}" must name a boolean field of this entity` });
    }
    (e.indexes ?? []).forEach((ix, ii) =>
      ix.fields.forEach((name, k) => {
        if (!known(name)) problems.push({ file, pointer: `${pointer}/indexes/${ii}/fields/${k}`, message: `unknown field "${name}"` });
      }),
    );
    (e.list?.columns ?? []).forEach((name, k) => {
      if (!known(name)) problems.push({ file, pointer: `${pointer}/list/columns/${k}`, message: `unknown field "${name}"` });
    });
    const sortField = e.list?.sort?.field ?? titleField;
    if (e.list?.sort && !known(sortField)) problems.push({ file, pointer: `${pointer}/list/sort/field`, message: `unknown field "${sortField}"` });
    if (e.renamedFrom !== undefined && manifest.entities.some((other) => other.name === e.renamedFrom)) {
      problems.push({ file, pointer: `${pointer}/renamedFrom`, message: `"${e.renamedFrom}" is still an entity of this module: a renamed entity's old name must be free` });
    }
    // A translated label of a field that is not there is a typo that would silently stay English.
    for (const [lang, t] of Object.entries(e.translations ?? {})) {
      for (const name of Object.keys(t.fields ?? {})) {
        if (!fieldNames.has(name)) problems.push({ file, pointer: `${pointer}/translations/${lang}/fields/${name}`, message: `unknown field "${name}" on ${e.label ?? snakeToLabel(e.name)}` });
      }
      for (const [name, labels] of Object.entries(t.values ?? {})) {
        const values = e.fields.find((f) => f.name === name && f.type === 'enum')?.values;
        if (!values) problems.push({ file, pointer: `${pointer}/translations/${lang}/values/${name}`, message: `"${name}" is no enum field of ${e.label ?? snakeToLabel(e.name)}` });
        else for (const v of Object.keys(labels)) if (!values.includes(v)) problems.push({ file, pointer: `${pointer}/translations/${lang}/values/${name}/${v}`, message: `"${v}" is no value of ${name}` });
      }
    }
    const entity: ResolvedEntity = {
      key: `${manifest.id}.${e.name}`,
      renamedFrom: e.renamedFrom ? `${manifest.id}.${e.renamedFrom}` : undefined,
      module: manifest.id,
      name: e.name,
      table: `${manifest.id}_${e.name}`,
      label: e.label ?? snakeToLabel(e.name),
      pluralLabel: e.pluralLabel ?? `${e.label ?? snakeToLabel(e.name)}s`,
      translations: e.translations ?? {},
      titleField,
      searchFields,
      moduleField: e.moduleField,
      ownedBy: e.ownedBy ? { field: e.ownedBy.field, sharedFlag: e.ownedBy.sharedFlag } : undefined,
      fields,
      field,
      indexes: (e.indexes ?? []).map((ix) => ({ fields: ix.fields, unique: ix.unique ?? false })),
      listColumns: e.list?.columns ?? fields.filter((f) => f.type !== 'password' && f.type !== 'json' && f.type !== 'text').slice(0, 6).map((f) => f.name),
      sort: { field: sortField, direction: e.list?.sort?.direction ?? 'asc' },
      file,
      pointer,
    };
    if (entity.table.length > 63) problems.push({ file, pointer: `${pointer}/name`, message: `table name "${entity.table}" is longer than PostgreSQL's 63 characters` });
    all.set(entity.key, entity);
    return entity;
  });
}

export function linkReferences(m: ResolvedModule, entities: Map<string, ResolvedEntity>, visible: Set<string>, problems: ManifestProblem[]): void {
  for (const entity of m.entities) {
    for (const f of entity.fields) {
      if (f.type !== 'reference' || !f.target) continue;
      const target = lookupEntity(f.target, m.id, entities, visible);
      if (!target) {
        const hint = f.target.includes('.') && !visible.has(f.target.split('.')[0]) ? ` (module "${f.target.split('.')[0]}" is not in dependsOn)` : '';
        problems.push({ file: m.file, pointer: `${f.pointer}/target`, message: `reference to unknown entity "${f.target}"${hint}` });
      } else {
        f.target = target.key;
      }
      if (f.inverse && target) checkInverse(m, f, target, entities, problems);
      if (f.onDelete === 'set null' && f.required) problems.push({ file: m.file, pointer: `${f.pointer}/onDelete`, message: 'a required reference cannot use onDelete "set null"' });
    }
    for (const f of entity.fields) {
      if (f.default === undefined) continue;
      const message = checkDefault(f);
      if (message) problems.push({ file: m.file, pointer: `${f.pointer}/default`, message });
    }
  }
}

/** An inverse is a name on the target: it must not shadow a field there nor repeat another reference's inverse. */
function checkInverse(m: ResolvedModule, f: ResolvedField, target: ResolvedEntity, entities: Map<string, ResolvedEntity>, problems: ManifestProblem[]): void {
  const name = f.inverse!;
  const pointer = `${f.pointer}/inverse`;
  if (target.field.has(name) || (SYSTEM_FIELDS as readonly string[]).includes(name)) {
    problems.push({ file: m.file, pointer, message: `inverse "${name}" is already a field of ${target.key}` });
    return;
  }
  // References are linked in dependency order: an already linked one with the same inverse came first.
  for (const other of entities.values()) {
    const clash = other.fields.find((g) => g !== f && g.type === 'reference' && g.target === target.key && g.inverse === name);
    if (clash) {
      problems.push({ file: m.file, pointer, message: `inverse "${name}" on ${target.key} is also declared by ${other.key}.${clash.name}` });
      return;
    }
  }
}

/** The type of the default first, then the field's own rules (min, max, pattern, format) as for any record. */
function checkDefault(f: ResolvedField): string | undefined {
  const typeProblem = checkDefaultType(f);
  if (typeProblem || f.type === 'json' || decidedByType(f)) return typeProblem;
  const problem = checkFieldValue(f, f.default);
  return problem ? `default ${problem}` : undefined;
}

/**
 * A boolean's or a plain enum's whole value rule is its type (an enum's is its list of values), which the type check
 * decides: the record check would compile a validator per distinct field only to say the same (a third of the manifests' cold load).
 */
const decidedByType = (f: ResolvedField): boolean => f.type === 'boolean' || (f.type === 'enum' && f.pattern === undefined && f.minLength === undefined);

function checkDefaultType(f: ResolvedField): string | undefined {
  const v = f.default;
  switch (f.type) {
    case 'integer':
      return Number.isInteger(v) ? undefined : 'default must be an integer';
    case 'decimal':
    case 'money':
      return typeof v === 'number' ? undefined : 'default must be a number';
    case 'boolean':
      return typeof v === 'boolean' ? undefined : 'default must be true or false';
    case 'enum':
      return f.values?.includes(String(v)) && typeof v === 'string' ? undefined : `default must be one of ${f.values?.join(', ')}`;
    case 'json':
      return undefined;
    case 'reference':
    case 'password':
    case 'file':
    case 'files':
      return `a ${f.type} field cannot have a default`;
    default:
      return typeof v === 'string' ? undefined : 'default must be a string';
  }
}

/** A rename must name something that is gone: an old name still declared, or an old value still listed, would make the rename ambiguous. */
function checkRenames(f: ModuleManifest['entities'][number]['fields'][number], fp: string, siblings: ModuleManifest['entities'][number]['fields'], file: string, problems: ManifestProblem[]): void {
  if (f.renamedFrom !== undefined) {
    if (f.renamedFrom === f.name) problems.push({ file, pointer: `${fp}/renamedFrom`, message: `a field cannot be renamed from its own name "${f.name}"` });
    else if (siblings.some((g) => g.name === f.renamedFrom)) problems.push({ file, pointer: `${fp}/renamedFrom`, message: `"${f.renamedFrom}" is still a field of this entity: a renamed field's old name must be free` });
    else if (siblings.some((g) => g !== f && g.renamedFrom === f.renamedFrom)) problems.push({ file, pointer: `${fp}/renamedFrom`, message: `two fields are renamed from "${f.renamedFrom}"` });
  }
  if (f.valuesRenamedFrom === undefined) return;
  if (f.type !== 'enum') {
    problems.push({ file, pointer: `${fp}/valuesRenamedFrom`, message: `"valuesRenamedFrom" only applies to enum fields, not ${f.type}` });
    return;
  }
  const olds = new Set<string>();
  for (const [value, old] of Object.entries(f.valuesRenamedFrom)) {
    const p = `${fp}/valuesRenamedFrom/${value}`;
    if (!f.values?.includes(value)) problems.push({ file, pointer: p, message: `"${value}" is not a value of this field${f.values ? ` (${f.values.join(', ')})` : ''}` });
    else if (f.values.includes(old)) problems.push({ file, pointer: p, message: `"${old}" is still a value of this field: a renamed value's old name must be free` });
    else if (olds.has(old)) problems.push({ file, pointer: p, message: `two values are renamed from "${old}"` });
    olds.add(old);
  }
}

/** Field types a search compares as text (ILIKE) and a trigram index can serve. */
export const SEARCHABLE_TYPES: readonly ResolvedField['type'][] = ['string', 'text', 'email', 'phone', 'url'];

/** The title field (when it is text) and the declared search fields, each once; a declared one that is no text field is a problem at its pointer. */
function resolveSearchFields(declared: string[], titleField: string, field: ReadonlyMap<string, ResolvedField>, file: string, pointer: string, problems: ManifestProblem[]): string[] {
  const out: string[] = [];
  const title = field.get(titleField);
  if (title && SEARCHABLE_TYPES.includes(title.type)) out.push(title.name);
  declared.forEach((name, k) => {
    const f = field.get(name);
    if (!f) problems.push({ file, pointer: `${pointer}/searchFields/${k}`, message: `unknown field "${name}"` });
    else if (!SEARCHABLE_TYPES.includes(f.type)) problems.push({ file, pointer: `${pointer}/searchFields/${k}`, message: `"${name}" is a ${f.type} field; search looks in text fields only (${SEARCHABLE_TYPES.join(', ')})` });
    else if (!out.includes(name)) out.push(name);
  });
  return out;
}
