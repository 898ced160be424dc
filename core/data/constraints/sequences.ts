/**
 * Sequences: a human number (`RES-2026-00042`, `PRJ-42`) given to a record in
 * the transaction that creates it. The counter row is taken with one atomic
 * upsert (`INSERT … ON CONFLICT DO UPDATE … RETURNING`), whose row lock holds
 * concurrent creates in line until this transaction ends; a rollback gives the
 * number back, so the numbers have no gaps. A unique constraint on the field
 * (per organization, and per scope record) guards the rest.
 */
import type { EntityManager } from 'typeorm';
import { columnOf, isUuid, localDate, type ResolvedEntity, type ResolvedField } from '../../manifest/index.js';
import { NO_SCOPE, SEQUENCE_COUNTER_TABLE } from './constraint-ddl.js';

export interface SequenceScope {
  manager: EntityManager;
  organizationId: string;
  entityOf(key: string): ResolvedEntity;
  timeZone(): Promise<string>;
}

const TOKEN_RE = /\{([^}]*)\}/g;

/** The pattern with every token but the counter filled in; the counter is left as `{#}`. */
async function renderFixed(scope: SequenceScope, entity: ResolvedEntity, f: ResolvedField, values: Record<string, unknown>, scopeId: string): Promise<string | undefined> {
  const day = localDate(new Date(), await scope.timeZone());
  const [yyyy, mm, dd] = day.split('-');
  let scopeRecord: Record<string, unknown> | undefined;
  const scopeField = f.sequence!.scope ? entity.field.get(f.sequence!.scope)! : undefined;
  if (scopeField && /\{scope\./.test(f.sequence!.pattern)) {
    const target = scope.entityOf(scopeField.target!);
    const rows: Record<string, unknown>[] = await scope.manager.query(`SELECT * FROM "${target.table}" WHERE organization_id = $1 AND id = $2`, [scope.organizationId, scopeId]);
    if (!rows[0]) return undefined;
    scopeRecord = Object.fromEntries(target.fields.map((tf) => [tf.name, rows[0][columnOf(tf)]]));
  }
  return f.sequence!.pattern.replace(TOKEN_RE, (token, name: string) => {
    if (/^0+$/.test(name)) return '{#}';
    if (name === 'YYYY') return yyyy;
    if (name === 'YY') return yyyy.slice(2);
    if (name === 'MM') return mm;
    if (name === 'DD') return dd;
    const value = scopeRecord?.[name.slice('scope.'.length)];
    return value === null || value === undefined ? '' : String(value);
  });
}

/** Fills every sequence field of a new record (whatever the input said: the number is the system's). */
export async function assignSequences(scope: SequenceScope, entity: ResolvedEntity, values: Record<string, unknown>): Promise<void> {
  for (const f of entity.fields) {
    if (!f.sequence) continue;
    const scopeId = f.sequence.scope ? values[f.sequence.scope] : NO_SCOPE;
    // A missing or malformed scope is reported by validation; there is nothing to count yet.
    if (!isUuid(scopeId)) continue;
    const fixed = await renderFixed(scope, entity, f, values, scopeId);
    if (fixed === undefined) continue;
    const rows: { last_value: number }[] = await scope.manager.query(
      `INSERT INTO "${SEQUENCE_COUNTER_TABLE}" (organization_id, entity, field, scope_id, prefix, last_value) VALUES ($1, $2, $3, $4, $5, 1)
       ON CONFLICT (organization_id, entity, field, scope_id, prefix) DO UPDATE SET last_value = "${SEQUENCE_COUNTER_TABLE}".last_value + 1
       RETURNING last_value`,
      [scope.organizationId, entity.key, f.name, scopeId, fixed.slice(0, 200)],
    );
    const width = /\{(0+)\}/.exec(f.sequence.pattern)![1].length;
    values[f.name] = fixed.replace('{#}', String(rows[0].last_value).padStart(width, '0'));
  }
}
