import { Injectable } from '@nestjs/common';
import { InvalidInputError, type RequestContext } from '@partsmith/platform';
import { JobLine, Order } from './entities';
import { JobLineStatus } from './order-state';
import { OrderTransitions } from './order-transitions.service';

/**
 * Order splitting across a cluster, the orders side: a job line still in sourcing, whose designer allowed
 * splitting, becomes parts — each a job line of its own (`splitOf` = the line) with the same part,
 * configuration and due date — and the line itself moves to the final status `split`. Sourcing decides the
 * quantities; this keeps the order's history and the invariant "the parts add up to the line". System call
 * (no access checks): sourcing calls it from its sweep. Idempotent: a line already split returns its parts.
 */
@Injectable()
export class JobLineSplitting {
  constructor(private readonly transitions: OrderTransitions) {}

  async split(ctx: RequestContext, jobLineId: string, quantities: readonly number[], reason: string): Promise<JobLine[]> {
    return ctx.transaction(async (db) => {
      const first = await db.findOneBy(JobLine, { id: jobLineId });
      if (!first) throw new InvalidInputError(`Job line ${jobLineId} does not exist`);
      const order = await db.createQueryBuilder(Order, 'o').setLock('pessimistic_write').where('o.id = :id', { id: first.orderId }).getOneOrFail();
      const line = await db.findOneByOrFail(JobLine, { id: jobLineId }); // re-read under the order lock
      if (line.status === JobLineStatus.split) return db.find(JobLine, { where: { splitOf: line.id }, order: { createdAt: 'ASC', id: 'ASC' } });
      if (line.status !== JobLineStatus.sourcing) throw new InvalidInputError(`Job line ${line.id} is ${line.status}; only a line in sourcing can be split`);
      if (!line.allowSplitting) throw new InvalidInputError(`The designer did not allow splitting job line ${line.id}`);
      if (quantities.length < 2 || quantities.some((q) => !Number.isInteger(q) || q < 1)) {
        throw new InvalidInputError(`A split needs two or more positive whole quantities (got ${JSON.stringify(quantities)})`);
      }
      const total = quantities.reduce((sum, q) => sum + q, 0);
      if (total !== line.quantity) throw new InvalidInputError(`The parts add up to ${total} but job line ${line.id} is for ${line.quantity}`);

      const parts: JobLine[] = [];
      for (const quantity of quantities) {
        const { id: _id, createdAt: _createdAt, ...copy } = line;
        const part = await db.save(db.create(JobLine, { ...copy, quantity, splitOf: line.id, status: JobLineStatus.sourcing }));
        await this.transitions.created(ctx, order, part, `part of job line ${line.id} (${quantity} of ${line.quantity})`);
        parts.push(part);
      }
      await this.transitions.jobLine(ctx, order, line, JobLineStatus.split, reason);
      return parts;
    });
  }
}
