import { Field, ID, Int, ObjectType } from '@nestjs/graphql';
import { Column, Entity, PrimaryColumn, PrimaryGeneratedColumn } from 'typeorm';

export type WebhookDeliveryStatus = 'pending' | 'succeeded' | 'failed' | 'cancelled';

/** One event sent to one subscription, with however many attempts it took. */
@ObjectType()
@Entity({ name: 'webhook_deliveries' })
export class WebhookDelivery {
  @Field(() => ID, { description: 'Also the payload id: the same across retries, so receivers can drop duplicates' })
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Field(() => ID)
  @Column({ name: 'subscription_id', type: 'uuid' })
  subscriptionId: string;

  @Column({ name: 'organization_id', type: 'uuid' })
  organizationId: string;

  @Column({ name: 'event_key', type: 'text' })
  eventKey: string;

  @Field(() => String)
  @Column({ name: 'event_type', type: 'text' })
  eventType: string;

  @Column({ type: 'jsonb' })
  payload: Record<string, unknown>;

  @Field(() => String, { description: 'pending (more attempts to come) | succeeded | failed (gave up) | cancelled (subscription disabled or deleted)' })
  @Column({ type: 'text' })
  status: WebhookDeliveryStatus;

  @Field(() => Int)
  @Column({ type: 'integer' })
  attempts: number;

  @Field(() => Int, { nullable: true })
  @Column({ name: 'last_status_code', type: 'integer', nullable: true })
  lastStatusCode: number | null;

  @Field(() => String, { nullable: true })
  @Column({ name: 'last_error', type: 'text', nullable: true })
  lastError: string | null;

  @Field(() => Date, { nullable: true })
  @Column({ name: 'next_attempt_at', type: 'timestamptz', nullable: true })
  nextAttemptAt: Date | null;

  @Field(() => Date, { nullable: true })
  @Column({ name: 'delivered_at', type: 'timestamptz', nullable: true })
  deliveredAt: Date | null;

  @Field(() => Date)
  @Column({ name: 'created_at', type: 'timestamptz', insert: false, update: false })
  createdAt: Date;
}

@ObjectType()
@Entity({ name: 'webhook_delivery_attempts' })
export class WebhookDeliveryAttempt {
  @PrimaryColumn({ name: 'delivery_id', type: 'uuid' })
  deliveryId: string;

  @Field(() => Int)
  @PrimaryColumn({ type: 'integer' })
  attempt: number;

  @Field(() => Int, { nullable: true, description: 'The HTTP status the endpoint answered; null when it did not answer' })
  @Column({ name: 'status_code', type: 'integer', nullable: true })
  statusCode: number | null;

  @Field(() => String, { nullable: true })
  @Column({ type: 'text', nullable: true })
  error: string | null;

  @Field(() => Int)
  @Column({ name: 'duration_ms', type: 'integer' })
  durationMs: number;

  @Field(() => Date)
  @Column({ name: 'attempted_at', type: 'timestamptz', insert: false, update: false })
  attemptedAt: Date;
}
