import { InMemoryCache } from '@apollo/client';
import { MockedProvider } from '@apollo/client/testing/react';
import { cleanup, fireEvent, render, screen, waitFor } from '@testing-library/react';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { AcceptCounterofferDocument, DesignerSourcingJobDocument, possibleTypes, RejectCounterofferDocument } from '../../../gql/graphql';
import { I18nProvider } from '../../../i18n/i18n';
import { LineSourcing } from './LineSourcing';

const countered = {
  __typename: 'Offer', id: 'offer-1', status: 'countered', factoryId: 'f-1', priceMinor: 21_887, currency: 'eur', shipBy: '2026-12-01T00:00:00.000Z', expiresAt: '2026-11-23T09:07:00.000Z',
  respondedAt: '2026-11-22T09:07:00.000Z', counterPriceMinor: 22_887, counterShipBy: '2026-12-03T23:59:59.000Z', counterNote: 'Anodising adds a day of handling.',
};
const job = (offers: unknown[], extra: Record<string, unknown> = {}) => ({
  data: {
    sourcingJob: {
      __typename: 'SourcingJob', id: 'line-1', status: 'open', mode: 'offer_cascade', currency: 'eur', payoutMinor: 21_887, dueDate: '2026-12-01T00:00:00.000Z', bidDeadline: null,
      biddingClosedAt: null, pickDeadline: null, stalledReason: null, offers, bids: [], award: null, ...extra,
    },
  },
});

function renderLine(mocks: unknown[]) {
  const onAwarded = vi.fn();
  render(
    <MockedProvider cache={new InMemoryCache({ possibleTypes })} mocks={mocks as never}>
      <I18nProvider locale="en">
        <LineSourcing jobLineId="line-1" onAwarded={onAwarded} />
      </I18nProvider>
    </MockedProvider>,
  );
  return onAwarded;
}

const sourcingJob = (result: ReturnType<typeof job>) => ({ request: { query: DesignerSourcingJobDocument, variables: { jobLineId: 'line-1' } }, result });

describe('<LineSourcing>', () => {
  afterEach(cleanup);

  it('shows a counteroffer against what was offered, and accepting it awards the line', async () => {
    const accepted = vi.fn(() => ({ data: { acceptCounteroffer: { __typename: 'Award', id: 'award-1', jobLineId: 'line-1' } } }));
    const onAwarded = renderLine([
      sourcingJob(job([countered])),
      { request: { query: AcceptCounterofferDocument, variables: { offerId: 'offer-1' } }, result: accepted },
      sourcingJob(job([{ ...countered, status: 'accepted' }], { status: 'awarded' })),
    ]);
    await screen.findByText('A factory asks €228.87 (offered €218.87) and can ship by 3 Dec 2026 (asked 1 Dec 2026).');
    expect(screen.getByText('Its note: “Anodising adds a day of handling.”')).toBeTruthy();
    fireEvent.click(screen.getByRole('button', { name: 'Accept the counteroffer' }));
    await waitFor(() => expect(onAwarded).toHaveBeenCalledTimes(1));
    expect(accepted).toHaveBeenCalledTimes(1);
  });

  it('explains a counteroffer that expired before the answer', async () => {
    const onAwarded = renderLine([
      sourcingJob(job([countered])),
      { request: { query: RejectCounterofferDocument, variables: { offerId: 'offer-1' } }, result: { data: { rejectCounteroffer: { __typename: 'OfferNotOpenError', errorCode: 'OFFER_NOT_OPEN', message: 'Offer offer-1 is expired' } } } },
    ]);
    fireEvent.click(await screen.findByRole('button', { name: 'Reject it' }));
    await screen.findByText('This offer is no longer open.');
    expect(onAwarded).not.toHaveBeenCalled();
  });

  it('says the line is about to be offered while sourcing has not opened it', async () => {
    renderLine([{ request: { query: DesignerSourcingJobDocument, variables: { jobLineId: 'line-1' } }, result: { errors: [{ message: 'Sourcing job not found', extensions: { code: 'NOT_FOUND' } }] } }]);
    await screen.findByText('The line is paid; it is offered to factories within a minute.');
  });
});
