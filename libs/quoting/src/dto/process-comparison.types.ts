import { Field, Float, Int, ObjectType } from '@nestjs/graphql';
import type { ProcessComparison, QuotedResult } from '@partsmith/pricing';
import { QuoteBreak, QuoteConfidence, ReasonLine } from './quote-view.types';

@ObjectType({ description: 'One way to make the part, priced' })
export class ProcessOption {
  @Field(() => String) process: string;
  @Field(() => String) processFamily: string;
  @Field(() => String) material: string;
  @Field(() => String) finish: string;
  @Field(() => String) tolerance: string;
  @Field(() => [QuoteBreak]) breaks: QuoteBreak[];
  @Field(() => QuoteConfidence) confidence: QuoteConfidence;
  @Field(() => Float, { description: 'kg CO2e per part at the ranking quantity' }) carbonPerPartKg: number;

  static from(option: QuotedResult, rankAt: number): ProcessOption {
    const breaks = option.breaks.map((qb) => QuoteBreak.from(qb));
    const ranked = option.breaks.find((qb) => qb.quantity === rankAt) ?? option.breaks[0];
    return { ...option, breaks, carbonPerPartKg: ranked.carbon.perPartKg };
  }
}

@ObjectType()
export class IncompatibleProcessOption {
  @Field(() => String) process: string;
  @Field(() => String, { nullable: true }) material: string | null;
  @Field(() => [ReasonLine]) reasons: ReasonLine[];
}

@ObjectType({ description: '"What is the cheapest way to make this?" — every process that can, cheapest first' })
export class ProcessComparisonView {
  @Field(() => Int) rankedAtQuantity: number;
  @Field(() => [ProcessOption]) options: ProcessOption[];
  @Field(() => [IncompatibleProcessOption]) incompatible: IncompatibleProcessOption[];

  static from(comparison: ProcessComparison): ProcessComparisonView {
    return {
      rankedAtQuantity: comparison.rankedAtQuantity,
      options: comparison.options.map((option) => ProcessOption.from(option, comparison.rankedAtQuantity)),
      incompatible: comparison.incompatible.map((entry) => ({ process: entry.process, material: entry.material ?? null, reasons: entry.reasons })),
    };
  }
}
