/** Amounts in messages: "-564.05 EUR". */
import { formatMinor as decimal } from '../importers/money.js';

export function formatMinor(minor: number, currency: string): string {
  return `${decimal(minor, currency)} ${currency}`;
}
