import { Field, Float, ID, ObjectType } from '@nestjs/graphql';
import { Column, Entity, PrimaryGeneratedColumn } from 'typeorm';
import { bigintAsNumber } from './columns';

/** A Stripe payout from a factory's connected account to its bank (seen through Connect webhooks). */
@ObjectType('FactoryBankPayout')
@Entity({ name: 'factory_payouts' })
export class FactoryPayout {
  @Field(() => ID)
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Field(() => String)
  @Column({ name: 'stripe_payout_id', type: 'text' })
  stripePayoutId: string;

  @Column({ name: 'stripe_account_id', type: 'text' })
  stripeAccountId: string;

  @Column({ name: 'organization_id', type: 'uuid', nullable: true })
  organizationId: string | null;

  @Field(() => Float)
  @Column({ name: 'amount_minor', type: 'bigint', transformer: bigintAsNumber })
  amountMinor: number;

  @Field(() => String)
  @Column({ type: 'char', length: 3 })
  currency: string;

  @Field(() => String, { description: 'pending, in_transit, paid, failed or canceled' })
  @Column({ type: 'text' })
  status: string;

  @Field(() => Date, { nullable: true })
  @Column({ name: 'arrival_date', type: 'timestamptz', nullable: true })
  arrivalDate: Date | null;

  @Field(() => String, { nullable: true })
  @Column({ name: 'failure_message', type: 'text', nullable: true })
  failureMessage: string | null;

  @Field(() => Date)
  @Column({ name: 'created_at', type: 'timestamptz', insert: false, update: false })
  createdAt: Date;
}
