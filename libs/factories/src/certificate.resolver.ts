import { Args, ArgsType, Field, ID, Mutation, ObjectType, Query, Resolver } from '@nestjs/graphql';
import { Connection, ConnectionArgs, Ctx, type RequestContext } from '@partsmith/platform';
import { CertificateService } from './certificate.service';
import { CertificateInput, DecideScoreAppealInput } from './dto/factory.inputs';
import { Certificate, ScoreAppeal, ScoreAppealStatusEnum } from './entities';
import { AddCertificateResult, AppealScoreEventResult, CertificateDecisionResult } from './factories.results';
import { ScorecardService } from './scorecard/scorecard.service';

@ObjectType()
export class CertificateConnection extends Connection(Certificate) {}

@ObjectType()
export class ScoreAppealConnection extends Connection(ScoreAppeal) {}

@ArgsType()
class ScoreAppealsArgs extends ConnectionArgs {
  @Field(() => ScoreAppealStatusEnum, { nullable: true }) status?: ScoreAppealStatusEnum;
}

/** The certificate vault and score appeals: the factory files, the operator decides. */
@Resolver()
export class CertificateResolver {
  constructor(
    private readonly certificates: CertificateService,
    private readonly scorecards: ScorecardService,
  ) {}

  @Query(() => CertificateConnection, { description: 'Operators: pending certificates, oldest first' })
  certificatesAwaitingReview(@Ctx() ctx: RequestContext, @Args() args: ConnectionArgs) {
    return this.certificates.awaitingReview(ctx, args);
  }

  @Mutation(() => AddCertificateResult, { description: 'Factory admins: add a certificate, then upload its document to POST /factories/certificates/:id/document' })
  addCertificate(@Ctx() ctx: RequestContext, @Args('input') input: CertificateInput) {
    return this.certificates.add(ctx, input);
  }

  @Mutation(() => CertificateDecisionResult, { description: 'Operators: the document checks out' })
  verifyCertificate(@Ctx() ctx: RequestContext, @Args('id', { type: () => ID }) id: string, @Args('note', { type: () => String, nullable: true }) note?: string) {
    return this.certificates.verify(ctx, id, note);
  }

  @Mutation(() => CertificateDecisionResult, { description: 'Operators: reject with a note the factory sees (a new document sends it back for review)' })
  rejectCertificate(@Ctx() ctx: RequestContext, @Args('id', { type: () => ID }) id: string, @Args('note') note: string) {
    return this.certificates.reject(ctx, id, note);
  }

  @Query(() => ScoreAppealConnection, { description: "Operators: all appeals; factory members: their factory's" })
  scoreAppeals(@Ctx() ctx: RequestContext, @Args() args: ScoreAppealsArgs) {
    const { status, ...page } = args;
    return this.scorecards.appeals(ctx, status, page);
  }

  @Mutation(() => AppealScoreEventResult, { description: 'Factory admins: object to a score event' })
  appealScoreEvent(@Ctx() ctx: RequestContext, @Args('scoreEventId', { type: () => ID }) scoreEventId: string, @Args('reason') reason: string) {
    return this.scorecards.appeal(ctx, scoreEventId, reason);
  }

  @Mutation(() => ScoreAppeal, { description: 'Operators: uphold (the event stops counting) or dismiss an appeal' })
  decideScoreAppeal(@Ctx() ctx: RequestContext, @Args('input') input: DecideScoreAppealInput) {
    return this.scorecards.decideAppeal(ctx, input);
  }
}
