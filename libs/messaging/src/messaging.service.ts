import { Inject, Injectable } from '@nestjs/common';
import { InputValidationError } from '@partsmith/identity';
import {
  APP_CONFIG,
  AuditTrail,
  DomainEvents,
  ForbiddenError,
  keysetPage,
  type AppConfig,
  type ConnectionArgs,
  type ConnectionShape,
  type RequestContext,
} from '@partsmith/platform';
import { UUID } from '@partsmith/sourcing';
import { maskContactDetails } from './contact-masking';
import { MessageRow, MessageThreadRow, MessageThreadKind } from './entities';
import { MessagingAccess, type ThreadAccess } from './messaging-access.service';
import { MessageThreadClosedError, MessageThread, Message, type PostMessageOutcome } from './messaging.results';
import { factoryAlias } from './thread-alias';

export const MESSAGE_BODY_MAX = 4000;
/** How many threads `threads` lists (most recent activity first). */
export const THREAD_LIST_MAX = 100;

/** The domain events a new message publishes (one per organisation that should hear of it). */
export const MESSAGE_EVENT_TYPES: Readonly<Record<MessageThreadKind, string>> = {
  [MessageThreadKind.job_line]: 'message.job_line',
  [MessageThreadKind.pre_award_qa]: 'message.sourcing_qa',
};

/**
 * Messages between a designer organisation and factories. Every call goes through MessagingAccess on the
 * thread it touches. Bodies are masked before they are stored (the original is never kept); a message
 * that had contact details removed leaves an audit entry, so operators can see who tries to take business
 * off the platform. Authors appear as labels only: "Designer", "Factory", or in a pre-award Q&A the
 * factory's alias, assigned in order of first question and kept for the life of the thread.
 */
@Injectable()
export class MessagingService {
  constructor(
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    private readonly access: MessagingAccess,
    private readonly events: DomainEvents,
    private readonly audit: AuditTrail,
  ) {}

  async jobLineThread(ctx: RequestContext, jobLineId: string): Promise<MessageThread> {
    return this.view(ctx, await this.access.jobLineThread(ctx, jobLineId));
  }

  async qaThread(ctx: RequestContext, jobLineId: string): Promise<MessageThread> {
    return this.view(ctx, await this.access.qaThread(ctx, jobLineId));
  }

  async thread(ctx: RequestContext, threadId: string): Promise<MessageThread> {
    return this.view(ctx, await this.access.thread(ctx, threadId));
  }

  /**
   * The threads the caller takes part in, most recent activity first: a designer's organisation's, a
   * factory's job-line threads and the Q&As it asked in or opened, every thread for operators.
   */
  async threads(ctx: RequestContext, jobLineId?: string | null): Promise<MessageThread[]> {
    const accesses = await this.followedThreads(ctx, jobLineId ?? null);
    return Promise.all(accesses.map((access) => this.view(ctx, access)));
  }

  /** Unread messages (written by someone else) across the caller's threads. */
  async unreadTotal(ctx: RequestContext): Promise<number> {
    const accesses = await this.followedThreads(ctx, null);
    return this.unreadAmong(ctx, accesses.map((access) => access.thread.id), ctx.requirePrincipal().userId);
  }

  async unreadIn(ctx: RequestContext, threadId: string): Promise<number> {
    const { thread, principal } = await this.access.thread(ctx, threadId);
    return this.unreadAmong(ctx, [thread.id], principal.userId);
  }

  /** Newest first (page back with `after`). */
  async messages(ctx: RequestContext, threadId: string, args: ConnectionArgs): Promise<ConnectionShape<Message>> {
    const access = await this.access.thread(ctx, threadId);
    const query = ctx.db.createQueryBuilder(MessageRow, 'm').where('m.thread_id = :threadId', { threadId: access.thread.id });
    const page = await keysetPage(query, 'm', args, this.config.graphql.maxPageSize, { descending: true });
    const aliases = await this.aliases(ctx, access.thread);
    return { ...page, edges: page.edges.map((edge) => ({ cursor: edge.cursor, node: this.messageView(access, aliases, edge.node) })) };
  }

