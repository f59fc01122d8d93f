import { randomBytes } from 'node:crypto';
import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { cpus, loadavg, tmpdir } from 'node:os';
import * as path from 'node:path';
import { Client } from 'pg';
import { DataSource } from 'typeorm';
import { CERTIFICATE_KINDS, EligibilityService, FINISH_CODES, MATERIAL_CODES, PROCESS_CODES, type EligibilityCriteria } from '@partsmith/factories';
import { RequestContext, runMigrations, startLocalPostgres, type LocalPostgres } from '@partsmith/platform';

/**
 * Eligibility in PostgreSQL at scale: 10,000 factories (capabilities, ~2.6 machines and ~1.4 certificates
 * each, scorecards, a few suspended or not yet approved) × 1,000 open jobs, in a private database seeded
 * with generate_series (deterministic hashes, no random()); the capability tables are filled by their
 * triggers as the seed inserts. Times the factories context's eligibility both ways: all 1,000 jobs in
 * one `EligibilityService.eligibleForJobs` call (what batch assignment runs; the goal is under 1 s), and
 * `eligible` for each job in turn (the per-job path), checking both give the same pairs. Uses
 * DATABASE_URL when set (a fresh database is created and dropped), else a throwaway local PostgreSQL like
 * the tests. `npm run bench:eligibility` runs this alone. Results: bench/results/matching-eligibility.{json,md}.
 */
export interface EligibilityBenchResult {
  factories: number;
  jobs: number;
  seedMs: number;
  eligiblePairs: number;
  meanEligiblePerJob: number;
  /** All jobs in one eligibleForJobs call, BATCH_RUNS times: each run's total, the median and the best. */
  batch: { runsMs: number[]; medianMs: number; bestMs: number };
  perJob: { totalMs: number; medianMs: number; p95Ms: number };
  server: string;
  /** 1-minute load averages at the start of the timed part and when the run ended: on a shared machine the times scale with them. */
  loadAverageAtStart: number;
  loadAverage: number;
}

const FACTORIES = 10_000;
const BATCH_RUNS = 5;
const JOBS = 1_000;
const root = path.resolve(__dirname, '..', '..', '..');

export async function runEligibilityBench(options: { factories?: number; jobs?: number; write?: boolean } = {}): Promise<EligibilityBenchResult> {
  const factories = options.factories ?? FACTORIES;
  const jobs = options.jobs ?? JOBS;
  let local: LocalPostgres | undefined;
  const adminUrl =
    process.env.DATABASE_URL ??
    (local = await startLocalPostgres({ dataDir: path.join(mkdtempSync(path.join(tmpdir(), 'partsmith-bench-')), 'pg'), persistent: false, fast: true })).url;
  const database = `partsmith_bench_eligibility_${randomBytes(4).toString('hex')}`;
  const url = withDatabase(adminUrl, database);
  await admin(adminUrl, `CREATE DATABASE ${database}`);
  const dataSource = new DataSource({ type: 'postgres', url, entities: [] });
  try {
    await runMigrations(url);
    await dataSource.initialize();
    const t0 = performance.now();
    await seed(dataSource, factories);
    const seedMs = performance.now() - t0;
    const ctx = RequestContext.system(dataSource);
    const eligibility = new EligibilityService({} as ConstructorParameters<typeof EligibilityService>[0]); // the access checker is only for operators' search
    const criteria = openJobs(jobs);

    for (const c of criteria.slice(0, 20)) await eligibility.eligible(ctx, c); // warm the caches
    await eligibility.eligibleForJobs(ctx, criteria);
    const loadAverageAtStart = loadavg()[0];

    const batchRuns: number[] = [];
    let batchPairs = 0;
    for (let run = 0; run < BATCH_RUNS; run++) {
      const start = performance.now();
      const lists = await eligibility.eligibleForJobs(ctx, criteria);
      batchRuns.push(performance.now() - start);
      batchPairs = lists.reduce((sum, list) => sum + list.length, 0);
    }

    const perJob: number[] = [];
    let pairs = 0;
    const all = performance.now();
    for (const c of criteria) {
      const start = performance.now();
      pairs += (await eligibility.eligible(ctx, c)).length;
      perJob.push(performance.now() - start);
    }
    const totalMs = performance.now() - all;
    if (pairs !== batchPairs) throw new Error(`the batch found ${batchPairs} eligible (job, factory) pairs, the per-job path ${pairs}`);
    const [{ version }] = await dataSource.query(`SELECT current_setting('server_version') AS version`);
    const result: EligibilityBenchResult = {
      factories,
      jobs,
      seedMs: Math.round(seedMs),
      eligiblePairs: pairs,
      meanEligiblePerJob: Math.round((pairs / jobs) * 10) / 10,
      batch: { runsMs: batchRuns.map(Math.round), medianMs: Math.round(median(batchRuns)), bestMs: Math.round(Math.min(...batchRuns)) },
      perJob: { totalMs: Math.round(totalMs), medianMs: round2(median(perJob)), p95Ms: round2(quantile(perJob, 0.95)) },
      loadAverageAtStart,
      loadAverage: loadavg()[0],
      server: `PostgreSQL ${version}${local ? ' (throwaway local cluster)' : ' (DATABASE_URL)'}`,
    };
    if (options.write !== false) write(result);
    return result;
  } finally {
    if (dataSource.isInitialized) await dataSource.destroy();
    await admin(adminUrl, `DROP DATABASE IF EXISTS ${database}`).catch(() => undefined);
    await local?.stop();
  }
}

