import { Field, Float, ID, InputType, Int, ObjectType } from '@nestjs/graphql';
import { bigintAsNumber } from '@partsmith/orders';
import { DisputeResolutionEnum } from '@partsmith/payments';
import { Column, Entity, PrimaryColumn } from 'typeorm';

/** One measurement the designer took of a disputed part (millimetres). */
@ObjectType()
@InputType('DisputeMeasurementInput')
export class DisputeMeasurement {
  @Field(() => String, { description: 'The feature measured, e.g. "bore Ø12 H7"' })
  feature: string;

  @Field(() => Float, { description: 'The drawing’s nominal size (mm)' })
  nominalMm: number;

  @Field(() => Float, { description: 'What the designer measured (mm)' })
  measuredMm: number;

  @Field(() => Float, { nullable: true, description: 'The allowed deviation either side (mm), when the drawing gives one' })
  toleranceMm?: number | null;
}

/**
 * The production side of a delivery dispute (its id is payments' delivery dispute id): the designer's
 * measurements, the factory's response, and the operator's written decision with the money it moved.
 * Both sides and operators read it.
 */
@ObjectType()
@Entity({ name: 'job_line_disputes' })
export class JobLineDispute {
  @Field(() => ID, { description: 'The delivery dispute id (payments)' })
  @PrimaryColumn({ name: 'delivery_dispute_id', type: 'uuid' })
  id: string;

  @Field(() => ID)
  @Column({ name: 'job_line_id', type: 'uuid' })
  jobLineId: string;

  @Field(() => [DisputeMeasurement])
  @Column({ type: 'jsonb' })
  measurements: DisputeMeasurement[];

  @Field(() => String, { nullable: true, description: 'The factory’s answer' })
  @Column({ name: 'factory_response', type: 'text', nullable: true })
  factoryResponse: string | null;

  @Field(() => Date, { nullable: true })
  @Column({ name: 'responded_at', type: 'timestamptz', nullable: true })
  respondedAt: Date | null;

  @Column({ name: 'responded_by', type: 'uuid', nullable: true })
  respondedBy: string | null;

  @Field(() => DisputeResolutionEnum, { nullable: true })
  @Column({ type: 'text', nullable: true })
  resolution: DisputeResolutionEnum | null;

  @Field(() => String, { nullable: true, description: 'The operator’s written decision, shown to both sides' })
  @Column({ type: 'text', nullable: true })
  decision: string | null;

  @Field(() => Int, { nullable: true, description: 'The factory’s share of its payout (percent)' })
  @Column({ name: 'factory_percent', type: 'integer', nullable: true })
  factoryPercent: number | null;

  @Field(() => Float, { nullable: true, description: 'Refunded to the designer (minor units)' })
  @Column({ name: 'refund_minor', type: 'bigint', nullable: true, transformer: bigintAsNumber })
  refundMinor: number | null;

  @Field(() => Float, { nullable: true, description: 'Paid to the factory (minor units)' })
  @Column({ name: 'factory_payout_minor', type: 'bigint', nullable: true, transformer: bigintAsNumber })
  factoryPayoutMinor: number | null;

  @Column({ name: 'decided_by', type: 'uuid', nullable: true })
  decidedBy: string | null;

  @Field(() => Date, { nullable: true })
  @Column({ name: 'decided_at', type: 'timestamptz', nullable: true })
  decidedAt: Date | null;

  @Field(() => Date)
  @Column({ name: 'created_at', type: 'timestamptz', insert: false, update: false })
  createdAt: Date;
}
