/**
 * Public forms over HTTP against a real server: the page (labels, required
 * marks, errors tied to fields, the organization's name, only offered
 * references), a valid submission created as `public:<form>` with its audit
 * row and the workflow's initial state, field errors re-rendered with the
 * typed values kept, a reference outside `where` refused even when posted by
 * hand, a new school registered inline in the same transaction, the
 * confirmation mail through the outbox to a real SMTP server, the honeypot,
 * the minimum fill time, token expiry and tampering, rate limits (429 with
 * Retry-After), the body limit, and one 404 for an unknown organization or
 * form, a module not enabled and a suspended organization.
 */
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { deliverPendingMail } from '../core/mail/index.js';
import { changeOrganizationStatus } from '../core/tenancy/lifecycle.js';
import { startTestServer, type TestServer } from './support/http.js';
import { courseCode } from './support/institute.js';
import { getPage, postForm, tokenAged, tokenIn, valueIn } from './support/public-forms.js';
import { createFixtureOrg, createTestRuntime, type Fixture, type TestRuntime } from './support/runtime.js';
import { startSmtpSink, type SmtpSink } from './support/smtp-sink.js';

let runtime: TestRuntime;
let server: TestServer;
let institute: Fixture;
let library: Fixture;
let sink: SmtpSink;
const courses: Record<string, string> = {};
let partnerSchool: string;

/** Each page has its own CSP nonce; the rest must be identical. */
const withoutNonce = (html: string): string => html.replace(/nonce="[^"]*"/g, '');
const day = (offset: number): string => new Date(Date.now() + offset * 86_400_000).toISOString().slice(0, 10);

beforeAll(async () => {
  runtime = await createTestRuntime();
  institute = await createFixtureOrg(runtime, 'institute');
  library = await createFixtureOrg(runtime, 'library');
  const system = await institute.system();
  const course = async (title: string, values: Record<string, unknown>): Promise<string> => (await system.create('institute.course', { title, code: courseCode(), status: 'ACTIVE', published_at: new Date(Date.now() - 3_600_000), starts_on: day(10), ...values })).id;
  courses.open = await course('Robotics for schools', {});
  courses.draft = await course('Draft course', { status: 'DRAFT', published_at: null });
  courses.started = await course('Started course', { starts_on: day(-3) });
  courses.unpublished = await course('Scheduled course', { published_at: new Date(Date.now() + 86_400_000) });
  partnerSchool = (await system.create('institute.school', { name: 'Hillside School', status: 'partner' })).id;
  await system.create('institute.school', { name: 'Closed School', status: 'inactive' });
  // Every post here is older than the minimum fill time unless a test says otherwise.
  server = await startTestServer(runtime, { publicForms: { minFillMs: 2_000, perIpAndForm: { max: 1_000, windowMs: 60_000 }, perIp: { max: 10_000, windowMs: 60_000 } } });
  sink = await startSmtpSink();
}, 120_000);
afterAll(async () => {
  await sink?.close();
  await server?.close();
  await runtime?.dispose();
});

const signupUrl = (): string => `${server.url}/p/${institute.org.slug}/course_signup`;
const validToken = (fixture: Fixture, form: string): string => tokenAged(fixture.org.id, form, 5_000);
const signup = (fields: Record<string, string>): Promise<Awaited<ReturnType<typeof postForm>>> =>
  postForm(signupUrl(), { _token: validToken(institute, 'institute.course_signup'), _homepage: '', course: courses.open, school: partnerSchool, name: 'Ana Participant', title: 'Science teacher', email: 'ana@school.test', ...fields });

