import { ArgsType, Field, Float, ID, Int, ObjectType, registerEnumType } from '@nestjs/graphql';
import { CertificateKindEnum } from '@partsmith/factories';
import { PreviewLevel } from '@partsmith/parts';
import { ConnectionArgs, PageInfo } from '@partsmith/platform';
import { AwardMode, SourcingJobStatus } from '../offer-state';

export enum JobBoardSort {
  DUE_DATE = 'DUE_DATE',
  VALUE = 'VALUE',
  NEWEST = 'NEWEST',
  NEAREST = 'NEAREST',
}
registerEnumType(JobBoardSort, {
  name: 'JobBoardSort',
  description: "DUE_DATE: soonest first; VALUE: highest payout first; NEWEST: newest first; NEAREST (factories): shortest distance from your factory to the job's delivery country first, unknown distances last",
});

@ArgsType()
export class JobBoardArgs extends ConnectionArgs {
  @Field(() => String, { nullable: true }) process?: string;
  @Field(() => String, { nullable: true }) material?: string;
  @Field(() => Date, { nullable: true, description: 'Due on or after' }) dueFrom?: Date;
  @Field(() => Date, { nullable: true, description: 'Due on or before' }) dueTo?: Date;
  @Field(() => Float, { nullable: true, description: 'Payout at least (minor units)' }) minValueMinor?: number;
  @Field(() => Float, { nullable: true, description: 'Payout at most (minor units)' }) maxValueMinor?: number;
  @Field(() => Boolean, { nullable: true, description: 'Factories: only jobs with an offer to you' }) offeredOnly?: boolean;
  @Field(() => JobBoardSort, { nullable: true, defaultValue: JobBoardSort.DUE_DATE }) sort?: JobBoardSort;
}

@ObjectType({ description: 'A job line being sourced, as the caller may see it' })
export class SourcingJob {
  @Field(() => ID, { description: 'The job line' }) id: string;
  @Field(() => SourcingJobStatus) status: SourcingJobStatus;
  @Field(() => AwardMode) mode: AwardMode;
  @Field(() => String) process: string;
  @Field(() => String) material: string;
  @Field(() => String, { nullable: true }) finish: string | null;
  @Field(() => String, { nullable: true }) tolerance: string | null;
  @Field(() => String) inspectionLevel: string;
  @Field(() => Int) quantity: number;
  @Field(() => Date) dueDate: Date;
  @Field(() => Float, { description: 'The payout price the platform offers, minor units' }) payoutMinor: number;
  @Field(() => String) currency: string;
  @Field(() => [CertificateKindEnum]) requiredCertificates: string[];
  @Field(() => Boolean) exportControlled: boolean;
  @Field(() => PreviewLevel, { description: 'What the designer lets factories see before award' }) previewLevel: PreviewLevel;
  @Field(() => String, { nullable: true, description: 'Why no factory has it (stalled), or what became of it (closed)' }) stalledReason: string | null;
  @Field(() => Date, { nullable: true, description: 'Sealed-bid RFQ: bids are taken until then' }) bidDeadline: Date | null;
  @Field(() => Date, { nullable: true, description: 'Sealed-bid RFQ: when bidding closed' }) biddingClosedAt: Date | null;
  @Field(() => Date, { nullable: true, description: 'Sealed-bid RFQ: the designer picks a bid until then; after it the platform awards the best-scored bid' }) pickDeadline: Date | null;
  @Field(() => ID, { nullable: true, description: 'Order splitting: the job line this one is a part of' }) splitOf: string | null;
  @Field(() => Int, {
    nullable: true,
    description: "Factories: road distance from your factory to the centre of the job's delivery country, km, as ranked (null when not known or for other viewers)",
  })
  distanceKm: number | null;
  @Field(() => Date) createdAt: Date;
  /** Internal: the designer's organisation and the part, for access checks. */
  organizationId: string;
  partId: string;
  partRevisionId: string;
}

@ObjectType('SourcingJobEdge')
export class SourcingJobEdge {
  @Field(() => String) cursor: string;
  @Field(() => SourcingJob) node: SourcingJob;
}

@ObjectType()
export class FacetCount {
  @Field(() => String) value: string;
  @Field(() => Int) count: number;
}

@ObjectType()
export class JobBoardCounts {
  @Field(() => [FacetCount]) byProcess: FacetCount[];
  @Field(() => [FacetCount]) byMaterial: FacetCount[];
  @Field(() => Int, { description: 'Of these, with an offer open to you (factories)' }) offeredToYou: number;
}

@ObjectType()
export class SourcingJobConnection {
  @Field(() => [SourcingJobEdge]) edges: SourcingJobEdge[];
  @Field(() => PageInfo) pageInfo: PageInfo;
  @Field(() => Int) totalCount: number;
  @Field(() => JobBoardCounts) counts: JobBoardCounts;
}
