import { Injectable } from '@nestjs/common';
import type { RequestContext } from '../context';
import type { JobDefinition, JobPayload } from './job-definition';

export const OUTBOX_CHANNEL = 'partsmith_outbox';

/**
 * Records a job in the outbox inside the caller's transaction. Nothing reaches Redis before the
 * transaction commits; a rolled-back transaction leaves no job behind. NOTIFY is transactional too,
 * so the relay wakes only on commit.
 */
@Injectable()
export class OutboxService {
  async add<P extends JobPayload>(ctx: RequestContext, job: JobDefinition<P>, payload: P, options: { delayMs?: number } = {}): Promise<string> {
    // one statement: the row and the NOTIFY (sent at commit; repeats of a channel and payload in one transaction fold into one)
    const rows: Array<{ id: string }> = await ctx.db.query(
      `WITH added AS (
         INSERT INTO outbox (queue, name, payload, available_at)
         VALUES ($1, $2, $3, now() + make_interval(secs => $4::double precision / 1000))
         RETURNING id)
       SELECT id::text AS id, pg_notify($5, $6) FROM added`,
      [job.queue, job.name, JSON.stringify(payload), options.delayMs ?? 0, OUTBOX_CHANNEL, job.queue],
    );
    return rows[0].id;
  }
}