  async post(ctx: RequestContext, threadId: string, body: string, inReplyToId?: string | null): Promise<PostMessageOutcome> {
    return ctx.transaction(async (db) => {
      const access = await this.access.thread(ctx, threadId, { lock: true }); // serialises alias assignment per thread
      const { thread, principal, role } = access;
      if (role === 'operator') throw new ForbiddenError('Operators read message threads; only the designer organisation and the factories write in them');
      if (!access.canPost) {
        return new MessageThreadClosedError(
          thread.kind === MessageThreadKind.pre_award_qa
            ? 'The Q&A closed when the job was awarded (or withdrawn); talk to the awarded factory in the job line’s thread'
            : 'This job line is cancelled or no longer awarded to this factory, so its thread is read-only',
        );
      }
      const text = (body ?? '').trim();
      if (!text) return new InputValidationError('body', 'Write a message (it is empty)');
      if (text.length > MESSAGE_BODY_MAX) return new InputValidationError('body', `A message is at most ${MESSAGE_BODY_MAX} characters (this one has ${text.length})`);
      const masked = maskContactDetails(text);
      if (masked.text.length > MESSAGE_BODY_MAX) return new InputValidationError('body', `A message is at most ${MESSAGE_BODY_MAX} characters (this one has ${masked.text.length})`);
      if (inReplyToId) {
        const parent = UUID.test(inReplyToId) ? await db.findOneBy(MessageRow, { id: inReplyToId }) : null;
        if (!parent || parent.threadId !== thread.id) return new InputValidationError('inReplyToId', `MessageRow ${inReplyToId} is not in this thread`);
      }
      if (thread.kind === MessageThreadKind.pre_award_qa && role === 'factory') await this.assignAlias(ctx, thread, principal.organizationId);
      const saved = await db.save(
        db.create(MessageRow, {
          threadId: thread.id,
          authorUserId: principal.userId,
          authorOrganizationId: principal.organizationId,
          authorSide: role,
          body: masked.text,
          inReplyToId: inReplyToId || null,
          maskedEmails: masked.emails,
          maskedPhones: masked.phones,
        }),
      );
      const message = await db.findOneByOrFail(MessageRow, { id: saved.id });
      await db.query(`UPDATE message_threads SET last_message_at = $2 WHERE id = $1`, [thread.id, message.createdAt]);
      await this.readUpTo(ctx, thread.id, principal.userId, message.createdAt);
      if (masked.emails + masked.phones > 0) {
        await this.audit.record(ctx, {
          action: 'message.contact_details_removed',
          subjectType: 'message_thread',
          subjectId: thread.id,
          subjectOrganizationId: thread.designerOrganizationId,
          details: { messageId: message.id, jobLineId: thread.jobLineId, emails: masked.emails, phones: masked.phones },
        });
      }
      for (const organizationId of await this.recipients(ctx, access)) {
        await this.events.publish(ctx, { type: MESSAGE_EVENT_TYPES[thread.kind], organizationId, id: thread.id, status: message.id });
      }
      return this.messageView(access, await this.aliases(ctx, thread), message);
    });
  }

  /** Marks everything in the thread read for the caller. */
  async markRead(ctx: RequestContext, threadId: string): Promise<MessageThread> {
    const access = await this.access.thread(ctx, threadId);
    const [latest]: Array<{ at: Date | null }> = await ctx.db.query(`SELECT max(created_at) AS at FROM messages WHERE thread_id = $1`, [access.thread.id]);
    await this.readUpTo(ctx, access.thread.id, access.principal.userId, latest.at ?? new Date(0));
    return this.view(ctx, access);
  }

  /** Organisations told of a new message: the other side; for a designer's Q&A answer, every factory that may read the Q&A. */
  private async recipients(ctx: RequestContext, { thread, role }: ThreadAccess): Promise<string[]> {
    if (role === 'factory') return [thread.designerOrganizationId];
    if (thread.kind === MessageThreadKind.job_line) return [thread.factoryOrganizationId!];
    return this.access.factoryOrganizationsOf(ctx, thread);
  }

  private async followedThreads(ctx: RequestContext, jobLineId: string | null): Promise<ThreadAccess[]> {
    const principal = ctx.requirePrincipal();
    const query = ctx.db.createQueryBuilder(MessageThreadRow, 't');
    if (principal.role === 'designer') {
      query.where('t.designer_organization_id = :org', { org: principal.organizationId });
    } else if (principal.role === 'factory_admin' || principal.role === 'factory_member') {
      query.where(
        `(t.factory_organization_id = :org
          OR EXISTS (SELECT 1 FROM message_thread_aliases a WHERE a.thread_id = t.id AND a.organization_id = :org)
          OR EXISTS (SELECT 1 FROM message_thread_reads r WHERE r.thread_id = t.id AND r.user_id = :user))`,
        { org: principal.organizationId, user: principal.userId },
      );
    } else if (principal.role !== 'operator') {
      return [];
    }
    if (jobLineId) {
      if (!UUID.test(jobLineId)) return [];
      query.andWhere('t.job_line_id = :jobLineId', { jobLineId });
    }
    const rows = await query.orderBy('t.last_message_at', 'DESC', 'NULLS LAST').addOrderBy('t.created_at', 'DESC').take(THREAD_LIST_MAX).getMany();
    const checked = await Promise.all(rows.map((thread) => this.access.check(ctx, principal, thread)));
    return checked.filter((access): access is ThreadAccess => access !== null);
  }

