import { Controller, Get, Param, ParseUUIDPipe, Post, Req, Res } from '@nestjs/common';
import { RequestContextFactory } from '@partsmith/platform';
import type { Request, Response } from 'express';
import { CertificateService } from './certificate.service';

/** Certificate documents travel over REST: multipart upload in, a stream out. */
@Controller('factories/certificates')
export class CertificateDocumentController {
  constructor(
    private readonly contexts: RequestContextFactory,
    private readonly certificates: CertificateService,
  ) {}

  /** multipart/form-data with the document in the field "file" (PDF, PNG or JPEG). */
  @Post(':id/document')
  async upload(@Param('id', new ParseUUIDPipe()) id: string, @Req() req: Request) {
    const ctx = await this.contexts.forRequest(req);
    const certificate = await this.certificates.attachDocument(ctx, id, req);
    return { id: certificate.id, status: certificate.status, document: certificate.document };
  }

  @Get(':id/document')
  async download(@Param('id', new ParseUUIDPipe()) id: string, @Req() req: Request, @Res() res: Response) {
    const ctx = await this.contexts.forRequest(req);
    const document = await this.certificates.document(ctx, id);
    res.setHeader('content-type', 'application/octet-stream');
    res.setHeader('content-disposition', `attachment; filename="${document.fileName.replace(/[^A-Za-z0-9._-]/g, '_')}"`);
    res.setHeader('x-content-type-options', 'nosniff');
    document.stream.pipe(res);
  }
}
