import type { EmulatorState } from './state';
import type { Owner } from './store';
import type { FormObject } from './wire/form-decode';
import type { Params } from './wire/params';

export interface ApiRequest {
  method: string;
  path: string;
  params: Params;
  raw: FormObject;
  /** The connected account from `Stripe-Account`, or null for the platform. */
  account: Owner;
  /** `Stripe-Version` of the request, or the emulator's default. */
  apiVersion: string;
  state: EmulatorState;
}

/** Returns the response body (a Stripe object or list); throws StripeApiError for an error response. */
export type Handler = (request: ApiRequest, pathParams: Record<string, string>) => unknown;

interface Route {
  method: string;
  segments: string[];
  handler: Handler;
}

export type RouteMatch = { handler: Handler; pathParams: Record<string, string> } | null;

/** Method + path patterns such as `/v1/transfers/:id/reversals`. */
export class Router {
  private readonly routes: Route[] = [];

  get(pattern: string, handler: Handler): this {
    return this.add('GET', pattern, handler);
  }

  post(pattern: string, handler: Handler): this {
    return this.add('POST', pattern, handler);
  }

  delete(pattern: string, handler: Handler): this {
    return this.add('DELETE', pattern, handler);
  }

  match(method: string, path: string): RouteMatch {
    const segments = path.split('/').filter(Boolean);
    for (const route of this.routes) {
      if (route.method !== method || route.segments.length !== segments.length) continue;
      const pathParams: Record<string, string> = {};
      const matches = route.segments.every((segment, index) => {
        if (segment.startsWith(':')) {
          pathParams[segment.slice(1)] = decodeURIComponent(segments[index]);
          return true;
        }
        return segment === segments[index];
      });
      if (matches) return { handler: route.handler, pathParams };
    }
    return null;
  }

  private add(method: string, pattern: string, handler: Handler): this {
    this.routes.push({ method, segments: pattern.split('/').filter(Boolean), handler });
    return this;
  }
}
