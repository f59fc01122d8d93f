import { useMutation } from '@apollo/client/react';
import { useId, useState, type FormEvent } from 'react';
import { useResultAction } from '../../../api/result-action';
import { ErrorMessage } from '../../../components/Feedback';
import { CounterOfferDocument } from '../../../gql/graphql';
import { useI18n } from '../../../i18n/i18n';
import { checkCounteroffer, MAX_NOTE, type CounterDraft, type CounterProblem } from './jobForms';

/** Another price and/or ship-by date for an open offer, with a note; the designer accepts or rejects it. */
export function CounterOfferForm({ offerId, currency, onSent }: { offerId: string; currency: string; onSent: () => unknown }) {
  const { t } = useI18n();
  const [draft, setDraft] = useState<CounterDraft>({ price: '', shipBy: '', note: '' });
  const [problem, setProblem] = useState<CounterProblem | null>(null);
  const [counter, { loading }] = useMutation(CounterOfferDocument);
  const { run, problem: failure } = useResultAction(onSent);
  const id = useId();
  const submit = (event: FormEvent) => {
    event.preventDefault();
    const checked = checkCounteroffer(draft, currency);
    if ('problem' in checked) return setProblem(checked.problem);
    setProblem(null);
    void run(async () => (await counter({ variables: { input: { offerId, ...checked.input } } })).data?.counterOffer);
  };
  const field = (name: keyof CounterDraft) => ({
    value: draft[name],
    onChange: (event: { target: { value: string } }) => setDraft((current) => ({ ...current, [name]: event.target.value })),
  });
  return (
    <form className="form" onSubmit={submit} noValidate aria-labelledby={`${id}-title`} data-testid="counteroffer-form">
      <h3 id={`${id}-title`}>{t('collaboration.offer.counterTitle')}</h3>
      <p className="muted small">{t('collaboration.offer.counterIntro')}</p>
      <label>
        {t('collaboration.offer.price', { currency: currency.toUpperCase() })}
        <input inputMode="decimal" autoComplete="off" aria-invalid={problem === 'price' || undefined} {...field('price')} />
      </label>
      <label>
        {t('collaboration.offer.shipBy')}
        <input type="date" aria-invalid={problem === 'shipBy' || problem === 'shipByPast' || undefined} {...field('shipBy')} />
      </label>
      <label>
        {t('collaboration.offer.note')}
        <textarea rows={2} maxLength={MAX_NOTE} {...field('note')} />
      </label>
      <ErrorMessage>{problem ? t(`collaboration.offer.problems.${problem}`) : failure}</ErrorMessage>
      <div><button type="submit" disabled={loading}>{t('collaboration.offer.send')}</button></div>
    </form>
  );
}
