import { defineErrorResult, resultUnion } from '@partsmith/platform';
import { InputValidationError } from '@partsmith/identity';
import { Order } from './entities';

export const QuoteExpiredError = defineErrorResult('QuoteExpiredError', 'QUOTE_EXPIRED');
export type QuoteExpiredError = InstanceType<typeof QuoteExpiredError>;

export const QuoteNotOrderableError = defineErrorResult('QuoteNotOrderableError', 'QUOTE_NOT_ORDERABLE');
export type QuoteNotOrderableError = InstanceType<typeof QuoteNotOrderableError>;

export const OrderNotCancellableError = defineErrorResult('OrderNotCancellableError', 'ORDER_NOT_CANCELLABLE');
export type OrderNotCancellableError = InstanceType<typeof OrderNotCancellableError>;

export const PlaceOrderResult = resultUnion('PlaceOrderResult', () => [Order, QuoteExpiredError, QuoteNotOrderableError, InputValidationError] as const);
export type PlaceOrderOutcome = Order | QuoteExpiredError | QuoteNotOrderableError | InputValidationError;

export const CancelOrderResult = resultUnion('CancelOrderResult', () => [Order, OrderNotCancellableError, InputValidationError] as const);
export type CancelOrderOutcome = Order | OrderNotCancellableError | InputValidationError;
