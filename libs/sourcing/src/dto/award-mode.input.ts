import { Field, Float, ID, InputType, Int } from '@nestjs/graphql';
import { AwardMode } from '../offer-state';

@InputType()
export class ChooseAwardModeInput {
  @Field(() => ID) jobLineId: string;
  @Field(() => AwardMode, { description: 'offer_cascade, sealed_bid or batch' }) mode: AwardMode;
  @Field(() => Date, { nullable: true, description: 'sealed_bid: when bidding closes (in the future, before the due date, within 30 days)' }) biddingClosesAt?: Date;
}

@InputType()
export class PlaceBidInput {
  @Field(() => ID) jobLineId: string;
  @Field(() => Float, { description: 'Asked payout, minor units (a positive integer, at most what the designer paid for the line)' }) priceMinor: number;
  @Field(() => Int, { description: 'Calendar days from award to shipping (1–365)' }) leadTimeDays: number;
  @Field(() => String, { nullable: true, description: 'At most 2,000 characters' }) note?: string;
}
