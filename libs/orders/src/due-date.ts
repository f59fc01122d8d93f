/** `from` plus `businessDays` working days (Monday–Friday, UTC), at the same time of day. */
export function addBusinessDays(from: Date, businessDays: number): Date {
  const date = new Date(from.getTime());
  let left = businessDays;
  while (left > 0) {
    date.setUTCDate(date.getUTCDate() + 1);
    const day = date.getUTCDay();
    if (day !== 0 && day !== 6) left -= 1;
  }
  return date;
}
