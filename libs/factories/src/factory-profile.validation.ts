import { CERTIFICATE_KINDS, FINISH_CODES, MATERIAL_CODES, PROCESS_CODES, unknownCodes } from './capability-codes';
import type { CertificateInput, FactoryProfileInput, MachineInput, ProbationInput } from './dto/factory.inputs';

/** What is wrong with an input, naming the field and the fix; undefined when it is fine. */
export interface InputProblem {
  field: string;
  message: string;
}

const COUNTRY = /^[A-Z]{2}$/;
const CURRENCY = /^[A-Z]{3}$/;
const LANGUAGE = /^[a-z]{2}$/;
const TIME = /^([01]\d|2[0-3]):[0-5]\d$/;

export function isIsoDate(value: string): boolean {
  if (!/^\d{4}-\d{2}-\d{2}$/.test(value)) return false;
  const date = new Date(`${value}T00:00:00Z`);
  return !Number.isNaN(date.getTime()) && date.toISOString().slice(0, 10) === value;
}

export function isTimeZone(value: string): boolean {
  try {
    new Intl.DateTimeFormat('en', { timeZone: value });
    return value.length <= 64;
  } catch {
    return false;
  }
}

const text = (field: string, value: string | null | undefined, max: number, required = true): InputProblem | undefined => {
  if (value === null || value === undefined || !value.trim()) return required ? { field, message: `${field} is required` } : undefined;
  return value.length > max ? { field, message: `${field} must be at most ${max} characters` } : undefined;
};

const codes = (field: string, values: string[], allowed: readonly string[], required: boolean): InputProblem | undefined => {
  if (required && values.length === 0) return { field, message: `Name at least one of ${field}` };
  const unknown = unknownCodes(values, allowed);
  if (unknown.length) return { field, message: `Unknown ${field} code${unknown.length > 1 ? 's' : ''} ${unknown.map((c) => `"${c}"`).join(', ')}; known: ${allowed.join(', ')}` };
  if (new Set(values).size !== values.length) return { field, message: `${field} lists a code twice` };
  return undefined;
};

export function validateProfile(input: FactoryProfileInput): InputProblem | undefined {
  const a = input.address;
  const problem =
    text('legalName', input.legalName, 200) ??
    text('address.line1', a.line1, 200) ??
    text('address.line2', a.line2, 200, false) ??
    text('address.city', a.city, 100) ??
    text('address.postalCode', a.postalCode, 20, false) ??
    text('address.region', a.region, 100, false) ??
    (!COUNTRY.test(a.country) ? { field: 'address.country', message: `country must be an ISO 3166-1 alpha-2 code such as "DE" (got "${a.country}")` } : undefined) ??
    (!(Math.abs(a.latitude) <= 90) ? { field: 'address.latitude', message: `latitude must be between -90 and 90 (got ${a.latitude})` } : undefined) ??
    (!(Math.abs(a.longitude) <= 180) ? { field: 'address.longitude', message: `longitude must be between -180 and 180 (got ${a.longitude})` } : undefined) ??
    (!isTimeZone(input.timeZone) ? { field: 'timeZone', message: `"${input.timeZone}" is not an IANA time zone such as "Europe/Berlin"` } : undefined) ??
    (input.languages.length === 0 || input.languages.some((l) => !LANGUAGE.test(l))
      ? { field: 'languages', message: `languages must be ISO 639-1 codes such as "en" (got ${JSON.stringify(input.languages)})` }
      : undefined) ??
    codes('processes', input.processes, PROCESS_CODES, true) ??
    codes('materials', input.materials, MATERIAL_CODES, true) ??
    codes('finishes', input.finishes, FINISH_CODES, false);
  return problem ?? validateCalendar(input) ?? validateExportControl(input);
}

function validateCalendar(input: FactoryProfileInput): InputProblem | undefined {
  const { shifts, holidays } = input.workingCalendar;
  if (shifts.length === 0) return { field: 'workingCalendar.shifts', message: 'Give at least one shift, e.g. weekdays [1,2,3,4,5] 07:00–15:00' };
  for (const [i, shift] of shifts.entries()) {
    const field = `workingCalendar.shifts[${i}]`;
    if (shift.weekdays.length === 0 || shift.weekdays.some((d) => !Number.isInteger(d) || d < 1 || d > 7)) {
      return { field, message: 'weekdays must be ISO weekdays 1 (Monday) … 7 (Sunday)' };
    }
    if (!TIME.test(shift.start) || !TIME.test(shift.end)) return { field, message: `start and end must be HH:MM (got ${shift.start}–${shift.end})` };
    if (shift.start === shift.end) return { field, message: 'A shift cannot start and end at the same time' };
  }
  for (const [i, holiday] of holidays.entries()) {
    if (!isIsoDate(holiday.date)) return { field: `workingCalendar.holidays[${i}]`, message: `"${holiday.date}" is not a YYYY-MM-DD date` };
    const problem = text(`workingCalendar.holidays[${i}].name`, holiday.name, 100);
    if (problem) return problem;
  }
  return undefined;
}

