import { Injectable } from '@nestjs/common';
import { AccessService, InputValidationError } from '@partsmith/identity';
import { PaymentsFacade } from '@partsmith/payments';
import { DomainError, type RequestContext } from '@partsmith/platform';
import type { QuotedResult } from '@partsmith/pricing';
import { QuoteStatus, QuotingService, type Quote } from '@partsmith/quoting';
import type { PlaceOrderInput } from './dto/place-order.input';
import { Order, OrderLine } from './entities';
import { UUID } from './order-access.service';
import { OrderStatus } from './order-state';
import { OrderTransitions } from './order-transitions.service';
import { QuoteExpiredError, QuoteNotOrderableError, type PlaceOrderOutcome } from './orders.results';

const MAX_LINES = 50;

/** Stripe could not start the payment: nothing was ordered (the whole checkout rolls back). */
export class PaymentUnavailableError extends DomainError {
  readonly code = 'PAYMENT_UNAVAILABLE';
}

const NOT_ORDERABLE: Partial<Record<QuoteStatus, string>> = {
  pending: 'is still being priced; order it once it is ready',
  needs_review: 'is waiting for an operator to check its price; order it once it is released',
  not_manufacturable: 'is not manufacturable with this configuration; request a quote with another process or material',
  failed: 'could not be priced; request a new quote',
  ordered: 'is already ordered; request a new quote to order the part again',
};

/**
 * Checkout: a cart of quoted lines becomes an order awaiting payment. Prices come from the stored quotes
 * only; every quote is locked, checked and turned `ordered` in the same transaction as the order, so a
 * quote is ordered at most once (a unique index on order_lines.quote_id holds the same line).
 */
@Injectable()
export class OrderCheckoutService {
  constructor(
    private readonly access: AccessService,
    private readonly quoting: QuotingService,
    private readonly payments: PaymentsFacade,
    private readonly transitions: OrderTransitions,
  ) {}

