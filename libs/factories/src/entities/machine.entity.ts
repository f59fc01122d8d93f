import { Field, Float, ID, Int, ObjectType } from '@nestjs/graphql';
import { Column, Entity, PrimaryGeneratedColumn } from 'typeorm';

@ObjectType({ description: 'A machine (or a group of identical ones) on the factory floor' })
@Entity({ name: 'factory_machines' })
export class Machine {
  @Field(() => ID)
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Field(() => ID)
  @Column({ name: 'factory_id', type: 'uuid' })
  factoryId: string;

  @Field(() => String, { description: 'Process code' })
  @Column({ type: 'text' })
  process: string;

  @Field(() => String) @Column({ type: 'text' }) make: string;
  @Field(() => String) @Column({ type: 'text' }) model: string;

  @Field(() => Int) @Column({ name: 'envelope_x_mm', type: 'integer' }) envelopeXMm: number;
  @Field(() => Int) @Column({ name: 'envelope_y_mm', type: 'integer' }) envelopeYMm: number;
  @Field(() => Int) @Column({ name: 'envelope_z_mm', type: 'integer' }) envelopeZMm: number;

  @Field(() => Float) @Column({ name: 'max_part_mass_kg', type: 'double precision' }) maxPartMassKg: number;

  @Field(() => Float, { description: 'Achievable tolerance, ± mm' })
  @Column({ name: 'tolerance_mm', type: 'double precision' })
  toleranceMm: number;

  @Field(() => Int, { description: 'Minor units per machine hour' })
  @Column({ name: 'hourly_rate_minor', type: 'integer' })
  hourlyRateMinor: number;

  @Field(() => String) @Column({ type: 'char', length: 3 }) currency: string;

  @Field(() => Int, { description: 'How many identical machines' })
  @Column({ type: 'integer', default: 1 })
  count: number;

  @Field(() => Date)
  @Column({ name: 'created_at', type: 'timestamptz', insert: false, update: false })
  createdAt: Date;
}
