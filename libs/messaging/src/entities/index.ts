import { MessageRow } from './message.entity';
import { MessageThreadRow } from './message-thread.entity';

export * from './message.entity';
export * from './message-thread.entity';

export const MESSAGING_ENTITIES = [MessageThreadRow, MessageRow];
