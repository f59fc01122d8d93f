import * as zlib from 'node:zlib';
import { GeometryParseError, formatBytes, formatCount } from '../geometry.errors';

export interface ZipLimits {
  /** Most entries the central directory may list. */
  maxEntries: number;
  /** Largest declared uncompressed size for one entry we inflate. */
  maxEntryBytes: number;
  /** Largest sum of uncompressed sizes over the entries we inflate. */
  maxTotalBytes: number;
}

export const DEFAULT_ZIP_LIMITS: ZipLimits = {
  maxEntries: 10_000,
  maxEntryBytes: 512 * 1024 * 1024,
  maxTotalBytes: 1024 * 1024 * 1024,
};

export interface ZipEntry {
  name: string;
  method: number;
  compressedSize: number;
  uncompressedSize: number;
  crc32: number;
  localHeaderOffset: number;
}

const EOCD_SIGNATURE = 0x06054b50;
const CENTRAL_SIGNATURE = 0x02014b50;
const LOCAL_SIGNATURE = 0x04034b50;
const STORED = 0;
const DEFLATE = 8;

function zipError(problem: string): never {
  throw new GeometryParseError('ZIP_INVALID', `The 3MF package is not a valid ZIP archive: ${problem}. Export the file again.`);
}

/**
 * Reads a ZIP archive's central directory and inflates entries on request. Only what a 3MF needs: stored and
 * deflated entries, no ZIP64, no encryption. Sizes are checked against limits before any inflating, and the
 * inflated output is capped and compared with the declared size, so a zip bomb costs at most the limits.
 */
export class ZipReader {
  readonly entries: ZipEntry[];
  private readonly byName = new Map<string, ZipEntry>();
  private inflatedTotal = 0;

  constructor(
    private readonly bytes: Uint8Array,
    private readonly limits: ZipLimits = DEFAULT_ZIP_LIMITS,
  ) {
    this.entries = this.readCentralDirectory();
    for (const entry of this.entries) this.byName.set(normalisePartName(entry.name), entry);
  }

  /** Looks an entry up by OPC part name: case-insensitive, with or without the leading slash. */
  find(partName: string): ZipEntry | undefined {
    return this.byName.get(normalisePartName(partName));
  }

  read(entry: ZipEntry): Uint8Array {
    const { limits } = this;
    if (entry.uncompressedSize > limits.maxEntryBytes) {
      throw new GeometryParseError(
        'ZIP_LIMIT_EXCEEDED',
        `The 3MF part "${entry.name}" unpacks to ${formatBytes(entry.uncompressedSize)}, more than the ${formatBytes(limits.maxEntryBytes)} allowed per part.`,
      );
    }
    if (this.inflatedTotal + entry.uncompressedSize > limits.maxTotalBytes) {
      throw new GeometryParseError(
        'ZIP_LIMIT_EXCEEDED',
        `The 3MF package unpacks to more than ${formatBytes(limits.maxTotalBytes)}, the most Partsmith reads from one upload.`,
      );
    }
    const view = new DataView(this.bytes.buffer, this.bytes.byteOffset, this.bytes.byteLength);
    const at = entry.localHeaderOffset;
    if (at + 30 > this.bytes.length || view.getUint32(at, true) !== LOCAL_SIGNATURE) zipError(`the local header of "${entry.name}" is missing`);
    const dataStart = at + 30 + view.getUint16(at + 26, true) + view.getUint16(at + 28, true);
    const dataEnd = dataStart + entry.compressedSize;
    if (dataEnd > this.bytes.length) zipError(`"${entry.name}" runs past the end of the file (truncated upload?)`);
    const raw = this.bytes.subarray(dataStart, dataEnd);
    let data: Uint8Array;
    if (entry.method === STORED) {
      data = raw;
    } else {
      try {
        // One byte more than declared: if zlib fills it, the declared size lied.
        data = zlib.inflateRawSync(raw, { maxOutputLength: entry.uncompressedSize + 1 });
      } catch (error) {
        const tooBig = error instanceof RangeError || (error as { code?: string }).code === 'ERR_BUFFER_TOO_LARGE';
        if (tooBig) {
          throw new GeometryParseError('ZIP_LIMIT_EXCEEDED', `The 3MF part "${entry.name}" unpacks to more than its declared ${formatBytes(entry.uncompressedSize)}; the archive is corrupt or malicious.`);
        }
        zipError(`"${entry.name}" does not inflate (${(error as Error).message})`);
      }
    }
    if (data.length !== entry.uncompressedSize) {
      zipError(`"${entry.name}" unpacks to ${formatCount(data.length)} bytes but declares ${formatCount(entry.uncompressedSize)}`);
    }
    if (zlib.crc32 && zlib.crc32(data) >>> 0 !== entry.crc32) zipError(`"${entry.name}" fails its CRC-32 check (corrupted download?)`);
    this.inflatedTotal += data.length;
    return data;
  }

