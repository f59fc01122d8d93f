import { Field, Float, ID, ObjectType, registerEnumType } from '@nestjs/graphql';
import { Column, Entity, PrimaryGeneratedColumn } from 'typeorm';
import type { ChargebackStatus } from '../payment-state';
import { bigintAsNumber } from './columns';

export enum ChargebackStatusEnum {
  warning_needs_response = 'warning_needs_response',
  warning_under_review = 'warning_under_review',
  warning_closed = 'warning_closed',
  needs_response = 'needs_response',
  under_review = 'under_review',
  won = 'won',
  lost = 'lost',
}
registerEnumType(ChargebackStatusEnum, { name: 'ChargebackStatus', description: "Stripe's dispute states" });

/** A card-network dispute (Stripe Dispute) on an order's charge. While open, the order's escrow is frozen. */
@ObjectType()
@Entity({ name: 'chargebacks' })
export class Chargeback {
  @Field(() => ID)
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Column({ name: 'payment_id', type: 'uuid' })
  paymentId: string;

  @Field(() => ID)
  @Column({ name: 'order_id', type: 'uuid' })
  orderId: string;

  @Field(() => String)
  @Column({ name: 'stripe_dispute_id', type: 'text' })
  stripeDisputeId: string;

  @Field(() => Float)
  @Column({ name: 'amount_minor', type: 'bigint', transformer: bigintAsNumber })
  amountMinor: number;

  @Field(() => String)
  @Column({ type: 'char', length: 3 })
  currency: string;

  @Field(() => String)
  @Column({ type: 'text' })
  reason: string;

  @Field(() => ChargebackStatusEnum)
  @Column({ type: 'text' })
  status: ChargebackStatus;

  @Field(() => Date, { nullable: true })
  @Column({ name: 'evidence_due_by', type: 'timestamptz', nullable: true })
  evidenceDueBy: Date | null;

  @Field(() => Date, { nullable: true })
  @Column({ name: 'evidence_submitted_at', type: 'timestamptz', nullable: true })
  evidenceSubmittedAt: Date | null;

  @Field(() => Date)
  @Column({ name: 'created_at', type: 'timestamptz', insert: false, update: false })
  createdAt: Date;
}
