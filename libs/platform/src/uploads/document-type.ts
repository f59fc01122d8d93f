import type { ObjectStorage } from '../storage';

/** The document and image types evidence and certificates may be: recognised by their first bytes, never by name. */
export type DocumentType = 'application/pdf' | 'image/png' | 'image/jpeg';

const DOCUMENT_SIGNATURES: ReadonlyArray<{ type: DocumentType; bytes: number[] }> = [
  { type: 'application/pdf', bytes: [0x25, 0x50, 0x44, 0x46] },
  { type: 'image/png', bytes: [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a] },
  { type: 'image/jpeg', bytes: [0xff, 0xd8, 0xff] },
];

/** The type of a stored object from its first bytes, or null when it is none of the document types. */
export async function sniffDocumentType(storage: ObjectStorage, key: string): Promise<DocumentType | null> {
  const stream = await storage.get(key);
  const head = await new Promise<Buffer>((resolve, reject) => {
    stream.once('data', (chunk: Buffer) => {
      resolve(chunk);
      stream.destroy();
    });
    stream.once('error', reject);
    stream.once('end', () => resolve(Buffer.alloc(0)));
  });
  return DOCUMENT_SIGNATURES.find((signature) => signature.bytes.every((byte, i) => head[i] === byte))?.type ?? null;
}
