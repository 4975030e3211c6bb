/**
 * `extractForSlot`: the extractor for the slot's type, then the slot's own limits (min/max for
 * numbers, min_length/max_length/pattern for strings) as `invalid` with a reason key.
 */
import type { Slot } from '../definition/schema';
import { extractEmail, extractPhone, extractPostcode } from './contact';
import { extractDate } from './dates';
import { extractEnum, extractEnumList } from './enums';
import { extractInteger, extractMoney, extractNumber } from './numbers';
import { extractText } from './text';
import { extractTime } from './times';
import type { ExtractContext, Extraction } from './types';
import { extractYesNo } from './yes-no';

function extractByType(slot: Slot, text: string, ctx: ExtractContext): Extraction {
  switch (slot.type) {
    case 'text': return extractText(text, ctx);
    case 'date': return extractDate(text, ctx);
    case 'time': return extractTime(text, ctx);
    case 'integer': return extractInteger(text, ctx);
    case 'number': return extractNumber(text, ctx);
    case 'money': return extractMoney(text, ctx);
    case 'boolean': return extractYesNo(text, ctx);
    case 'enum': return slot.many ? extractEnumList(text, slot.values, ctx) : extractEnum(text, slot.values, ctx);
    case 'email': return extractEmail(text, ctx);
    case 'phone': return extractPhone(text, ctx);
    case 'postcode': return extractPostcode(text, ctx);
    default: return { kind: 'none' };
  }
}

/** The reason key a value breaks, or undefined when it keeps all the slot's limits. */
export function checkSlotLimits(slot: Slot, value: unknown): string | undefined {
  if (typeof value === 'number') {
    if (slot.min !== undefined && value < slot.min) return 'too_small';
    if (slot.max !== undefined && value > slot.max) return 'too_large';
  }
  if (typeof value === 'string' && ['text', 'email', 'phone', 'postcode'].includes(slot.type)) {
    const length = [...value].length;
    if (slot.min_length !== undefined && length < slot.min_length) return 'too_short';
    if (slot.max_length !== undefined && length > slot.max_length) return 'too_long';
    if (slot.pattern !== undefined) {
      let re: RegExp;
      try {
        re = new RegExp(`^(?:${slot.pattern})$`, 'u');
      } catch {
        return 'pattern_invalid';
      }
      if (!re.test(value)) return 'pattern_mismatch';
    }
  }
  return undefined;
}

/**
 * Extracts a value for `slot` from `text`. Options of an ambiguous result that break the
 * slot's limits are dropped; the result stays ambiguous even with one option left (to be
 * confirmed), and when none remains the first broken limit is the reason.
 */
export function extractForSlot(slot: Slot, text: string, ctx: ExtractContext): Extraction {
  let result: Extraction;
  try {
    result = extractByType(slot, text, ctx);
  } catch {
    // Extractors are written not to throw; this keeps a bug from ending a conversation.
    return { kind: 'none' };
  }
  return applySlotLimits(slot, result);
}

/** The slot's limits applied to an extraction (see `extractForSlot`). */
export function applySlotLimits(slot: Slot, result: Extraction): Extraction {
  if (result.kind === 'value') {
    const reason = checkSlotLimits(slot, result.value);
    return reason ? { kind: 'invalid', reason, evidence: result.evidence } : result;
  }
  if (result.kind === 'ambiguous') {
    const reasons = result.options.map((o) => checkSlotLimits(slot, o));
    const ok = result.options.filter((_, i) => reasons[i] === undefined);
    if (ok.length === 0) return { kind: 'invalid', reason: reasons[0] as string, evidence: result.evidence };
    // Even one option left stays a question ("Meinten Sie 2?"): the citizen did say something else too.
    return { ...result, options: ok };
  }
  return result;
}
