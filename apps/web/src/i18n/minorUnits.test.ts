import { describe, expect, it } from 'vitest';
import { fromMinor, toMinor } from './minorUnits';

describe('minor units', () => {
  it('converts with the currency’s own decimals', () => {
    expect(toMinor('85.5', 'EUR')).toBe(8550);
    expect(toMinor('12,34', 'USD')).toBe(1234);
    expect(toMinor('9000', 'JPY')).toBe(9000);
    expect(toMinor('150000', 'VND')).toBe(150000);
    expect(fromMinor(8550, 'EUR')).toBe('85.5');
    expect(fromMinor(9000, 'JPY')).toBe('9000');
  });

  it('refuses what is not an amount', () => {
    expect(toMinor('', 'EUR')).toBeNull();
    expect(toMinor('-1', 'EUR')).toBeNull();
    expect(toMinor('ten', 'EUR')).toBeNull();
  });
});
