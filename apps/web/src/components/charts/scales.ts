/** Scales and ticks for the small SVG charts (no chart library: a few lines of arithmetic). */

export interface LinearScale {
  (value: number): number;
  domain: [number, number];
  ticks: number[];
}

/** A "nice" step for about `count` ticks over `span`: 1, 2 or 5 × a power of ten. */
export function niceStep(span: number, count = 4): number {
  if (!(span > 0)) return 1;
  const raw = span / count;
  const power = 10 ** Math.floor(Math.log10(raw));
  const fraction = raw / power;
  return (fraction <= 1 ? 1 : fraction <= 2 ? 2 : fraction <= 5 ? 5 : 10) * power;
}

/**
 * Maps [0, max] onto [rangeStart, rangeEnd] (for SVG y: bottom → top), the top rounded up to a nice tick.
 * An all-zero series still gets a scale with one step, so empty charts draw an axis, not NaN.
 */
export function linearScale(maxValue: number, rangeStart: number, rangeEnd: number, options: { count?: number; fixedMax?: number; step?: number; integer?: boolean } = {}): LinearScale {
  let step = options.step ?? (options.fixedMax !== undefined ? niceStep(options.fixedMax, options.count) : niceStep(Math.max(maxValue, 0), options.count));
  if (options.integer) step = Math.max(1, Math.ceil(step));
  const top = options.fixedMax ?? Math.max(step, Math.ceil(Math.max(maxValue, 0) / step) * step);
  const scale = ((value: number) => rangeStart + ((Math.min(Math.max(value, 0), top) / top) * (rangeEnd - rangeStart))) as LinearScale;
  scale.domain = [0, top];
  const ticks: number[] = [];
  for (let tick = 0; tick <= top + step / 1e6; tick += step) ticks.push(Number(tick.toFixed(10)));
  scale.ticks = ticks;
  return scale;
}

/** Band positions of `count` bars over `width`: x and width of each, with a gap between them. */
export function bands(count: number, width: number, gapRatio = 0.2): Array<{ x: number; width: number }> {
  if (count <= 0) return [];
  const band = width / count;
  const gap = Math.min(band * gapRatio, 8);
  return Array.from({ length: count }, (_, index) => ({ x: index * band + gap / 2, width: Math.max(band - gap, 1) }));
}

/** Which of `count` labels to print so that at most `max` show, always the first and the last. */
export function labelEvery(count: number, max: number): (index: number) => boolean {
  if (count <= max) return () => true;
  const every = Math.ceil(count / max);
  return (index) => index === count - 1 || (index % every === 0 && count - 1 - index >= every / 2);
}

/** Rates per day → points of a line, leaving gaps on days without data (null). */
export function linePath(values: Array<number | null>, x: (index: number) => number, y: (value: number) => number): string {
  let path = '';
  let pen = false;
  values.forEach((value, index) => {
    if (value === null || Number.isNaN(value)) {
      pen = false;
      return;
    }
    path += `${pen ? 'L' : 'M'}${x(index).toFixed(1)},${y(value).toFixed(1)}`;
    pen = true;
  });
  return path;
}
