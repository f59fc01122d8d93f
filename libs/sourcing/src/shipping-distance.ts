import { DEFAULT_CATALOG } from '@partsmith/pricing';
import { countryCentre, greatCircleKm, type LatLon } from '@partsmith/platform';

/** The distance and shipping carbon of sending a job's parts from a factory, for the matching scores. */
export interface ShippingTerms {
  distanceKm?: number;
  carbonKg?: number;
}

/**
 * From the factory's location to the centre of the delivery country (a shipping address has no coordinates),
 * by road: km, and kg CO2e = shipped mass (parts × the catalog's packaging factor) × km × road kg/(t·km). An
 * unknown delivery country or factory location gives no terms (left out of the score, not guessed); an unknown
 * mass gives the distance only, and the scoring's own per-km weight prices it.
 */
export function shippingTerms(factory: LatLon | null | undefined, deliveryCountry: string | null, partMassKg: number | null, quantity: number): ShippingTerms {
  const destination = countryCentre(deliveryCountry);
  if (!factory || !destination || !Number.isFinite(factory.latitude) || !Number.isFinite(factory.longitude)) return {};
  const distanceKm = Math.round(greatCircleKm(factory, destination));
  if (partMassKg === null || !(partMassKg >= 0)) return { distanceKm };
  const shippedTonnes = (partMassKg * quantity * DEFAULT_CATALOG.packagingMassFactor) / 1000;
  return { distanceKm, carbonKg: Math.round(shippedTonnes * distanceKm * DEFAULT_CATALOG.shippingKgPerTonneKm.road * 1000) / 1000 };
}
