import type { INestApplicationContext } from '@nestjs/common';
import { CertificateSweepJob, CERTIFICATE_SWEEP_LOCK } from '@partsmith/factories';
import { OutboxService, QueueRegistry, RequestContext } from '@partsmith/platform';
import { DataSource } from 'typeorm';
import { given, givenOperator, type SignedIn } from '../support/given';
import { bootApi, bootWorker, createTestEnvironment, eventually, type RunningApi, type TestEnvironment } from '../support/harness';
import { approvedFactory, SEARCH } from './factory-support';

const CERTS = `query { myFactory { certificates { id status validUntil } } }`;

describe('the nightly certificate sweep', () => {
  let env: TestEnvironment;
  let api: RunningApi;
  let worker: INestApplicationContext;
  let operator: SignedIn;
  let admin: SignedIn;
  let factoryId: string;
  let certificateId: string;

  beforeAll(async () => {
    env = await createTestEnvironment({ CERTIFICATE_EXPIRY_WARNING_DAYS: '30' });
    api = await bootApi(env.config);
    worker = await bootWorker(env.config);
    operator = await givenOperator(env.db, api.graphql);
    admin = await given.factory(api.graphql);
    ({ factoryId, certificateId } = (await approvedFactory(api, admin.accessToken, operator.accessToken, { certificate: { validUntil: '2030-01-10' } })) as {
      factoryId: string;
      certificateId: string;
    });
  });

  afterAll(async () => {
    await worker?.close();
    await api?.close();
    await env?.teardown();
  });

  /** Runs the sweep the way the scheduler does: a job on the factories queue, handled by the worker. */
  async function sweep(asOf: string): Promise<{ outcome: string; warned: number; expired: number }> {
    const before = (await env.db.query(`SELECT count(*)::int AS n FROM factory_certificate_sweeps`))[0].n;
    await api.app.get(OutboxService).add(RequestContext.system(api.app.get(DataSource)), CertificateSweepJob, { asOf });
    return eventually(async () => {
      const rows = await env.db.query(`SELECT outcome, warned, expired FROM factory_certificate_sweeps ORDER BY id OFFSET $1`, [before]);
      return rows[0];
    }, 10_000, `the sweep of ${asOf}`);
  }

  const eligible = async (on: string) =>
    (await api.graphql.data(SEARCH, { criteria: { process: 'cnc_milling_5axis', certificates: ['iso_9001'], on } }, operator.accessToken)).searchFactories.map(
      (r: { factory: { id: string } }) => r.factory.id,
    );
  const warnings = async () =>
    env.db.query(`SELECT subject FROM sent_emails WHERE to_address = $1 AND subject LIKE 'Certificate % expires on %'`, [admin.email]);

  it('is scheduled nightly on the factories queue', async () => {
    const schedulers = await worker.get(QueueRegistry).queue('factories').getJobSchedulers();
    expect(schedulers).toEqual([expect.objectContaining({ key: 'factories.certificates.sweep', pattern: '0 2 * * *' })]);
  });

  it('warns once within 30 days of expiry, then on expiry drops the factory from eligibility without anyone acting', async () => {
    expect(await sweep('2029-11-01')).toEqual({ outcome: 'ran', warned: 0, expired: 0 }); // 70 days out: quiet
    expect(await warnings()).toHaveLength(0);

    expect(await sweep('2029-12-15')).toEqual({ outcome: 'ran', warned: 1, expired: 0 });
    expect(await sweep('2029-12-16')).toEqual({ outcome: 'ran', warned: 0, expired: 0 }); // already warned
    expect(await warnings()).toEqual([{ subject: expect.stringContaining('expires on 2030-01-10') }]);
    expect(await eligible('2030-01-05')).toContain(factoryId);

    expect(await sweep('2030-01-10')).toEqual({ outcome: 'ran', warned: 0, expired: 0 }); // its last valid day
    expect(await sweep('2030-01-11')).toEqual({ outcome: 'ran', warned: 0, expired: 1 });
    expect((await api.graphql.data(CERTS, {}, admin.accessToken)).myFactory.certificates).toEqual([{ id: certificateId, status: 'expired', validUntil: '2030-01-10' }]);
    expect(await eligible('2030-01-05')).not.toContain(factoryId); // expired means out, whatever date is asked
    const [expiredMail] = await env.db.query(`SELECT body FROM sent_emails WHERE to_address = $1 AND subject LIKE '%has expired'`, [admin.email]);
    expect(expiredMail.body).toContain('no longer offered');
    const [audit] = await env.db.query(`SELECT actor_user_id, details FROM audit_log WHERE action = 'certificate.expired' AND subject_id = $1`, [certificateId]);
    expect(audit).toEqual({ actor_user_id: null, details: expect.objectContaining({ validUntil: '2030-01-10', asOf: '2030-01-11' }) });
    expect(await sweep('2030-01-12')).toEqual({ outcome: 'ran', warned: 0, expired: 0 });
  });

  it('does nothing while another run holds the advisory lock', async () => {
    const holder = env.db.createQueryRunner();
    await holder.connect();
    await holder.startTransaction();
    try {
      await holder.query(`SELECT pg_advisory_xact_lock(hashtextextended($1, 0))`, [CERTIFICATE_SWEEP_LOCK]);
      expect(await sweep('2031-01-01')).toEqual({ outcome: 'skipped_locked', warned: 0, expired: 0 });
    } finally {
      await holder.rollbackTransaction();
      await holder.release();
    }
    expect((await sweep('2031-01-01')).outcome).toBe('ran');
  });
});
