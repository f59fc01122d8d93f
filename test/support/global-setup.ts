import { execFileSync } from 'node:child_process';
import { join } from 'node:path';
import { startTestServices, TEST_STATE_VARIABLE } from './test-services';

export default async function globalSetup(): Promise<void> {
  // tests that run the real entry points (CLI, api main) spawn the compiled dist/
  execFileSync(process.execPath, [join(__dirname, '..', '..', 'tools', 'build.js'), '--quiet'], { stdio: 'inherit' });
  const running = await startTestServices();
  (globalThis as Record<string, unknown>).__partsmithServices = running;
  process.env[TEST_STATE_VARIABLE] = JSON.stringify(running.state); // inherited by jest's workers
}
