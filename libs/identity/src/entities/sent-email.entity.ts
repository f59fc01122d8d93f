import { Column, Entity, PrimaryGeneratedColumn } from 'typeorm';

/** The mail log: one row per delivered message, keyed by the job that sent it (idempotent delivery). */
@Entity({ name: 'sent_emails' })
export class SentEmail {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Column({ name: 'idempotency_key', type: 'text' })
  idempotencyKey: string;

  @Column({ name: 'to_address', type: 'text' })
  toAddress: string;

  @Column({ type: 'text' })
  subject: string;

  @Column({ type: 'text' })
  body: string;

  @Column({ name: 'sent_at', type: 'timestamptz', insert: false, update: false })
  sentAt: Date;
}
