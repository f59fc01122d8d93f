import { Field, ID, InputType, Int } from '@nestjs/graphql';
import { CertificateKindEnum } from '@partsmith/factories';
import { PreviewLevel } from '@partsmith/parts';

@InputType()
export class OrderLineInput {
  @Field(() => ID) quoteId: string;
  @Field(() => Int, { description: 'One of the quote’s quantity breaks' }) quantity: number;
}

@InputType()
export class ShippingAddressInput {
  @Field(() => String) name: string;
  @Field(() => String) line1: string;
  @Field(() => String, { nullable: true }) line2?: string | null;
  @Field(() => String) city: string;
  @Field(() => String) postalCode: string;
  @Field(() => String, { nullable: true }) region?: string | null;
  @Field(() => String, { description: 'ISO 3166-1 alpha-2, e.g. DE' }) country: string;
}

/** No prices: totals come from the stored quotes. */
@InputType()
export class PlaceOrderInput {
  @Field(() => [OrderLineInput]) lines: OrderLineInput[];
  @Field(() => ShippingAddressInput) shippingAddress: ShippingAddressInput;
  @Field(() => [CertificateKindEnum], { defaultValue: [] }) requiredCertificates: CertificateKindEnum[];
  @Field(() => String, { nullable: true, description: 'Must be the inspection level the lines were quoted with (default: each line’s quoted level)' })
  inspectionLevel?: string | null;
  @Field(() => Boolean, { defaultValue: false }) exportControlled: boolean;
  @Field(() => Boolean, { defaultValue: false }) allowSplitting: boolean;
  @Field(() => PreviewLevel, { description: 'What eligible factories may see before award' }) previewLevelBeforeAward: PreviewLevel;
}
