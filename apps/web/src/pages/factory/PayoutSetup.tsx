import { useMutation, useQuery } from '@apollo/client/react';
import { useState } from 'react';
import { describeError, describeErrorResult } from '../../api/errors';
import { ErrorMessage } from '../../components/Feedback';
import { FactoryAccountDocument, StartOnboardingDocument } from '../../gql/graphql';
import { useI18n } from '../../i18n/i18n';

/** Stripe Connect onboarding: a factory is awarded jobs only once it can be paid out. */
export function PayoutSetup() {
  const { t } = useI18n();
  const { data, refetch } = useQuery(FactoryAccountDocument, { fetchPolicy: 'cache-and-network' });
  const [start, { loading }] = useMutation(StartOnboardingDocument);
  const [problem, setProblem] = useState<string | null>(null);
  const ready = data?.factoryPaymentAccount?.transfersCapability === 'active';
  const open = async () => {
    setProblem(null);
    try {
      const result = (await start()).data!.startFactoryOnboarding;
      if (result.__typename !== 'FactoryOnboardingLink') return setProblem(describeErrorResult(t, result));
      // Stripe's hosted onboarding (the emulator completes it when the link is opened) in a new tab
      window.open(result.url, '_blank', 'noopener');
      const deadline = Date.now() + 30_000;
      while (Date.now() < deadline) {
        await new Promise((resolve) => setTimeout(resolve, 1_000));
        const next = await refetch();
        if (next.data?.factoryPaymentAccount?.transfersCapability === 'active') break;
      }
    } catch (error) {
      setProblem(describeError(t, error));
    }
  };
  if (!data) return null;
  return (
    <section className="panel" aria-labelledby="payout-setup">
      <h2 id="payout-setup">{t('factory.onboarding.heading')}</h2>
      {ready ? (
        <p data-testid="payouts-ready">{t('factory.onboarding.ready')}</p>
      ) : (
        <>
          <p>{t('factory.onboarding.needed')}</p>
          <button type="button" className="primary" onClick={open} disabled={loading}>
            {loading ? t('factory.onboarding.starting') : t('factory.onboarding.start')}
          </button>
        </>
      )}
      <ErrorMessage>{problem}</ErrorMessage>
    </section>
  );
}
