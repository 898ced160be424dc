/** Posting public forms over real HTTP (tests only): the page's token, urlencoded bodies, no redirects followed. */
import { FormTokens } from '../../core/api/forms/form-token.js';

export interface PageAnswer {
  status: number;
  headers: Headers;
  html: string;
}

export async function getPage(url: string): Promise<PageAnswer> {
  const res = await fetch(url, { redirect: 'manual' });
  return { status: res.status, headers: res.headers, html: await res.text() };
}

export async function postForm(url: string, fields: Record<string, string>, headers: Record<string, string> = {}): Promise<PageAnswer> {
  const res = await fetch(url, { method: 'POST', headers: { 'content-type': 'application/x-www-form-urlencoded', ...headers }, body: new URLSearchParams(fields).toString(), redirect: 'manual' });
  return { status: res.status, headers: res.headers, html: await res.text() };
}

export const tokenIn = (html: string): string => /name="_token" value="([^"]+)"/.exec(html)?.[1] ?? '';

/** A token as the server would have issued it `ageMs` ago (startTestServer's session secret is 'test-secret'). */
export function tokenAged(organizationId: string, formKey: string, ageMs: number, secret = 'test-secret'): string {
  return new FormTokens(secret, { minFillMs: 0, maxAgeMs: Infinity }).issue(organizationId, formKey, Date.now() - ageMs);
}

/** The value of the input or the selected option of `name` on a page. */
export function valueIn(html: string, name: string): string | undefined {
  const esc = name.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
  const input = new RegExp(`<input[^>]*name="${esc}"[^>]*value="([^"]*)"`).exec(html);
  if (input) return input[1];
  const area = new RegExp(`<textarea[^>]*name="${esc}"[^>]*>([^<]*)</textarea>`).exec(html);
  if (area) return area[1];
  const select = new RegExp(`<select[^>]*name="${esc}"[^>]*>(.*?)</select>`).exec(html);
  return select ? /<option value="([^"]*)" selected>/.exec(select[1])?.[1] : undefined;
}
