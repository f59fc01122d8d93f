import { freshAccessToken } from './apollo';
import type { UploadProblem } from './upload';

/** POST a file as multipart/form-data (field "file", plus any text fields) with the bearer token; the API's JSON answer. */
export async function postFile<T = unknown>(path: string, file: File, fields: Record<string, string> = {}): Promise<T> {
  const token = await freshAccessToken();
  const form = new FormData();
  for (const [name, value] of Object.entries(fields)) form.append(name, value);
  form.append('file', file, file.name);
  let response: Response;
  try {
    response = await fetch(path, { method: 'POST', headers: token ? { authorization: `Bearer ${token}` } : {}, body: form });
  } catch {
    throw { status: 0 } satisfies UploadProblem;
  }
  const body = (await response.json().catch(() => ({}))) as { error?: { code?: string; message?: string }; message?: string };
  if (!response.ok) throw { status: response.status, code: body.error?.code, message: body.error?.message ?? body.message ?? response.statusText } satisfies UploadProblem;
  return body as T;
}

/** GET a protected file with the bearer token, typed as `contentType` so the page can show it. */
export async function fetchFile(path: string, contentType: string): Promise<Blob> {
  const token = await freshAccessToken();
  let response: Response;
  try {
    response = await fetch(path, { headers: token ? { authorization: `Bearer ${token}` } : {} });
  } catch {
    throw { status: 0 } satisfies UploadProblem;
  }
  if (!response.ok) throw { status: response.status, message: response.statusText } satisfies UploadProblem;
  return new Blob([await response.arrayBuffer()], { type: contentType });
}

const TYPES: Record<string, string> = { pdf: 'application/pdf', png: 'image/png', jpg: 'image/jpeg', jpeg: 'image/jpeg' };

/** A document's type from its file name (certificate documents are served as octet-stream attachments). */
export function typeFromName(fileName: string): string | null {
  const extension = /\.([a-z0-9]+)$/i.exec(fileName)?.[1]?.toLowerCase() ?? '';
  return TYPES[extension] ?? null;
}
