import { Controller, Get, Param, Post, Req, Res } from '@nestjs/common';
import { RequestContextFactory } from '@partsmith/platform';
import type { Request, Response } from 'express';
import type { JobLineFile } from './entities';
import { ProductionEvidenceService } from './production-evidence.service';

/** Production evidence travels over REST: multipart/form-data uploads (field "file"), a stream out. */
@Controller('production')
export class ProductionEvidenceController {
  constructor(
    private readonly contexts: RequestContextFactory,
    private readonly evidence: ProductionEvidenceService,
  ) {}

  /** The awarded factory: a PNG or JPEG photo of one of its milestones. */
  @Post('job-lines/:jobLineId/milestones/:milestoneId/photos')
  async milestonePhoto(@Param('jobLineId') jobLineId: string, @Param('milestoneId') milestoneId: string, @Req() req: Request) {
    const ctx = await this.contexts.forRequest(req);
    return view(await this.evidence.uploadMilestonePhoto(ctx, jobLineId, milestoneId, req));
  }

  /** The awarded factory: an inspection report (PDF, PNG or JPEG) with the form field "kind". */
  @Post('job-lines/:jobLineId/inspection-evidence')
  async inspectionEvidence(@Param('jobLineId') jobLineId: string, @Req() req: Request) {
    const ctx = await this.contexts.forRequest(req);
    return view(await this.evidence.uploadInspectionReport(ctx, jobLineId, req));
  }

  /** The ordering designer or the awarded factory: evidence for an open dispute. */
  @Post('disputes/:disputeId/evidence')
  async disputeEvidence(@Param('disputeId') disputeId: string, @Req() req: Request) {
    const ctx = await this.contexts.forRequest(req);
    return view(await this.evidence.uploadDisputeEvidence(ctx, disputeId, req));
  }

  @Get('files/:fileId')
  async download(@Param('fileId') fileId: string, @Req() req: Request, @Res() res: Response) {
    const ctx = await this.contexts.forRequest(req);
    const { file, stream } = await this.evidence.download(ctx, fileId);
    res.setHeader('content-type', file.contentType);
    res.setHeader('content-length', String(file.sizeBytes));
    res.setHeader('content-disposition', `attachment; filename="${file.fileName.replace(/[^A-Za-z0-9._-]/g, '_')}"`);
    res.setHeader('x-content-type-options', 'nosniff');
    stream.pipe(res);
  }
}

function view(file: JobLineFile) {
  const { id, jobLineId, purpose, inspectionKind, milestoneId, disputeId, uploaderSide, fileName, contentType, sizeBytes, sha256, createdAt } = file;
  return { id, jobLineId, purpose, inspectionKind, milestoneId, disputeId, uploaderSide, fileName, contentType, sizeBytes, sha256, createdAt, downloadPath: file.downloadPath };
}
