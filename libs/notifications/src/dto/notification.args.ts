import { ArgsType, Field, InputType } from '@nestjs/graphql';
import { ConnectionArgs } from '@partsmith/platform';

@ArgsType()
export class NotificationsArgs extends ConnectionArgs {
  @Field(() => Boolean, { nullable: true, description: 'Only notifications not yet marked read' })
  unreadOnly?: boolean;
}

@InputType()
export class CreateWebhookSubscriptionInput {
  @Field(() => String, { description: 'An https:// (or http://) endpoint that answers 2xx within WEBHOOK_TIMEOUT_MS' })
  url: string;

  @Field(() => [String], { description: 'Event types to receive, e.g. ["part.revision.analyzed", "order.status"]' })
  eventTypes: string[];
}