  private readCentralDirectory(): ZipEntry[] {
    const bytes = this.bytes;
    const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
    const eocd = findEndOfCentralDirectory(bytes, view);
    const count = view.getUint16(eocd + 10, true);
    const directorySize = view.getUint32(eocd + 12, true);
    const directoryOffset = view.getUint32(eocd + 16, true);
    if (count === 0xffff || directoryOffset === 0xffffffff) {
      throw new GeometryParseError('ZIP_UNSUPPORTED', 'The 3MF package uses ZIP64, which Partsmith does not read; save it as a regular 3MF (under 4 GiB).');
    }
    if (count > this.limits.maxEntries) {
      throw new GeometryParseError('ZIP_LIMIT_EXCEEDED', `The 3MF package lists ${formatCount(count)} files, more than the ${formatCount(this.limits.maxEntries)} allowed.`);
    }
    if (directoryOffset + directorySize > eocd) zipError('the central directory points outside the file');
    const entries: ZipEntry[] = [];
    let p = directoryOffset;
    for (let i = 0; i < count; i++) {
      if (p + 46 > eocd || view.getUint32(p, true) !== CENTRAL_SIGNATURE) zipError(`central directory entry ${i + 1} is damaged`);
      const flags = view.getUint16(p + 8, true);
      const method = view.getUint16(p + 10, true);
      const nameLength = view.getUint16(p + 28, true);
      const extraLength = view.getUint16(p + 30, true);
      const commentLength = view.getUint16(p + 32, true);
      if (p + 46 + nameLength > eocd) zipError(`central directory entry ${i + 1} is damaged`);
      const name = Buffer.from(bytes.buffer, bytes.byteOffset + p + 46, nameLength).toString('utf8');
      const entry: ZipEntry = {
        name,
        method,
        crc32: view.getUint32(p + 16, true),
        compressedSize: view.getUint32(p + 20, true),
        uncompressedSize: view.getUint32(p + 24, true),
        localHeaderOffset: view.getUint32(p + 42, true),
      };
      if (flags & 0x1) throw new GeometryParseError('ZIP_UNSUPPORTED', `The 3MF part "${name}" is encrypted; upload an unencrypted file.`);
      if (method !== STORED && method !== DEFLATE) {
        throw new GeometryParseError('ZIP_UNSUPPORTED', `The 3MF part "${name}" uses ZIP compression method ${method}; only stored (0) and deflate (8) are allowed in 3MF.`);
      }
      if (entry.compressedSize === 0xffffffff || entry.uncompressedSize === 0xffffffff || entry.localHeaderOffset === 0xffffffff) {
        throw new GeometryParseError('ZIP_UNSUPPORTED', 'The 3MF package uses ZIP64, which Partsmith does not read; save it as a regular 3MF (under 4 GiB).');
      }
      if (method === STORED && entry.compressedSize !== entry.uncompressedSize) zipError(`stored part "${name}" declares two different sizes`);
      entries.push(entry);
      p += 46 + nameLength + extraLength + commentLength;
    }
    return entries;
  }
}

function findEndOfCentralDirectory(bytes: Uint8Array, view: DataView): number {
  if (bytes.length < 22) zipError('it is shorter than the smallest possible archive');
  const lowest = Math.max(0, bytes.length - 22 - 0xffff);
  for (let p = bytes.length - 22; p >= lowest; p--) {
    if (view.getUint32(p, true) === EOCD_SIGNATURE && p + 22 + view.getUint16(p + 20, true) <= bytes.length) return p;
  }
  return zipError('the end-of-central-directory record is missing (the download may be truncated)');
}

export function normalisePartName(name: string): string {
  return name.replace(/\\/g, '/').replace(/^\/+/, '').toLowerCase();
}
