import { Field, Float, ID, ObjectType } from '@nestjs/graphql';
import { bigintAsNumber } from '@partsmith/orders';
import { Column, Entity, PrimaryColumn } from 'typeorm';

/** An operator's cancellation of a job line after award, and the money it decided. */
@ObjectType()
@Entity({ name: 'job_line_cancellations' })
export class JobLineCancellation {
  @Field(() => ID)
  @PrimaryColumn({ name: 'job_line_id', type: 'uuid' })
  jobLineId: string;

  @Field(() => String)
  @Column({ type: 'text' })
  reason: string;

  @Field(() => Float, { description: 'Paid to the factory for work already done (minor units)' })
  @Column({ name: 'compensation_minor', type: 'bigint', transformer: bigintAsNumber })
  compensationMinor: number;

  @Field(() => Float, { description: 'Refunded to the designer (minor units)' })
  @Column({ name: 'refund_minor', type: 'bigint', transformer: bigintAsNumber })
  refundMinor: number;

  @Field(() => String)
  @Column({ type: 'text' })
  currency: string;

  @Column({ name: 'cancelled_by', type: 'uuid', nullable: true })
  cancelledBy: string | null;

  @Field(() => Date)
  @Column({ name: 'created_at', type: 'timestamptz', insert: false, update: false })
  createdAt: Date;
}