function validateExportControl(input: FactoryProfileInput): InputProblem | undefined {
  const countries = input.exportControl?.servesCountries;
  if (countries && (countries.length === 0 || countries.some((c) => !COUNTRY.test(c)))) {
    return { field: 'exportControl.servesCountries', message: 'servesCountries must be ISO 3166-1 alpha-2 codes (omit it for no restriction)' };
  }
  return text('exportControl.notes', input.exportControl?.notes, 2000, false);
}

export function validateMachine(input: MachineInput, offeredProcesses: string[]): InputProblem | undefined {
  return (
    codes('process', [input.process], PROCESS_CODES, true) ??
    (!offeredProcesses.includes(input.process)
      ? { field: 'process', message: `"${input.process}" is not among this factory's processes (${offeredProcesses.join(', ')}); add it to the profile first` }
      : undefined) ??
    text('make', input.make, 100) ??
    text('model', input.model, 100) ??
    ([input.envelopeXMm, input.envelopeYMm, input.envelopeZMm].some((v) => !Number.isInteger(v) || v <= 0 || v > 100_000)
      ? { field: 'envelope', message: 'The work envelope is x, y and z in whole millimetres, each 1 … 100000' }
      : undefined) ??
    (!(input.maxPartMassKg > 0) ? { field: 'maxPartMassKg', message: 'maxPartMassKg must be more than 0' } : undefined) ??
    (!(input.toleranceMm > 0 && input.toleranceMm < 10) ? { field: 'toleranceMm', message: 'toleranceMm is the achievable ± tolerance in mm, between 0 and 10' } : undefined) ??
    (!Number.isInteger(input.hourlyRateMinor) || input.hourlyRateMinor < 0
      ? { field: 'hourlyRateMinor', message: 'hourlyRateMinor is a whole number of minor units (cents), ≥ 0' }
      : undefined) ??
    (!CURRENCY.test(input.currency) ? { field: 'currency', message: `currency must be an ISO 4217 code such as "EUR" (got "${input.currency}")` } : undefined) ??
    (!Number.isInteger(input.count) || input.count < 1 || input.count > 1000 ? { field: 'count', message: 'count must be 1 … 1000' } : undefined)
  );
}

export function validateCertificate(input: CertificateInput): InputProblem | undefined {
  return (
    codes('kind', [input.kind], CERTIFICATE_KINDS, true) ??
    (input.kind === 'other' ? text('title', input.title, 200) : undefined) ??
    text('number', input.number, 100) ??
    text('issuer', input.issuer, 200) ??
    text('scope', input.scope, 2000) ??
    (!isIsoDate(input.validFrom) ? { field: 'validFrom', message: `"${input.validFrom}" is not a YYYY-MM-DD date` } : undefined) ??
    (!isIsoDate(input.validUntil) ? { field: 'validUntil', message: `"${input.validUntil}" is not a YYYY-MM-DD date` } : undefined) ??
    (input.validUntil < input.validFrom ? { field: 'validUntil', message: `validUntil (${input.validUntil}) is before validFrom (${input.validFrom})` } : undefined)
  );
}

export function validateProbation(input: ProbationInput): InputProblem | undefined {
  if (!Number.isInteger(input.jobsRequired) || input.jobsRequired < 0) return { field: 'jobsRequired', message: 'jobsRequired must be a whole number ≥ 0' };
  if (!Number.isInteger(input.maxJobValueMinor) || input.maxJobValueMinor < 1) return { field: 'maxJobValueMinor', message: 'maxJobValueMinor must be ≥ 1 (minor units)' };
  if (!CURRENCY.test(input.currency)) return { field: 'currency', message: `currency must be an ISO 4217 code (got "${input.currency}")` };
  if (!Number.isInteger(input.maxOpenJobs) || input.maxOpenJobs < 1) return { field: 'maxOpenJobs', message: 'maxOpenJobs must be ≥ 1' };
  return undefined;
}
