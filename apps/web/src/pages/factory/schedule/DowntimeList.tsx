import { useMutation } from '@apollo/client/react';
import { useState } from 'react';
import { describeError, describeErrorResult, isErrorResult } from '../../../api/errors';
import { ErrorMessage } from '../../../components/Feedback';
import { RemoveMachineDowntimeDocument } from '../../../gql/graphql';
import { useI18n } from '../../../i18n/i18n';

export interface DowntimeEntry {
  id: string;
  machineId: string;
  from: string;
  to: string;
  reason: string;
}

/** Downtime that has not ended, soonest first; admins can take an entry back (the plan is recomputed). */
export function DowntimeList({ downtimes, loaded, machines, canRemove, onRemoved }: {
  downtimes: DowntimeEntry[];
  loaded: boolean;
  machines: Array<{ id: string; make: string; model: string }>;
  canRemove: boolean;
  onRemoved(): void;
}) {
  const { t, date } = useI18n();
  const [remove, { loading }] = useMutation(RemoveMachineDowntimeDocument);
  const [failure, setFailure] = useState<string | null>(null);
  const [done, setDone] = useState<string | null>(null);
  const machineName = (id: string) => {
    const machine = machines.find((candidate) => candidate.id === id);
    return machine ? `${machine.make} ${machine.model}` : id.slice(0, 6);
  };
  const removeOne = async (id: string) => {
    setFailure(null);
    setDone(null);
    try {
      const result = (await remove({ variables: { id } })).data!.removeMachineDowntime;
      if (isErrorResult(result)) return setFailure(describeErrorResult(t, result));
      setDone(t('factoryWorkspace.schedule.downtimeRemoved'));
      onRemoved();
    } catch (error) {
      setFailure(describeError(t, error));
    }
  };
  return (
    <section aria-labelledby="downtime-list-title">
      <h2 id="downtime-list-title">{t('factoryWorkspace.schedule.downtimeListTitle')}</h2>
      {loaded && downtimes.length === 0 && <p className="muted">{t('factoryWorkspace.schedule.noDowntime')}</p>}
      {downtimes.length > 0 && (
        <ul className="downtime-list">
          {downtimes.map((downtime) => (
            <li key={downtime.id}>
              {t('factoryWorkspace.schedule.downtimeLine', { machine: machineName(downtime.machineId), from: date(downtime.from, true), to: date(downtime.to, true), reason: downtime.reason })}{' '}
              {canRemove && (
                <button type="button" className="link-button" disabled={loading} onClick={() => void removeOne(downtime.id)}>
                  {t('factoryWorkspace.schedule.removeDowntime')}
                </button>
              )}
            </li>
          ))}
        </ul>
      )}
      <ErrorMessage>{failure}</ErrorMessage>
      {done && <p className="ok" role="status">{done}</p>}
    </section>
  );
}
