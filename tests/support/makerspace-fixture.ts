/**
 * A module of a ninth (and tenth) system type, built by code: `makerspace`
 * and `fab_lab` are none of the shipped eight and are declared inline by the
 * manifest itself, with their labels. Machines and bookings, a host who manages everything and makers
 * who read machines and only their own bookings, and a booking workflow.
 */
import { copyFileSync, mkdtempSync, readdirSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DEFAULT_MANIFEST_DIR } from '../../core/manifest/index.js';

export type Json = Record<string, unknown>;

export function makerspaceManifest(): Json {
  return {
    id: 'makerspace',
    version: '1.0.0',
    label: 'Makerspace',
    icon: 'Tool',
    systemTypes: [
      { name: 'makerspace', label: 'Makerspace', description: 'A shared workshop with machines to book' },
      { name: 'fab_lab', label: 'Fab lab' },
    ],
    entities: [
      {
        name: 'machine',
        titleField: 'name',
        fields: [
          { name: 'name', type: 'string', required: true, unique: true },
          { name: 'kind', type: 'enum', values: ['laser', 'printer', 'cnc'], required: true },
        ],
      },
      {
        name: 'booking',
        titleField: 'purpose',
        fields: [
          { name: 'machine', type: 'reference', target: 'machine', required: true },
          { name: 'maker', type: 'reference', target: 'core.user', required: true },
          { name: 'purpose', type: 'string', required: true },
          { name: 'hours', type: 'integer', min: 1, max: 8, default: 1 },
          { name: 'status', type: 'enum', values: ['REQUESTED', 'CONFIRMED', 'CANCELLED'], required: true },
        ],
      },
    ],
    roles: [
      { name: 'host', label: 'Host' },
      { name: 'maker', label: 'Maker' },
    ],
    permissions: {
      host: [
        { action: 'manage', subject: ['machine', 'booking'] },
        { action: 'read', subject: 'core.user', fields: ['email', 'name'] },
      ],
      maker: [
        { action: 'read', subject: 'machine' },
        // Themselves only, so a booking can point at its maker.
        { action: 'read', subject: 'core.user', conditions: { id: '${user.id}' }, fields: ['email', 'name'] },
        { action: ['create', 'read'], subject: 'booking', conditions: { maker: '${user.id}' } },
      ],
    },
    workflows: [
      {
        name: 'booking',
        entity: 'booking',
        version: 1,
        field: 'status',
        initial: 'REQUESTED',
        states: [
          { name: 'REQUESTED', label: 'Requested' },
          { name: 'CONFIRMED', label: 'Confirmed', editableBy: ['host'] },
          { name: 'CANCELLED', label: 'Cancelled', terminal: true },
        ],
        transitions: [
          { name: 'confirm', label: 'Confirm', from: 'REQUESTED', to: 'CONFIRMED', by: { roles: ['host'] } },
          { name: 'cancel', label: 'Cancel', from: ['REQUESTED', 'CONFIRMED'], to: 'CANCELLED', by: { relations: ['maker'], roles: ['host'] } },
        ],
      },
    ],
  };
}

/** A manifest folder as an operator would ship it: the shipped manifests and system types, plus these. */
export function manifestDirWith(...manifests: Json[]): string {
  const dir = mkdtempSync(join(tmpdir(), 'ums-systypes-'));
  for (const f of readdirSync(DEFAULT_MANIFEST_DIR).filter((f) => f.endsWith('.json'))) copyFileSync(join(DEFAULT_MANIFEST_DIR, f), join(dir, f));
  for (const m of manifests) writeFileSync(join(dir, `${String(m.id)}.json`), JSON.stringify(m, null, 2));
  return dir;
}
