import { describe, expect, it } from 'vitest';
import { minorPerMajor, parseAmountToMinor } from './forms';

describe('amounts typed in major units', () => {
  it('knows each currency’s minor unit', () => {
    expect(minorPerMajor('eur')).toBe(100);
    expect(minorPerMajor('JPY')).toBe(1);
    expect(minorPerMajor('KWD')).toBe(1000);
  });

  it('reads decimals with a dot or a comma, and thousands grouped by spaces, dots or commas', () => {
    expect(parseAmountToMinor('1250', 'EUR')).toBe(125_000);
    expect(parseAmountToMinor('1250.5', 'EUR')).toBe(125_050);
    expect(parseAmountToMinor('1250,50', 'EUR')).toBe(125_050);
    expect(parseAmountToMinor('1 250,50', 'EUR')).toBe(125_050);
    expect(parseAmountToMinor('1,250.50', 'EUR')).toBe(125_050);
    expect(parseAmountToMinor('1.250.000', 'EUR')).toBe(125_000_000);
    expect(parseAmountToMinor('1,250', 'EUR')).toBe(125_000);
    expect(parseAmountToMinor('12,345', 'KWD')).toBe(12_345);
    expect(parseAmountToMinor('300000', 'VND')).toBe(300_000);
  });

  it('refuses what is not a positive amount in the currency', () => {
    for (const text of ['', ' ', '0', '0.00', '-5', 'abc', '12.345.67x', '1.23.4', '5e3', '1.2.3,456,7']) expect(parseAmountToMinor(text, 'EUR')).toBeNull();
    expect(parseAmountToMinor('10.5', 'JPY')).toBeNull();
  });
});
