import { factoryAlias } from './thread-alias';

describe('factoryAlias', () => {
  it('names factories A … Z, then AA, AB …, each name once', () => {
    expect([0, 1, 25, 26, 27, 51, 52, 701, 702].map(factoryAlias)).toEqual([
      'Factory A', 'Factory B', 'Factory Z', 'Factory AA', 'Factory AB', 'Factory AZ', 'Factory BA', 'Factory ZZ', 'Factory AAA',
    ]);
    const names = new Set(Array.from({ length: 2000 }, (_, i) => factoryAlias(i)));
    expect(names.size).toBe(2000);
  });

  it('refuses a negative or fractional index', () => {
    expect(() => factoryAlias(-1)).toThrow(RangeError);
    expect(() => factoryAlias(1.5)).toThrow(RangeError);
  });
});
