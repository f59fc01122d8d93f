import { Args, ID, Int, Mutation, Parent, Query, ResolveField, Resolver } from '@nestjs/graphql';
import { ConnectionArgs, Ctx, type RequestContext } from '@partsmith/platform';
import { MessageConnection, MessageThread, PostMessageResult } from './messaging.results';
import { MessagingService } from './messaging.service';

@Resolver(() => MessageThread)
export class MessagingResolver {
  constructor(private readonly messaging: MessagingService) {}

  @Query(() => MessageThread, { description: 'The thread between the ordering designer organisation and the awarded factory of a job line (operators read it)' })
  jobLineThread(@Ctx() ctx: RequestContext, @Args('jobLineId', { type: () => ID }) jobLineId: string) {
    return this.messaging.jobLineThread(ctx, jobLineId);
  }

  @Query(() => MessageThread, { description: 'The pre-award Q&A of a sourcing job: every factory that may see the job asks, the designer answers, nobody is named' })
  sourcingQuestions(@Ctx() ctx: RequestContext, @Args('jobLineId', { type: () => ID }) jobLineId: string) {
    return this.messaging.qaThread(ctx, jobLineId);
  }

  @Query(() => MessageThread)
  messageThread(@Ctx() ctx: RequestContext, @Args('id', { type: () => ID }) id: string) {
    return this.messaging.thread(ctx, id);
  }

  @Query(() => [MessageThread], { description: 'Your threads, most recent activity first (at most 100); operators: every thread' })
  messageThreads(@Ctx() ctx: RequestContext, @Args('jobLineId', { type: () => ID, nullable: true }) jobLineId?: string | null) {
    return this.messaging.threads(ctx, jobLineId);
  }

  @Query(() => Int, { description: 'Messages others wrote that you have not read, across your threads' })
  unreadMessageCount(@Ctx() ctx: RequestContext) {
    return this.messaging.unreadTotal(ctx);
  }

  @ResolveField(() => MessageConnection, { description: 'Newest first' })
  messages(@Ctx() ctx: RequestContext, @Parent() thread: MessageThread, @Args() args: ConnectionArgs) {
    return this.messaging.messages(ctx, thread.id, args);
  }

  @ResolveField(() => Int, { description: 'Messages others wrote here that you have not read' })
  unreadCount(@Ctx() ctx: RequestContext, @Parent() thread: MessageThread) {
    return this.messaging.unreadIn(ctx, thread.id);
  }

  @Mutation(() => PostMessageResult, { description: 'Writes in a thread; e-mail addresses and phone numbers are removed from the text' })
  postMessage(
    @Ctx() ctx: RequestContext,
    @Args('threadId', { type: () => ID }) threadId: string,
    @Args('body') body: string,
    @Args('inReplyToId', { type: () => ID, nullable: true }) inReplyToId?: string | null,
  ) {
    return this.messaging.post(ctx, threadId, body, inReplyToId);
  }

  @Mutation(() => MessageThread, { description: 'Marks every message in the thread read for you' })
  markMessageThreadRead(@Ctx() ctx: RequestContext, @Args('threadId', { type: () => ID }) threadId: string) {
    return this.messaging.markRead(ctx, threadId);
  }
}
