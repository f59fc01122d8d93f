import { useSyncExternalStore } from 'react';

/** One line in the designer's cart: a ready quote at one of its quantities. */
export interface CartLine {
  quoteId: string;
  partId: string;
  partName: string;
  quantity: number;
  unitPriceMinor: number;
  currency: string;
  process: string;
  material: string;
  leadTimeDays: number;
}

const STORAGE_KEY = 'partsmith.cart';
const listeners = new Set<() => void>();
let lines: CartLine[] = load();

function load(): CartLine[] {
  try {
    return JSON.parse((typeof localStorage !== 'undefined' && localStorage.getItem(STORAGE_KEY)) || '[]') as CartLine[];
  } catch {
    return [];
  }
}

function save(next: CartLine[]): void {
  lines = next;
  localStorage.setItem(STORAGE_KEY, JSON.stringify(lines));
  for (const listener of listeners) listener();
}

/** Adds a line, replacing an earlier line of the same part (one configuration per part per order). */
export function addToCart(line: CartLine): void {
  save([...lines.filter((existing) => existing.partId !== line.partId), line]);
}

export function removeFromCart(quoteId: string): void {
  save(lines.filter((line) => line.quoteId !== quoteId));
}

export function clearCart(): void {
  save([]);
}

export function cartTotals(cart: CartLine[]): Array<{ currency: string; totalMinor: number }> {
  const totals = new Map<string, number>();
  for (const line of cart) totals.set(line.currency, (totals.get(line.currency) ?? 0) + line.unitPriceMinor * line.quantity);
  return [...totals].map(([currency, totalMinor]) => ({ currency, totalMinor }));
}

function subscribe(listener: () => void): () => void {
  listeners.add(listener);
  return () => listeners.delete(listener);
}

export function useCart(): CartLine[] {
  return useSyncExternalStore(subscribe, () => lines, () => lines);
}
