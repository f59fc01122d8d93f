/** POSTs one file the way a browser form does (multipart/form-data, field "file", plus other fields). */
export async function postFile(
  url: string,
  token: string | undefined,
  fileName: string,
  bytes: Buffer | string,
  fields: Record<string, string> = {},
): Promise<{ status: number; body: any }> {
  const form = new FormData();
  for (const [name, value] of Object.entries(fields)) form.append(name, value);
  form.append('file', new Blob([new Uint8Array(typeof bytes === 'string' ? Buffer.from(bytes) : bytes)]), fileName);
  const response = await fetch(url, {
    method: 'POST',
    body: form,
    headers: token ? { authorization: `Bearer ${token}` } : {},
  });
  const text = await response.text();
  return { status: response.status, body: text ? JSON.parse(text) : null };
}

/** Uploads a part (POST /parts/upload). */
export function uploadPart(baseUrl: string, token: string | undefined, fileName: string, bytes: Buffer | string, fields: Record<string, string> = {}) {
  return postFile(`${baseUrl}/parts/upload`, token, fileName, bytes, fields);
}
