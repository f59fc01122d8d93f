import { Field, Float, Int, ObjectType } from '@nestjs/graphql';
import { COST_LINE_LABELS, COST_LINES, type CostBreakdown, type QuantityBreak, type QuoteResult } from '@partsmith/pricing';

@ObjectType({ description: 'One line of a cost breakdown, in minor units' })
export class CostLineAmount {
  @Field(() => String, { description: 'material | machineTime | setup | postProcessing | finishing | inspection | tooling | margin | platformFee' })
  line: string;

  @Field(() => String)
  label: string;

  @Field(() => Int)
  amountMinor: number;
}

function lines(breakdown: CostBreakdown): CostLineAmount[] {
  return COST_LINES.map((line) => ({ line, label: COST_LINE_LABELS[line], amountMinor: breakdown[line] }));
}

@ObjectType()
export class LeadTimeChoice {
  @Field(() => String)
  tier: string;

  @Field(() => String)
  name: string;

  @Field(() => Int)
  businessDays: number;

  @Field(() => Int)
  unitPriceMinor: number;

  @Field(() => Int)
  totalMinor: number;

  @Field(() => Boolean)
  selected: boolean;
}

@ObjectType({ description: 'kg CO2e for the quantity break' })
export class CarbonFootprint {
  @Field(() => Float) totalKg: number;
  @Field(() => Float) perPartKg: number;
  @Field(() => Float) materialKg: number;
  @Field(() => Float) processEnergyKg: number;
  @Field(() => Float) finishingKg: number;
  @Field(() => Float) shippingKg: number;
  @Field(() => String) gridRegion: string;
}

@ObjectType()
export class QuoteBreak {
  @Field(() => Int)
  quantity: number;

  @Field(() => String)
  currency: string;

  @Field(() => Int)
  unitPriceMinor: number;

  @Field(() => Int)
  totalMinor: number;

  @Field(() => [CostLineAmount], { description: 'Sums exactly to totalMinor' })
  breakdown: CostLineAmount[];

  @Field(() => [CostLineAmount], { description: 'Sums exactly to unitPriceMinor' })
  unitBreakdown: CostLineAmount[];

  @Field(() => Int)
  leadTimeDays: number;

  @Field(() => [LeadTimeChoice])
  leadTimes: LeadTimeChoice[];

  @Field(() => CarbonFootprint)
  carbon: CarbonFootprint;

  static from(qb: QuantityBreak): QuoteBreak {
    return {
      quantity: qb.quantity,
      currency: qb.currency,
      unitPriceMinor: qb.unitPriceMinor,
      totalMinor: qb.totalMinor,
      breakdown: lines(qb.breakdown),
      unitBreakdown: lines(qb.unitBreakdown),
      leadTimeDays: qb.leadTimeDays,
      leadTimes: qb.leadTimes,
      carbon: qb.carbon,
    };
  }
}

@ObjectType()
export class ReasonLine {
  @Field(() => String)
  code: string;

  @Field(() => String)
  message: string;
}

@ObjectType()
export class QuoteConfidence {
  @Field(() => Float, { description: '0–1' })
  score: number;

  @Field(() => Boolean)
  needsReview: boolean;

  @Field(() => [ReasonLine])
  reasons: ReasonLine[];
}

@ObjectType({ description: 'The configuration a quote prices' })
export class QuoteConfiguration {
  @Field(() => String) process: string;
  @Field(() => String) material: string;
  @Field(() => String) finish: string;
  @Field(() => String) tolerance: string;
  @Field(() => String) inspection: string;
  @Field(() => String) leadTier: string;
  @Field(() => [Int]) quantities: number[];
}

export function breaksOf(result: QuoteResult | null): QuoteBreak[] {
  return result?.status === 'quoted' ? result.breaks.map((qb) => QuoteBreak.from(qb)) : [];
}
