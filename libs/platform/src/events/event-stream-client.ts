/** Reads a server-sent event stream (GET /events) the way a browser EventSource would: for tests, benchmarks and CLIs. */
export class EventStreamClient {
  readonly events: Array<{ type: string; data: any }> = [];
  private readonly waiters: Array<{ match: (e: { type: string; data: any }) => boolean; resolve: (e: { type: string; data: any }) => void }> = [];
  private readonly abort = new AbortController();

  static async open(url: string, token: string): Promise<EventStreamClient> {
    const client = new EventStreamClient();
    const response = await fetch(url, { headers: { authorization: `Bearer ${token}`, accept: 'text/event-stream' }, signal: client.abort.signal });
    if (response.status !== 200 || !response.body) throw new Error(`event stream refused: ${response.status} ${await response.text()}`);
    void client.read(response.body);
    return client;
  }

  private async read(body: ReadableStream<Uint8Array>): Promise<void> {
    const decoder = new TextDecoder();
    let buffer = '';
    try {
      for await (const chunk of body as unknown as AsyncIterable<Uint8Array>) {
        buffer += decoder.decode(chunk, { stream: true });
        let end: number;
        while ((end = buffer.indexOf('\n\n')) >= 0) {
          const block = buffer.slice(0, end);
          buffer = buffer.slice(end + 2);
          const type = /^event: (.*)$/m.exec(block)?.[1];
          const data = /^data: (.*)$/m.exec(block)?.[1];
          if (!type || !data) continue;
          const event = { type, data: JSON.parse(data) };
          this.events.push(event);
          for (const waiter of [...this.waiters]) {
            if (waiter.match(event)) {
              this.waiters.splice(this.waiters.indexOf(waiter), 1);
              waiter.resolve(event);
            }
          }
        }
      }
    } catch {
      // aborted
    }
  }

  /** The first event (already received or still to come) that matches. */
  next(match: (event: { type: string; data: any }) => boolean, timeoutMs = 15_000): Promise<{ type: string; data: any }> {
    const seen = this.events.find(match);
    if (seen) return Promise.resolve(seen);
    return new Promise((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error(`no matching event within ${timeoutMs} ms (got ${JSON.stringify(this.events)})`)), timeoutMs);
      this.waiters.push({ match, resolve: (event) => (clearTimeout(timer), resolve(event)) });
    });
  }

  close(): void {
    this.abort.abort();
  }
}
