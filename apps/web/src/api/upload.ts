import { freshAccessToken } from './apollo';

export interface UploadedPart {
  partId: string;
  name: string;
  revisionId: string;
  revision: number;
  status: string;
  sizeBytes: number;
  reusedAnalysis: boolean;
}

/** Why the API refused an upload: HTTP status (0 = no answer) and the API's `{ error: { code, message } }`. */
export interface UploadProblem {
  status: number;
  code?: string;
  message?: string;
}

/**
 * POST /parts/upload as multipart with XMLHttpRequest, because fetch cannot report upload progress.
 * `onProgress` gets 0–1 as the bytes leave the browser.
 */
export async function uploadPart(file: File, onProgress: (fraction: number) => void, signal?: AbortSignal): Promise<UploadedPart> {
  const token = await freshAccessToken();
  return new Promise((resolve, reject) => {
    const xhr = new XMLHttpRequest();
    xhr.open('POST', '/parts/upload');
    if (token) xhr.setRequestHeader('authorization', `Bearer ${token}`);
    xhr.responseType = 'json';
    xhr.upload.onprogress = (event) => {
      if (event.lengthComputable) onProgress(event.loaded / event.total);
    };
    xhr.onload = () => {
      if (xhr.status === 201) {
        onProgress(1);
        resolve(xhr.response as UploadedPart);
      } else {
        const body = (xhr.response ?? {}) as { error?: { code?: string; message?: string } };
        reject({ status: xhr.status, code: body.error?.code, message: body.error?.message ?? xhr.statusText } satisfies UploadProblem);
      }
    };
    xhr.onerror = () => reject({ status: 0 } satisfies UploadProblem);
    xhr.onabort = () => reject({ status: 0, code: 'ABORTED' } satisfies UploadProblem);
    signal?.addEventListener('abort', () => xhr.abort());
    const form = new FormData();
    form.append('name', file.name.replace(/\.[^.]+$/, ''));
    form.append('file', file, file.name);
    xhr.send(form);
  });
}
