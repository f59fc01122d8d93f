import { JobLine } from './job-line.entity';
import { OrderEvent } from './order-event.entity';
import { OrderLine } from './order-line.entity';
import { Order } from './order.entity';

export * from './columns';
export * from './job-line.entity';
export * from './order-event.entity';
export * from './order-line.entity';
export * from './order.entity';

export const ORDERS_ENTITIES = [Order, OrderLine, JobLine, OrderEvent];
