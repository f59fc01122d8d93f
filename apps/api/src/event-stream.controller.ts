import { Controller, Get, Req, Res } from '@nestjs/common';
import { DomainEventListener, RequestContextFactory, UnauthenticatedError } from '@partsmith/platform';
import type { Request, Response } from 'express';

/**
 * Server-sent events: `GET /events` streams what changes for the caller's organisation (a part's analysis
 * finished, a quote was priced…) as `event: <type>` / `data: {id, status, at}`. Browsers authenticate with
 * the ps_access cookie (EventSource cannot set headers); other clients with Authorization: Bearer.
 * Operators see every organisation's events.
 */
@Controller('events')
export class EventStreamController {
  constructor(
    private readonly contexts: RequestContextFactory,
    private readonly listener: DomainEventListener,
  ) {}

  @Get()
  async stream(@Req() req: Request, @Res() res: Response): Promise<void> {
    const ctx = await this.contexts.forRequest(req);
    if (!ctx.principal) throw new UnauthenticatedError(ctx.authProblem ?? 'Sign in to receive events');
    const principal = ctx.principal;
    const events = await this.listener.events();
    res.writeHead(200, { 'content-type': 'text/event-stream', 'cache-control': 'no-cache, no-transform', connection: 'keep-alive', 'x-accel-buffering': 'no' });
    res.write(`: connected\n\n`);
    const subscription = events.subscribe((event) => {
      if (principal.role !== 'operator' && event.organizationId !== principal.organizationId) return;
      res.write(`event: ${event.type}\ndata: ${JSON.stringify({ id: event.id, status: event.status, at: event.at })}\n\n`);
    });
    const heartbeat = setInterval(() => res.write(`: keep-alive\n\n`), 25_000);
    req.on('close', () => {
      clearInterval(heartbeat);
      subscription.unsubscribe();
    });
  }
}
