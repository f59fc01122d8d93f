/** A point on the Earth, in decimal degrees. */
export interface LatLon {
  latitude: number;
  longitude: number;
}

const EARTH_RADIUS_KM = 6371.0088;

/** Great-circle (haversine) distance between two points, km. */
export function greatCircleKm(a: LatLon, b: LatLon): number {
  const rad = Math.PI / 180;
  const dLat = (b.latitude - a.latitude) * rad;
  const dLon = (b.longitude - a.longitude) * rad;
  const h = Math.sin(dLat / 2) ** 2 + Math.cos(a.latitude * rad) * Math.cos(b.latitude * rad) * Math.sin(dLon / 2) ** 2;
  return 2 * EARTH_RADIUS_KM * Math.asin(Math.min(1, Math.sqrt(h)));
}

/**
 * Approximate geographic centres (rounded to 0.1°) of the countries parts are most often made in or shipped to,
 * by ISO 3166-1 alpha-2 code. A shipping address carries a country, not coordinates: the distance from a factory
 * to "Germany" is taken to Germany's centre, which is within a few hundred km of any address there — enough to
 * tell a neighbouring factory from one on another continent. Countries not listed have no position (the
 * distance term is left out rather than guessed).
 */
const COUNTRY_CENTRES: Record<string, [number, number]> = {
  AE: [23.4, 53.8], AR: [-38.4, -63.6], AT: [47.5, 14.6], AU: [-25.3, 133.8], BA: [43.9, 17.7], BD: [23.7, 90.4],
  BE: [50.5, 4.5], BG: [42.7, 25.5], BR: [-14.2, -51.9], BY: [53.7, 28.0], CA: [56.1, -106.3], CH: [46.8, 8.2],
  CL: [-35.7, -71.5], CN: [35.9, 104.2], CO: [4.6, -74.3], CZ: [49.8, 15.5], DE: [51.2, 10.5], DK: [56.3, 9.5],
  EE: [58.6, 25.0], EG: [26.8, 30.8], ES: [40.5, -3.7], FI: [61.9, 25.7], FR: [46.2, 2.2], GB: [54.0, -2.0],
  GR: [39.1, 21.8], HK: [22.3, 114.2], HR: [45.1, 15.2], HU: [47.2, 19.5], ID: [-0.8, 113.9], IE: [53.4, -8.2],
  IL: [31.0, 34.9], IN: [20.6, 79.0], IS: [64.9, -19.0], IT: [41.9, 12.6], JP: [36.2, 138.3], KE: [0.0, 37.9],
  KH: [12.6, 105.0], KR: [35.9, 127.8], KZ: [48.0, 66.9], LK: [7.9, 80.8], LT: [55.2, 23.9], LU: [49.8, 6.1],
  LV: [56.9, 24.6], MA: [31.8, -7.1], MK: [41.6, 21.7], MT: [35.9, 14.4], MX: [23.6, -102.6], MY: [4.2, 102.0],
  NG: [9.1, 8.7], NL: [52.1, 5.3], NO: [60.5, 8.5], NZ: [-40.9, 174.9], PE: [-9.2, -75.0], PH: [12.9, 121.8],
  PK: [30.4, 69.3], PL: [51.9, 19.1], PT: [39.4, -8.2], RO: [45.9, 25.0], RS: [44.0, 21.0], RU: [61.5, 105.3],
  SA: [23.9, 45.1], SE: [60.1, 18.6], SG: [1.4, 103.8], SI: [46.2, 15.0], SK: [48.7, 19.7], TH: [15.9, 101.0],
  TN: [33.9, 9.5], TR: [39.0, 35.2], TW: [23.7, 121.0], UA: [48.4, 31.2], US: [39.8, -98.6], VN: [14.1, 108.3],
  ZA: [-30.6, 22.9],
};

/** The approximate centre of a country (ISO 3166-1 alpha-2, any case), or undefined when not known. */
export function countryCentre(country: string | null | undefined): LatLon | undefined {
  const centre = country ? COUNTRY_CENTRES[country.toUpperCase()] : undefined;
  return centre ? { latitude: centre[0], longitude: centre[1] } : undefined;
}
