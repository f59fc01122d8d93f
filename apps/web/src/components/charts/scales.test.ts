import { describe, expect, it } from 'vitest';
import { bands, labelEvery, linearScale, linePath, niceStep } from './scales';

describe('niceStep', () => {
  it('picks 1, 2 or 5 times a power of ten', () => {
    expect(niceStep(10, 4)).toBe(5); // 2.5 → 5
    expect(niceStep(100, 5)).toBe(20);
    expect(niceStep(7, 4)).toBe(2);
    expect(niceStep(0.9, 4)).toBeCloseTo(0.5);
    expect(niceStep(0)).toBe(1);
  });
});

describe('linearScale', () => {
  it('rounds the top up to a tick and maps bottom to top for SVG', () => {
    const y = linearScale(37, 200, 0, { count: 4 });
    expect(y.domain).toEqual([0, 40]);
    expect(y.ticks).toEqual([0, 10, 20, 30, 40]);
    expect(y(0)).toBe(200);
    expect(y(40)).toBe(0);
    expect(y(20)).toBe(100);
    expect(y(99)).toBe(0); // clamped
  });

  it('keeps whole-number ticks for counts and draws an axis for an empty series', () => {
    const y = linearScale(3, 100, 0, { count: 4, integer: true });
    expect(y.ticks.every(Number.isInteger)).toBe(true);
    expect(y.domain[1]).toBe(3);
    const empty = linearScale(0, 100, 0, { integer: true });
    expect(empty.domain).toEqual([0, 1]);
    expect(empty(0)).toBe(100);
  });

  it('uses a fixed top for rates', () => {
    const y = linearScale(0.4, 100, 0, { fixedMax: 1 });
    expect(y.domain).toEqual([0, 1]);
    expect(y(0.5)).toBe(50);
    expect(y.ticks).toEqual([0, 0.5, 1]);
    expect(linearScale(0.4, 100, 0, { fixedMax: 1, step: 0.25 }).ticks).toEqual([0, 0.25, 0.5, 0.75, 1]);
  });
});

describe('bands, labels and lines', () => {
  it('lays bars side by side within the width', () => {
    const laid = bands(4, 400);
    expect(laid).toHaveLength(4);
    expect(laid[0].x).toBeCloseTo(4);
    expect(laid[3].x + laid[3].width).toBeLessThanOrEqual(400);
    expect(bands(0, 400)).toEqual([]);
  });

  it('thins labels but keeps the first and last', () => {
    const show = labelEvery(30, 6);
    const shown = Array.from({ length: 30 }, (_, index) => index).filter(show);
    expect(shown[0]).toBe(0);
    expect(shown.at(-1)).toBe(29);
    expect(shown.length).toBeLessThanOrEqual(7);
    expect(Array.from({ length: 5 }, (_, index) => index).filter(labelEvery(5, 6))).toHaveLength(5);
  });

  it('breaks the line on days without data', () => {
    expect(linePath([1, null, 0.5, 0.25], (index) => index * 10, (value) => 100 - value * 100)).toBe('M0.0,0.0M20.0,50.0L30.0,75.0');
  });
});
