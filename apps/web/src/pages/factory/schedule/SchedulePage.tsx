import { useLazyQuery, useMutation, useQuery } from '@apollo/client/react';
import { useCallback, useMemo, useState, type FormEvent } from 'react';
import { describeError, describeErrorResult, isErrorResult } from '../../../api/errors';
import { useLiveEvents } from '../../../api/live-events';
import { useSession } from '../../../auth/useSession';
import { Empty, ErrorMessage, Loading } from '../../../components/Feedback';
import {
  AddMachineDowntimeDocument,
  FactoryScheduleDocument,
  MachineDowntimesDocument,
  MyFactoryDocument,
  WhatIfScheduleDocument,
} from '../../../gql/graphql';
import { useI18n } from '../../../i18n/i18n';
import { DowntimeList } from './DowntimeList';
import { GanttChart } from './GanttChart';
import type { GanttOperation, GanttRowLayout } from './ganttLayout';
import { checkDowntime, checkWhatIf, type ScheduleProblem } from './scheduleForms';

const WHAT_IF = 'what-if';

export function SchedulePage() {
  const { t, date } = useI18n();
  const session = useSession();
  const isAdmin = session?.role === 'factory_admin';
  const factory = useQuery(MyFactoryDocument);
  const schedule = useQuery(FactoryScheduleDocument, { fetchPolicy: 'cache-and-network' });
  const downtimes = useQuery(MachineDowntimesDocument, { fetchPolicy: 'cache-and-network' });
  const refresh = useCallback(() => {
    void schedule.refetch();
    void downtimes.refetch();
  }, [schedule, downtimes]);
  useLiveEvents(refresh, { types: ['factory.schedule.replanned', 'job_line.schedule.at_risk', 'job_line.status'], onPoll: refresh, fallbackPollMs: 30_000 });
  const [selectedJob, setSelectedJob] = useState<string | null>(null);
  const [whatIf, whatIfResult] = useLazyQuery(WhatIfScheduleDocument, { fetchPolicy: 'network-only' });

  const machines = factory.data?.myFactory?.machines ?? [];
  const plan = schedule.data?.factorySchedule;
  const jobs = plan?.jobs ?? [];
  const preview = whatIfResult.data?.whatIfSchedule;
  const operations = useMemo<GanttOperation[]>(() => {
    const planned = plan?.rows ?? [];
    const ghost = (preview?.operations ?? []).map((operation, index) => ({ ...operation, jobLineId: WHAT_IF, operationIndex: index, frozen: false }));
    return [...planned, ...ghost];
  }, [plan, preview]);
  const ganttJobs = useMemo(
    () => [...jobs, ...(preview ? [{ jobLineId: WHAT_IF, dueDate: preview.promisedShipDate, promisedShipDate: preview.promisedShipDate, atRisk: preview.atRisk }] : [])],
    [jobs, preview],
  );
  const jobLabel = (jobLineId: string) => {
    if (jobLineId === WHAT_IF) return t('factoryWorkspace.schedule.whatIfBar');
    const job = jobs.find((candidate) => candidate.jobLineId === jobLineId);
    return job ? t('factoryWorkspace.schedule.jobLabel', { id: jobLineId.slice(0, 6), quantity: job.quantity }) : jobLineId.slice(0, 6);
  };
  const rowLabel = (row: GanttRowLayout) => {
    const machine = machines.find((candidate) => candidate.id === row.machineId);
    const name = machine ? `${machine.make} ${machine.model}` : t('factoryWorkspace.schedule.bench', { machineClass: row.machineClass });
    return machine && machine.count > 1 && row.unitNumber ? `${name} #${row.unitNumber}` : name;
  };
  const atRisk = jobs.filter((job) => job.atRisk);
  const selected = jobs.find((job) => job.jobLineId === selectedJob);

  if (factory.data && !factory.data.myFactory) return <Empty>{t('factoryWorkspace.schedule.noFactory')}</Empty>;
  return (
    <section>
      <h1>{t('factoryWorkspace.schedule.title')}</h1>
      <p className="muted">
        {plan?.version ? t('factoryWorkspace.schedule.planned', { version: plan.version, date: date(plan.plannedAt, true) }) : t('factoryWorkspace.schedule.intro')}
      </p>
      {(schedule.loading || factory.loading) && !plan && <Loading />}
      <ErrorMessage error={schedule.error ?? factory.error} />
      {plan && operations.length === 0 && <Empty>{t('factoryWorkspace.schedule.empty')}</Empty>}
      {operations.length > 0 && (
        <>
          <ul className="legend" aria-label={t('factoryWorkspace.schedule.legend')}>
            <li><span className="swatch" /> {t('factoryWorkspace.schedule.legendJob')}</li>
            <li><span className="swatch risk" /> {t('factoryWorkspace.schedule.legendAtRisk')}</li>
            <li><span className="swatch ghost" /> {t('factoryWorkspace.schedule.legendWhatIf')}</li>
            <li><span className="swatch now" /> {t('factoryWorkspace.schedule.legendNow')}</li>
          </ul>
          <GanttChart operations={operations} jobs={ganttJobs} rowLabel={rowLabel} jobLabel={jobLabel} selectedJob={selectedJob} onSelectJob={setSelectedJob} />
          <p className="muted small">{t('factoryWorkspace.schedule.keyboardHint')}</p>
        </>
      )}
      {selected && (
        <div className="panel" aria-live="polite">
          <h2>{jobLabel(selected.jobLineId)}</h2>
          <dl className="metrics">
            <dt>{t('factoryWorkspace.schedule.process')}</dt><dd>{selected.process}</dd>
            <dt>{t('factoryWorkspace.schedule.dueDate')}</dt><dd>{date(selected.dueDate)}</dd>
            <dt>{t('factoryWorkspace.schedule.promised')}</dt><dd>{date(selected.promisedShipDate)}{selected.atRisk ? ` · ${t('factoryWorkspace.schedule.atRiskShort')}` : ''}</dd>
          </dl>
        </div>
      )}
      <h2>{t('factoryWorkspace.schedule.atRiskTitle')}</h2>
      {plan && atRisk.length === 0 && <p className="ok">{t('factoryWorkspace.schedule.noneAtRisk')}</p>}
      {atRisk.length > 0 && (
        <ul className="risk-list">
          {atRisk.map((job) => (
            <li key={job.jobLineId}>
              <button type="button" className="link-button" onClick={() => setSelectedJob(job.jobLineId)}>{jobLabel(job.jobLineId)}</button>{' '}
              {t('factoryWorkspace.schedule.atRiskLine', { due: date(job.dueDate), promised: date(job.promisedShipDate) })}
            </li>
          ))}
        </ul>
      )}
      <DowntimeList downtimes={downtimes.data?.machineDowntimes ?? []} loaded={Boolean(downtimes.data)} machines={machines} canRemove={isAdmin} onRemoved={refresh} />
      <div className="two-columns">
        {isAdmin && <DowntimeForm machines={machines} onAdded={refresh} />}
        <WhatIfForm
          processes={factory.data?.myFactory?.processes ?? []}
          loading={whatIfResult.loading}
          error={whatIfResult.error}
          result={preview ?? null}
          onAsk={(input) => void whatIf({ variables: { input } })}
        />
      </div>
    </section>
  );
}

