/**
 * Record validation derived from the entity: form input is coerced to the
 * field's type, then checked by an AJV schema built from the same field
 * definitions. Errors come back per field.
 */
import { Ajv, type ErrorObject, type ValidateFunction } from 'ajv';
import addFormats from 'ajv-formats';
import { fieldError, type FieldError, type FieldErrors } from '../errors.js';
import { inEveryLanguage } from './error-texts.js';
import type { ResolvedEntity, ResolvedField } from './index.js';
import { MAX_FILES_PER_FIELD } from './file-fields.js';

const ajv = new Ajv({ allErrors: true, strict: false, coerceTypes: false, validateSchema: false });
addFormats.default(ajv);

const DATE = /^(\d{4})-(\d{2})-(\d{2})$/;
const DATE_TIME = /^(\d{4}-\d{2}-\d{2})(?:[T ](\d{2}):(\d{2})(?::(\d{2})(?:\.\d{1,9})?)?(Z|[+-]\d{2}(?::?\d{2})?)?)?$/i;

/** A real calendar day that PostgreSQL stores as written: years 0001–9999, no 30 February. */
export function isCalendarDate(value: string): boolean {
  const m = DATE.exec(value);
  if (!m) return false;
  const [year, month, day] = [Number(m[1]), Number(m[2]), Number(m[3])];
  if (year < 1 || month < 1 || month > 12 || day < 1) return false;
  const leap = year % 4 === 0 && (year % 100 !== 0 || year % 400 === 0);
  return day <= [31, leap ? 29 : 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31][month - 1];
}

/** An ISO 8601 date and time (or a date alone: its midnight UTC) whose every part exists; no trailing text. */
export function isDateTimeText(value: string): boolean {
  const m = DATE_TIME.exec(value.trim());
  if (!m || !isCalendarDate(m[1])) return false;
  if (m[2] !== undefined && (Number(m[2]) > 23 || Number(m[3]) > 59 || Number(m[4] ?? 0) > 59)) return false;
  return !Number.isNaN(Date.parse(m[2] === undefined ? m[1] : value.trim().replace(' ', 'T')));
}

/** A time of day as a time field takes it: HH:MM or HH:MM:SS, 00:00 to 23:59:59 (no 24:00, no fractions, no zone). */
export const TIME_PATTERN = '^([01][0-9]|2[0-3]):[0-5][0-9](:[0-5][0-9])?$';
const TIME = new RegExp(TIME_PATTERN);
export const isTimeOfDay = (value: string): boolean => TIME.test(value);

/**
 * The one written form of a time value: HH:MM, with :SS only when the seconds
 * are not zero. Writes are normalised to it and reads come back in it
 * (core/db/datasource.ts), so a value round-trips as written. Else undefined.
 */
export function canonicalTime(value: string): string | undefined {
  const m = /^(\d{2}):(\d{2})(?::(\d{2})(?:\.0+)?)?$/.exec(value.trim());
  if (!m || !isTimeOfDay(`${m[1]}:${m[2]}:${m[3] ?? '00'}`)) return undefined;
  return m[3] && m[3] !== '00' ? `${m[1]}:${m[2]}:${m[3]}` : `${m[1]}:${m[2]}`;
}

/** Seconds after midnight of a time value, or undefined when it is not one. */
export function timeSeconds(value: string): number | undefined {
  const t = canonicalTime(value);
  if (t === undefined) return undefined;
  const [h, m, s] = t.split(':').map(Number);
  return h * 3600 + m * 60 + (s ?? 0);
}

// ajv-formats accepts year 0000, which PostgreSQL refuses: dates are checked as above (a date-time as stored, in UTC).
ajv.addFormat('date', { type: 'string', validate: isCalendarDate });
ajv.addFormat('date-time', { type: 'string', validate: (v: string) => /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d+)?(Z|[+-]\d{2}:\d{2})$/i.test(v) && isDateTimeText(v) });

/** The largest magnitude a numeric column of this field holds (entity-schemas: decimal numeric(18, s), money numeric(14, s)). */
const INT4 = { min: -2147483648, max: 2147483647 };
export function numericLimit(f: ResolvedField): number | undefined {
  if (f.type === 'decimal') return 10 ** (18 - (f.scale ?? 4));
  if (f.type === 'money') return 10 ** (14 - (f.scale ?? 2));
  return undefined;
}

