import { checkJobHandlers } from './handler-check';
import type { JobDefinition } from './job-definition';

const job = (name: string): JobDefinition => ({ queue: name.split('.')[0], name, attempts: 1, backoffMs: 1 });

describe('checkJobHandlers', () => {
  it('accepts one handler per declared job', () => {
    expect(checkJobHandlers([job('a.x'), job('b.y')], [{ jobName: 'a.x', where: 'A.x' }, { jobName: 'b.y', where: 'B.y' }])).toEqual([]);
  });

  it('names a job without a handler, a job with two, and a handler for an undeclared job', () => {
    const problems = checkJobHandlers(
      [job('a.x'), job('b.y')],
      [
        { jobName: 'b.y', where: 'B.one' },
        { jobName: 'b.y', where: 'B.two' },
        { jobName: 'c.z', where: 'C.z' },
      ],
    );
    expect(problems).toEqual([
      'job "a.x" (queue "a") has no handler',
      'job "b.y" has 2 handlers: B.one, B.two',
      'C.z handles "c.z", which no defineJob() declares',
    ]);
  });
});
