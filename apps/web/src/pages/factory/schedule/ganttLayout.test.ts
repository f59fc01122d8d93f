import { describe, expect, it } from 'vitest';
import { assignLanes, layoutGantt, ticks, timeScale, timeWindow, type GanttJob, type GanttOperation } from './ganttLayout';

const day = (d: number, hour = 0) => new Date(Date.UTC(2026, 10, d, hour)).toISOString();

function op(partial: Partial<GanttOperation> & Pick<GanttOperation, 'jobLineId' | 'unit' | 'start' | 'end'>): GanttOperation {
  return { operation: 'machining', operationIndex: 0, machineId: partial.unit.startsWith('bench') ? null : partial.unit.split('#')[0], machineClass: 'cnc', frozen: false, ...partial };
}

describe('timeScale', () => {
  it('maps the window linearly onto the width and clamps outside it', () => {
    const x = timeScale(1000, 3000, 200);
    expect(x(1000)).toBe(0);
    expect(x(2000)).toBe(100);
    expect(x(3000)).toBe(200);
    expect(x(0)).toBe(0);
    expect(x(9000)).toBe(200);
  });
});

describe('assignLanes', () => {
  it('stacks overlapping intervals and lets back-to-back ones share a lane', () => {
    const { lanes, count } = assignLanes([
      { start: 0, end: 10 },
      { start: 5, end: 15 }, // overlaps the first
      { start: 10, end: 20 }, // starts when the first ends
      { start: 6, end: 9 }, // overlaps both
    ]);
    expect(count).toBe(3);
    expect(lanes[0]).toBe(0);
    expect(lanes[1]).toBe(1);
    expect(lanes[2]).toBe(0);
    expect(lanes[3]).toBe(2);
  });

  it('needs one lane for an empty row', () => {
    expect(assignLanes([]).count).toBe(1);
  });
});

describe('timeWindow and ticks', () => {
  it('spans whole days from now or the first start to past the last end and any at-risk due date', () => {
    const now = Date.parse(day(2, 9));
    const operations = [op({ jobLineId: 'a', unit: 'm1#1', start: day(3, 8), end: day(4, 17) })];
    const jobs: GanttJob[] = [{ jobLineId: 'a', dueDate: day(10), promisedShipDate: day(5), atRisk: true }];
    expect(timeWindow(operations, jobs, now)).toEqual({ from: Date.parse(day(2)), to: Date.parse(day(11)) });
    expect(timeWindow(operations, [{ ...jobs[0], atRisk: false }], now).to).toBe(Date.parse(day(5)));
  });

  it('ticks daily over short windows and on Mondays over long ones', () => {
    const x = timeScale(0, 1, 1);
    expect(ticks(Date.parse(day(1)), Date.parse(day(8)), x)).toHaveLength(8);
    const weekly = ticks(Date.parse(day(1)), Date.parse(day(1)) + 60 * 86_400_000, x);
    expect(weekly.every((tick) => new Date(tick.time).getUTCDay() === 1)).toBe(true);
    expect(weekly.length).toBeGreaterThanOrEqual(8);
  });
});

describe('layoutGantt', () => {
  const now = Date.parse(day(1));
  const operations = [
    op({ jobLineId: 'late', unit: 'm2#1', start: day(1, 12), end: day(2) }),
    op({ jobLineId: 'fine', unit: 'm1#2', start: day(1), end: day(1, 12) }),
    op({ jobLineId: 'late', unit: 'bench:deburr#1', operation: 'deburr', operationIndex: 1, start: day(2), end: day(2, 6) }),
    op({ jobLineId: 'fine', unit: 'm1#1', start: day(1, 6), end: day(1, 18) }),
    op({ jobLineId: 'other', unit: 'm1#1', start: day(1, 12), end: day(2, 12) }), // overlaps the one above
  ];
  const jobs: GanttJob[] = [
    { jobLineId: 'late', dueDate: day(1, 20), promisedShipDate: day(2, 6), atRisk: true },
    { jobLineId: 'fine', dueDate: day(5), promisedShipDate: day(2), atRisk: false },
    { jobLineId: 'other', dueDate: day(5), promisedShipDate: day(3), atRisk: false },
  ];
  const layout = layoutGantt(operations, jobs, { width: 900, now, laneHeight: 20, rowGap: 10 });

  it('puts one row per machine unit, machines in order and the bench last', () => {
    expect(layout.rows.map((row) => row.unit)).toEqual(['m1#1', 'm1#2', 'm2#1', 'bench:deburr#1']);
    expect(layout.rows.map((row) => row.unitNumber)).toEqual([1, 2, 1, 1]);
  });

  it('stacks overlapping bars of one unit in lanes and grows the row', () => {
    const row = layout.rows[0];
    expect(row.lanes).toBe(2);
    expect(row.height).toBe(40);
    expect(row.bars.map((bar) => bar.lane).sort()).toEqual([0, 1]);
    expect(layout.rows[1].y).toBe(50); // 40 + gap
    expect(layout.height).toBe(50 + 20 + 10 + 20 + 10 + 20);
  });

  it('places bars by time and marks every bar of an at-risk job', () => {
    const window = layout.to - layout.from;
    const late = layout.rows.flatMap((row) => row.bars).filter((bar) => bar.operation.jobLineId === 'late');
    expect(late).toHaveLength(2);
    expect(late.every((bar) => bar.atRisk)).toBe(true);
    const first = layout.rows[2].bars[0];
    expect(first.x).toBeCloseTo(((Date.parse(day(1, 12)) - layout.from) / window) * 900);
    expect(first.width).toBeCloseTo((12 * 3_600_000 / window) * 900);
    expect(layout.rows[1].bars[0].atRisk).toBe(false);
    expect(layout.dueMarkers).toEqual([{ jobLineId: 'late', x: ((Date.parse(day(1, 20)) - layout.from) / window) * 900 }]);
  });

  it('keeps a very short operation visible', () => {
    const short = layoutGantt([op({ jobLineId: 'a', unit: 'm1#1', start: day(1, 1), end: new Date(Date.parse(day(1, 1)) + 60_000).toISOString() })], [], { width: 500, now, minBarWidth: 4 });
    expect(short.rows[0].bars[0].width).toBe(4);
  });

  it('shows an empty week from today when nothing is planned', () => {
    const empty = layoutGantt([], [], { width: 700, now: Date.parse(day(3, 15)) });
    expect(empty.rows).toEqual([]);
    expect(empty.from).toBe(Date.parse(day(3)));
    expect(empty.to - empty.from).toBe(7 * 86_400_000);
    expect(empty.nowX).toBeCloseTo((15 / (7 * 24)) * 700);
  });
});
