import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createMailTransport, FileMailTransport, SmtpMailTransport } from './mail-transport';
import { loadConfig } from '../config';

describe('mail transports', () => {
  let dir: string;
  beforeEach(() => (dir = mkdtempSync(join(tmpdir(), 'partsmith-mail-'))));
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  it('writes each message as a parseable .eml file instead of sending it', async () => {
    const transport = new FileMailTransport(join(dir, 'mail'), 'Partsmith <no-reply@partsmith.test>');
    await transport.send({ to: 'ada@example.test', subject: 'Your part is analysed', text: 'Line one.\nLine two: http://x/parts/1\n', messageKey: 'notification:abc' });
    const files = readdirSync(join(dir, 'mail'));
    expect(files).toHaveLength(1);
    expect(files[0]).toMatch(/notification_abc\.eml$/);
    const raw = readFileSync(join(dir, 'mail', files[0]), 'utf8');
    const [head, ...rest] = raw.split('\r\n\r\n');
    const headers = Object.fromEntries(
      head
        .replace(/\r\n[ \t]+/g, ' ')
        .split('\r\n')
        .map((line) => [line.slice(0, line.indexOf(':')).toLowerCase(), line.slice(line.indexOf(':') + 1).trim()]),
    );
    expect(headers.from).toBe('Partsmith <no-reply@partsmith.test>');
    expect(headers.to).toBe('ada@example.test');
    expect(headers['message-id']).toMatch(/^<[A-Za-z0-9_-]+@partsmith\.test>$/);
    expect(headers['mime-version']).toBe('1.0');
    expect(headers.subject).toBe('Your part is analysed');
    const body = rest.join('\r\n\r\n');
    expect(body).toContain('Line two: http://x/parts/1');
  });

  it('is chosen by config: SMTP when SMTP_URL is set, files under DATA_DIR/mail otherwise', () => {
    const base = { DATABASE_URL: 'postgres://x/y', REDIS_URL: 'redis://x', JWT_SECRET: 'x'.repeat(32), DATA_DIR: dir };
    const file = createMailTransport(loadConfig(base));
    expect(file).toBeInstanceOf(FileMailTransport);
    expect((file as FileMailTransport).dir).toBe(join(dir, 'mail'));
    expect(createMailTransport(loadConfig({ ...base, SMTP_URL: 'smtp://user:pw@127.0.0.1:2525' }))).toBeInstanceOf(SmtpMailTransport);
  });
});
