import { useMutation, useQuery } from '@apollo/client/react';
import { useState, type FormEvent } from 'react';
import { describeError, describeErrorResult, isErrorResult } from '../../api/errors';
import { Empty, ErrorMessage, Loading } from '../../components/Feedback';
import { useCertificateName } from '../../components/NetworkLabels';
import { CertificatesAwaitingReviewDocument, FactorySummaryDocument, ModerationCountsDocument, RejectCertificateDocument, VerifyCertificateDocument, type CertificatesAwaitingReviewQuery } from '../../gql/graphql';
import { useI18n } from '../../i18n/i18n';
import { typeFromName } from '../../api/authorizedFiles';
import { DocumentViewer } from '../../components/DocumentViewer';

type Pending = CertificatesAwaitingReviewQuery['certificatesAwaitingReview']['edges'][number]['node'];

/** Certificates waiting for an operator, oldest first, each with its document beside the decision. */
export function CertificatesPage() {
  const { t, date } = useI18n();
  const nameOf = useCertificateName();
  const { data, loading, error } = useQuery(CertificatesAwaitingReviewDocument, { variables: { first: 50 }, fetchPolicy: 'cache-and-network' });
  const [selectedId, setSelectedId] = useState<string | null>(null);
  const pending = data?.certificatesAwaitingReview.edges.map((edge) => edge.node) ?? [];
  const selected = pending.find((certificate) => certificate.id === selectedId) ?? pending[0];
  return (
    <section>
      <h1>{t('operatorConsole.certificates.title')}</h1>
      <p className="muted">{t('operatorConsole.certificates.intro')}</p>
      {loading && !data && <Loading />}
      <ErrorMessage error={error} />
      {data && pending.length === 0 && <Empty>{t('operatorConsole.certificates.empty')}</Empty>}
      {selected && (
        <div className="review-layout">
          <nav aria-label={t('operatorConsole.certificates.listLabel')}>
            <p className="muted">{t('operatorConsole.certificates.count', { count: data!.certificatesAwaitingReview.totalCount })}</p>
            <ul className="review-list">
              {pending.map((certificate) => (
                <li key={certificate.id}>
                  <button type="button" aria-current={certificate.id === selected.id} onClick={() => setSelectedId(certificate.id)}>
                    <strong>{nameOf(certificate)}</strong> · {certificate.issuer}
                    <br />
                    <span className="muted small">{t('operatorConsole.certificates.submitted', { date: date(certificate.createdAt, true) })}</span>
                  </button>
                </li>
              ))}
            </ul>
          </nav>
          <CertificateReview key={selected.id} certificate={selected} onDecided={() => setSelectedId(null)} />
        </div>
      )}
    </section>
  );
}

function CertificateReview({ certificate, onDecided }: { certificate: Pending; onDecided(): void }) {
  const { t, date } = useI18n();
  const nameOf = useCertificateName();
  const factory = useQuery(FactorySummaryDocument, { variables: { id: certificate.factoryId } });
  const refetchQueries = [CertificatesAwaitingReviewDocument, ModerationCountsDocument];
  const [verify, verifying] = useMutation(VerifyCertificateDocument, { refetchQueries, awaitRefetchQueries: true });
  const [reject, rejecting] = useMutation(RejectCertificateDocument, { refetchQueries, awaitRefetchQueries: true });
  const [failure, setFailure] = useState<string | null>(null);
  const expired = certificate.validUntil < new Date().toISOString().slice(0, 10);
  const decide = async (form: HTMLFormElement | null, outcome: 'verify' | 'reject') => {
    if (!form) return;
    const note = String(new FormData(form).get('note') ?? '').trim();
    if (outcome === 'reject' && !note) return setFailure(t('operatorConsole.certificates.noteNeeded'));
    setFailure(null);
    try {
      const result = outcome === 'verify' ? (await verify({ variables: { id: certificate.id, note: note || null } })).data!.verifyCertificate : (await reject({ variables: { id: certificate.id, note } })).data!.rejectCertificate;
      if (isErrorResult(result)) return setFailure(describeErrorResult(t, result));
      onDecided();
    } catch (error) {
      setFailure(describeError(t, error));
    }
  };
  const title = nameOf(certificate);
  return (
    <article aria-labelledby="certificate-title">
      <h2 id="certificate-title">{title}</h2>
      <dl className="metrics">
        <dt>{t('operatorConsole.certificates.factory')}</dt>
        <dd>{factory.data ? `${factory.data.factory.legalName} (${factory.data.factory.country})` : certificate.factoryId.slice(0, 8)}</dd>
        <dt>{t('operatorConsole.certificates.number')}</dt>
        <dd>{certificate.number}</dd>
        <dt>{t('operatorConsole.certificates.issuer')}</dt>
        <dd>{certificate.issuer}</dd>
        <dt>{t('operatorConsole.certificates.validity')}</dt>
        <dd>
          {date(certificate.validFrom)} – {date(certificate.validUntil)}
          {expired && <strong className="error"> {t('operatorConsole.certificates.expired')}</strong>}
        </dd>
        <dt>{t('operatorConsole.certificates.scope')}</dt>
        <dd>{certificate.scope}</dd>
      </dl>
      {certificate.document ? (
        <DocumentViewer downloadPath={certificate.document.downloadPath} fileName={certificate.document.fileName} contentType={typeFromName(certificate.document.fileName)} title={t('operatorConsole.certificates.documentOf', { name: title })} />
      ) : (
        <p className="error">{t('operatorConsole.certificates.noDocument')}</p>
      )}
      {certificate.document && <p className="muted small mono">sha256 {certificate.document.sha256}</p>}
      <form
        className="form panel"
        onSubmit={(event: FormEvent<HTMLFormElement>) => {
          event.preventDefault();
          void decide(event.currentTarget, 'verify');
        }}
      >
        <label>
          {t('operatorConsole.certificates.note')}
          <textarea name="note" rows={2} maxLength={2000} />
        </label>
        <div className="actions">
          <button type="submit" className="primary" disabled={verifying.loading || !certificate.document || expired}>{t('operatorConsole.certificates.verify')}</button>
          <button type="button" className="danger" disabled={rejecting.loading} onClick={(event) => void decide(event.currentTarget.form, 'reject')}>
            {t('operatorConsole.certificates.reject')}
          </button>
        </div>
        <ErrorMessage>{failure}</ErrorMessage>
      </form>
    </article>
  );
}
