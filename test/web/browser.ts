import { execFile } from 'node:child_process';
import { mkdirSync } from 'node:fs';
import { promisify } from 'node:util';
import { join } from 'node:path';
import { chromium, type Browser, type Page } from 'playwright-core';

// CommonJS helpers shared with bench/web and the build (plain node, no TypeScript)
// eslint-disable-next-line @typescript-eslint/no-require-imports
const { ensureChromium, CHROMIUM_ARGS } = require('../../tools/ensure-chromium') as { ensureChromium(): string; CHROMIUM_ARGS: string[] };

export const ARTIFACTS = join(__dirname, '..', '..', 'test-artifacts', 'web');

/**
 * Builds apps/web (skipped when up to date): the API under test serves apps/web/dist. In a child process:
 * graphql-codegen and Vite are ES modules that jest's module loader cannot require.
 */
export async function buildWebApp(): Promise<void> {
  const { stderr } = await promisify(execFile)(process.execPath, [join(__dirname, '..', '..', 'tools', 'build-web.js'), '--quiet'], { timeout: 120_000 }).catch((error: { stderr?: string; message: string }) => {
    throw new Error(`the web app did not build: ${error.stderr || error.message}`);
  });
  if (stderr.trim()) process.stderr.write(stderr);
}

/** Debian's Chromium, headless (installed by tools/ensure-chromium.js when missing and we are root). */
export function launchChromium(): Promise<Browser> {
  return chromium.launch({ executablePath: ensureChromium(), headless: true, args: CHROMIUM_ARGS });
}

/** Saves a full-page screenshot as a test artifact: test-artifacts/web/<name>.png. */
export async function snapshot(page: Page, name: string): Promise<void> {
  mkdirSync(ARTIFACTS, { recursive: true });
  await page.screenshot({ path: join(ARTIFACTS, `${name}.png`), fullPage: true });
}
