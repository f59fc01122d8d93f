/** The demo marketplace: who exists after `npm start`. Everyone shares DEMO_PASSWORD. */
export const DEMO_PASSWORD = 'partsmith-demo';

export interface DemoOrganization {
  slug: string;
  kind: 'designer' | 'factory' | 'platform';
  name: string;
  country: string;
  /** Suspended organisations carry their reason. */
  suspendedReason?: string;
  members: Array<{ email: string; displayName: string; role: 'designer' | 'factory_admin' | 'factory_member' | 'operator' }>;
}

export const DEMO_ORGANIZATIONS: DemoOrganization[] = [
  {
    slug: 'partsmith-operations',
    kind: 'platform',
    name: 'Partsmith Operations',
    country: 'NL',
    members: [{ email: 'operator@partsmith.test', displayName: 'Olga Operator', role: 'operator' }],
  },
  {
    slug: 'aurora-robotics',
    kind: 'designer',
    name: 'Aurora Robotics',
    country: 'SE',
    members: [
      { email: 'designer@aurora.test', displayName: 'Dana Designer', role: 'designer' },
      { email: 'mech@aurora.test', displayName: 'Mika Mechanical', role: 'designer' },
    ],
  },
  {
    slug: 'kestrel-medical',
    kind: 'designer',
    name: 'Kestrel Medical Devices',
    country: 'US',
    members: [{ email: 'designer@kestrel.test', displayName: 'Kai Kestrel', role: 'designer' }],
  },
  ...[
    ['precision-works-stuttgart', 'Precision Works Stuttgart GmbH', 'DE', 'stuttgart'],
    ['great-lakes-machining', 'Great Lakes Machining LLC', 'US', 'greatlakes'],
    ['shenzhen-rapid-mfg', 'Shenzhen Rapid Manufacturing Co.', 'CN', 'shenzhen'],
    ['krakow-additive', 'Kraków Additive Sp. z o.o.', 'PL', 'krakow'],
    ['monterrey-metalworks', 'Monterrey Metalworks S.A. de C.V.', 'MX', 'monterrey'],
    ['pune-precision', 'Pune Precision Engineering Pvt Ltd', 'IN', 'pune'],
    ['osaka-micro-molding', 'Osaka Micro Molding K.K.', 'JP', 'osaka'],
    ['porto-sheet-metal', 'Porto Sheet Metal Lda', 'PT', 'porto'],
    ['brno-cnc-cluster', 'Brno CNC Cluster s.r.o.', 'CZ', 'brno'],
    ['saigon-print-farm', 'Saigon Print Farm JSC', 'VN', 'saigon'],
  ].map(([slug, name, country, handle]): DemoOrganization => ({
    slug,
    kind: 'factory',
    name,
    country,
    ...(slug === 'saigon-print-farm' ? { suspendedReason: 'Inspection reports did not match delivered parts (demo)' } : {}),
    members: [
      { email: `admin@${handle}.test`, displayName: `${name.split(' ')[0]} Admin`, role: 'factory_admin' },
      { email: `shop@${handle}.test`, displayName: `${name.split(' ')[0]} Shop Floor`, role: 'factory_member' },
    ],
  })),
];