describe('the form page', () => {
  it('is accessible HTML with labels, required marks, the organization and only the courses the form offers', async () => {
    const page = await getPage(signupUrl());
    expect(page.status).toBe(200);
    expect(page.headers.get('content-type')).toMatch(/text\/html; charset=utf-8/);
    expect(page.html).toContain(`<p class="org">${institute.org.name}</p>`);
    expect(page.html).toMatch(/<label for="f-course">Course <span class="req" aria-hidden="true">\*<\/span>/);
    expect(page.html).toMatch(/<label for="f-school-new-contact_email">/);
    expect(page.html).toContain('Robotics for schools');
    for (const hidden of ['Draft course', 'Started course', 'Scheduled course', 'Closed School']) expect(page.html).not.toContain(hidden);
    expect(page.html).toContain('Hillside School');
    expect(page.html).toContain('value="_new"');
    expect(page.html).not.toMatch(/<script/); // no JavaScript needed (nor sent unless framed by an allowed origin)
    expect(page.headers.get('content-security-policy')).toMatch(/frame-ancestors 'self'$/);
    expect(page.headers.get('x-frame-options')).toBe('SAMEORIGIN');
  });

  it('is the same 404 for an unknown organization, an unknown form and a module the organization has not enabled', async () => {
    const answers = await Promise.all([`/p/no-such-org/course_signup`, `/p/${institute.org.slug}/no_such_form`, `/p/${library.org.slug}/course_signup`, `/p/${institute.org.slug}/membership_request`].map((p) => getPage(`${server.url}${p}`)));
    expect(answers.map((a) => a.status)).toEqual([404, 404, 404, 404]);
    expect(new Set(answers.map((a) => withoutNonce(a.html))).size).toBe(1);
  });
});

describe('a submission', () => {
  it('creates the record as the system actor public:<form>, audited, and sends the confirmation mail', async () => {
    const res = await signup({ name: 'অনা পার্টিসিপ্যান্ট', email: 'ana.bn@school.test' });
    expect(res.status).toBe(303);
    expect(res.headers.get('location')).toBe(`/p/${institute.org.slug}/course_signup/sent`);
    const [row]: { id: string; name: string; title: string; status: string; school_id: string }[] = await runtime.dataSource.query(`SELECT id, name, title, status, school_id FROM institute_course_signup WHERE email = 'ana.bn@school.test'`);
    expect(row).toMatchObject({ name: 'অনা পার্টিসিপ্যান্ট', title: 'Science teacher', status: 'NEW', school_id: partnerSchool });
    const audit: { system_actor: string; actor_id: string | null; action: string }[] = await runtime.dataSource.query(`SELECT system_actor, actor_id, action FROM core_audit_log WHERE record_id = $1`, [row.id]);
    expect(audit).toEqual([{ system_actor: 'public:course_signup', actor_id: null, action: 'create' }]);
    const sent = await getPage(`${server.url}${res.headers.get('location')}`);
    expect(sent.html).toContain('Thank you! Your sign-up has arrived');
    await deliverPendingMail(runtime, { transport: sink.transport() });
    const mail = sink.lastTo('ana.bn@school.test');
    expect(mail?.subject).toContain('Your sign-up for Robotics for schools');
    expect(mail?.text).toContain('Dear অনা পার্টিসিপ্যান্ট');
    expect(mail?.text).toContain(institute.org.name);
  });

  it('registers a new school in the same transaction and links it', async () => {
    const res = await signup({ school: '_new', 'school.new.name': 'Riverside Academy', 'school.new.city': 'Dhaka', 'school.new.contact_name': 'Rita', 'school.new.contact_email': 'rita@riverside.test', 'school.new.contact_phone': '+880 1711 000000', email: 'new-school@school.test' });
    expect(res.status).toBe(303);
    const [row]: { school: string; status: string; contact: string }[] = await runtime.dataSource.query(
      `SELECT s.name AS school, s.status, s.contact_email AS contact FROM institute_course_signup c JOIN institute_school s ON s.id = c.school_id WHERE c.email = 'new-school@school.test'`,
    );
    expect(row).toEqual({ school: 'Riverside Academy', status: 'lead', contact: 'rita@riverside.test' });
  });

  it('with errors re-renders the form with the typed values kept and each error tied to its field', async () => {
    const res = await signup({ name: '', email: 'not-an-address', title: 'Head of science', school: '_new', 'school.new.name': 'Half School', 'school.new.contact_name': '' });
    expect(res.status).toBe(400);
    expect(res.html).toMatch(/<input type="text" id="f-name" name="name" value=""[^>]*aria-describedby="f-name-error" aria-invalid="true"/);
    expect(res.html).toContain('<p class="error" id="f-name-error">is required</p>');
    expect(res.html).toMatch(/id="f-email-error"/);
    expect(res.html).toMatch(/id="f-school-new-contact_name-error">is required/);
    expect(res.html).toContain('role="alert"');
    expect(valueIn(res.html, 'title')).toBe('Head of science');
    expect(valueIn(res.html, 'email')).toBe('not-an-address');
    expect(valueIn(res.html, 'school')).toBe('_new');
    expect(valueIn(res.html, 'school.new.name')).toBe('Half School');
    expect(valueIn(res.html, 'course')).toBe(courses.open);
    const [n]: { n: number }[] = await runtime.dataSource.query(`SELECT count(*)::int AS n FROM institute_school WHERE name = 'Half School'`);
    expect(n.n).toBe(0);
  });

  it('refuses a course outside the form\'s where even when posted by hand', async () => {
    for (const id of [courses.draft, courses.started, courses.unpublished, 'not-a-uuid']) {
      const res = await signup({ course: id, email: `by-hand-${id.slice(0, 8)}@school.test` });
      expect(res.status).toBe(400);
      expect(res.html).toContain('<p class="error" id="f-course-error">choose one of the listed courses</p>');
    }
    const [n]: { n: number }[] = await runtime.dataSource.query(`SELECT count(*)::int AS n FROM institute_course_signup WHERE email LIKE 'by-hand-%'`);
    expect(n.n).toBe(0);
  });

  it('creates a job application in the workflow\'s initial state, and a library membership request', async () => {
    const post = (await institute.system()).create('institute.job_post', { title: 'Lecturer', status: 'OPEN' });
    const res = await postForm(`${server.url}/p/${institute.org.slug}/job_application`, { _token: validToken(institute, 'institute.job_application'), job_post: (await post).id, applicant_name: 'Jo Applicant', applicant_email: 'jo@apply.test' });
    expect(res.status).toBe(303);
    const [app]: { status: string }[] = await runtime.dataSource.query(`SELECT status FROM institute_job_application WHERE applicant_email = 'jo@apply.test'`);
    expect(app.status).toBe('APPLIED');
    const lib = await postForm(`${server.url}/p/${library.org.slug}/membership_request`, { _token: validToken(library, 'library.membership_request'), name: 'Lena Reader', email: 'lena@read.test' });
    expect(lib.status).toBe(303);
    const [req]: { status: string; organization_id: string }[] = await runtime.dataSource.query(`SELECT status, organization_id FROM library_membership_request WHERE email = 'lena@read.test'`);
    expect(req).toEqual({ status: 'new', organization_id: library.org.id });
  });
});

