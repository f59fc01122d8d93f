import { describe, expect, it } from 'vitest';
import {
  checkCalendar,
  checkCertificate,
  checkMachine,
  checkProfile,
  draftsFromFactory,
  emptyCertificate,
  emptyMachine,
  emptyProfile,
  firstOpenStep,
  toProfileInput,
  type ProfileDraft,
} from './applicationForm';

const complete: ProfileDraft = {
  ...emptyProfile(),
  legalName: 'Xưởng Cơ khí Sài Gòn',
  line1: '12 Nguyễn Huệ',
  city: 'Ho Chi Minh City',
  country: 'vn',
  latitude: '10.77',
  longitude: '106.70',
  timeZone: 'Asia/Ho_Chi_Minh',
  languages: 'vi, EN',
  processes: ['cnc_milling_3axis'],
  materials: ['al_6061'],
  servesCountries: 'vn de',
};

describe('checkProfile', () => {
  it('accepts a complete profile and builds the API input (codes normalised, lists split)', () => {
    expect(checkProfile(complete)).toEqual({});
    const input = toProfileInput(complete, { shifts: [{ start: '22:00', end: '06:00', weekdays: [5, 1, 3] }], holidays: [{ date: '2027-02-17', name: ' Tết ' }] });
    expect(input.address.country).toBe('VN');
    expect(input.address.latitude).toBe(10.77);
    expect(input.address.line2).toBeNull();
    expect(input.languages).toEqual(['vi', 'en']);
    expect(input.exportControl).toEqual({ itarRegistered: false, servesCountries: ['VN', 'DE'], notes: null });
    expect(input.workingCalendar).toEqual({ shifts: [{ start: '22:00', end: '06:00', weekdays: [1, 3, 5] }], holidays: [{ date: '2027-02-17', name: 'Tết' }] });
  });

  it('names each wrong field', () => {
    const problems = checkProfile({ ...emptyProfile(), country: 'Vietnam', latitude: '91', longitude: 'east', timeZone: 'Saigon/Nowhere', languages: 'vie', servesCountries: 'VN, Germany' });
    expect(problems).toEqual({
      legalName: 'required',
      line1: 'required',
      city: 'required',
      country: 'country',
      latitude: 'latitude',
      longitude: 'longitude',
      timeZone: 'timeZone',
      languages: 'languages',
      processes: 'pickOne',
      materials: 'pickOne',
      servesCountries: 'countries',
    });
  });

  it('round-trips a factory that has applied', () => {
    const input = toProfileInput(complete, { shifts: [{ start: '07:00', end: '15:00', weekdays: [1, 2] }], holidays: [] });
    const { profile, calendar } = draftsFromFactory({ ...input, address: input.address as never, exportControl: input.exportControl as never, finishes: input.finishes ?? [], workingCalendar: { shifts: input.workingCalendar.shifts, holidays: [] } });
    expect(toProfileInput(profile, calendar)).toEqual(input);
  });
});

describe('checkCalendar', () => {
  it('needs a shift and checks times, weekdays and holidays', () => {
    expect(checkCalendar({ shifts: [], holidays: [] })).toEqual({ shifts: 'shiftsRequired' });
    expect(checkCalendar({ shifts: [{ start: '7:00', end: '07:00', weekdays: [] }, { start: '08:00', end: '08:00', weekdays: [8] }], holidays: [{ date: '2027-02-30', name: '' }] })).toEqual({
      'shifts.0.start': 'time',
      'shifts.0.weekdays': 'weekdays',
      'shifts.1.end': 'sameStartEnd',
      'shifts.1.weekdays': 'weekdays',
      'holidays.0.date': 'date',
      'holidays.0.name': 'required',
    });
    expect(checkCalendar({ shifts: [{ start: '22:00', end: '06:00', weekdays: [7] }], holidays: [] })).toEqual({});
  });
});

describe('checkMachine', () => {
  const draft = { ...emptyMachine('cnc_milling_3axis', 'EUR'), make: 'DMG Mori', model: 'CMX 600V', envelopeXMm: '600', envelopeYMm: '560', envelopeZMm: '510', maxPartMassKg: '600', hourlyRate: '85.5' };

  it('converts the hourly rate to minor units of its currency', () => {
    expect(checkMachine(draft, ['cnc_milling_3axis']).input?.hourlyRateMinor).toBe(8550);
    expect(checkMachine({ ...draft, currency: 'jpy', hourlyRate: '9000' }, ['cnc_milling_3axis']).input).toMatchObject({ hourlyRateMinor: 9000, currency: 'JPY' });
    expect(checkMachine({ ...draft, currency: 'VND', hourlyRate: '2000000' }, ['cnc_milling_3axis']).input?.hourlyRateMinor).toBe(2_000_000);
  });

  it('refuses a process the profile does not offer and impossible numbers', () => {
    const { problems, input } = checkMachine({ ...draft, process: 'sla', envelopeZMm: '10.5', toleranceMm: '0', count: '0', currency: 'euro' }, ['cnc_milling_3axis']);
    expect(input).toBeUndefined();
    expect(problems).toEqual({ process: 'notOffered', envelopeZMm: 'positiveInteger', toleranceMm: 'tolerance', count: 'count', currency: 'currency' });
  });
});

describe('checkCertificate', () => {
  const draft = { ...emptyCertificate(), kind: 'iso_9001' as const, number: 'Q-123', issuer: 'TÜV', scope: 'CNC machining', validFrom: '2025-01-01', validUntil: '2028-01-01' };

  it('accepts a complete certificate with a PDF', () => {
    expect(checkCertificate(draft, { type: 'application/pdf', size: 200_000 })).toEqual({ problems: {}, input: { ...draft, title: null } });
  });

  it('wants a title for "other", dates in order, and a PDF or image under 20 MB', () => {
    expect(checkCertificate({ ...draft, kind: 'other', validUntil: '2024-12-31' }, { type: 'application/msword', size: 1 }).problems).toEqual({ title: 'required', validUntil: 'untilBeforeFrom', document: 'fileType' });
    expect(checkCertificate(draft, { type: 'image/jpeg', size: 21 * 1024 * 1024 }).problems).toEqual({ document: 'fileSize' });
    expect(checkCertificate({ ...emptyCertificate() }, null).problems).toMatchObject({ kind: 'required', validFrom: 'date' });
  });
});

describe('firstOpenStep', () => {
  it('lands where the application is not done yet', () => {
    expect(firstOpenStep(null)).toBe('profile');
    expect(firstOpenStep({ machines: [], certificates: [] })).toBe('machines');
    expect(firstOpenStep({ machines: [{}], certificates: [] })).toBe('certificates');
    expect(firstOpenStep({ machines: [{}], certificates: [{}] })).toBe('review');
  });
});
