import { Field, ID, ObjectType, registerEnumType } from '@nestjs/graphql';
import { Column, Entity, PrimaryGeneratedColumn } from 'typeorm';

export enum MilestoneKind {
  material_received = 'material_received',
  in_production = 'in_production',
  quality_check = 'quality_check',
  packed = 'packed',
}
registerEnumType(MilestoneKind, { name: 'MilestoneKind', description: 'A production step the awarded factory reports for a job line' });

/** A production milestone the awarded factory posted (append-only). */
@ObjectType()
@Entity({ name: 'job_line_milestones' })
export class JobLineMilestone {
  @Field(() => ID)
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Field(() => ID)
  @Column({ name: 'job_line_id', type: 'uuid' })
  jobLineId: string;

  @Field(() => ID)
  @Column({ name: 'factory_id', type: 'uuid' })
  factoryId: string;

  @Field(() => MilestoneKind)
  @Column({ type: 'text' })
  kind: MilestoneKind;

  @Field(() => String, { nullable: true })
  @Column({ type: 'text', nullable: true })
  note: string | null;

  @Column({ name: 'posted_by', type: 'uuid', nullable: true })
  postedBy: string | null;

  @Field(() => Date)
  @Column({ name: 'created_at', type: 'timestamptz', insert: false, update: false })
  createdAt: Date;
}
