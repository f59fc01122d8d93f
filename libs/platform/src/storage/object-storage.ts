import type { Readable } from 'node:stream';

export interface StoredObject {
  key: string;
  sizeBytes: number;
}

/**
 * Where files (CAD uploads, previews, certificates, inspection evidence) live. Keys are paths such as
 * `parts/<org>/<sha256>`; callers never see the backend. Adapters: local disk (default) and S3-compatible.
 */
export interface ObjectStorage {
  /** Stores the stream under `key` (replacing nothing that is already complete: writes are atomic). */
  put(key: string, body: Readable | Buffer, options?: { contentType?: string }): Promise<StoredObject>;
  get(key: string): Promise<Readable>;
  read(key: string): Promise<Buffer>;
  exists(key: string): Promise<boolean>;
  delete(key: string): Promise<void>;
}

export const OBJECT_STORAGE = Symbol('OBJECT_STORAGE');

export class StorageKeyError extends Error {}

/** Keys are relative paths of safe segments; anything else (.., absolute paths, odd characters) is refused. */
export function assertSafeKey(key: string): void {
  if (!/^[A-Za-z0-9][A-Za-z0-9._-]*(\/[A-Za-z0-9][A-Za-z0-9._-]*)*$/.test(key) || key.length > 512) {
    throw new StorageKeyError(`"${key}" is not a valid storage key (relative path of letters, digits, ".", "_", "-")`);
  }
}
