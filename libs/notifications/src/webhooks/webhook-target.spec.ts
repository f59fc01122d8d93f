import { isPrivateAddress, resolvedTargetProblem, targetProblem } from './webhook-target';

const production = { refusePrivateTargets: true, allowedHosts: [] };
const development = { refusePrivateTargets: false, allowedHosts: [] };

describe('webhook targets', () => {
  it('accepts only http(s) URLs without credentials', () => {
    expect(targetProblem('https://hooks.example.com/partsmith', production)).toBeNull();
    expect(targetProblem('ftp://example.com/x', production)).toMatch(/https:\/\//);
    expect(targetProblem('not a url', production)).toMatch(/not a URL/);
    expect(targetProblem('https://user:pw@example.com/', production)).toMatch(/credentials/);
  });

  it('refuses loopback and private targets in production, unless allow-listed', () => {
    for (const url of ['http://127.0.0.1:8080/', 'http://localhost/', 'http://10.1.2.3/', 'http://192.168.1.1/', 'http://169.254.169.254/latest', 'http://[::1]/', 'http://[fd00::1]/']) {
      expect(targetProblem(url, production)).not.toBeNull();
    }
    expect(targetProblem('http://127.0.0.1:8080/', { refusePrivateTargets: true, allowedHosts: ['127.0.0.1'] })).toBeNull();
    expect(targetProblem('http://127.0.0.1:8080/', development)).toBeNull();
  });

  it('refuses a public name that resolves inward', async () => {
    expect(await resolvedTargetProblem('https://inward.example.com/', production, async () => ['10.0.0.5'])).toMatch(/resolves to 10.0.0.5/);
    expect(await resolvedTargetProblem('https://hooks.example.com/', production, async () => ['93.184.216.34'])).toBeNull();
  });

  it('classifies addresses', () => {
    expect(isPrivateAddress('127.0.0.1')).toBe(true);
    expect(isPrivateAddress('::ffff:10.0.0.1')).toBe(true);
    expect(isPrivateAddress('172.20.0.1')).toBe(true);
    expect(isPrivateAddress('8.8.8.8')).toBe(false);
    expect(isPrivateAddress('2606:4700:4700::1111')).toBe(false);
  });
});
