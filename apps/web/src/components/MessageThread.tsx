import { useMutation, useQuery } from '@apollo/client/react';
import { useEffect, useState, type FormEvent } from 'react';
import { describeError, describeErrorResult, isErrorResult } from '../api/errors';
import { JobLineThreadDocument, MarkThreadReadDocument, PostMessageDocument } from '../gql/graphql';
import { useI18n } from '../i18n/i18n';
import { ErrorMessage, Loading } from './Feedback';

const MAX_BODY = 4000;

/** The job line's thread between the designer and the awarded factory (operators read it). Newest at the bottom. */
export function MessageThread({ jobLineId }: { jobLineId: string }) {
  const { t, date } = useI18n();
  const { data, loading, error, refetch } = useQuery(JobLineThreadDocument, { variables: { jobLineId }, pollInterval: 15_000 });
  const [post, posting] = useMutation(PostMessageDocument);
  const [markRead] = useMutation(MarkThreadReadDocument);
  const [body, setBody] = useState('');
  const [failure, setFailure] = useState<string | null>(null);
  const thread = data?.jobLineThread;
  useEffect(() => {
    if (thread && thread.unreadCount > 0) void markRead({ variables: { threadId: thread.id } }).catch(() => undefined);
  }, [thread, markRead]);
  const send = async (event: FormEvent) => {
    event.preventDefault();
    if (!thread || !body.trim()) return;
    setFailure(null);
    try {
      const result = (await post({ variables: { threadId: thread.id, body: body.trim() } })).data!.postMessage;
      if (isErrorResult(result)) return setFailure(describeErrorResult(t, result));
      setBody('');
      await refetch();
    } catch (caught) {
      setFailure(describeError(t, caught));
    }
  };
  if (loading && !data) return <Loading />;
  if (error) return <ErrorMessage error={error} />;
  if (!thread) return null;
  const messages = [...thread.messages.edges.map((edge) => edge.node)].reverse();
  return (
    <section className="thread" aria-labelledby={`thread-${jobLineId}`}>
      <h2 id={`thread-${jobLineId}`}>{t('evidence.messages.title')}</h2>
      {messages.length === 0 && <p className="muted">{t('evidence.messages.empty')}</p>}
      <ol className="messages" aria-live="polite">
        {messages.map((message) => (
          <li key={message.id} className={message.fromYourOrganization ? 'mine' : 'theirs'}>
            <div className="message-head small muted">{message.authorLabel} · {date(message.createdAt, true)}</div>
            <p>{message.body}</p>
            {message.contactDetailsRemoved && <p className="small muted">{t('evidence.messages.masked')}</p>}
          </li>
        ))}
      </ol>
      {thread.canPost ? (
        <form className="form" onSubmit={send}>
          <label>
            {thread.youAppearAs ? t('evidence.messages.writeAs', { name: thread.youAppearAs }) : t('evidence.messages.write')}
            <textarea rows={3} value={body} maxLength={MAX_BODY} onChange={(event) => setBody(event.target.value)} />
          </label>
          <div><button type="submit" className="primary" disabled={posting.loading || !body.trim()}>{t('evidence.messages.send')}</button></div>
          <ErrorMessage>{failure}</ErrorMessage>
        </form>
      ) : (
        <p className="muted">{t('evidence.messages.readOnly')}</p>
      )}
    </section>
  );
}
