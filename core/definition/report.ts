/** Collects problems of one file, positioned through the YAML source and worded in the chosen language. */
import { describePath, messageFor } from './messages';
import type { Problem, ProblemLang } from './problem';
import type { YamlSource } from './yaml-source';

/** Where in the YAML a problem points: at the key, at the value, or at a character inside a string. */
export type Anchor = 'key' | 'value' | { char: number };

export interface Reporter {
  lang: ProblemLang;
  file: string;
  src: YamlSource;
  problems: Problem[];
  /** Adds a problem; `params.place` defaults to the name of `path`'s owner. */
  add(messageKey: string, params: Record<string, unknown>, path: readonly (string | number)[], anchor?: Anchor, opts?: { code?: string; severity?: 'error' | 'warning' }): void;
  place(path: readonly (string | number)[]): string;
}

/** Message keys that share one stable problem code. */
const CODE_OF: Record<string, string> = {
  unknown_slot: 'unknown_reference', unknown_name: 'unknown_reference', unknown_outcome: 'unknown_reference',
  unknown_table_input: 'unknown_reference', condition_not_boolean: 'type_mismatch', declared_type_mismatch: 'type_mismatch',
  too_small_array: 'too_small', too_small_string: 'too_small', too_small_number: 'too_small', too_big_number: 'too_big',
  not_integer: 'wrong_type', step_without_kind: 'unknown_step_kind', step_many_kinds: 'ambiguous_step_kind',
};

export function createReporter(src: YamlSource, file: string, lang: ProblemLang): Reporter {
  const problems: Problem[] = [];
  return {
    lang, file, src, problems,
    place: (path) => describePath(path, lang),
    add(messageKey, params, path, anchor = 'value', opts = {}) {
      const full = { place: describePath(path, lang), ...params };
      const { message, hint } = messageFor(lang, messageKey, full);
      const pos = anchor === 'key' ? src.keyAt(path) : anchor === 'value' ? src.valueAt(path) : src.charAt(path, anchor.char);
      const problem: Problem = {
        code: opts.code ?? CODE_OF[messageKey] ?? messageKey,
        severity: opts.severity ?? 'error',
        message, file, line: pos.line, col: pos.col, path: [...path],
      };
      if (hint) problem.hint = hint;
      problems.push(problem);
    },
  };
}
