export * from './part-revision.entity';
export * from './part.entity';

import { PartRevision } from './part-revision.entity';
import { Part } from './part.entity';

export const PARTS_ENTITIES = [Part, PartRevision];
