import { MockedProvider } from '@apollo/client/testing/react';
import { act, cleanup, fireEvent, render, screen, waitFor } from '@testing-library/react';
import { MemoryRouter, useLocation } from 'react-router';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { CheckoutPaymentSettingsDocument, OrderPaymentSecretDocument, type CheckoutPaymentMode } from '../../gql/graphql';
import { I18nProvider } from '../../i18n/i18n';
import { PaymentPanel } from './TestCardForm';

// Stripe.js never loads in tests: @stripe/stripe-js's loadStripe hands out a stand-in for the Stripe object,
// and the real @stripe/react-stripe-js drives it as it drives Stripe.js — elements(options), create('payment'),
// mount, and the element's 'ready' event (sent once mounted, as Stripe.js does when its iframe has loaded).
const stripe = vi.hoisted(() => {
  const handlers = new Map<string, Set<(event: unknown) => void>>();
  const control = { readyOnMount: true };
  const sendReady = () => handlers.get('ready')?.forEach((handler) => handler({ elementType: 'payment' }));
  const paymentElement = {
    mount: vi.fn(() => control.readyOnMount && setTimeout(sendReady, 0)),
    on: vi.fn((event: string, handler: (event: unknown) => void) => void (handlers.get(event) ?? handlers.set(event, new Set()).get(event)!).add(handler)),
    off: vi.fn((event: string, handler: (event: unknown) => void) => void handlers.get(event)?.delete(handler)),
    update: vi.fn(),
    destroy: vi.fn(),
  };
  const elements = { create: vi.fn(() => paymentElement), update: vi.fn(), getElement: vi.fn(() => paymentElement) };
  const instance = {
    elements: vi.fn(() => elements),
    confirmPayment: vi.fn(),
    retrievePaymentIntent: vi.fn(),
    // what @stripe/react-stripe-js checks before it accepts an object as Stripe
    createToken: vi.fn(),
    createPaymentMethod: vi.fn(),
    confirmCardPayment: vi.fn(),
    _registerWrapper: vi.fn(),
    registerAppInfo: vi.fn(),
  };
  return { loadStripe: vi.fn(), instance, elements, paymentElement, handlers, control, sendReady };
});

vi.mock('@stripe/stripe-js', () => ({ loadStripe: stripe.loadStripe }));

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
  stripe.loadStripe.mockResolvedValue(stripe.instance);
  stripe.handlers.clear();
  stripe.control.readyOnMount = true;
});
afterEach(() => {
  cleanup();
  vi.clearAllMocks();
});

describe('PaymentPanel with a Stripe account', () => {
  it('loads Stripe.js with the publishable key and mounts the Payment Element on the order’s client secret', async () => {
    stripe.control.readyOnMount = false;
    const { publishableKey } = renderPanel('stripe');
    expect(await screen.findByTestId('stripe-payment-form')).toBeTruthy();
    expect(stripe.loadStripe).toHaveBeenCalledWith(publishableKey);
    expect(stripe.instance.elements).toHaveBeenCalledWith(
      expect.objectContaining({ clientSecret: CLIENT_SECRET, locale: 'en-GB', appearance: expect.objectContaining({ theme: 'stripe' }) }),
    );
    expect(stripe.elements.create).toHaveBeenCalledWith('payment', {});
    expect(stripe.paymentElement.mount).toHaveBeenCalledTimes(1);
    expect(screen.queryByTestId('test-card-form')).toBeNull();
    // the button waits for the Payment Element to be ready
    expect(screen.getByText('Loading the secure payment form…')).toBeTruthy();
    expect(payButton().disabled).toBe(true);
    act(() => stripe.sendReady());
    expect(payButton().disabled).toBe(false);
    expect(screen.queryByText('Loading the secure payment form…')).toBeNull();
  });

  it('confirms with Stripe, disables the button meanwhile, and reports the payment through onPaid', async () => {
    let finish!: (result: unknown) => void;
    stripe.instance.confirmPayment.mockReturnValue(new Promise((resolve) => (finish = resolve)));
    const { onPaid } = renderPanel('stripe');
    await waitFor(() => expect(payButton().disabled).toBe(false));

    fireEvent.click(payButton());
    await waitFor(() => expect(payButton().textContent).toBe('Confirming…'));
    expect(payButton().disabled).toBe(true);
    expect(stripe.instance.confirmPayment).toHaveBeenCalledWith({
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
    stripe.instance.confirmPayment.mockResolvedValue({ error: { type: 'card_error', code: 'card_declined', message: 'Your card was declined.' } });
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
    expect(stripe.instance.elements).not.toHaveBeenCalled();
    expect(screen.queryByRole('button')).toBeNull();
  });

  it('back from a redirect: shows the payment’s status, reports it, and clears the address', async () => {
    stripe.instance.retrievePaymentIntent.mockResolvedValue({ paymentIntent: { id: 'pi_3Partsmith', status: 'succeeded' } });
    const { onPaid } = renderPanel('stripe', {
      entry: `/designer/orders/${ORDER_ID}?payment_intent=pi_3Partsmith&payment_intent_client_secret=${CLIENT_SECRET}&redirect_status=succeeded`,
    });
    expect((await screen.findByText('Your payment was confirmed; the order is being marked paid…')).getAttribute('role')).toBe('status');
    expect(stripe.instance.retrievePaymentIntent).toHaveBeenCalledWith(CLIENT_SECRET);
    expect(onPaid).toHaveBeenCalledTimes(1);
    await waitFor(() => expect(screen.getByTestId('address').textContent).toBe(`/designer/orders/${ORDER_ID}`)); // the router navigates in a transition
    expect(stripe.instance.confirmPayment).not.toHaveBeenCalled();
  });

  it('back from a redirect that failed: says why and offers the form again', async () => {
    stripe.instance.retrievePaymentIntent.mockResolvedValue({
      paymentIntent: { id: 'pi_3Partsmith', status: 'requires_payment_method', last_payment_error: { message: 'The bank declined the authentication.' } },
    });
    const { onPaid } = renderPanel('stripe', { entry: `/designer/orders/${ORDER_ID}?payment_intent_client_secret=${CLIENT_SECRET}&redirect_status=failed` });
    expect((await screen.findByRole('alert')).textContent).toMatch(/^Your payment did not go through: The bank declined the authentication\./);
    expect(screen.getByTestId('stripe-payment-form')).toBeTruthy();
    expect(onPaid).not.toHaveBeenCalled();
  });
});

describe('PaymentPanel with the local Stripe emulator', () => {
  it('shows the test-card form and never loads Stripe.js', async () => {
    renderPanel('test_card');
    expect(await screen.findByTestId('test-card-form')).toBeTruthy();
    expect(screen.getByLabelText(/Card number/)).toBeTruthy();
    expect(stripe.loadStripe).not.toHaveBeenCalled();
    expect(stripe.instance.elements).not.toHaveBeenCalled();
  });
});
