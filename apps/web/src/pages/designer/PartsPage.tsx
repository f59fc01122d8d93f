import { useQuery } from '@apollo/client/react';
import { useCallback, useState } from 'react';
import { Link } from 'react-router';
import { describeError } from '../../api/errors';
import { useLiveEvents } from '../../api/live-events';
import { uploadPart } from '../../api/upload';
import { Dropzone } from '../../components/Dropzone';
import { Empty, ErrorMessage, Loading, StatusBadge } from '../../components/Feedback';
import { PartsDocument } from '../../gql/graphql';
import { useI18n } from '../../i18n/i18n';

interface UploadRow {
  key: string;
  name: string;
  progress: number;
  state: 'uploading' | 'done' | 'reused' | 'failed';
  error?: string;
}

const PAGE = 25;

export function PartsPage() {
  const { t, number } = useI18n();
  const [uploads, setUploads] = useState<UploadRow[]>([]);
  const { data, loading, error, refetch, fetchMore } = useQuery(PartsDocument, { variables: { first: PAGE } });
  const refresh = useCallback(() => void refetch(), [refetch]);
  useLiveEvents(refresh, { types: ['part.revision.analyzed', 'part.revision.rejected', 'part.revision.previews'], onPoll: refresh });

  const update = (key: string, change: Partial<UploadRow>) => setUploads((rows) => rows.map((row) => (row.key === key ? { ...row, ...change } : row)));
  const upload = (files: File[]) => {
    const rows = files.map((file, i) => ({ key: `${Date.now()}-${i}-${file.name}`, name: file.name, progress: 0, state: 'uploading' as const }));
    setUploads((existing) => [...rows, ...existing]);
    // one at a time keeps each progress bar honest on a slow uplink
    void rows.reduce(
      (previous, row, i) =>
        previous.then(async () => {
          try {
            const result = await uploadPart(files[i], (fraction) => update(row.key, { progress: fraction }));
            update(row.key, { progress: 1, state: result.reusedAnalysis ? 'reused' : 'done' });
          } catch (problem) {
            update(row.key, { state: 'failed', error: describeError(t, problem) });
          }
          refresh();
        }),
      Promise.resolve(),
    );
  };

  const parts = data?.parts.edges.map((edge) => edge.node) ?? [];
  return (
    <section>
      <h1>{t('designer.parts.title')}</h1>
      <p className="muted">{t('designer.parts.intro')}</p>
      <Dropzone onFiles={upload} />
      {uploads.length > 0 && (
        <section aria-labelledby="uploads-heading" className="uploads">
          <h2 id="uploads-heading" className="visually-hidden">{t('designer.parts.uploadsHeading')}</h2>
          <ul>
            {uploads.map((row) => (
              <li key={row.key} className={`upload upload-${row.state}`}>
                <span>
                  {row.state === 'uploading' && t('designer.parts.uploading', { name: row.name, percent: Math.round(row.progress * 100) })}
                  {row.state === 'done' && t('designer.parts.uploaded', { name: row.name })}
                  {row.state === 'reused' && t('designer.parts.reused', { name: row.name })}
                  {row.state === 'failed' && t('designer.parts.failed', { name: row.name, reason: row.error ?? '' })}
                </span>
                <progress max={1} value={row.progress} aria-label={row.name} />
              </li>
            ))}
          </ul>
        </section>
      )}
      <h2>{t('designer.parts.listHeading', { count: data?.parts.totalCount ?? 0 })}</h2>
      {loading && !data && <Loading />}
      <ErrorMessage error={error} />
      {data && parts.length === 0 && <Empty>{t('designer.parts.empty')}</Empty>}
      {parts.length > 0 && (
        <div className="table-scroll">
          <table className="table" data-testid="parts-table">
            <thead>
              <tr>
                <th scope="col">{t('designer.parts.colName')}</th>
                <th scope="col">{t('designer.parts.colFile')}</th>
                <th scope="col">{t('designer.parts.colStatus')}</th>
                <th scope="col">{t('designer.parts.colSize')}</th>
                <th scope="col" className="num">{t('designer.parts.colTriangles')}</th>
                <th scope="col" className="num">{t('designer.parts.colFindings')}</th>
              </tr>
            </thead>
            <tbody>
              {parts.map((part) => {
                const revision = part.currentRevision;
                const analysis = revision?.analysis;
                return (
                  <tr key={part.id}>
                    <td>
                      <Link to={`/designer/parts/${part.id}`} aria-label={t('designer.parts.open', { name: part.name })}>{part.name}</Link>
                    </td>
                    <td>{revision?.fileName}</td>
                    <td>{revision && <StatusBadge status={revision.status} />}</td>
                    <td>{analysis ? analysis.bbox.size.map((v) => number(v, 1)).join(' × ') : '—'}</td>
                    <td className="num">{analysis ? number(analysis.triangles, 0) : '—'}</td>
                    <td className="num">{analysis ? analysis.findings.length : '—'}</td>
                  </tr>
                );
              })}
            </tbody>
          </table>
        </div>
      )}
      {data?.parts.pageInfo.hasNextPage && (
        <button type="button" onClick={() => void fetchMore({ variables: { after: data.parts.pageInfo.endCursor }, updateQuery: (previous, { fetchMoreResult }) => ({ parts: { ...fetchMoreResult.parts, edges: [...previous.parts.edges, ...fetchMoreResult.parts.edges] } }) })}>
          {t('designer.parts.loadMore')}
        </button>
      )}
    </section>
  );
}
