import { useQuery } from '@apollo/client/react';
import { Elements, PaymentElement, useElements, useStripe } from '@stripe/react-stripe-js';
import { loadStripe, type Appearance, type PaymentIntent, type Stripe, type StripeElementLocale, type StripeError } from '@stripe/stripe-js';
import { useEffect, useRef, useState, type FormEvent } from 'react';
import { useHref, useLocation, useSearchParams } from 'react-router';
import { describeError } from '../../api/errors';
import { ErrorMessage } from '../../components/Feedback';
import { OrderPaymentSecretDocument } from '../../gql/graphql';
import { useI18n, type Translate } from '../../i18n/i18n';

/*
 * The checkout against a Stripe account: Stripe's Payment Element, confirmed in the browser with the order's
 * client secret. This module is loaded lazily (PaymentPanel), so Stripe.js and its React bindings stay out
 * of the first-load bundle; importing @stripe/stripe-js is what injects https://js.stripe.com/v3.
 *
 * Paying does not mark the order paid here: Stripe's payment_intent.succeeded webhook does, on the API.
 * The panel reports `onPaid` and the order page watches for the new status.
 */

const stripeByKey = new Map<string, Promise<Stripe | null>>();

/** Stripe.js for one publishable key, loaded once per page (loadStripe must not be called again per render). */
function stripeFor(publishableKey: string): Promise<Stripe | null> {
  let stripe = stripeByKey.get(publishableKey);
  if (!stripe) {
    stripe = loadStripe(publishableKey);
    stripeByKey.set(publishableKey, stripe);
    stripe.catch(() => stripeByKey.delete(publishableKey)); // a blocked script may load on the next visit
  }
  return stripe;
}

/** The app's colours and type, so the card fields look like the rest of the form (values from app.css). */
const appearance: Appearance = {
  theme: 'stripe',
  variables: {
    colorPrimary: '#0b5cad',
    colorText: '#1b1f24',
    colorDanger: '#b3261e',
    fontFamily: "system-ui, -apple-system, 'Segoe UI', Roboto, 'Noto Sans', sans-serif",
    borderRadius: '4px',
  },
};

/** Intent statuses after which there is nothing left for the designer to do: the webhook will follow. */
const SETTLING: ReadonlySet<PaymentIntent.Status> = new Set(['succeeded', 'processing', 'requires_capture']);

/** A Stripe.js error in words: Stripe's own sentence inside ours (card and form problems are the designer's to fix). */
export function describeStripeError(t: Translate, error: Pick<StripeError, 'type' | 'message'>): string {
  if (error.type === 'card_error' || error.type === 'validation_error') {
    return t('designer.checkout.declined', { message: error.message ?? t('designer.checkout.notApproved') });
  }
  return t('designer.checkout.stripeFailed', { message: error.message ?? t('errors.generic') });
}

type Returned = { state: 'settling'; status: PaymentIntent.Status } | { state: 'failed'; problem: string };

export default function StripePaymentForm({ orderId, amount, publishableKey, onPaid }: { orderId: string; amount: string; publishableKey: string; onPaid: () => void }) {
  const { t, locale } = useI18n();
  const [stripe, setStripe] = useState<Stripe | null>(null);
  const [loadProblem, setLoadProblem] = useState<string | null>(null);
  const payment = useQuery(OrderPaymentSecretDocument, { variables: { orderId }, fetchPolicy: 'network-only' });
  const clientSecret = payment.data?.orderPayment.clientSecret ?? null;
  const returned = useReturnFromRedirect(stripe, clientSecret, onPaid);

  useEffect(() => {
    let current = true;
    stripeFor(publishableKey).then(
      (loaded) => current && (loaded ? setStripe(loaded) : setLoadProblem('Stripe.js is not available here')),
      (error: unknown) => current && setLoadProblem(error instanceof Error ? error.message : String(error)),
    );
    return () => {
      current = false;
    };
  }, [publishableKey]);

  if (loadProblem) return <ErrorMessage>{t('designer.checkout.stripeLoadFailed', { message: loadProblem })}</ErrorMessage>;
  if (payment.error) return <ErrorMessage error={payment.error} />;
  if (!stripe || !payment.data || returned === 'checking') return <Waiting text={t('designer.checkout.loadingStripe')} />;
  if (returned?.state === 'settling') {
    return <p role="status">{t(returned.status === 'processing' ? 'designer.checkout.returnedProcessing' : 'designer.checkout.returnedSucceeded')}</p>;
  }
  if (!clientSecret) return <p className="muted">{t('designer.checkout.nothingToPay')}</p>;
  return (
    <Elements stripe={stripe} options={{ clientSecret, appearance, locale: (locale === 'vi' ? 'vi' : 'en-GB') satisfies StripeElementLocale }}>
      <PaymentElementForm amount={amount} onPaid={onPaid} initialProblem={returned?.state === 'failed' ? returned.problem : null} />
    </Elements>
  );
}

