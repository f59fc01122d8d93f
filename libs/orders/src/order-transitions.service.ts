import { Injectable } from '@nestjs/common';
import { AuditTrail, DomainEvents, type RequestContext } from '@partsmith/platform';
import { JobLine, Order } from './entities';
import { JOB_LINE_FINISHED, JobLineStatus, jobLineLifecycle, orderLifecycle, OrderStatus } from './order-state';

/**
 * The one way an order or job line changes status: the lifecycle decides (an illegal change throws
 * IllegalTransitionError), and each change writes a history row, an audit entry and a domain event in the
 * caller's transaction. Callers lock the order row first.
 */
@Injectable()
export class OrderTransitions {
  constructor(
    private readonly audit: AuditTrail,
    private readonly events: DomainEvents,
  ) {}

  async order(ctx: RequestContext, order: Order, to: OrderStatus, reason?: string): Promise<void> {
    const from = order.status;
    orderLifecycle.transition(from, to);
    await ctx.db.query(
      `UPDATE orders SET status = $2, updated_at = now(),
         paid_at = CASE WHEN $2 = 'paid' THEN now() ELSE paid_at END,
         cancelled_at = CASE WHEN $2 = 'cancelled' THEN now() ELSE cancelled_at END,
         cancel_reason = CASE WHEN $2 = 'cancelled' THEN $3 ELSE cancel_reason END
       WHERE id = $1`,
      [order.id, to, reason ?? null],
    );
    order.status = to;
    await this.record(ctx, { order, jobLineId: null, from, to, reason });
  }

  /** `followOrder: false` when the caller moves the order itself in the same transaction (the designer's cancellation). */
  async jobLine(ctx: RequestContext, order: Order, line: JobLine, to: JobLineStatus, reason?: string, options: { followOrder?: boolean } = {}): Promise<void> {
    const from = line.status;
    jobLineLifecycle.transition(from, to);
    await ctx.db.query(`UPDATE job_lines SET status = $2, updated_at = now() WHERE id = $1`, [line.id, to]);
    line.status = to;
    await this.record(ctx, { order, jobLineId: line.id, from, to, reason });
    if (options.followOrder !== false) await this.followLines(ctx, order);
  }

  /**
   * The order follows its job lines: paid → in_progress once a line leaves sourcing; when every line is
   * finished (paid out or cancelled) the order is completed, or cancelled when nothing was paid out.
   * A cancelled or completed order is left alone (the designer's cancellation moves the order itself).
   */
  private async followLines(ctx: RequestContext, order: Order): Promise<void> {
    const [current] = await ctx.db.query(`SELECT status FROM orders WHERE id = $1`, [order.id]);
    order.status = current.status; // the caller's copy may predate an earlier line's change
    if (order.status !== OrderStatus.paid && order.status !== OrderStatus.in_progress) return;
    const lines: Array<{ status: JobLineStatus }> = await ctx.db.query(`SELECT status FROM job_lines WHERE order_id = $1`, [order.id]);
    if (order.status === OrderStatus.paid && lines.some((line) => line.status !== JobLineStatus.sourcing && line.status !== JobLineStatus.cancelled)) {
      await this.order(ctx, order, OrderStatus.in_progress, 'a factory took the first line');
    }
    if (lines.length === 0 || !lines.every((line) => JOB_LINE_FINISHED.includes(line.status))) return;
    if (lines.some((line) => line.status === JobLineStatus.paid_out)) {
      if (order.status === OrderStatus.paid) await this.order(ctx, order, OrderStatus.in_progress);
      await this.order(ctx, order, OrderStatus.completed, 'every line is finished');
    } else {
      await this.order(ctx, order, OrderStatus.cancelled, 'every line was cancelled');
    }
  }

  /** A created order or job line: history from nothing to its first status. */
  created(ctx: RequestContext, order: Order, jobLine?: JobLine, reason?: string): Promise<void> {
    return this.record(ctx, { order, jobLineId: jobLine?.id ?? null, from: null, to: jobLine ? jobLine.status : order.status, reason });
  }

  private async record(
    ctx: RequestContext,
    change: { order: Order; jobLineId: string | null; from: string | null; to: string; reason?: string },
  ): Promise<void> {
    const principal = ctx.principal;
    const subject = change.jobLineId ? 'job_line' : 'order';
    await ctx.db.query(
      `INSERT INTO order_events (order_id, job_line_id, from_status, to_status, actor_user_id, actor_role, reason) VALUES ($1, $2, $3, $4, $5, $6, $7)`,
      [change.order.id, change.jobLineId, change.from, change.to, principal?.userId ?? null, principal?.role ?? null, change.reason ?? null],
    );
    await this.audit.record(ctx, {
      action: `${subject}.${change.to}`,
      subjectType: subject,
      subjectId: change.jobLineId ?? change.order.id,
      subjectOrganizationId: change.order.organizationId,
      details: { orderId: change.order.id, from: change.from, to: change.to, reason: change.reason ?? null },
    });
    await this.events.publish(ctx, {
      type: subject === 'order' ? 'order.status' : 'job_line.status',
      organizationId: change.order.organizationId,
      id: change.jobLineId ?? change.order.id,
      status: change.to,
    });
  }
}
