import { randomBytes } from 'node:crypto';
import type { WebhookEndpoint } from '../model';
import type { Router } from '../router';
import type { EmulatorState } from '../state';
import { newId } from '../store';
import { invalidRequest } from '../wire/errors';
import { paginate } from '../wire/list';
import { applyMetadata, Params } from '../wire/params';

export interface WebhookEndpointInput {
  url: string;
  /** Defaults to a fresh `whsec_…` secret. */
  secret?: string;
  /** Connect endpoints receive events that happened on connected accounts (they carry `account`). */
  connect: boolean;
  /** Event types to send; defaults to every type (`*`). */
  enabledEvents?: string[];
  description?: string;
}

export function addWebhookEndpoint(state: EmulatorState, input: WebhookEndpointInput): WebhookEndpoint {
  let parsed: URL | undefined;
  try {
    parsed = new URL(input.url);
  } catch {
    parsed = undefined;
  }
  if (!parsed || (parsed.protocol !== 'http:' && parsed.protocol !== 'https:')) {
    throw invalidRequest(`Invalid URL: ${input.url}. A webhook endpoint needs an http(s) URL.`, { param: 'url', code: 'url_invalid' });
  }
  const endpoint: WebhookEndpoint = {
    id: newId('we'),
    object: 'webhook_endpoint',
    api_version: state.options.apiVersion,
    application: null,
    connect: input.connect,
    created: state.now(),
    description: input.description ?? null,
    enabled_events: input.enabledEvents && input.enabledEvents.length > 0 ? input.enabledEvents : ['*'],
    livemode: false,
    metadata: {},
    secret: input.secret ?? `whsec_${randomBytes(24).toString('hex')}`,
    status: 'enabled',
    url: input.url,
  };
  return state.webhooks.endpoints.insert(null, endpoint);
}

/** Stripe shows an endpoint's secret only in the response that created it. */
function withoutSecret(endpoint: WebhookEndpoint): Omit<WebhookEndpoint, 'secret'> {
  const { secret: _secret, ...rest } = endpoint;
  return rest;
}

function enabledEvents(params: Params, required: boolean): string[] | undefined {
  const events = params.stringList('enabled_events');
  if (events === undefined && required) throw invalidRequest('Missing required param: enabled_events.', { param: 'enabled_events', code: 'parameter_missing' });
  if (events && events.length === 0) throw invalidRequest('enabled_events must list at least one event type (or *).', { param: 'enabled_events' });
  const invalid = events?.find((type) => type !== '*' && !/^[a-z_]+(\.[a-z_]+)+$/.test(type));
  if (invalid) throw invalidRequest(`Invalid enabled_events: ${invalid} is not an event type (e.g. charge.succeeded) or *.`, { param: 'enabled_events' });
  return events;
}

export function registerEvents(router: Router): void {
  router.get('/v1/events', ({ state, params, account }) => {
    params.allowOnly('limit', 'starting_after', 'ending_before', 'type', 'types', 'created', 'delivery_success');
    const type = params.string('type');
    const types = params.stringList('types');
    const matches = (eventType: string) => {
      if (types) return types.includes(eventType);
      if (!type) return true;
      // Stripe allows one trailing-or-leading wildcard, e.g. `charge.dispute.*`.
      const pattern = new RegExp(`^${type.split('*').map((part) => part.replace(/[.+?^${}()|[\]\\]/g, '\\$&')).join('.*')}$`);
      return pattern.test(eventType);
    };
    return paginate(state.events.list(account, (event) => matches(event.type)), params, '/v1/events');
  });
  router.get('/v1/events/:id', ({ state, params, account }, { id }) => {
    params.allowOnly();
    return state.events.get(id, account, 'id');
  });

  router.post('/v1/webhook_endpoints', ({ state, params, account }) => {
    if (account) throw invalidRequest('Webhook endpoints belong to the platform; drop the Stripe-Account header.');
    params.allowOnly('url', 'enabled_events', 'connect', 'description', 'metadata', 'api_version');
    const metadata = applyMetadata({}, params.metadataPatch());
    const endpoint = addWebhookEndpoint(state, {
      url: params.requiredString('url'),
      connect: params.boolean('connect') ?? false,
      enabledEvents: enabledEvents(params, true),
      description: params.string('description'),
    });
    endpoint.metadata = metadata;
    endpoint.api_version = params.string('api_version') ?? endpoint.api_version;
    return endpoint;
  });
  router.get('/v1/webhook_endpoints', ({ state, params }) => {
    params.allowOnly('limit', 'starting_after', 'ending_before');
    return paginate(state.webhooks.endpoints.list(null).map(withoutSecret), params, '/v1/webhook_endpoints');
  });
  router.get('/v1/webhook_endpoints/:id', ({ state, params }, { id }) => {
    params.allowOnly();
    return withoutSecret(state.webhooks.endpoints.get(id, null, 'id'));
  });
  router.post('/v1/webhook_endpoints/:id', ({ state, params }, { id }) => {
    params.allowOnly('url', 'enabled_events', 'disabled', 'description', 'metadata');
    const endpoint = state.webhooks.endpoints.get(id, null, 'id');
    const url = params.url('url');
    const events = enabledEvents(params, false);
    const disabled = params.boolean('disabled');
    endpoint.metadata = applyMetadata(endpoint.metadata, params.metadataPatch());
    if (url) endpoint.url = url;
    if (events) endpoint.enabled_events = events;
    if (disabled !== undefined) endpoint.status = disabled ? 'disabled' : 'enabled';
    if (params.has('description')) endpoint.description = params.string('description') ?? null;
    return withoutSecret(endpoint);
  });
  router.delete('/v1/webhook_endpoints/:id', ({ state }, { id }) => {
    state.webhooks.endpoints.get(id, null, 'id');
    state.webhooks.endpoints.delete(id);
    return { id, object: 'webhook_endpoint', deleted: true };
  });
}
