import { Args, Field, Float, ID, InputType, Int, Mutation, ObjectType, Parent, Query, ResolveField, Resolver } from '@nestjs/graphql';
import { Ctx, type RequestContext } from '@partsmith/platform';
import { ChargebacksService } from './chargebacks.service';
import { ConnectedAccountsService } from './connected-accounts.service';
import {
  Chargeback,
  ConnectedAccount,
  DeliveryDispute,
  DisputeResolutionEnum,
  EscrowAllocation,
  FactoryPayout,
  FactoryTransfer,
  LedgerLine,
  Payment,
  PaymentRefund,
  ReconciliationReport,
} from './entities';
import { EscrowService } from './escrow.service';
import { PaymentAccess } from './payment-access.service';
import { PaymentsQueries } from './payments.queries';
import { StartFactoryOnboardingResult, SubmitChargebackEvidenceResult } from './payments.results';
import { ReconciliationService } from './reconciliation.service';

@ObjectType({ description: "An order's escrow from the ledger: held = captured − released − refunded" })
export class EscrowSummary {
  @Field(() => String)
  currency: string;

  @Field(() => Float)
  capturedMinor: number;

  @Field(() => Float, { description: 'To factories and the platform fee, net of amounts taken back for refunds' })
  releasedMinor: number;

  @Field(() => Float, { description: 'Refunds and lost chargebacks' })
  refundedMinor: number;

  @Field(() => Float)
  heldMinor: number;
}

@InputType()
export class ChargebackEvidenceInput {
  @Field(() => ID)
  chargebackId: string;

  @Field(() => String, { nullable: true })
  productDescription?: string;

  @Field(() => String, { nullable: true })
  shippingTrackingNumber?: string;

  @Field(() => String, { nullable: true })
  shippingCarrier?: string;

  @Field(() => String, { nullable: true })
  uncategorizedText?: string;

  @Field(() => Boolean, { description: 'Submit to the card network now (once); false only stages the evidence' })
  submit: boolean;
}

@Resolver()
export class PaymentsResolver {
  constructor(
    private readonly queries: PaymentsQueries,
    private readonly accounts: ConnectedAccountsService,
    private readonly escrow: EscrowService,
    private readonly chargebackService: ChargebacksService,
    private readonly reconciliation: ReconciliationService,
    private readonly access: PaymentAccess,
  ) {}

  @Query(() => Payment, { description: "An order's payment and escrow (the order's designer organisation and operators)" })
  orderPayment(@Ctx() ctx: RequestContext, @Args('orderId', { type: () => ID }) orderId: string) {
    return this.queries.orderPayment(ctx, orderId);
  }

  @Query(() => ConnectedAccount, { nullable: true, description: 'Your factory’s Stripe account (operators: any factory); null before onboarding starts' })
  factoryPaymentAccount(@Ctx() ctx: RequestContext, @Args('organizationId', { type: () => ID, nullable: true }) organizationId?: string) {
    return this.accounts.accountOf(ctx, organizationId);
  }

  @Query(() => [FactoryTransfer], { description: 'Transfers to your factory, newest first (operators: one factory, or every factory without organizationId)' })
  factoryTransfers(
    @Ctx() ctx: RequestContext,
    @Args('organizationId', { type: () => ID, nullable: true }) organizationId?: string,
    @Args('first', { type: () => Int, nullable: true }) first?: number,
  ) {
    return this.queries.factoryTransfers(ctx, organizationId, first);
  }

  @Query(() => [FactoryPayout], { description: 'Payouts from your factory’s Stripe balance to its bank' })
  factoryBankPayouts(
    @Ctx() ctx: RequestContext,
    @Args('organizationId', { type: () => ID, nullable: true }) organizationId?: string,
    @Args('first', { type: () => Int, nullable: true }) first?: number,
  ) {
    return this.queries.factoryBankPayouts(ctx, organizationId, first);
  }

