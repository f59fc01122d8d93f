import { Controller, Headers, HttpCode, Post, Req, type RawBodyRequest } from '@nestjs/common';
import type { Request } from 'express';
import { WebhooksService, type WebhookEndpoint } from './webhooks.service';

/**
 * Stripe webhook endpoints, one for platform events and one for Connect events (each with its own signing
 * secret). The API keeps the raw JSON body (`rawBody: true`) because the signature covers the exact bytes.
 */
@Controller('webhooks')
export class WebhooksController {
  constructor(private readonly webhooks: WebhooksService) {}

  @Post('stripe')
  @HttpCode(200)
  platform(@Req() req: RawBodyRequest<Request>, @Headers('stripe-signature') signature?: string) {
    return this.handle('platform', req, signature);
  }

  @Post('stripe-connect')
  @HttpCode(200)
  connect(@Req() req: RawBodyRequest<Request>, @Headers('stripe-signature') signature?: string) {
    return this.handle('connect', req, signature);
  }

  private async handle(endpoint: WebhookEndpoint, req: RawBodyRequest<Request>, signature: string | undefined) {
    const event = this.webhooks.verify(endpoint, req.rawBody, signature);
    const fresh = await this.webhooks.receive(endpoint, event);
    return { received: true, duplicate: !fresh };
  }
}
