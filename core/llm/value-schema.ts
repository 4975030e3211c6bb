/**
 * The zod schema of a slot value in canonical amtsweg form. The LLM adapter turns it into the
 * JSON Schema of the structured output; the acceptance check parses every proposal with it.
 */
import { z } from 'zod';
import type { SlotType } from '../definition/schema';

function realDate(s: string): boolean {
  const [y, m, d] = s.split('-').map(Number);
  if (m < 1 || m > 12 || d < 1) return false;
  const days = [31, (y % 4 === 0 && y % 100 !== 0) || y % 400 === 0 ? 29 : 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31][m - 1];
  return d <= days;
}

/** Schema of one value of a slot type (enum: one of `values`). */
export function valueSchema(type: SlotType, values?: string[]): z.ZodType {
  switch (type) {
    case 'date':
      return z.string().regex(/^\d{4}-\d{2}-\d{2}$/).refine(realDate, 'not a calendar date').describe('Date YYYY-MM-DD');
    case 'time':
      return z.string().regex(/^(?:[01]\d|2[0-3]):[0-5]\d$/).describe('Time HH:MM (24 h)');
    case 'integer':
      return z.number().int().describe('Whole number');
    case 'number':
      return z.number().refine(Number.isFinite, 'not finite').describe('Number');
    case 'money':
      return z.number().refine((n) => Number.isFinite(n) && Math.round(n * 100) === n * 100, 'at most 2 decimals').describe('Amount in euros');
    case 'boolean':
      return z.boolean().describe('true for yes, false for no');
    case 'enum':
      return values && values.length > 0 ? z.enum(values as [string, ...string[]]).describe('One of the value ids') : z.never();
    case 'email':
      return z.string().max(254).regex(/^[^\s@]+@[^\s@]+\.[^\s@]+$/).describe('E-mail address');
    case 'phone':
      return z.string().regex(/^\+\d{6,15}$/).describe('Phone number in international form, e.g. +492091234567');
    case 'postcode':
      return z.string().regex(/^\d{5}$/).describe('German postcode, 5 digits');
    case 'text':
      return z.string().min(1).max(500).describe('Text exactly as the citizen wrote it');
    default:
      return z.never();
  }
}
