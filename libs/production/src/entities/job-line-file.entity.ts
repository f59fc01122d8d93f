import { Field, ID, Int, ObjectType, registerEnumType } from '@nestjs/graphql';
import { bigintAsNumber } from '@partsmith/orders';
import { Column, Entity, PrimaryGeneratedColumn } from 'typeorm';

export enum JobLineFilePurpose {
  milestone_photo = 'milestone_photo',
  inspection_report = 'inspection_report',
  dispute_evidence = 'dispute_evidence',
}
registerEnumType(JobLineFilePurpose, { name: 'JobLineFilePurpose', description: 'A milestone photo, an inspection report, or evidence attached to a dispute' });

/** What an inspection report documents; the order line's inspection level says which one shipping needs. */
export enum InspectionEvidenceKind {
  inspection_record = 'inspection_record',
  cmm_report = 'cmm_report',
  first_article_as9102 = 'first_article_as9102',
}
registerEnumType(InspectionEvidenceKind, {
  name: 'InspectionEvidenceKind',
  description: 'inspection_record (standard checks, optional), cmm_report (CMM measurement report), first_article_as9102 (AS9102 first-article inspection report)',
});

export type UploaderSide = 'designer' | 'factory';

/** A stored file about a job line (content-checked PDF, PNG or JPEG, with its size and sha256). Append-only. */
@ObjectType()
@Entity({ name: 'job_line_files' })
export class JobLineFile {
  @Field(() => ID)
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Field(() => ID)
  @Column({ name: 'job_line_id', type: 'uuid' })
  jobLineId: string;

  @Field(() => JobLineFilePurpose)
  @Column({ type: 'text' })
  purpose: JobLineFilePurpose;

  @Field(() => InspectionEvidenceKind, { nullable: true })
  @Column({ name: 'inspection_kind', type: 'text', nullable: true })
  inspectionKind: InspectionEvidenceKind | null;

  @Field(() => ID, { nullable: true })
  @Column({ name: 'milestone_id', type: 'uuid', nullable: true })
  milestoneId: string | null;

  @Field(() => ID, { nullable: true })
  @Column({ name: 'delivery_dispute_id', type: 'uuid', nullable: true })
  disputeId: string | null;

  @Field(() => String, { description: 'designer or factory' })
  @Column({ name: 'uploader_side', type: 'text' })
  uploaderSide: UploaderSide;

  @Column({ name: 'uploaded_by_organization_id', type: 'uuid' })
  uploadedByOrganizationId: string;

  @Column({ name: 'uploaded_by', type: 'uuid', nullable: true })
  uploadedBy: string | null;

  @Field(() => String)
  @Column({ name: 'file_name', type: 'text' })
  fileName: string;

  @Field(() => String, { description: 'application/pdf, image/png or image/jpeg (from the content, not the name)' })
  @Column({ name: 'content_type', type: 'text' })
  contentType: string;

  @Field(() => Int)
  @Column({ name: 'size_bytes', type: 'bigint', transformer: bigintAsNumber })
  sizeBytes: number;

  @Field(() => String)
  @Column({ type: 'text' })
  sha256: string;

  @Column({ name: 'storage_key', type: 'text' })
  storageKey: string;

  @Field(() => Date)
  @Column({ name: 'created_at', type: 'timestamptz', insert: false, update: false })
  createdAt: Date;

  @Field(() => String, { description: 'GET this path (with your bearer token) to download the file' })
  get downloadPath(): string {
    return `/production/files/${this.id}`;
  }
}