describe('bots and bad tokens', () => {
  const count = async (email: string): Promise<number> => (await runtime.dataSource.query(`SELECT count(*)::int AS n FROM institute_course_signup WHERE email = $1`, [email]))[0].n;

  it('a filled honeypot gets the success page and creates nothing', async () => {
    const res = await signup({ _homepage: 'http://spam.test', email: 'bot@spam.test' });
    expect(res.status).toBe(303);
    expect(res.headers.get('location')).toMatch(/\/sent$/);
    expect(await count('bot@spam.test')).toBe(0);
  });

  it('a post sooner than the minimum fill time is refused with the values kept', async () => {
    const page = await getPage(signupUrl());
    const res = await postForm(signupUrl(), { _token: tokenIn(page.html), course: courses.open, school: partnerSchool, name: 'Quick', email: 'quick@spam.test' });
    expect(res.status).toBe(400);
    expect(res.html).toContain('That was very quick');
    expect(valueIn(res.html, 'name')).toBe('Quick');
    expect(await count('quick@spam.test')).toBe(0);
  });

  it('an expired, tampered, missing or other form\'s token is refused', async () => {
    const expired = await signup({ _token: tokenAged(institute.org.id, 'institute.course_signup', 3 * 3_600_000), email: 'late@school.test' });
    expect(expired.status).toBe(400);
    expect(expired.html).toContain('its form expired');
    expect(valueIn(expired.html, 'email')).toBe('late@school.test');
    const good = validToken(institute, 'institute.course_signup');
    const tampered = good.slice(0, -2) + (good.endsWith('AA') ? 'BB' : 'AA');
    for (const token of [tampered, '', 'x.y.z', validToken(institute, 'institute.job_application'), tokenAged(library.org.id, 'institute.course_signup', 5_000)]) {
      const res = await signup({ _token: token, email: 'forged@school.test' });
      expect(res.status).toBe(400);
      expect(res.html).toContain('could not be verified');
    }
    expect(await count('forged@school.test') + (await count('late@school.test'))).toBe(0);
  });

  it('a body over the limit is a 413 page', async () => {
    const res = await signup({ note: 'x'.repeat(40_000) });
    expect(res.status).toBe(413);
    expect(res.html).toContain('larger than this form accepts');
  });

  it('posts over the per-address limit get 429 with Retry-After and a page saying so', async () => {
    const limited = await startTestServer(runtime, { publicForms: { perIpAndForm: { max: 2, windowMs: 60_000 } } });
    try {
      const url = `${limited.url}/p/${library.org.slug}/membership_request`;
      const statuses: number[] = [];
      let last: Awaited<ReturnType<typeof postForm>> | undefined;
      for (let i = 0; i < 3; i++) {
        last = await postForm(url, { _token: validToken(library, 'library.membership_request'), name: `Rate ${i}`, email: `rate${i}@read.test` });
        statuses.push(last.status);
      }
      expect(statuses).toEqual([303, 303, 429]);
      expect(Number(last!.headers.get('retry-after'))).toBeGreaterThan(0);
      expect(last!.html).toContain('Too many requests from your address');
    } finally {
      await limited.close();
    }
  });

  it('posts over the per-form limit (from everywhere) get 429 with Retry-After too', async () => {
    const limited = await startTestServer(runtime, { publicForms: { perForm: { max: 1, windowMs: 60_000 } } });
    try {
      const url = `${limited.url}/p/${library.org.slug}/membership_request`;
      const first = await postForm(url, { _token: validToken(library, 'library.membership_request'), name: 'Form rate', email: 'form-rate@read.test' });
      const second = await postForm(url, { _token: validToken(library, 'library.membership_request'), name: 'Form rate 2', email: 'form-rate2@read.test' });
      expect([first.status, second.status]).toEqual([303, 429]);
      expect(Number(second.headers.get('retry-after'))).toBeGreaterThan(0);
      expect(second.html).toContain('This form is receiving too many submissions right now');
      // Another form counts on its own (a bad token: 400, not 429).
      expect((await postForm(`${limited.url}/p/${institute.org.slug}/job_application`, { _token: 'x' })).status).toBe(400);
    } finally {
      await limited.close();
    }
  });

  it('a suspended organization\'s form is the same 404, and is back once it is resumed', async () => {
    const before = await getPage(`${server.url}/p/no-such-org/membership_request`);
    await changeOrganizationStatus(runtime, library.org.slug, 'suspend', { reason: 'unpaid' });
    try {
      const page = await getPage(`${server.url}/p/${library.org.slug}/membership_request`);
      expect(page.status).toBe(404);
      expect(withoutNonce(page.html)).toBe(withoutNonce(before.html));
      const post = await postForm(`${server.url}/p/${library.org.slug}/membership_request`, { _token: validToken(library, 'library.membership_request'), name: 'Sus', email: 'sus@read.test' });
      expect(post.status).toBe(404);
    } finally {
      await changeOrganizationStatus(runtime, library.org.slug, 'resume', {});
    }
    expect((await getPage(`${server.url}/p/${library.org.slug}/membership_request`)).status).toBe(200);
  });
});

