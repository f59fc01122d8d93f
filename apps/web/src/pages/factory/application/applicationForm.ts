/**
 * The factory application wizard's drafts, their checks (the API's rules, each problem named per field so
 * the form can say it beside the field) and their conversion to the API's inputs.
 */
import { minorPerMajor } from '../../../i18n/minorUnits';
import type { CertificateInput, CertificateKind, FactoryProfileInput, MachineInput } from '../../../gql/graphql';

export type Problem =
  | 'required'
  | 'tooLong'
  | 'country'
  | 'latitude'
  | 'longitude'
  | 'timeZone'
  | 'languages'
  | 'pickOne'
  | 'countries'
  | 'shiftsRequired'
  | 'weekdays'
  | 'time'
  | 'sameStartEnd'
  | 'date'
  | 'positiveInteger'
  | 'positive'
  | 'tolerance'
  | 'rate'
  | 'currency'
  | 'count'
  | 'notOffered'
  | 'untilBeforeFrom'
  | 'fileType'
  | 'fileSize';

export type Problems<Field extends string = string> = Partial<Record<Field, Problem>>;

export interface ProfileDraft {
  legalName: string;
  line1: string;
  line2: string;
  city: string;
  region: string;
  postalCode: string;
  country: string;
  latitude: string;
  longitude: string;
  timeZone: string;
  /** Comma-separated ISO 639-1 codes */
  languages: string;
  processes: string[];
  materials: string[];
  finishes: string[];
  itarRegistered: boolean;
  /** Comma-separated ISO country codes; empty = no restriction */
  servesCountries: string;
  exportNotes: string;
}

export interface ShiftDraft {
  start: string;
  end: string;
  weekdays: number[];
}

export interface HolidayDraft {
  date: string;
  name: string;
}

export interface CalendarDraft {
  shifts: ShiftDraft[];
  holidays: HolidayDraft[];
}

export interface MachineDraft {
  process: string;
  make: string;
  model: string;
  count: string;
  envelopeXMm: string;
  envelopeYMm: string;
  envelopeZMm: string;
  maxPartMassKg: string;
  toleranceMm: string;
  /** Major units per hour, e.g. "85.50" */
  hourlyRate: string;
  currency: string;
}

export interface CertificateDraft {
  kind: CertificateKind | '';
  title: string;
  number: string;
  issuer: string;
  scope: string;
  validFrom: string;
  validUntil: string;
}

export const emptyProfile = (): ProfileDraft => ({
  legalName: '',
  line1: '',
  line2: '',
  city: '',
  region: '',
  postalCode: '',
  country: '',
  latitude: '',
  longitude: '',
  timeZone: typeof Intl !== 'undefined' ? Intl.DateTimeFormat().resolvedOptions().timeZone : 'UTC',
  languages: 'en',
  processes: [],
  materials: [],
  finishes: [],
  itarRegistered: false,
  servesCountries: '',
  exportNotes: '',
});

export const defaultCalendar = (): CalendarDraft => ({ shifts: [{ start: '07:00', end: '15:00', weekdays: [1, 2, 3, 4, 5] }], holidays: [] });

export const emptyMachine = (process = '', currency = 'EUR'): MachineDraft => ({
  process,
  make: '',
  model: '',
  count: '1',
  envelopeXMm: '',
  envelopeYMm: '',
  envelopeZMm: '',
  maxPartMassKg: '',
  toleranceMm: '0.05',
  hourlyRate: '',
  currency,
});

export const emptyCertificate = (): CertificateDraft => ({ kind: '', title: '', number: '', issuer: '', scope: '', validFrom: '', validUntil: '' });

const COUNTRY = /^[A-Z]{2}$/;
const CURRENCY = /^[A-Z]{3}$/;
const LANGUAGE = /^[a-z]{2}$/;
const TIME = /^([01]\d|2[0-3]):[0-5]\d$/;
export const CERTIFICATE_MAX_BYTES = 20 * 1024 * 1024;
const DOCUMENT_TYPES = ['application/pdf', 'image/png', 'image/jpeg'];

export const list = (value: string): string[] =>
  value
    .split(/[\s,;]+/)
    .map((item) => item.trim())
    .filter(Boolean);

export function isIsoDate(value: string): boolean {
  if (!/^\d{4}-\d{2}-\d{2}$/.test(value)) return false;
  const date = new Date(`${value}T00:00:00Z`);
  return !Number.isNaN(date.getTime()) && date.toISOString().slice(0, 10) === value;
}

export function isTimeZone(value: string): boolean {
  if (!value) return false;
  try {
    new Intl.DateTimeFormat('en', { timeZone: value });
    return value.length <= 64;
  } catch {
    return false;
  }
}

function text(problems: Problems, field: string, value: string, max: number, required = true): void {
  if (!value.trim()) {
    if (required) problems[field] = 'required';
  } else if (value.length > max) problems[field] = 'tooLong';
}

