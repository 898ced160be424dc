/**
 * A real SMTP server on 127.0.0.1 (the `smtp-server` package) that keeps every
 * message it accepted, parsed. It can stall: the next message is read to its
 * end but never answered, as a slow or hung server would, so a test can kill
 * the sender at the moment the message is in flight.
 */
import type { AddressInfo } from 'node:net';
import { simpleParser } from 'mailparser';
import { createTransport } from 'nodemailer';
import { SMTPServer } from 'smtp-server';
import type { MailTransport } from '../../core/mail/index.js';

export interface SunkMail {
  messageId: string;
  to: string;
  subject: string;
  /** The Subject header as sent, before decoding (RFC 2047 encoded words for non-ASCII text). */
  rawSubject: string;
  text: string;
  html: string;
}

export interface SmtpSink {
  port: number;
  url: string;
  /** Every message the server accepted (answered 250), in order. */
  messages: SunkMail[];
  /** A nodemailer transport to this server. */
  transport(): MailTransport;
  /** The next message matching `match` is received but never acknowledged; resolves once its data has fully arrived. */
  stallOn(match: (mail: SunkMail) => boolean): Promise<SunkMail>;
  /** The newest message to `address` (case-insensitive). */
  lastTo(address: string): SunkMail | undefined;
  close(): Promise<void>;
}

export async function startSmtpSink(): Promise<SmtpSink> {
  const messages: SunkMail[] = [];
  let stall: { match: (mail: SunkMail) => boolean; signal: (mail: SunkMail) => void } | undefined;
  const server = new SMTPServer({
    authOptional: true,
    disabledCommands: ['STARTTLS'],
    logger: false,
    onData(stream, _session, callback) {
      const chunks: Buffer[] = [];
      stream.on('data', (c: Buffer) => chunks.push(c));
      stream.on('end', () => {
        simpleParser(Buffer.concat(chunks))
          .then((parsed) => {
            const to = Array.isArray(parsed.to) ? parsed.to.map((a) => a.text).join(', ') : (parsed.to?.text ?? '');
            const rawSubject = parsed.headerLines.find((h) => h.key === 'subject')?.line ?? '';
            const mail: SunkMail = { messageId: parsed.messageId ?? '', to, subject: parsed.subject ?? '', rawSubject, text: parsed.text ?? '', html: typeof parsed.html === 'string' ? parsed.html : '' };
            if (stall?.match(mail)) {
              const { signal } = stall;
              stall = undefined;
              signal(mail);
              return; // never answered: the client waits until it gives up or dies
            }
            messages.push(mail);
            callback();
          })
          .catch((err: Error) => callback(err));
      });
    },
  });
  server.on('error', () => undefined); // a client killed mid-session is expected here
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', () => resolve()));
  const port = (server.server.address() as AddressInfo).port;
  return {
    port,
    url: `smtp://127.0.0.1:${port}`,
    messages,
    transport: () => createTransport({ host: '127.0.0.1', port, secure: false, ignoreTLS: true }),
    stallOn: (match) => new Promise<SunkMail>((resolve) => (stall = { match, signal: resolve })),
    lastTo: (address) => [...messages].reverse().find((m) => m.to.toLowerCase().includes(address.toLowerCase())),
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}

/** The 6-digit code of a reset or deletion mail: the line that holds nothing else (an organization's name may contain six digits too). */
export const codeIn = (mail: SunkMail | undefined): string => {
  const code = /^\s*(\d{6})\s*$/m.exec(mail?.text ?? '')?.[1];
  if (!code) throw new Error(`no code in mail: ${mail?.subject ?? '(none)'}`);
  return code;
};

/** The invitation token of an invitation mail. */
export const tokenIn = (mail: SunkMail | undefined): string => {
  const token = /[?&]token=([A-Za-z0-9_-]+)/.exec(mail?.text ?? '')?.[1];
  if (!token) throw new Error(`no invitation link in mail: ${mail?.subject ?? '(none)'}`);
  return token;
};
