import { Field, ID, ObjectType, registerEnumType } from '@nestjs/graphql';
import type { OrganizationKind } from '@partsmith/platform';
import { Column, Entity, PrimaryGeneratedColumn } from 'typeorm';

export enum OrganizationKindEnum {
  designer = 'designer',
  factory = 'factory',
  platform = 'platform',
}
registerEnumType(OrganizationKindEnum, { name: 'OrganizationKind', description: 'designer = buyer, factory = supplier, platform = operator staff' });

export enum OrganizationStatus {
  active = 'active',
  suspended = 'suspended',
}
registerEnumType(OrganizationStatus, { name: 'OrganizationStatus' });

@ObjectType()
@Entity({ name: 'organizations' })
export class Organization {
  @Field(() => ID)
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Field(() => OrganizationKindEnum)
  @Column({ type: 'text' })
  kind: OrganizationKind;

  @Field(() => String)
  @Column({ type: 'text' })
  name: string;

  @Field(() => String)
  @Column({ type: 'text' })
  slug: string;

  @Field(() => String, { nullable: true, description: 'ISO 3166-1 alpha-2' })
  @Column({ type: 'char', length: 2, nullable: true })
  country: string | null;

  @Field(() => OrganizationStatus)
  @Column({ type: 'text', default: 'active' })
  status: OrganizationStatus;

  @Field(() => String, { nullable: true })
  @Column({ name: 'suspended_reason', type: 'text', nullable: true })
  suspendedReason: string | null;

  @Field(() => Date)
  @Column({ name: 'created_at', type: 'timestamptz', insert: false, update: false })
  createdAt: Date;

  @Column({ name: 'updated_at', type: 'timestamptz', insert: false })
  updatedAt: Date;
}
