import { Chargeback } from './chargeback.entity';
import { ConnectedAccount } from './connected-account.entity';
import { DeliveryDispute } from './delivery-dispute.entity';
import { EscrowAllocation } from './escrow-allocation.entity';
import { FactoryPayout } from './factory-payout.entity';
import { FactoryTransfer } from './factory-transfer.entity';
import { LedgerEntryRow } from './ledger.entity';
import { Payment } from './payment.entity';
import { PaymentRefund, TransferReversal } from './payment-refund.entity';
import { ReconciliationReport } from './reconciliation-report.entity';

export * from './chargeback.entity';
export * from './connected-account.entity';
export * from './delivery-dispute.entity';
export * from './escrow-allocation.entity';
export * from './factory-payout.entity';
export * from './factory-transfer.entity';
export * from './ledger.entity';
export * from './payment.entity';
export * from './payment-refund.entity';
export * from './reconciliation-report.entity';

export const PAYMENTS_ENTITIES = [
  Payment,
  EscrowAllocation,
  FactoryTransfer,
  PaymentRefund,
  TransferReversal,
  Chargeback,
  DeliveryDispute,
  ConnectedAccount,
  FactoryPayout,
  ReconciliationReport,
  LedgerEntryRow,
];
