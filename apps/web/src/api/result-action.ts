import { useState } from 'react';
import { useI18n } from '../i18n/i18n';
import { describeError, describeErrorResult, isErrorResult } from './errors';

/**
 * Runs a mutation whose result is a union with ErrorResult members: an error member or a thrown error
 * becomes `problem` (in words); success calls `onSuccess`. One shape for every action button of a page.
 */
export function useResultAction(onSuccess: () => unknown) {
  const { t } = useI18n();
  const [problem, setProblem] = useState<string | null>(null);
  const run = async (action: () => Promise<{ __typename?: string } | null | undefined>) => {
    setProblem(null);
    try {
      const result = await action();
      if (isErrorResult(result)) return setProblem(describeErrorResult(t, result));
      await onSuccess();
    } catch (error) {
      setProblem(describeError(t, error));
    }
  };
  return { run, problem, setProblem };
}