  @Query(() => [LedgerLine], { description: 'Ledger lines you may see: factories their payable account, designers one order’s escrow, operators all' })
  ledgerLines(
    @Ctx() ctx: RequestContext,
    @Args('orderId', { type: () => ID, nullable: true }) orderId?: string,
    @Args('organizationId', { type: () => ID, nullable: true }) organizationId?: string,
    @Args('first', { type: () => Int, nullable: true }) first?: number,
  ) {
    return this.queries.ledgerLines(ctx, { orderId, organizationId, first });
  }

  @Query(() => [Chargeback], { description: 'Operators' })
  chargebacks(@Ctx() ctx: RequestContext, @Args('openOnly', { type: () => Boolean, defaultValue: false }) openOnly: boolean) {
    return this.queries.chargebacks(ctx, openOnly);
  }

  @Query(() => [DeliveryDispute], { description: 'Operators' })
  deliveryDisputes(@Ctx() ctx: RequestContext, @Args('openOnly', { type: () => Boolean, defaultValue: true }) openOnly: boolean) {
    return this.queries.deliveryDisputes(ctx, openOnly);
  }

  @Query(() => ReconciliationReport, { description: 'Operators' })
  reconciliationReport(@Ctx() ctx: RequestContext, @Args('id', { type: () => ID }) id: string) {
    return this.queries.reconciliationReport(ctx, id);
  }

  @Query(() => [ReconciliationReport], { description: 'Operators; newest first' })
  reconciliationReports(@Ctx() ctx: RequestContext, @Args('first', { type: () => Int, nullable: true }) first?: number) {
    return this.queries.reconciliationReports(ctx, first);
  }

  @Mutation(() => StartFactoryOnboardingResult, { description: 'Factory admins: a fresh Stripe onboarding link (creates the connected account on first use)' })
  startFactoryOnboarding(@Ctx() ctx: RequestContext) {
    return this.accounts.startOnboarding(ctx);
  }

  @Mutation(() => SubmitChargebackEvidenceResult, { description: 'Operators: evidence for a chargeback' })
  submitChargebackEvidence(@Ctx() ctx: RequestContext, @Args('input') input: ChargebackEvidenceInput) {
    this.access.requireOperator(ctx);
    return this.chargebackService.submitEvidence(ctx, input);
  }

  @Mutation(() => ReconciliationReport, { description: 'Operators: compare the ledger with Stripe (runs in the worker; poll the report)' })
  runReconciliation(@Ctx() ctx: RequestContext) {
    const operator = this.access.requireOperator(ctx);
    return this.reconciliation.request(ctx, operator.userId);
  }

  @Mutation(() => FactoryTransfer, { description: 'Operators: send a failed transfer again' })
  retryFactoryTransfer(@Ctx() ctx: RequestContext, @Args('transferId', { type: () => ID }) transferId: string) {
    return this.queries.retryTransfer(ctx, transferId);
  }
}

@Resolver(() => Payment)
export class OrderPaymentResolver {
  constructor(private readonly queries: PaymentsQueries) {}

  @ResolveField(() => String, { nullable: true, description: 'For Stripe.js: the paying designer only, while unpaid' })
  clientSecret(@Ctx() ctx: RequestContext, @Parent() payment: Payment) {
    return this.queries.clientSecret(ctx, payment);
  }

  @ResolveField(() => EscrowSummary)
  escrow(@Ctx() ctx: RequestContext, @Parent() payment: Payment) {
    return this.queries.escrow(ctx, payment);
  }

  @ResolveField(() => [EscrowAllocation])
  allocations(@Ctx() ctx: RequestContext, @Parent() payment: Payment) {
    return this.queries.allocations(ctx, payment);
  }

  @ResolveField(() => [PaymentRefund])
  refunds(@Ctx() ctx: RequestContext, @Parent() payment: Payment) {
    return this.queries.refunds(ctx, payment);
  }

  @ResolveField(() => [Chargeback], { name: 'chargebacks' })
  chargebacksOfPayment(@Ctx() ctx: RequestContext, @Parent() payment: Payment) {
    return this.queries.chargebacksOf(ctx, payment);
  }
}
