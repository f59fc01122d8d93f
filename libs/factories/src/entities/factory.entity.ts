import { Field, Float, ID, Int, ObjectType } from '@nestjs/graphql';
import { Column, Entity, PrimaryGeneratedColumn } from 'typeorm';
import type { FactoryStatus } from '../factory-lifecycle';
import { FactoryStatusEnum } from './enums';

@ObjectType()
export class FactoryAddress {
  @Field(() => String) line1: string;
  @Field(() => String, { nullable: true }) line2: string | null;
  @Field(() => String) city: string;
  @Field(() => String, { nullable: true }) postalCode: string | null;
  @Field(() => String, { nullable: true, description: 'State, province or region' }) region: string | null;
  @Field(() => String, { description: 'ISO 3166-1 alpha-2' }) country: string;
  @Field(() => Float) latitude: number;
  @Field(() => Float) longitude: number;
}

@ObjectType({ description: 'A recurring shift, in the factory time zone' })
export class Shift {
  @Field(() => [Int], { description: 'ISO weekdays, 1 = Monday … 7 = Sunday' }) weekdays: number[];
  @Field(() => String, { description: 'HH:MM' }) start: string;
  @Field(() => String, { description: 'HH:MM; earlier than start means the shift ends the next day' }) end: string;
}

@ObjectType()
export class Holiday {
  @Field(() => String, { description: 'YYYY-MM-DD' }) date: string;
  @Field(() => String) name: string;
}

@ObjectType()
export class WorkingCalendar {
  @Field(() => [Shift]) shifts: Shift[];
  @Field(() => [Holiday]) holidays: Holiday[];
}

@ObjectType()
export class ExportControl {
  @Field(() => Boolean, { description: 'Declares ITAR registration (a verified itar_registration certificate proves it)' })
  itarRegistered: boolean;

  @Field(() => [String], { nullable: true, description: 'ISO country codes it may ship to; null = no restriction declared' })
  servesCountries: string[] | null;

  @Field(() => String, { nullable: true }) notes: string | null;
}

@ObjectType({ description: 'New factories take small jobs until enough are accepted without dispute' })
export class Probation {
  @Field(() => Boolean) onProbation: boolean;
  @Field(() => Int, { description: 'Clean acceptances needed to leave probation' }) jobsRequired: number;
  @Field(() => Int, { description: 'Largest job value while on probation, minor units' }) maxJobValueMinor: number;
  @Field(() => String) currency: string;
  @Field(() => Int, { description: 'Most jobs in progress at once while on probation' }) maxOpenJobs: number;
}

/** A factory organisation's profile and application. One per factory organisation. */
@ObjectType()
@Entity({ name: 'factories' })
export class Factory {
  @Field(() => ID)
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Field(() => ID)
  @Column({ name: 'organization_id', type: 'uuid' })
  organizationId: string;

  @Field(() => FactoryStatusEnum)
  @Column({ type: 'text', default: 'applied' })
  status: FactoryStatus;

  @Field(() => String, { nullable: true, description: 'Why it was rejected or suspended' })
  @Column({ name: 'status_reason', type: 'text', nullable: true })
  statusReason: string | null;

  @Field(() => String)
  @Column({ name: 'legal_name', type: 'text' })
  legalName: string;

  @Column({ name: 'address_line1', type: 'text' }) addressLine1: string;
  @Column({ name: 'address_line2', type: 'text', nullable: true }) addressLine2: string | null;
  @Column({ type: 'text' }) city: string;
  @Column({ name: 'postal_code', type: 'text', nullable: true }) postalCode: string | null;
  @Column({ type: 'text', nullable: true }) region: string | null;

  @Field(() => String, { description: 'ISO 3166-1 alpha-2' })
  @Column({ type: 'char', length: 2 })
  country: string;

  @Column({ type: 'double precision' }) latitude: number;
  @Column({ type: 'double precision' }) longitude: number;

  @Field(() => String, { description: 'IANA time zone, e.g. Europe/Berlin' })
  @Column({ name: 'time_zone', type: 'text' })
  timeZone: string;

  @Field(() => [String], { description: 'ISO 639-1 codes' })
  @Column({ type: 'text', array: true })
  languages: string[];

  @Field(() => [String], { description: 'Process codes (see factoryCapabilityCodes)' })
  @Column({ type: 'text', array: true })
  processes: string[];

  @Field(() => [String])
  @Column({ type: 'text', array: true })
  materials: string[];

  @Field(() => [String])
  @Column({ type: 'text', array: true })
  finishes: string[];

  @Field(() => WorkingCalendar)
  @Column({ name: 'working_calendar', type: 'jsonb' })
  workingCalendar: WorkingCalendar;

  @Column({ name: 'itar_registered', type: 'boolean', default: false }) itarRegistered: boolean;
  @Column({ name: 'serves_countries', type: 'text', array: true, nullable: true }) servesCountries: string[] | null;
  @Column({ name: 'export_notes', type: 'text', nullable: true }) exportNotes: string | null;

  @Column({ name: 'on_probation', type: 'boolean', default: true }) onProbation: boolean;
  @Column({ name: 'probation_jobs_required', type: 'integer' }) probationJobsRequired: number;
  @Column({ name: 'probation_max_job_value_minor', type: 'integer' }) probationMaxJobValueMinor: number;
  @Column({ name: 'probation_currency', type: 'char', length: 3 }) probationCurrency: string;
  @Column({ name: 'probation_max_open_jobs', type: 'integer' }) probationMaxOpenJobs: number;

  @Field(() => Date)
  @Column({ name: 'applied_at', type: 'timestamptz' })
  appliedAt: Date;

  @Field(() => Date, { nullable: true, description: 'When an operator last approved, rejected, suspended or reinstated it' })
  @Column({ name: 'decided_at', type: 'timestamptz', nullable: true })
  decidedAt: Date | null;

  @Field(() => Date)
  @Column({ name: 'created_at', type: 'timestamptz', insert: false, update: false })
  createdAt: Date;

  @Column({ name: 'updated_at', type: 'timestamptz', insert: false })
  updatedAt: Date;

  @Field(() => FactoryAddress)
  get address(): FactoryAddress {
    const { addressLine1: line1, addressLine2: line2, city, postalCode, region, country, latitude, longitude } = this;
    return { line1, line2, city, postalCode, region, country, latitude, longitude };
  }

  @Field(() => ExportControl)
  get exportControl(): ExportControl {
    return { itarRegistered: this.itarRegistered, servesCountries: this.servesCountries, notes: this.exportNotes };
  }

  @Field(() => Probation)
  get probation(): Probation {
    return {
      onProbation: this.onProbation,
      jobsRequired: this.probationJobsRequired,
      maxJobValueMinor: this.probationMaxJobValueMinor,
      currency: this.probationCurrency,
      maxOpenJobs: this.probationMaxOpenJobs,
    };
  }
}
