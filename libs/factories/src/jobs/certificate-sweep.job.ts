import { Inject, Injectable, Logger } from '@nestjs/common';
import { MailerService, OrganizationService } from '@partsmith/identity';
import {
  APP_CONFIG,
  AuditTrail,
  defineJob,
  JobHandler,
  PermanentJobError,
  repeatJob,
  tryAdvisoryXactLock,
  type AppConfig,
  type JobRun,
  type RequestContext,
} from '@partsmith/platform';
import { isIsoDate } from '../factory-profile.validation';
import { todayUtc } from '../certificate.service';

export const CertificateSweepJob = defineJob<{ asOf: string | null }>({
  queue: 'factories',
  name: 'factories.certificates.sweep',
  attempts: 5,
  backoffMs: 60_000,
});

// Nightly (CERTIFICATE_SWEEP_CRON, UTC); asOf null = the day it runs.
repeatJob(CertificateSweepJob, (config) => (config.factories.certificateSweepCron ? { pattern: config.factories.certificateSweepCron } : null), { asOf: null });

export const CERTIFICATE_SWEEP_LOCK = 'factories.certificates.sweep';

interface ExpiringRow {
  id: string;
  kind: string;
  number: string;
  valid_until: string;
  organization_id: string;
  legal_name: string;
}

export interface SweepOutcome {
  ran: boolean;
  warned: number;
  expired: number;
}

/**
 * The nightly certificate sweep. Under a transaction-scoped advisory lock (a second worker, or a manual
 * run overlapping the scheduled one, records "skipped_locked" and does nothing), it
 *  - expires every pending or verified certificate whose last valid day is before `asOf`: it stops
 *    counting for eligibility at once, and the factory admins are told;
 *  - warns the factory admins once per certificate (and validity date) when it expires within
 *    CERTIFICATE_EXPIRY_WARNING_DAYS.
 * Mails carry idempotency keys, so a retried run never mails twice.
 */
@Injectable()
export class CertificateSweepHandler {
  private readonly logger = new Logger(CertificateSweepHandler.name);

  constructor(
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    private readonly mailer: MailerService,
    private readonly organizations: OrganizationService,
    private readonly audit: AuditTrail,
  ) {}

  @JobHandler(CertificateSweepJob)
  async run(payload: { asOf: string | null }, { ctx }: JobRun): Promise<void> {
    const asOf = payload.asOf ?? todayUtc();
    if (!isIsoDate(asOf)) throw new PermanentJobError(`asOf must be a YYYY-MM-DD date (got "${asOf}")`);
    const outcome = await this.sweep(ctx, asOf);
    this.logger.log(`certificate sweep ${asOf}: ${outcome.ran ? `${outcome.expired} expired, ${outcome.warned} warned` : 'skipped (another run holds the lock)'}`);
  }

  async sweep(ctx: RequestContext, asOf: string): Promise<SweepOutcome> {
    return ctx.transaction(async (db) => {
      if (!(await tryAdvisoryXactLock(db, CERTIFICATE_SWEEP_LOCK))) {
        await db.query(`INSERT INTO factory_certificate_sweeps (as_of, outcome) VALUES ($1, 'skipped_locked')`, [asOf]);
        return { ran: false, warned: 0, expired: 0 };
      }
      // an UPDATE through TypeORM answers [rows, affected count]
      const [expired]: [ExpiringRow[], number] = await db.query(
        `UPDATE factory_certificates c SET status = 'expired', updated_at = now()
           FROM factories f
          WHERE f.id = c.factory_id AND c.status IN ('pending', 'verified') AND c.valid_until < $1::date
          RETURNING c.id, c.kind, c.number, c.valid_until::text AS valid_until, f.organization_id, f.legal_name`,
        [asOf],
      );
      for (const certificate of expired) {
        await this.audit.record(ctx, {
          action: 'certificate.expired',
          subjectType: 'certificate',
          subjectId: certificate.id,
          subjectOrganizationId: certificate.organization_id,
          details: { kind: certificate.kind, number: certificate.number, validUntil: certificate.valid_until, asOf },
        });
        await this.mailAdmins(ctx, certificate, `certificate-expired:${certificate.id}`, `Certificate ${this.label(certificate)} has expired`,
          `Your ${this.label(certificate)} certificate was valid until ${certificate.valid_until} and has expired. ` +
            `Jobs that need it are no longer offered to ${certificate.legal_name}. Upload the renewed certificate to be eligible again.\n`);
      }

      const warnDays = this.config.factories.certificateExpiryWarningDays;
      const expiring: ExpiringRow[] = await db.query(
        `SELECT c.id, c.kind, c.number, c.valid_until::text AS valid_until, f.organization_id, f.legal_name
           FROM factory_certificates c JOIN factories f ON f.id = c.factory_id
          WHERE c.status = 'verified' AND c.valid_until BETWEEN $1::date AND $1::date + $2::int
            AND c.expiry_warned_for IS DISTINCT FROM c.valid_until
          FOR UPDATE OF c`,
        [asOf, warnDays],
      );
      for (const certificate of expiring) {
        await this.mailAdmins(ctx, certificate, `certificate-expiry-warning:${certificate.id}:${certificate.valid_until}`,
          `Certificate ${this.label(certificate)} expires on ${certificate.valid_until}`,
          `Your ${this.label(certificate)} certificate is valid until ${certificate.valid_until}. ` +
            `Upload the renewed certificate before then, or jobs that need it stop being offered to ${certificate.legal_name}.\n`);
        await db.query(`UPDATE factory_certificates SET expiry_warned_for = valid_until WHERE id = $1`, [certificate.id]);
      }
      await db.query(`INSERT INTO factory_certificate_sweeps (as_of, outcome, warned, expired) VALUES ($1, 'ran', $2, $3)`, [asOf, expiring.length, expired.length]);
      return { ran: true, warned: expiring.length, expired: expired.length };
    });
  }

  private label(certificate: ExpiringRow): string {
    return `${certificate.kind.replace(/_/g, ' ').toUpperCase()} no. ${certificate.number}`;
  }

  private async mailAdmins(ctx: RequestContext, certificate: ExpiringRow, key: string, subject: string, body: string): Promise<void> {
    for (const to of await this.organizations.memberEmails(ctx, certificate.organization_id, ['factory_admin'])) {
      await this.mailer.send(ctx, { idempotencyKey: `${key}:${to}`, to, subject, body });
    }
  }
}
