import { Injectable } from '@nestjs/common';
import { NotFoundError, type RequestContext } from '@partsmith/platform';
import type { MachineInput } from './dto/factory.inputs';
import { Machine } from './entities';
import { FactoryAccess } from './factory-access.service';
import { validateMachine } from './factory-profile.validation';
import { InputValidationError, type MachineOutcome } from './factories.results';

/** The factory's machines: what they make, how big, how precise, at what rate. Factory admins only. */
@Injectable()
export class MachineService {
  constructor(private readonly factoryAccess: FactoryAccess) {}

  async add(ctx: RequestContext, input: MachineInput): Promise<MachineOutcome> {
    const factory = await this.factoryAccess.ownForChange(ctx);
    const problem = validateMachine(input, factory.processes);
    if (problem) return new InputValidationError(problem.field, problem.message);
    const machine = await ctx.db.save(ctx.db.create(Machine, { ...this.columns(input), factoryId: factory.id }));
    return ctx.db.findOneByOrFail(Machine, { id: machine.id });
  }

  async update(ctx: RequestContext, machineId: string, input: MachineInput): Promise<MachineOutcome> {
    const machine = await this.owned(ctx, machineId);
    const factory = await this.factoryAccess.requireManagerOf(ctx, machine.factoryId);
    const problem = validateMachine(input, factory.processes);
    if (problem) return new InputValidationError(problem.field, problem.message);
    await ctx.db.update(Machine, { id: machine.id }, this.columns(input));
    return ctx.db.findOneByOrFail(Machine, { id: machine.id });
  }

  async remove(ctx: RequestContext, machineId: string): Promise<boolean> {
    const machine = await this.owned(ctx, machineId);
    await this.factoryAccess.requireManagerOf(ctx, machine.factoryId);
    await ctx.db.delete(Machine, { id: machine.id });
    return true;
  }

  private async owned(ctx: RequestContext, machineId: string): Promise<Machine> {
    ctx.requirePrincipal();
    const machine = await ctx.db.findOneBy(Machine, { id: machineId });
    if (!machine) throw new NotFoundError('Machine', machineId);
    return machine;
  }

  private columns(input: MachineInput): Partial<Machine> {
    return {
      process: input.process,
      make: input.make.trim(),
      model: input.model.trim(),
      envelopeXMm: input.envelopeXMm,
      envelopeYMm: input.envelopeYMm,
      envelopeZMm: input.envelopeZMm,
      maxPartMassKg: input.maxPartMassKg,
      toleranceMm: input.toleranceMm,
      hourlyRateMinor: input.hourlyRateMinor,
      currency: input.currency,
      count: input.count,
    };
  }
}
