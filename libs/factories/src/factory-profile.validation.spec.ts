import { isIsoDate, isTimeZone, validateCertificate, validateMachine, validateProfile } from './factory-profile.validation';
import type { CertificateInput, FactoryProfileInput, MachineInput } from './dto/factory.inputs';
import { CertificateKindEnum } from './entities/enums';

const profile = (overrides: Partial<FactoryProfileInput> = {}): FactoryProfileInput => ({
  legalName: 'Testwerk GmbH',
  address: { line1: 'Hauptstraße 1', city: 'Ulm', country: 'DE', latitude: 48.4, longitude: 9.99 },
  timeZone: 'Europe/Berlin',
  languages: ['de'],
  processes: ['cnc_turning'],
  materials: ['brass_c360'],
  finishes: [],
  workingCalendar: { shifts: [{ weekdays: [1, 2, 3, 4, 5], start: '22:00', end: '06:00' }], holidays: [] },
  ...overrides,
});

const machine = (overrides: Partial<MachineInput> = {}): MachineInput => ({
  process: 'cnc_turning',
  make: 'INDEX',
  model: 'B400',
  envelopeXMm: 400,
  envelopeYMm: 200,
  envelopeZMm: 200,
  maxPartMassKg: 40,
  toleranceMm: 0.01,
  hourlyRateMinor: 8500,
  currency: 'EUR',
  count: 1,
  ...overrides,
});

describe('factory input validation', () => {
  it('accepts a complete profile, including a night shift that ends the next day', () => {
    expect(validateProfile(profile())).toBeUndefined();
  });

  it('names the field and the fix', () => {
    expect(validateProfile(profile({ materials: ['unobtainium'] }))).toEqual({ field: 'materials', message: expect.stringContaining('Unknown materials code "unobtainium"') });
    expect(validateProfile(profile({ processes: [] }))?.field).toBe('processes');
    expect(validateProfile(profile({ processes: ['fdm', 'fdm'] }))?.message).toContain('twice');
    expect(validateProfile(profile({ languages: ['German'] }))?.field).toBe('languages');
    expect(validateProfile(profile({ workingCalendar: { shifts: [], holidays: [] } }))?.field).toBe('workingCalendar.shifts');
    expect(validateProfile(profile({ workingCalendar: { shifts: [{ weekdays: [1], start: '25:00', end: '06:00' }], holidays: [] } }))?.message).toContain('HH:MM');
    expect(validateProfile(profile({ workingCalendar: { shifts: [{ weekdays: [1], start: '06:00', end: '14:00' }], holidays: [{ date: '2026-02-30', name: 'x' }] } }))?.field).toBe(
      'workingCalendar.holidays[0]',
    );
    expect(validateProfile(profile({ exportControl: { itarRegistered: false, servesCountries: ['usa'] } }))?.field).toBe('exportControl.servesCountries');
  });

  it('only lets a factory list machines for processes it offers', () => {
    expect(validateMachine(machine(), ['cnc_turning'])).toBeUndefined();
    expect(validateMachine(machine({ process: 'sla' }), ['cnc_turning'])?.message).toContain('not among this factory');
    expect(validateMachine(machine({ envelopeZMm: 0 }), ['cnc_turning'])?.field).toBe('envelope');
    expect(validateMachine(machine({ hourlyRateMinor: 85.5 }), ['cnc_turning'])?.field).toBe('hourlyRateMinor');
  });

  it('checks certificate dates and the title of "other" certificates', () => {
    const base: CertificateInput = { kind: CertificateKindEnum.iso_9001, number: 'Q-1', issuer: 'TÜV', scope: 'Machining', validFrom: '2025-01-01', validUntil: '2028-01-01' };
    expect(validateCertificate(base)).toBeUndefined();
    expect(validateCertificate({ ...base, validUntil: '2024-12-31' })?.field).toBe('validUntil');
    expect(validateCertificate({ ...base, kind: CertificateKindEnum.other })?.field).toBe('title');
    expect(isIsoDate('2028-02-29')).toBe(true);
    expect(isIsoDate('2027-02-29')).toBe(false);
    expect(isTimeZone('Asia/Ho_Chi_Minh')).toBe(true);
    expect(isTimeZone('Europe/Atlantis')).toBe(false);
  });
});
