/**
 * One submission of a public form, as its named system actor `public:<form>`
 * in one transaction: the posted strings become field values, a picked
 * reference must be one the form offers (its `where`, checked again here: a
 * hand-made post cannot pick a draft course), an optional new target record
 * is created first and linked, then the record itself through `Records`
 * (validation, hooks, workflow onEnter, notifications, audit), then the
 * confirmation mail in the outbox. Any failure rolls everything back and
 * comes back as field errors (keyed by input name) or a notice.
 */
import { RecordValidationError, UmsError } from '../../errors.js';
import type { Records } from '../../data/contract.js';
import { enqueueMail } from '../../mail/index.js';
import { enumLabels, isUuid, type Registry, type ResolvedFormField, type ResolvedPublicForm } from '../../manifest/index.js';
import { coerceInput, validateRecord } from '../../manifest/validation.js';
import { NEW_CHOICE, newFieldName } from './form-controls.js';

export type Body = Record<string, unknown>;

export type SubmissionResult =
  | { ok: true; id: string }
  | { ok: false; values: Record<string, string>; errors: Record<string, string>; notice?: string; status: number };

const text = (raw: unknown): string | undefined => (typeof raw === 'string' ? raw : Array.isArray(raw) && typeof raw[0] === 'string' ? raw[0] : undefined);

/** The posted values as typed (for re-rendering) and as field values, with the form's own required checks. */
function readFields(fields: ResolvedFormField[], body: Body, nameOf: (f: string) => string, typed: Record<string, string>, errors: Record<string, string>, skipRequired = false): Record<string, unknown> {
  const input: Record<string, unknown> = {};
  for (const f of fields) {
    const name = nameOf(f.name);
    if (f.field.type === 'files') {
      // The ids of the files streamed from this submission (never typed in: a string here is not one of them).
      const ids = Array.isArray(body[name]) ? (body[name] as unknown[]).filter((v): v is string => typeof v === 'string') : [];
      typed[name] = '';
      if (ids.length) input[f.name] = ids;
      else if (f.required && !skipRequired) errors[name] = 'is required';
      continue;
    }
    const raw = text(body[name]);
    if (f.field.type === 'boolean') {
      typed[name] = raw ? 'on' : '';
      input[f.name] = Boolean(raw);
      continue;
    }
    const value = (raw ?? '').slice(0, 20_000);
    typed[name] = value;
    if (value.trim() === '') {
      if (f.required && !skipRequired) errors[name] = 'is required';
      continue;
    }
    input[f.name] = coerceInput(f.field, f.field.type === 'text' ? value : value.trim());
  }
  return input;
}

/** What validation says about the asked fields before anything is written, so every error shows at once. */
function precheck(registry: Registry, entityKey: string, fields: ResolvedFormField[], input: Record<string, unknown>, nameOf: (f: string) => string, errors: Record<string, string>): void {
  const entity = registry.entity(entityKey)!;
  const found = validateRecord(entity, input);
  for (const f of fields) {
    const e = found[f.name];
    if (e && input[f.name] !== undefined && !errors[nameOf(f.name)]) errors[nameOf(f.name)] = e.message;
  }
}

/** Field errors from the write pipeline onto the inputs they belong to; the rest becomes the notice. */
function placeErrors(err: RecordValidationError, fields: ResolvedFormField[], nameOf: (f: string) => string, errors: Record<string, string>): string | undefined {
  const rest: string[] = [];
  for (const [field, e] of Object.entries(err.fieldErrors)) {
    if (fields.some((f) => f.name === field)) errors[nameOf(field)] ??= e.message;
    else rest.push(field === '_record' ? e.message : `${field}: ${e.message}`);
  }
  return rest.length ? rest.join(' ') : undefined;
}

/** `{field}` in the mail's subject and body: the value as the person gave it (a reference: the picked record's title). */
function fill(template: string, display: Record<string, string>): string {
  return template.replace(/\{([a-z][a-z0-9_]*)\}/g, (m, name: string) => display[name] ?? m);
}

