/**
 * A webhook's signing secret: 32 random bytes, shown once to the org admin
 * ("New secret"), stored AES-256-GCM encrypted in `core_webhook_secret` (no
 * manifest entity, so no screen, export or audit row shows it). The key is
 * WEBHOOKS_KEY (at least 32 characters; its SHA-256 is the AES key) or 32
 * random bytes generated once into DATA_DIR/webhook-key.
 */
import { createCipheriv, createDecipheriv, createHash, createHmac, randomBytes } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { EntityManager } from 'typeorm';
import { readConfig } from '../../config/index.js';
import { WEBHOOK_SECRET_TABLE } from '../data/entity-schemas.js';
import { UmsError } from '../errors.js';

const FORMAT = 'v1';

let cached: { source: string; key: Buffer } | undefined;

/** The encryption key, from WEBHOOKS_KEY or DATA_DIR/webhook-key (made on first use, mode 0600). */
export function webhookKey(env: NodeJS.ProcessEnv = process.env): Buffer {
  const configured = env.WEBHOOKS_KEY;
  const source = configured ? `env:${configured}` : `file:${readConfig(env).dataDir}`;
  if (cached?.source === source) return cached.key;
  let key: Buffer;
  if (configured) {
    if (configured.length < 32) throw new UmsError('INTERNAL', 'WEBHOOKS_KEY must be at least 32 characters long.');
    key = createHash('sha256').update(configured).digest();
  } else {
    const dir = readConfig(env).dataDir;
    const file = join(dir, 'webhook-key');
    if (existsSync(file)) key = Buffer.from(readFileSync(file, 'utf8').trim(), 'hex');
    else {
      mkdirSync(dir, { recursive: true });
      key = randomBytes(32);
      writeFileSync(file, key.toString('hex'), { mode: 0o600 });
    }
  }
  cached = { source, key };
  return key;
}

export function encryptSecret(secret: string, key = webhookKey()): string {
  const iv = randomBytes(12);
  const cipher = createCipheriv('aes-256-gcm', key, iv);
  const data = Buffer.concat([cipher.update(secret, 'utf8'), cipher.final()]);
  return [FORMAT, iv.toString('base64'), cipher.getAuthTag().toString('base64'), data.toString('base64')].join(':');
}

export function decryptSecret(stored: string, key = webhookKey()): string {
  const [format, iv, tag, data] = stored.split(':');
  if (format !== FORMAT || !iv || !tag || data === undefined) throw new UmsError('INTERNAL', 'A webhook secret is stored in an unknown format.');
  const decipher = createDecipheriv('aes-256-gcm', key, Buffer.from(iv, 'base64'));
  decipher.setAuthTag(Buffer.from(tag, 'base64'));
  return Buffer.concat([decipher.update(Buffer.from(data, 'base64')), decipher.final()]).toString('utf8');
}

/** Makes a new secret for `webhookId` (replacing the old one) in the caller's transaction; returns it in the clear, once. */
export async function newWebhookSecret(manager: EntityManager, organizationId: string, webhookId: string): Promise<string> {
  const secret = `whsec_${randomBytes(32).toString('base64url')}`;
  await manager.query(
    `INSERT INTO ${WEBHOOK_SECRET_TABLE} (webhook_id, organization_id, secret_encrypted) VALUES ($1, $2, $3)
     ON CONFLICT (webhook_id) DO UPDATE SET secret_encrypted = EXCLUDED.secret_encrypted, created_at = now()`,
    [webhookId, organizationId, encryptSecret(secret)],
  );
  return secret;
}

/** `X-UMS-Signature`: `t=<unix seconds>,v1=<hex HMAC-SHA256 of "<t>.<body>">`. */
export function signatureHeader(secret: string, body: string, unixSeconds: number): string {
  const mac = createHmac('sha256', secret).update(`${unixSeconds}.${body}`).digest('hex');
  return `t=${unixSeconds},v1=${mac}`;
}
