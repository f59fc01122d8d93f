import { Field, Float, ID, ObjectType } from '@nestjs/graphql';
import { CertificateKindEnum } from '@partsmith/factories';
import { PreviewLevel } from '@partsmith/parts';
import { Column, Entity, PrimaryGeneratedColumn } from 'typeorm';
import { OrderStatus } from '../order-state';
import { bigintAsNumber } from './columns';

@ObjectType()
export class ShippingAddress {
  @Field(() => String) name: string;
  @Field(() => String) line1: string;
  @Field(() => String, { nullable: true }) line2?: string | null;
  @Field(() => String) city: string;
  @Field(() => String) postalCode: string;
  @Field(() => String, { nullable: true }) region?: string | null;
  @Field(() => String, { description: 'ISO 3166-1 alpha-2' }) country: string;
}

/** A designer organisation's order: one or more lines, each an ordered quote. Totals come from the quotes. */
@ObjectType()
@Entity({ name: 'orders' })
export class Order {
  @Field(() => ID)
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Field(() => ID, { description: 'The designer organisation that placed it' })
  @Column({ name: 'organization_id', type: 'uuid' })
  organizationId: string;

  @Column({ name: 'placed_by', type: 'uuid' })
  placedBy: string;

  @Field(() => OrderStatus)
  @Column({ type: 'text' })
  status: OrderStatus;

  @Field(() => String, { description: 'ISO 4217; every line has this currency' })
  @Column({ type: 'char', length: 3 })
  currency: string;

  @Field(() => Float, { description: 'Sum of the lines, integer minor units' })
  @Column({ name: 'subtotal_minor', type: 'bigint', transformer: bigintAsNumber })
  subtotalMinor: number;

  @Field(() => Float, { description: 'What the designer pays, integer minor units (the subtotal: shipping and taxes are in the quoted prices)' })
  @Column({ name: 'total_minor', type: 'bigint', transformer: bigintAsNumber })
  totalMinor: number;

  @Field(() => ShippingAddress)
  @Column({ name: 'shipping_address', type: 'jsonb' })
  shippingAddress: ShippingAddress;

  @Field(() => [CertificateKindEnum])
  @Column({ name: 'required_certificates', type: 'text', array: true })
  requiredCertificates: CertificateKindEnum[];

  @Field(() => String, { nullable: true, description: 'Inspection level asked at checkout (each line keeps its quoted level otherwise)' })
  @Column({ name: 'inspection_level', type: 'text', nullable: true })
  inspectionLevel: string | null;

  @Field(() => Boolean)
  @Column({ name: 'export_controlled', type: 'boolean' })
  exportControlled: boolean;

  @Field(() => Boolean, { description: 'Whether a line may be split across several factories' })
  @Column({ name: 'allow_splitting', type: 'boolean' })
  allowSplitting: boolean;

  @Field(() => PreviewLevel, { description: 'What eligible factories may see of the parts before award' })
  @Column({ name: 'preview_level', type: 'text' })
  previewLevelBeforeAward: PreviewLevel;

  @Field(() => String, { nullable: true })
  @Column({ name: 'cancel_reason', type: 'text', nullable: true })
  cancelReason: string | null;

  @Field(() => Date)
  @Column({ name: 'created_at', type: 'timestamptz', insert: false, update: false })
  createdAt: Date;

  @Field(() => Date, { nullable: true })
  @Column({ name: 'paid_at', type: 'timestamptz', nullable: true })
  paidAt: Date | null;

  @Field(() => Date, { nullable: true })
  @Column({ name: 'cancelled_at', type: 'timestamptz', nullable: true })
  cancelledAt: Date | null;
}
