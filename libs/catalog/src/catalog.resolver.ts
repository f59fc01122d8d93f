import { Args, Field, Float, InputType, Int, Mutation, ObjectType, Query, Resolver, registerEnumType } from '@nestjs/graphql';
import { Ctx, InvalidInputError, type RequestContext } from '@partsmith/platform';
import type { CatalogKind } from './catalog-kinds';
import { CatalogEntry } from './catalog-entry.entity';
import { CatalogService } from './catalog.service';

export enum CatalogKindEnum {
  process = 'process',
  material = 'material',
  finish = 'finish',
  tolerance = 'tolerance',
  inspection = 'inspection',
  lead_tier = 'lead_tier',
}
registerEnumType(CatalogKindEnum, { name: 'CatalogKind' });

const num = (spec: Record<string, unknown>, key: string) => (typeof spec[key] === 'number' ? (spec[key] as number) : null);

@ObjectType({ description: 'A process, material, finish, tolerance class, inspection level or lead-time tier, with its pricing data' })
export class CatalogItem {
  @Field(() => CatalogKindEnum)
  kind: CatalogKindEnum;

  @Field(() => String)
  code: string;

  @Field(() => String)
  name: string;

  @Field(() => Boolean)
  active: boolean;

  @Field(() => String, { nullable: true, description: 'Processes: additive | cnc | sheet | molding' })
  family: string | null;

  @Field(() => [String], { nullable: true, description: 'Materials and finishes: the processes that offer them' })
  processes: string[] | null;

  @Field(() => Float, { nullable: true })
  densityGPerCm3: number | null;

  @Field(() => Int, { nullable: true, description: 'Materials: minor units per kg' })
  priceMinorPerKg: number | null;

  @Field(() => Float, { nullable: true })
  co2eKgPerKg: number | null;

  @Field(() => Int, { nullable: true, description: 'Processes: minor units per machine hour' })
  machineRateMinorPerHour: number | null;

  @Field(() => String, { description: 'The full pricing spec as JSON (what libs/pricing reads)' })
  specJson: string;

  @Field(() => Date)
  updatedAt: Date;

  static from(entry: CatalogEntry): CatalogItem {
    const spec = entry.spec;
    return Object.assign(new CatalogItem(), {
      kind: entry.kind as CatalogKindEnum,
      code: entry.code,
      name: entry.name,
      active: entry.active,
      family: typeof spec.family === 'string' ? spec.family : null,
      processes: Array.isArray(spec.processes) ? (spec.processes as string[]) : null,
      densityGPerCm3: num(spec, 'densityGPerCm3'),
      priceMinorPerKg: num(spec, 'priceMinorPerKg'),
      co2eKgPerKg: num(spec, 'co2eKgPerKg'),
      machineRateMinorPerHour: num(spec, 'machineRateMinorPerHour'),
      specJson: JSON.stringify(spec),
      updatedAt: entry.updatedAt,
    });
  }
}

@ObjectType()
export class CatalogSettings {
  @Field(() => Int, { description: 'Bumped by every edit; quotes record the version they used' })
  version: number;

  @Field(() => String)
  currency: string;

  @Field(() => Float)
  marginRate: number;

  @Field(() => Float)
  platformFeeRate: number;

  @Field(() => Float)
  packagingMassFactor: number;
}

@InputType()
export class CatalogNumbersInput {
  @Field(() => Int, { nullable: true }) priceMinorPerKg?: number;
  @Field(() => Float, { nullable: true }) densityGPerCm3?: number;
  @Field(() => Float, { nullable: true }) co2eKgPerKg?: number;
  @Field(() => Float, { nullable: true }) machinability?: number;
  @Field(() => Int, { nullable: true }) machineRateMinorPerHour?: number;
  @Field(() => Float, { nullable: true }) setupHours?: number;
  @Field(() => Float, { nullable: true }) programmingHours?: number;
}

@InputType()
export class PricingSettingsInput {
  @Field(() => Float, { nullable: true }) marginRate?: number;
  @Field(() => Float, { nullable: true }) platformFeeRate?: number;
  @Field(() => Float, { nullable: true }) packagingMassFactor?: number;
}

@Resolver(() => CatalogItem)
export class CatalogResolver {
  constructor(private readonly catalog: CatalogService) {}

  @Query(() => [CatalogItem], { description: 'The catalog (signed-in users); operators may include inactive entries' })
  async catalogItems(
    @Ctx() ctx: RequestContext,
    @Args('kind', { type: () => CatalogKindEnum, nullable: true }) kind?: CatalogKindEnum,
    @Args('includeInactive', { type: () => Boolean, defaultValue: false }) includeInactive = false,
  ) {
    return (await this.catalog.entries(ctx, kind as CatalogKind | undefined, includeInactive)).map((entry) => CatalogItem.from(entry));
  }

  @Query(() => CatalogSettings)
  async catalogSettings(@Ctx() ctx: RequestContext): Promise<CatalogSettings> {
    ctx.requirePrincipal();
    const { version, currency, settings } = await this.catalog.settings();
    return { version, currency, marginRate: settings.marginRate, platformFeeRate: settings.platformFeeRate, packagingMassFactor: settings.packagingMassFactor };
  }

  @Mutation(() => CatalogItem, { description: 'Operators: add or replace an entry; the spec must fit its kind' })
  async setCatalogEntry(
    @Ctx() ctx: RequestContext,
    @Args('kind', { type: () => CatalogKindEnum }) kind: CatalogKindEnum,
    @Args('code') code: string,
    @Args('specJson') specJson: string,
    @Args('note') note: string,
  ) {
    let spec: unknown;
    try {
      spec = JSON.parse(specJson);
    } catch (error) {
      throw new InvalidInputError(`specJson is not JSON: ${(error as Error).message}`);
    }
    if (typeof spec !== 'object' || spec === null || Array.isArray(spec)) throw new InvalidInputError('specJson must be a JSON object');
    return CatalogItem.from(await this.catalog.setEntry(ctx, kind as CatalogKind, code, spec as Record<string, unknown>, note));
  }

  @Mutation(() => CatalogItem, { description: 'Operators: change prices, rates or factors of an entry' })
  async updateCatalogNumbers(
    @Ctx() ctx: RequestContext,
    @Args('kind', { type: () => CatalogKindEnum }) kind: CatalogKindEnum,
    @Args('code') code: string,
    @Args('input') input: CatalogNumbersInput,
    @Args('note') note: string,
  ) {
    return CatalogItem.from(await this.catalog.patchEntry(ctx, kind as CatalogKind, code, { ...input }, note));
  }

  @Mutation(() => CatalogItem, { description: 'Operators: offer or withdraw an entry (entries are never deleted: old quotes refer to them)' })
  async setCatalogEntryActive(
    @Ctx() ctx: RequestContext,
    @Args('kind', { type: () => CatalogKindEnum }) kind: CatalogKindEnum,
    @Args('code') code: string,
    @Args('active') active: boolean,
    @Args('note', { defaultValue: '' }) note: string,
  ) {
    return CatalogItem.from(await this.catalog.setActive(ctx, kind as CatalogKind, code, active, note));
  }

  @Mutation(() => CatalogSettings, { description: 'Operators: margin, platform fee, packaging factor' })
  async updatePricingSettings(@Ctx() ctx: RequestContext, @Args('input') input: PricingSettingsInput, @Args('note') note: string) {
    await this.catalog.updateSettings(ctx, { ...input }, note);
    return this.catalogSettings(ctx);
  }
}
