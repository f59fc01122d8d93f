import { describe, expect, it } from 'vitest';
import { checkDowntime, checkWhatIf } from './scheduleForms';

describe('checkDowntime', () => {
  it('turns a complete entry into the API input with ISO times', () => {
    const result = checkDowntime({ machineId: 'm1', from: '2026-11-23T08:00', to: '2026-11-23T12:30', reason: ' spindle service ' });
    expect(result.problems).toEqual([]);
    expect(result.input).toEqual({ machineId: 'm1', from: new Date('2026-11-23T08:00').toISOString(), to: new Date('2026-11-23T12:30').toISOString(), reason: 'spindle service' });
  });

  it('names every missing field and refuses an end before the start', () => {
    expect(checkDowntime({ machineId: '', from: '', to: '', reason: ' ' }).problems).toEqual(['machineRequired', 'fromRequired', 'toRequired', 'reasonRequired']);
    const backwards = checkDowntime({ machineId: 'm1', from: '2026-11-23T12:00', to: '2026-11-23T12:00', reason: 'x' });
    expect(backwards.problems).toEqual(['toBeforeFrom']);
    expect(backwards.input).toBeUndefined();
  });
});

describe('checkWhatIf', () => {
  it('parses numbers and makes the due date the end of that day', () => {
    expect(checkWhatIf({ process: 'cnc_milling_3axis', quantity: '25', machineHours: '7.5', due: '2026-12-01' }).input).toEqual({
      process: 'cnc_milling_3axis',
      quantity: 25,
      machineHours: 7.5,
      due: '2026-12-01T23:59:59.000Z',
    });
    expect(checkWhatIf({ process: 'sla', quantity: '1', machineHours: '2', due: '' }).input).toEqual({ process: 'sla', quantity: 1, machineHours: 2 });
  });

  it('refuses fractional quantities and non-positive hours', () => {
    expect(checkWhatIf({ process: '', quantity: '2.5', machineHours: '0', due: '' }).problems).toEqual(['processRequired', 'quantityPositive', 'hoursPositive']);
  });
});
