import type { Translation } from '../../catalog';
import type { Messages } from '../en';
import { auth } from './auth';
import { common } from './common';
import { operator } from './operator';
import { factory } from './factory';
import { designer } from './designer';
import { errors } from './errors';
import { network } from './network';
import { factoryWorkspace } from './factoryWorkspace';
import { operatorConsole } from './operatorConsole';
import { evidence } from './evidence';
import { collaboration } from './collaboration';

export const vi: Translation<Messages> = { common, auth, errors, designer, factory, operator, network, factoryWorkspace, operatorConsole, evidence, collaboration };
