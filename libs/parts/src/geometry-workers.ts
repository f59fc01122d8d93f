import { Injectable, OnApplicationShutdown } from '@nestjs/common';
import { GeometryPool } from '@partsmith/geometry';

/** The process's geometry threads: analyses and previews run here, not on the job dispatcher's event loop. */
@Injectable()
export class GeometryWorkers extends GeometryPool implements OnApplicationShutdown {
  constructor() {
    super({ taskTimeoutMs: 300_000 });
  }

  async onApplicationShutdown(): Promise<void> {
    await this.close();
  }
}
