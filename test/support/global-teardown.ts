import { stopTestServices } from './test-services';

export default async function globalTeardown(): Promise<void> {
  const running = (globalThis as Record<string, unknown>).__partsmithServices as Parameters<typeof stopTestServices>[0] | undefined;
  if (running) await stopTestServices(running);
}
