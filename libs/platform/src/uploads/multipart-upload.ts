import { createHash, randomBytes } from 'node:crypto';
import { PassThrough, Transform, type TransformCallback } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import busboy from 'busboy';
import type { Request } from 'express';
import { DomainError, InvalidInputError } from '../errors';
import type { ObjectStorage } from '../storage';

export class UploadTooLargeError extends DomainError {
  readonly code = 'PAYLOAD_TOO_LARGE';
}

export interface ReceivedFile {
  /** The name the client gave (path stripped). */
  fileName: string;
  sha256: string;
  sizeBytes: number;
  /** Where the bytes now are (a temporary key: move or keep it, then settle). */
  storageKey: string;
  /** Other (non-file) form fields. */
  fields: Record<string, string>;
}

/** Counts and hashes bytes as they pass; aborts past the cap. */
class MeteredStream extends Transform {
  readonly hash = createHash('sha256');
  bytes = 0;
  constructor(private readonly maxBytes: number) {
    super();
  }
  override _transform(chunk: Buffer, _encoding: BufferEncoding, done: TransformCallback) {
    this.bytes += chunk.length;
    if (this.bytes > this.maxBytes) {
      done(new UploadTooLargeError(`The file is larger than the ${formatBytes(this.maxBytes)} upload limit`));
      return;
    }
    this.hash.update(chunk);
    done(null, chunk);
  }
}

export function formatBytes(bytes: number): string {
  return bytes >= 1024 ** 2 ? `${Math.round(bytes / 1024 ** 2)} MB` : `${Math.round(bytes / 1024)} KB`;
}

/**
 * Streams the one file of a multipart/form-data request (field `file`) into storage under
 * `<keyPrefix>/incoming/<random>`, hashing and counting as it goes; nothing is buffered whole in memory.
 * Refuses a missing file, a second file, or more than `maxBytes` (the partial object is deleted).
 */
export async function receiveSingleFile(req: Request, storage: ObjectStorage, options: { maxBytes: number; keyPrefix: string }): Promise<ReceivedFile> {
  if (!req.headers['content-type']?.startsWith('multipart/form-data')) {
    throw new InvalidInputError('Send the file as multipart/form-data with a field named "file"');
  }
  const parser = busboy({ headers: req.headers, limits: { files: 1, fields: 20, fieldSize: 10_000, parts: 25 } });
  const fields: Record<string, string> = {};
  const storageKey = `${options.keyPrefix}/incoming/${randomBytes(12).toString('hex')}`;

  const received = new Promise<ReceivedFile>((resolve, reject) => {
    let fileSeen = false;
    let pending: Promise<void> | undefined;
    let fileName = '';
    let meter: MeteredStream | undefined;
    parser.on('field', (name, value) => (fields[name] = value));
    parser.on('file', (name, stream, info) => {
      if (name !== 'file' || fileSeen) {
        stream.resume();
        return;
      }
      fileSeen = true;
      fileName = (info.filename ?? 'upload').split(/[\\/]/).pop()!.slice(0, 255) || 'upload';
      meter = new MeteredStream(options.maxBytes);
      const body = new PassThrough();
      pending = Promise.all([pipeline(stream, meter, body), storage.put(storageKey, body)]).then(() => undefined);
      pending.catch((error) => {
        stream.resume();
        reject(error);
      });
    });
    parser.on('filesLimit', () => reject(new InvalidInputError('Upload one file per request')));
    parser.on('error', (error: Error) => reject(new InvalidInputError(`The upload could not be read: ${error.message}`)));
    parser.on('close', () => {
      if (!fileSeen || !pending || !meter) {
        reject(new InvalidInputError('No file received: send it in a form field named "file"'));
        return;
      }
      const finishedMeter = meter;
      pending.then(
        () => resolve({ fileName, sha256: finishedMeter.hash.digest('hex'), sizeBytes: finishedMeter.bytes, storageKey, fields }),
        reject,
      );
    });
  });
  req.pipe(parser);
  try {
    const file = await received;
    if (file.sizeBytes === 0) throw new InvalidInputError(`${file.fileName} is empty`);
    return file;
  } catch (error) {
    req.unpipe(parser);
    req.resume(); // drain what the client is still sending so it gets our answer
    await storage.delete(storageKey).catch(() => undefined);
    throw error;
  }
}
