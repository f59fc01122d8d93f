import { IllegalTransitionError } from './domain-error';

/**
 * A lifecycle declared as data: `transitions[from]` lists the states reachable from `from`.
 * `transition()` refuses everything else with a typed error.
 */
export class StateMachine<S extends string> {
  constructor(
    readonly name: string,
    private readonly transitions: Readonly<Record<S, readonly S[]>>,
  ) {}

  canTransition(from: S, to: S): boolean {
    return this.transitions[from]?.includes(to) ?? false;
  }

  transition(from: S, to: S): S {
    if (!this.canTransition(from, to)) throw new IllegalTransitionError(this.name, from, to);
    return to;
  }

  targets(from: S): readonly S[] {
    return this.transitions[from] ?? [];
  }
}
