import { Field, ID, ObjectType } from '@nestjs/graphql';
import { InputValidationError } from '@partsmith/identity';
import { Connection, defineErrorResult, resultUnion } from '@partsmith/platform';
import { MessageThreadKind } from './entities';

/** A message as the caller may see it: who wrote it is a label ("Designer", "Factory", "Factory B"), never an identity. */
@ObjectType()
export class Message {
  @Field(() => ID) id: string;
  @Field(() => ID) threadId: string;
  @Field(() => String, { description: '"Designer", "Factory" (job-line thread) or the factory’s stable alias in a pre-award Q&A ("Factory A", …)' })
  authorLabel: string;
  @Field(() => Boolean, { description: 'Written by someone of the organisation you act for' }) fromYourOrganization: boolean;
  @Field(() => ID, { nullable: true, description: 'Operators only: the author’s organisation' }) authorOrganizationId: string | null;
  @Field(() => String, { description: 'The text with e-mail addresses and phone numbers replaced by [email removed] / [phone removed]' }) body: string;
  @Field(() => Boolean, { description: 'Whether contact details were removed from this message' }) contactDetailsRemoved: boolean;
  @Field(() => ID, { nullable: true, description: 'The message this answers (a question in a Q&A thread)' }) inReplyToId: string | null;
  @Field(() => Date) createdAt: Date;
}

@ObjectType()
export class MessageConnection extends Connection(Message) {}

@ObjectType()
export class MessageThread {
  @Field(() => ID) id: string;
  @Field(() => MessageThreadKind) kind: MessageThreadKind;
  @Field(() => ID) jobLineId: string;
  @Field(() => String, { nullable: true, description: 'How your messages appear to others here; null for operators (they only read) and, in a Q&A, until your first question assigns your alias' }) youAppearAs: string | null;
  @Field(() => Boolean, { description: 'Whether you may post here now (a Q&A closes at award, a job-line thread when the line is cancelled; operators read only)' })
  canPost: boolean;
  @Field(() => Date, { nullable: true }) lastMessageAt: Date | null;
}

export const MessageThreadClosedError = defineErrorResult('MessageThreadClosedError', 'MESSAGE_THREAD_CLOSED');
export type MessageThreadClosedError = InstanceType<typeof MessageThreadClosedError>;

export const PostMessageResult = resultUnion('PostMessageResult', () => [Message, InputValidationError, MessageThreadClosedError] as const);
export type PostMessageOutcome = Message | InputValidationError | MessageThreadClosedError;
