import { Column, Entity, PrimaryGeneratedColumn } from 'typeorm';

export type MessageSide = 'designer' | 'factory';

/** One message; `body` is stored already masked (see contact-masking.ts). */
@Entity({ name: 'messages' })
export class MessageRow {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Column({ name: 'thread_id', type: 'uuid' })
  threadId: string;

  @Column({ name: 'author_user_id', type: 'uuid' })
  authorUserId: string;

  @Column({ name: 'author_organization_id', type: 'uuid' })
  authorOrganizationId: string;

  @Column({ name: 'author_side', type: 'text' })
  authorSide: MessageSide;

  @Column({ type: 'text' })
  body: string;

  @Column({ name: 'in_reply_to_id', type: 'uuid', nullable: true })
  inReplyToId: string | null;

  @Column({ name: 'masked_emails', type: 'int' })
  maskedEmails: number;

  @Column({ name: 'masked_phones', type: 'int' })
  maskedPhones: number;

  @Column({ name: 'created_at', type: 'timestamptz', insert: false, update: false })
  createdAt: Date;
}
