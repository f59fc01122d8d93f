import { useMutation, useQuery } from '@apollo/client/react';
import { useState, type FormEvent } from 'react';
import { Link, useParams } from 'react-router';
import { postFile } from '../../../api/authorizedFiles';
import { describeError, describeErrorResult, isErrorResult } from '../../../api/errors';
import { StatusBadge } from '../../../components/Feedback';
import { ErrorMessage, Loading } from '../../../components/Feedback';
import { EvidenceFiles } from '../../../components/EvidenceFiles';
import { MessageThread } from '../../../components/MessageThread';
import { DisputeSummary } from '../../../components/DisputeSummary';
import { JobLineEvidenceDocument, RespondToDisputeDocument, type InspectionEvidenceKind } from '../../../gql/graphql';
import { useI18n } from '../../../i18n/i18n';
import { checkEvidenceFile, PHOTO_TYPES, REPORT_TYPES } from './evidenceFiles';

const KINDS: InspectionEvidenceKind[] = ['inspection_record', 'cmm_report', 'first_article_as9102'];

/** One awarded job line: milestone photos, the inspection report, its dispute (the factory's side) and the thread with the designer. */
export function JobEvidencePage() {
  const { jobLineId = '' } = useParams();
  const { t, date } = useI18n();
  const { data, loading, error, refetch } = useQuery(JobLineEvidenceDocument, { variables: { jobLineId }, fetchPolicy: 'cache-and-network' });
  const progress = data?.jobLineProgress;
  const [failure, setFailure] = useState<string | null>(null);
  const [busy, setBusy] = useState<string | null>(null);
  const upload = async (key: string, path: string, file: File | undefined, allowed: readonly string[], fields: Record<string, string> = {}) => {
    if (!file) return;
    const problem = checkEvidenceFile(file, allowed);
    if (problem) return setFailure(t(`evidence.problems.${problem}`));
    setFailure(null);
    setBusy(key);
    try {
      await postFile(path, file, fields);
      await refetch();
    } catch (caught) {
      setFailure(describeError(t, caught));
    } finally {
      setBusy(null);
    }
  };
  if (loading && !data) return <Loading />;
  if (error || !progress) return <ErrorMessage error={error} />;
  const reports = progress.files.filter((file) => file.purpose === 'inspection_report');
  const uploadReport = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    const form = new FormData(event.currentTarget);
    const file = form.get('file');
    void upload('report', `/production/job-lines/${encodeURIComponent(jobLineId)}/inspection-evidence`, file instanceof File && file.size > 0 ? file : undefined, REPORT_TYPES, { kind: String(form.get('kind') ?? 'inspection_record') });
  };
  return (
    <section>
      <p><Link to="/factory/production">{t('evidence.production.back')}</Link></p>
      <h1>{t('evidence.production.jobId', { id: jobLineId.slice(0, 8) })} <StatusBadge status={progress.status} /></h1>
      <p className="muted">
        {t('evidence.production.summary', { due: date(progress.dueDate), inspection: progress.inspectionLevel })}
        {progress.shipment && ` · ${t('evidence.production.shipped', { carrier: progress.shipment.carrier, tracking: progress.shipment.trackingNumber })}`}
      </p>
      <ErrorMessage>{failure}</ErrorMessage>
      <h2>{t('evidence.production.milestones')}</h2>
      {progress.milestones.length === 0 && <p className="muted">{t('evidence.production.noMilestones')}</p>}
      <ul className="cards">
        {progress.milestones.map((milestone) => (
          <li key={milestone.id} className="card">
            <div className="card-head">
              <strong>{t(`evidence.milestone.${milestone.kind}`)}</strong>
              <span className="muted small">{date(milestone.createdAt, true)}</span>
            </div>
            {milestone.note && <p>{milestone.note}</p>}
            <EvidenceFiles files={milestone.photos} emptyText={t('evidence.production.noPhotos')} />
            <label className="inline">
              {busy === milestone.id ? t('factoryWorkspace.application.uploading') : t('evidence.production.addPhoto')}
              <input type="file" accept={PHOTO_TYPES.join(',')} disabled={busy !== null} onChange={(event) => void upload(milestone.id, `/production/job-lines/${encodeURIComponent(jobLineId)}/milestones/${encodeURIComponent(milestone.id)}/photos`, event.target.files?.[0], PHOTO_TYPES)} />
            </label>
          </li>
        ))}
      </ul>
      <h2>{t('evidence.production.inspection')}</h2>
      <p>{progress.requiredInspectionReport ? t('evidence.production.reportRequired', { kind: t(`evidence.inspectionKind.${progress.requiredInspectionReport}`) }) : t('evidence.production.reportOptional')}</p>
      <EvidenceFiles files={reports} emptyText={t('evidence.production.noReports')} />
      <form className="inline-form" onSubmit={uploadReport}>
        <label>
          {t('evidence.production.reportKind')}
          <select name="kind" defaultValue={progress.requiredInspectionReport ?? 'inspection_record'}>
            {KINDS.map((kind) => <option key={kind} value={kind}>{t(`evidence.inspectionKind.${kind}`)}</option>)}
          </select>
        </label>
        <label>
          {t('evidence.production.reportFile')}
          <input type="file" name="file" accept={REPORT_TYPES.join(',')} />
        </label>
        <button type="submit" disabled={busy !== null}>{busy === 'report' ? t('factoryWorkspace.application.uploading') : t('evidence.production.uploadReport')}</button>
      </form>
      {progress.dispute && (
        <section className="panel" aria-labelledby="dispute-title">
          <h2 id="dispute-title">{t('evidence.dispute.title')}</h2>
          <DisputeSummary dispute={progress.dispute} currency={null} />
          {!progress.dispute.resolution && (
            <>
              {!progress.dispute.factoryResponse && <RespondForm disputeId={progress.dispute.id} onDone={() => void refetch()} />}
              <label className="inline">
                {busy === 'dispute' ? t('factoryWorkspace.application.uploading') : t('evidence.dispute.addEvidence')}
                <input type="file" accept={REPORT_TYPES.join(',')} disabled={busy !== null} onChange={(event) => void upload('dispute', `/production/disputes/${encodeURIComponent(progress.dispute!.id)}/evidence`, event.target.files?.[0], REPORT_TYPES)} />
              </label>
            </>
          )}
        </section>
      )}
      <MessageThread jobLineId={jobLineId} />
    </section>
  );
}

function RespondForm({ disputeId, onDone }: { disputeId: string; onDone(): void }) {
  const { t } = useI18n();
  const [respond, { loading }] = useMutation(RespondToDisputeDocument);
  const [failure, setFailure] = useState<string | null>(null);
  const submit = async (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    const response = String(new FormData(event.currentTarget).get('response') ?? '').trim();
    if (!response) return setFailure(t('evidence.dispute.responseNeeded'));
    try {
      const result = (await respond({ variables: { disputeId, response } })).data!.respondToDispute;
      if (isErrorResult(result)) return setFailure(describeErrorResult(t, result));
      onDone();
    } catch (caught) {
      setFailure(describeError(t, caught));
    }
  };
  return (
    <form className="form" onSubmit={submit}>
      <label>
        {t('evidence.dispute.yourResponse')}
        <textarea name="response" rows={3} maxLength={4000} />
      </label>
      <div><button type="submit" className="primary" disabled={loading}>{t('evidence.dispute.sendResponse')}</button></div>
      <ErrorMessage>{failure}</ErrorMessage>
    </form>
  );
}
