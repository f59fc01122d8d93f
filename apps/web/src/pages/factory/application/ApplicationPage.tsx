import { useMutation, useQuery } from '@apollo/client/react';
import { useEffect, useState } from 'react';
import { Link } from 'react-router';
import { describeError, describeErrorResult, isErrorResult } from '../../../api/errors';
import { useSession } from '../../../auth/useSession';
import { ErrorMessage, Loading } from '../../../components/Feedback';
import { FactoryStatusBadge } from '../../../components/NetworkLabels';
import { ApplyAsFactoryDocument, CatalogDocument, FactoryCapabilityCodesDocument, MyFactoryDocument, UpdateFactoryProfileDocument } from '../../../gql/graphql';
import { useI18n } from '../../../i18n/i18n';
import { PayoutSetup } from '../PayoutSetup';
import { CalendarStep } from './CalendarStep';
import { CertificatesStep } from './CertificatesStep';
import { MachinesStep } from './MachinesStep';
import { ProfileStep } from './ProfileStep';
import { checkCalendar, checkProfile, defaultCalendar, draftsFromFactory, emptyProfile, firstOpenStep, toProfileInput, WIZARD_STEPS, type CalendarDraft, type ProfileDraft, type Problems, type WizardStep } from './applicationForm';

/** The factory's application, step by step: profile, calendar (then it applies), machines, certificates, review. */
export function ApplicationPage() {
  const { t, date, money } = useI18n();
  const session = useSession();
  const readOnly = session?.role !== 'factory_admin';
  const factoryQuery = useQuery(MyFactoryDocument, { fetchPolicy: 'cache-and-network' });
  const codesQuery = useQuery(FactoryCapabilityCodesDocument);
  const catalog = useQuery(CatalogDocument);
  const factory = factoryQuery.data?.myFactory ?? null;
  const [step, setStep] = useState<WizardStep | null>(null);
  const [profile, setProfile] = useState<ProfileDraft>(emptyProfile);
  const [calendar, setCalendar] = useState<CalendarDraft>(defaultCalendar);
  const [problems, setProblems] = useState<Problems>({});
  const [failure, setFailure] = useState<string | null>(null);
  const [saved, setSaved] = useState<string | null>(null);
  const [apply, applying] = useMutation(ApplyAsFactoryDocument, { refetchQueries: [MyFactoryDocument], awaitRefetchQueries: true });
  const [update, updating] = useMutation(UpdateFactoryProfileDocument);

  // once loaded: a factory that has applied edits its profile and lands on the first step not done
  useEffect(() => {
    if (step !== null || factoryQuery.loading || !factoryQuery.data) return;
    if (factory) {
      const drafts = draftsFromFactory(factory);
      setProfile(drafts.profile);
      setCalendar(drafts.calendar);
    }
    setStep(firstOpenStep(factory));
  }, [factory, factoryQuery.loading, factoryQuery.data, step]);

  const nameOf = (code: string) => catalog.data?.catalogItems.find((item) => item.code === code)?.name ?? code;
  const codes = codesQuery.data?.factoryCapabilityCodes;
  const mayApply = !factory || factory.status === 'rejected';

  const go = (next: WizardStep) => {
    setFailure(null);
    setSaved(null);
    setStep(next);
    document.getElementById('wizard-step')?.focus();
  };
  const toCalendar = () => {
    const found = checkProfile(profile);
    setProblems(found);
    if (Object.keys(found).length === 0) go('calendar');
  };
  const submit = async () => {
    const found = { ...checkProfile(profile), ...checkCalendar(calendar) };
    setProblems(found);
    setFailure(null);
    if (Object.keys(checkProfile(profile)).length > 0) return go('profile');
    if (Object.keys(found).length > 0) return;
    const input = toProfileInput(profile, calendar);
    try {
      const result = mayApply ? (await apply({ variables: { input } })).data!.applyAsFactory : (await update({ variables: { input } })).data!.updateFactoryProfile;
      if (isErrorResult(result)) {
        // the API names the field; send the reader to the step holding it
        if ('field' in result && typeof result.field === 'string' && !result.field.startsWith('workingCalendar')) setStep('profile');
        return setFailure(describeErrorResult(t, result));
      }
      setSaved(mayApply ? t('factoryWorkspace.application.applied') : t('factoryWorkspace.application.saved'));
      if (mayApply) setStep('machines');
    } catch (error) {
      setFailure(describeError(t, error));
    }
  };

  if (factoryQuery.error) return <ErrorMessage error={factoryQuery.error} />;
  if (!step || !codes) return <Loading />;
  const reachable = (candidate: WizardStep) => candidate === 'profile' || candidate === 'calendar' || !!factory;
  return (
    <section>
      <h1>{t('factoryWorkspace.application.title')}</h1>
      {factory ? (
        <p>
          {factory.legalName} · <FactoryStatusBadge status={factory.status} /> {factory.statusReason ? `· ${factory.statusReason}` : ''}
        </p>
      ) : (
        <p className="muted">{t('factoryWorkspace.application.intro')}</p>
      )}
      {readOnly && <p className="muted">{t('factoryWorkspace.application.readOnly')}</p>}
      <nav aria-label={t('factoryWorkspace.application.steps')}>
        <ol className="wizard-steps">
          {WIZARD_STEPS.map((candidate, index) => (
            <li key={candidate}>
              <button type="button" className={candidate === step ? 'current' : ''} aria-current={candidate === step ? 'step' : undefined} disabled={!reachable(candidate)} onClick={() => go(candidate)}>
                {index + 1}. {t(`factoryWorkspace.application.step.${candidate}`)}
              </button>
            </li>
          ))}
        </ol>
      </nav>
      {saved && <p className="ok" role="status">{saved}</p>}
      <ErrorMessage>{failure}</ErrorMessage>
      <div id="wizard-step" tabIndex={-1} className="wizard-body">
        {step === 'profile' && <ProfileStep draft={profile} onChange={setProfile} problems={problems} codes={codes} nameOf={nameOf} readOnly={readOnly} onNext={toCalendar} />}
        {step === 'calendar' && (
          <CalendarStep draft={calendar} onChange={setCalendar} problems={problems} readOnly={readOnly} saving={applying.loading || updating.loading} applying={mayApply} onBack={() => go('profile')} onSubmit={() => void submit()} />
        )}
        {step === 'machines' && factory && (
          <MachinesStep machines={factory.machines} processes={factory.processes} nameOf={nameOf} readOnly={readOnly} onBack={() => go('calendar')} onNext={() => go('certificates')} />
        )}
        {step === 'certificates' && factory && <CertificatesStep certificates={factory.certificates} kinds={codes.certificateKinds} readOnly={readOnly} onBack={() => go('machines')} onNext={() => go('review')} />}
        {step === 'review' && factory && (
          <section aria-labelledby="review-step">
            <h2 id="review-step">{t('factoryWorkspace.application.reviewTitle')}</h2>
            <p>{t(`factoryWorkspace.application.statusExplained.${factory.status}`)}</p>
            <ul className="checklist">
              <li className={factory.machines.length > 0 ? 'done' : 'todo'}>{t('factoryWorkspace.application.checkMachines', { count: factory.machines.length })}</li>
              <li className={factory.certificates.some((certificate) => certificate.document) ? 'done' : 'todo'}>
                {t('factoryWorkspace.application.checkCertificates', { count: factory.certificates.filter((certificate) => certificate.document).length })}
              </li>
              <li className={factory.certificates.some((certificate) => certificate.status === 'verified') ? 'done' : 'todo'}>
                {t('factoryWorkspace.application.checkVerified', { count: factory.certificates.filter((certificate) => certificate.status === 'verified').length })}
              </li>
            </ul>
            <p className="muted">{t('factoryWorkspace.application.appliedAt', { date: date(factory.appliedAt, true) })}</p>
            {factory.probation.onProbation && (
              <p>{t('factoryWorkspace.application.probation', { jobs: factory.probation.jobsRequired, value: money(factory.probation.maxJobValueMinor, factory.probation.currency), open: factory.probation.maxOpenJobs })}</p>
            )}
            {factory.status === 'approved' && (
              <>
                <PayoutSetup />
                <p><Link to="/factory/jobs">{t('factoryWorkspace.application.toJobBoard')}</Link></p>
              </>
            )}
          </section>
        )}
      </div>
    </section>
  );
}