function ProblemList({ problems }: { problems: ScheduleProblem[] }) {
  const { t } = useI18n();
  if (problems.length === 0) return null;
  return (
    <ul className="error" role="alert">
      {problems.map((problem) => <li key={problem}>{t(`factoryWorkspace.schedule.problems.${problem}`)}</li>)}
    </ul>
  );
}

function DowntimeForm({ machines, onAdded }: { machines: Array<{ id: string; make: string; model: string }>; onAdded(): void }) {
  const { t, date } = useI18n();
  const [add, { loading }] = useMutation(AddMachineDowntimeDocument);
  const [problems, setProblems] = useState<ScheduleProblem[]>([]);
  const [failure, setFailure] = useState<string | null>(null);
  const [done, setDone] = useState<string | null>(null);
  const submit = async (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    const form = event.currentTarget;
    const data = new FormData(form);
    const checked = checkDowntime({ machineId: String(data.get('machineId') ?? ''), from: String(data.get('from') ?? ''), to: String(data.get('to') ?? ''), reason: String(data.get('reason') ?? '') });
    setProblems(checked.problems);
    setFailure(null);
    setDone(null);
    if (!checked.input) return;
    try {
      const result = (await add({ variables: checked.input })).data!.addMachineDowntime;
      if (isErrorResult(result)) return setFailure(describeErrorResult(t, result));
      if (result.__typename === 'MachineDowntime') {
        setDone(t('factoryWorkspace.schedule.downtimeAdded', { from: date(result.from, true), to: date(result.to, true) }));
        form.reset();
        onAdded();
      }
    } catch (error) {
      setFailure(describeError(t, error));
    }
  };
  return (
    <form className="panel form" onSubmit={submit} noValidate aria-labelledby="downtime-title">
      <h2 id="downtime-title">{t('factoryWorkspace.schedule.downtimeTitle')}</h2>
      <p className="muted">{t('factoryWorkspace.schedule.downtimeIntro')}</p>
      <label>
        {t('factoryWorkspace.schedule.machine')}
        <select name="machineId" defaultValue="">
          <option value="">{t('factoryWorkspace.schedule.chooseMachine')}</option>
          {machines.map((machine) => <option key={machine.id} value={machine.id}>{machine.make} {machine.model}</option>)}
        </select>
      </label>
      <div className="form-grid">
        <label>{t('factoryWorkspace.schedule.from')}<input type="datetime-local" name="from" /></label>
        <label>{t('factoryWorkspace.schedule.to')}<input type="datetime-local" name="to" /></label>
      </div>
      <label>{t('factoryWorkspace.schedule.reason')}<input name="reason" maxLength={500} /></label>
      <ProblemList problems={problems} />
      <ErrorMessage>{failure}</ErrorMessage>
      {done && <p className="ok" role="status">{done}</p>}
      <div><button type="submit" className="primary" disabled={loading}>{t('factoryWorkspace.schedule.addDowntime')}</button></div>
    </form>
  );
}

