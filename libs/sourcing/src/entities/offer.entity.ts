import { Field, Float, ID, ObjectType } from '@nestjs/graphql';
import { Column, Entity, PrimaryGeneratedColumn } from 'typeorm';
import { OfferStatus } from '../offer-state';
import { bigintAsNumber } from './columns';

/** A fixed-price offer of one job line to one factory, with a deadline; the factory may counter. */
@ObjectType()
@Entity({ name: 'offers' })
export class Offer {
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

  @Field(() => OfferStatus)
  @Column({ type: 'text' })
  status: OfferStatus;

  @Field(() => Float, { description: 'The payout price offered, minor units' })
  @Column({ name: 'price_minor', type: 'bigint', transformer: bigintAsNumber })
  priceMinor: number;

  @Field(() => String)
  @Column({ type: 'char', length: 3 })
  currency: string;

  @Field(() => Date, { description: 'The ship-by date asked for (the job line’s due date)' })
  @Column({ name: 'ship_by', type: 'timestamptz' })
  shipBy: Date;

  @Field(() => Date, { description: 'Open: the factory’s deadline to answer. Countered: the designer’s deadline to decide' })
  @Column({ name: 'expires_at', type: 'timestamptz' })
  expiresAt: Date;

  @Field(() => Float, { nullable: true })
  @Column({ name: 'counter_price_minor', type: 'bigint', nullable: true, transformer: bigintAsNumber })
  counterPriceMinor: number | null;

  @Field(() => Date, { nullable: true })
  @Column({ name: 'counter_ship_by', type: 'timestamptz', nullable: true })
  counterShipBy: Date | null;

  @Field(() => String, { nullable: true })
  @Column({ name: 'counter_note', type: 'text', nullable: true })
  counterNote: string | null;

  @Field(() => String, { description: 'cascade (the next-best factory), batch (batch assignment) or split (a part of a split line)' })
  @Column({ type: 'text', insert: false })
  source: string;

  @Column({ name: 'responded_by', type: 'uuid', nullable: true })
  respondedBy: string | null;

  @Field(() => Date, { nullable: true })
  @Column({ name: 'responded_at', type: 'timestamptz', nullable: true })
  respondedAt: Date | null;

  @Field(() => String, { nullable: true })
  @Column({ name: 'decline_reason', type: 'text', nullable: true })
  declineReason: string | null;

  @Field(() => Date)
  @Column({ name: 'created_at', type: 'timestamptz', insert: false, update: false })
  createdAt: Date;
}
