import { InMemoryCache } from '@apollo/client';
import { MockedProvider } from '@apollo/client/testing/react';
import { cleanup, fireEvent, render, screen, waitFor } from '@testing-library/react';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { possibleTypes, RemoveMachineDowntimeDocument } from '../../../gql/graphql';
import { I18nProvider } from '../../../i18n/i18n';
import { DowntimeList, type DowntimeEntry } from './DowntimeList';

const machines = [{ id: 'm-1', make: 'Haas', model: 'VF-2' }];
const spindle: DowntimeEntry = { id: 'd-1', machineId: 'm-1', from: '2026-12-01T08:00:00.000Z', to: '2026-12-01T16:00:00.000Z', reason: 'spindle service' };

function renderList(options: { canRemove: boolean; result?: Record<string, unknown>; downtimes?: DowntimeEntry[] }) {
  const removed = vi.fn(() => ({ data: { removeMachineDowntime: options.result ?? { __typename: 'MachineDowntime', id: 'd-1' } } }));
  const onRemoved = vi.fn();
  render(
    <MockedProvider cache={new InMemoryCache({ possibleTypes })} mocks={[{ request: { query: RemoveMachineDowntimeDocument, variables: { id: 'd-1' } }, result: removed }]}>
      <I18nProvider locale="en">
        <DowntimeList downtimes={options.downtimes ?? [spindle]} loaded machines={machines} canRemove={options.canRemove} onRemoved={onRemoved} />
      </I18nProvider>
    </MockedProvider>,
  );
  return { removed, onRemoved };
}

describe('<DowntimeList>', () => {
  afterEach(cleanup);

  it('names the machine and the reason of each downtime, and says when there is none', () => {
    renderList({ canRemove: false });
    expect(screen.getByRole('listitem').textContent).toMatch(/^Haas VF-2: .+ – .+ \(spindle service\)/);
    expect(screen.queryByRole('button', { name: 'Remove' })).toBeNull(); // members who are not admins only read
    cleanup();
    renderList({ canRemove: true, downtimes: [] });
    expect(screen.getByText('No machine is planned to be down.')).toBeTruthy();
  });

  it('lets an admin take a downtime back, then refreshes the plan', async () => {
    const { removed, onRemoved } = renderList({ canRemove: true });
    fireEvent.click(screen.getByRole('button', { name: 'Remove' }));
    await waitFor(() => expect(onRemoved).toHaveBeenCalledTimes(1));
    expect(removed).toHaveBeenCalledTimes(1);
    expect(screen.getByRole('status').textContent).toBe('Downtime removed; the plan is being recomputed.');
  });

  it('explains a refusal and keeps the plan as it is', async () => {
    const { onRemoved } = renderList({ canRemove: true, result: { __typename: 'InputValidationError', errorCode: 'INVALID_INPUT', message: 'This downtime ended already', field: 'downtimeId' } });
    fireEvent.click(screen.getByRole('button', { name: 'Remove' }));
    await screen.findByRole('alert');
    expect(onRemoved).not.toHaveBeenCalled();
  });
});
