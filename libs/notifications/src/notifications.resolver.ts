import { Args, ID, Int, Mutation, ObjectType, Parent, Query, ResolveField, Resolver } from '@nestjs/graphql';
import { Connection, ConnectionArgs, Ctx, type RequestContext } from '@partsmith/platform';
import { CreateWebhookSubscriptionInput, NotificationsArgs } from './dto/notification.args';
import { Notification, WebhookDelivery, WebhookDeliveryAttempt, WebhookSubscription } from './entities';
import type { NotificationCategory } from './notification-rules';
import { CreateWebhookSubscriptionResult, NotificationCategoryEnum, NotificationPreference } from './notifications.results';
import { NotificationsService } from './notifications.service';
import { WebhookSubscriptionService } from './webhooks/webhook-subscription.service';

@ObjectType()
export class NotificationConnection extends Connection(Notification) {}

@ObjectType()
export class WebhookDeliveryConnection extends Connection(WebhookDelivery) {}

@Resolver(() => Notification)
export class NotificationsResolver {
  constructor(private readonly service: NotificationsService) {}

  @Query(() => NotificationConnection, { description: 'Your own notifications in the organisation you act for, newest first' })
  notifications(@Ctx() ctx: RequestContext, @Args() args: NotificationsArgs) {
    return this.service.list(ctx, args);
  }

  @Query(() => Int)
  unreadNotificationCount(@Ctx() ctx: RequestContext) {
    return this.service.unreadCount(ctx);
  }

  @Mutation(() => Int, { description: 'Marks these of your notifications read; returns how many were unread' })
  markNotificationsRead(@Ctx() ctx: RequestContext, @Args('ids', { type: () => [ID] }) ids: string[]) {
    return this.service.markRead(ctx, ids);
  }

  @Mutation(() => Int, { description: 'Marks all your notifications read; returns how many were unread' })
  markAllNotificationsRead(@Ctx() ctx: RequestContext) {
    return this.service.markRead(ctx, null);
  }

  @Query(() => [NotificationPreference], { description: 'E-mail on or off per category (on unless switched off)' })
  notificationPreferences(@Ctx() ctx: RequestContext) {
    return this.service.preferences(ctx);
  }

  @Mutation(() => [NotificationPreference])
  setNotificationPreference(
    @Ctx() ctx: RequestContext,
    @Args('category', { type: () => NotificationCategoryEnum }) category: NotificationCategory,
    @Args('emailEnabled') emailEnabled: boolean,
  ) {
    return this.service.setPreference(ctx, category, emailEnabled);
  }
}

@Resolver(() => WebhookSubscription)
export class WebhookSubscriptionsResolver {
  constructor(private readonly subscriptions: WebhookSubscriptionService) {}

  @Mutation(() => CreateWebhookSubscriptionResult, { description: 'Designers: signed event deliveries to your own endpoint; the secret is shown once' })
  createWebhookSubscription(@Ctx() ctx: RequestContext, @Args('input') input: CreateWebhookSubscriptionInput) {
    return this.subscriptions.create(ctx, input);
  }

  @Mutation(() => WebhookSubscription, { description: 'Stops deliveries; pending ones are cancelled' })
  deleteWebhookSubscription(@Ctx() ctx: RequestContext, @Args('id', { type: () => ID }) id: string) {
    return this.subscriptions.delete(ctx, id);
  }

  @Mutation(() => WebhookSubscription, { description: 'Resumes a subscription switched off after repeated failures' })
  enableWebhookSubscription(@Ctx() ctx: RequestContext, @Args('id', { type: () => ID }) id: string) {
    return this.subscriptions.enable(ctx, id);
  }

  @Query(() => [WebhookSubscription], { description: "Your organisation's webhook subscriptions (designers)" })
  webhookSubscriptions(@Ctx() ctx: RequestContext) {
    return this.subscriptions.list(ctx);
  }

  @ResolveField(() => WebhookDeliveryConnection, { description: 'The delivery log, newest first' })
  deliveries(@Ctx() ctx: RequestContext, @Parent() subscription: WebhookSubscription, @Args() args: ConnectionArgs) {
    return this.subscriptions.deliveries(ctx, subscription.id, args);
  }
}

@Resolver(() => WebhookDelivery)
export class WebhookDeliveryResolver {
  constructor(private readonly subscriptions: WebhookSubscriptionService) {}

  @ResolveField(() => [WebhookDeliveryAttempt], { description: 'Every attempt, oldest first: status code, error, duration' })
  attemptLog(@Ctx() ctx: RequestContext, @Parent() delivery: WebhookDelivery) {
    return this.subscriptions.attempts(ctx, delivery);
  }
}
