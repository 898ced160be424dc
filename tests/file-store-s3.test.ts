/**
 * The S3 file store against s3rver (a local S3-compatible server started
 * here): a file larger than one multipart part is streamed up and read back
 * byte for byte, a failing source leaves no object, and over HTTP a lab
 * report is uploaded, downloaded and removed from the bucket with its record.
 */
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { createHash } from 'node:crypto';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Readable } from 'node:stream';
import S3rver from 's3rver';
import { S3FileStore } from '../core/data/files/s3-store.js';
import { storageKey } from '../core/data/files/store.js';
import { apiCall, apiLogin } from './support/api.js';
import { createHospitalWorld, type HospitalWorld } from './support/hospital.js';
import { startTestServer, type TestServer } from './support/http.js';
import { createTestRuntime, type TestRuntime } from './support/runtime.js';

let s3: S3rver;
let store: S3FileStore;
let runtime: TestRuntime;
let server: TestServer;
let world: HospitalWorld;
const ORG = '11111111-1111-4111-8111-111111111111';

async function streamText(stream: Readable): Promise<Buffer> {
  const chunks: Buffer[] = [];
  for await (const c of stream) chunks.push(Buffer.from(c as Buffer));
  return Buffer.concat(chunks);
}
const missing = (key: string): Promise<boolean> => store.get(key).then((s) => (s.destroy(), false), () => true);

beforeAll(async () => {
  s3 = new S3rver({ address: '127.0.0.1', port: 0, silent: true, directory: mkdtempSync(join(tmpdir(), 'ums-s3rver-')), configureBuckets: [{ name: 'ums-files' }] });
  const { port } = await s3.run();
  store = S3FileStore.fromUrl(`http://S3RVER:S3RVER@127.0.0.1:${port}/ums-files`);
}, 60_000);
afterAll(async () => {
  await server?.close();
  await runtime?.dispose();
  store?.destroy();
  await s3?.close();
});

describe('the S3 store', () => {
  it('streams a file of several multipart parts up and reads it back byte for byte', async () => {
    const key = storageKey(ORG, '22222222-2222-4222-8222-222222222222');
    const part = Buffer.alloc(1024 * 1024);
    const hash = createHash('sha256');
    let sent = 0;
    // 12 MB generated on the fly: never one buffer.
    const source = Readable.from((function* () {
      for (let i = 0; i < 12; i++) {
        part.fill(i);
        hash.update(part);
        sent += part.length;
        yield Buffer.from(part);
      }
    })());
    await store.put(key, source);
    const back = await streamText(await store.get(key));
    expect(back.length).toBe(sent);
    expect(createHash('sha256').update(back).digest('hex')).toBe(hash.digest('hex'));
    await store.remove(key);
    expect(await missing(key)).toBe(true);
  });

  it('leaves no object when the source fails midway', async () => {
    const key = storageKey(ORG, '33333333-3333-4333-8333-333333333333');
    const source = Readable.from((async function* () {
      yield Buffer.alloc(6 * 1024 * 1024, 1);
      throw new Error('client went away');
    })());
    await expect(store.put(key, source)).rejects.toThrow();
    expect(await missing(key)).toBe(true);
  });

  it('refuses an S3_URL without bucket or credentials, saying what it expects', () => {
    expect(() => S3FileStore.fromUrl('http://127.0.0.1:9000/')).toThrow(/S3_URL must be/);
    expect(() => S3FileStore.fromUrl('not a url')).toThrow(/S3_URL is not a URL/);
  });
});

describe('file fields on S3 over HTTP', () => {
  beforeAll(async () => {
    runtime = await createTestRuntime();
    runtime.files = store;
    world = await createHospitalWorld(runtime);
    server = await startTestServer(runtime);
  }, 180_000);

  it('a lab report goes to the bucket, comes back as sent, and leaves it with its record', async () => {
    const tech = (await apiLogin(server.url, world.org.users.get('hospital.lab_technician')!.email)).access_token;
    const content = Buffer.from('%PDF-1.4\n% report on S3\n%%EOF\n');
    const form = new FormData();
    form.append('patient', String(world.patients.pat.id));
    form.append('test', 'Report on S3');
    form.append('report_file', new Blob([new Uint8Array(content)], { type: 'application/pdf' }), 'রিপোর্ট.pdf');
    const res = await fetch(`${server.url}/api/v1/hospital/lab_test`, { method: 'POST', headers: { authorization: `Bearer ${tech}` }, body: form });
    expect(res.status).toBe(201);
    const body = (await res.json()) as { data: { id: string; report_file: string }; files: Record<string, { url: string; name: string }> };
    expect(body.files.report_file.name).toBe('রিপোর্ট.pdf');
    const key = storageKey(world.org.org.id, body.data.report_file);
    expect((await streamText(await store.get(key))).equals(content)).toBe(true);
    const download = await fetch(body.files.report_file.url, { headers: { authorization: `Bearer ${tech}` } });
    expect(download.status).toBe(200);
    expect(Buffer.from(await download.arrayBuffer()).equals(content)).toBe(true);
    expect((await apiCall(server.url, 'DELETE', `/hospital/lab_test/${body.data.id}`, { token: tech })).status).toBe(204);
    expect(await missing(key)).toBe(true);
  });
});
