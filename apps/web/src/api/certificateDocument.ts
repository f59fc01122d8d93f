import { freshAccessToken } from './apollo';
import type { UploadProblem } from './upload';

/** POST /factories/certificates/:id/document (multipart field "file": PDF, PNG or JPEG). */
export async function uploadCertificateDocument(certificateId: string, file: File): Promise<void> {
  const token = await freshAccessToken();
  const form = new FormData();
  form.append('file', file, file.name);
  let response: Response;
  try {
    response = await fetch(`/factories/certificates/${encodeURIComponent(certificateId)}/document`, {
      method: 'POST',
      headers: token ? { authorization: `Bearer ${token}` } : {},
      body: form,
    });
  } catch {
    throw { status: 0 } satisfies UploadProblem;
  }
  if (!response.ok) {
    const body = (await response.json().catch(() => ({}))) as { error?: { code?: string; message?: string }; message?: string };
    throw { status: response.status, code: body.error?.code, message: body.error?.message ?? body.message ?? response.statusText } satisfies UploadProblem;
  }
}

const TYPES: Record<string, string> = { pdf: 'application/pdf', png: 'image/png', jpg: 'image/jpeg', jpeg: 'image/jpeg' };

/** The document's type from its file name (the API serves every document as an attachment of octet-stream). */
export function documentType(fileName: string): string | null {
  const extension = /\.([a-z0-9]+)$/i.exec(fileName)?.[1]?.toLowerCase() ?? '';
  return TYPES[extension] ?? null;
}

/** Downloads a certificate document with the bearer token and returns it typed, to show in the page. */
export async function fetchCertificateDocument(downloadPath: string, fileName: string): Promise<Blob> {
  const token = await freshAccessToken();
  const response = await fetch(downloadPath, { headers: token ? { authorization: `Bearer ${token}` } : {} });
  if (!response.ok) throw { status: response.status, message: response.statusText } satisfies UploadProblem;
  const bytes = await response.arrayBuffer();
  return new Blob([bytes], { type: documentType(fileName) ?? 'application/octet-stream' });
}
