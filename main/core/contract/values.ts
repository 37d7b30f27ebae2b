import { z } from 'zod';

/**
 * Shared value schemas: everything here survives a JSON round trip. They live apart from
 * schemas.ts so that books-schemas.ts can use them without an import cycle (schemas.ts imports
 * books-schemas.ts; a cycle leaves these undefined while books-schemas.ts evaluates).
 */
export const idSchema = z.number().int().positive();
export const isoDateTimeSchema = z.string().regex(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d+)?Z$/, 'an ISO date-time in UTC');
export const isoDateSchema = z.string().regex(/^\d{4}-\d{2}-\d{2}$/, 'a date as YYYY-MM-DD');
export const currencySchema = z.string().regex(/^[A-Z]{3}$/, 'a three-letter ISO 4217 code');
