import type { Logger } from '@nestjs/common';
import { Client } from 'pg';

/**
 * A worker that drains a table in batches: woken by a PostgreSQL NOTIFY on `channel` (sent on commit)
 * and by a periodic tick that catches what no notification announced. Never runs two drains at once; a
 * wake-up during a drain runs one more drain after it. `drain` returns how many rows it moved; the loop
 * repeats it only while batches come back full: a shorter batch took every row committed before it began,
 * and a row committed since has sent its own notification, which runs the next drain.
 */
export class ListenDrainLoop {
  private listener?: Client;
  private timer?: NodeJS.Timeout;
  private running?: Promise<unknown>;
  private rerun = false;
  private stopped = false;

  constructor(
    private readonly options: {
      databaseUrl: string;
      channel: string;
      applicationName: string;
      intervalMs: number;
      logger: Logger;
      /** The most rows one drain takes. */
      batchSize: number;
      /** One batch of at most `batchSize` rows; returns the rows it handled. */
      drain: () => Promise<number>;
      /** What the periodic tick runs (default: a wake-up, i.e. the same drain). */
      tick?: () => Promise<unknown>;
    },
  ) {}

  /** True once stop() was called (a loop that was never started can still be driven by hand). */
  get isStopped(): boolean {
    return this.stopped;
  }

  async start(): Promise<void> {
    const { databaseUrl, channel, applicationName, intervalMs, logger, tick } = this.options;
    this.stopped = false;
    this.listener = new Client({ connectionString: databaseUrl, application_name: applicationName });
    this.listener.on('error', (error) => logger.warn(`${applicationName} listener: ${error.message}`));
    await this.listener.connect();
    this.listener.on('notification', () => this.wake());
    await this.listener.query(`LISTEN ${channel}`);
    this.timer = setInterval(() => (tick ? void tick() : this.wake()), intervalMs);
    this.wake();
  }

  wake(): void {
    if (this.stopped) return;
    if (this.running) {
      this.rerun = true;
      return;
    }
    this.running = this.drainAll()
      .catch((error: Error) => this.options.logger.error(`${this.options.applicationName} failed: ${error.message}`))
      .finally(() => {
        this.running = undefined;
        if (this.rerun) {
          this.rerun = false;
          this.wake();
        }
      });
  }

  private async drainAll(): Promise<void> {
    while (!this.stopped && (await this.options.drain()) >= this.options.batchSize) {
      // keep going while batches come back full
    }
  }

  /** Stops taking wake-ups, waits for a running drain, closes the listener. */
  async stop(): Promise<void> {
    this.stopped = true;
    if (this.timer) clearInterval(this.timer);
    await this.running;
    await this.listener?.end().catch(() => undefined);
    this.listener = undefined;
  }
}
