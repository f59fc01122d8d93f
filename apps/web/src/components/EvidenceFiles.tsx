import { useState } from 'react';
import type { JobLineFileFieldsFragment } from '../gql/graphql';
import { useI18n } from '../i18n/i18n';
import { DocumentViewer } from './DocumentViewer';

/** A job line's files (milestone photos, inspection reports, dispute evidence): a list, each openable in the page. */
export function EvidenceFiles({ files, emptyText }: { files: JobLineFileFieldsFragment[]; emptyText: string }) {
  const { t, date, number } = useI18n();
  const [open, setOpen] = useState<string | null>(null);
  if (files.length === 0) return <p className="muted">{emptyText}</p>;
  const shown = files.find((file) => file.id === open);
  return (
    <div className="evidence">
      <ul className="file-list">
        {files.map((file) => (
          <li key={file.id}>
            <button type="button" className="link-button" aria-expanded={open === file.id} onClick={() => setOpen(open === file.id ? null : file.id)}>
              {file.fileName}
            </button>{' '}
            <span className="muted small">
              {t(`evidence.side.${file.uploaderSide === 'designer' ? 'designer' : 'factory'}`)} · {t(`evidence.purpose.${file.purpose}`)}
              {file.inspectionKind ? ` (${t(`evidence.inspectionKind.${file.inspectionKind}`)})` : ''} · {date(file.createdAt, true)} · {number(file.sizeBytes / 1024, 0)} kB
            </span>
          </li>
        ))}
      </ul>
      {shown && <DocumentViewer key={shown.id} downloadPath={shown.downloadPath} fileName={shown.fileName} contentType={shown.contentType} title={shown.fileName} />}
    </div>
  );
}
