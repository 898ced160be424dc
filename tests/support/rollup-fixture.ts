/**
 * A module built by code for roll-up sums: an invoice whose `charges` is the
 * sum of its lines of kind charge, `credits` the sum of its credit lines and
 * `balance` a computed field over both (a roll-up feeds a computed column).
 * System type `tills`, declared inline.
 */
export type Json = Record<string, unknown>;

export function rollupManifest(): Json {
  return {
    id: 'tills',
    version: '1.0.0',
    label: 'Tills',
    systemTypes: [{ name: 'tills', label: 'Tills' }],
    entities: [
      {
        name: 'invoice',
        titleField: 'reference',
        fields: [
          { name: 'reference', type: 'string', required: true },
          { name: 'charges', type: 'money', rollup: { entity: 'line', parent: 'invoice', sum: 'amount', where: { kind: 'charge' } } },
          { name: 'credits', type: 'money', rollup: { entity: 'line', parent: 'invoice', sum: 'amount', where: { kind: { $in: ['payment', 'discount'] } } } },
          { name: 'balance', type: 'money', computed: { $sub: ['charges', 'credits'] } },
        ],
      },
      {
        name: 'line',
        fields: [
          { name: 'invoice', type: 'reference', target: 'invoice', required: true, onDelete: 'cascade' },
          { name: 'kind', type: 'enum', values: ['charge', 'payment', 'discount', 'note'], required: true },
          { name: 'amount', type: 'money' },
        ],
      },
    ],
    roles: [{ name: 'clerk', label: 'Clerk' }],
    permissions: { clerk: [{ action: 'manage', subject: ['invoice', 'line'] }] },
  };
}
