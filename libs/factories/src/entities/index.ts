import { Certificate } from './certificate.entity';
import { Factory } from './factory.entity';
import { Machine } from './machine.entity';
import { ScoreAppeal, ScoreEvent, ScorecardRow } from './score.entity';

export * from './certificate.entity';
export * from './enums';
export * from './factory.entity';
export * from './machine.entity';
export * from './score.entity';

export const FACTORY_ENTITIES = [Factory, Machine, Certificate, ScoreEvent, ScorecardRow, ScoreAppeal];