interface WhatIfPreview {
  completion: string;
  promisedShipDate: string;
  atRisk: boolean;
  benchClasses: string[];
}

function WhatIfForm({ processes, loading, error, result, onAsk }: { processes: string[]; loading: boolean; error?: unknown; result: WhatIfPreview | null; onAsk(input: { process: string; quantity: number; machineHours: number; due?: string }): void }) {
  const { t, date } = useI18n();
  const [problems, setProblems] = useState<ScheduleProblem[]>([]);
  const submit = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    const data = new FormData(event.currentTarget);
    const checked = checkWhatIf({ process: String(data.get('process') ?? ''), quantity: String(data.get('quantity') ?? ''), machineHours: String(data.get('machineHours') ?? ''), due: String(data.get('due') ?? '') });
    setProblems(checked.problems);
    if (checked.input) onAsk(checked.input);
  };
  return (
    <form className="panel form" onSubmit={submit} noValidate aria-labelledby="what-if-title">
      <h2 id="what-if-title">{t('factoryWorkspace.schedule.whatIfTitle')}</h2>
      <p className="muted">{t('factoryWorkspace.schedule.whatIfIntro')}</p>
      <div className="form-grid">
        <label>
          {t('factoryWorkspace.schedule.process')}
          <select name="process" defaultValue={processes[0] ?? ''}>
            {processes.map((process) => <option key={process} value={process}>{process}</option>)}
          </select>
        </label>
        <label>{t('factoryWorkspace.schedule.quantity')}<input name="quantity" type="number" min={1} step={1} defaultValue={10} /></label>
        <label>{t('factoryWorkspace.schedule.machineHours')}<input name="machineHours" type="number" min={0.1} step={0.1} defaultValue={8} /></label>
        <label>{t('factoryWorkspace.schedule.dueOptional')}<input name="due" type="date" /></label>
      </div>
      <ProblemList problems={problems} />
      <ErrorMessage error={error} />
      <div><button type="submit" disabled={loading}>{loading ? t('common.loading') : t('factoryWorkspace.schedule.whatIfAsk')}</button></div>
      {result && (
        <div role="status" data-testid="what-if-result">
          <p>
            {t('factoryWorkspace.schedule.whatIfAnswer', { completion: date(result.completion, true), ship: date(result.promisedShipDate) })}
            {result.atRisk && <strong className="error"> {t('factoryWorkspace.schedule.whatIfLate')}</strong>}
          </p>
          {result.benchClasses.length > 0 && <p className="muted">{t('factoryWorkspace.schedule.whatIfBench', { classes: result.benchClasses.join(', ') })}</p>}
        </div>
      )}
    </form>
  );
}
