import { Inject, Injectable, OnApplicationShutdown } from '@nestjs/common';
import { APP_CONFIG, type AppConfig } from '@partsmith/platform';
import { SchedulingPool } from '@partsmith/scheduling';

/** The process's scheduling threads: re-plans solve here, not on the job dispatcher's event loop. */
@Injectable()
export class SchedulingWorkers extends SchedulingPool implements OnApplicationShutdown {
  constructor(@Inject(APP_CONFIG) config: AppConfig) {
    super({ size: config.scheduling.solverThreads });
  }

  async onApplicationShutdown(): Promise<void> {
    await this.close();
  }
}