/** PostgreSQL text refuses the NUL character (22021); jsonb refuses \u0000 (22P05). */
export function containsNul(value: unknown, depth = 0): boolean {
  if (typeof value === 'string') return value.includes('\u0000');
  if (depth > 100 || value === null || typeof value !== 'object') return false;
  return Object.entries(value).some(([k, v]) => k.includes('\u0000') || containsNul(v, depth + 1));
}

/** A lone UTF-16 surrogate has no UTF-8 form: the driver would store U+FFFD instead, a value other than sent. */
const LONE_SURROGATE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;
const wellFormed = (text: string): boolean => !LONE_SURROGATE.test(text);
function containsLoneSurrogate(value: unknown, depth = 0): boolean {
  if (typeof value === 'string') return !wellFormed(value);
  if (depth > 100 || value === null || typeof value !== 'object') return false;
  return Object.entries(value).some(([k, v]) => !wellFormed(k) || containsLoneSurrogate(v, depth + 1));
}

/** Text PostgreSQL cannot hold as sent, as a field error. */
function unstorableText(value: unknown): FieldError | undefined {
  if (containsNul(value)) return fieldError('format', 'must not contain the NUL character (\\0)');
  if (containsLoneSurrogate(value)) return fieldError('format', 'holds a character that is not valid Unicode (a lone surrogate)');
  return undefined;
}
const compiled = new WeakMap<ResolvedEntity, ValidateFunction>();

/** The JSON Schema of one field's value: what a write accepts, and what the REST API documents (core/api/openapi.ts). */
export function fieldJsonSchema(f: ResolvedField): Record<string, unknown> {
  const base: Record<string, unknown> = (() => {
    switch (f.type) {
      case 'integer':
        return { type: 'integer' };
      case 'decimal':
      case 'money':
        return { type: 'number' };
      case 'boolean':
        return { type: 'boolean' };
      case 'date':
        return { type: 'string', format: 'date' };
      case 'datetime':
        return { type: 'string', format: 'date-time' };
      case 'time':
        return { type: 'string', pattern: TIME_PATTERN };
      case 'enum':
        return { type: 'string', enum: f.values };
      case 'email':
        return { type: 'string', format: 'email', maxLength: f.maxLength ?? 255 };
      case 'url':
        return { type: 'string', format: 'uri', maxLength: f.maxLength ?? 2048 };
      case 'phone':
        return { type: 'string', pattern: f.pattern ?? '^\\+?[0-9 ()./-]{4,30}$', maxLength: f.maxLength ?? 255 };
      case 'reference':
      case 'file':
        return { type: 'string', format: 'uuid' };
      case 'files':
        return { type: 'array', items: { type: 'string', format: 'uuid' }, uniqueItems: true, maxItems: MAX_FILES_PER_FIELD };
      case 'json':
        // A bare string here is input that did not parse as JSON.
        return { type: ['object', 'array', 'number', 'boolean', 'null'] };
      case 'password':
        return { type: 'string', minLength: f.minLength ?? 8, maxLength: 200 };
      case 'text':
        return { type: 'string' };
      case 'string':
        return { type: 'string', maxLength: f.maxLength ?? 255 };
    }
  })();
  if (f.min !== undefined) base.minimum = f.min;
  if (f.max !== undefined) base.maximum = f.max;
  // What the column can hold, so an overflow is this field's error and not a failed statement.
  if (f.type === 'integer') {
    base.minimum = Math.max(Number(base.minimum ?? INT4.min), INT4.min);
    base.maximum = Math.min(Number(base.maximum ?? INT4.max), INT4.max);
  }
  const limit = numericLimit(f);
  if (limit !== undefined) Object.assign(base, { exclusiveMaximum: limit, exclusiveMinimum: -limit });
  if (f.minLength !== undefined && f.type !== 'password') base.minLength = f.minLength;
  if (f.maxLength !== undefined && f.type === 'text') base.maxLength = f.maxLength;
  if (f.pattern !== undefined && f.type !== 'phone' && f.type !== 'time') base.pattern = f.pattern;
  // json may be null; other optional fields are null when empty.
  return f.required || f.type === 'json' ? base : { anyOf: [base, { type: 'null' }] };
}