  async placeOrder(ctx: RequestContext, input: PlaceOrderInput): Promise<PlaceOrderOutcome> {
    const principal = this.access.requireRole(ctx, 'designer');
    const invalid = validate(input);
    if (invalid) return invalid;

    return ctx.transaction(async (db) => {
      // Lock in id order so two checkouts that share quotes cannot deadlock.
      const quotes = new Map<string, Quote>();
      for (const id of [...new Set(input.lines.map((line) => line.quoteId))].sort()) quotes.set(id, await this.quoting.lockForOrder(ctx, id));

      const now = new Date();
      const priced: Array<Omit<OrderLine, 'id' | 'orderId' | 'createdAt'>> = [];
      for (const [index, line] of input.lines.entries()) {
        const quote = quotes.get(line.quoteId)!;
        const name = `Quote ${quote.id} (revision ${quote.revision})`;
        if (quote.status !== QuoteStatus.ready) return new QuoteNotOrderableError(`${name} ${NOT_ORDERABLE[quote.status] ?? `is ${quote.status}`}`);
        if (quote.expiresAt <= now) {
          return new QuoteExpiredError(`${name} expired on ${quote.expiresAt.toISOString().slice(0, 10)}; request a new quote for the part (requestQuote) and order that one`);
        }
        const result = quote.result as QuotedResult;
        const quantityBreak = result.breaks.find((b) => b.quantity === line.quantity);
        if (!quantityBreak) {
          return new InputValidationError(
            `lines[${index}].quantity`,
            `${name} is priced for ${result.breaks.map((b) => b.quantity).join(', ')} pieces; order one of those or request a quote for ${line.quantity}`,
          );
        }
        if (input.inspectionLevel && input.inspectionLevel !== quote.config.inspection) {
          return new InputValidationError(
            'inspectionLevel',
            `${name} was priced with "${quote.config.inspection}" inspection; request a quote with inspection "${input.inspectionLevel}" to order that level`,
          );
        }
        if (priced.length > 0 && quantityBreak.currency !== priced[0].currency) {
          return new InputValidationError(`lines[${index}].quoteId`, `${name} is priced in ${quantityBreak.currency} but the order is in ${priced[0].currency}; one order has one currency`);
        }
        priced.push({
          lineNumber: index + 1,
          quoteId: quote.id,
          partId: quote.partId,
          partRevisionId: quote.partRevisionId,
          quantity: line.quantity,
          unitPriceMinor: quantityBreak.unitPriceMinor,
          totalMinor: quantityBreak.unitPriceMinor * line.quantity,
          currency: quantityBreak.currency,
          leadTimeDays: quantityBreak.leadTimeDays,
          configuration: {
            process: quote.config.process,
            material: quote.config.material,
            finish: quote.config.finish,
            tolerance: quote.config.tolerance,
            inspection: quote.config.inspection,
            leadTier: quote.config.leadTier,
            catalogVersion: result.catalogVersion,
          },
        });
      }

      const subtotal = priced.reduce((sum, line) => sum + line.totalMinor, 0);
      const address = input.shippingAddress;
      const order = await db.save(
        db.create(Order, {
          organizationId: principal.organizationId,
          placedBy: principal.userId,
          status: OrderStatus.draft,
          currency: priced[0].currency,
          subtotalMinor: subtotal,
          totalMinor: subtotal,
          shippingAddress: {
            name: address.name.trim(),
            line1: address.line1.trim(),
            line2: address.line2?.trim() || null,
            city: address.city.trim(),
            postalCode: address.postalCode.trim(),
            region: address.region?.trim() || null,
            country: address.country.toUpperCase(),
          },
          requiredCertificates: [...new Set(input.requiredCertificates)],
          inspectionLevel: input.inspectionLevel ?? null,
          exportControlled: input.exportControlled,
          allowSplitting: input.allowSplitting,
          previewLevelBeforeAward: input.previewLevelBeforeAward,
        }),
      );
      await db.insert(OrderLine, priced.map((line) => ({ ...line, orderId: order.id })));
      await this.transitions.created(ctx, order);
      for (const quote of quotes.values()) await this.quoting.markOrdered(ctx, quote);
      await this.transitions.order(ctx, order, OrderStatus.awaiting_payment);

      // Last, so a refusal rolls back everything above (payments commits its own row and key first).
      const started = await this.payments.startOrderPayment(ctx, {
        orderId: order.id,
        designerOrganizationId: principal.organizationId,
        amountMinor: subtotal,
        currency: order.currency,
      });
      if (!('clientSecret' in started)) throw new PaymentUnavailableError(`The payment could not be started, so nothing was ordered: ${started.message}`);
      return db.findOneByOrFail(Order, { id: order.id });
    });
  }
}

function validate(input: PlaceOrderInput): InputValidationError | undefined {
  if (input.lines.length === 0) return new InputValidationError('lines', 'An order needs at least one line');
  if (input.lines.length > MAX_LINES) return new InputValidationError('lines', `At most ${MAX_LINES} lines per order`);
  const seen = new Set<string>();
  for (const [index, line] of input.lines.entries()) {
    if (!UUID.test(line.quoteId)) return new InputValidationError(`lines[${index}].quoteId`, `"${line.quoteId}" is not a quote id`);
    if (seen.has(line.quoteId)) return new InputValidationError(`lines[${index}].quoteId`, `Quote ${line.quoteId} appears twice; a quote is ordered once, at one of its quantities`);
    seen.add(line.quoteId);
    if (!Number.isInteger(line.quantity) || line.quantity < 1) return new InputValidationError(`lines[${index}].quantity`, `Quantity must be a positive whole number (got ${line.quantity})`);
  }
  const address = input.shippingAddress;
  const required: Array<[keyof typeof address, string | null | undefined, number]> = [
    ['name', address.name, 200],
    ['line1', address.line1, 200],
    ['city', address.city, 100],
    ['postalCode', address.postalCode, 20],
  ];
  for (const [field, value, max] of required) {
    if (!value?.trim() || value.length > max) return new InputValidationError(`shippingAddress.${field}`, `${field} must be 1–${max} characters`);
  }
  for (const [field, value] of [['line2', address.line2], ['region', address.region]] as const) {
    if (value && value.length > 200) return new InputValidationError(`shippingAddress.${field}`, `${field} must be at most 200 characters`);
  }
  if (!/^[A-Za-z]{2}$/.test(address.country)) {
    return new InputValidationError('shippingAddress.country', `Country must be an ISO 3166-1 alpha-2 code such as "DE" or "US" (got "${address.country}")`);
  }
  return undefined;
}
