import { InputValidationError } from '@partsmith/identity';
import { defineErrorResult as errorType, resultUnion as union } from '@partsmith/platform';
import { Certificate, Factory, Machine, ScoreAppeal } from './entities';

export { InputValidationError };
export const FactoryAlreadyExistsError = errorType('FactoryAlreadyExistsError', 'FACTORY_ALREADY_EXISTS');
export type FactoryAlreadyExistsError = InstanceType<typeof FactoryAlreadyExistsError>;
export const ApplicationIncompleteError = errorType('ApplicationIncompleteError', 'APPLICATION_INCOMPLETE');
export type ApplicationIncompleteError = InstanceType<typeof ApplicationIncompleteError>;
export const CertificateDocumentMissingError = errorType('CertificateDocumentMissingError', 'CERTIFICATE_DOCUMENT_MISSING');
export type CertificateDocumentMissingError = InstanceType<typeof CertificateDocumentMissingError>;
export const CertificateExpiredError = errorType('CertificateExpiredError', 'CERTIFICATE_EXPIRED');
export type CertificateExpiredError = InstanceType<typeof CertificateExpiredError>;
export const AppealAlreadyOpenError = errorType('AppealAlreadyOpenError', 'APPEAL_ALREADY_OPEN');
export type AppealAlreadyOpenError = InstanceType<typeof AppealAlreadyOpenError>;

export const ApplyAsFactoryResult = union('ApplyAsFactoryResult', () => [Factory, FactoryAlreadyExistsError, InputValidationError] as const);
export const UpdateFactoryProfileResult = union('UpdateFactoryProfileResult', () => [Factory, InputValidationError] as const);
export const MachineResult = union('MachineResult', () => [Machine, InputValidationError] as const);
export const AddCertificateResult = union('AddCertificateResult', () => [Certificate, InputValidationError] as const);
export const CertificateDecisionResult = union(
  'CertificateDecisionResult',
  () => [Certificate, CertificateDocumentMissingError, CertificateExpiredError, InputValidationError] as const,
);
export const ApproveFactoryResult = union('ApproveFactoryResult', () => [Factory, ApplicationIncompleteError] as const);
export const FactoryDecisionResult = union('FactoryDecisionResult', () => [Factory, InputValidationError] as const);
export const AppealScoreEventResult = union('AppealScoreEventResult', () => [ScoreAppeal, AppealAlreadyOpenError, InputValidationError] as const);

export type ApplyAsFactoryOutcome = Factory | FactoryAlreadyExistsError | InputValidationError;
export type UpdateFactoryProfileOutcome = Factory | InputValidationError;
export type MachineOutcome = Machine | InputValidationError;
export type AddCertificateOutcome = Certificate | InputValidationError;
export type CertificateDecisionOutcome = Certificate | CertificateDocumentMissingError | CertificateExpiredError | InputValidationError;
export type ApproveFactoryOutcome = Factory | ApplicationIncompleteError;
export type FactoryDecisionOutcome = Factory | InputValidationError;
export type AppealScoreEventOutcome = ScoreAppeal | AppealAlreadyOpenError | InputValidationError;
