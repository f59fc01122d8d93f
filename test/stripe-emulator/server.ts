import type { IncomingMessage, ServerResponse } from 'node:http';
import { ONBOARDING_PATH, visitOnboardingLink } from './resources/account-links';
import type { Router } from './router';
import type { EmulatorState, RequestRecord } from './state';
import { clone, newId } from './store';
import { apiError, authenticationError, invalidRequest, StripeApiError } from './wire/errors';
import { canonicalForm, decodeForm, FormObject } from './wire/form-decode';
import { expand } from './wire/list';
import { Params } from './wire/params';

export interface ServerParts {
  state: () => EmulatorState;
  api: Router;
  /** Answers `/_emulator/...`; returns false when no control matched. */
  controls: (request: IncomingMessage, response: ServerResponse, body: string) => Promise<boolean>;
}

/** Statuses for requests Stripe refuses before executing them; only those aren't saved for idempotent replay. */
const NOT_EXECUTED = new Set([400, 401, 403, 404]);

export function readBody(request: IncomingMessage): Promise<string> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    request.on('data', (chunk: Buffer) => chunks.push(chunk));
    request.on('end', () => resolve(Buffer.concat(chunks).toString('utf8')));
    request.on('error', reject);
  });
}

export function sendJson(response: ServerResponse, status: number, body: unknown, headers: Record<string, string> = {}): void {
  const text = typeof body === 'string' ? body : JSON.stringify(body, null, 2);
  response.writeHead(status, { 'Content-Type': 'application/json', 'Content-Length': Buffer.byteLength(text), ...headers });
  response.end(text);
}

function header(request: IncomingMessage, name: string): string | null {
  const value = request.headers[name.toLowerCase()];
  return (Array.isArray(value) ? value[0] : value) ?? null;
}

function apiKeyOf(request: IncomingMessage): string | null {
  const authorization = header(request, 'authorization');
  if (!authorization) return null;
  if (/^bearer /i.test(authorization)) return authorization.slice(7).trim();
  if (/^basic /i.test(authorization)) return Buffer.from(authorization.slice(6).trim(), 'base64').toString('utf8').split(':')[0];
  return null;
}

function redact(key: string): string {
  return key.length > 12 ? `${key.slice(0, 8)}${'*'.repeat(key.length - 12)}${key.slice(-4)}` : key;
}

function authenticate(state: EmulatorState, request: IncomingMessage): void {
  const key = apiKeyOf(request);
  if (!key) {
    throw authenticationError(
      "You did not provide an API key. You need to provide your API key in the Authorization header, using Bearer auth (e.g. 'Authorization: Bearer YOUR_SECRET_KEY').",
    );
  }
  const accepted = state.options.apiKeys ? state.options.apiKeys.includes(key) : /^(sk|rk)_test_\w+$/.test(key);
  if (!accepted) throw authenticationError(`Invalid API Key provided: ${redact(key)} (the emulator takes test-mode secret keys, sk_test_…).`);
}

function actingAccount(state: EmulatorState, request: IncomingMessage): string | null {
  const account = header(request, 'stripe-account');
  if (!account) return null;
  if (!state.connectedAccount(account)) {
    throw new StripeApiError(403, {
      type: 'invalid_request_error',
      code: 'account_invalid',
      message: `The provided key does not have access to account '${account}' (or that account does not exist). Application access may have been revoked.`,
    });
  }
  return account;
}

function decodeParams(request: IncomingMessage, url: URL, body: string): FormObject {
  if (request.method === 'POST') {
    const contentType = header(request, 'content-type') ?? 'application/x-www-form-urlencoded';
    if (body.length > 0 && !contentType.startsWith('application/x-www-form-urlencoded')) {
      throw invalidRequest(`Stripe's v1 API takes application/x-www-form-urlencoded bodies, not ${contentType}.`);
    }
    return decodeForm(body);
  }
  return decodeForm(url.search.slice(1));
}

/**
 * One API call, the way Stripe runs it: injected faults first, then authentication, the acting
 * account, idempotent replay, the handler, `expand[]`, and saving the result under the idempotency key.
 */
