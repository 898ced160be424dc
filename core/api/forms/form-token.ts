/**
 * The hidden token of a public form. There is no session to hang a CSRF token
 * on, so the page carries a signed, time-stamped token instead: HMAC-SHA256
 * over the organization, the form, the time it was served and a nonce. A post
 * is accepted only with a token of this form and organization that is neither
 * tampered with nor older than `maxAgeMs`; one younger than `minFillMs` came
 * from a script rather than a person typing (the bots' fill time).
 */
import { createHmac, randomBytes, timingSafeEqual } from 'node:crypto';

export type TokenVerdict = 'ok' | 'tampered' | 'expired' | 'too-fast';

export class FormTokens {
  private readonly key: Buffer;

  constructor(
    secret: string | Uint8Array,
    private readonly timing: { minFillMs: number; maxAgeMs: number },
  ) {
    // A key of its own, so a form token can never pass for a session or API signature.
    this.key = createHmac('sha256', secret).update('ums public form tokens v1').digest();
  }

  private sign(organizationId: string, formKey: string, issued: string, nonce: string): Buffer {
    return createHmac('sha256', this.key).update(`${organizationId}|${formKey}|${issued}|${nonce}`).digest();
  }

  issue(organizationId: string, formKey: string, now = Date.now()): string {
    const issued = now.toString(36);
    const nonce = randomBytes(9).toString('base64url');
    return `${issued}.${nonce}.${this.sign(organizationId, formKey, issued, nonce).toString('base64url')}`;
  }

  verify(token: unknown, organizationId: string, formKey: string, now = Date.now()): TokenVerdict {
    if (typeof token !== 'string' || token.length > 200) return 'tampered';
    const [issued, nonce, signature, ...rest] = token.split('.');
    if (rest.length || !issued || !nonce || !signature || !/^[0-9a-z]{1,12}$/.test(issued)) return 'tampered';
    const expected = this.sign(organizationId, formKey, issued, nonce);
    const given = Buffer.from(signature, 'base64url');
    if (given.length !== expected.length || !timingSafeEqual(given, expected)) return 'tampered';
    const age = now - parseInt(issued, 36);
    if (age > this.timing.maxAgeMs || age < -60_000) return 'expired';
    if (age < this.timing.minFillMs) return 'too-fast';
    return 'ok';
  }
}
