/** Checks of the schedule page's forms, before anything is sent. Each problem is a message key under factoryWorkspace.schedule.problems. */

export type ScheduleProblem = 'machineRequired' | 'fromRequired' | 'toRequired' | 'toBeforeFrom' | 'reasonRequired' | 'processRequired' | 'quantityPositive' | 'hoursPositive';

export interface DowntimeDraft {
  machineId: string;
  /** datetime-local values (the browser's time zone) */
  from: string;
  to: string;
  reason: string;
}

export function checkDowntime(draft: DowntimeDraft): { problems: ScheduleProblem[]; input?: { machineId: string; from: string; to: string; reason: string } } {
  const problems: ScheduleProblem[] = [];
  if (!draft.machineId) problems.push('machineRequired');
  const from = draft.from ? new Date(draft.from) : null;
  const to = draft.to ? new Date(draft.to) : null;
  if (!from || Number.isNaN(from.getTime())) problems.push('fromRequired');
  if (!to || Number.isNaN(to.getTime())) problems.push('toRequired');
  if (from && to && !Number.isNaN(from.getTime()) && !Number.isNaN(to.getTime()) && to <= from) problems.push('toBeforeFrom');
  if (!draft.reason.trim()) problems.push('reasonRequired');
  if (problems.length > 0) return { problems };
  return { problems, input: { machineId: draft.machineId, from: from!.toISOString(), to: to!.toISOString(), reason: draft.reason.trim() } };
}

export interface WhatIfDraft {
  process: string;
  quantity: string;
  machineHours: string;
  /** YYYY-MM-DD, optional */
  due: string;
}

export function checkWhatIf(draft: WhatIfDraft): { problems: ScheduleProblem[]; input?: { process: string; quantity: number; machineHours: number; due?: string } } {
  const problems: ScheduleProblem[] = [];
  const quantity = Number(draft.quantity);
  const machineHours = Number(draft.machineHours);
  if (!draft.process) problems.push('processRequired');
  if (!Number.isInteger(quantity) || quantity < 1) problems.push('quantityPositive');
  if (!Number.isFinite(machineHours) || machineHours <= 0) problems.push('hoursPositive');
  if (problems.length > 0) return { problems };
  // a due date means the end of that day (UTC), as the API's due dates do
  const due = draft.due ? new Date(`${draft.due}T23:59:59.000Z`).toISOString() : undefined;
  return { problems, input: { process: draft.process, quantity, machineHours, ...(due ? { due } : {}) } };
}
