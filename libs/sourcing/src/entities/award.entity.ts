import { Field, Float, ID, ObjectType } from '@nestjs/graphql';
import { Column, Entity, PrimaryGeneratedColumn } from 'typeorm';
import { AwardMode } from '../offer-state';
import { bigintAsNumber } from './columns';

/** The one factory a job line went to. At most one active award per job line (awards_one_per_job_line_idx). */
@ObjectType()
@Entity({ name: 'awards' })
export class Award {
  @Field(() => ID)
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Field(() => ID)
  @Column({ name: 'job_line_id', type: 'uuid' })
  jobLineId: string;

  @Field(() => ID)
  @Column({ name: 'order_id', type: 'uuid' })
  orderId: string;

  @Field(() => ID)
  @Column({ name: 'factory_id', type: 'uuid' })
  factoryId: string;

  /** The factory's organisation. */
  @Column({ name: 'organization_id', type: 'uuid' })
  organizationId: string;

  @Field(() => ID, { nullable: true })
  @Column({ name: 'offer_id', type: 'uuid', nullable: true })
  offerId: string | null;

  @Field(() => AwardMode)
  @Column({ type: 'text' })
  mode: AwardMode;

  @Column({ type: 'text' })
  status: 'active' | 'revoked';

  @Field(() => Float, { description: 'What the factory is paid, minor units' })
  @Column({ name: 'payout_minor', type: 'bigint', transformer: bigintAsNumber })
  payoutMinor: number;

  @Column({ name: 'gross_minor', type: 'bigint', transformer: bigintAsNumber })
  grossMinor: number;

  @Field(() => String)
  @Column({ type: 'char', length: 3 })
  currency: string;

  @Field(() => Date)
  @Column({ name: 'ship_by', type: 'timestamptz' })
  shipBy: Date;

  @Field(() => String, { nullable: true })
  @Column({ name: 'nda_version', type: 'text', nullable: true })
  ndaVersion: string | null;

  @Field(() => Date, { nullable: true, description: 'When the factory accepted the NDA (the CAD file is downloadable from then on)' })
  @Column({ name: 'nda_accepted_at', type: 'timestamptz', nullable: true })
  ndaAcceptedAt: Date | null;

  @Field(() => ID, { nullable: true })
  @Column({ name: 'nda_accepted_by', type: 'uuid', nullable: true })
  ndaAcceptedBy: string | null;

  @Field(() => Date)
  @Column({ name: 'created_at', type: 'timestamptz', insert: false, update: false })
  createdAt: Date;
}
