import { useMutation, useQuery } from '@apollo/client/react';
import { useId, useState, type FormEvent } from 'react';
import { describeError, describeErrorResult, isErrorResult } from '../../../api/errors';
import { ErrorMessage, Loading } from '../../../components/Feedback';
import { JobLineReviewDocument, ReviewJobLineDocument, type ReviewFieldsFragment } from '../../../gql/graphql';
import { useI18n } from '../../../i18n/i18n';
import { checkReview, emptyReview, MAX_COMMENT, RATINGS, type ReviewDraft, type ReviewProblem } from './reviewForm';

/** After acceptance: the review form, or the submitted review (final) with the factory's answer. */
export function LineReview({ jobLineId }: { jobLineId: string }) {
  const { t } = useI18n();
  const { data, loading, error, refetch } = useQuery(JobLineReviewDocument, { variables: { jobLineId }, pollInterval: 60_000 });
  if (loading && !data) return <Loading />;
  if (error) return <ErrorMessage error={error} />;
  const review = data?.jobLineReview;
  return (
    <section className="panel" aria-labelledby={`review-${jobLineId}`} data-testid="line-review">
      <h4 id={`review-${jobLineId}`}>{t('collaboration.review.title')}</h4>
      {review ? <SubmittedReview review={review} /> : <ReviewForm jobLineId={jobLineId} onSubmitted={() => void refetch()} />}
    </section>
  );
}

function SubmittedReview({ review }: { review: ReviewFieldsFragment }) {
  const { t, date } = useI18n();
  return (
    <div data-testid="submitted-review">
      <p className="muted">{t('collaboration.review.submitted', { date: date(review.createdAt, true) })}</p>
      <ul>
        {RATINGS.map((field) => (
          <li key={field}>
            <span aria-hidden="true">{'★'.repeat(review[field])}{'☆'.repeat(5 - review[field])}</span>{' '}
            {t('collaboration.review.ratingLine', { field: t(`collaboration.review.fieldNames.${field}`), count: review[field] })}
          </li>
        ))}
      </ul>
      <p>{review.comment ?? <span className="muted">{t('collaboration.review.noComment')}</span>}</p>
      {review.response ? (
        <blockquote data-testid="review-response">
          <p className="muted small">{t('collaboration.review.response', { date: date(review.respondedAt, true) })}</p>
          <p>{review.response}</p>
        </blockquote>
      ) : (
        <p className="muted small">{t('collaboration.review.noResponse')}</p>
      )}
    </div>
  );
}

export function ReviewForm({ jobLineId, onSubmitted }: { jobLineId: string; onSubmitted: () => void }) {
  const { t } = useI18n();
  const [draft, setDraft] = useState<ReviewDraft>(emptyReview);
  const [problem, setProblem] = useState<ReviewProblem | null>(null);
  const [failure, setFailure] = useState<string | null>(null);
  const [review, { loading }] = useMutation(ReviewJobLineDocument);
  const id = useId();
  const submit = async (event: FormEvent) => {
    event.preventDefault();
    setFailure(null);
    const checked = checkReview(draft);
    if ('problem' in checked) {
      setProblem(checked.problem);
      const first = checked.problem.kind === 'missingRating' ? `${id}-${checked.problem.field}-1` : `${id}-comment`;
      document.getElementById(first)?.focus();
      return;
    }
    setProblem(null);
    try {
      const result = (await review({ variables: { input: { jobLineId, ...checked.input } } })).data!.reviewJobLine;
      if (isErrorResult(result)) return setFailure(describeErrorResult(t, result));
      onSubmitted();
    } catch (caught) {
      setFailure(describeError(t, caught));
    }
  };
  const message =
    problem?.kind === 'missingRating'
      ? t('collaboration.review.missingRating', { field: t(`collaboration.review.fieldNames.${problem.field}`) })
      : problem?.kind === 'commentTooLong'
        ? t('collaboration.review.commentTooLong')
        : null;
  return (
    <form className="form" onSubmit={submit} noValidate aria-describedby={`${id}-intro`} data-testid="review-form">
      <p id={`${id}-intro`} className="muted small">{t('collaboration.review.intro')}</p>
      {RATINGS.map((field) => (
        <Stars
          key={field}
          id={`${id}-${field}`}
          legend={t(`collaboration.review.${field}`)}
          value={draft[field]}
          invalid={problem?.kind === 'missingRating' && problem.field === field}
          onChange={(value) => setDraft((current) => ({ ...current, [field]: value }))}
        />
      ))}
      <label>
        {t('collaboration.review.comment')}
        <textarea id={`${id}-comment`} rows={3} value={draft.comment} maxLength={MAX_COMMENT} onChange={(event) => setDraft((current) => ({ ...current, comment: event.target.value }))} />
      </label>
      <ErrorMessage>{message ?? failure}</ErrorMessage>
      <div>
        <button type="submit" className="primary" disabled={loading}>{loading ? t('collaboration.review.submitting') : t('collaboration.review.submit')}</button>
      </div>
    </form>
  );
}

/** Five radio buttons: arrow keys move between them, as in any radio group. */
function Stars({ id, legend, value, invalid, onChange }: { id: string; legend: string; value: number | null; invalid: boolean; onChange: (value: number) => void }) {
  const { t } = useI18n();
  return (
    <fieldset className={`stars${invalid ? ' invalid' : ''}`} aria-invalid={invalid || undefined}>
      <legend>{legend}</legend>
      {[1, 2, 3, 4, 5].map((count) => (
        <label key={count} className="star">
          <input id={`${id}-${count}`} type="radio" name={id} value={count} checked={value === count} onChange={() => onChange(count)} />
          <span aria-hidden="true">{value !== null && count <= value ? '★' : '☆'}</span>
          <span className="visually-hidden">{t('collaboration.review.stars', { count })}</span>
        </label>
      ))}
    </fieldset>
  );
}