function Waiting({ text }: { text: string }) {
  return <p className="muted" role="status" aria-live="polite">{text}</p>;
}

/**
 * Back from a redirect-based confirmation (3-D Secure page, bank redirect): Stripe appends
 * payment_intent_client_secret and redirect_status to the return URL. Reads the intent's status once,
 * reports a settling payment like a confirmed one, and takes the parameters out of the address.
 */
function useReturnFromRedirect(stripe: Stripe | null, clientSecret: string | null, onPaid: () => void): Returned | 'checking' | null {
  const { t } = useI18n();
  const [params, setParams] = useSearchParams();
  const returnedSecret = params.get('payment_intent_client_secret');
  // only this order's intent: another secret in the address is not ours to report on
  const ours = returnedSecret !== null && returnedSecret === clientSecret;
  const [returned, setReturned] = useState<Returned | null>(null);
  // the order page hands a new onPaid on every render; reading it through a ref keeps the look-up to one
  const latest = useRef({ t, onPaid, setParams });
  useEffect(() => {
    latest.current = { t, onPaid, setParams };
  });

  useEffect(() => {
    if (!stripe || !ours || !returnedSecret || returned) return;
    let current = true;
    const lookUp = async (t: Translate): Promise<Returned> => {
      try {
        const { paymentIntent, error } = await stripe.retrievePaymentIntent(returnedSecret);
        if (error) return { state: 'failed', problem: describeStripeError(t, error) };
        if (SETTLING.has(paymentIntent.status)) return { state: 'settling', status: paymentIntent.status };
        return { state: 'failed', problem: t('designer.checkout.declined', { message: paymentIntent.last_payment_error?.message ?? t('designer.checkout.notApproved') }) };
      } catch (error) {
        return { state: 'failed', problem: t('designer.checkout.stripeFailed', { message: describeError(t, error) }) };
      }
    };
    void lookUp(latest.current.t).then((outcome) => {
      if (!current) return;
      const { onPaid, setParams } = latest.current;
      setReturned(outcome);
      setParams(
        (previous) => {
          const next = new URLSearchParams(previous);
          for (const name of ['payment_intent', 'payment_intent_client_secret', 'redirect_status', 'source_type']) next.delete(name);
          return next;
        },
        { replace: true },
      );
      if (outcome.state === 'settling') onPaid();
    });
    return () => {
      current = false;
    };
  }, [stripe, ours, returnedSecret, returned]);

  if (returned) return returned;
  return ours ? 'checking' : null;
}

function PaymentElementForm({ amount, onPaid, initialProblem }: { amount: string; onPaid: () => void; initialProblem: string | null }) {
  const { t } = useI18n();
  const stripe = useStripe();
  const elements = useElements();
  const location = useLocation();
  const returnUrl = new URL(useHref(location.pathname), window.location.origin).href;
  const [ready, setReady] = useState(false);
  const [confirming, setConfirming] = useState(false);
  const [settling, setSettling] = useState(false);
  const [problem, setProblem] = useState<string | null>(initialProblem);

  const submit = async (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    if (!stripe || !elements || confirming) return;
    setProblem(null);
    setConfirming(true);
    try {
      // cards confirm here; a method that needs its own page (3-D Secure redirect, bank) comes back to returnUrl
      const { error, paymentIntent } = await stripe.confirmPayment({ elements, confirmParams: { return_url: returnUrl }, redirect: 'if_required' });
      if (error) return setProblem(describeStripeError(t, error));
      if (!SETTLING.has(paymentIntent.status)) {
        return setProblem(t('designer.checkout.declined', { message: paymentIntent.last_payment_error?.message ?? t('designer.checkout.notApproved') }));
      }
      setSettling(true);
      onPaid();
    } catch (error) {
      setProblem(t('designer.checkout.stripeFailed', { message: describeError(t, error) }));
    } finally {
      setConfirming(false);
    }
  };

  return (
    <form className="form" onSubmit={submit} data-testid="stripe-payment-form" aria-busy={confirming}>
      <p className="muted">{t('designer.checkout.stripeIntro')}</p>
      {!ready && !problem && <Waiting text={t('designer.checkout.loadingStripe')} />}
      <PaymentElement
        onReady={() => setReady(true)}
        onLoadError={(event) => setProblem(t('designer.checkout.stripeLoadFailed', { message: event.error.message ?? t('errors.generic') }))}
      />
      <ErrorMessage>{problem}</ErrorMessage>
      {settling && !problem && <p role="status">{t('designer.order.paymentPending')}</p>}
      <p>
        <button type="submit" className="primary" disabled={!stripe || !elements || !ready || confirming || settling}>
          {confirming ? t('designer.checkout.confirming') : t('designer.order.payNow', { amount })}
        </button>
      </p>
    </form>
  );
}
