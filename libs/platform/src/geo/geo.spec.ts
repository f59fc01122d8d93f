import { countryCentre, greatCircleKm } from './geo';

describe('geo', () => {
  it('great-circle distances match known figures', () => {
    const paris = { latitude: 48.8566, longitude: 2.3522 };
    const london = { latitude: 51.5074, longitude: -0.1278 };
    expect(greatCircleKm(paris, london)).toBeCloseTo(343.5, -1);
    expect(greatCircleKm(london, paris)).toBeCloseTo(greatCircleKm(paris, london), 9);
    expect(greatCircleKm(paris, paris)).toBe(0);
    // a quarter of the way round the Earth along the equator, and antipodes
    expect(greatCircleKm({ latitude: 0, longitude: 0 }, { latitude: 0, longitude: 90 })).toBeCloseTo((Math.PI / 2) * 6371.0088, 3);
    expect(greatCircleKm({ latitude: 10, longitude: 20 }, { latitude: -10, longitude: -160 })).toBeCloseTo(Math.PI * 6371.0088, 3);
  });

  it('country centres: known codes in any case, unknown ones undefined', () => {
    expect(countryCentre('de')).toEqual(countryCentre('DE'));
    expect(countryCentre('XX')).toBeUndefined();
    expect(countryCentre(null)).toBeUndefined();
    // neighbours are close, other continents far
    expect(greatCircleKm(countryCentre('DE')!, countryCentre('AT')!)).toBeLessThan(700);
    expect(greatCircleKm(countryCentre('VN')!, countryCentre('DE')!)).toBeGreaterThan(8000);
    // every centre is a valid coordinate
    for (const code of ['US', 'AU', 'NZ', 'CL', 'JP', 'ZA']) {
      const c = countryCentre(code)!;
      expect(Math.abs(c.latitude)).toBeLessThanOrEqual(90);
      expect(Math.abs(c.longitude)).toBeLessThanOrEqual(180);
    }
  });
});
