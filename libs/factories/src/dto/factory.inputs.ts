import { Field, Float, ID, InputType, Int } from '@nestjs/graphql';
import { CertificateKindEnum } from '../entities/enums';

@InputType()
export class AddressInput {
  @Field(() => String) line1: string;
  @Field(() => String, { nullable: true }) line2?: string | null;
  @Field(() => String) city: string;
  @Field(() => String, { nullable: true }) postalCode?: string | null;
  @Field(() => String, { nullable: true }) region?: string | null;
  @Field(() => String, { description: 'ISO 3166-1 alpha-2' }) country: string;
  @Field(() => Float) latitude: number;
  @Field(() => Float) longitude: number;
}

@InputType()
export class ShiftInput {
  @Field(() => [Int], { description: 'ISO weekdays, 1 = Monday … 7 = Sunday' }) weekdays: number[];
  @Field(() => String, { description: 'HH:MM' }) start: string;
  @Field(() => String, { description: 'HH:MM' }) end: string;
}

@InputType()
export class HolidayInput {
  @Field(() => String, { description: 'YYYY-MM-DD' }) date: string;
  @Field(() => String) name: string;
}

@InputType()
export class WorkingCalendarInput {
  @Field(() => [ShiftInput]) shifts: ShiftInput[];
  @Field(() => [HolidayInput], { defaultValue: [] }) holidays: HolidayInput[];
}

@InputType()
export class ExportControlInput {
  @Field(() => Boolean, { defaultValue: false }) itarRegistered: boolean;
  @Field(() => [String], { nullable: true, description: 'ISO codes it may ship to; omit for no declared restriction' }) servesCountries?: string[] | null;
  @Field(() => String, { nullable: true }) notes?: string | null;
}

@InputType({ description: 'The whole profile: applying and updating both send all of it' })
export class FactoryProfileInput {
  @Field(() => String) legalName: string;
  @Field(() => AddressInput) address: AddressInput;
  @Field(() => String, { description: 'IANA time zone, e.g. Europe/Berlin' }) timeZone: string;
  @Field(() => [String], { description: 'ISO 639-1 codes, e.g. ["de", "en"]' }) languages: string[];
  @Field(() => [String], { description: 'Process codes (factoryCapabilityCodes.processes)' }) processes: string[];
  @Field(() => [String]) materials: string[];
  @Field(() => [String], { defaultValue: [] }) finishes: string[];
  @Field(() => WorkingCalendarInput) workingCalendar: WorkingCalendarInput;
  @Field(() => ExportControlInput, { nullable: true }) exportControl?: ExportControlInput | null;
}

@InputType()
export class MachineInput {
  @Field(() => String) process: string;
  @Field(() => String) make: string;
  @Field(() => String) model: string;
  @Field(() => Int) envelopeXMm: number;
  @Field(() => Int) envelopeYMm: number;
  @Field(() => Int) envelopeZMm: number;
  @Field(() => Float) maxPartMassKg: number;
  @Field(() => Float, { description: '± mm' }) toleranceMm: number;
  @Field(() => Int, { description: 'Minor units per hour' }) hourlyRateMinor: number;
  @Field(() => String) currency: string;
  @Field(() => Int, { defaultValue: 1 }) count: number;
}

@InputType()
export class CertificateInput {
  @Field(() => CertificateKindEnum) kind: CertificateKindEnum;
  @Field(() => String, { nullable: true, description: 'Required for kind "other"' }) title?: string | null;
  @Field(() => String) number: string;
  @Field(() => String) issuer: string;
  @Field(() => String) scope: string;
  @Field(() => String, { description: 'YYYY-MM-DD' }) validFrom: string;
  @Field(() => String, { description: 'YYYY-MM-DD' }) validUntil: string;
}

@InputType()
export class ProbationInput {
  @Field(() => Boolean) onProbation: boolean;
  @Field(() => Int) jobsRequired: number;
  @Field(() => Int) maxJobValueMinor: number;
  @Field(() => String) currency: string;
  @Field(() => Int) maxOpenJobs: number;
}

@InputType()
export class PartBoxInput {
  @Field(() => Float) xMm: number;
  @Field(() => Float) yMm: number;
  @Field(() => Float) zMm: number;
}

@InputType({ description: 'What a job needs; every given criterion must hold' })
export class EligibilityCriteriaInput {
  @Field(() => String) process: string;
  @Field(() => String, { nullable: true }) material?: string | null;
  @Field(() => String, { nullable: true }) finish?: string | null;
  @Field(() => [CertificateKindEnum], { defaultValue: [], description: 'Each must be verified and valid on `on`' }) certificates: CertificateKindEnum[];
  @Field(() => String, { nullable: true, description: 'YYYY-MM-DD the certificates must be valid on (default today, UTC)' }) on?: string | null;
  @Field(() => PartBoxInput, { nullable: true, description: 'Bounding box; some machine of the process must fit it in some orientation' }) partBox?: PartBoxInput | null;
  @Field(() => Float, { nullable: true, description: 'Tightest tolerance asked, ± mm' }) toleranceMm?: number | null;
  @Field(() => Float, { nullable: true }) partMassKg?: number | null;
  @Field(() => Int, { nullable: true, description: 'Job value, minor units; factories on probation only take jobs up to their cap' }) jobValueMinor?: number | null;
  @Field(() => String, { nullable: true, description: 'ISO country the parts ship to' }) deliveryCountry?: string | null;
  @Field(() => Boolean, { defaultValue: false, description: 'ITAR-controlled: needs a declared and verified ITAR registration' }) itarControlled: boolean;
}

@InputType()
export class DecideScoreAppealInput {
  @Field(() => ID) appealId: string;
  @Field(() => Boolean, { description: 'true = uphold (the event stops counting), false = dismiss' }) uphold: boolean;
  @Field(() => String) note: string;
}
