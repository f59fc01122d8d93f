import { defineErrorResult, resultUnion } from '@partsmith/platform';
import { InputValidationError } from '@partsmith/identity';
import { Quote } from './quote.entity';

export const PartNotReadyError = defineErrorResult('PartNotReadyError', 'PART_NOT_READY');
export type PartNotReadyError = InstanceType<typeof PartNotReadyError>;

export const RequestQuoteResult = resultUnion('RequestQuoteResult', () => [Quote, PartNotReadyError, InputValidationError] as const);
export type RequestQuoteOutcome = Quote | PartNotReadyError | InputValidationError;
