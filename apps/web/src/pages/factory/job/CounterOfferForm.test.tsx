import { InMemoryCache } from '@apollo/client';
import { MockedProvider } from '@apollo/client/testing/react';
import { cleanup, fireEvent, render, screen, waitFor } from '@testing-library/react';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { CounterOfferDocument, possibleTypes } from '../../../gql/graphql';
import { I18nProvider } from '../../../i18n/i18n';
import { CounterOfferForm } from './CounterOfferForm';

const offer = {
  __typename: 'Offer', id: 'offer-1', status: 'countered', factoryId: 'f-1', priceMinor: 120_000, currency: 'eur', shipBy: '2026-12-01T00:00:00.000Z',
  expiresAt: '2026-11-23T09:00:00.000Z', respondedAt: '2026-11-22T09:00:00.000Z', counterPriceMinor: 135_050, counterShipBy: null, counterNote: 'Anodising is extra',
};

function renderForm(result: Record<string, unknown>) {
  const sent = vi.fn(() => ({ data: { counterOffer: result } }));
  const onSent = vi.fn();
  render(
    <MockedProvider cache={new InMemoryCache({ possibleTypes })} mocks={[{ request: { query: CounterOfferDocument, variables: { input: { offerId: 'offer-1', priceMinor: 135_050, note: 'Anodising is extra' } } }, result: sent }]}>
      <I18nProvider locale="en">
        <CounterOfferForm offerId="offer-1" currency="eur" onSent={onSent} />
      </I18nProvider>
    </MockedProvider>,
  );
  return { sent, onSent };
}

describe('<CounterOfferForm>', () => {
  afterEach(cleanup);

  it('asks for a price or a date before sending anything', async () => {
    const { sent } = renderForm(offer);
    fireEvent.change(screen.getByLabelText('Note for the designer (optional)'), { target: { value: 'Anodising is extra' } });
    fireEvent.click(screen.getByRole('button', { name: 'Send the counteroffer' }));
    expect(screen.getByRole('alert').textContent).toBe('Enter a new price, a new ship-by date, or both.');
    fireEvent.change(screen.getByLabelText('Price you ask (EUR)'), { target: { value: 'twelve' } });
    fireEvent.click(screen.getByRole('button', { name: 'Send the counteroffer' }));
    expect(screen.getByRole('alert').textContent).toBe('Enter the price as a positive amount, e.g. 1250.00.');
    expect(screen.getByLabelText('Price you ask (EUR)').getAttribute('aria-invalid')).toBe('true');
    await new Promise((resolve) => setTimeout(resolve, 20));
    expect(sent).not.toHaveBeenCalled();
  });

  it('sends the price in minor units with the note', async () => {
    const { sent, onSent } = renderForm(offer);
    fireEvent.change(screen.getByLabelText('Price you ask (EUR)'), { target: { value: '1350,50' } });
    fireEvent.change(screen.getByLabelText('Note for the designer (optional)'), { target: { value: 'Anodising is extra' } });
    fireEvent.click(screen.getByRole('button', { name: 'Send the counteroffer' }));
    await waitFor(() => expect(onSent).toHaveBeenCalledTimes(1));
    expect(sent).toHaveBeenCalledTimes(1);
  });

  it('explains an offer that closed meanwhile', async () => {
    const { onSent } = renderForm({ __typename: 'OfferNotOpenError', errorCode: 'OFFER_NOT_OPEN', message: 'Offer offer-1 is expired' });
    fireEvent.change(screen.getByLabelText('Price you ask (EUR)'), { target: { value: '1350.50' } });
    fireEvent.change(screen.getByLabelText('Note for the designer (optional)'), { target: { value: 'Anodising is extra' } });
    fireEvent.click(screen.getByRole('button', { name: 'Send the counteroffer' }));
    await screen.findByText('This offer is no longer open.');
    expect(onSent).not.toHaveBeenCalled();
  });
});