describe('embedding', () => {
  it('embed.js is a script for the form, and pages may be framed only by the organization\'s allowed origins', async () => {
    const script = await getPage(`${signupUrl()}/embed.js`);
    expect(script.status).toBe(200);
    expect(script.headers.get('content-type')).toMatch(/^text\/javascript/);
    expect(script.html).toContain(JSON.stringify(signupUrl()));
    expect(script.html).toContain('e.origin!==o||e.source!==f.contentWindow');
    expect((await getPage(`${server.url}/p/no-such-org/course_signup/embed.js`)).status).toBe(404);

    await (await institute.system()).create('core.api_origin', { origin: 'https://partner.example.org' });
    const framed = await getPage(`${signupUrl()}?embed=${encodeURIComponent('https://partner.example.org')}`);
    expect(framed.headers.get('content-security-policy')).toMatch(/frame-ancestors 'self' https:\/\/partner\.example\.org$/);
    expect(framed.headers.get('x-frame-options')).toBeNull();
    expect(framed.html).toContain('parent.postMessage');
    expect(framed.html).toContain('"https://partner.example.org"');
    expect(framed.html).toContain(`action="/p/${institute.org.slug}/course_signup?embed=https%3A%2F%2Fpartner.example.org"`);
    // A page claiming another embedder gets no height reporting to it.
    const other = await getPage(`${signupUrl()}?embed=${encodeURIComponent('https://evil.example.com')}`);
    expect(other.html).not.toContain('postMessage');
  });
});
