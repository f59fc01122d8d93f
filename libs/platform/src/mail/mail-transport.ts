import { mkdir, rename, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { Provider } from '@nestjs/common';
import { createTransport, type Transporter } from 'nodemailer';
import { APP_CONFIG, type AppConfig } from '../config';

export interface MailMessage {
  to: string;
  subject: string;
  text: string;
  /** Stable per message (the sender's idempotency key): the Message-ID, so a duplicate is recognisable downstream. */
  messageKey: string;
}

/** The port: hands one message to whatever delivers mail. Throws when delivery failed and a retry may help. */
export interface MailTransport {
  readonly kind: 'smtp' | 'file';
  send(message: MailMessage): Promise<void>;
}

export const MAIL_TRANSPORT = Symbol('MAIL_TRANSPORT');

function messageId(key: string, from: string): string {
  const domain = /@([^>\s]+)>?\s*$/.exec(from)?.[1] ?? 'partsmith.localhost';
  return `<${Buffer.from(key).toString('base64url')}@${domain}>`;
}

/** Sends through an SMTP server (SMTP_URL, e.g. smtp://user:pass@mail.example.com:587 or smtps://…:465). */
export class SmtpMailTransport implements MailTransport {
  readonly kind = 'smtp';
  private readonly transporter: Transporter;

  constructor(
    url: string,
    private readonly from: string,
  ) {
    this.transporter = createTransport(url);
  }

  async send(message: MailMessage): Promise<void> {
    await this.transporter.sendMail({ from: this.from, to: message.to, subject: message.subject, text: message.text, messageId: messageId(message.messageKey, this.from) });
  }
}

/**
 * Development and tests (no SMTP_URL): writes each message as an RFC 5322 .eml file under `dir` instead of
 * sending it — open one in any mail client. The name is derived from the message key, so a resend overwrites.
 */
export class FileMailTransport implements MailTransport {
  readonly kind = 'file';
  private readonly composer = createTransport({ streamTransport: true, buffer: true, newline: 'windows' });

  constructor(
    readonly dir: string,
    private readonly from: string,
  ) {}

  async send(message: MailMessage): Promise<void> {
    const info = await this.composer.sendMail({ from: this.from, to: message.to, subject: message.subject, text: message.text, messageId: messageId(message.messageKey, this.from) });
    const bytes = (info as unknown as { message: Buffer }).message;
    await mkdir(this.dir, { recursive: true });
    const name = `${new Date().toISOString().replace(/[:.]/g, '-')}-${message.messageKey.replace(/[^A-Za-z0-9_-]+/g, '_').slice(0, 120)}.eml`;
    const path = join(this.dir, name);
    await writeFile(`${path}.tmp`, bytes);
    await rename(`${path}.tmp`, path);
  }
}

export function createMailTransport(config: AppConfig): MailTransport {
  return config.mail.smtpUrl ? new SmtpMailTransport(config.mail.smtpUrl, config.mail.from) : new FileMailTransport(config.mail.fileDir, config.mail.from);
}

export const MailTransportProvider: Provider = { provide: MAIL_TRANSPORT, inject: [APP_CONFIG], useFactory: createMailTransport };
