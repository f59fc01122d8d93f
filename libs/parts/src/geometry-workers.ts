import { Inject, Injectable, OnApplicationShutdown } from '@nestjs/common';
import { GeometryPool } from '@partsmith/geometry';
import { APP_CONFIG, type AppConfig } from '@partsmith/platform';

/** The process's geometry threads: analyses and previews run here, not on the job dispatcher's event loop. */
@Injectable()
export class GeometryWorkers extends GeometryPool implements OnApplicationShutdown {
  constructor(@Inject(APP_CONFIG) config: AppConfig) {
    super({ taskTimeoutMs: 300_000, size: config.geometryThreads });
  }

  async onApplicationShutdown(): Promise<void> {
    await this.close();
  }
}
