/** Loads a service definition from YAML text: syntax, structure, names, FEEL and types, all problems at once. */
import type { CalendarRefs } from '../calendar/schema';
import { checkCalendar } from './check-calendar';
import { checkFeel } from './check-feel';
import { indentationProblems } from './indentation';
import { checkLanguage } from './check-language';
import { checkLegal } from './check-legal';
import { checkReferences, type ActionSpec } from './check-references';
import { checkStructure } from './check-structure';
import { messageFor } from './messages';
import { hasErrors, sortProblems, type Problem, type ProblemLang } from './problem';
import { createReporter, type Reporter } from './report';
import { ServiceDefinition } from './schema';
import { isObject } from './raw-access';
import { parseYamlSource } from './yaml-source';
import { reportIssues } from './zod-issues';

export interface LoadOptions {
  /** Language of problem messages; English by default. */
  lang?: ProblemLang;
  /** Registered actions; when given, unknown `action:` names (and, for specs with inputs, unknown or missing `with:` keys) are problems. */
  actions?: readonly ActionSpec[];
  /** The calendar data (`calendar.yaml`); when given, calendar steps may only name its locations and concerns. */
  calendar?: CalendarRefs;
}

/**
 * Parses and validates one definition. Pure and total: never throws. `definition` is set only
 * when there is no error (warnings may remain).
 */
export function loadDefinition(source: string, file: string, opts: LoadOptions = {}): { definition?: ServiceDefinition; problems: Problem[] } {
  const lang = opts.lang ?? 'en';
  const src = parseYamlSource(source);
  const r = createReporter(src, file, lang);
  if (source.trim() === '') {
    r.add('empty_file', {}, [], 'value');
    return { problems: r.problems };
  }
  // A tab used for indentation makes the YAML parser misread every later line of the block
  // ("All mapping items must start at the same column"); only the lines with tabs are real.
  const tabLines = new Set(src.syntax.filter((s) => s.code === 'TAB_AS_INDENT').map((s) => offsetPosition(source, s.offset).line));
  // One space too many: name that line and its column instead of YAML's follow-on errors around it.
  const syntaxLines = src.syntax.map((s) => offsetPosition(source, s.offset).line);
  const indents = syntaxLines.length === 0 ? [] : indentationProblems(source).filter((ip) => syntaxLines.some((l) => Math.abs(l - ip.line) <= 2));
  for (const ip of indents) {
    const { message, hint } = messageFor(lang, 'indent_under_value', { ...ip });
    r.problems.push({ code: 'yaml_indentation', severity: 'error', message, ...(hint ? { hint } : {}), file, line: ip.line, col: ip.col, path: [] });
  }
  const explained = (line: number): boolean => indents.some((ip) => line >= ip.sibling - 1 && line <= ip.line + 3);
  let badIndentLine = -10;
  for (const s of src.syntax) {
    const pos = offsetPosition(source, s.offset);
    if (tabLines.size > 0 && !tabLines.has(pos.line)) continue;
    if (explained(pos.line)) continue;
    // After a misaligned line YAML reports the lines below it too; the first error is the cause.
    if (pos.line > badIndentLine && pos.line <= badIndentLine + 2) continue;
    if (s.code === 'BAD_INDENT') badIndentLine = pos.line;
    const detail = s.message.split('\n')[0].replace(/ at line \d+, column \d+:?$/, '');
    const { message, hint } = messageFor(lang, 'yaml_syntax', { detail, yamlCode: s.code });
    r.problems.push({ code: 'yaml_syntax', severity: 'error', message, ...(hint ? { hint } : {}), file, line: pos.line, col: pos.col, path: [] });
  }
  const syntaxCount = r.problems.length;
  const raw = src.value;
  if (!isObject(raw)) {
    if (syntaxCount === 0) r.add('not_a_mapping', {}, []);
    return { problems: sortProblems(r.problems) };
  }
  const parsed = ServiceDefinition.safeParse(raw);
  if (!parsed.success) reportIssues(parsed.error.issues, [], raw, ServiceDefinition, r);
  for (const check of [checkStructure, (v: unknown, rep: Reporter) => checkReferences(v, rep, opts.actions), checkFeel, checkLegal, checkLanguage, (v: unknown, rep: Reporter) => checkCalendar(v, rep, opts.calendar)]) {
    try {
      check(raw, r);
    } catch (e) {
      // A check that breaks on odd input must not hide the problems found so far.
      r.problems.push({ code: 'check_failed', severity: 'error', message: `internal check failed: ${(e as Error).message}`, hint: 'fix the other problems first; if this stays, report it with the file', file, line: 1, col: 1, path: [] });
    }
  }
  // Follow-on problems on a line YAML could not read are noise; the syntax error explains them.
  // So are, after any syntax error, missing keys and references to names without a near match:
  // the declarations they look for are usually what the broken YAML swallowed.
  const followOn = (p: Problem): boolean => syntaxCount > 0
    && (p.code === 'missing_key' || (p.code === 'unknown_reference' && !/did you mean|meinten Sie/i.test(p.hint ?? '')));
  const problems = r.problems.filter((p, i) => i < syntaxCount || (!src.brokenLines.has(p.line) && !followOn(p)));
  const sorted = sortProblems(problems);
  return parsed.success && !hasErrors(sorted) ? { definition: parsed.data, problems: sorted } : { problems: sorted };
}

function offsetPosition(text: string, offset: number): { line: number; col: number } {
  const before = text.slice(0, Math.max(0, Math.min(offset, text.length)));
  const line = before.split('\n').length;
  return { line, col: offset - before.lastIndexOf('\n') };
}
