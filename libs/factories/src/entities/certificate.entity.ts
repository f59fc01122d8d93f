import { Field, ID, Int, ObjectType } from '@nestjs/graphql';
import { Column, Entity, PrimaryGeneratedColumn } from 'typeorm';
import type { CertificateKind } from '../capability-codes';
import type { CertificateStatus } from '../factory-lifecycle';
import { CertificateKindEnum, CertificateStatusEnum } from './enums';

const bigintAsNumber = { to: (value: number | null) => value, from: (value: string | null) => (value === null ? null : Number(value)) };

@ObjectType()
export class CertificateDocument {
  @Field(() => String) fileName: string;
  @Field(() => String) sha256: string;
  @Field(() => Int) sizeBytes: number;
  @Field(() => String, { description: 'GET this path (with the same Authorization header) to download it' }) downloadPath: string;
}

@ObjectType({ description: 'A certificate in the vault; only verified, unexpired ones count for eligibility' })
@Entity({ name: 'factory_certificates' })
export class Certificate {
  @Field(() => ID)
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Field(() => ID)
  @Column({ name: 'factory_id', type: 'uuid' })
  factoryId: string;

  @Field(() => CertificateKindEnum)
  @Column({ type: 'text' })
  kind: CertificateKind;

  @Field(() => String, { nullable: true, description: 'Name of an "other" certificate' })
  @Column({ type: 'text', nullable: true })
  title: string | null;

  @Field(() => String) @Column({ type: 'text' }) number: string;
  @Field(() => String) @Column({ type: 'text' }) issuer: string;
  @Field(() => String) @Column({ type: 'text' }) scope: string;

  @Field(() => String, { description: 'YYYY-MM-DD' })
  @Column({ name: 'valid_from', type: 'date' })
  validFrom: string;

  @Field(() => String, { description: 'YYYY-MM-DD, the last valid day' })
  @Column({ name: 'valid_until', type: 'date' })
  validUntil: string;

  @Field(() => CertificateStatusEnum)
  @Column({ type: 'text', default: 'pending' })
  status: CertificateStatus;

  @Field(() => String, { nullable: true, description: "The operator's note on verifying or rejecting it" })
  @Column({ name: 'decision_note', type: 'text', nullable: true })
  decisionNote: string | null;

  @Column({ name: 'decided_by', type: 'uuid', nullable: true }) decidedBy: string | null;

  @Field(() => Date, { nullable: true })
  @Column({ name: 'decided_at', type: 'timestamptz', nullable: true })
  decidedAt: Date | null;

  @Column({ name: 'document_key', type: 'text', nullable: true }) documentKey: string | null;
  @Column({ name: 'document_name', type: 'text', nullable: true }) documentName: string | null;
  @Column({ name: 'document_sha256', type: 'text', nullable: true }) documentSha256: string | null;
  @Column({ name: 'document_size_bytes', type: 'bigint', nullable: true, transformer: bigintAsNumber }) documentSizeBytes: number | null;

  @Column({ name: 'expiry_warned_for', type: 'date', nullable: true }) expiryWarnedFor: string | null;

  @Field(() => Date)
  @Column({ name: 'created_at', type: 'timestamptz', insert: false, update: false })
  createdAt: Date;

  @Column({ name: 'updated_at', type: 'timestamptz', insert: false })
  updatedAt: Date;

  @Field(() => CertificateDocument, { nullable: true, description: 'Upload with POST /factories/certificates/:id/document (multipart, field "file")' })
  get document(): CertificateDocument | null {
    if (!this.documentKey || !this.documentSha256) return null;
    return {
      fileName: this.documentName ?? 'certificate',
      sha256: this.documentSha256,
      sizeBytes: this.documentSizeBytes ?? 0,
      downloadPath: `/factories/certificates/${this.id}/document`,
    };
  }
}
