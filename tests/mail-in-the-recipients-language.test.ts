/**
 * Mail is written in the recipient's language: the user's own choice, else their organization's, else
 * English; the entity's and action's labels come from the manifest's `translations.bn`. Delivered to a
 * real SMTP server on 127.0.0.1 and read back parsed: a Bengali subject goes out as RFC 2047 UTF-8
 * encoded words and decodes to the same text.
 */
import { afterAll, beforeAll, beforeEach, expect, it } from '@jest/globals';
import { RecordService } from '../core/data/records.js';
import { deliverPendingMail, enqueueMail } from '../core/mail/index.js';
import { WorkflowEngine } from '../core/workflow/index.js';
import { courseCode, createInstituteWorld, type InstituteWorld } from './support/institute.js';
import { createTestRuntime, type TestRuntime } from './support/runtime.js';
import { startSmtpSink, type SmtpSink } from './support/smtp-sink.js';

const COURSE = 'institute.course';
const BENGALI = /[\u0980-\u09FF]/;

let runtime: TestRuntime;
let world: InstituteWorld;
let sink: SmtpSink;

const setLanguage = (userId: string, language: string | null): Promise<unknown> => runtime.dataSource.query('UPDATE core_user SET language = $2 WHERE id = $1', [userId, language]);
const setOrgLanguage = (language: string): Promise<unknown> => runtime.dataSource.query('UPDATE core_organization SET language = $2 WHERE id = $1', [world.fixture.org.id, language]);
const emailOf = (key: string): string => world.fixture.users.get(key)!.email;
const engineOf = async (key: string): Promise<WorkflowEngine> => WorkflowEngine.for(await RecordService.for(runtime, world.fixture.users.get(key)!.actor));
const deliver = (): Promise<unknown> => deliverPendingMail(runtime, { transport: sink.transport() });

beforeAll(async () => {
  runtime = await createTestRuntime();
  world = await createInstituteWorld(runtime);
  sink = await startSmtpSink();
});
afterAll(async () => {
  await sink?.close();
  await runtime?.dispose();
});
beforeEach(async () => {
  sink.messages.length = 0;
  await setOrgLanguage('en');
});

it('approval mails: a Bengali reader gets the manifest’s Bengali labels, an English reader English, each with its subject encoded as UTF-8', async () => {
  await setLanguage(world.userId('admin'), 'bn');
  await setLanguage(world.userId('finance'), 'en');
  const course = await world.system.create(COURSE, { title: 'ডেটাবেস Databases', code: courseCode(), teacher: world.userId('teacher'), fee: 100, max_seats: 5 });
  await (await engineOf('teacher')).run(COURSE, String(course.id), 'submit');
  await deliver();

  const bn = sink.lastTo(emailOf('admin'))!;
  expect(bn.subject).toBe(`[${world.fixture.org.name}] অনুমোদন করুন: কোর্স "ডেটাবেস Databases"`);
  expect(bn.rawSubject).toMatch(/=\?UTF-8\?[BQ]\?/i); // encoded words, not raw 8-bit bytes
  expect(bn.rawSubject).not.toMatch(BENGALI);
  expect(bn.text).toMatch(/^প্রিয় /);
  expect(bn.text).toContain('"কোর্স অনুমোদন করুন"'); // the transition's label from translations.bn.actions
  expect(bn.text).toContain('কোর্স "ডেটাবেস Databases" খুলুন');
  expect(bn.text).not.toMatch(/Approve|Hello|Open the/);
  expect(bn.html).toContain('lang="bn"');

  const en = sink.lastTo(emailOf('finance'))!;
  expect(en.subject).toBe(`[${world.fixture.org.name}] Approve the course "ডেটাবেস Databases"`);
  expect(en.text).toMatch(/^Hello finance user,/);
  expect(en.text).toContain('asks you to approve "Approve course"');
  expect(en.text.replaceAll('ডেটাবেস', '')).not.toMatch(BENGALI);

  // The decision goes back to the teacher, who chose Bengali too.
  await setLanguage(world.userId('teacher'), 'bn');
  sink.messages.length = 0;
  await (await engineOf('admin')).run(COURSE, String(course.id), 'reject', { comment: 'সময়সূচি দিন' });
  await deliver();
  const decided = sink.lastTo(emailOf('teacher'))!;
  expect(decided.subject).toBe(`[${world.fixture.org.name}] প্রত্যাখ্যাত: কোর্স অনুমোদন করুন — কোর্স "ডেটাবেস Databases"`);
  expect(decided.text).toContain('প্রত্যাখ্যান করেছেন');
  expect(decided.text).toContain('মন্তব্য: সময়সূচি দিন');
});

it('a user who chose no language reads the organization’s; an address that is no user’s too; a chosen one wins over it', async () => {
  await setOrgLanguage('bn');
  await setLanguage(world.userId('hr'), null);
  await setLanguage(world.userId('sales'), 'en');
  const system = await world.fixture.system();
  await enqueueMail(system, { to: emailOf('hr').toUpperCase(), template: 'password_reset', data: { name: 'হাসান', code: '480213', minutes: 10 } });
  await enqueueMail(system, { to: emailOf('sales'), template: 'password_reset', data: { name: 'Sam', code: '555123', minutes: 10 } });
  await enqueueMail(system, { to: 'visitor@example.test', template: 'notice', data: { title: { en: 'Open day', bn: 'উন্মুক্ত দিবস' }, body: { en: 'Come and see.', bn: 'এসে দেখে যান।' } } });
  await deliver();

  const hr = sink.lastTo(emailOf('hr'))!;
  expect(hr.subject).toBe(`[${world.fixture.org.name}] আপনার পাসওয়ার্ড রিসেট কোড: 480213`);
  expect(hr.text).toMatch(/^প্রিয় হাসান,/);
  expect(hr.text).toContain('১০ মিনিট'); // numbers in Bengali digits; the code itself stays as typed
  expect(hr.text).toMatch(/^\s*480213\s*$/m);

  const sales = sink.lastTo(emailOf('sales'))!;
  expect(sales.subject).toBe(`[${world.fixture.org.name}] Your password reset code: 555123`);
  expect(sales.text).toContain('valid for 10 minutes');

  const visitor = sink.lastTo('visitor@example.test')!;
  expect(visitor.subject).toBe(`[${world.fixture.org.name}] উন্মুক্ত দিবস`);
  expect(visitor.text).toContain('এসে দেখে যান।');
  expect(visitor.text).toContain('শুভেচ্ছা,');
});
