import { mkdirSync, writeFileSync } from 'node:fs';
import * as path from 'node:path';
import { graphql, signUp, until } from '../support/api-client';
import { boxWithRipples } from '../support/meshes';
import { EventStreamClient } from '@partsmith/platform';
import { createRandom } from '@partsmith/matching';
import { startMarketplace } from '../support/marketplace';

/**
 * Upload → ready quote through the real API and worker processes, for a ~1 MB binary STL, at 1 and at 20
 * concurrent designers (see SCENARIOS). Each designer uploads distinct bytes (no analysis reuse), waits for the analysis,
 * requests a CNC quote for [1, 10, 100] and waits until it is priced. Clients learn about both from the
 * server-sent event stream (GET /events), as the web app does, so no polling load distorts the numbers.
 * Results: bench/results/quote.{json,md}.
 */

/**
 * The scenarios: one designer; 20 designers back to back (each starts the next upload the moment a quote is
 * priced: the machine's saturation throughput decides the latency); 20 designers who upload in the same
 * instant, three times (a burst: all 20 in flight at once); 20 designers who each look at their quote for a
 * while (a pause drawn uniformly from 1–4 s) before uploading the next part, as people do, and who did not
 * all arrive in the same millisecond (each one's first upload after a pause drawn from 0–4 s). The last is
 * the "20 concurrent designers"; the burst and the saturation rows show the harder cases.
 */
interface Scenario {
  name: string;
  designers: number;
  rounds: number;
  /** Think time before each upload after the first, drawn uniformly from this range. */
  pauseMs: readonly [number, number];
  /** Before the first upload, drawn uniformly from this range (arrivals spread over time). */
  arrivalMs: readonly [number, number];
  /** Every round starts for all designers together, once the previous round is done. */
  lockstep?: boolean;
}
const SCENARIOS: Scenario[] = [
  { name: '1 designer, back to back', designers: 1, rounds: 20, pauseMs: [0, 0], arrivalMs: [0, 0] },
  { name: '20 designers, back to back (saturation)', designers: 20, rounds: 4, pauseMs: [0, 0], arrivalMs: [0, 0] },
  { name: '20 designers uploading in the same instant (burst, ×3)', designers: 20, rounds: 3, pauseMs: [0, 0], arrivalMs: [0, 0], lockstep: true },
  { name: '20 designers, 1–4 s looking at each quote', designers: 20, rounds: 4, pauseMs: [1_000, 4_000], arrivalMs: [0, 4_000] },
];
const root = path.resolve(__dirname, '..', '..', '..');

/** One designer's journey: milliseconds from the start of the upload to a priced quote. */
interface Sample {
  totalMs: number;
  analysisMs: number;
  pricingMs: number;
  token: string;
  partId: string;
  quoteId: string;
}

/** Server-side: revision created → analysed, quote created → priced (from the stored timestamps). */
interface ServerTimes {
  serverAnalysisMs: number;
  serverPricingMs: number;
}

/** An upload request's body, encoded before the clock starts (as the files are): the client's encoding is not the marketplace's work. */
interface UploadBody {
  body: Uint8Array<ArrayBuffer>;
  contentType: string;
}

function multipartUpload(stl: Buffer, fileName = 'bench.stl'): UploadBody {
  const boundary = `----partsmith-bench-${Math.random().toString(16).slice(2)}`;
  const head = `--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="${fileName}"\r\nContent-Type: application/octet-stream\r\n\r\n`;
  const encoded = Buffer.concat([Buffer.from(head), stl, Buffer.from(`\r\n--${boundary}--\r\n`)]);
  return { body: new Uint8Array(encoded.buffer.slice(encoded.byteOffset, encoded.byteOffset + encoded.byteLength)), contentType: `multipart/form-data; boundary=${boundary}` };
}

async function uploadToQuote(url: string, token: string, events: EventStreamClient, file: UploadBody): Promise<Sample> {
  const started = performance.now();
  const response = await fetch(`${url}/parts/upload`, { method: 'POST', body: file.body, headers: { authorization: `Bearer ${token}`, 'content-type': file.contentType } });
  if (response.status !== 201) throw new Error(`upload answered ${response.status}: ${await response.text()}`);
  const upload = (await response.json()) as {
    partId: string;
    revisionId: string;
  };
  const analysis = await events.next((event) => event.data.id === upload.revisionId, 120_000);
  if (analysis.data.status !== 'analyzed') throw new Error(`analysis ${analysis.data.status}`);
  const analysed = performance.now();
  const requested = await graphql(
    url,
    `mutation Q($i: RequestQuoteInput!) { requestQuote(input: $i) { __typename ... on Quote { id } } }`,
    { i: { partId: upload.partId, process: 'cnc_milling_3axis', material: 'aluminum_6061', quantities: [1, 10, 100] } },
    token,
  );
  await events.next((event) => event.type === 'quote.priced' && event.data.id === requested.requestQuote.id, 120_000);
  const done = performance.now();
  return { totalMs: done - started, analysisMs: analysed - started, pricingMs: done - analysed, token, partId: upload.partId, quoteId: requested.requestQuote.id };
}

/** Read after a scenario's clock stopped, so the reads do not load the machine being measured. */
async function serverTimes(url: string, sample: Sample): Promise<ServerTimes> {
  const quote = (await graphql(url, `query Q($id: ID!) { quote(id: $id) { createdAt pricedAt } }`, { id: sample.quoteId }, sample.token)).quote;
  const revision = (await graphql(url, `query P($id: ID!) { part(id: $id) { currentRevision { createdAt analyzedAt } } }`, { id: sample.partId }, sample.token)).part
    .currentRevision;
  return {
    serverAnalysisMs: Date.parse(revision.analyzedAt) - Date.parse(revision.createdAt),
    serverPricingMs: Date.parse(quote.pricedAt) - Date.parse(quote.createdAt),
  };
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

const percentile = (values: number[], p: number) => {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)];
};

