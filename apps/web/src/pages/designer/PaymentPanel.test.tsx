import { MockedProvider } from '@apollo/client/testing/react';
import { act, cleanup, fireEvent, render, screen, waitFor } from '@testing-library/react';
import { useEffect, type ReactNode } from 'react';
import { MemoryRouter, useLocation } from 'react-router';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { CheckoutPaymentSettingsDocument, OrderPaymentSecretDocument, type CheckoutPaymentMode } from '../../gql/graphql';
import { I18nProvider } from '../../i18n/i18n';
import { PaymentPanel } from './TestCardForm';

// Stripe.js never loads in tests: @stripe/stripe-js and @stripe/react-stripe-js are stand-ins that record what
// the panel hands them. The stand-in Payment Element reports itself ready as the real one does once mounted.
const stripe = vi.hoisted(() => ({
  loadStripe: vi.fn(),
  confirmPayment: vi.fn(),
  retrievePaymentIntent: vi.fn(),
  elements: { id: 'elements' },
  elementsProps: [] as Array<{ stripe: unknown; options: Record<string, unknown> }>,
}));
const stripeInstance = { confirmPayment: stripe.confirmPayment, retrievePaymentIntent: stripe.retrievePaymentIntent };

vi.mock('@stripe/stripe-js', () => ({ loadStripe: stripe.loadStripe }));
vi.mock('@stripe/react-stripe-js', () => ({
  Elements: ({ stripe: instance, options, children }: { stripe: unknown; options: Record<string, unknown>; children: ReactNode }) => {
    stripe.elementsProps.push({ stripe: instance, options });
    return <div data-testid="stripe-elements">{children}</div>;
  },
  PaymentElement: ({ onReady }: { onReady?: () => void }) => {
    useEffect(() => onReady?.(), [onReady]);
    return <div data-testid="payment-element" />;
  },
  useStripe: () => stripeInstance,
  useElements: () => stripe.elements,
}));

const ORDER_ID = 'c0ffee00-0000-4000-8000-000000000001';
const CLIENT_SECRET = 'pi_3Partsmith_secret_abc';
let keyCounter = 0;

function settingsMock(mode: CheckoutPaymentMode, publishableKey: string | null) {
  return {
    request: { query: CheckoutPaymentSettingsDocument },
    result: { data: { checkoutPaymentSettings: { __typename: 'CheckoutPaymentSettings', mode, publishableKey } } },
  };
}

const paymentMock = {
  request: { query: OrderPaymentSecretDocument, variables: { orderId: ORDER_ID } },
  result: { data: { orderPayment: { __typename: 'OrderPayment', id: 'pay-1', status: 'requires_payment', clientSecret: CLIENT_SECRET } } },
};

function CurrentAddress() {
  const location = useLocation();
  return <output data-testid="address">{location.pathname + location.search}</output>;
}

function renderPanel(mode: CheckoutPaymentMode, options: { publishableKey?: string; entry?: string } = {}) {
  const publishableKey = mode === 'stripe' ? (options.publishableKey ?? `pk_test_panel${++keyCounter}`) : null;
  const onPaid = vi.fn();
  render(
    <MockedProvider mocks={[settingsMock(mode, publishableKey), paymentMock]}>
      <I18nProvider locale="en">
        <MemoryRouter initialEntries={[options.entry ?? `/designer/orders/${ORDER_ID}`]}>
          <PaymentPanel orderId={ORDER_ID} amount="€120.00" onPaid={onPaid} />
          <CurrentAddress />
        </MemoryRouter>
      </I18nProvider>
    </MockedProvider>,
  );
  return { onPaid, publishableKey };
}

const payButton = () => screen.getByRole('button', { name: /Pay €120\.00|Confirming/ }) as HTMLButtonElement;

beforeEach(() => {
  stripe.loadStripe.mockResolvedValue(stripeInstance);
  stripe.elementsProps.length = 0;
});
afterEach(() => {
  cleanup();
  vi.clearAllMocks();
});

