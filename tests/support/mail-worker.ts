/**
 * A mail worker in its own process, for tests that kill it with SIGKILL:
 * `node --import tsx tests/support/mail-worker.ts` with DATABASE_URL and
 * SMTP_URL set. It delivers through the real SMTP_URL path of
 * deliverPendingMail and prints the result as JSON.
 * `--die-after-send`: kills itself right after the SMTP server accepted the
 * first message and before the outbox row is marked sent (the one window
 * that causes a second delivery).
 */
import { createTransport } from 'nodemailer';
import { createRuntime } from '../../core/runtime.js';
import { deliverPendingMail, type MailTransport } from '../../core/mail/index.js';

const runtime = await createRuntime({ config: { databaseUrl: process.env.DATABASE_URL, dataDir: '', embeddedPgPort: 0 }, poolSize: 2 });
let transport: MailTransport | undefined;
if (process.argv.includes('--die-after-send')) {
  const smtp = createTransport(process.env.SMTP_URL!);
  transport = {
    sendMail: async (mail) => {
      await smtp.sendMail(mail);
      process.kill(process.pid, 'SIGKILL');
    },
  };
}
const result = await deliverPendingMail(runtime, { transport });
process.stdout.write(`${JSON.stringify(result)}\n`);
await runtime.close();