export async function submitForm(system: Records, registry: Registry, form: ResolvedPublicForm, body: Body): Promise<SubmissionResult> {
  const typed: Record<string, string> = {};
  const errors: Record<string, string> = {};
  const own = (f: string): string => f;
  const input = readFields(form.fields, body, own, typed, errors);
  const display: Record<string, string> = {};
  for (const f of form.fields) if (typeof input[f.name] === 'string' || typeof input[f.name] === 'number') display[f.name] = String(input[f.name]);
  for (const f of form.fields.filter((x) => x.field.type === 'enum' && typeof input[x.name] === 'string')) {
    display[f.name] = enumLabels(registry, registry.entity(form.entity)!, f.field).get(String(input[f.name]))?.label ?? String(input[f.name]);
  }

  // References: one the form offers, or a new one registered in the same submission.
  const creates: { field: string; entity: string; input: Record<string, unknown> }[] = [];
  for (const f of form.fields.filter((x) => x.field.type === 'reference')) {
    const picked = input[f.name];
    if (picked === undefined || picked === null) continue;
    const spec = form.references[f.name];
    const target = registry.entity(f.field.target!)!;
    if (picked === NEW_CHOICE && spec?.create) {
      const create = spec.create;
      const nameOf = (x: string): string => newFieldName(f.name, x);
      const newInput = readFields(create.fields, body, nameOf, typed, errors);
      precheck(registry, create.entity, create.fields, newInput, nameOf, errors);
      creates.push({ field: f.name, entity: create.entity, input: { ...newInput, ...create.fixed } });
      delete input[f.name];
      display[f.name] = String(newInput[target.titleField] ?? '');
      continue;
    }
    const offered = isUuid(picked) && (await system.count(target.key, [{ field: 'id', op: 'eq', value: picked }], spec?.where)) === 1;
    if (!offered) {
      errors[f.name] = `choose one of the listed ${target.pluralLabel.toLowerCase()}`;
      continue;
    }
    display[f.name] = String((await system.get(target.key, picked as string))[target.titleField] ?? '');
  }
  // The new record's fields are read (and kept) even when "new" was not chosen, but only checked when it was.
  for (const f of form.fields) {
    const create = form.references[f.name]?.create;
    if (create && !creates.some((c) => c.field === f.name)) readFields(create.fields, body, (x) => newFieldName(f.name, x), typed, {}, true);
  }
  precheck(registry, form.entity, form.fields.filter((f) => f.field.type !== 'reference'), input, own, errors);
  if (Object.keys(errors).length) return { ok: false, values: typed, errors, status: 400 };

  let stage: { fields: ResolvedFormField[]; nameOf: (f: string) => string } = { fields: form.fields, nameOf: own };
  try {
    const id = await system.transaction(async (tx) => {
      for (const c of creates) {
        const create = form.references[c.field].create!;
        stage = { fields: create.fields, nameOf: (x) => newFieldName(c.field, x) };
        input[c.field] = (await tx.create(c.entity, c.input)).id;
      }
      stage = { fields: form.fields, nameOf: own };
      const record = await tx.create(form.entity, { ...input, ...form.fixed });
      const mail = form.confirmationMail;
      const to = mail ? input[mail.to] : undefined;
      if (mail && typeof to === 'string' && to) {
        await enqueueMail(tx, { to, template: 'notice', data: { title: fill(mail.subject, display), body: fill(mail.body, display) } });
      }
      return record.id;
    });
    return { ok: true, id };
  } catch (err) {
    if (err instanceof RecordValidationError) {
      const notice = placeErrors(err, stage.fields, stage.nameOf, errors);
      return { ok: false, values: typed, errors, notice: notice ?? (Object.keys(errors).length ? undefined : err.message), status: 400 };
    }
    // A refusal the person can act on (the organization is read-only, a limit is reached): said as it is.
    if (err instanceof UmsError && err.status < 500) return { ok: false, values: typed, errors, notice: err.message, status: err.status };
    throw err;
  }
}