/** 10,000 factory organisations and factories, their machines, certificates and scorecards, in a handful of INSERT … SELECT statements. */
export async function seed(db: DataSource, factories: number): Promise<void> {
  const processes = [...PROCESS_CODES];
  const materials = [...MATERIAL_CODES];
  const finishes = [...FINISH_CODES];
  const kinds = CERTIFICATE_KINDS.filter((k) => k !== 'other');
  // h(i, salt) in [0, 100): a deterministic hash, so the data set is the same every run.
  const h = (expr: string, salt: string) => `(abs(hashtext(${expr} || '${salt}')) % 100)`;
  await db.query(
    `INSERT INTO organizations (id, kind, name, slug, country, status, suspended_reason)
     SELECT md5('org' || i)::uuid, 'factory', 'Bench factory ' || i, 'bench-factory-' || i, c.country,
            CASE WHEN ${h('i::text', 's')} < 2 THEN 'suspended' ELSE 'active' END, CASE WHEN ${h('i::text', 's')} < 2 THEN 'bench' END
       FROM generate_series(1, $1) i, LATERAL (SELECT (ARRAY['DE','FR','SE','PL','IT','US','GB','NL','CZ','ES'])[1 + i % 10] AS country) c`,
    [factories],
  );
  await db.query(
    `INSERT INTO factories (id, organization_id, status, legal_name, address_line1, city, country, latitude, longitude, time_zone,
                            processes, materials, finishes, itar_registered, serves_countries, on_probation,
                            probation_jobs_required, probation_max_job_value_minor, probation_currency, probation_max_open_jobs, created_at)
     SELECT md5('f' || i)::uuid, md5('org' || i)::uuid, CASE WHEN ${h('i::text', 'a')} < 8 THEN 'applied' ELSE 'approved' END,
            'Bench factory ' || i, 'Street ' || i, 'City', o.country, 40 + (i % 20), (i % 30) - 5, 'Europe/Berlin',
            ARRAY(SELECT p FROM unnest($2::text[]) WITH ORDINALITY AS t(p, n) WHERE n = 1 + i % cardinality($2::text[]) OR ${h("i::text || p", 'p')} < 12),
            ARRAY(SELECT m FROM unnest($3::text[]) WITH ORDINALITY AS t(m, n) WHERE n = 1 + i % cardinality($3::text[]) OR ${h("i::text || m", 'm')} < 30),
            ARRAY(SELECT x FROM unnest($4::text[]) AS t(x) WHERE ${h("i::text || x", 'x')} < 50),
            ${h('i::text', 'itar')} < 5,
            CASE WHEN ${h('i::text', 'sc')} < 20 THEN ARRAY[o.country, 'DE', 'FR'] END,
            ${h('i::text', 'prob')} < 25, 5, 250000, 'EUR', 3, now() - make_interval(mins => i)
       FROM generate_series(1, $1) i JOIN organizations o ON o.id = md5('org' || i)::uuid`,
    [factories, processes, materials, finishes],
  );
  await db.query(
    `INSERT INTO factory_machines (factory_id, process, make, model, envelope_x_mm, envelope_y_mm, envelope_z_mm, max_part_mass_kg, tolerance_mm, hourly_rate_minor, currency, count)
     SELECT f.id, p, 'Make', 'Model', 200 + ${h('f.id::text || p', 'x')} * 12, 150 + ${h('f.id::text || p', 'y')} * 8, 100 + ${h('f.id::text || p', 'z')} * 6,
            5 + ${h('f.id::text || p', 'kg')} * 5, 0.005 + ${h('f.id::text || p', 'tol')} / 500.0, 6000 + ${h('f.id::text || p', 'r')} * 50, 'EUR', 1 + ${h('f.id::text || p', 'n')} % 3
       FROM factories f, unnest(f.processes) AS p`,
  );
  await db.query(
    `INSERT INTO factory_certificates (factory_id, kind, number, issuer, scope, valid_from, valid_until, status)
     SELECT f.id, k, 'N-' || left(f.id::text, 8), 'Bench CB', 'Machining', DATE '2025-01-01', DATE '2026-06-01' + ${h('f.id::text || k', 'u')} * 10,
            CASE WHEN ${h('f.id::text || k', 'v')} < 90 THEN 'verified' ELSE 'pending' END
       FROM factories f, unnest($1::text[]) AS k
      WHERE ${h('f.id::text || k', 'c')} < CASE k WHEN 'iso_9001' THEN 70 WHEN 'iso_14001' THEN 25 WHEN 'itar_registration' THEN 5 ELSE 12 END`,
    [kinds],
  );
  await db.query(
    `INSERT INTO factory_scorecards (factory_id, score, breakdown)
     SELECT f.id, ${h('f.id::text', 'score')}, '{}'::jsonb FROM factories f WHERE ${h('f.id::text', 'has')} < 60`,
  );
  await db.query(`VACUUM ANALYZE organizations, factories, factory_machines, factory_certificates, factory_scorecards, factory_capabilities, factory_eligibility_profiles`);
}

