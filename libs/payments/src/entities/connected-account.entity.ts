import { Field, ID, ObjectType, registerEnumType } from '@nestjs/graphql';
import { Column, Entity, PrimaryGeneratedColumn } from 'typeorm';

export enum CapabilityStatusEnum {
  inactive = 'inactive',
  pending = 'pending',
  active = 'active',
}
registerEnumType(CapabilityStatusEnum, { name: 'CapabilityStatus' });

/** A factory's Stripe connected account (the platform owns fees and losses; Express dashboard). */
@ObjectType('FactoryPaymentAccount')
@Entity({ name: 'payment_connected_accounts' })
export class ConnectedAccount {
  @Field(() => ID)
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Field(() => ID)
  @Column({ name: 'organization_id', type: 'uuid' })
  organizationId: string;

  @Column({ name: 'idempotency_key', type: 'text' })
  idempotencyKey: string;

  @Field(() => String, { nullable: true })
  @Column({ name: 'stripe_account_id', type: 'text', nullable: true })
  stripeAccountId: string | null;

  @Field(() => CapabilityStatusEnum, { description: 'Awards go only to factories whose transfers capability is active' })
  @Column({ name: 'transfers_capability', type: 'text' })
  transfersCapability: CapabilityStatusEnum;

  @Field(() => Boolean)
  @Column({ name: 'details_submitted', type: 'boolean' })
  detailsSubmitted: boolean;

  @Field(() => Boolean)
  @Column({ name: 'payouts_enabled', type: 'boolean' })
  payoutsEnabled: boolean;

  @Column({ name: 'synced_at', type: 'timestamptz', nullable: true })
  syncedAt: Date | null;

  @Field(() => Date)
  @Column({ name: 'created_at', type: 'timestamptz', insert: false, update: false })
  createdAt: Date;
}
