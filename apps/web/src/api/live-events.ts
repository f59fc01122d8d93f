import { useEffect, useRef } from 'react';

export interface LiveEvent {
  type: string;
  data: { id: string; status?: string; at?: string };
}

/**
 * Subscribes to the API's server-sent events (GET /events; the ps_access cookie authenticates) while the
 * component is mounted. When the stream cannot be opened, `onEvent` is not called and `fallbackPollMs`
 * triggers `onPoll` instead, so the page still updates.
 */
export function useLiveEvents(onEvent: (event: LiveEvent) => void, options: { types: string[]; onPoll?: () => void; fallbackPollMs?: number }): void {
  const handler = useRef(onEvent);
  handler.current = onEvent;
  const poll = useRef(options.onPoll);
  poll.current = options.onPoll;
  const types = options.types.join(',');
  const fallback = options.fallbackPollMs ?? 5_000;

  useEffect(() => {
    let timer: ReturnType<typeof setInterval> | undefined;
    const source = typeof EventSource !== 'undefined' ? new EventSource('/events') : null;
    const startPolling = () => {
      timer ??= setInterval(() => poll.current?.(), fallback);
    };
    if (!source) {
      startPolling();
      return () => clearInterval(timer);
    }
    const listener = (message: MessageEvent<string>) => {
      try {
        handler.current({ type: message.type, data: JSON.parse(message.data) });
      } catch {
        /* a malformed event is ignored; the next poll or event corrects the page */
      }
    };
    for (const type of types.split(',')) source.addEventListener(type, listener as EventListener);
    source.onerror = () => {
      if (source.readyState === EventSource.CLOSED) startPolling(); // refused (e.g. signed out): poll instead
    };
    source.onopen = () => {
      clearInterval(timer);
      timer = undefined;
      poll.current?.(); // catch up with whatever happened while the stream was down
    };
    return () => {
      source.close();
      clearInterval(timer);
    };
  }, [types, fallback]);
}
