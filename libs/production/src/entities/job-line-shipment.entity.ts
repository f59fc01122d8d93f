import { Field, ID, ObjectType } from '@nestjs/graphql';
import { Column, Entity, PrimaryColumn } from 'typeorm';

/** How a job line travels to the designer: one shipment per job line. */
@ObjectType()
@Entity({ name: 'job_line_shipments' })
export class JobLineShipment {
  @Field(() => ID)
  @PrimaryColumn({ name: 'job_line_id', type: 'uuid' })
  jobLineId: string;

  @Field(() => ID)
  @Column({ name: 'factory_id', type: 'uuid' })
  factoryId: string;

  @Field(() => String)
  @Column({ type: 'text' })
  carrier: string;

  @Field(() => String)
  @Column({ name: 'tracking_number', type: 'text' })
  trackingNumber: string;

  @Field(() => Date)
  @Column({ name: 'shipped_at', type: 'timestamptz', insert: false, update: false })
  shippedAt: Date;

  @Column({ name: 'shipped_by', type: 'uuid', nullable: true })
  shippedBy: string | null;

  @Field(() => Date, { nullable: true })
  @Column({ name: 'delivered_at', type: 'timestamptz', nullable: true })
  deliveredAt: Date | null;

  @Column({ name: 'delivered_by', type: 'uuid', nullable: true })
  deliveredBy: string | null;
}
