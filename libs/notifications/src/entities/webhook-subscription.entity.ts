import { Field, ID, Int, ObjectType } from '@nestjs/graphql';
import { Column, Entity, PrimaryGeneratedColumn } from 'typeorm';

/** An organisation's endpoint that receives signed event deliveries. */
@ObjectType()
@Entity({ name: 'webhook_subscriptions' })
export class WebhookSubscription {
  @Field(() => ID)
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Column({ name: 'organization_id', type: 'uuid' })
  organizationId: string;

  @Field(() => String)
  @Column({ type: 'text' })
  url: string;

  @Field(() => [String])
  @Column({ name: 'event_types', type: 'text', array: true })
  eventTypes: string[];

  /** HMAC key of the signatures; shown once, when the subscription is created. */
  @Column({ type: 'text' })
  secret: string;

  @Column({ name: 'created_by', type: 'uuid' })
  createdBy: string;

  @Field(() => Int, { description: 'Failed attempts in a row; the subscription is disabled at WEBHOOK_DISABLE_AFTER_FAILURES' })
  @Column({ name: 'consecutive_failures', type: 'integer', default: 0 })
  consecutiveFailures: number;

  @Field(() => Date, { nullable: true, description: 'Set when deliveries stopped (too many failures); enableWebhookSubscription resumes' })
  @Column({ name: 'disabled_at', type: 'timestamptz', nullable: true })
  disabledAt: Date | null;

  @Field(() => String, { nullable: true })
  @Column({ name: 'disabled_reason', type: 'text', nullable: true })
  disabledReason: string | null;

  @Field(() => Date)
  @Column({ name: 'created_at', type: 'timestamptz', insert: false, update: false })
  createdAt: Date;

  @Column({ name: 'deleted_at', type: 'timestamptz', nullable: true })
  deletedAt: Date | null;
}