  /** Messages in these threads written by others after the user's read marker. */
  private async unreadAmong(ctx: RequestContext, threadIds: string[], userId: string): Promise<number> {
    if (threadIds.length === 0) return 0;
    const [row]: Array<{ n: number }> = await ctx.db.query(
      `SELECT count(*)::int AS n FROM messages m
         LEFT JOIN message_thread_reads r ON r.thread_id = m.thread_id AND r.user_id = $2
        WHERE m.thread_id = ANY($1::uuid[]) AND m.author_user_id <> $2 AND m.created_at > coalesce(r.last_read_at, '-infinity')`,
      [threadIds, userId],
    );
    return row.n;
  }

  private async assignAlias(ctx: RequestContext, thread: MessageThreadRow, organizationId: string): Promise<void> {
    const [{ n }]: Array<{ n: number }> = await ctx.db.query(`SELECT count(*)::int AS n FROM message_thread_aliases WHERE thread_id = $1`, [thread.id]);
    await ctx.db.query(
      `INSERT INTO message_thread_aliases (thread_id, organization_id, alias) VALUES ($1, $2, $3)
       ON CONFLICT ON CONSTRAINT message_thread_aliases_pkey DO NOTHING`,
      [thread.id, organizationId, factoryAlias(n)],
    );
  }

  private async aliases(ctx: RequestContext, thread: MessageThreadRow): Promise<Map<string, string>> {
    if (thread.kind !== MessageThreadKind.pre_award_qa) return new Map();
    const rows: Array<{ organization_id: string; alias: string }> = await ctx.db.query(`SELECT organization_id, alias FROM message_thread_aliases WHERE thread_id = $1`, [thread.id]);
    return new Map(rows.map((row) => [row.organization_id, row.alias]));
  }

  private async readUpTo(ctx: RequestContext, threadId: string, userId: string, at: Date): Promise<void> {
    await ctx.db.query(
      `INSERT INTO message_thread_reads (thread_id, user_id, last_read_at) VALUES ($1, $2, $3)
       ON CONFLICT ON CONSTRAINT message_thread_reads_pkey
       DO UPDATE SET last_read_at = GREATEST(message_thread_reads.last_read_at, EXCLUDED.last_read_at), updated_at = now()`,
      [threadId, userId, at],
    );
  }

  private messageView(access: ThreadAccess, aliases: Map<string, string>, message: MessageRow): Message {
    const view = new Message();
    view.id = message.id;
    view.threadId = message.threadId;
    view.authorLabel =
      message.authorSide === 'designer' ? 'Designer' : access.thread.kind === MessageThreadKind.job_line ? 'Factory' : (aliases.get(message.authorOrganizationId) ?? 'Factory');
    view.fromYourOrganization = message.authorOrganizationId === access.principal.organizationId;
    view.authorOrganizationId = access.role === 'operator' ? message.authorOrganizationId : null;
    view.body = message.body;
    view.contactDetailsRemoved = message.maskedEmails + message.maskedPhones > 0;
    view.inReplyToId = message.inReplyToId;
    view.createdAt = message.createdAt;
    return view;
  }

  private async view(ctx: RequestContext, access: ThreadAccess): Promise<MessageThread> {
    const { thread, role, principal } = access;
    const view = new MessageThread();
    view.id = thread.id;
    view.kind = thread.kind;
    view.jobLineId = thread.jobLineId;
    view.canPost = access.canPost;
    view.lastMessageAt = thread.lastMessageAt;
    view.youAppearAs =
      role === 'operator' ? null : role === 'designer' ? 'Designer' : thread.kind === MessageThreadKind.job_line ? 'Factory' : ((await this.aliases(ctx, thread)).get(principal.organizationId) ?? null);
    return view;
  }
}
