import fc from 'fast-check';
import { IllegalTransitionError } from './domain-error';
import { StateMachine } from './state-machine';

type Light = 'green' | 'amber' | 'red';
const light = new StateMachine<Light>('light', { green: ['amber'], amber: ['red'], red: ['green'] });

describe('StateMachine', () => {
  it('allows declared transitions and refuses the rest with a typed error naming both states', () => {
    expect(light.transition('green', 'amber')).toBe('amber');
    expect(() => light.transition('green', 'red')).toThrow(IllegalTransitionError);
    expect(() => light.transition('green', 'red')).toThrow('light cannot go from "green" to "red"');
  });

  it('never reaches a state outside the table, whatever the requested sequence', () => {
    const states: Light[] = ['green', 'amber', 'red'];
    fc.assert(
      fc.property(fc.array(fc.constantFrom(...states), { maxLength: 50 }), (requests) => {
        let state: Light = 'green';
        for (const next of requests) {
          const allowed = light.canTransition(state, next);
          try {
            state = light.transition(state, next);
            expect(allowed).toBe(true);
          } catch (error) {
            expect(allowed).toBe(false);
            expect(error).toBeInstanceOf(IllegalTransitionError);
          }
        }
      }),
    );
  });
});
