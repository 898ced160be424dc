/**
 * A stock module whose version 2.0.0 comes with an upgrade step: every item's
 * `touched` goes up by one, so a step run twice in one organization shows.
 * `slowIn` makes the step stop inside its transaction in that organization
 * (after writing `marker`), for the kill -9 test.
 */
import { writeFileSync } from 'node:fs';
import { definePlugin, type ModulePlugin } from '../../core/plugins/types.js';
import type { Json } from './workflow-fixture.js';

export function stockManifest(version: string): Json {
  return {
    id: 'stock',
    version,
    label: 'Stock',
    systemTypes: ['inventory'],
    entities: [{ name: 'item', titleField: 'name', fields: [{ name: 'name', type: 'string', required: true }, { name: 'touched', type: 'integer', default: 0 }] }],
    roles: [{ name: 'keeper' }],
    permissions: { keeper: [{ action: ['create', 'read', 'update'], subject: 'item' }] },
  };
}

export function stockPlugin(options: { slowIn?: string; marker?: string } = {}): ModulePlugin {
  return definePlugin({
    module: 'stock',
    upgrade: {
      '2.0.0': async ({ records, organization }) => {
        for await (const page of records.findPages('stock.item')) {
          for (const item of page) await records.update('stock.item', String(item.id), { touched: Number(item.touched) + 1 });
        }
        if (organization.slug === options.slowIn) {
          writeFileSync(options.marker!, organization.slug);
          await new Promise((resolve) => setTimeout(resolve, 120_000));
        }
      },
    },
  });
}
