import { lookup } from 'node:dns/promises';
import { BlockList, isIP } from 'node:net';

export interface TargetPolicy {
  refusePrivateTargets: boolean;
  /** Hosts (names or IPs, lower case) allowed even when private. */
  allowedHosts: readonly string[];
}

/** Loopback, private, link-local, CGNAT, multicast and reserved ranges: never a production webhook target. */
const PRIVATE = new BlockList();
for (const [net, prefix] of [
  ['0.0.0.0', 8],
  ['10.0.0.0', 8],
  ['100.64.0.0', 10],
  ['127.0.0.0', 8],
  ['169.254.0.0', 16],
  ['172.16.0.0', 12],
  ['192.0.0.0', 24],
  ['192.168.0.0', 16],
  ['198.18.0.0', 15],
  ['224.0.0.0', 4],
  ['240.0.0.0', 4],
] as const) {
  PRIVATE.addSubnet(net, prefix, 'ipv4');
}
for (const [net, prefix] of [
  ['::', 128],
  ['::1', 128],
  ['fc00::', 7],
  ['fe80::', 10],
  ['ff00::', 8],
] as const) {
  PRIVATE.addSubnet(net, prefix, 'ipv6');
}

export function isPrivateAddress(address: string): boolean {
  const mapped = /^::ffff:(\d+\.\d+\.\d+\.\d+)$/i.exec(address)?.[1];
  if (mapped) return PRIVATE.check(mapped, 'ipv4');
  const family = isIP(address);
  if (family === 0) return true;
  return PRIVATE.check(address, family === 4 ? 'ipv4' : 'ipv6');
}

/** Why a URL may not be a webhook target, or null when it may. Syntax only; resolveTarget checks addresses. */
export function targetProblem(raw: string, policy: TargetPolicy): string | null {
  let url: URL;
  try {
    url = new URL(raw);
  } catch {
    return `"${raw}" is not a URL`;
  }
  if (url.protocol !== 'https:' && url.protocol !== 'http:') return `webhook URLs must start with https:// or http:// (got ${url.protocol}//)`;
  if (url.username || url.password) return 'webhook URLs must not carry credentials; the signature authenticates us';
  if (raw.length > 2000) return 'webhook URLs are limited to 2,000 characters';
  const host = hostOf(url);
  if (policy.refusePrivateTargets && !policy.allowedHosts.includes(host)) {
    if (host === 'localhost' || host.endsWith('.localhost') || host.endsWith('.internal') || host.endsWith('.local')) return `${host} is not reachable from the internet`;
    if (isIP(host) && isPrivateAddress(host)) return `${host} is a private or loopback address`;
  }
  return null;
}

/**
 * Resolves the host right before delivery and refuses private addresses (a public name may point inward,
 * or be re-pointed after the subscription was made). Returns a problem, or null when delivery may go ahead.
 */
export async function resolvedTargetProblem(raw: string, policy: TargetPolicy, resolve: (host: string) => Promise<string[]> = defaultResolve): Promise<string | null> {
  const problem = targetProblem(raw, policy);
  if (problem || !policy.refusePrivateTargets) return problem;
  const host = hostOf(new URL(raw));
  if (policy.allowedHosts.includes(host)) return null;
  const addresses = isIP(host) ? [host] : await resolve(host);
  const inward = addresses.find(isPrivateAddress);
  return inward ? `${host} resolves to ${inward}, a private or loopback address` : null;
}

function hostOf(url: URL): string {
  return url.hostname.replace(/^\[|\]$/g, '').toLowerCase();
}

async function defaultResolve(host: string): Promise<string[]> {
  return (await lookup(host, { all: true })).map((entry) => entry.address);
}
