/**
 * The stockroom fixture (ledger-fixture.ts) with its stock ledger valued:
 * each item names its method (moving average or FIFO), a balance keeps its
 * value, rate and FIFO layers, each movement gets its rate, value change and
 * quantity after, and a receipt line's rate is what comes in. System type
 * `stockroom`, module `stockroom`.
 */
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { stockroomManifest, type Json } from './ledger-fixture.js';

type Entity = { name: string; fields: Json[] } & Json;

export function valuedStockroomManifest(): Json {
  const m = stockroomManifest();
  const entity = (name: string): Entity => (m.entities as Entity[]).find((e) => e.name === name)!;
  entity('item').fields.push({ name: 'method', type: 'enum', values: ['AVG', 'FIFO'], default: 'AVG', required: true });
  const balance = entity('stock_balance');
  balance.fields.push({ name: 'value', type: 'money', default: 0 }, { name: 'rate', type: 'decimal', scale: 6, default: 0 }, { name: 'layers', type: 'json' });
  (balance.balance as Json).valuation = { value: 'value', rate: 'rate', layers: 'layers' };
  const move = entity('stock_move');
  move.fields.push(
    { name: 'incoming_rate', type: 'decimal', scale: 6 },
    { name: 'rate', type: 'decimal', scale: 6, readOnly: true },
    { name: 'value', type: 'money', readOnly: true },
    { name: 'qty_after', type: 'decimal', readOnly: true },
  );
  (move.ledger as Json).valuation = { method: { key: 'item', field: 'method', average: 'AVG', fifo: 'FIFO' }, rate: 'rate', value: 'value', incomingRate: 'incoming_rate', quantityAfter: 'qty_after' };
  entity('stock_entry_line').fields.push({ name: 'rate', type: 'money' });
  const movements = (entity('stock_entry').posting as { movements: Json[] }).movements;
  movements[1].rate = 'line.rate';
  return m;
}

export function valuedStockroomDir(manifest: Json = valuedStockroomManifest()): string {
  const dir = mkdtempSync(join(tmpdir(), 'ums-valued-'));
  writeFileSync(join(dir, 'stockroom.json'), JSON.stringify(manifest, null, 2));
  return dir;
}
