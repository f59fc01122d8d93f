import { Field, Float, ID, InputType, Int, ObjectType } from '@nestjs/graphql';

@ObjectType({ description: 'One bar of a Gantt chart: an operation of a job line on a machine unit (or the factory bench)' })
export class GanttRow {
  @Field(() => ID, { nullable: true, description: 'The machine; null for the factory bench' }) machineId: string | null;
  @Field(() => String, { description: 'Unit the engine placed it on, e.g. "<machine id>#2" or "bench:deburr#1"' }) unit: string;
  @Field(() => String) machineClass: string;
  @Field(() => ID) jobLineId: string;
  @Field(() => Int, { description: "Position in the job line's routing, from 0" }) operationIndex: number;
  @Field(() => String) operation: string;
  @Field(() => Date) start: Date;
  @Field(() => Date) end: Date;
  @Field(() => Boolean, { description: 'Started: it stays where it is when the factory is re-planned' }) frozen: boolean;
}

@ObjectType()
export class RoutingStep {
  @Field(() => String) name: string;
  @Field(() => String) machineClass: string;
  @Field(() => Int) setupMinutes: number;
  @Field(() => Int) runMinutes: number;
}

@InputType()
export class RoutingStepInput {
  @Field(() => String) name: string;
  @Field(() => String) machineClass: string;
  @Field(() => Int) setupMinutes: number;
  @Field(() => Int) runMinutes: number;
}

@ObjectType({ description: "A job line in a factory's plan" })
export class ScheduledJob {
  @Field(() => ID) jobLineId: string;
  @Field(() => ID) factoryId: string;
  @Field(() => String) process: string;
  @Field(() => Int) quantity: number;
  @Field(() => Date) dueDate: Date;
  @Field(() => Date, { nullable: true, description: 'Null until the scheduling worker has planned it' }) promisedShipDate: Date | null;
  @Field(() => Boolean, { description: 'Promised after its due date' }) atRisk: boolean;
  @Field(() => Boolean) routingAdjusted: boolean;
  @Field(() => [RoutingStep]) routing: RoutingStep[];
}

@ObjectType({ description: "A factory's current plan" })
export class FactorySchedule {
  @Field(() => ID) factoryId: string;
  @Field(() => Int, { nullable: true, description: 'Plan version; null before the first plan' }) version: number | null;
  @Field(() => Date, { nullable: true }) plannedAt: Date | null;
  @Field(() => [GanttRow]) rows: GanttRow[];
  @Field(() => [ScheduledJob]) jobs: ScheduledJob[];
}

@ObjectType()
export class MachineDowntime {
  @Field(() => ID) id: string;
  @Field(() => ID) machineId: string;
  @Field(() => Date) from: Date;
  @Field(() => Date) to: Date;
  @Field(() => String) reason: string;
}

@ObjectType()
export class WhatIfOperation {
  @Field(() => String) operation: string;
  @Field(() => String) machineClass: string;
  @Field(() => ID, { nullable: true }) machineId: string | null;
  @Field(() => String) unit: string;
  @Field(() => Date) start: Date;
  @Field(() => Date) end: Date;
}

@ObjectType({ description: 'Where a prospective job would go if added now, moving nothing planned' })
export class WhatIfResult {
  @Field(() => Int, { nullable: true }) planVersion: number | null;
  @Field(() => Date) completion: Date;
  @Field(() => Date) promisedShipDate: Date;
  @Field(() => Boolean) atRisk: boolean;
  @Field(() => [String], { description: 'Routing classes no machine of the factory declares (planned at its bench)' }) benchClasses: string[];
  @Field(() => [WhatIfOperation]) operations: WhatIfOperation[];
}

@ObjectType({ description: "What a designer sees of a job line's schedule" })
export class JobLineSchedule {
  @Field(() => ID) jobLineId: string;
  @Field(() => Date, { nullable: true }) promisedShipDate: Date | null;
  @Field(() => Boolean) atRisk: boolean;
}

@InputType()
export class WhatIfInput {
  @Field(() => String) process: string;
  @Field(() => Int) quantity: number;
  @Field(() => Float, { description: 'Machine hours for the whole quantity' }) machineHours: number;
  @Field(() => Date, { nullable: true }) due?: Date | null;
}