/** 1,000 open jobs' eligibility criteria, from a seeded generator. */
export function openJobs(count: number): EligibilityCriteria[] {
  let state = 0x2f6b_a11d;
  const next = () => ((state = (Math.imul(state ^ (state >>> 15), 0x2c1b3c6d) + 0x6d2b79f5) >>> 0) / 2 ** 32);
  const pick = <T>(items: readonly T[]) => items[Math.floor(next() * items.length)];
  const countries = ['DE', 'FR', 'SE', 'PL', 'IT', 'US', 'GB', 'NL'];
  return Array.from({ length: count }, () => {
    const certificates = next() < 0.6 ? ['iso_9001'] : [];
    if (next() < 0.15) certificates.push('iso_14001');
    if (next() < 0.05) certificates.push(pick(['as9100d', 'iso_13485', 'iatf_16949']));
    return {
      process: pick(PROCESS_CODES),
      material: pick(MATERIAL_CODES),
      finish: next() < 0.5 ? null : pick(FINISH_CODES),
      certificates,
      on: `2026-${String(1 + Math.floor(next() * 6)).padStart(2, '0')}-15`,
      partBox: { xMm: 20 + next() * 600, yMm: 20 + next() * 300, zMm: 5 + next() * 200 },
      toleranceMm: next() < 0.3 ? 0.01 + next() * 0.1 : null,
      partMassKg: next() * 40,
      jobValueMinor: Math.floor(5_000 + next() * 500_000),
      deliveryCountry: pick(countries),
      itarControlled: next() < 0.03,
    };
  });
}

function write(result: EligibilityBenchResult): void {
  const outDir = path.join(root, 'bench', 'results');
  mkdirSync(outDir, { recursive: true });
  const md = [
    '# Eligibility in PostgreSQL (bench:eligibility; also run by bench:matching)',
    '',
    `${result.factories.toLocaleString('en-US')} factories × ${result.jobs.toLocaleString('en-US')} open jobs; ${result.server}; node ${process.version}; ${cpus()[0]?.model ?? 'cpu'} (${cpus().length} cores, shared).`,
    `Seeded with generate_series in ${(result.seedMs / 1000).toFixed(1)} s; ${result.eligiblePairs.toLocaleString('en-US')} eligible (job, factory) pairs, ${result.meanEligiblePerJob} per job.`,
    '',
    '| query | time |',
    '|---|---|',
    `| eligibility of all ${result.jobs.toLocaleString('en-US')} jobs in one \`eligibleForJobs\` call (median of ${result.batch.runsMs.length}; best) | **${result.batch.medianMs} ms**; ${result.batch.bestMs} ms |`,
    `| eligibility of all ${result.jobs.toLocaleString('en-US')} jobs, one \`eligible\` call per job in sequence | ${result.perJob.totalMs} ms |`,
    `| per job | median ${result.perJob.medianMs} ms, p95 ${result.perJob.p95Ms} ms |`,
    '',
    `Batch runs: ${result.batch.runsMs.join(', ')} ms. Goal: under 1 s for the whole set.`,
    `Machine load average (1 min): ${result.loadAverageAtStart.toFixed(1)} when the timed part started, ${result.loadAverage.toFixed(1)} at the end (on ${cpus().length} cores, shared).`,
    '',
  ].join('\n');
  writeFileSync(path.join(outDir, 'matching-eligibility.json'), `${JSON.stringify({ node: process.version, cpu: cpus()[0]?.model, ...result }, null, 2)}\n`);
  writeFileSync(path.join(outDir, 'matching-eligibility.md'), md);
  process.stdout.write(md);
}

async function admin(url: string, sql: string): Promise<void> {
  const client = new Client({ connectionString: url, connectionTimeoutMillis: 5_000 });
  await client.connect().catch((error: Error) => {
    throw new Error(`PostgreSQL at ${url} does not answer: ${error.message}`);
  });
  try {
    await client.query(sql);
  } finally {
    await client.end();
  }
}

function withDatabase(url: string, database: string): string {
  const parsed = new URL(url);
  parsed.pathname = `/${database}`;
  return parsed.toString();
}

function median(values: number[]): number {
  return quantile(values, 0.5);
}

function quantile(values: number[], q: number): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))];
}

function round2(value: number): number {
  return Math.round(value * 100) / 100;
}

if (require.main === module) {
  runEligibilityBench().catch((error) => {
    process.stderr.write(`eligibility bench failed: ${error instanceof Error ? error.stack : String(error)}\n`);
    process.exitCode = 1;
  });
}
