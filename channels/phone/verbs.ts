import type { SessionStatus } from '../../core/session/types';
import { toSsml } from './ssml';

/** One jambonz verb (https://www.jambonz.org/docs/webhooks/overview/); only the ones amtsweg uses. */
export type JambonzVerb =
  | { verb: 'say'; text: string }
  | { verb: 'hangup' }
  | { verb: 'dial'; target: { type: 'phone'; number: string }[]; answerOnBridge?: boolean }
  | {
    verb: 'gather'; input: ('speech' | 'digits')[]; actionHook: string; timeout: number;
    numDigits?: number; maxDigits?: number; finishOnKey?: string; interDigitTimeout?: number;
    recognizer?: { vendor: string; language: string }; say: { text: string };
  };

export interface VerbOptions {
  actionHook: string;
  language: string;
  /** The session waits for yes/no: one key press (1/2) is enough. */
  yesNo: boolean;
  transferNumber?: string;
  locale: string;
}

const YES_NO_HINT: Record<string, string> = { de: 'Drücken Sie 1 für Ja oder 2 für Nein.', en: 'Press 1 for yes or 2 for no.' };

/** The verbs answering one turn: keep listening while the session is active, otherwise end the call. */
export function turnVerbs(texts: string[], status: SessionStatus, opts: VerbOptions): JambonzVerb[] {
  if (status === 'active') {
    const prompt = opts.yesNo ? [...texts, YES_NO_HINT[opts.locale] ?? YES_NO_HINT.de] : texts;
    return [gather(prompt, opts)];
  }
  const verbs: JambonzVerb[] = [{ verb: 'say', text: toSsml(texts) }];
  if (status === 'handoff' && opts.transferNumber) {
    verbs.push({ verb: 'dial', target: [{ type: 'phone', number: opts.transferNumber }], answerOnBridge: true });
  } else {
    verbs.push({ verb: 'hangup' });
  }
  return verbs;
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
    say: { text: toSsml(texts) },
  };
}

/** Ends a call with a short message. */
export function sayAndHangup(text: string): JambonzVerb[] {
  return [{ verb: 'say', text: toSsml([text]) }, { verb: 'hangup' }];
}
