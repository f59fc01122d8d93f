import { Field, ID, ObjectType } from '@nestjs/graphql';
import { Column, Entity, PrimaryColumn } from 'typeorm';

/** One row of the append-only audit log (written through platform's AuditTrail; read here). */
@ObjectType()
@Entity({ name: 'audit_log' })
export class AuditEntry {
  @Field(() => ID)
  @PrimaryColumn({ type: 'uuid' })
  id: string;

  @Field(() => Date, { description: 'When' })
  @Column({ name: 'created_at', type: 'timestamptz' })
  createdAt: Date;

  @Field(() => ID, { nullable: true, description: 'Who (null for the system: jobs, seeds)' })
  @Column({ name: 'actor_user_id', type: 'uuid', nullable: true })
  actorUserId: string | null;

  @Field(() => ID, { nullable: true, description: 'The organisation the actor acted for' })
  @Column({ name: 'actor_organization_id', type: 'uuid', nullable: true })
  actorOrganizationId: string | null;

  @Field(() => String, { nullable: true })
  @Column({ name: 'actor_role', type: 'text', nullable: true })
  actorRole: string | null;

  @Field(() => String, { description: 'e.g. factory.approved, certificate.verified, membership.role_changed, part.cad_accessed' })
  @Column({ type: 'text' })
  action: string;

  @Field(() => String)
  @Column({ name: 'subject_type', type: 'text' })
  subjectType: string;

  @Field(() => String)
  @Column({ name: 'subject_id', type: 'text' })
  subjectId: string;

  @Field(() => ID, { nullable: true, description: 'The organisation the subject belongs to' })
  @Column({ name: 'subject_organization_id', type: 'uuid', nullable: true })
  subjectOrganizationId: string | null;

  @Field(() => String, { description: 'JSON: reasons, notes, before/after, preview level…' })
  @Column({ type: 'jsonb' })
  details: Record<string, unknown>;

  @Field(() => String, { nullable: true })
  @Column({ name: 'request_id', type: 'text', nullable: true })
  requestId: string | null;
}