/** A coordinate: a number within ±limit, or a problem. */
function coordinate(value: string, limit: number): number | null {
  if (!value.trim()) return null;
  const number = Number(value);
  return Number.isFinite(number) && Math.abs(number) <= limit ? number : null;
}

export function checkProfile(draft: ProfileDraft): Problems {
  const problems: Problems = {};
  text(problems, 'legalName', draft.legalName, 200);
  text(problems, 'line1', draft.line1, 200);
  text(problems, 'line2', draft.line2, 200, false);
  text(problems, 'city', draft.city, 100);
  text(problems, 'region', draft.region, 100, false);
  text(problems, 'postalCode', draft.postalCode, 20, false);
  if (!COUNTRY.test(draft.country.trim().toUpperCase())) problems.country = 'country';
  if (coordinate(draft.latitude, 90) === null) problems.latitude = 'latitude';
  if (coordinate(draft.longitude, 180) === null) problems.longitude = 'longitude';
  if (!isTimeZone(draft.timeZone.trim())) problems.timeZone = 'timeZone';
  const languages = list(draft.languages.toLowerCase());
  if (languages.length === 0 || languages.some((language) => !LANGUAGE.test(language))) problems.languages = 'languages';
  if (draft.processes.length === 0) problems.processes = 'pickOne';
  if (draft.materials.length === 0) problems.materials = 'pickOne';
  const countries = list(draft.servesCountries.toUpperCase());
  if (countries.some((country) => !COUNTRY.test(country))) problems.servesCountries = 'countries';
  text(problems, 'exportNotes', draft.exportNotes, 2000, false);
  return problems;
}

export function checkCalendar(draft: CalendarDraft): Problems {
  const problems: Problems = {};
  if (draft.shifts.length === 0) problems.shifts = 'shiftsRequired';
  draft.shifts.forEach((shift, index) => {
    if (shift.weekdays.length === 0 || shift.weekdays.some((day) => !Number.isInteger(day) || day < 1 || day > 7)) problems[`shifts.${index}.weekdays`] = 'weekdays';
    if (!TIME.test(shift.start)) problems[`shifts.${index}.start`] = 'time';
    if (!TIME.test(shift.end)) problems[`shifts.${index}.end`] = 'time';
    else if (shift.start === shift.end) problems[`shifts.${index}.end`] = 'sameStartEnd';
  });
  draft.holidays.forEach((holiday, index) => {
    if (!isIsoDate(holiday.date)) problems[`holidays.${index}.date`] = 'date';
    text(problems, `holidays.${index}.name`, holiday.name, 100);
  });
  return problems;
}

export function toProfileInput(profile: ProfileDraft, calendar: CalendarDraft): FactoryProfileInput {
  const countries = list(profile.servesCountries.toUpperCase());
  const optional = (value: string) => (value.trim() ? value.trim() : null);
  return {
    legalName: profile.legalName.trim(),
    address: {
      line1: profile.line1.trim(),
      line2: optional(profile.line2),
      city: profile.city.trim(),
      region: optional(profile.region),
      postalCode: optional(profile.postalCode),
      country: profile.country.trim().toUpperCase(),
      latitude: Number(profile.latitude),
      longitude: Number(profile.longitude),
    },
    timeZone: profile.timeZone.trim(),
    languages: list(profile.languages.toLowerCase()),
    processes: profile.processes,
    materials: profile.materials,
    finishes: profile.finishes,
    workingCalendar: {
      shifts: calendar.shifts.map((shift) => ({ start: shift.start, end: shift.end, weekdays: [...shift.weekdays].sort((a, b) => a - b) })),
      holidays: calendar.holidays.map((holiday) => ({ date: holiday.date, name: holiday.name.trim() })),
    },
    exportControl: { itarRegistered: profile.itarRegistered, servesCountries: countries.length > 0 ? countries : null, notes: optional(profile.exportNotes) },
  };
}

