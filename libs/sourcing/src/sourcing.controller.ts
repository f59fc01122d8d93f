import { Controller, Get, Param, ParseUUIDPipe, Query, Req, Res } from '@nestjs/common';
import { RequestContextFactory } from '@partsmith/platform';
import type { Request, Response } from 'express';
import { PartDisclosure } from './part-disclosure.service';

/** Bytes of the tiered IP access: previews before award, the original through a signed link after. */
@Controller('sourcing')
export class SourcingController {
  constructor(
    private readonly contexts: RequestContextFactory,
    private readonly disclosure: PartDisclosure,
  ) {}

  /** Bearer token: the preview the designer allows for this job line (binary STL), audited. */
  @Get('jobs/:jobLineId/preview')
  async preview(@Req() req: Request, @Res() res: Response, @Param('jobLineId', new ParseUUIDPipe()) jobLineId: string) {
    const ctx = await this.contexts.forRequest(req);
    const { stream, level } = await this.disclosure.preview(ctx, jobLineId);
    res.setHeader('content-type', 'model/stl');
    res.setHeader('x-preview-level', level);
    stream.pipe(res);
  }

  /** The signed link from cadDownloadLink: the original file, for the awarded factory only, audited. */
  @Get('files/:revisionId')
  async file(@Req() req: Request, @Res() res: Response, @Param('revisionId', new ParseUUIDPipe()) revisionId: string, @Query() query: Record<string, unknown>) {
    const ctx = await this.contexts.forRequest(req);
    const { stream, fileName } = await this.disclosure.download(ctx, revisionId, query);
    res.setHeader('content-type', 'application/octet-stream');
    res.setHeader('cache-control', 'no-store');
    res.setHeader('content-disposition', `attachment; filename="${fileName.replace(/["\\\r\n]/g, '_')}"`);
    stream.pipe(res);
  }
}
