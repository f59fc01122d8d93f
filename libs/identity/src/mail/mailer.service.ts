import { Injectable, Logger } from '@nestjs/common';
import type { RequestContext } from '@partsmith/platform';

export interface OutgoingMail {
  /** Derived from the job that sends it, so a retried job never sends twice. */
  idempotencyKey: string;
  to: string;
  subject: string;
  body: string;
}

/**
 * Delivers mail. The built-in transport is the mail log (the sent_emails table, also written to the
 * structured log), which is what development, the demo and the tests read. An SMTP transport plugs in here.
 */
@Injectable()
export class MailerService {
  private readonly logger = new Logger(MailerService.name);

  /** Returns false when this message was already sent. */
  async send(ctx: RequestContext, mail: OutgoingMail): Promise<boolean> {
    const rows: unknown[] = await ctx.db.query(
      `INSERT INTO sent_emails (idempotency_key, to_address, subject, body) VALUES ($1, $2, $3, $4)
       ON CONFLICT ON CONSTRAINT sent_emails_idempotency_key_key DO NOTHING RETURNING id`,
      [mail.idempotencyKey, mail.to, mail.subject, mail.body],
    );
    if (rows.length > 0) this.logger.log(`mail to ${mail.to}: ${mail.subject}`);
    return rows.length > 0;
  }
}