export function entityJsonSchema(entity: ResolvedEntity, mode: 'create' | 'update'): Record<string, unknown> {
  const properties = Object.fromEntries(entity.fields.map((f) => [f.name, fieldJsonSchema(f)]));
  const required = mode === 'create' ? entity.fields.filter((f) => f.required && f.type !== 'password').map((f) => f.name) : [];
  return { type: 'object', properties, required, additionalProperties: false };
}

function validatorFor(entity: ResolvedEntity): ValidateFunction {
  let v = compiled.get(entity);
  if (!v) {
    v = ajv.compile(entityJsonSchema(entity, 'create'));
    compiled.set(entity, v);
  }
  return v;
}

/** A field's rule that failed, in words (core/words.ts): `entity` lets a pattern's help be said in the reader's language. */
function describe(e: ErrorObject, f: ResolvedField | undefined, entity?: ResolvedEntity): FieldError {
  const type = e.keyword;
  const limit = { limit: String(e.params.limit) };
  switch (e.keyword) {
    case 'required':
      return fieldError(type, 'is required');
    case 'format': {
      const known = { email: 'must be an e-mail address', uri: 'must be a URL (https://…)', date: 'must be a date (YYYY-MM-DD)', 'date-time': 'must be a date and time', uuid: 'must be a record id' }[String(e.params.format)];
      return known ? fieldError(type, known) : fieldError(type, 'must be a valid {format}', { format: String(e.params.format) });
    }
    case 'enum':
      return fieldError(type, 'must be one of: {values}', { values: (f?.values ?? []).join(', ') });
    case 'minimum':
      return fieldError(type, 'must be at least {limit}', limit);
    case 'maximum':
      return fieldError(type, 'must be at most {limit}', limit);
    case 'exclusiveMaximum':
      return fieldError(type, 'must be less than {limit}', limit);
    case 'exclusiveMinimum':
      return fieldError(type, 'must be greater than {limit}', limit);
    case 'minLength':
      return fieldError(type, 'must be at least {limit} characters', limit);
    case 'maxLength':
      return fieldError(type, 'must be at most {limit} characters', limit);
    case 'pattern':
      if (f?.type === 'time') return fieldError(type, 'must be a time of day (HH:MM, 00:00 to 23:59)');
      if (f?.type === 'phone') return fieldError(type, 'must be a phone number');
      if (!f?.help) return fieldError(type, 'does not have the expected format');
      return fieldError(type, 'does not have the expected format ({help})', { help: { en: f.help, ...Object.fromEntries(Object.entries(entity?.translations ?? {}).flatMap(([lang, t]) => (t.help?.[f.name] ? [[lang, t.help[f.name]]] : []))) } });
    case 'type':
      if (f?.type === 'json') return fieldError(type, 'must be valid JSON (an object or a list)');
      return fieldError(type, 'must be {kind}', { kind: inEveryLanguage(f?.type === 'integer' ? 'a whole number' : f?.type === 'boolean' ? 'yes or no' : `a ${String(e.params.type)}`) });
    default:
      return fieldError(type, e.message ?? 'is invalid');
  }
}

/** Compiled once per distinct field schema: every load of the manifests checks the same defaults again. */
const fieldValidators = new Map<string, ValidateFunction>();
function fieldValidator(schema: Record<string, unknown>): ValidateFunction {
  const key = JSON.stringify(schema);
  let validate = fieldValidators.get(key);
  if (!validate) {
    validate = ajv.compile(schema);
    fieldValidators.set(key, validate);
  }
  return validate;
}

/**
 * Checks one value against one field's rules, as a record would be checked
 * (the manifest loader uses it for defaults); the message, or undefined when valid.
 */
export function checkFieldValue(f: ResolvedField, value: unknown): string | undefined {
  return fieldValueError(f, value)?.message;
}

/** As checkFieldValue, as a field error whose type is the rule that failed (what a record check would report). */
export function fieldValueError(f: ResolvedField, value: unknown): FieldError | undefined {
  const unstorable = unstorableText(value);
  if (unstorable) return unstorable;
  const validate = fieldValidator(fieldJsonSchema({ ...f, required: true }));
  if (validate(value)) return undefined;
  const e = validate.errors?.find((x) => x.keyword !== 'anyOf' && !(x.keyword === 'type' && x.params.type === 'null'));
  return e ? describe(e, f) : fieldError('invalid', 'is invalid');
}

