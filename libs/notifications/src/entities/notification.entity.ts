import { Field, ID, ObjectType } from '@nestjs/graphql';
import { Column, Entity, PrimaryGeneratedColumn } from 'typeorm';

/** One thing that happened which one user should know about (one per user and event, whatever replays). */
@ObjectType()
@Entity({ name: 'notifications' })
export class Notification {
  @Field(() => ID)
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Column({ name: 'user_id', type: 'uuid' })
  userId: string;

  @Column({ name: 'organization_id', type: 'uuid' })
  organizationId: string;

  @Field(() => String, { description: 'The event type, e.g. "part.revision.analyzed"' })
  @Column({ type: 'text' })
  type: string;

  @Field(() => String, { description: 'The e-mail preference category (parts, quotes, orders, sourcing, production)' })
  @Column({ type: 'text' })
  category: string;

  @Field(() => ID, { description: 'The object the event is about (part revision, quote, order, job line, offer…)' })
  @Column({ name: 'subject_id', type: 'text' })
  subjectId: string;

  @Field(() => String, { nullable: true })
  @Column({ name: 'subject_status', type: 'text', nullable: true })
  subjectStatus: string | null;

  @Field(() => String)
  @Column({ type: 'text' })
  title: string;

  @Field(() => String)
  @Column({ type: 'text' })
  body: string;

  @Field(() => String, { nullable: true, description: 'Where the web app shows the subject' })
  @Column({ type: 'text', nullable: true })
  path: string | null;

  @Column({ name: 'dedupe_key', type: 'text' })
  dedupeKey: string;

  @Field(() => Date, { nullable: true })
  @Column({ name: 'read_at', type: 'timestamptz', nullable: true })
  readAt: Date | null;

  @Field(() => Date)
  @Column({ name: 'created_at', type: 'timestamptz', insert: false, update: false })
  createdAt: Date;
}
