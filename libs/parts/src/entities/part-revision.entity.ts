import { Field, ID, Int, ObjectType, registerEnumType } from '@nestjs/graphql';
import type { GeometryReport } from '@partsmith/geometry';
import { Column, Entity, PrimaryGeneratedColumn } from 'typeorm';

export enum PartRevisionStatus {
  uploaded = 'uploaded',
  analyzing = 'analyzing',
  analyzed = 'analyzed',
  rejected = 'rejected',
}
registerEnumType(PartRevisionStatus, { name: 'PartRevisionStatus' });

export enum LengthUnitOverride {
  mm = 'mm',
  cm = 'cm',
  m = 'm',
  in = 'in',
}
registerEnumType(LengthUnitOverride, { name: 'LengthUnit', description: 'Units for files that declare none (STL, OBJ)' });

/** Storage keys of a revision's previews: binary STL per level, and the viewer's mesh (PSVM, gzipped) per level. */
export type PreviewKeys = Partial<Record<'low_poly' | 'full' | 'low_poly_mesh' | 'full_mesh', string>>;

@ObjectType()
@Entity({ name: 'part_revisions' })
export class PartRevision {
  @Field(() => ID)
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Column({ name: 'part_id', type: 'uuid' })
  partId: string;

  @Column({ name: 'organization_id', type: 'uuid' })
  organizationId: string;

  @Field(() => Int)
  @Column({ type: 'integer' })
  revision: number;

  @Field(() => String)
  @Column({ name: 'file_name', type: 'text' })
  fileName: string;

  @Column({ name: 'file_key', type: 'text' })
  fileKey: string;

  @Field(() => String, { description: 'sha256 of the file, hex' })
  @Column({ type: 'char', length: 64 })
  sha256: string;

  @Field(() => Int)
  @Column({ name: 'size_bytes', type: 'bigint', transformer: { to: (v: number) => v, from: (v: string) => Number(v) } })
  sizeBytes: number;

  @Field(() => LengthUnitOverride, { nullable: true, description: 'Units chosen for a unitless file' })
  @Column({ name: 'units_override', type: 'text', nullable: true })
  unitsOverride: LengthUnitOverride | null;

  @Field(() => PartRevisionStatus)
  @Column({ type: 'text', default: 'uploaded' })
  status: PartRevisionStatus;

  @Field(() => String, { nullable: true })
  @Column({ name: 'rejected_code', type: 'text', nullable: true })
  rejectedCode: string | null;

  @Field(() => String, { nullable: true, description: 'Why the file could not be analysed, in words' })
  @Column({ name: 'rejected_reason', type: 'text', nullable: true })
  rejectedReason: string | null;

  @Column({ type: 'jsonb', nullable: true })
  analysis: GeometryReport | null;

  @Column({ name: 'preview_keys', type: 'jsonb', default: {} })
  previewKeys: PreviewKeys;

  @Column({ name: 'analysis_source_id', type: 'uuid', nullable: true })
  analysisSourceId: string | null;

  @Column({ name: 'uploaded_by', type: 'uuid' })
  uploadedBy: string;

  @Field(() => Date)
  @Column({ name: 'created_at', type: 'timestamptz', insert: false, update: false })
  createdAt: Date;

  @Field(() => Date, { nullable: true })
  @Column({ name: 'analyzed_at', type: 'timestamptz', nullable: true })
  analyzedAt: Date | null;
}