/**
 * Validates the complete record (stored values merged with the change), so an
 * update is judged on what would be saved, not only on what was sent.
 */
export function validateRecord(entity: ResolvedEntity, values: Record<string, unknown>): FieldErrors {
  const validate = validatorFor(entity);
  // An empty required field is a missing one ("is required", not "must be a string").
  const candidate = Object.fromEntries(
    entity.fields.filter((f) => values[f.name] !== undefined && !(f.required && values[f.name] === null)).map((f) => [f.name, values[f.name]]),
  );
  const errors: FieldErrors = {};
  for (const [name, value] of Object.entries(candidate)) {
    const unstorable = unstorableText(value);
    if (unstorable) errors[name] = unstorable;
  }
  if (validate(candidate)) return errors;
  for (const e of validate.errors ?? []) {
    const name = e.keyword === 'required' ? String(e.params.missingProperty) : e.instancePath.split('/')[1];
    if (!name || errors[name]) continue;
    // anyOf [x, null] reports both branches; keep the one that explains the value.
    if (e.keyword === 'anyOf' || (e.keyword === 'type' && e.params.type === 'null')) continue;
    errors[name] = describe(e, entity.field.get(name), entity);
  }
  if (Object.keys(errors).length === 0) errors._record = fieldError('invalid', 'The record is invalid.');
  return errors;
}

/** Form input (strings) to the field's type; unparseable input is left for validation to report. */
export function coerceInput(f: ResolvedField, raw: unknown): unknown {
  if (raw === undefined) return undefined;
  if (raw === null) return null;
  if (typeof raw === 'string' && raw.trim() === '' && f.type !== 'text' && f.type !== 'json') return null;
  switch (f.type) {
    case 'integer':
    case 'decimal':
    case 'money': {
      if (typeof raw === 'number') return raw;
      const n = Number(String(raw).trim());
      return Number.isFinite(n) ? n : raw;
    }
    case 'boolean':
      if (typeof raw === 'boolean') return raw;
      if (['true', '1', 'yes', 'on'].includes(String(raw).toLowerCase())) return true;
      if (['false', '0', 'no', 'off'].includes(String(raw).toLowerCase())) return false;
      return raw;
    // Dates are taken as written or refused: never rolled over (30 February) or cut short (trailing text).
    case 'datetime': {
      if (raw instanceof Date) return Number.isNaN(raw.getTime()) ? 'Invalid Date' : raw.toISOString();
      const text = String(raw).trim();
      if (!isDateTimeText(text)) return raw;
      const d = new Date(DATE.test(text) ? text : text.replace(' ', 'T'));
      return Number.isNaN(d.getTime()) || d.getUTCFullYear() < 1 || d.getUTCFullYear() > 9999 ? raw : d.toISOString();
    }
    case 'date': {
      if (raw instanceof Date) return Number.isNaN(raw.getTime()) ? 'Invalid Date' : raw.toISOString().slice(0, 10);
      const text = String(raw).trim();
      // A date picker may send the day as midnight UTC (2026-03-01T00:00:00.000Z); anything else is refused by the format check.
      const day = /^(\d{4}-\d{2}-\d{2})(T00:00(:00(\.0+)?)?Z?)?$/i.exec(text)?.[1];
      return day ?? raw;
    }
    case 'time': {
      // 09:30:00 (what a time picker or PostgreSQL writes) is 09:30; anything else is refused by the pattern.
      if (typeof raw !== 'string') return raw;
      return canonicalTime(raw) ?? raw;
    }
    case 'files':
      // Several file ids: a JSON array, or ids separated by commas (a form field).
      if (typeof raw === 'string') {
        const text = raw.trim();
        if (text.startsWith('[')) {
          try {
            return JSON.parse(text) as unknown;
          } catch {
            return raw;
          }
        }
        return text.split(',').map((s) => s.trim()).filter(Boolean);
      }
      return raw;
    case 'json':
      if (typeof raw === 'string') {
        if (raw.trim() === '') return null;
        try {
          return JSON.parse(raw) as unknown;
        } catch {
          return raw;
        }
      }
      return raw;
    default:
      return typeof raw === 'string' ? raw.trim() : raw;
  }
}
