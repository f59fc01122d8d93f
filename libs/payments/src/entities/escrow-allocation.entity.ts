import { Field, Float, ID, ObjectType, registerEnumType } from '@nestjs/graphql';
import { Column, Entity, PrimaryGeneratedColumn } from 'typeorm';
import type { AllocationStatus } from '../payment-state';
import { bigintAsNumber } from './columns';

export enum AllocationStatusEnum {
  held = 'held',
  delivered = 'delivered',
  disputed = 'disputed',
  released = 'released',
  refunded = 'refunded',
  split = 'split',
}
registerEnumType(AllocationStatusEnum, { name: 'EscrowAllocationStatus' });

/** One factory's share of an order's escrow: `grossMinor` of the designer's payment, `payoutMinor` of it to the factory. */
@ObjectType()
@Entity({ name: 'escrow_allocations' })
export class EscrowAllocation {
  @Field(() => ID)
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Column({ name: 'payment_id', type: 'uuid' })
  paymentId: string;

  @Field(() => ID)
  @Column({ name: 'order_id', type: 'uuid' })
  orderId: string;

  @Field(() => String, { description: 'The orders context’s key for this share (e.g. the award id)' })
  @Column({ name: 'allocation_key', type: 'text' })
  allocationKey: string;

  @Field(() => ID)
  @Column({ name: 'factory_organization_id', type: 'uuid' })
  factoryOrganizationId: string;

  @Field(() => String)
  @Column({ type: 'char', length: 3 })
  currency: string;

  @Field(() => Float)
  @Column({ name: 'gross_minor', type: 'bigint', transformer: bigintAsNumber })
  grossMinor: number;

  @Field(() => Float)
  @Column({ name: 'payout_minor', type: 'bigint', transformer: bigintAsNumber })
  payoutMinor: number;

  @Field(() => Boolean)
  @Column({ name: 'inspection_required', type: 'boolean' })
  inspectionRequired: boolean;

  @Field(() => Date, { nullable: true })
  @Column({ name: 'inspection_evidence_at', type: 'timestamptz', nullable: true })
  inspectionEvidenceAt: Date | null;

  @Field(() => Date, { nullable: true })
  @Column({ name: 'delivered_at', type: 'timestamptz', nullable: true })
  deliveredAt: Date | null;

  @Field(() => Date, { nullable: true })
  @Column({ name: 'auto_release_at', type: 'timestamptz', nullable: true })
  autoReleaseAt: Date | null;

  @Field(() => Date, { nullable: true })
  @Column({ name: 'accepted_at', type: 'timestamptz', nullable: true })
  acceptedAt: Date | null;

  @Field(() => AllocationStatusEnum)
  @Column({ type: 'text' })
  status: AllocationStatus;

  @Field(() => Float)
  @Column({ name: 'released_gross_minor', type: 'bigint', transformer: bigintAsNumber })
  releasedGrossMinor: number;

  @Field(() => Float)
  @Column({ name: 'released_payout_minor', type: 'bigint', transformer: bigintAsNumber })
  releasedPayoutMinor: number;

  @Column({ name: 'settled_at', type: 'timestamptz', nullable: true })
  settledAt: Date | null;

  @Field(() => Date)
  @Column({ name: 'created_at', type: 'timestamptz', insert: false, update: false })
  createdAt: Date;

  @Column({ name: 'updated_at', type: 'timestamptz', insert: false })
  updatedAt: Date;
}
