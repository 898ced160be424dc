/**
 * The ledger check: for every ledger of a module, the sum of its movements
 * per balance key against the balance row kept for that key. Any difference
 * (a balance row changed outside the ledger, a movement without its balance)
 * is drift; the core's `<module>.ledger_check` job reports it. A valued
 * ledger's value changes are summed against the balance's value too; a
 * ledger that `moves` another field (ordered, reserved) against that field;
 * a ledger's further balances (batch × warehouse) against the rows naming them.
 */
import type { EntityManager } from 'typeorm';
import type { Registry } from '../../manifest/index.js';
import { colOf, q, rowsOf } from './context.js';

export interface LedgerDrift {
  ledger: string;
  balance: string;
  /** Key values (ids for references), by key field. */
  key: Record<string, unknown>;
  ledgerSum: string;
  balance_quantity: string;
  /** A valued ledger: the sum of its value changes and the balance's value. */
  ledgerValue?: string;
  balanceValue?: string;
}

export async function ledgerDrift(manager: EntityManager, registry: Registry, organizationId: string, moduleId: string): Promise<{ checked: number; drift: LedgerDrift[] }> {
  let checked = 0;
  const drift: LedgerDrift[] = [];
  const kept = registry.entities
    .filter((e) => e.module === moduleId && e.ledger)
    .flatMap((ledger) => [{ ledger, balance: registry.entity(ledger.ledger!.balance)!, sub: false }, ...(ledger.ledger!.subBalances ?? []).map((b) => ({ ledger, balance: registry.entity(b)!, sub: true }))]);
  for (const { ledger, balance, sub } of kept) {
    const keys = balance.balance!.keys;
    const lk = keys.map((k) => q(colOf(ledger, k)));
    const bk = keys.map((k) => q(colOf(balance, k)));
    const moved = sub ? balance.balance!.quantity : (ledger.ledger!.moves ?? balance.balance!.quantity);
    const valued = !sub && ledger.ledger!.valuation && balance.balance!.valuation ? { ledger: q(colOf(ledger, ledger.ledger!.valuation.value)), balance: q(colOf(balance, balance.balance!.valuation.value)) } : undefined;
    // A further balance (batch × warehouse) is moved only by the rows that name all its keys.
    const named = sub ? lk.map((c) => ` AND ${c} IS NOT NULL`).join('') : '';
    const rows = rowsOf<Record<string, unknown> & { ledger_sum: string | null; balance_qty: string | null; ledger_value: string | null; balance_value: string | null; matches: boolean }>(
      await manager.query(
        `WITH sums AS (
           SELECT ${lk.map((c, i) => `${c} AS k${i}`).join(', ')}, sum(${q(colOf(ledger, ledger.ledger!.quantity))}) AS total, ${valued ? `sum(${valued.ledger})` : 'NULL::numeric'} AS value
           FROM ${q(ledger.table)} WHERE organization_id = $1${named} GROUP BY ${lk.join(', ')}
         ), balances AS (
           SELECT ${bk.map((c, i) => `${c} AS k${i}`).join(', ')}, ${q(colOf(balance, moved))} AS qty, ${valued ? valued.balance : 'NULL::numeric'} AS value
           FROM ${q(balance.table)} WHERE organization_id = $1
         )
         SELECT ${keys.map((_k, i) => `coalesce(s.k${i}, b.k${i})::text AS k${i}`).join(', ')}, s.total::text AS ledger_sum, b.qty::text AS balance_qty,
                s.value::text AS ledger_value, b.value::text AS balance_value,
                coalesce(s.total, 0) = coalesce(b.qty, 0) AND coalesce(s.value, 0) = coalesce(b.value, 0) AS matches
         FROM sums s FULL OUTER JOIN balances b ON ${keys.map((_k, i) => `s.k${i} = b.k${i}`).join(' AND ')}`,
        [organizationId],
      ),
    );
    checked += rows.length;
    for (const r of rows) {
      if (r.matches) continue;
      drift.push({ ledger: ledger.key, balance: balance.key, key: Object.fromEntries(keys.map((k, i) => [k, r[`k${i}`]])), ledgerSum: r.ledger_sum ?? '0', balance_quantity: r.balance_qty ?? '0', ...(valued ? { ledgerValue: r.ledger_value ?? '0', balanceValue: r.balance_value ?? '0' } : {}) });
    }
  }
  return { checked, drift };
}
