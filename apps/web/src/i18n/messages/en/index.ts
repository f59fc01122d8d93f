import { auth } from './auth';
import { common } from './common';
import { operator } from './operator';
import { factory } from './factory';
import { designer } from './designer';
import { errors } from './errors';

/** The English catalogue is the reference: every other language provides exactly these keys. */
export const en = { common, auth, errors, designer, factory, operator };
export type Messages = typeof en;
