/** Deterministic extractors: citizen text → typed slot values, commands, read-back forms. */
export type { Command, ExtractContext, Extraction } from './types';
export { normalizeText, foldText, MAX_TEXT_LENGTH } from './normalize';
export { extractDate } from './dates';
export { extractTime, bareHour } from './times';
export { extractYesNo } from './yes-no';
export { extractInteger, extractNumber, extractMoney, parseNumeral } from './numbers';
export { extractEnum, extractEnumList, damerauLevenshtein } from './enums';
export { extractPostcode, extractEmail, extractPhone, isPlausibleEmail, normalizePhone } from './contact';
export { extractText } from './text';
export { detectCommands, looksLikeInjection } from './commands';
export { extractForSlot, checkSlotLimits, applySlotLimits } from './slot';
export { formatValue, formatNumber, formatPhone } from './format';
export { REASONS, reasonMessage, type ReasonKey } from './errors';
export { parseGermanCardinal, parseGermanOrdinal, parseCardinalWord, parseOrdinalWord } from './number-words';
