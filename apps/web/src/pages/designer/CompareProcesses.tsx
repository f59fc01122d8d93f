import { useLazyQuery } from '@apollo/client/react';
import { ErrorMessage, Loading } from '../../components/Feedback';
import { CompareProcessesDocument } from '../../gql/graphql';
import { useI18n } from '../../i18n/i18n';
import type { QuotePreset } from './QuoteConfigurator';

const QUANTITIES = [1, 10, 100];

/** Every process and material priced side by side; "Use this" moves the quote form to that choice. */
export function CompareProcesses({ partId, onUse }: { partId: string; onUse: (preset: QuotePreset) => void }) {
  const { t, money, number } = useI18n();
  const [compare, { data, loading, error }] = useLazyQuery(CompareProcessesDocument);
  const view = data?.compareProcesses;
  const ranked = view?.rankedAtQuantity ?? QUANTITIES[0];
  return (
    <section className="panel" aria-labelledby="compare-heading">
      <h2 id="compare-heading">{t('designer.compare.heading')}</h2>
      <p className="muted">{t('designer.compare.intro', { quantity: ranked })}</p>
      <button type="button" onClick={() => void compare({ variables: { partId, quantities: QUANTITIES } })} disabled={loading}>
        {t('designer.compare.run')}
      </button>
      {loading && <Loading />}
      <ErrorMessage error={error} />
      {view && (
        <div className="table-scroll">
          <table className="table" data-testid="compare-table">
            <thead>
              <tr>
                <th scope="col">{t('designer.compare.colProcess')}</th>
                <th scope="col">{t('designer.compare.colMaterial')}</th>
                <th scope="col" className="num">{t('designer.compare.colUnit', { quantity: ranked })}</th>
                <th scope="col">{t('designer.compare.colLead')}</th>
                <th scope="col" className="num">{t('designer.compare.colCarbon')}</th>
                <th scope="col" className="num">{t('designer.compare.colConfidence')}</th>
                <th scope="col"><span className="visually-hidden">{t('designer.compare.use')}</span></th>
              </tr>
            </thead>
            <tbody>
              {view.options.map((option) => {
                const at = option.breaks.find((b) => b.quantity === ranked) ?? option.breaks[0];
                return (
                  <tr key={`${option.process}-${option.material}-${option.finish}`}>
                    <td>{option.process}</td>
                    <td>{option.material}</td>
                    <td className="num">{at ? money(at.unitPriceMinor, at.currency) : '—'}</td>
                    <td>{at ? t('designer.quote.days', { days: at.leadTimeDays }) : '—'}</td>
                    <td className="num">{t('designer.quote.kg', { value: number(option.carbonPerPartKg, 2) })}</td>
                    <td className="num">{Math.round(option.confidence.score * 100)}%</td>
                    <td>
                      <button type="button" onClick={() => onUse({ process: option.process, material: option.material, finish: option.finish, tolerance: option.tolerance })}>
                        {t('designer.compare.use')}
                      </button>
                    </td>
                  </tr>
                );
              })}
              {view.incompatible.map((option) => (
                <tr key={`x-${option.process}-${option.material ?? ''}`} className="muted">
                  <td>{option.process}</td>
                  <td>{option.material ?? '—'}</td>
                  <td colSpan={5}>{t('designer.compare.incompatible')}: {option.reasons.map((reason) => reason.message).join('; ')}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </section>
  );
}
