import { useMutation } from '@apollo/client/react';
import { useState } from 'react';
import { useResultAction } from '../../../api/result-action';
import { ErrorMessage } from '../../../components/Feedback';
import { AcceptNdaDocument, CadDownloadLinkDocument } from '../../../gql/graphql';
import { useI18n } from '../../../i18n/i18n';

const TERMS = ['use', 'share', 'protect', 'record'] as const;

/** Starts a download of a URL the browser may fetch without our bearer token (the signed link carries its own proof). */
function startDownload(url: string) {
  const anchor = document.createElement('a');
  anchor.href = url;
  anchor.download = '';
  anchor.rel = 'noopener';
  document.body.append(anchor);
  anchor.click();
  anchor.remove();
}

/** The awarded factory: accept the NDA (once), then download the original through a short-lived signed link. */
export function NdaDownload({ jobLineId, award, onChange }: { jobLineId: string; award: { ndaAcceptedAt?: string | null; ndaVersion?: string | null }; onChange: () => unknown }) {
  const { t, date } = useI18n();
  const [acceptNda, accepting] = useMutation(AcceptNdaDocument);
  const [getLink, linking] = useMutation(CadDownloadLinkDocument);
  const [expiresAt, setExpiresAt] = useState<string | null>(null);
  const nda = useResultAction(onChange);
  const download = useResultAction(() => undefined);
  const fetchAndDownload = () =>
    download.run(async () => {
      const result = (await getLink({ variables: { jobLineId } })).data?.cadDownloadLink;
      if (result?.__typename === 'CadDownloadLink') {
        setExpiresAt(result.expiresAt);
        startDownload(result.url);
      }
      return result;
    });
  return (
    <section className="panel" aria-labelledby="nda-heading" data-testid="nda-panel" data-accepted={!!award.ndaAcceptedAt}>
      <h2 id="nda-heading">{t('collaboration.nda.title')}</h2>
      {!award.ndaAcceptedAt ? (
        <>
          <p>{t('collaboration.nda.intro')}</p>
          <div className="nda-terms" aria-labelledby="nda-terms-heading">
            <h3 id="nda-terms-heading">{t('collaboration.nda.terms.heading')}</h3>
            <ol>
              {TERMS.map((term) => <li key={term}>{t(`collaboration.nda.terms.${term}`)}</li>)}
            </ol>
          </div>
          <p>
            <button type="button" className="primary" disabled={accepting.loading} onClick={() => void nda.run(async () => (await acceptNda({ variables: { jobLineId } })).data?.acceptNda)}>
              {accepting.loading ? t('collaboration.nda.accepting') : t('collaboration.nda.accept')}
            </button>
          </p>
          <ErrorMessage>{nda.problem}</ErrorMessage>
        </>
      ) : (
        <>
          <p className="ok" data-testid="nda-accepted">{t('collaboration.nda.accepted', { version: award.ndaVersion ?? '', date: date(award.ndaAcceptedAt, true) })}</p>
          <p>
            <button type="button" className="primary" disabled={linking.loading} onClick={() => void fetchAndDownload()}>
              {linking.loading ? t('collaboration.nda.preparing') : expiresAt ? t('collaboration.nda.again') : t('collaboration.nda.download')}
            </button>
          </p>
          {expiresAt && <p className="muted small" role="status" data-testid="download-started">{t('collaboration.nda.linkReady', { time: date(expiresAt, true) })}</p>}
          <ErrorMessage>{download.problem}</ErrorMessage>
        </>
      )}
    </section>
  );
}
