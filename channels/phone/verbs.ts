import type { SessionStatus } from '../../core/session/types';
import { toSsml } from './ssml';
import { RECOGNIZER_LANGUAGE, voiceLocale, voiceTexts } from './texts';
import { forVoice } from './for-voice';

/**
 * One jambonz verb (https://www.jambonz.org/docs/webhooks/overview/); only the ones amtsweg uses.
 * Every array amtsweg answers with is checked against `@jambonz/verb-specifications` in a test.
 */
export type JambonzVerb =
  | { verb: 'say'; text: string; synthesizer?: Synthesizer }
  | { verb: 'hangup' }
  | { verb: 'dial'; target: { type: 'phone'; number: string }[]; answerOnBridge?: boolean; timeout?: number }
  | {
    verb: 'gather'; input: ('speech' | 'digits')[]; actionHook: string; timeout: number;
    numDigits?: number; maxDigits?: number; finishOnKey?: string; interDigitTimeout?: number;
    recognizer?: { vendor: string; language: string }; say: { text: string; synthesizer?: Synthesizer };
  };

/** The voice a text is spoken with: the application's default vendor, in the call's language. */
interface Synthesizer { vendor: string; language: string }

export interface VerbOptions {
  actionHook: string;
  language: string;
  /** The session waits for yes/no: one key press (1/2) is enough. */
  yesNo: boolean;
  /** Number the call is put through to on a handoff; without it the caller hears the office's number. */
  transferNumber?: string;
  /** The office's public number and hours, spoken when no transfer is possible. */
  officePhone?: string;
  officeHours?: string;
  locale: string;
}

const fill = (t: string, vars: Record<string, string>) => t.replace(/\{([a-z]+)\}/g, (w, k: string) => vars[k] ?? w);

const synthesizer = (locale: string): Synthesizer => ({ vendor: 'default', language: RECOGNIZER_LANGUAGE[voiceLocale(locale)] });

function say(texts: string[], locale: string): JambonzVerb {
  return { verb: 'say', text: toSsml(texts.map((t) => forVoice(t, locale)), locale), synthesizer: synthesizer(locale) };
}

/** What a caller hears when no transfer works: the office's number and hours, if configured. */
function fallback(first: string, opts: VerbOptions): string[] {
  const t = voiceTexts(opts.locale);
  return [
    first,
    ...(opts.officePhone ? [fill(t.officeNumber, { phone: opts.officePhone })] : []),
    ...(opts.officeHours ? [fill(t.officeHours, { hours: opts.officeHours })] : []),
  ];
}

/**
 * The verbs answering one turn: keep listening while the session is active; on a handoff put the
 * caller through (and, should nobody answer, say the office's number); otherwise end the call.
 */
export function turnVerbs(texts: string[], status: SessionStatus, opts: VerbOptions): JambonzVerb[] {
  const t = voiceTexts(opts.locale);
  if (status === 'active') return [gather(opts.yesNo ? [...texts, t.yesNoKeys] : texts, opts)];
  if (status === 'handoff' && opts.transferNumber) {
    return [
      say([...texts, t.transfer], opts.locale),
      { verb: 'dial', target: [{ type: 'phone', number: opts.transferNumber }], answerOnBridge: true, timeout: 30 },
      // jambonz goes on with the next verb when the dial ends unanswered or fails.
      say(fallback(t.transferFailed, opts), opts.locale),
      { verb: 'hangup' },
    ];
  }
  if (status === 'handoff') return [say([...texts, ...fallback(t.noTransfer, opts)], opts.locale), { verb: 'hangup' }];
  return [say(texts, opts.locale), { verb: 'hangup' }];
}

/** A `gather` listening for speech and keys, with the prompt as barge-in-able speech. */
export function gather(texts: string[], opts: VerbOptions): JambonzVerb {
  return {
    verb: 'gather',
    input: ['speech', 'digits'],
    actionHook: opts.actionHook,
    timeout: 10,
    ...(opts.yesNo ? { numDigits: 1 } : { maxDigits: 20, finishOnKey: '#', interDigitTimeout: 4 }),
    recognizer: { vendor: 'default', language: opts.language },
    say: { text: toSsml(texts.map((x) => forVoice(x, opts.locale)), opts.locale), synthesizer: synthesizer(opts.locale) },
  };
}

/** Ends a call with a short message. */
export function sayAndHangup(text: string, locale = 'de'): JambonzVerb[] {
  return [say([text], locale), { verb: 'hangup' }];
}
