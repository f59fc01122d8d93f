import { useMutation } from '@apollo/client/react';
import { useState, type FormEvent } from 'react';
import { describeError, describeErrorResult, isErrorResult } from '../../../api/errors';
import { Empty, ErrorMessage } from '../../../components/Feedback';
import { AddMachineDocument, MyFactoryDocument, RemoveMachineDocument, type MachineFieldsFragment } from '../../../gql/graphql';
import { useI18n } from '../../../i18n/i18n';
import { Field } from './Field';
import { checkMachine, emptyMachine, type MachineDraft, type Problems } from './applicationForm';

interface Props {
  machines: MachineFieldsFragment[];
  processes: string[];
  nameOf(code: string): string;
  readOnly: boolean;
  onBack(): void;
  onNext(): void;
}

export function MachinesStep({ machines, processes, nameOf, readOnly, onBack, onNext }: Props) {
  const { t, money, number } = useI18n();
  const [draft, setDraft] = useState<MachineDraft>(() => emptyMachine(processes[0] ?? '', machines[0]?.currency ?? 'EUR'));
  const [problems, setProblems] = useState<Problems>({});
  const [failure, setFailure] = useState<string | null>(null);
  const [add, adding] = useMutation(AddMachineDocument, { refetchQueries: [MyFactoryDocument] });
  const [remove, removing] = useMutation(RemoveMachineDocument, { refetchQueries: [MyFactoryDocument] });
  const submit = async (event: FormEvent) => {
    event.preventDefault();
    const checked = checkMachine(draft, processes);
    setProblems(checked.problems);
    setFailure(null);
    if (!checked.input) return;
    try {
      const result = (await add({ variables: { input: checked.input } })).data!.addMachine;
      if (isErrorResult(result)) return setFailure(describeErrorResult(t, result));
      setDraft(emptyMachine(draft.process, draft.currency));
    } catch (error) {
      setFailure(describeError(t, error));
    }
  };
  const drop = async (machine: MachineFieldsFragment) => {
    if (!window.confirm(t('factoryWorkspace.application.confirmRemoveMachine', { name: `${machine.make} ${machine.model}` }))) return;
    setFailure(null);
    await remove({ variables: { id: machine.id } }).catch((error: unknown) => setFailure(describeError(t, error)));
  };
  const input = (field: keyof MachineDraft, label: string, inputMode?: 'decimal' | 'numeric') => (
    <Field label={label} problem={problems[field]}>
      {(props) => <input {...props} inputMode={inputMode} value={draft[field]} onChange={(event) => setDraft({ ...draft, [field]: event.target.value })} />}
    </Field>
  );
  return (
    <section aria-labelledby="machines-step">
      <h2 id="machines-step">{t('factoryWorkspace.application.machinesTitle')}</h2>
      <p className="muted">{t('factoryWorkspace.application.machinesIntro')}</p>
      {machines.length === 0 ? (
        <Empty>{t('factoryWorkspace.application.noMachines')}</Empty>
      ) : (
        <div className="table-scroll">
          <table className="table" data-testid="machines">
            <thead>
              <tr>
                <th scope="col">{t('factoryWorkspace.application.machine')}</th>
                <th scope="col">{t('factoryWorkspace.application.process')}</th>
                <th scope="col" className="num">{t('factoryWorkspace.application.count')}</th>
                <th scope="col">{t('factoryWorkspace.application.envelope')}</th>
                <th scope="col" className="num">{t('factoryWorkspace.application.tolerance')}</th>
                <th scope="col" className="num">{t('factoryWorkspace.application.hourlyRate')}</th>
                {!readOnly && <th scope="col"><span className="visually-hidden">{t('factoryWorkspace.application.actions')}</span></th>}
              </tr>
            </thead>
            <tbody>
              {machines.map((machine) => (
                <tr key={machine.id}>
                  <td>{machine.make} {machine.model}</td>
                  <td>{nameOf(machine.process)}</td>
                  <td className="num">{machine.count}</td>
                  <td>{machine.envelopeXMm} × {machine.envelopeYMm} × {machine.envelopeZMm} mm</td>
                  <td className="num">± {number(machine.toleranceMm, 3)} mm</td>
                  <td className="num">{money(machine.hourlyRateMinor, machine.currency)}</td>
                  {!readOnly && (
                    <td>
                      <button type="button" className="link-button" disabled={removing.loading} onClick={() => void drop(machine)}>
                        {t('factoryWorkspace.application.removeMachine', { name: `${machine.make} ${machine.model}` })}
                      </button>
                    </td>
                  )}
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
      {!readOnly && (
        <form className="panel form" onSubmit={submit} noValidate aria-labelledby="add-machine">
          <h3 id="add-machine">{t('factoryWorkspace.application.addMachine')}</h3>
          <div className="form-grid">
            <Field label={t('factoryWorkspace.application.process')} problem={problems.process}>
              {(props) => (
                <select {...props} value={draft.process} onChange={(event) => setDraft({ ...draft, process: event.target.value })}>
                  <option value="">{t('factoryWorkspace.application.chooseProcess')}</option>
                  {processes.map((code) => <option key={code} value={code}>{nameOf(code)}</option>)}
                </select>
              )}
            </Field>
            {input('make', t('factoryWorkspace.application.make'))}
            {input('model', t('factoryWorkspace.application.model'))}
            {input('count', t('factoryWorkspace.application.count'), 'numeric')}
            {input('envelopeXMm', t('factoryWorkspace.application.envelopeX'), 'numeric')}
            {input('envelopeYMm', t('factoryWorkspace.application.envelopeY'), 'numeric')}
            {input('envelopeZMm', t('factoryWorkspace.application.envelopeZ'), 'numeric')}
            {input('maxPartMassKg', t('factoryWorkspace.application.maxMass'), 'decimal')}
            {input('toleranceMm', t('factoryWorkspace.application.toleranceMm'), 'decimal')}
            {input('hourlyRate', t('factoryWorkspace.application.hourlyRateMajor'), 'decimal')}
            {input('currency', t('factoryWorkspace.application.currency'))}
          </div>
          <ErrorMessage>{failure}</ErrorMessage>
          <div><button type="submit" disabled={adding.loading}>{t('factoryWorkspace.application.addMachine')}</button></div>
        </form>
      )}
      <div className="actions">
        <button type="button" onClick={onBack}>{t('common.back')}</button>
        <button type="button" className="primary" onClick={onNext}>{t('factoryWorkspace.application.next')}</button>
      </div>
    </section>
  );
}
