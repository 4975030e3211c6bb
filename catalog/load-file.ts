/** Reads one definition file, validates it and compiles it. A shell: it reads files and hashes. */
import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { compileService } from '../core/compiler';
import { loadDefinition, messageFor, parseYamlSource, type ActionSpec, type Problem, type ProblemLang } from '../core/definition';
import type { CalendarRefs } from '../core/calendar';
import type { CompiledService } from '../core/session/types';
import { calendarBeside } from './calendar-file';

export interface CatalogOptions {
  /** Registered actions (names or specs with inputs); when given, a flow step calling another action is an error. */
  actions?: readonly ActionSpec[];
  /** Language of problem messages (default English). */
  lang?: ProblemLang;
  /** Calendar data to check calendar steps against; default: `calendar.yaml` beside the file, `false` for none. */
  calendar?: CalendarRefs | false;
}

/** sha256 of the definition text, hex: the identity of the exact definition that ran. */
export function hashSource(source: string): string {
  return createHash('sha256').update(source, 'utf8').digest('hex');
}

/** A problem not tied to a place in the YAML (the file could not be read, the compiler failed). */
export function fileProblem(file: string, key: string, params: Record<string, unknown>, lang: ProblemLang, at = { line: 1, col: 1 }, path: (string | number)[] = []): Problem {
  const { message, hint } = messageFor(lang, key, params);
  return { code: key, severity: 'error', message, ...(hint ? { hint } : {}), file, line: at.line, col: at.col, path };
}

/** Validates and compiles YAML text that was read from `file`. Never throws. */
export function loadServiceSource(source: string, file: string, opts: CatalogOptions = {}): { service?: CompiledService; problems: Problem[] } {
  const lang = opts.lang ?? 'en';
  const calendar = opts.calendar === false ? undefined : opts.calendar ?? calendarBeside(file);
  const { definition, problems } = loadDefinition(source, file, { lang, actions: opts.actions, calendar });
  if (!definition) return { problems };
  try {
    return { service: compileService(definition, { source, hash: hashSource(source) }), problems };
  } catch (e) {
    const err = e as Error & { path?: (string | number)[] };
    const path = Array.isArray(err.path) ? err.path : [];
    const at = path.length ? parseYamlSource(source).valueAt(path) : { line: 1, col: 1 };
    return { problems: [...problems, fileProblem(file, 'compile_error', { detail: err.message }, lang, at, path)] };
  }
}

/** Reads, validates and compiles one definition file. Never throws: a broken file gives problems. */
export function loadServiceFile(file: string, opts: CatalogOptions = {}): { service?: CompiledService; problems: Problem[] } {
  let source: string;
  try {
    source = readFileSync(file, 'utf8');
  } catch (e) {
    const detail = (e as NodeJS.ErrnoException).code === 'ENOENT' ? 'no such file' : (e as Error).message;
    return { problems: [fileProblem(file, 'read_error', { detail }, opts.lang ?? 'en')] };
  }
  return loadServiceSource(source, file, opts);
}
