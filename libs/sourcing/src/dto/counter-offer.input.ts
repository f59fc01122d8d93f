import { Field, Float, ID, InputType } from '@nestjs/graphql';

@InputType()
export class CounterOfferInput {
  @Field(() => ID) offerId: string;
  @Field(() => Float, { nullable: true, description: 'Asked payout, minor units (at most what the designer paid for the line)' }) priceMinor?: number;
  @Field(() => Date, { nullable: true, description: 'The ship-by date the factory can promise' }) shipBy?: Date;
  @Field(() => String, { nullable: true }) note?: string;
}