export function checkMachine(draft: MachineDraft, offeredProcesses: string[]): { problems: Problems; input?: MachineInput } {
  const problems: Problems = {};
  if (!draft.process) problems.process = 'required';
  else if (!offeredProcesses.includes(draft.process)) problems.process = 'notOffered';
  text(problems, 'make', draft.make, 100);
  text(problems, 'model', draft.model, 100);
  for (const field of ['envelopeXMm', 'envelopeYMm', 'envelopeZMm'] as const) {
    const value = Number(draft[field]);
    if (!draft[field].trim() || !Number.isInteger(value) || value <= 0 || value > 100_000) problems[field] = 'positiveInteger';
  }
  const mass = Number(draft.maxPartMassKg);
  if (!draft.maxPartMassKg.trim() || !(mass > 0)) problems.maxPartMassKg = 'positive';
  const tolerance = Number(draft.toleranceMm);
  if (!draft.toleranceMm.trim() || !(tolerance > 0 && tolerance < 10)) problems.toleranceMm = 'tolerance';
  const currency = draft.currency.trim().toUpperCase();
  if (!CURRENCY.test(currency)) problems.currency = 'currency';
  const rate = Number(draft.hourlyRate);
  if (!draft.hourlyRate.trim() || !Number.isFinite(rate) || rate < 0) problems.hourlyRate = 'rate';
  const count = Number(draft.count);
  if (!Number.isInteger(count) || count < 1 || count > 1000) problems.count = 'count';
  if (Object.keys(problems).length > 0) return { problems };
  return {
    problems,
    input: {
      process: draft.process,
      make: draft.make.trim(),
      model: draft.model.trim(),
      count,
      envelopeXMm: Number(draft.envelopeXMm),
      envelopeYMm: Number(draft.envelopeYMm),
      envelopeZMm: Number(draft.envelopeZMm),
      maxPartMassKg: mass,
      toleranceMm: tolerance,
      hourlyRateMinor: Math.round(rate * minorPerMajor(currency)),
      currency,
    },
  };
}

export function checkCertificate(draft: CertificateDraft, document: { type: string; size: number } | null): { problems: Problems; input?: CertificateInput } {
  const problems: Problems = {};
  if (!draft.kind) problems.kind = 'required';
  if (draft.kind === 'other') text(problems, 'title', draft.title, 200);
  text(problems, 'number', draft.number, 100);
  text(problems, 'issuer', draft.issuer, 200);
  text(problems, 'scope', draft.scope, 2000);
  if (!isIsoDate(draft.validFrom)) problems.validFrom = 'date';
  if (!isIsoDate(draft.validUntil)) problems.validUntil = 'date';
  else if (isIsoDate(draft.validFrom) && draft.validUntil < draft.validFrom) problems.validUntil = 'untilBeforeFrom';
  if (document) {
    if (!DOCUMENT_TYPES.includes(document.type)) problems.document = 'fileType';
    else if (document.size > CERTIFICATE_MAX_BYTES) problems.document = 'fileSize';
  }
  if (Object.keys(problems).length > 0 || !draft.kind) return { problems };
  return {
    problems,
    input: {
      kind: draft.kind,
      title: draft.kind === 'other' ? draft.title.trim() : null,
      number: draft.number.trim(),
      issuer: draft.issuer.trim(),
      scope: draft.scope.trim(),
      validFrom: draft.validFrom,
      validUntil: draft.validUntil,
    },
  };
}

/** The drafts of a factory that has applied already, to edit its profile and calendar. */
export function draftsFromFactory(factory: {
  legalName: string;
  timeZone: string;
  languages: string[];
  processes: string[];
  materials: string[];
  finishes: string[];
  address: { line1: string; line2?: string | null; city: string; region?: string | null; postalCode?: string | null; country: string; latitude: number; longitude: number };
  exportControl: { itarRegistered: boolean; servesCountries?: string[] | null; notes?: string | null };
  workingCalendar: { shifts: ShiftDraft[]; holidays: HolidayDraft[] };
}): { profile: ProfileDraft; calendar: CalendarDraft } {
  const { address, exportControl } = factory;
  return {
    profile: {
      legalName: factory.legalName,
      line1: address.line1,
      line2: address.line2 ?? '',
      city: address.city,
      region: address.region ?? '',
      postalCode: address.postalCode ?? '',
      country: address.country,
      latitude: String(address.latitude),
      longitude: String(address.longitude),
      timeZone: factory.timeZone,
      languages: factory.languages.join(', '),
      processes: [...factory.processes],
      materials: [...factory.materials],
      finishes: [...factory.finishes],
      itarRegistered: exportControl.itarRegistered,
      servesCountries: (exportControl.servesCountries ?? []).join(', '),
      exportNotes: exportControl.notes ?? '',
    },
    calendar: {
      shifts: factory.workingCalendar.shifts.map((shift) => ({ start: shift.start, end: shift.end, weekdays: [...shift.weekdays] })),
      holidays: factory.workingCalendar.holidays.map((holiday) => ({ date: holiday.date, name: holiday.name })),
    },
  };
}

/** Which wizard step a factory should land on: the first one that is not done. */
export type WizardStep = 'profile' | 'calendar' | 'machines' | 'certificates' | 'review';
export const WIZARD_STEPS: WizardStep[] = ['profile', 'calendar', 'machines', 'certificates', 'review'];

export function firstOpenStep(factory: { machines: unknown[]; certificates: unknown[] } | null | undefined): WizardStep {
  if (!factory) return 'profile';
  if (factory.machines.length === 0) return 'machines';
  if (factory.certificates.length === 0) return 'certificates';
  return 'review';
}
