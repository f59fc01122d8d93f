import { Field, ID, Int, ObjectType } from '@nestjs/graphql';
import { Column, Entity, PrimaryGeneratedColumn } from 'typeorm';

export interface ReconciliationDifference {
  kind: string;
  subject: string;
  ours: string | null;
  processor: string | null;
  message: string;
}

@ObjectType('ReconciliationDifference')
export class ReconciliationDifferenceType {
  @Field(() => String, { description: 'e.g. BALANCE, CHARGE_AMOUNT, TRANSFER_UNKNOWN, LEDGER_UNBALANCED' })
  kind: string;

  @Field(() => String, { description: 'What differs (an object id, an order, a currency)' })
  subject: string;

  @Field(() => String, { nullable: true, description: 'What our ledger / records say' })
  ours: string | null;

  @Field(() => String, { nullable: true, description: 'What the processor says' })
  processor: string | null;

  @Field(() => String)
  message: string;
}

/** A comparison of the ledger and our records with the processor. */
@ObjectType()
@Entity({ name: 'reconciliation_reports' })
export class ReconciliationReport {
  @Field(() => ID)
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Field(() => String, { description: 'queued, running, finished or failed' })
  @Column({ type: 'text' })
  status: 'queued' | 'running' | 'finished' | 'failed';

  @Column({ name: 'requested_by', type: 'uuid', nullable: true })
  requestedBy: string | null;

  @Column({ type: 'jsonb' })
  checked: Record<string, number>;

  @Field(() => [ReconciliationDifferenceType])
  @Column({ type: 'jsonb' })
  differences: ReconciliationDifference[];

  @Field(() => String, { nullable: true })
  @Column({ type: 'text', nullable: true })
  error: string | null;

  @Field(() => Date)
  @Column({ name: 'created_at', type: 'timestamptz', insert: false, update: false })
  createdAt: Date;

  @Field(() => Date, { nullable: true })
  @Column({ name: 'finished_at', type: 'timestamptz', nullable: true })
  finishedAt: Date | null;

  @Field(() => Int, { description: 'How many objects of each kind were compared, summed' })
  get checkedCount(): number {
    return Object.values(this.checked ?? {}).reduce((a, b) => a + b, 0);
  }
}
