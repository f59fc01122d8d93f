import { mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Readable } from 'node:stream';
import S3rver from 's3rver';
import { LocalDiskStorage } from './local-disk.storage';
import { StorageKeyError, type ObjectStorage } from './object-storage';
import { S3Storage } from './s3.storage';

function behavesAsStorage(name: string, make: () => Promise<{ storage: ObjectStorage; cleanup(): Promise<void> }>) {
  describe(name, () => {
    let storage: ObjectStorage;
    let cleanup: () => Promise<void>;
    beforeAll(async () => ({ storage, cleanup } = await make()));
    afterAll(async () => cleanup());

    it('stores a stream and a buffer and reads them back byte for byte', async () => {
      const bytes = Buffer.from(Array.from({ length: 300_000 }, (_, i) => i % 251));
      const stored = await storage.put('parts/org-1/abc', Readable.from([bytes.subarray(0, 100_000), bytes.subarray(100_000)]));
      expect(stored).toEqual({ key: 'parts/org-1/abc', sizeBytes: bytes.length });
      expect((await storage.read('parts/org-1/abc')).equals(bytes)).toBe(true);
      await storage.put('small/one.txt', Buffer.from('hello'));
      const chunks: Buffer[] = [];
      for await (const chunk of await storage.get('small/one.txt')) chunks.push(Buffer.from(chunk));
      expect(Buffer.concat(chunks).toString()).toBe('hello');
    });

    it('reports existence and deletes', async () => {
      await storage.put('gone/soon', Buffer.from('x'));
      expect(await storage.exists('gone/soon')).toBe(true);
      await storage.delete('gone/soon');
      expect(await storage.exists('gone/soon')).toBe(false);
      await expect(storage.read('gone/soon')).rejects.toThrow();
    });

    it('refuses keys that could escape the store', async () => {
      for (const key of ['../etc/passwd', '/abs', 'a//b', 'a/../b', '']) {
        await expect(storage.put(key, Buffer.from('x'))).rejects.toBeInstanceOf(StorageKeyError);
      }
    });
  });
}

behavesAsStorage('LocalDiskStorage', async () => {
  const root = mkdtempSync(join(tmpdir(), 'partsmith-storage-'));
  return {
    storage: new LocalDiskStorage(root),
    cleanup: async () => {
      expect(readdirSync(root, { recursive: true }).filter((f) => String(f).endsWith('.partial'))).toEqual([]); // no temp files left
      rmSync(root, { recursive: true, force: true });
    },
  };
});

behavesAsStorage('S3Storage against an S3-compatible server (s3rver)', async () => {
  const directory = mkdtempSync(join(tmpdir(), 'partsmith-s3-'));
  const server = new S3rver({ port: 0, address: '127.0.0.1', silent: true, directory, configureBuckets: [{ name: 'partsmith-test', configs: [] }] });
  const { port } = await server.run();
  const storage = new S3Storage({
    bucket: 'partsmith-test',
    region: 'us-east-1',
    endpoint: `http://127.0.0.1:${port}`,
    accessKeyId: 'S3RVER',
    secretAccessKey: 'S3RVER',
    forcePathStyle: true,
    prefix: 'tenant',
  });
  return {
    storage,
    cleanup: async () => {
      storage.destroy();
      await server.close();
      rmSync(directory, { recursive: true, force: true });
    },
  };
});
