import fc from 'fast-check';
import { IllegalTransitionError, type StateMachine } from '@partsmith/platform';
import { jobLineLifecycle, JobLineStatus, orderLifecycle, OrderStatus } from './order-state';

function properties<S extends string>(name: string, machine: StateMachine<S>, states: S[], start: S, terminal: S[]) {
  describe(`${name} lifecycle`, () => {
    it('random transition attempts only ever reach declared states, through declared edges', () => {
      fc.assert(
        fc.property(fc.array(fc.constantFrom(...states, 'bogus' as S), { maxLength: 40 }), (attempts) => {
          let current = start;
          for (const to of attempts) {
            const allowed = machine.canTransition(current, to);
            try {
              const next = machine.transition(current, to);
              expect(allowed).toBe(true);
              expect(machine.targets(current)).toContain(next);
              current = next;
            } catch (error) {
              expect(allowed).toBe(false);
              expect(error).toBeInstanceOf(IllegalTransitionError);
            }
            expect(states).toContain(current);
          }
        }),
      );
    });

    it('terminal states stay terminal', () => {
      fc.assert(
        fc.property(fc.constantFrom(...terminal), fc.constantFrom(...states), (from, to) => {
          expect(machine.canTransition(from, to)).toBe(false);
          expect(() => machine.transition(from, to)).toThrow(IllegalTransitionError);
        }),
      );
    });

    it('every declared target is a state, and every non-terminal state reaches a terminal one', () => {
      for (const state of states) for (const target of machine.targets(state)) expect(states).toContain(target);
      for (const state of states) {
        const seen = new Set<S>([state]);
        const queue = [state];
        while (queue.length) for (const next of machine.targets(queue.shift()!)) if (!seen.has(next)) seen.add(next), queue.push(next);
        expect(terminal.some((t) => seen.has(t))).toBe(true);
      }
    });
  });
}

properties('order', orderLifecycle, Object.values(OrderStatus), OrderStatus.draft, [OrderStatus.completed, OrderStatus.cancelled]);
properties('job line', jobLineLifecycle, Object.values(JobLineStatus), JobLineStatus.sourcing, [JobLineStatus.paid_out, JobLineStatus.cancelled, JobLineStatus.split]);

describe('the order of a checkout', () => {
  it('goes draft → awaiting_payment → paid, and a paid order can no longer go back to awaiting payment', () => {
    expect(orderLifecycle.transition(OrderStatus.draft, OrderStatus.awaiting_payment)).toBe(OrderStatus.awaiting_payment);
    expect(orderLifecycle.transition(OrderStatus.awaiting_payment, OrderStatus.paid)).toBe(OrderStatus.paid);
    expect(() => orderLifecycle.transition(OrderStatus.paid, OrderStatus.awaiting_payment)).toThrow('order cannot go from "paid" to "awaiting_payment"');
  });

  it('lets a job line be disputed only after it shipped', () => {
    for (const before of [JobLineStatus.sourcing, JobLineStatus.awarded, JobLineStatus.scheduled, JobLineStatus.in_production]) {
      expect(jobLineLifecycle.canTransition(before, JobLineStatus.disputed)).toBe(false);
    }
    expect(jobLineLifecycle.canTransition(JobLineStatus.delivered, JobLineStatus.disputed)).toBe(true);
  });
});
