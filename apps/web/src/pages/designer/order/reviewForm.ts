export const RATINGS = ['quality', 'communication', 'timeliness'] as const;
export type Rating = (typeof RATINGS)[number];
export const MAX_COMMENT = 2000;

export interface ReviewDraft {
  quality: number | null;
  communication: number | null;
  timeliness: number | null;
  comment: string;
}

export type ReviewProblem = { kind: 'missingRating'; field: Rating } | { kind: 'commentTooLong' };

export const emptyReview = (): ReviewDraft => ({ quality: null, communication: null, timeliness: null, comment: '' });

/** Every rating a whole number 1–5, the comment at most 2,000 characters; the first problem in form order. */
export function checkReview(draft: ReviewDraft): { problem: ReviewProblem } | { input: { quality: number; communication: number; timeliness: number; comment?: string } } {
  for (const field of RATINGS) {
    const value = draft[field];
    if (value === null || !Number.isInteger(value) || value < 1 || value > 5) return { problem: { kind: 'missingRating', field } };
  }
  const comment = draft.comment.trim();
  if (comment.length > MAX_COMMENT) return { problem: { kind: 'commentTooLong' } };
  return { input: { quality: draft.quality!, communication: draft.communication!, timeliness: draft.timeliness!, ...(comment ? { comment } : {}) } };
}
