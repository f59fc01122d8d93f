import { useMutation, useQuery } from '@apollo/client/react';
import { useEffect, useId, useRef, useState, type FormEvent } from 'react';
import { describeError, describeErrorResult, isErrorResult } from '../api/errors';
import { JobLineThreadDocument, MarkThreadReadDocument, PostMessageDocument, SourcingQuestionsDocument, type MessageFieldsFragment, type ThreadFieldsFragment } from '../gql/graphql';
import { useI18n } from '../i18n/i18n';
import { ErrorMessage, Loading } from './Feedback';

export const MAX_MESSAGE = 4000;

/** The first words of a message, for "answering …" lines. */
export function excerpt(body: string, length = 60): string {
  const flat = body.replace(/\s+/g, ' ').trim();
  return flat.length <= length ? flat : `${flat.slice(0, length - 1)}…`;
}

interface ThreadProps {
  jobLineId: string;
  /** job_line: the thread with the awarded factory; qa: the pre-award Q&A of the sourcing job */
  kind?: 'job_line' | 'qa';
  /** Designers answer questions in a Q&A (factories only ask) */
  canAnswer?: boolean;
  /** Shown behind a button with the unread count; read markers move only once it is opened */
  collapsible?: boolean;
}

/** A message thread of a job line, newest at the bottom; marks it read when it is on screen. */
export function MessageThread({ jobLineId, kind = 'job_line', canAnswer = false, collapsible = false }: ThreadProps) {
  const { t } = useI18n();
  const jobLine = useQuery(JobLineThreadDocument, { variables: { jobLineId }, pollInterval: 15_000, skip: kind !== 'job_line' });
  const qa = useQuery(SourcingQuestionsDocument, { variables: { jobLineId }, pollInterval: 15_000, skip: kind !== 'qa' });
  const { data, loading, error, refetch } = kind === 'job_line' ? jobLine : qa;
  const thread = kind === 'job_line' ? jobLine.data?.jobLineThread : qa.data?.sourcingQuestions;
  const [open, setOpen] = useState(!collapsible);
  const [markRead] = useMutation(MarkThreadReadDocument);
  const bodyId = useId();
  useEffect(() => {
    if (open && thread && thread.unreadCount > 0) void markRead({ variables: { threadId: thread.id } }).catch(() => undefined);
  }, [open, thread, markRead]);

  if (loading && !data) return <Loading />;
  if (error) return <ErrorMessage error={error} />;
  if (!thread) return null;
  const title = kind === 'qa' ? t(canAnswer ? 'collaboration.thread.qaTitle' : 'collaboration.thread.qaFactoryTitle') : t('evidence.messages.title');
  const unread = thread.unreadCount > 0 ? t('collaboration.thread.unread', { count: thread.unreadCount }) : t('collaboration.thread.noUnread');
  return (
    <section className="thread" aria-labelledby={`${bodyId}-title`} data-testid={kind === 'qa' ? 'qa-thread' : 'message-thread'} data-unread={thread.unreadCount}>
      {collapsible ? (
        <h4 id={`${bodyId}-title`}>
          <button type="button" aria-expanded={open} aria-controls={bodyId} onClick={() => setOpen((value) => !value)}>
            {kind === 'qa' ? title : t('collaboration.thread.show')} · <span data-testid="unread-count">{unread}</span>
          </button>
        </h4>
      ) : (
        <h2 id={`${bodyId}-title`}>
          {title} {thread.unreadCount > 0 && <span className="badge" data-testid="unread-count">{unread}</span>}
        </h2>
      )}
      {open && (
        <div id={bodyId}>
          {kind === 'qa' && <p className="muted small">{canAnswer ? t('collaboration.thread.qaIntro') : t('collaboration.thread.qaFactoryIntro')}</p>}
          <ThreadBody thread={thread} kind={kind} canAnswer={canAnswer} onPosted={() => void refetch()} />
        </div>
      )}
    </section>
  );
}

