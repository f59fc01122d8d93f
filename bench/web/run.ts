import { mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { cpus } from 'node:os';
import * as path from 'node:path';
import { gzipSync } from 'node:zlib';
import { chromium, type Browser } from 'playwright-core';
import { graphql, signUpSession, until } from '../support/api-client';
import { startMarketplace } from '../support/marketplace';
import { boxWithRipples } from '../support/meshes';

/**
 * The web app's budget on the production build the API serves (apps/web/dist), measured in Debian's
 * Chromium through playwright-core:
 *  - first-load JavaScript, gzipped: every script the sign-in page loads (goal < 250 kB), and that the 3D
 *    viewer is not among them (its own lazy chunk, size reported);
 *  - a 1 M-triangle part: from the navigation to its part page (a fresh browser context, no cache) to the
 *    first frame of the model in the viewer (goal < 2 s), after the real API and worker analysed it.
 * Results: bench/results/web.{json,md}.
 */

// eslint-disable-next-line @typescript-eslint/no-require-imports
const { ensureChromium, CHROMIUM_ARGS } = require(path.resolve(__dirname, '..', '..', '..', 'tools', 'ensure-chromium.js')) as { ensureChromium(): string; CHROMIUM_ARGS: string[] };

const root = path.resolve(__dirname, '..', '..', '..');
const dist = path.join(root, 'apps', 'web', 'dist');
const TRIANGLES = Number(process.env.BENCH_WEB_TRIANGLES ?? 1_000_000); // smaller for a quick look at the pipeline
const VIEWER_RUNS = 5;
/** Marks the app sets on the way (ms after navigation start): where the time goes. */
const MARKS = ['app-start', 'viewer-requested', 'viewer-headers', 'part-data', 'viewer-chunk', 'viewer-fetched', 'viewer-parsed', 'viewer-prepared', 'viewer-rendered', 'viewer-shown'];
const gzipped = (bytes: Buffer) => gzipSync(bytes, { level: 9 }).length;
const kB = (bytes: number) => Math.round(bytes / 102.4) / 10;
const median = (values: number[]) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)];

async function firstLoad(browser: Browser, url: string) {
  const context = await browser.newContext();
  const page = await context.newPage();
  const scripts: Array<{ url: string; bytes: number; gzip: number }> = [];
  page.on('response', async (response) => {
    if (response.request().resourceType() !== 'script') return;
    const body = await response.body();
    scripts.push({ url: new URL(response.url()).pathname, bytes: body.length, gzip: gzipped(body) });
  });
  await page.goto(`${url}/sign-in`, { waitUntil: 'networkidle' });
  await page.getByRole('button', { name: 'Sign in' }).waitFor();
  await context.close();
  return scripts;
}

async function viewerTime(browser: Browser, url: string, session: Record<string, unknown>, partId: string) {
  const context = await browser.newContext({ viewport: { width: 1280, height: 900 } });
  await context.addInitScript((value) => localStorage.setItem('partsmith.session', value), JSON.stringify(session));
  await context.addCookies([{ name: 'ps_access', value: String(session.accessToken), url }]);
  const page = await context.newPage();
  const scripts: string[] = [];
  page.on('request', (request) => request.resourceType() === 'script' && scripts.push(new URL(request.url()).pathname));
  await page.goto(`${url}/designer/parts/${partId}`);
  await page.locator('[data-testid="part-viewer"][data-ready="true"]').waitFor({ timeout: 120_000 });
  const marks = await page.evaluate((names) => Object.fromEntries(names.map((name) => [name, Math.round(performance.getEntriesByName(name)[0]?.startTime ?? NaN)])), MARKS);
  const shownText = await page.getByTestId('viewer-dimensions').textContent();
  await context.close();
  return { navigationToShownMs: marks['viewer-shown'], viewerRequestToShownMs: marks['viewer-shown'] - marks['viewer-requested'], marks, scripts, shownText };
}

