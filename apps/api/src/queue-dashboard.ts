import { createBullBoard } from '@bull-board/api';
import { BullMQAdapter } from '@bull-board/api/bullMQAdapter';
import { ExpressAdapter } from '@bull-board/express';
import type { INestApplication } from '@nestjs/common';
import { QueueRegistry, RequestContextFactory } from '@partsmith/platform';
import type { Express, NextFunction, Request, Response } from 'express';

export const QUEUE_DASHBOARD_PATH = '/admin/queues';

/**
 * bull-board for operators only. It authenticates like the API (Authorization: Bearer, or the
 * ps_access cookie a browser can carry) and checks the operator role and a live session.
 */
export function mountQueueDashboard(app: INestApplication): void {
  const queues = app.get(QueueRegistry);
  const contexts = app.get(RequestContextFactory);
  const serverAdapter = new ExpressAdapter();
  serverAdapter.setBasePath(QUEUE_DASHBOARD_PATH);
  createBullBoard({ queues: queues.allQueues().map((queue) => new BullMQAdapter(queue, { readOnlyMode: false })), serverAdapter });

  const operatorsOnly = async (req: Request, res: Response, next: NextFunction) => {
    try {
      const ctx = await contexts.forRequest(req);
      if (!ctx.principal) {
        res.status(401).json({ error: ctx.authProblem ?? 'Sign in as an operator: send Authorization: Bearer <access token>' });
        return;
      }
      if (ctx.principal.role !== 'operator') {
        res.status(403).json({ error: 'The queue dashboard is for operators only' });
        return;
      }
      next();
    } catch (error) {
      next(error);
    }
  };
  (app.getHttpAdapter().getInstance() as Express).use(QUEUE_DASHBOARD_PATH, operatorsOnly, serverAdapter.getRouter());
}
