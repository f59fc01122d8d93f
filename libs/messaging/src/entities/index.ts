import { Message } from './message.entity';
import { MessageThread } from './message-thread.entity';

export * from './message.entity';
export * from './message-thread.entity';

export const MESSAGING_ENTITIES = [MessageThread, Message];
