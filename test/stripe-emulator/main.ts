/**
 * Runs the Stripe emulator on its own for manual use:
 *
 *   node test/stripe-emulator/bin/stripe-emulator.js --port 12111 --webhook http://127.0.0.1:3000/webhooks/stripe
 *
 * Options: --port <n> (default 12111), --webhook <url> and --connect-webhook <url> (register endpoints
 * and print their signing secrets), --webhook-secret <whsec_…> (use a fixed secret for both).
 */
import { StripeEmulator } from './stripe-emulator';

function option(name: string): string | undefined {
  const index = process.argv.indexOf(`--${name}`);
  return index === -1 ? undefined : process.argv[index + 1];
}

async function main(): Promise<void> {
  const port = Number(option('port') ?? process.env.STRIPE_EMULATOR_PORT ?? 12111);
  if (!Number.isInteger(port) || port < 0 || port > 65535) throw new Error(`--port must be a TCP port; got ${option('port')}.`);
  const emulator = new StripeEmulator();
  const { url } = await emulator.start(port);
  const secret = option('webhook-secret');
  const lines = [`Stripe emulator listening on ${url}`, `  SDK: new Stripe('sk_test_…', { host: '127.0.0.1', port: ${emulator.port}, protocol: 'http' })`];
  const platformUrl = option('webhook');
  if (platformUrl) {
    const endpoint = emulator.addWebhookEndpoint({ url: platformUrl, connect: false, secret });
    lines.push(`  platform webhooks → ${platformUrl} (secret ${endpoint.secret})`);
  }
  const connectUrl = option('connect-webhook');
  if (connectUrl) {
    const endpoint = emulator.addWebhookEndpoint({ url: connectUrl, connect: true, secret });
    lines.push(`  Connect webhooks → ${connectUrl} (secret ${endpoint.secret})`);
  }
  lines.push(`  test controls under ${url}/_emulator/ (see test/stripe-emulator/README.md)`);
  process.stdout.write(`${lines.join('\n')}\n`);
  const shutdown = () => {
    void emulator.stop().then(() => process.exit(0));
  };
  process.once('SIGINT', shutdown);
  process.once('SIGTERM', shutdown);
}

main().catch((error: unknown) => {
  process.stderr.write(`${error instanceof Error ? error.message : String(error)}\n`);
  process.exit(1);
});
