import { startTestServices, TEST_STATE_VARIABLE } from './test-services';

export default async function globalSetup(): Promise<void> {
  const running = await startTestServices();
  (globalThis as Record<string, unknown>).__partsmithServices = running;
  process.env[TEST_STATE_VARIABLE] = JSON.stringify(running.state); // inherited by jest's workers
}