function ThreadBody({ thread, kind, canAnswer, onPosted }: { thread: ThreadFieldsFragment; kind: 'job_line' | 'qa'; canAnswer: boolean; onPosted: () => void }) {
  const { t, date } = useI18n();
  const [post, posting] = useMutation(PostMessageDocument);
  const [body, setBody] = useState('');
  const [replyTo, setReplyTo] = useState<MessageFieldsFragment | null>(null);
  const [failure, setFailure] = useState<string | null>(null);
  const input = useRef<HTMLTextAreaElement>(null);
  const messages = [...thread.messages.edges.map((edge) => edge.node)].reverse();
  const byId = new Map(messages.map((message) => [message.id, message]));
  const answering = kind === 'qa' && canAnswer;

  const send = async (event: FormEvent) => {
    event.preventDefault();
    const text = body.trim();
    if (!text) return;
    if (text.length > MAX_MESSAGE) return setFailure(t('collaboration.thread.tooLong'));
    setFailure(null);
    try {
      const result = (await post({ variables: { threadId: thread.id, body: text, inReplyToId: replyTo?.id } })).data!.postMessage;
      if (isErrorResult(result)) return setFailure(describeErrorResult(t, result));
      setBody('');
      setReplyTo(null);
      onPosted();
    } catch (caught) {
      setFailure(describeError(t, caught));
    }
  };
  const label = answering
    ? t('collaboration.thread.answerSubmit')
    : kind === 'qa'
      ? t('collaboration.thread.askSubmit')
      : t('evidence.messages.send');
  const emptyText = kind === 'qa' ? t('collaboration.thread.qaEmpty') : t('evidence.messages.empty');
  return (
    <>
      {messages.length === 0 && <p className="muted">{emptyText}</p>}
      <ol className="messages" aria-live="polite">
        {messages.map((message) => {
          const question = message.inReplyToId ? byId.get(message.inReplyToId) : undefined;
          return (
            <li key={message.id} className={message.fromYourOrganization ? 'mine' : 'theirs'}>
              <div className="message-head small muted">{message.authorLabel} · {date(message.createdAt, true)}</div>
              {question && <p className="small muted">{t('collaboration.thread.answerTo', { author: question.authorLabel, excerpt: excerpt(question.body) })}</p>}
              <p>{message.body}</p>
              {message.contactDetailsRemoved && <p className="small muted">{t('evidence.messages.masked')}</p>}
              {answering && thread.canPost && !message.fromYourOrganization && (
                <button
                  type="button"
                  className="small"
                  onClick={() => {
                    setReplyTo(message);
                    input.current?.focus();
                  }}
                >
                  {t('collaboration.thread.reply', { author: message.authorLabel })}
                </button>
              )}
            </li>
          );
        })}
      </ol>
      {thread.canPost ? (
        <form className="form" onSubmit={send}>
          {replyTo && (
            <p className="small">
              {t('collaboration.thread.replyingTo', { author: replyTo.authorLabel, excerpt: excerpt(replyTo.body) })}{' '}
              <button type="button" className="small" onClick={() => setReplyTo(null)}>{t('collaboration.thread.cancelReply')}</button>
            </p>
          )}
          <label>
            {kind === 'qa' && !canAnswer
              ? t('collaboration.thread.ask')
              : thread.youAppearAs
                ? t('evidence.messages.writeAs', { name: thread.youAppearAs })
                : t('evidence.messages.write')}
            <textarea ref={input} rows={3} value={body} maxLength={MAX_MESSAGE} onChange={(event) => setBody(event.target.value)} />
          </label>
          <div><button type="submit" className="primary" disabled={posting.loading || !body.trim()}>{label}</button></div>
          <ErrorMessage>{failure}</ErrorMessage>
        </form>
      ) : (
        <p className="muted">{kind === 'qa' ? t('collaboration.thread.closed') : t('evidence.messages.readOnly')}</p>
      )}
    </>
  );
}
