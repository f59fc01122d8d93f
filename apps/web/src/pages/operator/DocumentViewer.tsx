import { useEffect, useState } from 'react';
import { documentType, fetchCertificateDocument } from '../../api/certificateDocument';
import { describeError } from '../../api/errors';
import { ErrorMessage, Loading } from '../../components/Feedback';
import { useI18n } from '../../i18n/i18n';

/** Shows a certificate's document in the page (PDF in a frame, images as images), fetched with the operator's token. */
export function DocumentViewer({ downloadPath, fileName, title }: { downloadPath: string; fileName: string; title: string }) {
  const { t } = useI18n();
  const [url, setUrl] = useState<string | null>(null);
  const [failure, setFailure] = useState<string | null>(null);
  useEffect(() => {
    let objectUrl: string | null = null;
    let cancelled = false;
    setUrl(null);
    setFailure(null);
    fetchCertificateDocument(downloadPath, fileName)
      .then((blob) => {
        if (cancelled) return;
        objectUrl = URL.createObjectURL(blob);
        setUrl(objectUrl);
      })
      .catch((error: unknown) => !cancelled && setFailure(describeError(t, error)));
    return () => {
      cancelled = true;
      if (objectUrl) URL.revokeObjectURL(objectUrl);
    };
  }, [downloadPath, fileName, t]);
  const type = documentType(fileName);
  if (failure) return <ErrorMessage>{t('operatorConsole.certificates.documentFailed', { message: failure })}</ErrorMessage>;
  if (!url) return <Loading />;
  return (
    <figure className="document">
      {type === 'application/pdf' ? (
        <iframe className="document-frame" src={url} title={title} />
      ) : type ? (
        <img className="document-image" src={url} alt={title} />
      ) : (
        <p>{t('operatorConsole.certificates.cannotShow')}</p>
      )}
      <figcaption>
        <a href={url} download={fileName}>{t('operatorConsole.certificates.download', { name: fileName })}</a>
      </figcaption>
    </figure>
  );
}
