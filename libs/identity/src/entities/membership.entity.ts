import { Field, ID, ObjectType, registerEnumType } from '@nestjs/graphql';
import type { Role } from '@partsmith/platform';
import { Column, Entity, PrimaryGeneratedColumn } from 'typeorm';

export enum RoleEnum {
  designer = 'designer',
  factory_admin = 'factory_admin',
  factory_member = 'factory_member',
  operator = 'operator',
}
registerEnumType(RoleEnum, { name: 'Role' });

@ObjectType()
@Entity({ name: 'memberships' })
export class Membership {
  @Field(() => ID)
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Column({ name: 'user_id', type: 'uuid' })
  userId: string;

  @Column({ name: 'organization_id', type: 'uuid' })
  organizationId: string;

  @Field(() => RoleEnum)
  @Column({ type: 'text' })
  role: Role;

  @Field(() => Date)
  @Column({ name: 'created_at', type: 'timestamptz', insert: false, update: false })
  createdAt: Date;
}
