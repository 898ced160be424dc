/**
 * One system type's demo organization, seeded at full size on a fresh
 * database, for the per-module demo-seed tests: its logins, a system reader,
 * every record of an entity, and a sign-in as a demo login (demo1234).
 */
import { authenticator } from '../../core/auth/index.js';
import { RecordService, type RecordData } from '../../core/data/records.js';
import { findOrganization } from '../../core/tenancy/index.js';
import { seedDemoIfEmpty, type DemoLogin } from '../../core/tenancy/demo.js';
import { createTestRuntime, type TestRuntime } from './runtime.js';

export interface SeededDemo {
  runtime: TestRuntime;
  logins: DemoLogin[];
  organizationId: string;
  system: RecordService;
  /** How long the seed took. */
  seconds: number;
  all(key: string): Promise<RecordData[]>;
  as(email: string): Promise<RecordService>;
}

export async function seedOneDemo(systemType: string): Promise<SeededDemo> {
  const runtime = await createTestRuntime();
  const started = Date.now();
  const logins = (await seedDemoIfEmpty(runtime, { systemTypes: [systemType] }))!;
  const seconds = (Date.now() - started) / 1000;
  const organizationId = (await findOrganization(runtime, systemType.replace(/_/g, '-'))).id;
  const system = await RecordService.for(runtime, { kind: 'system', organizationId, reason: 'test' });
  return {
    runtime,
    logins,
    organizationId,
    system,
    seconds,
    async all(key) {
      const out: RecordData[] = [];
      for await (const page of system.findPages(key)) out.push(...page);
      return out;
    },
    async as(email) {
      const user = await authenticator(runtime)(email, 'demo1234');
      if (!user) throw new Error(`${email} cannot sign in`);
      return RecordService.for(runtime, { kind: 'user', userId: user.id, organizationId, email });
    },
  };
}
