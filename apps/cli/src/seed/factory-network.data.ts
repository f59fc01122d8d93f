/**
 * The demo factory network: a realistic profile for each demo factory (demo-data.ts), with machines of
 * real makes and work envelopes, certificates in every state, probation, one suspension and a history
 * of outcomes that the scorecards are computed from.
 */
export interface DemoMachine {
  process: string;
  make: string;
  model: string;
  envelope: [number, number, number];
  maxPartMassKg: number;
  toleranceMm: number;
  hourlyRate: number; // major units of the factory currency
  count: number;
}

export interface DemoCertificate {
  kind: 'iso_9001' | 'as9100d' | 'iso_13485' | 'iatf_16949' | 'iso_14001' | 'itar_registration' | 'other';
  title?: string;
  issuer: string;
  scope: string;
  status: 'pending' | 'verified' | 'rejected' | 'expired';
  /** Days from the day the seed runs to the last valid day (negative = already past). */
  validForDays: number;
  note?: string;
  withDocument: boolean;
}

export interface DemoHistory {
  jobs: number;
  onTime: number; // probability
  clean: number;
  rework: number;
  responseMinutes: number; // typical
  acceptance: number;
  stars: number; // typical 1..5
}

export interface DemoFactory {
  slug: string;
  legalName: string;
  address: { line1: string; city: string; postalCode: string; region: string; latitude: number; longitude: number };
  timeZone: string;
  languages: string[];
  processes: string[];
  materials: string[];
  finishes: string[];
  shifts: Array<{ weekdays: number[]; start: string; end: string }>;
  holidays: Array<{ date: string; name: string }>;
  itarRegistered?: boolean;
  servesCountries?: string[];
  exportNotes?: string;
  status: 'applied' | 'under_review' | 'approved' | 'rejected' | 'suspended';
  statusReason?: string;
  onProbation: boolean;
  currency: string;
  machines: DemoMachine[];
  certificates: DemoCertificate[];
  history: DemoHistory;
}

const weekdays = [1, 2, 3, 4, 5];
const twoShifts = [
  { weekdays, start: '06:00', end: '14:00' },
  { weekdays, start: '14:00', end: '22:00' },
];

