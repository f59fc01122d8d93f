import { describe, expect, it } from 'vitest';
import { checkReview, emptyReview } from './reviewForm';

describe('the review form', () => {
  it('asks for each rating in form order', () => {
    expect(checkReview(emptyReview())).toEqual({ problem: { kind: 'missingRating', field: 'quality' } });
    expect(checkReview({ ...emptyReview(), quality: 5 })).toEqual({ problem: { kind: 'missingRating', field: 'communication' } });
    expect(checkReview({ ...emptyReview(), quality: 5, communication: 4 })).toEqual({ problem: { kind: 'missingRating', field: 'timeliness' } });
    expect(checkReview({ quality: 5, communication: 6, timeliness: 3, comment: '' })).toEqual({ problem: { kind: 'missingRating', field: 'communication' } });
  });

  it('sends three ratings and a trimmed comment, or none when it is blank', () => {
    expect(checkReview({ quality: 5, communication: 4, timeliness: 3, comment: '  Clean parts.  ' })).toEqual({ input: { quality: 5, communication: 4, timeliness: 3, comment: 'Clean parts.' } });
    expect(checkReview({ quality: 1, communication: 1, timeliness: 1, comment: '   ' })).toEqual({ input: { quality: 1, communication: 1, timeliness: 1 } });
  });

  it('refuses a comment over 2,000 characters', () => {
    expect(checkReview({ quality: 5, communication: 5, timeliness: 5, comment: 'x'.repeat(2001) })).toEqual({ problem: { kind: 'commentTooLong' } });
  });
});
