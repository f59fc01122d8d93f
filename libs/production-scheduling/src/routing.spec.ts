import fc from 'fast-check';
import { validateSchedule, solveSchedule } from '@partsmith/scheduling';
import { BENCH_CLASSES, deriveRouting, MACHINE_CLASS_OF_PROCESS, resolveMachineClass, routingProblem } from './routing';
import { buildProblem } from './schedule-problem';

const PROCESSES = Object.keys(MACHINE_CLASS_OF_PROCESS);
const CLASSES = new Set(Object.values(MACHINE_CLASS_OF_PROCESS));
const total = (ops: ReturnType<typeof deriveRouting>) => ops.reduce((sum, op) => sum + op.setupMinutes + op.runMinutes, 0);

describe('routing derivation', () => {
  it('CNC: machining (setup + model machine time) on the mill, then deburr and inspection at the bench', () => {
    const routing = deriveRouting({ process: 'cnc_milling_3axis', quantity: 10, machineHoursTotal: 2.5, setupHours: 1.25 });
    expect(routing).toEqual([
      { name: 'machining', machineClass: 'mill-3axis', setupMinutes: 75, runMinutes: 150 },
      { name: 'deburr', machineClass: 'deburr', setupMinutes: 0, runMinutes: 25 },
      { name: 'inspection', machineClass: 'inspection', setupMinutes: 0, runMinutes: 25 },
    ]);
  });

  it('sheet metal splits machine time between the laser and the press brake by the model’s cut and bend minutes', () => {
    const routing = deriveRouting({ process: 'sheet_laser_bending', quantity: 4, machineHoursTotal: 1, setupHours: 0.5, sheetCutShare: 0.75 });
    expect(routing.map((op) => [op.name, op.machineClass, op.runMinutes])).toEqual([['laser-cutting', 'laser-cutter', 45], ['bending', 'press-brake', 15], ['deburr', 'deburr', 16]]);
  });

  it('durations are positive whole minutes, grow with the quantity, and every class is a machine class or a bench class', () => {
    fc.assert(
      fc.property(fc.constantFrom(...PROCESSES), fc.integer({ min: 1, max: 5000 }), fc.double({ min: 0, max: 50, noNaN: true }), fc.integer({ min: 1, max: 20 }), (process, quantity, hoursPerPart, factor) => {
        const small = deriveRouting({ process, quantity, machineHoursTotal: hoursPerPart * quantity });
        const large = deriveRouting({ process, quantity: quantity * factor, machineHoursTotal: hoursPerPart * quantity * factor });
        for (const op of [...small, ...large]) {
          expect(Number.isInteger(op.setupMinutes) && Number.isInteger(op.runMinutes)).toBe(true);
          expect(op.setupMinutes).toBeGreaterThanOrEqual(0);
          expect(op.runMinutes).toBeGreaterThanOrEqual(1);
          expect(CLASSES.has(op.machineClass) || (BENCH_CLASSES as readonly string[]).includes(op.machineClass)).toBe(true);
        }
        expect(large.map((op) => op.name)).toEqual(small.map((op) => op.name));
        large.forEach((op, i) => expect(op.runMinutes).toBeGreaterThanOrEqual(small[i].runMinutes));
        expect(total(large)).toBeGreaterThanOrEqual(total(small));
        if (small.every((op) => op.runMinutes <= 525_600)) expect(routingProblem(small)).toBeNull();
      }),
    );
  });

  it('every operation runs on a declared class, a substitute, or the bench', () => {
    fc.assert(
      fc.property(fc.constantFrom(...PROCESSES), fc.subarray([...CLASSES]), (process, declared) => {
        for (const op of deriveRouting({ process, quantity: 3 })) {
          const where = resolveMachineClass(op.machineClass, new Set(declared));
          expect(where.bench ? !declared.includes(where.machineClass) : declared.includes(where.machineClass)).toBe(true);
        }
      }),
    );
  });

  it('a factory problem built from routings solves to a valid schedule with benches for undeclared classes', () => {
    const now = new Date('2026-11-23T08:00:00Z');
    const built = buildProblem({
      now,
      factory: { timeZone: 'Europe/Berlin', workingCalendar: { shifts: [{ weekdays: [1, 2, 3, 4, 5], start: '06:00', end: '22:00' }], holidays: [{ date: '2026-12-25' }] } },
      machines: [{ id: 'm1', process: 'cnc_milling_5axis', count: 2 }],
      downtime: [{ machineId: 'm1', from: new Date('2026-11-23T09:00:00Z'), to: new Date('2026-11-23T12:00:00Z'), reason: 'service' }],
      jobs: [1, 2, 3].map((n) => ({ jobLineId: `j${n}`, due: new Date('2026-11-30T16:00:00Z'), release: null, weight: 1, routing: deriveRouting({ process: 'cnc_milling_3axis', quantity: 5 * n, machineHoursTotal: n }) })),
      placed: [],
    });
    expect(built.problem.machines.map((m) => m.id)).toEqual(['m1', 'bench:deburr', 'bench:inspection']);
    expect(built.classes.get('j1')).toEqual(['mill-5axis', 'deburr', 'inspection']);
    const schedule = solveSchedule(built.problem, { seed: 1, maxIterations: 500, timeLimitMs: 1000 });
    expect(validateSchedule(built.problem, schedule)).toEqual([]);
  });

  it('rejects routing edits that cannot be planned, naming the field', () => {
    expect(routingProblem([])).toMatchObject({ field: 'operations' });
    expect(routingProblem([{ name: 'Deburr', machineClass: 'deburr', setupMinutes: 0, runMinutes: 5 }])).toMatchObject({ field: 'operations[0].name' });
    expect(routingProblem([{ name: 'deburr', machineClass: 'deburr', setupMinutes: 0, runMinutes: 1.5 }])).toMatchObject({ field: 'operations[0].runMinutes' });
  });
});