async function main() {
  const marketplace = await startMarketplace({ name: 'benchweb' });
  let browser: Browser | undefined;
  try {
    const url = marketplace.url;

    const stl = boxWithRipples(TRIANGLES, 7); // seconds of synchronous work: before the sign-in, not between it and the upload
    const session = await signUpSession(url);
    const triangles = stl.readUInt32LE(80);
    const form = new FormData();
    form.append('file', new Blob([new Uint8Array(stl)]), 'terrain-1m.stl');
    const uploadStarted = performance.now();
    const response = await fetch(`${url}/parts/upload`, { method: 'POST', body: form, headers: { authorization: `Bearer ${session.accessToken}` } }).catch((error: Error) => {
      throw new Error(`uploading the ${(stl.length / 1e6).toFixed(1)} MB STL failed: ${error.message} (${String(error.cause)}); BENCH_WEB_TRIANGLES=650000 measures a smaller part`);
    });
    if (response.status !== 201) throw new Error(`the upload was refused: ${response.status} ${await response.text()}`);
    const upload = (await response.json()) as { partId: string };
    console.log(`uploaded ${(stl.length / 1e6).toFixed(1)} MB (${triangles} triangles); waiting for analysis and previews…`);
    await until(async () => {
      await new Promise((resolve) => setTimeout(resolve, 500));
      const part = (await graphql(url, `query P($id: ID!) { part(id: $id) { currentRevision { status previews { full } } } }`, { id: upload.partId }, session.accessToken)).part;
      if (part.currentRevision.status === 'rejected') throw new Error('the 1 M-triangle part was rejected');
      return part.currentRevision.previews.full ? true : undefined;
    });
    const processingMs = Math.round(performance.now() - uploadStarted);

    browser = await chromium.launch({ executablePath: ensureChromium(), headless: true, args: CHROMIUM_ARGS });
    const scripts = await firstLoad(browser, url);
    const viewerChunk = readdirSync(path.join(dist, 'assets')).find((file) => /^PartViewer-.*\.js$/.test(file));
    if (!viewerChunk) throw new Error('no PartViewer-*.js chunk in apps/web/dist/assets: is the viewer still lazily loaded?');
    const viewerBytes = readFileSync(path.join(dist, 'assets', viewerChunk));
    const firstLoadGzip = scripts.reduce((sum, script) => sum + script.gzip, 0);
    const viewerInFirstLoad = scripts.some((script) => script.url.includes('PartViewer'));

    const runs: Array<Awaited<ReturnType<typeof viewerTime>>> = [];
    for (let i = 0; i < VIEWER_RUNS; i++) {
      const run = await viewerTime(browser, url, session, upload.partId);
      if (!run.scripts.some((script) => script.includes('PartViewer'))) throw new Error('the part page did not load the viewer chunk');
      // the full-detail model, not a preview of it: the viewer says how many triangles it shows
      if (!run.shownText?.includes(`${triangles.toLocaleString('en-US')} △`)) throw new Error(`the viewer shows "${run.shownText}", not the ${triangles} triangles uploaded`);
      runs.push(run);
      console.log(`run ${i + 1}: navigation → model on screen ${run.navigationToShownMs} ms (viewer fetch+parse+render ${run.viewerRequestToShownMs} ms) — ${run.shownText}`);
    }
    const result = {
      date: new Date().toISOString(),
      machine: `${cpus().length} cores, Node ${process.version}, Chromium headless (${CHROMIUM_ARGS.join(' ')})`,
      firstLoad: { scripts, gzipBytes: firstLoadGzip, gzipKB: kB(firstLoadGzip), goalKB: 250, viewerInFirstLoad },
      viewerChunk: { file: viewerChunk, bytes: viewerBytes.length, gzipKB: kB(gzipped(viewerBytes)) },
      part: { triangles, stlMB: Math.round(stl.length / 1e5) / 10, uploadToPreviewsMs: processingMs },
      viewer: {
        runs: runs.map(({ navigationToShownMs, viewerRequestToShownMs, marks }) => ({ navigationToShownMs, viewerRequestToShownMs, marks })),
        medianMarks: Object.fromEntries(MARKS.map((name) => [name, median(runs.map((run) => run.marks[name]))])),
        medianNavigationToShownMs: median(runs.map((run) => run.navigationToShownMs)),
        medianViewerRequestToShownMs: median(runs.map((run) => run.viewerRequestToShownMs)),
        goalMs: 2000,
      },
    };
    const out = path.join(root, 'bench', 'results');
    mkdirSync(out, { recursive: true });
    writeFileSync(path.join(out, 'web.json'), `${JSON.stringify(result, null, 2)}\n`);
    const table = [
      '# Web app budget (bench:web)',
      '',
      `${result.date}, ${result.machine}. Production build served by the API.`,
      '',
      '| measure | result | goal |',
      '|---|---:|---:|',
      `| first-load JavaScript (sign-in page, ${scripts.length} script(s), gzip -9) | ${result.firstLoad.gzipKB} kB | < 250 kB |`,
      `| viewer chunk ${viewerChunk} (three.js + viewer, lazy; in first load: ${viewerInFirstLoad ? 'YES' : 'no'}) | ${result.viewerChunk.gzipKB} kB | own chunk |`,
      `| ${triangles.toLocaleString('en-US')}-triangle part (${result.part.stlMB} MB STL): navigation to its page → model on screen, median of ${VIEWER_RUNS} cold contexts | ${result.viewer.medianNavigationToShownMs} ms | < 2000 ms |`,
      `| of which the viewer's fetch + parse + first frame | ${result.viewer.medianViewerRequestToShownMs} ms | |`,
      `| upload → analysed with previews (API + worker, for context) | ${processingMs} ms | |`,
      '',
      `Runs (navigation → shown, ms): ${runs.map((run) => run.navigationToShownMs).join(', ')}.`,
      '',
      `Where the time goes (median ms after navigation start): ${MARKS.map((name) => `${name} ${result.viewer.medianMarks[name]}`).join(' · ')}.`,
      '',
    ].join('\n');
    writeFileSync(path.join(out, 'web.md'), table);
    console.log(table);
  } finally {
    await browser?.close();
    await marketplace.stop();
  }
}

main().catch((error) => {
  console.error(`bench:web failed: ${error instanceof Error ? `${error.message}${error.cause ? ` (${String(error.cause)})` : ""}` : error}`);
  process.exit(1);
});
