import { registerEnumType } from '@nestjs/graphql';
import { Column, Entity, PrimaryGeneratedColumn } from 'typeorm';

export enum MessageThreadKind {
  /** After award: the designer organisation and the awarded factory. */
  job_line = 'job_line',
  /** Before award: the designer answers questions from every eligible factory, all of them anonymous. */
  pre_award_qa = 'pre_award_qa',
}
registerEnumType(MessageThreadKind, { name: 'MessageThreadKind' });

@Entity({ name: 'message_threads' })
export class MessageThreadRow {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Column({ type: 'text' })
  kind: MessageThreadKind;

  @Column({ name: 'job_line_id', type: 'uuid' })
  jobLineId: string;

  @Column({ name: 'designer_organization_id', type: 'uuid' })
  designerOrganizationId: string;

  /** The awarded factory's organisation (job-line threads only). */
  @Column({ name: 'factory_organization_id', type: 'uuid', nullable: true })
  factoryOrganizationId: string | null;

  @Column({ name: 'last_message_at', type: 'timestamptz', nullable: true })
  lastMessageAt: Date | null;

  @Column({ name: 'created_at', type: 'timestamptz', insert: false, update: false })
  createdAt: Date;
}
