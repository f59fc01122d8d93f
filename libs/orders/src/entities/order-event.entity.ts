import { Field, ID, ObjectType } from '@nestjs/graphql';
import { Column, Entity, PrimaryGeneratedColumn } from 'typeorm';

/** One status change of an order or of one of its job lines (append-only). */
@ObjectType('OrderHistoryEntry')
@Entity({ name: 'order_events' })
export class OrderEvent {
  @Field(() => ID)
  @PrimaryGeneratedColumn({ type: 'bigint' })
  id: string;

  @Column({ name: 'order_id', type: 'uuid' })
  orderId: string;

  @Field(() => ID, { nullable: true, description: 'Set when the change is a job line’s; null for the order itself' })
  @Column({ name: 'job_line_id', type: 'uuid', nullable: true })
  jobLineId: string | null;

  @Field(() => String, { nullable: true, description: 'null when the order or job line was created' })
  @Column({ name: 'from_status', type: 'text', nullable: true })
  fromStatus: string | null;

  @Field(() => String)
  @Column({ name: 'to_status', type: 'text' })
  toStatus: string;

  @Field(() => ID, { nullable: true, description: 'null for the system (payment webhooks, jobs)' })
  @Column({ name: 'actor_user_id', type: 'uuid', nullable: true })
  actorUserId: string | null;

  @Field(() => String, { nullable: true })
  @Column({ name: 'actor_role', type: 'text', nullable: true })
  actorRole: string | null;

  @Field(() => String, { nullable: true })
  @Column({ type: 'text', nullable: true })
  reason: string | null;

  @Field(() => Date)
  @Column({ type: 'timestamptz', insert: false, update: false })
  at: Date;
}
