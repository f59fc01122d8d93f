import { countryCentre, greatCircleKm } from '@partsmith/platform';
import { shippingTerms } from './shipping-distance';

describe('shippingTerms', () => {
  const ulm = { latitude: 48.4, longitude: 9.99 };
  const hanoi = { latitude: 21.03, longitude: 105.85 };

  it('distance to the delivery country’s centre, and road carbon from the shipped mass', () => {
    const terms = shippingTerms(ulm, 'DE', 0.2, 100);
    expect(terms.distanceKm).toBe(Math.round(greatCircleKm(ulm, countryCentre('DE')!)));
    // 0.2 kg × 100 parts × 1.25 packaging = 25 kg = 0.025 t, × km × 0.11 kg/(t·km)
    expect(terms.carbonKg).toBeCloseTo(0.025 * terms.distanceKm! * 0.11, 3);
  });

  it('a far factory scores more distance and more carbon than a near one', () => {
    const near = shippingTerms(ulm, 'AT', 1, 10);
    const far = shippingTerms(hanoi, 'AT', 1, 10);
    expect(far.distanceKm!).toBeGreaterThan(8 * near.distanceKm!);
    expect(far.carbonKg!).toBeGreaterThan(near.carbonKg!);
  });

  it('leaves terms out when the destination, the location or the mass is unknown', () => {
    expect(shippingTerms(ulm, null, 1, 1)).toEqual({});
    expect(shippingTerms(ulm, 'XX', 1, 1)).toEqual({});
    expect(shippingTerms(null, 'DE', 1, 1)).toEqual({});
    expect(shippingTerms({ latitude: NaN, longitude: 0 }, 'DE', 1, 1)).toEqual({});
    expect(shippingTerms(ulm, 'DE', null, 1)).toEqual({ distanceKm: expect.any(Number) });
  });
});
