import { Field, Float, ID, Int, ObjectType } from '@nestjs/graphql';
import { Column, Entity, PrimaryColumn, PrimaryGeneratedColumn } from 'typeorm';
import type { AppealStatus } from '../factory-lifecycle';
import type { ScoreBreakdown, ScoreComponent, ScoreEventKind } from '../scorecard/scorecard-formula';
import { ScoreAppealStatusEnum, ScoreEventKindEnum } from './enums';

@ObjectType({ description: 'One production or order outcome that counts toward a factory scorecard' })
@Entity({ name: 'factory_score_events' })
export class ScoreEvent {
  @Field(() => ID)
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Field(() => ID)
  @Column({ name: 'factory_id', type: 'uuid' })
  factoryId: string;

  @Field(() => ScoreEventKindEnum)
  @Column({ type: 'text' })
  kind: ScoreEventKind;

  @Field(() => String, { description: 'delivery, quality, response, acceptance or stars' })
  @Column({ type: 'text' })
  component: ScoreComponent;

  @Field(() => Float, { nullable: true, description: 'Seconds for offer_response, stars for review' })
  @Column({ type: 'double precision', nullable: true })
  value: number | null;

  @Field(() => Float, { description: 'What the event is worth in its component, 0 … 1' })
  @Column({ type: 'double precision' })
  points: number;

  @Field(() => String, { description: 'The order, job or offer it came from' })
  @Column({ name: 'source_ref', type: 'text' })
  sourceRef: string;

  @Field(() => Date)
  @Column({ name: 'occurred_at', type: 'timestamptz' })
  occurredAt: Date;

  @Field(() => Date, { nullable: true, description: 'Set when an appeal was upheld: the event no longer counts' })
  @Column({ name: 'voided_at', type: 'timestamptz', nullable: true })
  voidedAt: Date | null;

  @Field(() => String, { nullable: true })
  @Column({ name: 'void_reason', type: 'text', nullable: true })
  voidReason: string | null;

  @Field(() => Date)
  @Column({ name: 'created_at', type: 'timestamptz', insert: false, update: false })
  createdAt: Date;
}

@ObjectType()
export class ScoreComponentValue {
  @Field(() => String) component: string;
  @Field(() => Int, { description: 'Events counted' }) count: number;
  @Field(() => Float, { description: 'Smoothed value, 0 … 1 (see the README formula)' }) value: number;
  @Field(() => Float) weight: number;
}

/** The stored breakdown: the formula's output plus raw counts per event kind (for the plain rates). */
export type ScorecardBreakdown = ScoreBreakdown & { kinds: Partial<Record<ScoreEventKind, number>> };

@Entity({ name: 'factory_scorecards' })
export class ScorecardRow {
  @PrimaryColumn({ name: 'factory_id', type: 'uuid' }) factoryId: string;
  @Column({ type: 'double precision' }) score: number;
  @Column({ type: 'jsonb' }) breakdown: ScorecardBreakdown;
  @Column({ name: 'clean_jobs', type: 'integer' }) cleanJobs: number;
  @Column({ name: 'event_count', type: 'integer' }) eventCount: number;
  @Column({ name: 'updated_at', type: 'timestamptz' }) updatedAt: Date;
}

@ObjectType({ description: 'The open formula: 100 · Σ weight · smoothed component (README "Scorecard")' })
export class Scorecard {
  @Field(() => ID) factoryId: string;
  @Field(() => Float, { description: '0 … 100' }) score: number;
  @Field(() => Float, { description: 'Share of deliveries on time (raw, unsmoothed); null without deliveries' , nullable: true }) onTimeRate: number | null;
  @Field(() => Float, { nullable: true, description: 'Share of jobs accepted without dispute or rework' }) qualityRate: number | null;
  @Field(() => Float, { nullable: true, description: 'Share of offers accepted' }) acceptanceRate: number | null;
  @Field(() => Float, { nullable: true, description: 'Mean review stars, 1 … 5' }) averageStars: number | null;
  @Field(() => Float, { nullable: true, description: 'Mean response-time points, 0 … 1' }) responseScore: number | null;
  @Field(() => Int, { description: 'Jobs accepted without dispute (counts toward leaving probation)' }) cleanJobs: number;
  @Field(() => Int) eventCount: number;
  @Field(() => [ScoreComponentValue]) components: ScoreComponentValue[];
  @Field(() => Date, { nullable: true }) updatedAt: Date | null;
}

@ObjectType({ description: "A factory's objection to one score event; an operator upholds (voids the event) or dismisses it" })
@Entity({ name: 'factory_score_appeals' })
export class ScoreAppeal {
  @Field(() => ID)
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Field(() => ID)
  @Column({ name: 'score_event_id', type: 'uuid' })
  scoreEventId: string;

  @Field(() => ID)
  @Column({ name: 'factory_id', type: 'uuid' })
  factoryId: string;

  @Field(() => String) @Column({ type: 'text' }) reason: string;

  @Field(() => ScoreAppealStatusEnum)
  @Column({ type: 'text', default: 'open' })
  status: AppealStatus;

  @Column({ name: 'created_by', type: 'uuid' }) createdBy: string;

  @Field(() => String, { nullable: true }) @Column({ name: 'decision_note', type: 'text', nullable: true }) decisionNote: string | null;
  @Column({ name: 'decided_by', type: 'uuid', nullable: true }) decidedBy: string | null;
  @Field(() => Date, { nullable: true }) @Column({ name: 'decided_at', type: 'timestamptz', nullable: true }) decidedAt: Date | null;

  @Field(() => Date)
  @Column({ name: 'created_at', type: 'timestamptz', insert: false, update: false })
  createdAt: Date;
}
