import { useQuery } from '@apollo/client/react';
import { Empty, ErrorMessage, Loading, StatusBadge } from '../../components/Feedback';
import { FactoryPayoutsDocument } from '../../gql/graphql';
import { useI18n } from '../../i18n/i18n';
import { PayoutSetup } from './PayoutSetup';

/** Money to the factory: transfers from escrow to its Stripe balance, then Stripe's payouts to its bank. */
export function PayoutsPage() {
  const { t, money, date } = useI18n();
  const { data, loading, error } = useQuery(FactoryPayoutsDocument, { fetchPolicy: 'cache-and-network', pollInterval: 30_000 });
  const transfers = data?.factoryTransfers ?? [];
  const payouts = data?.factoryBankPayouts ?? [];
  const totals = new Map<string, number>();
  for (const transfer of transfers) if (transfer.status !== 'failed') totals.set(transfer.currency, (totals.get(transfer.currency) ?? 0) + transfer.amountMinor - transfer.reversedMinor);
  return (
    <section>
      <h1>{t('factoryWorkspace.payouts.title')}</h1>
      <p className="muted">{t('factoryWorkspace.payouts.intro')}</p>
      <PayoutSetup />
      {loading && !data && <Loading />}
      <ErrorMessage error={error} />
      <h2>{t('factoryWorkspace.payouts.transfers')}</h2>
      {totals.size > 0 && <p>{t('factoryWorkspace.payouts.total', { amount: [...totals].map(([currency, sum]) => money(sum, currency)).join(' · ') })}</p>}
      {data && transfers.length === 0 && <Empty>{t('factoryWorkspace.payouts.noTransfers')}</Empty>}
      {transfers.length > 0 && (
        <div className="table-scroll">
          <table className="table" data-testid="factory-transfers">
            <thead>
              <tr>
                <th scope="col">{t('factoryWorkspace.payouts.date')}</th>
                <th scope="col">{t('factoryWorkspace.payouts.order')}</th>
                <th scope="col" className="num">{t('factoryWorkspace.payouts.amount')}</th>
                <th scope="col" className="num">{t('factoryWorkspace.payouts.reversed')}</th>
                <th scope="col">{t('factoryWorkspace.payouts.status')}</th>
              </tr>
            </thead>
            <tbody>
              {transfers.map((transfer) => (
                <tr key={transfer.id}>
                  <td>{date(transfer.createdAt, true)}</td>
                  <td className="mono">{transfer.orderId.slice(0, 8)}</td>
                  <td className="num">{money(transfer.amountMinor, transfer.currency)}</td>
                  <td className="num">{transfer.reversedMinor > 0 ? money(transfer.reversedMinor, transfer.currency) : '—'}</td>
                  <td>
                    <StatusBadge status={transfer.status} />
                    {transfer.lastError && <span className="muted"> {transfer.lastError}</span>}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
      <h2>{t('factoryWorkspace.payouts.bank')}</h2>
      {data && payouts.length === 0 && <Empty>{t('factoryWorkspace.payouts.noBankPayouts')}</Empty>}
      {payouts.length > 0 && (
        <div className="table-scroll">
          <table className="table" data-testid="bank-payouts">
            <thead>
              <tr>
                <th scope="col">{t('factoryWorkspace.payouts.date')}</th>
                <th scope="col" className="num">{t('factoryWorkspace.payouts.amount')}</th>
                <th scope="col">{t('factoryWorkspace.payouts.arrival')}</th>
                <th scope="col">{t('factoryWorkspace.payouts.status')}</th>
              </tr>
            </thead>
            <tbody>
              {payouts.map((payout) => (
                <tr key={payout.id}>
                  <td>{date(payout.createdAt, true)}</td>
                  <td className="num">{money(payout.amountMinor, payout.currency)}</td>
                  <td>{date(payout.arrivalDate)}</td>
                  <td>
                    {t(`factoryWorkspace.payouts.bankStatus.${bankStatus(payout.status)}`)}
                    {payout.failureMessage && <span className="error"> {payout.failureMessage}</span>}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </section>
  );
}

const BANK_STATUSES = ['pending', 'in_transit', 'paid', 'failed', 'canceled'] as const;
function bankStatus(status: string): (typeof BANK_STATUSES)[number] {
  return (BANK_STATUSES as readonly string[]).includes(status) ? (status as (typeof BANK_STATUSES)[number]) : 'pending';
}
