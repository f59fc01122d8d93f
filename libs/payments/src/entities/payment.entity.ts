import { Field, Float, ID, ObjectType, registerEnumType } from '@nestjs/graphql';
import { Column, Entity, PrimaryGeneratedColumn } from 'typeorm';
import type { PaymentStatus } from '../payment-state';
import { bigintAsNumber } from './columns';

export enum PaymentStatusEnum {
  requires_payment = 'requires_payment',
  failed = 'failed',
  succeeded = 'succeeded',
  canceled = 'canceled',
}
registerEnumType(PaymentStatusEnum, { name: 'PaymentStatus', description: 'requires_payment → succeeded | failed (payable again) | canceled' });

/** The designer's payment for one order: one PaymentIntent, captured at checkout, held in escrow. */
@ObjectType('OrderPayment')
@Entity({ name: 'payments' })
export class Payment {
  @Field(() => ID)
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Field(() => ID)
  @Column({ name: 'order_id', type: 'uuid' })
  orderId: string;

  @Column({ name: 'designer_organization_id', type: 'uuid' })
  designerOrganizationId: string;

  @Field(() => Float, { description: 'Integer minor units' })
  @Column({ name: 'amount_minor', type: 'bigint', transformer: bigintAsNumber })
  amountMinor: number;

  @Field(() => String, { description: 'ISO 4217' })
  @Column({ type: 'char', length: 3 })
  currency: string;

  @Field(() => PaymentStatusEnum)
  @Column({ type: 'text' })
  status: PaymentStatus;

  @Column({ name: 'idempotency_key', type: 'text' })
  idempotencyKey: string;

  @Field(() => String, { nullable: true })
  @Column({ name: 'stripe_payment_intent_id', type: 'text', nullable: true })
  stripePaymentIntentId: string | null;

  @Column({ name: 'stripe_charge_id', type: 'text', nullable: true })
  stripeChargeId: string | null;

  @Column({ name: 'client_secret', type: 'text', nullable: true })
  clientSecret: string | null;

  @Field(() => String, { nullable: true })
  @Column({ name: 'failure_message', type: 'text', nullable: true })
  failureMessage: string | null;

  @Field(() => Date, { nullable: true })
  @Column({ name: 'succeeded_at', type: 'timestamptz', nullable: true })
  succeededAt: Date | null;

  @Field(() => Date)
  @Column({ name: 'created_at', type: 'timestamptz', insert: false, update: false })
  createdAt: Date;

  @Column({ name: 'updated_at', type: 'timestamptz', insert: false })
  updatedAt: Date;
}
