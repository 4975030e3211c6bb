/**
 * Rendering a definition text against a finished session in another language: what `explain`
 * needs to state the result in the reader's language from the definition's own texts, with the
 * same values the session decided. Pure: the snapshot is copied, never changed.
 */
import type { Locale, LocalizedText } from '../definition/schema';
import { jsonCopy } from './json-copy';
import { formatPathOrNull, renderTemplate } from './render';
import { runtimeFor } from './runtime';
import type { Turn } from './turn';
import type { CompiledService, SessionProgress, SessionSnapshot } from './types';

function readOnlyTurn(compiled: CompiledService, snapshot: SessionSnapshot, locale: Locale): Turn {
  const rt = runtimeFor(compiled);
  const s = { ...jsonCopy(snapshot), locale } as Turn['s'];
  s.progress = (s.progress ?? { summaries: [], said: [], actions: {} }) as SessionProgress;
  return {
    rt, def: rt.def, s, now: '', effects: [], trail: [], messages: [], valueTrail: [], notice: [],
    prompted: false, replay: null, changed: new Set(), conditions: new Map(), corrected: false, keepPending: false,
  };
}

/** A definition text (template) rendered with the session's values in `locale`. */
export function renderTextFor(compiled: CompiledService, snapshot: SessionSnapshot, text: LocalizedText, locale: Locale): string {
  return renderTemplate(readOnlyTurn(compiled, snapshot, locale), text);
}

/** A value of the session (slot, derived value or action result path) formatted for people in `locale`; null when empty. */
export function formatValueFor(compiled: CompiledService, snapshot: SessionSnapshot, path: string, locale: Locale): string | null {
  return formatPathOrNull(readOnlyTurn(compiled, snapshot, locale), path);
}

/** The FEEL condition of an `if` step (the rule `if:<stepId>` of the audit trail), if there is one. */
export function conditionOf(compiled: CompiledService, stepId: string): string | undefined {
  const step = runtimeFor(compiled).steps[stepId];
  return step?.kind === 'if' ? step.cond : undefined;
}
