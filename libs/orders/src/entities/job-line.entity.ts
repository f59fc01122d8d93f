import { Field, ID, Int, ObjectType } from '@nestjs/graphql';
import { CertificateKindEnum } from '@partsmith/factories';
import { PreviewLevel } from '@partsmith/parts';
import { Column, Entity, PrimaryGeneratedColumn } from 'typeorm';
import { JobLineStatus } from '../order-state';
import { LineConfiguration } from './order-line.entity';

/** What sourcing awards to a factory: one per order line, created when the order is paid (sourcing may split it into parts). */
@ObjectType()
@Entity({ name: 'job_lines' })
export class JobLine {
  @Field(() => ID)
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Field(() => ID)
  @Column({ name: 'order_id', type: 'uuid' })
  orderId: string;

  @Field(() => ID)
  @Column({ name: 'order_line_id', type: 'uuid' })
  orderLineId: string;

  @Column({ name: 'organization_id', type: 'uuid' })
  organizationId: string;

  @Field(() => ID)
  @Column({ name: 'part_id', type: 'uuid' })
  partId: string;

  @Field(() => ID)
  @Column({ name: 'part_revision_id', type: 'uuid' })
  partRevisionId: string;

  @Field(() => LineConfiguration)
  @Column({ type: 'jsonb' })
  configuration: LineConfiguration;

  @Field(() => Int)
  @Column({ type: 'integer' })
  quantity: number;

  @Field(() => Date, { description: 'Payment time + the quoted lead time in business days' })
  @Column({ name: 'due_date', type: 'timestamptz' })
  dueDate: Date;

  @Field(() => [CertificateKindEnum])
  @Column({ name: 'required_certificates', type: 'text', array: true })
  requiredCertificates: CertificateKindEnum[];

  @Field(() => String)
  @Column({ name: 'inspection_level', type: 'text' })
  inspectionLevel: string;

  @Field(() => Boolean)
  @Column({ name: 'export_controlled', type: 'boolean' })
  exportControlled: boolean;

  @Field(() => Boolean)
  @Column({ name: 'allow_splitting', type: 'boolean' })
  allowSplitting: boolean;

  @Field(() => PreviewLevel)
  @Column({ name: 'preview_level', type: 'text' })
  previewLevel: PreviewLevel;

  @Field(() => JobLineStatus)
  @Column({ type: 'text' })
  status: JobLineStatus;

  @Field(() => ID, { nullable: true, description: 'The job line this one is a part of (order splitting across a cluster)' })
  @Column({ name: 'split_of', type: 'uuid', nullable: true })
  splitOf: string | null;

  @Field(() => Date)
  @Column({ name: 'created_at', type: 'timestamptz', insert: false, update: false })
  createdAt: Date;
}
