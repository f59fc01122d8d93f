import { Field, ID, Int, ObjectType } from '@nestjs/graphql';
import { Column, Entity, PrimaryGeneratedColumn } from 'typeorm';

/**
 * The ordering designer organisation's review of an accepted job line: three ratings from 1 to 5 and an
 * optional comment, final once given, and the factory's one response. Neither side's people are named.
 */
@ObjectType()
@Entity({ name: 'job_line_reviews' })
export class JobLineReview {
  @Field(() => ID)
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Field(() => ID)
  @Column({ name: 'job_line_id', type: 'uuid' })
  jobLineId: string;

  @Field(() => ID, { description: 'The reviewed factory' })
  @Column({ name: 'factory_id', type: 'uuid' })
  factoryId: string;

  @Column({ name: 'designer_organization_id', type: 'uuid' })
  designerOrganizationId: string;

  @Field(() => Int, { description: 'Were the parts as specified? 1–5' })
  @Column({ type: 'smallint' })
  quality: number;

  @Field(() => Int, { description: 'Was the factory clear and responsive? 1–5' })
  @Column({ type: 'smallint' })
  communication: number;

  @Field(() => Int, { description: 'Did the parts come when promised? 1–5' })
  @Column({ type: 'smallint' })
  timeliness: number;

  @Field(() => String, { nullable: true })
  @Column({ type: 'text', nullable: true })
  comment: string | null;

  @Column({ name: 'created_by', type: 'uuid' })
  createdBy: string;

  @Field(() => Date)
  @Column({ name: 'created_at', type: 'timestamptz', insert: false, update: false })
  createdAt: Date;

  @Field(() => String, { nullable: true, description: 'The factory’s response (at most one)' })
  @Column({ type: 'text', nullable: true })
  response: string | null;

  @Column({ name: 'responded_by', type: 'uuid', nullable: true })
  respondedBy: string | null;

  @Field(() => Date, { nullable: true })
  @Column({ name: 'responded_at', type: 'timestamptz', nullable: true })
  respondedAt: Date | null;
}
