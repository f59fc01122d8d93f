import type { Translation } from '../../catalog';
import type { operatorConsole as en } from '../en/operatorConsole';

export const operatorConsole: Translation<typeof en> = { nav: { vetting: 'Xét duyệt' } };
