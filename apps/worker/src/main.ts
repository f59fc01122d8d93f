import { configFromProcessOrExit } from '@partsmith/platform';
import { createWorkerApp } from './create-worker-app';

createWorkerApp(configFromProcessOrExit()).catch((error: Error) => {
  process.stderr.write(`partsmith-worker: ${error.message}\n`);
  process.exit(1);
});
