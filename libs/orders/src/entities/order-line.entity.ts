import { Field, Float, ID, Int, ObjectType } from '@nestjs/graphql';
import { Column, Entity, PrimaryGeneratedColumn } from 'typeorm';
import { bigintAsNumber } from './columns';

/** The quote's configuration as it was ordered (the quote itself is immutable from then on). */
@ObjectType('OrderLineConfiguration')
export class LineConfiguration {
  @Field(() => String) process: string;
  @Field(() => String) material: string;
  @Field(() => String) finish: string;
  @Field(() => String) tolerance: string;
  @Field(() => String) inspection: string;
  @Field(() => String) leadTier: string;
  @Field(() => String, { description: 'Catalog version the price was computed with' }) catalogVersion: string;
}

@ObjectType()
@Entity({ name: 'order_lines' })
export class OrderLine {
  @Field(() => ID)
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Column({ name: 'order_id', type: 'uuid' })
  orderId: string;

  @Field(() => Int)
  @Column({ name: 'line_number', type: 'integer' })
  lineNumber: number;

  @Field(() => ID)
  @Column({ name: 'quote_id', type: 'uuid' })
  quoteId: string;

  @Field(() => ID)
  @Column({ name: 'part_id', type: 'uuid' })
  partId: string;

  @Field(() => ID)
  @Column({ name: 'part_revision_id', type: 'uuid' })
  partRevisionId: string;

  @Field(() => Int)
  @Column({ type: 'integer' })
  quantity: number;

  @Field(() => Float, { description: 'From the quote’s break at this quantity, integer minor units' })
  @Column({ name: 'unit_price_minor', type: 'bigint', transformer: bigintAsNumber })
  unitPriceMinor: number;

  @Field(() => Float, { description: 'unitPriceMinor × quantity' })
  @Column({ name: 'total_minor', type: 'bigint', transformer: bigintAsNumber })
  totalMinor: number;

  @Field(() => String)
  @Column({ type: 'char', length: 3 })
  currency: string;

  @Field(() => Int, { description: 'Quoted business days at the quote’s lead tier' })
  @Column({ name: 'lead_time_days', type: 'integer' })
  leadTimeDays: number;

  @Field(() => LineConfiguration)
  @Column({ type: 'jsonb' })
  configuration: LineConfiguration;

  @Column({ name: 'created_at', type: 'timestamptz', insert: false, update: false })
  createdAt: Date;
}
