import { Inject, Injectable, Logger } from '@nestjs/common';
import { MAIL_TRANSPORT, type MailTransport, type RequestContext } from '@partsmith/platform';

export interface OutgoingMail {
  /** Derived from the job that sends it, so a retried job never sends twice. */
  idempotencyKey: string;
  to: string;
  subject: string;
  body: string;
}

/**
 * Delivers mail through the configured transport (SMTP, or .eml files under DATA_DIR/mail when SMTP_URL
 * is unset) and keeps the mail log, the sent_emails table, as the idempotency record: one row per key.
 * The row and the hand-over share a transaction, so a failed hand-over leaves no row and the job's retry
 * sends it; only a crash between hand-over and commit can send twice (at-least-once, never zero).
 */
@Injectable()
export class MailerService {
  private readonly logger = new Logger(MailerService.name);

  constructor(@Inject(MAIL_TRANSPORT) private readonly transport: MailTransport) {}

  /** Returns false when this message was already sent. */
  async send(ctx: RequestContext, mail: OutgoingMail): Promise<boolean> {
    return ctx.transaction(async (db) => {
      const rows: unknown[] = await db.query(
        `INSERT INTO sent_emails (idempotency_key, to_address, subject, body) VALUES ($1, $2, $3, $4)
         ON CONFLICT ON CONSTRAINT sent_emails_idempotency_key_key DO NOTHING RETURNING id`,
        [mail.idempotencyKey, mail.to, mail.subject, mail.body],
      );
      if (rows.length === 0) return false;
      await this.transport.send({ to: mail.to, subject: mail.subject, text: mail.body, messageKey: mail.idempotencyKey });
      this.logger.log(`mail to ${mail.to} (${this.transport.kind}): ${mail.subject}`);
      return true;
    });
  }
}
