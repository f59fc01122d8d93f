import { useQuery } from '@apollo/client/react';
import { useState, type FormEvent } from 'react';
import { Empty, ErrorMessage, Loading, StatusBadge } from '../../components/Feedback';
import { OperatorLedgerDocument } from '../../gql/graphql';
import { useI18n } from '../../i18n/i18n';

/** Debits minus credits per currency over the lines shown (0 everywhere when the ledger balances). */
export function ledgerImbalance(lines: Array<{ amountMinor: number; currency: string }>): Map<string, number> {
  const sums = new Map<string, number>();
  for (const line of lines) sums.set(line.currency, (sums.get(line.currency) ?? 0) + line.amountMinor);
  return sums;
}

export function LedgerPage() {
  const { t, money, date } = useI18n();
  const [orderId, setOrderId] = useState<string | undefined>();
  const { data, loading, error } = useQuery(OperatorLedgerDocument, { variables: { first: 100, orderId }, pollInterval: 10_000 });
  const filter = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    const value = String(new FormData(event.currentTarget).get('orderId') ?? '').trim();
    setOrderId(value || undefined);
  };
  const lines = data?.ledgerLines ?? [];
  const imbalance = [...ledgerImbalance(lines)].filter(([, sum]) => sum !== 0);
  return (
    <section>
      <h1>{t('operator.ledger.title')}</h1>
      <p className="muted">{t('operator.ledger.intro')}</p>
      {loading && !data && <Loading />}
      <ErrorMessage error={error} />
      <h2>{t('operator.ledger.transfers')}</h2>
      {data && data.factoryTransfers.length === 0 && <Empty>{t('operator.ledger.noTransfers')}</Empty>}
      {data && data.factoryTransfers.length > 0 && (
        <div className="table-scroll">
          <table className="table" data-testid="transfers-table">
            <thead>
              <tr>
                <th scope="col">{t('operator.ledger.colDate')}</th>
                <th scope="col">{t('operator.ledger.colFactory')}</th>
                <th scope="col">{t('operator.ledger.colOrder')}</th>
                <th scope="col" className="num">{t('operator.ledger.colAmount')}</th>
                <th scope="col">{t('operator.ledger.colStatus')}</th>
                <th scope="col">{t('operator.ledger.colStripe')}</th>
              </tr>
            </thead>
            <tbody>
              {data.factoryTransfers.map((transfer) => (
                <tr key={transfer.id}>
                  <td>{date(transfer.createdAt, true)}</td>
                  <td className="mono">{transfer.factoryOrganizationId.slice(0, 8)}</td>
                  <td className="mono">{transfer.orderId.slice(0, 8)}</td>
                  <td className="num">{money(transfer.amountMinor, transfer.currency)}</td>
                  <td><StatusBadge status={transfer.status} />{transfer.lastError ? ` ${transfer.lastError}` : ''}</td>
                  <td className="mono">{transfer.stripeTransferId ?? '—'}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
      <h2>{t('operator.ledger.lines')}</h2>
      <form onSubmit={filter} className="inline-form">
        <label>
          {t('operator.ledger.filterOrder')}
          <input name="orderId" defaultValue={orderId} />
        </label>
        <button type="submit">{t('operator.ledger.filter')}</button>
      </form>
      {data && lines.length === 0 && <Empty>{t('operator.ledger.noLines')}</Empty>}
      {lines.length > 0 && (
        <>
          <p className="muted">
            {imbalance.length === 0 ? t('operator.ledger.balanced') : t('operator.ledger.unbalanced', { amount: imbalance.map(([currency, sum]) => money(sum, currency)).join(', ') })}
          </p>
          <div className="table-scroll">
            <table className="table" data-testid="ledger-table">
              <thead>
                <tr>
                  <th scope="col">{t('operator.ledger.colDate')}</th>
                  <th scope="col">{t('operator.ledger.colAccount')}</th>
                  <th scope="col">{t('operator.ledger.colKind')}</th>
                  <th scope="col">{t('operator.ledger.colMemo')}</th>
                  <th scope="col" className="num">{t('operator.ledger.colDebit')}</th>
                  <th scope="col" className="num">{t('operator.ledger.colCredit')}</th>
                </tr>
              </thead>
              <tbody>
                {lines.map((line) => (
                  <tr key={line.id}>
                    <td>{date(line.createdAt, true)}</td>
                    <td className="mono">{line.account}</td>
                    <td>{line.kind}</td>
                    <td>{line.memo}</td>
                    <td className="num">{line.amountMinor > 0 ? money(line.amountMinor, line.currency) : ''}</td>
                    <td className="num">{line.amountMinor < 0 ? money(-line.amountMinor, line.currency) : ''}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        </>
      )}
    </section>
  );
}
