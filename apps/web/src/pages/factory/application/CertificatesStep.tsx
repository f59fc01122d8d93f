import { useApolloClient, useMutation } from '@apollo/client/react';
import { useRef, useState, type FormEvent } from 'react';
import { postFile } from '../../../api/authorizedFiles';
import { describeError, describeErrorResult, isErrorResult } from '../../../api/errors';
import { CertificateStatusBadge } from '../../../components/NetworkLabels';
import { Empty, ErrorMessage } from '../../../components/Feedback';
import { AddCertificateDocument, MyFactoryDocument, type CertificateFieldsFragment, type CertificateKind } from '../../../gql/graphql';
import { useI18n } from '../../../i18n/i18n';
import { Field } from './Field';
import { checkCertificate, emptyCertificate, type CertificateDraft, type Problems } from './applicationForm';

interface Props {
  certificates: CertificateFieldsFragment[];
  kinds: string[];
  readOnly: boolean;
  onBack(): void;
  onNext(): void;
}

export function CertificatesStep({ certificates, kinds, readOnly, onBack, onNext }: Props) {
  const { t, date } = useI18n();
  const [draft, setDraft] = useState<CertificateDraft>(emptyCertificate);
  const [problems, setProblems] = useState<Problems>({});
  const [failure, setFailure] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const fileInput = useRef<HTMLInputElement>(null);
  const client = useApolloClient();
  const [add] = useMutation(AddCertificateDocument);
  const submit = async (event: FormEvent) => {
    event.preventDefault();
    const file = fileInput.current?.files?.[0] ?? null;
    const checked = checkCertificate(draft, file);
    if (!file) checked.problems.document = 'required';
    setProblems(checked.problems);
    setFailure(null);
    if (!checked.input || !file) return;
    setBusy(true);
    try {
      const result = (await add({ variables: { input: checked.input } })).data!.addCertificate;
      if (isErrorResult(result)) return setFailure(describeErrorResult(t, result));
      if (result.__typename === 'Certificate') {
        try {
          await postFile(`/factories/certificates/${encodeURIComponent(result.id)}/document`, file);
        } finally {
          await client.refetchQueries({ include: [MyFactoryDocument] }); // the certificate exists even when its upload failed: it shows with an upload button
        }
        setDraft(emptyCertificate());
        if (fileInput.current) fileInput.current.value = '';
      }
    } catch (error) {
      setFailure(describeError(t, error));
    } finally {
      setBusy(false);
    }
  };
  const set = (field: keyof CertificateDraft) => (value: string) => setDraft({ ...draft, [field]: value });
  return (
    <section aria-labelledby="certificates-step">
      <h2 id="certificates-step">{t('factoryWorkspace.application.certificatesTitle')}</h2>
      <p className="muted">{t('factoryWorkspace.application.certificatesIntro')}</p>
      {certificates.length === 0 ? (
        <Empty>{t('factoryWorkspace.application.noCertificates')}</Empty>
      ) : (
        <ul className="cards">
          {certificates.map((certificate) => (
            <CertificateCard key={certificate.id} certificate={certificate} readOnly={readOnly} />
          ))}
        </ul>
      )}
      {!readOnly && (
        <form className="panel form" onSubmit={submit} noValidate aria-labelledby="add-certificate">
          <h3 id="add-certificate">{t('factoryWorkspace.application.addCertificate')}</h3>
          <div className="form-grid">
            <Field label={t('factoryWorkspace.application.certificateKind')} problem={problems.kind}>
              {(props) => (
                <select {...props} value={draft.kind} onChange={(event) => set('kind')(event.target.value as CertificateKind)}>
                  <option value="">{t('factoryWorkspace.application.chooseKind')}</option>
                  {kinds.map((kind) => <option key={kind} value={kind}>{t(`network.certificateKind.${kind as CertificateKind}`)}</option>)}
                </select>
              )}
            </Field>
            {draft.kind === 'other' && (
              <Field label={t('factoryWorkspace.application.certificateTitle')} problem={problems.title}>
                {(props) => <input {...props} value={draft.title} onChange={(event) => set('title')(event.target.value)} />}
              </Field>
            )}
            <Field label={t('factoryWorkspace.application.certificateNumber')} problem={problems.number}>
              {(props) => <input {...props} value={draft.number} onChange={(event) => set('number')(event.target.value)} />}
            </Field>
            <Field label={t('factoryWorkspace.application.issuer')} problem={problems.issuer}>
              {(props) => <input {...props} value={draft.issuer} onChange={(event) => set('issuer')(event.target.value)} />}
            </Field>
            <Field label={t('factoryWorkspace.application.validFrom')} problem={problems.validFrom}>
              {(props) => <input {...props} type="date" value={draft.validFrom} onChange={(event) => set('validFrom')(event.target.value)} />}
            </Field>
            <Field label={t('factoryWorkspace.application.validUntil')} problem={problems.validUntil}>
              {(props) => <input {...props} type="date" value={draft.validUntil} onChange={(event) => set('validUntil')(event.target.value)} />}
            </Field>
          </div>
          <Field label={t('factoryWorkspace.application.scope')} problem={problems.scope}>
            {(props) => <textarea {...props} rows={2} value={draft.scope} onChange={(event) => set('scope')(event.target.value)} />}
          </Field>
          <Field label={t('factoryWorkspace.application.document')} problem={problems.document} hint={t('factoryWorkspace.application.documentHint')}>
            {(props) => <input {...props} ref={fileInput} type="file" accept="application/pdf,image/png,image/jpeg" />}
          </Field>
          <ErrorMessage>{failure}</ErrorMessage>
          <div><button type="submit" disabled={busy}>{busy ? t('factoryWorkspace.application.uploading') : t('factoryWorkspace.application.addCertificate')}</button></div>
        </form>
      )}
      <div className="actions">
        <button type="button" onClick={onBack}>{t('common.back')}</button>
        <button type="button" className="primary" onClick={onNext}>{t('factoryWorkspace.application.next')}</button>
      </div>
    </section>
  );
}

