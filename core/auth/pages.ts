/** Server-rendered pages of the account flows: plain HTML forms, every value escaped. */
import type { FieldErrors } from '../errors.js';
import { CSRF_FIELD } from './csrf.js';

export const LOGIN_PATH = '/admin/login';

export const escapeHtml = (s: unknown): string =>
  String(s ?? '').replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c]!);

export interface FormState {
  error?: string;
  notice?: string;
  fields?: FieldErrors;
}

function layout(title: string, body: string): string {
  return `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="referrer" content="no-referrer"><title>${escapeHtml(title)} · UMS</title>
<style>
body{font-family:system-ui,sans-serif;background:#f6f7fb;color:#1c1c38;margin:0;display:flex;min-height:100vh;align-items:center;justify-content:center}
main{background:#fff;box-shadow:0 2px 12px rgba(0,0,0,.08);padding:32px 40px;width:100%;max-width:420px;box-sizing:border-box}
h1{font-size:22px;font-weight:500;margin:0 0 16px}label{display:block;margin:16px 0 4px;font-size:14px}
input{width:100%;box-sizing:border-box;padding:8px;border:1px solid #c0c0ca;font-size:15px}
button{margin-top:24px;padding:10px 20px;background:#3040d6;color:#fff;border:0;font-size:15px;cursor:pointer}
button.danger{background:#c20012}.error{background:#ffe5e5;color:#7a0010;padding:10px;margin:12px 0}
.notice{background:#e5f2ff;color:#102a5c;padding:10px;margin:12px 0}.field{color:#c20012;font-size:13px}
p.links{margin-top:24px;font-size:14px}a{color:#3040d6}
</style></head><body><main><h1>${escapeHtml(title)}</h1>${body}</main></body></html>`;
}

const messages = (state: FormState): string =>
  (state.notice ? `<div class="notice" role="status">${escapeHtml(state.notice)}</div>` : '') +
  (state.error ? `<div class="error" role="alert">${escapeHtml(state.error)}</div>` : '');

function input(name: string, label: string, state: FormState, attrs: string): string {
  const problem = state.fields?.[name]?.message;
  return `<label for="${name}">${escapeHtml(label)}</label><input id="${name}" name="${name}" ${attrs}>${problem ? `<div class="field">${escapeHtml(`${label} ${problem}`)}</div>` : ''}`;
}

/**
 * The forms a visitor posts before signing in carry the pre-session CSRF token (csrf.ts); `csrf` is required in
 * their state so no such page can be rendered without one.
 */
export type PreSessionState = FormState & { csrf: string };

const csrfInput = (state: PreSessionState): string => `<input type="hidden" name="${CSRF_FIELD}" value="${escapeHtml(state.csrf)}">`;

const backToLogin = `<p class="links"><a href="${LOGIN_PATH}">Back to sign-in</a></p>`;

const newPasswordInputs = (state: FormState): string =>
  input('password', 'New password', state, 'type="password" autocomplete="new-password" required minlength="8" maxlength="200"') +
  input('password_confirm', 'Repeat the new password', state, 'type="password" autocomplete="new-password" required');

export const forgotPage = (state: PreSessionState & { email?: string }): string =>
  layout(
    'Forgot your password?',
    `<p>Enter the e-mail address of your account. We will send you a 6-digit code to choose a new password.</p>${messages(state)}
<form method="post" action="/auth/password/forgot">${csrfInput(state)}${input('email', 'E-mail', state, `type="email" autocomplete="email" required value="${escapeHtml(state.email)}"`)}
<button type="submit">Send me a code</button></form>
<p class="links">Already have a code? <a href="/auth/password/reset">Enter it here</a></p>${backToLogin}`,
  );

export const resetPage = (state: PreSessionState & { email?: string }): string =>
  layout(
    'Choose a new password',
    `${messages(state)}<form method="post" action="/auth/password/reset">${csrfInput(state)}
${input('email', 'E-mail', state, `type="email" autocomplete="email" required value="${escapeHtml(state.email)}"`)}
${input('code', 'Code from the e-mail', state, 'inputmode="numeric" autocomplete="one-time-code" pattern="[0-9]{6}" maxlength="6" required')}
${newPasswordInputs(state)}<button type="submit">Change password</button></form>
<p class="links"><a href="/auth/password/forgot">Send me a new code</a></p>${backToLogin}`,
  );

