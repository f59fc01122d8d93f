import { Field, ID, ObjectType, registerEnumType } from '@nestjs/graphql';
import { Column, Entity, PrimaryGeneratedColumn } from 'typeorm';

export enum PreviewLevel {
  none = 'none',
  bbox = 'bbox',
  low_poly = 'low_poly',
  full = 'full',
}
registerEnumType(PreviewLevel, {
  name: 'PreviewLevel',
  description: 'How much of the part a factory may see before it is awarded the job: nothing, the bounding box, a decimated mesh, or the full mesh',
});

@ObjectType()
@Entity({ name: 'parts' })
export class Part {
  @Field(() => ID)
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Column({ name: 'organization_id', type: 'uuid' })
  organizationId: string;

  @Field(() => String)
  @Column({ type: 'text' })
  name: string;

  @Column({ name: 'created_by', type: 'uuid' })
  createdBy: string;

  @Column({ name: 'current_revision_id', type: 'uuid', nullable: true })
  currentRevisionId: string | null;

  @Field(() => PreviewLevel)
  @Column({ name: 'preview_level', type: 'text', default: 'bbox' })
  previewLevel: PreviewLevel;

  @Field(() => Date)
  @Column({ name: 'created_at', type: 'timestamptz', insert: false, update: false })
  createdAt: Date;

  @Column({ name: 'updated_at', type: 'timestamptz', insert: false })
  updatedAt: Date;
}
