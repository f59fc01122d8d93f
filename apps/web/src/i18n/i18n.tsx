import { createContext, useCallback, useContext, useMemo, useState, type ReactNode } from 'react';
import { flatten, format, type MessageKey, type Params } from './catalog';
import { en, type Messages } from './messages/en';
import { vi } from './messages/vi';

export const LOCALES = { en: { name: 'English', messages: en }, vi: { name: 'Tiếng Việt', messages: vi } } as const;
export type Locale = keyof typeof LOCALES;
export type Key = MessageKey<Messages>;
export type Translate = (key: Key, params?: Params) => string;

const flat: Record<Locale, Record<string, string>> = { en: flatten(en), vi: flatten(vi) };
const STORAGE_KEY = 'partsmith.locale';

export function initialLocale(): Locale {
  const saved = typeof localStorage !== 'undefined' ? localStorage.getItem(STORAGE_KEY) : null;
  if (saved === 'en' || saved === 'vi') return saved;
  return typeof navigator !== 'undefined' && navigator.language?.toLowerCase().startsWith('vi') ? 'vi' : 'en';
}

/** A translator over one locale; a key missing there (impossible while the catalogues typecheck) falls back to English. */
export function translator(locale: Locale): Translate {
  return (key, params) => format(flat[locale][key] ?? flat.en[key] ?? key, params);
}

/** Looks a key up without the static type (error codes arrive from the server as strings). */
export function hasMessage(key: string): boolean {
  return key in flat.en;
}

interface I18nValue {
  locale: Locale;
  setLocale(locale: Locale): void;
  t: Translate;
  money(minor: number, currency: string): string;
  number(value: number, digits?: number): string;
  date(iso: string | null | undefined, withTime?: boolean): string;
}

const I18nContext = createContext<I18nValue | null>(null);

export function I18nProvider({ children, locale: fixed }: { children: ReactNode; locale?: Locale }) {
  const [locale, setLocaleState] = useState<Locale>(fixed ?? initialLocale());
  const setLocale = useCallback((next: Locale) => {
    localStorage.setItem(STORAGE_KEY, next);
    document.documentElement.lang = next;
    setLocaleState(next);
  }, []);
  const value = useMemo<I18nValue>(() => {
    const tag = locale === 'vi' ? 'vi-VN' : 'en-GB';
    return {
      locale,
      setLocale,
      t: translator(locale),
      money: (minor, currency) => formatMoney(minor, currency, tag),
      number: (value, digits = 1) => new Intl.NumberFormat(tag, { maximumFractionDigits: digits }).format(value),
      date: (iso, withTime = false) =>
        iso ? new Intl.DateTimeFormat(tag, withTime ? { dateStyle: 'medium', timeStyle: 'short', timeZone: 'UTC' } : { dateStyle: 'medium', timeZone: 'UTC' }).format(new Date(iso)) : '—',
    };
  }, [locale, setLocale]);
  return <I18nContext.Provider value={value}>{children}</I18nContext.Provider>;
}

/** Minor units → "€1,234.50" in the reader's locale (the currency's own number of decimals). */
export function formatMoney(minor: number, currency: string, tag = 'en-GB'): string {
  const formatter = new Intl.NumberFormat(tag, { style: 'currency', currency: currency.toUpperCase() });
  const digits = formatter.resolvedOptions().maximumFractionDigits ?? 2;
  return formatter.format(minor / 10 ** digits);
}

export function useI18n(): I18nValue {
  const value = useContext(I18nContext);
  if (!value) throw new Error('useI18n outside I18nProvider');
  return value;
}
