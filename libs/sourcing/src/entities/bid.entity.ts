import { Field, Float, ID, Int, ObjectType, registerEnumType } from '@nestjs/graphql';
import { Column, Entity, PrimaryGeneratedColumn } from 'typeorm';
import { bigintAsNumber } from './columns';

export enum BidStatus {
  active = 'active',
  withdrawn = 'withdrawn',
  won = 'won',
  lost = 'lost',
  ineligible = 'ineligible',
}
registerEnumType(BidStatus, {
  name: 'BidStatus',
  description: 'active (editable until the deadline) | withdrawn (may bid again before the deadline) → at award: won | lost; ineligible when the factory was no longer eligible (or could not receive payouts) at close',
});

/** A factory's sealed bid on a job line: price, lead time and a note. No factory ever sees another's. */
@ObjectType()
@Entity({ name: 'bids' })
export class Bid {
  @Field(() => ID)
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Field(() => ID)
  @Column({ name: 'job_line_id', type: 'uuid' })
  jobLineId: string;

  @Field(() => ID)
  @Column({ name: 'factory_id', type: 'uuid' })
  factoryId: string;

  /** The factory's organisation. */
  @Column({ name: 'organization_id', type: 'uuid' })
  organizationId: string;

  @Field(() => BidStatus)
  @Column({ type: 'text' })
  status: BidStatus;

  @Field(() => Float, { description: 'What the factory asks to be paid, minor units' })
  @Column({ name: 'price_minor', type: 'bigint', transformer: bigintAsNumber })
  priceMinor: number;

  @Field(() => String)
  @Column({ type: 'char', length: 3 })
  currency: string;

  @Field(() => Int, { description: 'Calendar days from award to shipping' })
  @Column({ name: 'lead_time_days', type: 'integer' })
  leadTimeDays: number;

  @Field(() => String, { nullable: true })
  @Column({ type: 'text', nullable: true })
  note: string | null;

  @Field(() => Float, { nullable: true, description: 'The platform score at close (minor units, lower is better; see the README)' })
  @Column({ type: 'bigint', nullable: true, transformer: bigintAsNumber })
  score: number | null;

  @Field(() => Int, { nullable: true, description: 'Rank by score at close (1 = the platform’s award if the designer does not pick)' })
  @Column({ type: 'integer', nullable: true })
  rank: number | null;

  @Column({ name: 'placed_by', type: 'uuid' })
  placedBy: string;

  @Field(() => Date)
  @Column({ name: 'created_at', type: 'timestamptz', insert: false, update: false })
  createdAt: Date;

  @Field(() => Date)
  @Column({ name: 'updated_at', type: 'timestamptz', insert: false })
  updatedAt: Date;
}
