/** The one format of confirmation codes, for the e-mail channel and for addresses typed into a conversation. */

/** Digits in a code. */
export const CODE_DIGITS = 8;

/** The code as it is written to the citizen: 8 digits as 1234-5678. */
export const formatCode = (code: string): string => `${code.slice(0, 4)}-${code.slice(4)}`;

/** The codes a text quotes (1234-5678, 1234 5678 or 12345678), digits only. */
export const codesIn = (text: string): string[] => (text.match(/\b\d{4}[- ]?\d{4}\b/g) ?? []).map((c) => c.replace(/[- ]/g, ''));
