/**
 * A webhook worker in its own process, for the kill-safety test:
 * `node --import tsx tests/support/webhook-worker.ts --die-after-send` with
 * DATABASE_URL, WEBHOOKS_KEY and WEBHOOKS_ALLOW_PRIVATE=1 set. It delivers
 * through deliverPendingWebhooks and kills itself (SIGKILL) right after the
 * receiver answered the first delivery, before the row is marked delivered:
 * the one window in which a receiver gets a second copy.
 */
import { createRuntime } from '../../core/runtime.js';
import { deliverPendingWebhooks } from '../../core/webhooks/index.js';

const runtime = await createRuntime({ config: { databaseUrl: process.env.DATABASE_URL, dataDir: '', embeddedPgPort: 0 }, poolSize: 2 });
const die = process.argv.includes('--die-after-send');
const result = await deliverPendingWebhooks(runtime, { afterSend: die ? () => void process.kill(process.pid, 'SIGKILL') : undefined });
process.stdout.write(`${JSON.stringify(result)}\n`);
await runtime.close();