describe('PaymentPanel with a Stripe account', () => {
  it('loads Stripe.js with the publishable key and mounts the Payment Element on the order’s client secret', async () => {
    const { publishableKey } = renderPanel('stripe');
    expect(await screen.findByTestId('payment-element')).toBeTruthy();
    expect(stripe.loadStripe).toHaveBeenCalledWith(publishableKey);
    expect(stripe.elementsProps.at(-1)).toEqual({
      stripe: stripeInstance,
      options: expect.objectContaining({ clientSecret: CLIENT_SECRET, locale: 'en-GB', appearance: expect.objectContaining({ theme: 'stripe' }) }),
    });
    expect(screen.queryByTestId('test-card-form')).toBeNull();
    await waitFor(() => expect(payButton().disabled).toBe(false));
  });

  it('confirms with Stripe, disables the button meanwhile, and reports the payment through onPaid', async () => {
    let finish!: (result: unknown) => void;
    stripe.confirmPayment.mockReturnValue(new Promise((resolve) => (finish = resolve)));
    const { onPaid } = renderPanel('stripe');
    await waitFor(() => expect(payButton().disabled).toBe(false));

    fireEvent.click(payButton());
    await waitFor(() => expect(payButton().textContent).toBe('Confirming…'));
    expect(payButton().disabled).toBe(true);
    expect(stripe.confirmPayment).toHaveBeenCalledWith({
      elements: stripe.elements,
      confirmParams: { return_url: `${window.location.origin}/designer/orders/${ORDER_ID}` },
      redirect: 'if_required',
    });
    expect(onPaid).not.toHaveBeenCalled();

    await act(async () => finish({ paymentIntent: { id: 'pi_3Partsmith', status: 'succeeded' } }));
    expect(onPaid).toHaveBeenCalledTimes(1);
    expect(screen.getByText('Payment received; confirming…').getAttribute('role')).toBe('status');
    expect(payButton().disabled).toBe(true); // no second payment while the webhook catches up
  });

  it('explains a declined card in words and marks nothing paid', async () => {
    stripe.confirmPayment.mockResolvedValue({ error: { type: 'card_error', code: 'card_declined', message: 'Your card was declined.' } });
    const { onPaid } = renderPanel('stripe');
    await waitFor(() => expect(payButton().disabled).toBe(false));

    fireEvent.click(payButton());
    const alert = await screen.findByRole('alert');
    expect(alert.textContent).toBe('Your payment did not go through: Your card was declined. Nothing was charged; check the details or try another card.');
    expect(onPaid).not.toHaveBeenCalled();
    expect(screen.queryByText('Payment received; confirming…')).toBeNull();
    expect(payButton().disabled).toBe(false); // the designer may try another card
  });

  it('says so in words when Stripe.js cannot be loaded', async () => {
    stripe.loadStripe.mockRejectedValue(new Error('Failed to load Stripe.js'));
    renderPanel('stripe');
    expect((await screen.findByRole('alert')).textContent).toMatch(/^The secure payment form could not be loaded from Stripe \(Failed to load Stripe\.js\)/);
    expect(screen.queryByTestId('stripe-elements')).toBeNull();
  });

  it('back from a redirect: shows the payment’s status, reports it, and clears the address', async () => {
    stripe.retrievePaymentIntent.mockResolvedValue({ paymentIntent: { id: 'pi_3Partsmith', status: 'succeeded' } });
    const { onPaid } = renderPanel('stripe', {
      entry: `/designer/orders/${ORDER_ID}?payment_intent=pi_3Partsmith&payment_intent_client_secret=${CLIENT_SECRET}&redirect_status=succeeded`,
    });
    expect((await screen.findByText('Your payment was confirmed; the order is being marked paid…')).getAttribute('role')).toBe('status');
    expect(stripe.retrievePaymentIntent).toHaveBeenCalledWith(CLIENT_SECRET);
    expect(onPaid).toHaveBeenCalledTimes(1);
    await waitFor(() => expect(screen.getByTestId('address').textContent).toBe(`/designer/orders/${ORDER_ID}`)); // the router navigates in a transition
    expect(stripe.confirmPayment).not.toHaveBeenCalled();
  });

  it('back from a redirect that failed: says why and offers the form again', async () => {
    stripe.retrievePaymentIntent.mockResolvedValue({
      paymentIntent: { id: 'pi_3Partsmith', status: 'requires_payment_method', last_payment_error: { message: 'The bank declined the authentication.' } },
    });
    const { onPaid } = renderPanel('stripe', { entry: `/designer/orders/${ORDER_ID}?payment_intent_client_secret=${CLIENT_SECRET}&redirect_status=failed` });
    expect((await screen.findByRole('alert')).textContent).toMatch(/^Your payment did not go through: The bank declined the authentication\./);
    expect(screen.getByTestId('payment-element')).toBeTruthy();
    expect(onPaid).not.toHaveBeenCalled();
  });
});

describe('PaymentPanel with the local Stripe emulator', () => {
  it('shows the test-card form and never loads Stripe.js', async () => {
    renderPanel('test_card');
    expect(await screen.findByTestId('test-card-form')).toBeTruthy();
    expect(screen.getByLabelText(/Card number/)).toBeTruthy();
    expect(stripe.loadStripe).not.toHaveBeenCalled();
    expect(screen.queryByTestId('stripe-elements')).toBeNull();
  });
});
