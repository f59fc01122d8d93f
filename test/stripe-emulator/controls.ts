import type { IncomingMessage, ServerResponse } from 'node:http';
import type { FaultKind } from './faults';
import type { CapabilityStatus } from './model';
import { sendJson } from './server';
import type { StripeEmulator } from './stripe-emulator';
import { StripeApiError } from './wire/errors';
import { decodeForm } from './wire/form-decode';

type Body = Record<string, unknown>;
type Control = (emulator: StripeEmulator, body: Body, pathParams: Record<string, string>) => unknown;

function parseBody(request: IncomingMessage, text: string): Body {
  if (text.trim().length === 0) return {};
  if ((request.headers['content-type'] ?? '').includes('json')) return JSON.parse(text) as Body;
  return decodeForm(text);
}

function str(body: Body, key: string): string | undefined {
  const value = body[key];
  return value === undefined || value === null ? undefined : String(value);
}

function num(body: Body, key: string): number | undefined {
  const value = str(body, key);
  if (value === undefined) return undefined;
  const parsed = Number(value);
  if (!Number.isFinite(parsed)) throw new Error(`${key} must be a number; got ${value}.`);
  return parsed;
}

function bool(body: Body, key: string): boolean | undefined {
  const value = str(body, key);
  return value === undefined ? undefined : value === 'true';
}

function list(body: Body, key: string): string[] | undefined {
  const value = body[key];
  if (value === undefined) return undefined;
  if (Array.isArray(value)) return value.map(String);
  if (typeof value === 'object' && value !== null) return Object.values(value).map(String);
  return [String(value)];
}

/**
 * The same test controls as the StripeEmulator methods, over HTTP under `/_emulator/` (a path Stripe
 * doesn't have), for a process that only knows the emulator's URL. Bodies may be JSON or form-encoded.
 */
const CONTROLS: Array<[method: string, pattern: string, control: Control]> = [
  ['POST', '/_emulator/reset', (emulator) => (emulator.reset(), { reset: true })],
  ['GET', '/_emulator/clock', (emulator) => ({ now: emulator.now() })],
  ['POST', '/_emulator/clock/advance', (emulator, body) => ({ now: emulator.advanceTime({ seconds: num(body, 'seconds'), days: num(body, 'days') }) })],
  [
    'POST',
    '/_emulator/faults',
    (emulator, body) => {
      emulator.injectFault({ kind: (str(body, 'kind') ?? 'server_error') as FaultKind, count: num(body, 'count'), method: str(body, 'method'), pathPrefix: str(body, 'path_prefix') });
      return { pending: emulator.state.faults.pending() };
    },
  ],
  ['DELETE', '/_emulator/faults', (emulator) => (emulator.state.faults.clear(), { pending: 0 })],
  ['GET', '/_emulator/requests', (emulator) => ({ data: emulator.requests })],
  ['POST', '/_emulator/accounts/:id/complete_onboarding', (emulator, _body, { id }) => emulator.completeOnboarding(id)],
  [
    'POST',
    '/_emulator/accounts/:id/capabilities',
    (emulator, body, { id }) => {
      let account = emulator.state.accounts.get(id, null);
      for (const name of ['transfers', 'card_payments'] as const) {
        const status = str(body, name);
        if (status) account = emulator.setCapability(id, name, status as CapabilityStatus);
      }
      return account;
    },
  ],
  ['POST', '/_emulator/payment_intents/:id/authenticate', (emulator, body, { id }) => emulator.completeAuthentication(id, str(body, 'outcome') === 'fail' ? 'fail' : 'succeed')],
  [
    'POST',
    '/_emulator/charges/:id/dispute',
    (emulator, body, { id }) => emulator.openDispute(id, { inquiry: bool(body, 'inquiry'), reason: str(body, 'reason'), amount: num(body, 'amount') }),
  ],
  ['POST', '/_emulator/disputes/:id/resolve', (emulator, body, { id }) => emulator.resolveDispute(id, str(body, 'outcome') === 'lost' ? 'lost' : 'won')],
  [
    'POST',
    '/_emulator/webhook_endpoints',
    (emulator, body) =>
      emulator.addWebhookEndpoint({ url: str(body, 'url') ?? '', secret: str(body, 'secret'), connect: bool(body, 'connect') ?? false, enabledEvents: list(body, 'enabled_events') }),
  ],
  ['POST', '/_emulator/webhooks/hold', (emulator) => (emulator.webhooks.hold(), { holding: true })],
  [
    'POST',
    '/_emulator/webhooks/release',
    (emulator, body) => ({ released: emulator.webhooks.release((str(body, 'order') ?? 'fifo') as 'fifo' | 'reverse' | 'shuffle') }),
  ],
  ['POST', '/_emulator/webhooks/duplicate', (emulator, body) => (emulator.webhooks.duplicateDeliveries(bool(body, 'on') ?? true), { ok: true })],
  ['POST', '/_emulator/webhooks/redeliver', (emulator, body) => (emulator.webhooks.redeliver(str(body, 'event') ?? '', str(body, 'endpoint')), { ok: true })],
  ['GET', '/_emulator/webhooks/attempts', (emulator) => ({ data: emulator.webhooks.attempts() })],
];

function match(pattern: string, path: string): Record<string, string> | null {
  const expected = pattern.split('/').filter(Boolean);
  const actual = path.split('/').filter(Boolean);
  if (expected.length !== actual.length) return null;
  const params: Record<string, string> = {};
  for (let i = 0; i < expected.length; i++) {
    if (expected[i].startsWith(':')) params[expected[i].slice(1)] = decodeURIComponent(actual[i]);
    else if (expected[i] !== actual[i]) return null;
  }
  return params;
}

export async function handleControl(emulator: StripeEmulator, request: IncomingMessage, response: ServerResponse, text: string): Promise<boolean> {
  const path = new URL(request.url ?? '/', 'http://emulator.local').pathname;
  for (const [method, pattern, control] of CONTROLS) {
    const pathParams = method === request.method ? match(pattern, path) : null;
    if (!pathParams) continue;
    try {
      sendJson(response, 200, control(emulator, parseBody(request, text), pathParams) ?? { ok: true });
    } catch (error) {
      if (error instanceof StripeApiError) sendJson(response, error.status, error.toResponse());
      else sendJson(response, 400, { error: { type: 'invalid_request_error', message: (error as Error).message } });
    }
    return true;
  }
  return false;
}
