/**
 * Runtime settings, read once from the environment. Every default is the
 * zero-setup one: embedded PostgreSQL under ./.data, demo data, 127.0.0.1:3000.
 */
import { resolve } from 'node:path';

export interface UmsConfig {
  /** External PostgreSQL; when unset, an embedded server runs under dataDir. */
  databaseUrl?: string;
  dataDir: string;
  /** Port for the embedded PostgreSQL; 0 picks a free one. */
  embeddedPgPort: number;
  host: string;
  port: number;
  seedDemo: boolean;
  sessionSecret?: string;
  manifestDir?: string;
  production: boolean;
}

const flag = (value: string | undefined, fallback: boolean): boolean =>
  value === undefined || value === '' ? fallback : !['0', 'false', 'no', 'off'].includes(value.toLowerCase());

export function readConfig(env: NodeJS.ProcessEnv = process.env): UmsConfig {
  return {
    databaseUrl: env.DATABASE_URL || undefined,
    dataDir: resolve(env.DATA_DIR || '.data'),
    embeddedPgPort: Number(env.EMBEDDED_PG_PORT || 0),
    host: env.HOST || '127.0.0.1',
    port: Number(env.PORT || 3000),
    seedDemo: flag(env.SEED_DEMO, true),
    sessionSecret: env.SESSION_SECRET || undefined,
    manifestDir: env.MANIFEST_DIR ? resolve(env.MANIFEST_DIR) : undefined,
    production: env.NODE_ENV === 'production',
  };
}

/** The kinds of organization UMS serves; a manifest's `systemTypes` enables it for some of them. */
export const SYSTEM_TYPES = ['institute', 'hospital', 'hotel', 'library', 'inventory', 'hr', 'task', 'gym'] as const;
export const SYSTEM_TYPE_LABELS: Record<string, string> = {
  institute: 'Demo Institute',
  hospital: 'Demo Hospital',
  hotel: 'Demo Hotel',
  library: 'Demo Library',
  inventory: 'Demo Inventory',
  hr: 'Demo HR & Payroll',
  task: 'Demo Project Office',
  gym: 'Demo Gym',
};
export const DEMO_PASSWORD = 'demo1234';
