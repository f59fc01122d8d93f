import { Field, Float, ID, ObjectType, registerEnumType } from '@nestjs/graphql';
import { Column, Entity, PrimaryGeneratedColumn } from 'typeorm';
import type { TransferStatus } from '../payment-state';
import { bigintAsNumber } from './columns';

export enum TransferStatusEnum {
  pending = 'pending',
  created = 'created',
  partially_reversed = 'partially_reversed',
  reversed = 'reversed',
  failed = 'failed',
}
registerEnumType(TransferStatusEnum, { name: 'FactoryTransferStatus' });

/** Money sent to a factory's connected account (a Stripe Transfer with source_transaction = the charge). */
@ObjectType()
@Entity({ name: 'factory_transfers' })
export class FactoryTransfer {
  @Field(() => ID)
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Column({ name: 'allocation_id', type: 'uuid' })
  allocationId: string;

  @Column({ name: 'payment_id', type: 'uuid' })
  paymentId: string;

  @Field(() => ID)
  @Column({ name: 'order_id', type: 'uuid' })
  orderId: string;

  @Field(() => ID)
  @Column({ name: 'factory_organization_id', type: 'uuid' })
  factoryOrganizationId: string;

  @Field(() => Float)
  @Column({ name: 'amount_minor', type: 'bigint', transformer: bigintAsNumber })
  amountMinor: number;

  @Field(() => String)
  @Column({ type: 'char', length: 3 })
  currency: string;

  @Column({ name: 'idempotency_key', type: 'text' })
  idempotencyKey: string;

  @Field(() => String, { nullable: true })
  @Column({ name: 'stripe_transfer_id', type: 'text', nullable: true })
  stripeTransferId: string | null;

  @Column({ name: 'destination_account_id', type: 'text', nullable: true })
  destinationAccountId: string | null;

  @Field(() => TransferStatusEnum)
  @Column({ type: 'text' })
  status: TransferStatus;

  @Field(() => Float)
  @Column({ name: 'reversed_minor', type: 'bigint', transformer: bigintAsNumber })
  reversedMinor: number;

  @Column({ type: 'integer' })
  attempts: number;

  @Field(() => String, { nullable: true })
  @Column({ name: 'last_error', type: 'text', nullable: true })
  lastError: string | null;

  @Field(() => Date)
  @Column({ name: 'created_at', type: 'timestamptz', insert: false, update: false })
  createdAt: Date;

  @Column({ name: 'updated_at', type: 'timestamptz', insert: false })
  updatedAt: Date;
}
