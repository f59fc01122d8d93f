import { useEffect, useState } from 'react';
import { describeError } from '../api/errors';
import { fetchFile } from '../api/authorizedFiles';
import { useI18n } from '../i18n/i18n';
import { ErrorMessage, Loading } from './Feedback';

/** Shows a protected document in the page (PDF in a frame, images as images), fetched with the user's token. */
export function DocumentViewer({ downloadPath, fileName, contentType, title }: { downloadPath: string; fileName: string; contentType: string | null; title: string }) {
  const { t } = useI18n();
  const [url, setUrl] = useState<string | null>(null);
  const [failure, setFailure] = useState<string | null>(null);
  useEffect(() => {
    let objectUrl: string | null = null;
    let cancelled = false;
    setUrl(null);
    setFailure(null);
    fetchFile(downloadPath, contentType ?? 'application/octet-stream')
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
  }, [downloadPath, contentType, t]);
  if (failure) return <ErrorMessage>{t('operatorConsole.certificates.documentFailed', { message: failure })}</ErrorMessage>;
  if (!url) return <Loading />;
  return (
    <figure className="document">
      {contentType === 'application/pdf' ? (
        <iframe className="document-frame" src={url} title={title} />
      ) : contentType?.startsWith('image/') ? (
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