export const DEMO_FACTORY_NETWORK: DemoFactory[] = [
  {
    slug: 'precision-works-stuttgart',
    legalName: 'Precision Works Stuttgart GmbH',
    address: { line1: 'Motorstraße 25', city: 'Stuttgart', postalCode: '70499', region: 'Baden-Württemberg', latitude: 48.8262, longitude: 9.1016 },
    timeZone: 'Europe/Berlin',
    languages: ['de', 'en'],
    processes: ['cnc_milling_3axis', 'cnc_milling_5axis', 'cnc_turning'],
    materials: ['aluminum_6061', 'aluminum_7075', 'stainless_304', 'stainless_316l', 'steel_4140', 'titanium_ti6al4v', 'peek'],
    finishes: ['as_machined', 'bead_blast', 'anodize_type_ii', 'anodize_type_iii', 'passivated'],
    shifts: twoShifts,
    holidays: [{ date: '2026-12-24', name: 'Heiligabend' }, { date: '2026-12-25', name: '1. Weihnachtstag' }, { date: '2026-12-26', name: '2. Weihnachtstag' }],
    status: 'approved',
    onProbation: false,
    currency: 'EUR',
    machines: [
      { process: 'cnc_milling_5axis', make: 'DMG Mori', model: 'DMU 50 3rd Gen', envelope: [650, 520, 475], maxPartMassKg: 300, toleranceMm: 0.005, hourlyRate: 115, count: 2 },
      { process: 'cnc_milling_5axis', make: 'Hermle', model: 'C 42 U', envelope: [800, 800, 550], maxPartMassKg: 1400, toleranceMm: 0.005, hourlyRate: 135, count: 1 },
      { process: 'cnc_milling_3axis', make: 'Haas', model: 'VF-2', envelope: [762, 406, 508], maxPartMassKg: 1360, toleranceMm: 0.01, hourlyRate: 75, count: 3 },
      { process: 'cnc_turning', make: 'INDEX', model: 'G220', envelope: [600, 220, 220], maxPartMassKg: 50, toleranceMm: 0.005, hourlyRate: 95, count: 1 },
    ],
    certificates: [
      { kind: 'iso_9001', issuer: 'TÜV SÜD Management Service GmbH', scope: 'CNC machining of precision metal and polymer components', status: 'verified', validForDays: 640, withDocument: true },
      { kind: 'as9100d', issuer: 'DEKRA Certification GmbH', scope: 'Machining of flight hardware components', status: 'verified', validForDays: 410, withDocument: true },
      { kind: 'iso_14001', issuer: 'TÜV SÜD Management Service GmbH', scope: 'Environmental management, Stuttgart site', status: 'verified', validForDays: 900, withDocument: true },
    ],
    history: { jobs: 60, onTime: 0.97, clean: 0.98, rework: 0.01, responseMinutes: 25, acceptance: 0.85, stars: 4.8 },
  },
  {
    slug: 'great-lakes-machining',
    legalName: 'Great Lakes Machining LLC',
    address: { line1: '4400 Clay Ave SW', city: 'Grand Rapids', postalCode: '49548', region: 'Michigan', latitude: 42.8773, longitude: -85.6792 },
    timeZone: 'America/Detroit',
    languages: ['en'],
    processes: ['cnc_milling_3axis', 'cnc_milling_5axis', 'cnc_turning'],
    materials: ['aluminum_6061', 'aluminum_7075', 'stainless_304', 'stainless_316l', 'steel_1018', 'steel_4140', 'titanium_ti6al4v', 'inconel_718'],
    finishes: ['as_machined', 'bead_blast', 'anodize_type_ii', 'anodize_type_iii', 'black_oxide', 'passivated'],
    shifts: [...twoShifts, { weekdays: [6], start: '07:00', end: '13:00' }],
    holidays: [{ date: '2026-11-26', name: 'Thanksgiving' }, { date: '2026-12-25', name: 'Christmas Day' }],
    itarRegistered: true,
    servesCountries: ['US', 'CA'],
    exportNotes: 'ITAR registered with DDTC; controlled technical data stays on US servers and US persons only.',
    status: 'approved',
    onProbation: false,
    currency: 'USD',
    machines: [
      { process: 'cnc_milling_3axis', make: 'Haas', model: 'VF-4SS', envelope: [1270, 508, 635], maxPartMassKg: 1800, toleranceMm: 0.0127, hourlyRate: 95, count: 4 },
      { process: 'cnc_milling_5axis', make: 'Haas', model: 'UMC-750SS', envelope: [762, 508, 508], maxPartMassKg: 300, toleranceMm: 0.0127, hourlyRate: 140, count: 2 },
      { process: 'cnc_turning', make: 'Okuma', model: 'LB3000 EX II', envelope: [500, 320, 320], maxPartMassKg: 200, toleranceMm: 0.01, hourlyRate: 110, count: 2 },
    ],
    certificates: [
      { kind: 'iso_9001', issuer: 'NSF-ISR', scope: 'Precision CNC machining', status: 'verified', validForDays: 520, withDocument: true },
      { kind: 'as9100d', issuer: 'NSF-ISR', scope: 'Machining of aerospace and defense components', status: 'verified', validForDays: 520, withDocument: true },
      { kind: 'itar_registration', issuer: 'U.S. Department of State, DDTC', scope: 'Manufacturer registration (M-code on file)', status: 'verified', validForDays: 250, withDocument: true },
    ],
    history: { jobs: 45, onTime: 0.93, clean: 0.95, rework: 0.02, responseMinutes: 90, acceptance: 0.7, stars: 4.6 },
  },
  {
    slug: 'shenzhen-rapid-mfg',
    legalName: 'Shenzhen Rapid Manufacturing Co., Ltd.',
    address: { line1: '18 Gongye 2nd Road, Bao\'an District', city: 'Shenzhen', postalCode: '518101', region: 'Guangdong', latitude: 22.5726, longitude: 113.8825 },
    timeZone: 'Asia/Shanghai',
    languages: ['zh', 'en'],
    processes: ['cnc_milling_3axis', 'injection_molding', 'urethane_casting', 'sla', 'sheet_laser_bending'],
    materials: ['aluminum_6061', 'stainless_304', 'abs', 'pc', 'pom_c', 'pp', 'resin_standard', 'resin_tough', 'pu_elastomer'],
    finishes: ['as_machined', 'bead_blast', 'anodize_type_ii', 'painted', 'polish', 'sanded'],
    shifts: [{ weekdays: [1, 2, 3, 4, 5, 6], start: '08:00', end: '20:00' }, { weekdays: [1, 2, 3, 4, 5, 6], start: '20:00', end: '08:00' }],
    holidays: [{ date: '2027-02-06', name: 'Spring Festival' }, { date: '2027-02-07', name: 'Spring Festival' }, { date: '2027-02-08', name: 'Spring Festival' }],
    status: 'approved',
    onProbation: false,
    currency: 'CNY',
    machines: [
      { process: 'cnc_milling_3axis', make: 'FANUC', model: 'ROBODRILL α-D21MiB5', envelope: [700, 400, 330], maxPartMassKg: 300, toleranceMm: 0.02, hourlyRate: 260, count: 12 },
      { process: 'injection_molding', make: 'Haitian', model: 'MA1600/540', envelope: [410, 410, 400], maxPartMassKg: 0.3, toleranceMm: 0.05, hourlyRate: 320, count: 6 },
      { process: 'sla', make: 'UnionTech', model: 'Lite 600HD', envelope: [600, 600, 400], maxPartMassKg: 10, toleranceMm: 0.1, hourlyRate: 150, count: 4 },
      { process: 'urethane_casting', make: 'MK Technology', model: 'MultiStep 4/01', envelope: [900, 700, 700], maxPartMassKg: 8, toleranceMm: 0.3, hourlyRate: 120, count: 2 },
      { process: 'sheet_laser_bending', make: 'Han\'s Laser', model: 'G3015HF', envelope: [3000, 1500, 20], maxPartMassKg: 700, toleranceMm: 0.1, hourlyRate: 300, count: 1 },
    ],
    certificates: [
      { kind: 'iso_9001', issuer: 'SGS-CSTC Standards Technical Services', scope: 'CNC machining, injection molding, rapid prototyping', status: 'verified', validForDays: 300, withDocument: true },
      { kind: 'iatf_16949', issuer: 'SGS-CSTC Standards Technical Services', scope: 'Injection molded automotive interior parts', status: 'pending', validForDays: 1000, withDocument: true },
    ],
    history: { jobs: 80, onTime: 0.86, clean: 0.92, rework: 0.04, responseMinutes: 15, acceptance: 0.92, stars: 4.3 },
  },
  {
    slug: 'krakow-additive',
    legalName: 'Kraków Additive Sp. z o.o.',
    address: { line1: 'ul. Półłanki 18', city: 'Kraków', postalCode: '30-740', region: 'Małopolskie', latitude: 50.0357, longitude: 20.0278 },
    timeZone: 'Europe/Warsaw',
    languages: ['pl', 'en', 'de'],
    processes: ['sls', 'mjf', 'fdm', 'dmls'],
    materials: ['pa12', 'pa12_gf', 'pa11', 'tpu', 'pla', 'petg', 'titanium_ti6al4v', 'stainless_316l'],
    finishes: ['bead_blast', 'dyed', 'vapor_smoothing', 'sanded'],
    shifts: [{ weekdays: [1, 2, 3, 4, 5, 6, 7], start: '00:00', end: '23:59' }],
    holidays: [{ date: '2026-12-25', name: 'Boże Narodzenie' }],
    status: 'approved',
    onProbation: true,
    currency: 'PLN',
    machines: [
      { process: 'sls', make: 'EOS', model: 'P 396', envelope: [340, 340, 600], maxPartMassKg: 5, toleranceMm: 0.3, hourlyRate: 180, count: 2 },
      { process: 'mjf', make: 'HP', model: 'Jet Fusion 5200', envelope: [380, 284, 380], maxPartMassKg: 5, toleranceMm: 0.3, hourlyRate: 210, count: 1 },
      { process: 'dmls', make: 'EOS', model: 'M 290', envelope: [250, 250, 325], maxPartMassKg: 25, toleranceMm: 0.1, hourlyRate: 520, count: 1 },
      { process: 'fdm', make: 'UltiMaker', model: 'S7', envelope: [330, 240, 300], maxPartMassKg: 3, toleranceMm: 0.2, hourlyRate: 40, count: 8 },
    ],
    certificates: [
      { kind: 'iso_9001', issuer: 'Bureau Veritas Polska', scope: 'Additive manufacturing of polymer and metal parts', status: 'verified', validForDays: 700, withDocument: true },
      { kind: 'iso_13485', issuer: 'TÜV Rheinland Polska', scope: 'Additive manufacturing of medical device components', status: 'verified', validForDays: 20, withDocument: true },
    ],
    history: { jobs: 3, onTime: 1, clean: 1, rework: 0, responseMinutes: 40, acceptance: 0.8, stars: 4.7 },
  },
  {
    slug: 'monterrey-metalworks',
    legalName: 'Monterrey Metalworks S.A. de C.V.',
    address: { line1: 'Av. Ruiz Cortines 3050', city: 'Monterrey', postalCode: '64530', region: 'Nuevo León', latitude: 25.7011, longitude: -100.3007 },
    timeZone: 'America/Monterrey',
    languages: ['es', 'en'],
    processes: ['sheet_laser_bending', 'waterjet', 'cnc_milling_3axis'],
    materials: ['steel_1018', 'stainless_304', 'aluminum_5052', 'aluminum_6061'],
    finishes: ['powder_coat', 'zinc_plate', 'painted', 'as_machined'],
    shifts: twoShifts,
    holidays: [{ date: '2026-12-12', name: 'Día de la Virgen de Guadalupe' }, { date: '2026-12-25', name: 'Navidad' }],
    status: 'approved',
    onProbation: true,
    currency: 'MXN',
    machines: [
      { process: 'sheet_laser_bending', make: 'TRUMPF', model: 'TruLaser 3030 fiber', envelope: [3000, 1500, 25], maxPartMassKg: 900, toleranceMm: 0.1, hourlyRate: 2400, count: 2 },
      { process: 'sheet_laser_bending', make: 'Amada', model: 'HG 1303', envelope: [3110, 470, 200], maxPartMassKg: 150, toleranceMm: 0.2, hourlyRate: 1300, count: 2 },
      { process: 'waterjet', make: 'Flow', model: 'Mach 500 4020b', envelope: [4000, 2000, 200], maxPartMassKg: 2000, toleranceMm: 0.1, hourlyRate: 2100, count: 1 },
      { process: 'cnc_milling_3axis', make: 'Haas', model: 'VF-3', envelope: [1016, 508, 635], maxPartMassKg: 1360, toleranceMm: 0.02, hourlyRate: 1400, count: 1 },
    ],
    certificates: [
      { kind: 'iatf_16949', issuer: 'DQS México', scope: 'Sheet metal stampings and weldments for automotive tier-1', status: 'verified', validForDays: 480, withDocument: true },
      { kind: 'iso_9001', issuer: 'DQS México', scope: 'Sheet metal fabrication', status: 'expired', validForDays: -12, withDocument: true },
    ],
    history: { jobs: 4, onTime: 0.75, clean: 1, rework: 0, responseMinutes: 180, acceptance: 0.6, stars: 4.2 },
  },
  {
    slug: 'pune-precision',
    legalName: 'Pune Precision Engineering Pvt Ltd',
    address: { line1: 'Plot J-112, MIDC Bhosari', city: 'Pune', postalCode: '411026', region: 'Maharashtra', latitude: 18.6298, longitude: 73.8446 },
    timeZone: 'Asia/Kolkata',
    languages: ['en', 'hi', 'mr'],
    processes: ['cnc_turning', 'cnc_milling_3axis'],
    materials: ['brass_c360', 'steel_1018', 'steel_4140', 'aluminum_6061', 'stainless_304'],
    finishes: ['as_machined', 'zinc_plate', 'black_oxide'],
    shifts: [{ weekdays: [1, 2, 3, 4, 5, 6], start: '08:00', end: '16:30' }, { weekdays: [1, 2, 3, 4, 5, 6], start: '16:30', end: '01:00' }],
    holidays: [{ date: '2026-11-08', name: 'Diwali' }],
    status: 'applied',
    onProbation: true,
    currency: 'INR',
    machines: [
      { process: 'cnc_turning', make: 'Ace Micromatic', model: 'Jobber XL', envelope: [400, 200, 200], maxPartMassKg: 80, toleranceMm: 0.01, hourlyRate: 1800, count: 6 },
      { process: 'cnc_milling_3axis', make: 'BFW', model: 'Gaurav VMC 1000', envelope: [1000, 500, 500], maxPartMassKg: 600, toleranceMm: 0.015, hourlyRate: 2200, count: 2 },
    ],
    certificates: [{ kind: 'iso_9001', issuer: 'Intertek India', scope: 'Turned and milled components', status: 'pending', validForDays: 800, withDocument: true }],
    history: { jobs: 0, onTime: 1, clean: 1, rework: 0, responseMinutes: 60, acceptance: 0.5, stars: 4 },
  },
  {
    slug: 'osaka-micro-molding',
    legalName: 'Osaka Micro Molding K.K.',
    address: { line1: '2-14-7 Minamiokajima, Taisho-ku', city: 'Osaka', postalCode: '551-0021', region: 'Osaka', latitude: 34.6543, longitude: 135.4663 },
    timeZone: 'Asia/Tokyo',
    languages: ['ja', 'en'],
    processes: ['injection_molding', 'cnc_milling_5axis'],
    materials: ['peek', 'pom_c', 'pc', 'pp', 'abs', 'aluminum_7075'],
    finishes: ['as_machined', 'polish'],
    shifts: [{ weekdays, start: '08:30', end: '17:30' }],
    holidays: [{ date: '2027-01-01', name: '元日' }, { date: '2027-01-02', name: '正月' }],
    status: 'under_review',
    onProbation: true,
    currency: 'JPY',
    machines: [
      { process: 'injection_molding', make: 'Sodick', model: 'LP20EH3', envelope: [250, 250, 200], maxPartMassKg: 0.02, toleranceMm: 0.005, hourlyRate: 9000, count: 4 },
      { process: 'injection_molding', make: 'FANUC', model: 'ROBOSHOT α-S50iA', envelope: [360, 360, 300], maxPartMassKg: 0.08, toleranceMm: 0.01, hourlyRate: 11000, count: 3 },
      { process: 'cnc_milling_5axis', make: 'Makino', model: 'D200Z', envelope: [350, 300, 250], maxPartMassKg: 25, toleranceMm: 0.002, hourlyRate: 18000, count: 1 },
    ],
    certificates: [
      { kind: 'iso_13485', issuer: 'JQA Japan Quality Assurance Organization', scope: 'Micro injection molding for medical devices', status: 'pending', validForDays: 950, withDocument: true },
      { kind: 'iso_9001', issuer: 'JQA Japan Quality Assurance Organization', scope: 'Precision molding and mold making', status: 'verified', validForDays: 600, withDocument: true },
    ],
    history: { jobs: 0, onTime: 1, clean: 1, rework: 0, responseMinutes: 60, acceptance: 0.5, stars: 4 },
  },
  {
    slug: 'porto-sheet-metal',
    legalName: 'Porto Sheet Metal Lda',
    address: { line1: 'Rua da Indústria 211', city: 'Maia', postalCode: '4470-212', region: 'Porto', latitude: 41.2357, longitude: -8.6199 },
    timeZone: 'Europe/Lisbon',
    languages: ['pt', 'en', 'es'],
    processes: ['sheet_laser_bending', 'sheet_punching'],
    materials: ['steel_1018', 'stainless_304', 'stainless_316l', 'aluminum_5052', 'copper_c110'],
    finishes: ['powder_coat', 'zinc_plate', 'painted', 'bead_blast'],
    shifts: [{ weekdays, start: '07:00', end: '16:00' }],
    holidays: [{ date: '2026-12-08', name: 'Imaculada Conceição' }, { date: '2026-12-25', name: 'Natal' }],
    status: 'approved',
    onProbation: true,
    currency: 'EUR',
    machines: [
      { process: 'sheet_laser_bending', make: 'Bystronic', model: 'ByStar Fiber 3015', envelope: [3000, 1500, 25], maxPartMassKg: 890, toleranceMm: 0.1, hourlyRate: 95, count: 1 },
      { process: 'sheet_laser_bending', make: 'TRUMPF', model: 'TruBend 5130', envelope: [3230, 420, 215], maxPartMassKg: 120, toleranceMm: 0.2, hourlyRate: 70, count: 2 },
      { process: 'sheet_punching', make: 'TRUMPF', model: 'TruPunch 1000', envelope: [2500, 1250, 6], maxPartMassKg: 150, toleranceMm: 0.1, hourlyRate: 80, count: 1 },
    ],
    certificates: [
      { kind: 'iso_9001', issuer: 'APCER', scope: 'Sheet metal cutting, bending and finishing', status: 'verified', validForDays: 1000, withDocument: true },
      { kind: 'iso_14001', issuer: 'APCER', scope: 'Environmental management', status: 'pending', validForDays: 1000, withDocument: false },
    ],
    history: { jobs: 0, onTime: 1, clean: 1, rework: 0, responseMinutes: 60, acceptance: 0.5, stars: 4 },
  },
  {
    slug: 'brno-cnc-cluster',
    legalName: 'Brno CNC Cluster s.r.o.',
    address: { line1: 'Vídeňská 127', city: 'Brno', postalCode: '619 00', region: 'Jihomoravský kraj', latitude: 49.1656, longitude: 16.5925 },
    timeZone: 'Europe/Prague',
    languages: ['cs', 'en', 'de'],
    processes: ['cnc_milling_3axis', 'cnc_milling_5axis', 'cnc_turning'],
    materials: ['aluminum_6061', 'aluminum_7075', 'steel_1018', 'steel_4140', 'stainless_304', 'pom_c'],
    finishes: ['as_machined', 'anodize_type_ii', 'black_oxide'],
    shifts: twoShifts,
    holidays: [{ date: '2026-12-24', name: 'Štědrý den' }, { date: '2026-12-25', name: '1. svátek vánoční' }],
    status: 'approved',
    onProbation: false,
    currency: 'CZK',
    machines: [
      { process: 'cnc_milling_3axis', make: 'TAJMAC-ZPS', model: 'MCFV 1060', envelope: [1000, 600, 600], maxPartMassKg: 800, toleranceMm: 0.01, hourlyRate: 1500, count: 3 },
      { process: 'cnc_milling_5axis', make: 'Kovosvit MAS', model: 'MCU 450', envelope: [700, 500, 450], maxPartMassKg: 300, toleranceMm: 0.008, hourlyRate: 2300, count: 1 },
      { process: 'cnc_turning', make: 'Kovosvit MAS', model: 'SP 280 SY', envelope: [600, 280, 280], maxPartMassKg: 120, toleranceMm: 0.01, hourlyRate: 1600, count: 2 },
    ],
    certificates: [
      { kind: 'iso_9001', issuer: 'Bureau Veritas Czech Republic', scope: 'CNC machining', status: 'verified', validForDays: 365, withDocument: true },
      { kind: 'as9100d', issuer: 'Bureau Veritas Czech Republic', scope: 'General machining', status: 'rejected', validForDays: 500, withDocument: true, note: 'The certificate scope does not name aerospace machining; upload the certificate with the AS9100D scope statement.' },
    ],
    history: { jobs: 35, onTime: 0.8, clean: 0.86, rework: 0.06, responseMinutes: 300, acceptance: 0.55, stars: 3.9 },
  },
  {
    slug: 'saigon-print-farm',
    legalName: 'Saigon Print Farm JSC',
    address: { line1: '12 Tân Thuận Export Processing Zone, District 7', city: 'Ho Chi Minh City', postalCode: '700000', region: 'Ho Chi Minh', latitude: 10.7626, longitude: 106.7446 },
    timeZone: 'Asia/Ho_Chi_Minh',
    languages: ['vi', 'en'],
    processes: ['fdm', 'sla'],
    materials: ['pla', 'abs', 'petg', 'tpu', 'resin_standard'],
    finishes: ['sanded', 'painted'],
    shifts: [{ weekdays: [1, 2, 3, 4, 5, 6, 7], start: '00:00', end: '23:59' }],
    holidays: [{ date: '2027-02-06', name: 'Tết' }],
    status: 'suspended',
    statusReason: 'Inspection reports did not match delivered parts (demo)',
    onProbation: false,
    currency: 'VND',
    machines: [
      { process: 'fdm', make: 'Bambu Lab', model: 'X1 Carbon', envelope: [256, 256, 256], maxPartMassKg: 2, toleranceMm: 0.2, hourlyRate: 60000, count: 40 },
      { process: 'sla', make: 'Formlabs', model: 'Form 3L', envelope: [335, 200, 300], maxPartMassKg: 3, toleranceMm: 0.1, hourlyRate: 150000, count: 6 },
    ],
    certificates: [{ kind: 'iso_9001', issuer: 'QUACERT', scope: '3D printing services', status: 'verified', validForDays: 200, withDocument: true }],
    history: { jobs: 30, onTime: 0.7, clean: 0.6, rework: 0.15, responseMinutes: 20, acceptance: 0.95, stars: 3.1 },
  },
];
