/**
 * Labelled lines of `amtsweg eval`: route lines (a first message and where it must go) and
 * extraction lines (a message in a session context and the slot values it must set). Files whose
 * names start with `route` hold route lines, all others extraction lines. A bad line is a problem
 * with its file and line number; it never stops the others.
 */
import fs from 'node:fs';
import path from 'node:path';
import type { CompiledService } from '../../core/session/types';

export type RouteExpectation =
  | { service: string }
  /** A question between these services; `true`: a clarifying question, whichever services it offers. */
  | { candidates: string[] | true }
  | { none: 'not_offered' | 'off_topic' }
  | { handoff: true };

interface LineBase { file: string; line: number; text: string; locale: string; tags: string[] }

export interface RouteLine extends LineBase { kind: 'route'; expected: RouteExpectation }

/** The question the assistant just asked: a slot id, the summary, or (absent) the first message. */
export const SUMMARY = '__summary__';

export interface ExtractionLine extends LineBase {
  kind: 'extraction';
  service: string;
  expected: Record<string, unknown>;
  today: string;
  /** Slot asked just before this message, `__summary__`, or undefined: the first message, or (with `filled`) the flow's next question. */
  pending?: string;
  /** Values already known (for corrections at the summary). */
  filled: Record<string, unknown>;
  /** The authored answer id the message must get, or "none" (an honest "no answer"). */
  answer?: string;
}

export type EvalLine = RouteLine | ExtractionLine;

export interface LineProblem { file: string; line: number; message: string }

export const DEFAULT_TODAY = '2026-11-20';

const isObject = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);

function routeExpectation(e: unknown, ids: Set<string>): RouteExpectation | string {
  if (!isObject(e)) return '"expected" must be an object';
  if (typeof e.service === 'string') return ids.has(e.service) ? { service: e.service } : `unknown service "${e.service}"`;
  if (e.candidates === true) return { candidates: true };
  if (Array.isArray(e.candidates)) {
    const bad = e.candidates.filter((c) => typeof c !== 'string' || !ids.has(c));
    return bad.length === 0 && e.candidates.length >= 2 ? { candidates: e.candidates as string[] } : '"candidates" must list two or more known service ids';
  }
  if (e.none === 'not_offered' || e.none === 'off_topic') return { none: e.none };
  if (e.handoff === true) return { handoff: true };
  return '"expected" must be {service}, {candidates:[...]|true}, {none:"not_offered"|"off_topic"} or {handoff:true}';
}

function extractionLine(o: Record<string, unknown>, base: LineBase, byId: Map<string, CompiledService>): ExtractionLine | string {
  if (typeof o.service !== 'string') return 'needs "service" (string)';
  const svc = byId.get(o.service);
  if (!svc) return `unknown service "${o.service}"; known: ${[...byId.keys()].join(', ')}`;
  if (!isObject(o.expected)) return 'needs "expected" (object of slot → value)';
  const filled = o.filled === undefined ? {} : o.filled;
  if (!isObject(filled)) return '"filled" must be an object of slot → value';
  const slots = o.slots === undefined ? [] : o.slots;
  if (!Array.isArray(slots) || slots.some((s) => typeof s !== 'string')) return '"slots" must be a list of slot ids';
  // Older lines name the asked slot first in "slots".
  const pending = typeof o.pending === 'string' ? o.pending : (slots[0] as string | undefined);
  const names = [...Object.keys(o.expected), ...Object.keys(filled), ...slots as string[], ...(pending && pending !== SUMMARY ? [pending] : [])];
  const unknown = names.filter((n) => !svc.definition.slots[n]);
  if (unknown.length > 0) return `service ${o.service} has no slot ${[...new Set(unknown)].map((u) => `"${u}"`).join(', ')}`;
  const today = o.today === undefined ? DEFAULT_TODAY : o.today;
  if (typeof today !== 'string' || !/^\d{4}-\d{2}-\d{2}$/.test(today)) return '"today" must be written YYYY-MM-DD';
  if (o.answer !== undefined && (typeof o.answer !== 'string' || (o.answer !== 'none' && !svc.definition.answers?.[o.answer]))) {
    return `"answer" must be "none" or an answer id of ${o.service}: ${Object.keys(svc.definition.answers ?? {}).join(', ')}`;
  }
  return {
    ...base, kind: 'extraction', service: o.service, expected: o.expected, today, filled,
    ...(pending !== undefined ? { pending } : {}), ...(typeof o.answer === 'string' ? { answer: o.answer } : {}),
  };
}

/** Whether a file holds route lines (its name starts with "route"). */
export function isRouteFile(file: string): boolean {
  return path.basename(file).startsWith('route');
}

/** Reads one JSONL file of labelled lines. */
export function loadLines(file: string, services: CompiledService[]): { lines: EvalLine[]; problems: LineProblem[] } {
  const byId = new Map(services.map((s) => [s.id, s]));
  const ids = new Set(byId.keys());
  const route = isRouteFile(file);
  const lines: EvalLine[] = [];
  const problems: LineProblem[] = [];
  fs.readFileSync(file, 'utf8').split(/\r?\n/).forEach((raw, i) => {
    const line = i + 1;
    if (raw.trim().length === 0) return;
    const bad = (message: string) => problems.push({ file, line, message });
    let o: unknown;
    try {
      o = JSON.parse(raw);
    } catch {
      return bad('not valid JSON; each line must be one JSON object');
    }
    if (!isObject(o) || typeof o.text !== 'string') return bad('needs "text" (string)');
    const locale = typeof o.locale === 'string' ? o.locale : 'de';
    const tags = Array.isArray(o.tags) ? o.tags.filter((t): t is string => typeof t === 'string') : [];
    const base: LineBase = { file, line, text: o.text, locale, tags };
    if (route) {
      const e = routeExpectation(o.expected, ids);
      if (typeof e === 'string') return bad(e);
      lines.push({ ...base, kind: 'route', expected: e });
      return;
    }
    const x = extractionLine(o, base, byId);
    if (typeof x === 'string') return bad(x);
    lines.push(x);
  });
  return { lines, problems };
}

export interface Splits { dev: string[]; heldout: string[] }

function jsonl(dir: string): string[] {
  try {
    return fs.readdirSync(dir).filter((n) => n.endsWith('.jsonl')).sort().map((n) => path.join(dir, n));
  } catch {
    return [];
  }
}

/** The dev split (`extraction.de.jsonl` and `dev/*.jsonl`) and the held-out split (`heldout/*.jsonl`) under an eval folder. */
export function findSplits(evalDir: string): Splits {
  const top = path.join(evalDir, 'extraction.de.jsonl');
  return {
    dev: [...(fs.existsSync(top) ? [top] : []), ...jsonl(path.join(evalDir, 'dev'))],
    heldout: jsonl(path.join(evalDir, 'heldout')),
  };
}