async function main() {
  const marketplace = await startMarketplace({ name: 'bench', env: { OUTBOX_POLL_INTERVAL_MS: '1000' } });
  try {
    const url = marketplace.url;

    const stlBytes = boxWithRipples(20_000, 0).length;
    const rows: Array<Record<string, number | string>> = [];
    let seed = 1;
    const random = createRandom(7);
    for (const scenario of SCENARIOS) {
      const tokens = await Promise.all(Array.from({ length: scenario.designers }, () => signUp(url)));
      const streams = await Promise.all(tokens.map((token) => EventStreamClient.open(`${url}/events`, token)));
      for (let i = 0; i < 3; i++) await uploadToQuote(url, tokens[0], streams[0], multipartUpload(boxWithRipples(20_000, seed++))); // warm-up (JIT, connections)
      // every designer's files and upload bodies exist before the clock starts: making them is not the marketplace's work
      const files = tokens.map(() => Array.from({ length: scenario.rounds }, () => multipartUpload(boxWithRipples(20_000, seed++))));
      const samples: Sample[] = [];
      const draw = ([low, high]: readonly [number, number]) => low + random() * (high - low);
      const wall = performance.now();
      if (scenario.lockstep) {
        for (let round = 0; round < scenario.rounds; round++) {
          samples.push(...(await Promise.all(tokens.map((token, i) => uploadToQuote(url, token, streams[i], files[i][round])))));
        }
      } else {
        await Promise.all(
          tokens.map(async (token, i) => {
            for (let round = 0; round < scenario.rounds; round++) {
              const pause = draw(round === 0 ? scenario.arrivalMs : scenario.pauseMs);
              if (pause > 0) await sleep(pause);
              samples.push(await uploadToQuote(url, token, streams[i], files[i][round]));
            }
          }),
        );
      }
      const elapsedS = (performance.now() - wall) / 1000;
      for (const stream of streams) stream.close();
      const server: ServerTimes[] = [];
      for (const sample of samples) server.push(await serverTimes(url, sample));
      const totals = samples.map((s) => s.totalMs);
      rows.push({
        scenario: scenario.name,
        concurrency: scenario.designers,
        samples: samples.length,
        p50Ms: Math.round(percentile(totals, 50)),
        p95Ms: Math.round(percentile(totals, 95)),
        maxMs: Math.round(Math.max(...totals)),
        analysisP50Ms: Math.round(percentile(samples.map((s) => s.analysisMs), 50)),
        pricingP50Ms: Math.round(percentile(samples.map((s) => s.pricingMs), 50)),
        serverAnalysisP50Ms: Math.round(percentile(server.map((s) => s.serverAnalysisMs), 50)),
        serverPricingP50Ms: Math.round(percentile(server.map((s) => s.serverPricingMs), 50)),
        quotesPerSecond: Math.round((samples.length / elapsedS) * 10) / 10,
      });
      console.log(JSON.stringify(rows.at(-1)));
    }
    const [one, twenty, burst, paced] = rows;
    const result = {
      date: new Date().toISOString(),
      machine: `${require('node:os').cpus().length} cores, Node ${process.version}`,
      stlBytes,
      goal: 'p50 < 300 ms and p95 < 1000 ms at 20 concurrent designers',
      rows,
      ratio20to1: { p50: Math.round((Number(twenty.p50Ms) / Number(one.p50Ms)) * 100) / 100, p95: Math.round((Number(twenty.p95Ms) / Number(one.p95Ms)) * 100) / 100 },
      loadAverage: require('node:os').loadavg()[0],
    };
    const out = path.join(root, 'bench', 'results');
    mkdirSync(out, { recursive: true });
    writeFileSync(path.join(out, 'quote.json'), `${JSON.stringify(result, null, 2)}\n`);
    const table = [
      `# Upload → ready quote (bench:quote)`,
      '',
      `${result.date}, ${result.machine}. STL of ${(stlBytes / 1e6).toFixed(2)} MB (${(stlBytes - 84) / 50} triangles); CNC quote for 1/10/100; clients wait on the event stream.`,
      '',
      '| scenario | samples | p50 ms | p95 ms | max ms | analysis p50 ms (client / server) | pricing p50 ms (client / server) | quotes/s |',
      '|---|---:|---:|---:|---:|---:|---:|---:|',
      ...rows.map(
        (r) =>
          `| ${r.scenario} | ${r.samples} | ${r.p50Ms} | ${r.p95Ms} | ${r.maxMs} | ${r.analysisP50Ms} / ${r.serverAnalysisP50Ms} | ${r.pricingP50Ms} / ${r.serverPricingP50Ms} | ${r.quotesPerSecond} |`,
      ),
      '',
      `20 designers back to back vs 1: p50 ×${result.ratio20to1.p50}, p95 ×${result.ratio20to1.p95}; 20 in the same instant: p50 ${burst.p50Ms} ms, p95 ${burst.p95Ms} ms; 20 designers pausing 1–4 s: p50 ${paced.p50Ms} ms, p95 ${paced.p95Ms} ms.`,
      `Goal: ${result.goal}. Load average (1 min) at the end of the run: ${result.loadAverage.toFixed(1)} on ${require('node:os').cpus().length} cores.`,
      '',
    ].join('\n');
    writeFileSync(path.join(out, 'quote.md'), table);
    console.log(table);
  } finally {
    await marketplace.stop();
  }
}

main().catch((error) => {
  console.error(`bench:quote failed: ${error instanceof Error ? error.message : error}`);
  process.exit(1);
});
