import { useMutation, useQuery } from '@apollo/client/react';
import { lazy, Suspense, useState, type FormEvent } from 'react';
import { describeError, describeErrorResult } from '../../api/errors';
import { ErrorMessage } from '../../components/Feedback';
import { CheckoutPaymentSettingsDocument, PayWithTestCardDocument } from '../../gql/graphql';
import { useI18n } from '../../i18n/i18n';

// Stripe.js and the Payment Element load only here, only in `stripe` mode: they stay out of the first-load bundle.
// A chunk that cannot be fetched (offline, a deploy replaced it) is said in words rather than breaking the page.
const StripePaymentForm = lazy(() => import('./StripePaymentForm').catch((error: unknown) => ({ default: () => <ErrorMessage error={error} /> })));

/** Groups a card number in fours as it is typed ("4242424242424242" → "4242 4242 4242 4242"). */
export function formatCardNumber(input: string): string {
  return input.replace(/\D/g, '').slice(0, 19).replace(/(\d{4})(?=\d)/g, '$1 ');
}

/**
 * Pays an order. With a Stripe account: Stripe's Payment Element (StripePaymentForm, loaded lazily). With the
 * local Stripe emulator: a test-card form confirmed through the API. Either way the order becomes paid
 * through Stripe's webhook; `onPaid` tells the page to watch for it.
 */
export function PaymentPanel({ orderId, amount, onPaid }: { orderId: string; amount: string; onPaid: () => void }) {
  const { t } = useI18n();
  const settings = useQuery(CheckoutPaymentSettingsDocument);

  if (settings.error) return <ErrorMessage error={settings.error} />;
  if (!settings.data) return null;
  const { mode, publishableKey } = settings.data.checkoutPaymentSettings;
  if (mode === 'unconfigured') return <p className="error">{t('errors.graphql.PAYMENTS_NOT_CONFIGURED')}</p>;
  if (mode === 'test_card') return <TestCardForm orderId={orderId} amount={amount} onPaid={onPaid} />;
  if (!publishableKey) return <p className="error">{t('designer.checkout.noPublishableKey')}</p>;
  return (
    <Suspense fallback={<p className="muted" role="status" aria-live="polite">{t('designer.checkout.loadingStripe')}</p>}>
      <StripePaymentForm orderId={orderId} amount={amount} publishableKey={publishableKey} onPaid={onPaid} />
    </Suspense>
  );
}

/** The local Stripe emulator's checkout: a Stripe test card number, confirmed through the API (payWithTestCard). */
function TestCardForm({ orderId, amount, onPaid }: { orderId: string; amount: string; onPaid: () => void }) {
  const { t } = useI18n();
  const [pay, { loading }] = useMutation(PayWithTestCardDocument);
  const [problem, setProblem] = useState<string | null>(null);
  const [submitted, setSubmitted] = useState(false);
  const [card, setCard] = useState('');

  const submit = async (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    setProblem(null);
    try {
      const result = (await pay({ variables: { orderId, cardNumber: card } })).data!.payWithTestCard;
      if (result.__typename !== 'OrderPayment') return setProblem(describeErrorResult(t, result));
      setSubmitted(true);
      onPaid();
    } catch (error) {
      setProblem(describeError(t, error));
    }
  };
  return (
    <form className="form" onSubmit={submit} data-testid="test-card-form">
      <p className="muted">{t('designer.order.testCardIntro')}</p>
      <div className="form-grid">
        <label>
          {t('designer.order.cardNumber')}
          <input
            name="cardNumber"
            inputMode="numeric"
            autoComplete="cc-number"
            value={card}
            onChange={(event) => setCard(formatCardNumber(event.target.value))}
            placeholder="4242 4242 4242 4242"
            required
            aria-describedby="card-hint"
          />
          <small id="card-hint" className="muted">{t('designer.order.cardHint')}</small>
        </label>
        <label>
          {t('designer.order.expiry')}
          <input name="expiry" autoComplete="cc-exp" placeholder="12/34" pattern="(0[1-9]|1[0-2])/\d{2}" required />
        </label>
        <label>
          {t('designer.order.cvc')}
          <input name="cvc" autoComplete="cc-csc" inputMode="numeric" pattern="\d{3,4}" placeholder="123" required />
        </label>
      </div>
      <ErrorMessage>{problem}</ErrorMessage>
      {submitted && !problem && <p role="status">{t('designer.order.paymentPending')}</p>}
      <p>
        <button type="submit" className="primary" disabled={loading || submitted}>{loading ? t('designer.order.paying') : t('designer.order.payNow', { amount })}</button>
      </p>
    </form>
  );
}
