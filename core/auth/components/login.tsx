/**
 * The sign-in page: UMS's own form instead of AdminJS's "Welcome to AdminJS" screen, with labelled
 * inputs (a label per field, tied to it, so screen readers and tests find "E-mail" and "Password"),
 * the server's message (wrong password, lock-out), and the account links: there is no sign-up;
 * forgotten passwords are reset with an e-mailed code.
 *
 * The e-mail survives a failed attempt: AdminJS renders the failure page without the form's values,
 * so the browser keeps what was typed in sessionStorage (this tab only, never the password) and puts
 * it back. An empty form is not sent: it says what is missing.
 *
 * The server puts the sign-in form's CSRF token in a `<meta>` of every sign-in page (core/auth/csrf.ts,
 * CSRF_META); the form sends it back as the hidden field CSRF_FIELD. Those names are repeated here, not
 * imported: this file is bundled for the browser, csrf.ts is server code.
 */
import React, { useEffect, useState } from 'react';
import { useSelector } from 'react-redux';
import { useTranslation } from 'adminjs';
import { Box, Button, FormGroup, H2, Input, Label, Link, MessageBox, Text } from '@adminjs/design-system';

const KEPT_EMAIL = 'ums.login.email';
const csrfToken = (): string => document.querySelector<HTMLMetaElement>('meta[name="ums-csrf"]')?.content ?? '';

const Login: React.FC = () => {
  const state = ((window as unknown as { __APP_STATE__?: { action?: string; errorMessage?: string } }).__APP_STATE__ ?? {});
  const branding = useSelector((s: { branding: { companyName?: string } }) => s.branding);
  const { translateMessage } = useTranslation();
  const [email, setEmail] = useState('');
  const [problem, setProblem] = useState<string | null>(null);
  useEffect(() => {
    // Only after a failure: a fresh visit starts empty.
    if (state.errorMessage) setEmail(window.sessionStorage.getItem(KEPT_EMAIL) ?? '');
  }, []);
  const serverMessage = state.errorMessage ? (state.errorMessage.includes(' ') ? state.errorMessage : translateMessage(state.errorMessage)) : null;

  const onSubmit = (event: React.FormEvent<HTMLFormElement>): void => {
    const form = new FormData(event.currentTarget);
    const typedEmail = String(form.get('email') ?? '').trim();
    const password = String(form.get('password') ?? '');
    const missing = [!typedEmail && 'e-mail', !password && 'password'].filter(Boolean);
    if (missing.length) {
      event.preventDefault();
      setProblem(missing.length === 2 ? 'Enter your e-mail and password.' : `Enter your ${missing[0]}.`);
      return;
    }
    window.sessionStorage.setItem(KEPT_EMAIL, typedEmail);
  };

  return (
    <Box flex variant="grey" height="100%" alignItems="center" justifyContent="center" flexDirection="column" data-css="ums-login">
      <Box as="form" action={state.action} method="POST" onSubmit={onSubmit} noValidate bg="white" p="x3" width={[1, '420px']} boxShadow="login">
        <input type="hidden" name="csrf" value={csrfToken()} />
        <H2 mb="sm">UMS</H2>
        <Text mb="xl" color="grey80">Sign in to {branding.companyName && branding.companyName !== 'UMS' ? branding.companyName : 'your organization'}</Text>
        {(problem ?? serverMessage) && <MessageBox my="lg" message={problem ?? serverMessage ?? ''} variant="danger" data-testid="login-message" />}
        <FormGroup>
          <Label htmlFor="login-email" required>E-mail</Label>
          <Input id="login-email" name="email" type="email" autoComplete="username" width={1} value={email} onChange={(e: React.ChangeEvent<HTMLInputElement>) => setEmail(e.target.value)} />
        </FormGroup>
        <FormGroup>
          <Label htmlFor="login-password" required>Password</Label>
          <Input id="login-password" name="password" type="password" autoComplete="current-password" width={1} />
        </FormGroup>
        <Box mt="xl">
          <Button variant="contained" type="submit" width={1}>Sign in</Button>
        </Box>
        <Box mt="xl" style={{ textAlign: 'center' }} data-css="ums-account-links">
          <Text>
            <Link href="/auth/password/forgot" id="forgot-password">Forgot your password?</Link>
          </Text>
          <Text mt="sm" color="grey80" fontSize="sm">
            No account? Accounts are created by your organization&apos;s administrator, who sends you an invitation.
          </Text>
        </Box>
      </Box>
    </Box>
  );
};

export default Login;
