import { Column, Entity, PrimaryColumn } from 'typeorm';
import { AwardMode, SourcingJobStatus } from '../offer-state';
import { bigintAsNumber } from './columns';

/** Sourcing's view of one job line: how it is awarded, and the payout price the platform offers. */
@Entity({ name: 'sourcing_jobs' })
export class SourcingJobRow {
  @PrimaryColumn({ name: 'job_line_id', type: 'uuid' })
  jobLineId: string;

  @Column({ name: 'order_id', type: 'uuid' })
  orderId: string;

  /** The designer's organisation. */
  @Column({ name: 'organization_id', type: 'uuid' })
  organizationId: string;

  @Column({ type: 'text' })
  mode: AwardMode;

  @Column({ type: 'text' })
  status: SourcingJobStatus;

  @Column({ type: 'char', length: 3 })
  currency: string;

  @Column({ name: 'gross_minor', type: 'bigint', transformer: bigintAsNumber })
  grossMinor: number;

  @Column({ name: 'payout_minor', type: 'bigint', transformer: bigintAsNumber })
  payoutMinor: number;

  @Column({ type: 'text' })
  process: string;

  @Column({ type: 'text' })
  material: string;

  @Column({ name: 'due_date', type: 'timestamptz' })
  dueDate: Date;

  /** Sealed-bid RFQ: bids are taken until then. */
  @Column({ name: 'bid_deadline', type: 'timestamptz', nullable: true })
  bidDeadline: Date | null;

  /** Sealed-bid RFQ: when bidding closed (the close job ran). */
  @Column({ name: 'bidding_closed_at', type: 'timestamptz', nullable: true })
  biddingClosedAt: Date | null;

  /** Sealed-bid RFQ: the designer picks until then, then the platform awards the best-scored bid. */
  @Column({ name: 'pick_deadline', type: 'timestamptz', nullable: true })
  pickDeadline: Date | null;

  @Column({ name: 'stalled_reason', type: 'text', nullable: true })
  stalledReason: string | null;

  @Column({ name: 'created_at', type: 'timestamptz', insert: false, update: false })
  createdAt: Date;
}
