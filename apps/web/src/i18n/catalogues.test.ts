import { readdirSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { flatten, placeholders, type Catalogue } from './catalog';
import { en } from './messages/en';
import { vi } from './messages/vi';

const english = flatten(en as Catalogue);
const vietnamese = flatten(vi as Catalogue);

/** Every ErrorResult code the API declares (defineErrorResult / errorType in libs/<context>/src). */
function apiErrorCodes(): string[] {
  const libs = resolve(__dirname, '..', '..', '..', '..', 'libs');
  const codes = new Set<string>();
  const walk = (dir: string) => {
    for (const entry of readdirSync(dir, { withFileTypes: true })) {
      const full = join(dir, entry.name);
      if (entry.isDirectory()) walk(full);
      else if (entry.name.endsWith('.ts') && !entry.name.includes('.spec.')) {
        for (const match of readFileSync(full, 'utf8').matchAll(/(?:defineErrorResult|errorType)\(\s*'[A-Za-z]+',\s*'([A-Z_]+)'/g)) codes.add(match[1]);
        for (const match of readFileSync(full, 'utf8').matchAll(/this\.errorCode = '([A-Z_]+)'/g)) codes.add(match[1]);
      }
    }
  };
  walk(libs);
  return [...codes].sort();
}

describe('message catalogues', () => {
  it('English and Vietnamese have the same keys', () => {
    expect(Object.keys(vietnamese).sort()).toEqual(Object.keys(english).sort());
  });

  it('every message fills the same placeholders in both languages', () => {
    const mismatched = Object.keys(english).filter((key) => placeholders(english[key]).join() !== placeholders(vietnamese[key] ?? '').join());
    expect(mismatched).toEqual([]);
  });

  it('no message is empty, and Vietnamese is translated (not a copy of the English)', () => {
    expect(Object.entries({ ...english, ...vietnamese }).filter(([, text]) => !text.trim())).toEqual([]);
    const words = (text: string) => /[a-z]{4,}/.test(text.replace(/\{\w+\}/g, '')); // text beyond placeholders and units
    const sameInBoth = new Set(['common.appName', 'auth.email']); // the brand, and "E-mail" as Vietnamese forms write it
    const copied = Object.keys(english).filter((key) => english[key] === vietnamese[key] && words(english[key]) && !sameInBoth.has(key));
    expect(copied).toEqual([]);
  });

  it('every typed error the API can return has words for the user', () => {
    const codes = apiErrorCodes();
    expect(codes.length).toBeGreaterThan(30);
    expect(codes.filter((code) => !(`errors.codes.${code}` in english))).toEqual([]);
  });
});