export const invitationPage = (state: PreSessionState & { token: string; email: string; organizationName: string }): string =>
  layout(
    `Welcome to ${state.organizationName}`,
    `<p>Choose the password for <strong>${escapeHtml(state.email)}</strong>. This link works once.</p>${messages(state)}
<form method="post" action="/auth/invitation">${csrfInput(state)}<input type="hidden" name="token" value="${escapeHtml(state.token)}">
${newPasswordInputs(state)}<button type="submit">Set password</button></form>`,
  );

export const deleteAccountPage = (state: FormState & { email: string; organizationName: string; codeSent: boolean }): string =>
  layout(
    'Delete your account',
    `<p>Your account <strong>${escapeHtml(state.email)}</strong> at ${escapeHtml(state.organizationName)} will be deactivated: you will no longer be able to sign in.
The records you created and the history of your changes stay with the organization.</p>${messages(state)}
${
  state.codeSent
    ? `<form method="post" action="/auth/account/delete">${input('code', 'Code from the e-mail', state, 'inputmode="numeric" autocomplete="one-time-code" pattern="[0-9]{6}" maxlength="6" required')}
<button type="submit" class="danger">Delete my account</button></form>
<form method="post" action="/auth/account/delete/code"><p class="links">No mail? <button type="submit" style="background:none;color:#3040d6;padding:0;margin:0;text-decoration:underline">Send a new code</button></p></form>`
    : `<form method="post" action="/auth/account/delete/code"><p>To confirm, we send a code to your e-mail address.</p><button type="submit">Send me a code</button></form>`
}
<p class="links"><a href="/admin">Keep my account and go back</a></p>`,
  );

export const donePage = (title: string, message: string, link: { href: string; label: string } = { href: LOGIN_PATH, label: 'Sign in' }): string =>
  layout(title, `<div class="notice" role="status">${escapeHtml(message)}</div><p class="links"><a href="${escapeHtml(link.href)}">${escapeHtml(link.label)}</a></p>`);

export const problemPage = (title: string, message: string): string => layout(title, `<div class="error" role="alert">${escapeHtml(message)}</div>${backToLogin}`);

/** Where the account page's language form comes back to (core/admin/language.ts accepts it as `back`). */
export const ACCOUNT_PATH = '/auth/account';

const LANGUAGE_CHOICES: [string, string][] = [
  ['', "The organization's language · প্রতিষ্ঠানের ভাষা"],
  ['en', 'English'],
  ['bn', 'বাংলা'],
];

/**
 * The signed-in user's own account page: who they are, the language they read UMS in (the same POST as the
 * top bar's selector, `/admin/x/language`; empty: the organization's), and the way to delete the account.
 * The language's own label is given in both languages, so it can be found in the one the page is not in.
 */
export const accountPage = (state: { email: string; organizationName: string; language: string | null; languagePath: string; saved?: boolean }): string =>
  layout(
    'Your account',
    `${state.saved ? `<div class="notice" role="status">Your language is saved. · আপনার ভাষা সংরক্ষিত হয়েছে।</div>` : ''}
<p>${escapeHtml(state.email)} · ${escapeHtml(state.organizationName)}</p>
<form method="post" action="${escapeHtml(state.languagePath)}">
<label for="language">Language · ভাষা</label>
<select id="language" name="language" style="width:100%;padding:8px;font-size:15px">${LANGUAGE_CHOICES.map(
      ([value, label]) => `<option value="${value}"${(state.language ?? '') === value ? ' selected' : ''}>${escapeHtml(label)}</option>`,
    ).join('')}</select>
<input type="hidden" name="back" value="${ACCOUNT_PATH}?saved=1">
<button type="submit">Save · সংরক্ষণ করুন</button></form>
<p class="links"><a href="/admin">Back to UMS</a> · <a href="/auth/account/delete">Delete my account</a></p>`,
  );