async function handleApi(parts: ServerParts, request: IncomingMessage, response: ServerResponse, url: URL, body: string): Promise<void> {
  const state = parts.state();
  const method = request.method ?? 'GET';
  const path = url.pathname;
  const requestId = newId('req', 14);
  const idempotencyKey = method === 'POST' ? header(request, 'idempotency-key') : null;
  const record: RequestRecord = { method, path, account: header(request, 'stripe-account'), idempotencyKey, status: null, replayed: false, fault: null };
  state.requests.push(record);
  const baseHeaders: Record<string, string> = {
    'Request-Id': requestId,
    'Stripe-Version': header(request, 'stripe-version') ?? state.options.apiVersion,
    ...(idempotencyKey ? { 'Idempotency-Key': idempotencyKey } : {}),
    ...(record.account ? { 'Stripe-Account': record.account } : {}),
  };
  if (idempotencyKey && idempotencyKey.length > 255) {
    record.status = 400;
    sendJson(response, 400, invalidRequest('Idempotency-Key must be at most 255 characters long.').toResponse(), baseHeaders);
    return;
  }
  const fault = state.faults.take(method, path);
  record.fault = fault;
  if (fault === 'connection_reset') {
    request.socket.destroy();
    return;
  }
  if (fault === 'server_error') {
    record.status = 500;
    sendJson(response, 500, apiError('An unexpected error occurred (emulator: injected server_error fault).').toResponse(), baseHeaders);
    return;
  }

  let status = 200;
  let payload: unknown;
  let executed = false;
  let account: string | null = null;
  let params = '';
  try {
    authenticate(state, request);
    account = actingAccount(state, request);
    const raw = decodeParams(request, url, body);
    params = canonicalForm(raw);
    const scope = account ?? 'platform';
    if (idempotencyKey) {
      const found = state.idempotency.lookup(scope, idempotencyKey, method, path, params);
      if (found.kind === 'replay') {
        record.status = found.response.status;
        record.replayed = true;
        if (fault === 'lost_response') return void request.socket.destroy();
        sendJson(response, found.response.status, found.response.body, { ...baseHeaders, 'Idempotent-Replayed': 'true' });
        return;
      }
    }
    const route = parts.api.match(method, path);
    if (!route) {
      throw invalidRequest(`Unrecognized request URL (${method}: ${path}). The emulator's README lists what it supports.`, { status: 404 });
    }
    const typed = Params.of(raw);
    const expansions = typed.stringList('expand') ?? [];
    state.currentRequest = { id: requestId, idempotencyKey };
    try {
      const apiVersion = baseHeaders['Stripe-Version'];
      const result = route.handler({ method, path, params: typed, raw, account, apiVersion, state }, route.pathParams);
      executed = true;
      payload = expand(clone(result), expansions, (id) => state.resolve(id, account));
    } finally {
      state.currentRequest = null;
    }
  } catch (error) {
    const apiFailure = error instanceof StripeApiError ? error : apiError(`Emulator bug: ${(error as Error).stack ?? String(error)}`);
    status = apiFailure.status;
    payload = apiFailure.toResponse();
    executed ||= !NOT_EXECUTED.has(status);
  }
  const text = JSON.stringify(payload, null, 2);
  if (idempotencyKey && executed) state.idempotency.save(account ?? 'platform', idempotencyKey, method, path, params, { status, body: text });
  record.status = status;
  if (fault === 'lost_response') {
    request.socket.destroy();
    return;
  }
  sendJson(response, status, text, baseHeaders);
}

async function handleOnboarding(parts: ServerParts, response: ServerResponse, url: URL): Promise<void> {
  const token = url.pathname.slice(ONBOARDING_PATH.length);
  const outcome = url.searchParams.get('outcome') ?? 'complete';
  if (outcome !== 'complete' && outcome !== 'pending' && outcome !== 'abandon') {
    response.writeHead(400, { 'Content-Type': 'text/plain' }).end(`outcome must be complete, pending or abandon; got ${outcome}`);
    return;
  }
  try {
    const visit = visitOnboardingLink(parts.state(), token, outcome);
    response.writeHead(303, { Location: visit.location, 'Content-Type': 'text/plain' });
    response.end(visit.accepted ? `Onboarding ${outcome}; continue at ${visit.location}` : `Link used or expired; refresh at ${visit.location}`);
  } catch {
    response.writeHead(404, { 'Content-Type': 'text/plain' }).end('No such account link.');
  }
}

export function createRequestListener(parts: ServerParts) {
  return (request: IncomingMessage, response: ServerResponse): void => {
    void (async () => {
      try {
        const url = new URL(request.url ?? '/', 'http://emulator.local');
        const body = await readBody(request);
        if (request.method === 'GET' && url.pathname.startsWith(ONBOARDING_PATH)) return await handleOnboarding(parts, response, url);
        if (url.pathname.startsWith('/_emulator/') && (await parts.controls(request, response, body))) return;
        if (url.pathname.startsWith('/v1/')) return await handleApi(parts, request, response, url, body);
        sendJson(response, 404, invalidRequest(`Unrecognized request URL (${request.method}: ${url.pathname}).`, { status: 404 }).toResponse());
      } catch (error) {
        if (!response.headersSent) sendJson(response, 500, apiError(`Emulator bug: ${String(error)}`).toResponse());
      }
    })();
  };
}
