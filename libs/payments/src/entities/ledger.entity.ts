import { Field, Float, ID, ObjectType } from '@nestjs/graphql';
import { Column, Entity, PrimaryColumn } from 'typeorm';
import { bigintAsNumber } from './columns';

@Entity({ name: 'ledger_entries' })
export class LedgerEntryRow {
  @PrimaryColumn({ type: 'bigint', transformer: bigintAsNumber, insert: false })
  id: number;

  @Column({ name: 'entry_key', type: 'text' })
  entryKey: string;

  @Column({ type: 'text' })
  kind: string;

  @Column({ name: 'order_id', type: 'uuid', nullable: true })
  orderId: string | null;

  @Column({ type: 'char', length: 3 })
  currency: string;

  @Column({ type: 'text' })
  memo: string;

  @Column({ name: 'created_at', type: 'timestamptz', insert: false, update: false })
  createdAt: Date;
}

/** One line of a ledger entry, as shown to the people allowed to see it. */
@ObjectType()
export class LedgerLine {
  @Field(() => ID)
  id: string;

  @Field(() => String, { description: 'The entry key (derived from the processor’s or our ids)' })
  entryKey: string;

  @Field(() => String)
  kind: string;

  @Field(() => String)
  memo: string;

  @Field(() => String, { description: 'e.g. designer_funds_held:<order id>, factory_payable:<factory org id>' })
  account: string;

  @Field(() => String)
  accountType: string;

  @Field(() => ID, { nullable: true })
  orderId: string | null;

  @Field(() => String)
  currency: string;

  @Field(() => Float, { description: 'Integer minor units; positive = debit, negative = credit' })
  amountMinor: number;

  @Field(() => Date)
  createdAt: Date;
}
