import { useMutation, useQuery } from '@apollo/client/react';
import { useState, type FormEvent } from 'react';
import { describeError, describeErrorResult, isErrorResult } from '../../api/errors';
import { useSession } from '../../auth/useSession';
import { Empty, ErrorMessage, Loading } from '../../components/Feedback';
import { AppealStatusBadge } from '../../components/NetworkLabels';
import { AppealScoreEventDocument, FactoryScorecardDocument } from '../../gql/graphql';
import { useI18n, type Key } from '../../i18n/i18n';

const percent = (value: number | null | undefined, format: (value: number, digits?: number) => string) => (value === null || value === undefined ? '—' : `${format(value * 100, 0)} %`);

/** The factory's scorecard: the score, its components, the events behind it, and appeals against events. */
export function ScorecardPage() {
  const { t, number, date } = useI18n();
  const session = useSession();
  const mayAppeal = session?.role === 'factory_admin';
  const { data, loading, error } = useQuery(FactoryScorecardDocument, { variables: { events: 50 }, fetchPolicy: 'cache-and-network' });
  const [appealing, setAppealing] = useState<string | null>(null);
  const factory = data?.myFactory;
  if (loading && !data) return <Loading />;
  if (error) return <ErrorMessage error={error} />;
  if (!factory) return <Empty>{t('factoryWorkspace.schedule.noFactory')}</Empty>;
  const card = factory.scorecard;
  const appeals = data?.scoreAppeals.edges.map((edge) => edge.node) ?? [];
  const appealOf = (eventId: string) => appeals.find((appeal) => appeal.scoreEventId === eventId);
  const events = factory.scoreEvents.edges.map((edge) => edge.node);
  return (
    <section>
      <h1>{t('factoryWorkspace.scorecard.title')}</h1>
      <p className="muted">{t('factoryWorkspace.scorecard.intro')}</p>
      <div className="stat-row">
        <div className="stat"><span className="stat-value" data-testid="score">{number(card.score, 1)}</span><span>{t('factoryWorkspace.scorecard.score')}</span></div>
        <div className="stat"><span className="stat-value">{percent(card.onTimeRate, number)}</span><span>{t('factoryWorkspace.scorecard.onTime')}</span></div>
        <div className="stat"><span className="stat-value">{percent(card.qualityRate, number)}</span><span>{t('factoryWorkspace.scorecard.quality')}</span></div>
        <div className="stat"><span className="stat-value">{percent(card.acceptanceRate, number)}</span><span>{t('factoryWorkspace.scorecard.acceptance')}</span></div>
        <div className="stat"><span className="stat-value">{card.averageStars === null ? '—' : `${number(card.averageStars, 1)} ★`}</span><span>{t('factoryWorkspace.scorecard.stars')}</span></div>
        <div className="stat"><span className="stat-value">{card.cleanJobs}</span><span>{t('factoryWorkspace.scorecard.cleanJobs')}</span></div>
      </div>
      <h2>{t('factoryWorkspace.scorecard.components')}</h2>
      <table className="table">
        <thead>
          <tr>
            <th scope="col">{t('factoryWorkspace.scorecard.component')}</th>
            <th scope="col" className="num">{t('factoryWorkspace.scorecard.weight')}</th>
            <th scope="col" className="num">{t('factoryWorkspace.scorecard.events')}</th>
            <th scope="col">{t('factoryWorkspace.scorecard.value')}</th>
          </tr>
        </thead>
        <tbody>
          {card.components.map((component) => (
            <tr key={component.component}>
              <td>{componentName(t, component.component)}</td>
              <td className="num">{number(component.weight * 100, 0)} %</td>
              <td className="num">{component.count}</td>
              <td>
                <meter min={0} max={1} value={component.value} aria-label={componentName(t, component.component)} /> {number(component.value * 100, 0)} %
              </td>
            </tr>
          ))}
        </tbody>
      </table>
      <h2>{t('factoryWorkspace.scorecard.eventsTitle')}</h2>
      {events.length === 0 && <Empty>{t('factoryWorkspace.scorecard.noEvents')}</Empty>}
      {events.length > 0 && (
        <div className="table-scroll">
          <table className="table" data-testid="score-events">
            <thead>
              <tr>
                <th scope="col">{t('factoryWorkspace.scorecard.when')}</th>
                <th scope="col">{t('factoryWorkspace.scorecard.event')}</th>
                <th scope="col" className="num">{t('factoryWorkspace.scorecard.points')}</th>
                <th scope="col">{t('factoryWorkspace.scorecard.appeal')}</th>
              </tr>
            </thead>
            <tbody>
              {events.map((event) => {
                const appeal = appealOf(event.id);
                return (
                  <tr key={event.id} className={event.voidedAt ? 'voided' : ''}>
                    <td>{date(event.occurredAt, true)}</td>
                    <td>
                      {t(`network.scoreEventKind.${event.kind}`)}
                      {event.voidedAt && <span className="muted"> · {t('factoryWorkspace.scorecard.voided')}</span>}
                    </td>
                    <td className="num">{number(event.points, 2)}</td>
                    <td>
                      {appeal ? (
                        <>
                          <AppealStatusBadge status={appeal.status} /> {appeal.decisionNote && <span className="muted">{appeal.decisionNote}</span>}
                        </>
                      ) : mayAppeal && !event.voidedAt && event.points < 1 ? (
                        appealing === event.id ? (
                          <AppealForm eventId={event.id} onDone={() => setAppealing(null)} />
                        ) : (
                          <button type="button" className="link-button" onClick={() => setAppealing(event.id)}>
                            {t('factoryWorkspace.scorecard.appealThis')}
                          </button>
                        )
                      ) : (
                        '—'
                      )}
                    </td>
                  </tr>
                );
              })}
            </tbody>
          </table>
        </div>
      )}
    </section>
  );
}

function componentName(t: (key: Key) => string, component: string): string {
  const known = ['delivery', 'quality', 'response', 'acceptance', 'stars'];
  return known.includes(component) ? t(`factoryWorkspace.scorecard.componentNames.${component}` as Key) : component;
}

function AppealForm({ eventId, onDone }: { eventId: string; onDone(): void }) {
  const { t } = useI18n();
  const [appeal, { loading }] = useMutation(AppealScoreEventDocument, { refetchQueries: [FactoryScorecardDocument] });
  const [failure, setFailure] = useState<string | null>(null);
  const submit = async (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    const reason = String(new FormData(event.currentTarget).get('reason') ?? '').trim();
    if (!reason) return setFailure(t('factoryWorkspace.scorecard.reasonNeeded'));
    try {
      const result = (await appeal({ variables: { scoreEventId: eventId, reason } })).data!.appealScoreEvent;
      if (isErrorResult(result)) return setFailure(describeErrorResult(t, result));
      onDone();
    } catch (error) {
      setFailure(describeError(t, error));
    }
  };
  return (
    <form onSubmit={submit} className="inline-form compact">
      <label>
        {t('factoryWorkspace.scorecard.reason')}
        <textarea name="reason" rows={2} maxLength={2000} autoFocus />
      </label>
      <button type="submit" className="primary" disabled={loading}>{t('factoryWorkspace.scorecard.sendAppeal')}</button>
      <button type="button" onClick={onDone}>{t('common.cancel')}</button>
      <ErrorMessage>{failure}</ErrorMessage>
    </form>
  );
}
