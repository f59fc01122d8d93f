import { Field, ID, Int, ObjectType, registerEnumType } from '@nestjs/graphql';
import { Column, Entity, PrimaryGeneratedColumn } from 'typeorm';
import type { DeliveryDisputeStatus } from '../payment-state';

export enum DisputeResolutionEnum {
  release = 'release',
  refund = 'refund',
  split = 'split',
}
registerEnumType(DisputeResolutionEnum, { name: 'DeliveryDisputeResolution', description: 'release to the factory, refund the designer, or split by percentage' });

/** A designer–factory disagreement about a delivery; an operator resolves it. Freezes the allocation's release. */
@ObjectType()
@Entity({ name: 'delivery_disputes' })
export class DeliveryDispute {
  @Field(() => ID)
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Field(() => ID)
  @Column({ name: 'allocation_id', type: 'uuid' })
  allocationId: string;

  @Field(() => ID)
  @Column({ name: 'order_id', type: 'uuid' })
  orderId: string;

  @Column({ name: 'opened_by_organization_id', type: 'uuid' })
  openedByOrganizationId: string;

  @Field(() => String)
  @Column({ type: 'text' })
  reason: string;

  @Field(() => String)
  @Column({ type: 'text' })
  status: DeliveryDisputeStatus;

  @Field(() => DisputeResolutionEnum, { nullable: true })
  @Column({ type: 'text', nullable: true })
  resolution: DisputeResolutionEnum | null;

  @Field(() => Int, { nullable: true, description: "The factory's share of its payout, for a split" })
  @Column({ name: 'factory_percent', type: 'integer', nullable: true })
  factoryPercent: number | null;

  @Column({ name: 'resolved_by', type: 'uuid', nullable: true })
  resolvedBy: string | null;

  @Field(() => Date, { nullable: true })
  @Column({ name: 'resolved_at', type: 'timestamptz', nullable: true })
  resolvedAt: Date | null;

  @Field(() => Date)
  @Column({ name: 'created_at', type: 'timestamptz', insert: false, update: false })
  createdAt: Date;
}