function CertificateCard({ certificate, readOnly: locked }: { certificate: CertificateFieldsFragment; readOnly: boolean }) {
  const { t, date } = useI18n();
  const client = useApolloClient();
  const [replacing, setReplacing] = useState<string | null>(null);
  const [uploadFailure, setUploadFailure] = useState<string | null>(null);
  const replace = async (file: File | undefined) => {
    if (!file) return;
    const checked = checkCertificate({ ...emptyCertificate(), kind: certificate.kind, title: certificate.title ?? '', number: certificate.number, issuer: certificate.issuer, scope: certificate.scope, validFrom: certificate.validFrom, validUntil: certificate.validUntil }, file);
    if (checked.problems.document) return setUploadFailure(t(`factoryWorkspace.problems.${checked.problems.document}`));
    setReplacing(file.name);
    setUploadFailure(null);
    try {
      await postFile(`/factories/certificates/${encodeURIComponent(certificate.id)}/document`, file);
      await client.refetchQueries({ include: [MyFactoryDocument] });
    } catch (error) {
      setUploadFailure(describeError(t, error));
    } finally {
      setReplacing(null);
    }
  };
  const name = certificate.kind === 'other' && certificate.title ? certificate.title : t(`network.certificateKind.${certificate.kind}`);
  return (
    <li className="card">
      <div className="card-head">
        <strong>{name}</strong> <CertificateStatusBadge status={certificate.status} />
      </div>
      <p className="muted">{t('factoryWorkspace.application.certificateLine', { number: certificate.number, issuer: certificate.issuer, from: date(certificate.validFrom), until: date(certificate.validUntil) })}</p>
      <p>{certificate.document ? t('factoryWorkspace.application.documentAttached', { name: certificate.document.fileName }) : <span className="error">{t('factoryWorkspace.application.documentMissing')}</span>}</p>
      {certificate.decisionNote && <p>{t('factoryWorkspace.application.operatorNote', { note: certificate.decisionNote })}</p>}
      {!locked && (certificate.status === 'rejected' || !certificate.document || certificate.status === 'pending') && (
        <label className="inline">
          {replacing ? t('factoryWorkspace.application.uploadingName', { name: replacing }) : certificate.document ? t('factoryWorkspace.application.replaceDocument') : t('factoryWorkspace.application.uploadDocument')}
          <input type="file" accept="application/pdf,image/png,image/jpeg" disabled={!!replacing} onChange={(event) => void replace(event.target.files?.[0])} />
        </label>
      )}
      <ErrorMessage>{uploadFailure}</ErrorMessage>
    </li>
  );
}
