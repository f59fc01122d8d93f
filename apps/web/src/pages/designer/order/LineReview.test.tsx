import { InMemoryCache } from '@apollo/client';
import { MockedProvider } from '@apollo/client/testing/react';
import { cleanup, fireEvent, render, screen, waitFor } from '@testing-library/react';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { possibleTypes, ReviewJobLineDocument } from '../../../gql/graphql';
import { I18nProvider } from '../../../i18n/i18n';
import { ReviewForm } from './LineReview';

const input = { jobLineId: 'line-1', quality: 5, communication: 4, timeliness: 3, comment: 'Clean parts, one day late.' };
const review = { __typename: 'JobLineReview', id: 'r-1', jobLineId: 'line-1', quality: 5, communication: 4, timeliness: 3, comment: input.comment, createdAt: '2026-11-22T09:00:00Z', response: null, respondedAt: null };

function renderForm(result: Record<string, unknown>, onSubmitted = vi.fn()) {
  const mock = { request: { query: ReviewJobLineDocument, variables: { input } }, result: { data: { reviewJobLine: result } }, maxUsageCount: 1 };
  const sent = vi.fn(() => ({ data: { reviewJobLine: result } }));
  render(
    <MockedProvider cache={new InMemoryCache({ possibleTypes })} mocks={[{ ...mock, result: sent }]}>
      <I18nProvider locale="en">
        <ReviewForm jobLineId="line-1" onSubmitted={onSubmitted} />
      </I18nProvider>
    </MockedProvider>,
  );
  return { sent, onSubmitted };
}

function rate(legend: string, stars: number) {
  const group = screen.getByRole('group', { name: new RegExp(`^${legend}`) });
  fireEvent.click(group.querySelectorAll('input')[stars - 1]);
}

describe('<ReviewForm>', () => {
  afterEach(cleanup);

  it('says which rating is missing, marks it and sends nothing', async () => {
    const { sent } = renderForm(review);
    rate('Quality', 5);
    fireEvent.click(screen.getByRole('button', { name: 'Submit the review' }));
    expect(screen.getByRole('alert').textContent).toBe('Choose a rating from 1 to 5 for “Communication”.');
    expect(screen.getByRole('group', { name: /^Communication/ }).getAttribute('aria-invalid')).toBe('true');
    expect(document.activeElement).toBe(screen.getByRole('group', { name: /^Communication/ }).querySelector('input'));
    await new Promise((resolve) => setTimeout(resolve, 20));
    expect(sent).not.toHaveBeenCalled();
  });

  it('sends the three ratings and the comment, then hands over', async () => {
    const { sent, onSubmitted } = renderForm(review);
    rate('Quality', 5);
    rate('Communication', 4);
    rate('Timeliness', 3);
    fireEvent.change(screen.getByLabelText(/^Comment/), { target: { value: ` ${input.comment} ` } });
    fireEvent.click(screen.getByRole('button', { name: 'Submit the review' }));
    await waitFor(() => expect(onSubmitted).toHaveBeenCalledTimes(1));
    expect(sent).toHaveBeenCalledTimes(1);
    expect(screen.queryByRole('alert')).toBeNull();
  });

  it('shows a typed refusal in words', async () => {
    const { onSubmitted } = renderForm({ __typename: 'AlreadyReviewedError', errorCode: 'ALREADY_REVIEWED', message: 'Job line line-1 already has a review' });
    rate('Quality', 5);
    rate('Communication', 4);
    rate('Timeliness', 3);
    fireEvent.change(screen.getByLabelText(/^Comment/), { target: { value: input.comment } });
    fireEvent.click(screen.getByRole('button', { name: 'Submit the review' }));
    await screen.findByText('This job line has already been reviewed.');
    expect(onSubmitted).not.toHaveBeenCalled();
  });
});
