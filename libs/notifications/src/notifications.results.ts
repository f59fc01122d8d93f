import { Field, ObjectType, registerEnumType } from '@nestjs/graphql';
import { InputValidationError } from '@partsmith/identity';
import { resultUnion } from '@partsmith/platform';
import { WebhookSubscription } from './entities';
import { NOTIFICATION_CATEGORIES, type NotificationCategory } from './notification-rules';

export const NotificationCategoryEnum = Object.fromEntries(NOTIFICATION_CATEGORIES.map((category) => [category, category])) as Record<NotificationCategory, NotificationCategory>;
registerEnumType(NotificationCategoryEnum, { name: 'NotificationCategory', description: 'What e-mail can be switched off for; in-app notifications always arrive' });

@ObjectType()
export class NotificationPreference {
  @Field(() => NotificationCategoryEnum)
  category: NotificationCategory;

  @Field(() => Boolean)
  emailEnabled: boolean;
}

@ObjectType({ description: 'A new subscription and its signing secret, shown this once' })
export class WebhookSubscriptionCreated {
  @Field(() => WebhookSubscription)
  subscription: WebhookSubscription;

  @Field(() => String, { description: 'HMAC-SHA256 key of X-Partsmith-Signature; store it now, it is never shown again' })
  secret: string;
}

export const CreateWebhookSubscriptionResult = resultUnion('CreateWebhookSubscriptionResult', () => [WebhookSubscriptionCreated, InputValidationError] as const);
export type CreateWebhookSubscriptionOutcome = WebhookSubscriptionCreated | InputValidationError;
