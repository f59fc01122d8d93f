import { Field, ID, Int, ObjectType, registerEnumType } from '@nestjs/graphql';
import type { QuoteConfig, QuoteResult } from '@partsmith/pricing';
import { Column, Entity, PrimaryGeneratedColumn } from 'typeorm';

export enum QuoteStatus {
  pending = 'pending',
  ready = 'ready',
  needs_review = 'needs_review',
  not_manufacturable = 'not_manufacturable',
  failed = 'failed',
  ordered = 'ordered',
}
registerEnumType(QuoteStatus, {
  name: 'QuoteStatus',
  description: 'pending → ready | needs_review (an operator checks low-confidence prices) | not_manufacturable | failed; ready → ordered',
});

@ObjectType()
@Entity({ name: 'quotes' })
export class Quote {
  @Field(() => ID)
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Column({ name: 'organization_id', type: 'uuid' })
  organizationId: string;

  @Field(() => ID)
  @Column({ name: 'part_id', type: 'uuid' })
  partId: string;

  @Field(() => ID)
  @Column({ name: 'part_revision_id', type: 'uuid' })
  partRevisionId: string;

  @Field(() => Int, { description: 'Quote revision of this part: every new configuration is a new revision' })
  @Column({ type: 'integer' })
  revision: number;

  @Column({ name: 'request_key', type: 'char', length: 64 })
  requestKey: string;

  @Column({ type: 'jsonb' })
  config: Required<Omit<QuoteConfig, 'quantities'>> & { quantities: number[] };

  @Field(() => QuoteStatus)
  @Column({ type: 'text', default: 'pending' })
  status: QuoteStatus;

  @Column({ type: 'jsonb', nullable: true })
  result: QuoteResult | null;

  @Column({ type: 'numeric', precision: 4, scale: 3, nullable: true, transformer: { to: (v: number | null) => v, from: (v: string | null) => (v === null ? null : Number(v)) } })
  confidence: number | null;

  @Field(() => String, { nullable: true, description: 'Catalog version the price was computed with' })
  @Column({ name: 'catalog_version', type: 'text', nullable: true })
  catalogVersion: string | null;

  @Field(() => String, { nullable: true })
  @Column({ type: 'char', length: 3, nullable: true })
  currency: string | null;

  @Field(() => String, { nullable: true })
  @Column({ name: 'failure_reason', type: 'text', nullable: true })
  failureReason: string | null;

  @Column({ name: 'requested_by', type: 'uuid' })
  requestedBy: string;

  @Field(() => String, { nullable: true, description: "The operator's note after a review" })
  @Column({ name: 'review_note', type: 'text', nullable: true })
  reviewNote: string | null;

  @Column({ name: 'reviewed_by', type: 'uuid', nullable: true })
  reviewedBy: string | null;

  @Column({ name: 'reviewed_at', type: 'timestamptz', nullable: true })
  reviewedAt: Date | null;

  @Field(() => Date)
  @Column({ name: 'created_at', type: 'timestamptz', insert: false, update: false })
  createdAt: Date;

  @Field(() => Date, { nullable: true })
  @Column({ name: 'priced_at', type: 'timestamptz', nullable: true })
  pricedAt: Date | null;

  @Field(() => Date)
  @Column({ name: 'expires_at', type: 'timestamptz' })
  expiresAt: Date;

  @Field(() => Date, { nullable: true })
  @Column({ name: 'ordered_at', type: 'timestamptz', nullable: true })
  orderedAt: Date | null;
}
