import { InputValidationError } from '@partsmith/identity';
import { defineErrorResult as errorType, resultUnion as union } from '@partsmith/platform';
import { MachineDowntime, ScheduledJob } from './dto/schedule.types';

export { InputValidationError };
export const RoutingLockedError = errorType('RoutingLockedError', 'ROUTING_LOCKED');
export type RoutingLockedError = InstanceType<typeof RoutingLockedError>;

export const AddMachineDowntimeResult = union('AddMachineDowntimeResult', () => [MachineDowntime, InputValidationError] as const);
export const RemoveMachineDowntimeResult = union('RemoveMachineDowntimeResult', () => [MachineDowntime, InputValidationError] as const);
export const AdjustRoutingResult = union('AdjustRoutingResult', () => [ScheduledJob, RoutingLockedError, InputValidationError] as const);

export type AddMachineDowntimeOutcome = MachineDowntime | InputValidationError;
export type RemoveMachineDowntimeOutcome = MachineDowntime | InputValidationError;
export type AdjustRoutingOutcome = ScheduledJob | RoutingLockedError | InputValidationError;
