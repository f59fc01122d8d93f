import type { JobLineDisputeFieldsFragment } from '../gql/graphql';
import { useI18n } from '../i18n/i18n';
import { EvidenceFiles } from './EvidenceFiles';

/** Both sides of a dispute: the designer's reason, measurements and evidence, the factory's answer and evidence, and the decision. */
export function DisputeSummary({ dispute, currency }: { dispute: JobLineDisputeFieldsFragment; currency: string | null }) {
  const { t, date, number, money } = useI18n();
  const designerFiles = dispute.evidence.filter((file) => file.uploaderSide === 'designer');
  const factoryFiles = dispute.evidence.filter((file) => file.uploaderSide !== 'designer');
  return (
    <div className="dispute">
      <div className="two-columns">
        <section aria-labelledby={`designer-side-${dispute.id}`}>
          <h3 id={`designer-side-${dispute.id}`}>{t('evidence.dispute.designerSide')}</h3>
          <p className="muted small">{t('evidence.dispute.opened', { date: date(dispute.createdAt, true) })}</p>
          <p>{dispute.reason}</p>
          {dispute.measurements.length > 0 && (
            <table className="table">
              <caption className="visually-hidden">{t('evidence.dispute.measurements')}</caption>
              <thead>
                <tr>
                  <th scope="col">{t('evidence.dispute.feature')}</th>
                  <th scope="col" className="num">{t('evidence.dispute.nominal')}</th>
                  <th scope="col" className="num">{t('evidence.dispute.measured')}</th>
                  <th scope="col" className="num">{t('evidence.dispute.tolerance')}</th>
                </tr>
              </thead>
              <tbody>
                {dispute.measurements.map((measurement, index) => {
                  const off = measurement.toleranceMm !== null && Math.abs(measurement.measuredMm - measurement.nominalMm) > measurement.toleranceMm;
                  return (
                    <tr key={index}>
                      <td>{measurement.feature}</td>
                      <td className="num">{number(measurement.nominalMm, 3)}</td>
                      <td className={`num${off ? ' error' : ''}`}>{number(measurement.measuredMm, 3)}{off ? ` ${t('evidence.dispute.outOfTolerance')}` : ''}</td>
                      <td className="num">{measurement.toleranceMm === null ? '—' : `± ${number(measurement.toleranceMm, 3)}`}</td>
                    </tr>
                  );
                })}
              </tbody>
            </table>
          )}
          <EvidenceFiles files={designerFiles} emptyText={t('evidence.dispute.noEvidence')} />
        </section>
        <section aria-labelledby={`factory-side-${dispute.id}`}>
          <h3 id={`factory-side-${dispute.id}`}>{t('evidence.dispute.factorySide')}</h3>
          {dispute.factoryResponse ? (
            <>
              <p className="muted small">{t('evidence.dispute.responded', { date: date(dispute.respondedAt, true) })}</p>
              <p>{dispute.factoryResponse}</p>
            </>
          ) : (
            <p className="muted">{t('evidence.dispute.noResponse')}</p>
          )}
          <EvidenceFiles files={factoryFiles} emptyText={t('evidence.dispute.noEvidence')} />
        </section>
      </div>
      {dispute.resolution && (
        <div className="panel" role="status">
          <h3>{t('evidence.dispute.decisionTitle', { resolution: t(`evidence.dispute.resolution.${dispute.resolution}`) })}</h3>
          <p>{dispute.decision}</p>
          <p className="muted small">
            {t('evidence.dispute.decidedAt', { date: date(dispute.decidedAt, true) })}
            {dispute.factoryPercent !== null && ` · ${t('evidence.dispute.percent', { percent: dispute.factoryPercent })}`}
            {currency && dispute.factoryPayoutMinor !== null && ` · ${t('evidence.dispute.paid', { amount: money(dispute.factoryPayoutMinor, currency) })}`}
            {currency && dispute.refundMinor !== null && ` · ${t('evidence.dispute.refunded', { amount: money(dispute.refundMinor, currency) })}`}
          </p>
        </div>
      )}
    </div>
  );
}
