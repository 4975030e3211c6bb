/**
 * The template language of citizen-facing texts: `{name}` and `{value.field}` insert a value,
 * `{if <FEEL>}…{else if <FEEL>}…{else}…{end}` says things conditionally, and
 * `{plural <name>: Jahr | Jahre}` picks the form by the CLDR plural rules of the text's locale
 * (named categories for Polish, Russian, Ukrainian, Arabic: `{plural n: one=… | few=… | many=… | other=…}`).
 * `{{` and `}}` write literal braces. Parsing is pure; problems are data with a character offset.
 */

import { parsePluralForms, type PluralForms } from './plural';

/** One piece of a parsed template. `at` is the 0-based offset of the tag in the text. */
export type TemplateNode =
  | { t: 'text'; v: string }
  | { t: 'insert'; path: string; at: number }
  | { t: 'if'; branches: { cond: string; at: number; body: TemplateNode[] }[]; otherwise: TemplateNode[] }
  | { t: 'plural'; path: string; forms: PluralForms; at: number };

/** A template that cannot be parsed: what is wrong, what to write, and where (0-based offset). */
export interface TemplateProblem { code: 'template_syntax'; at: number; message: string; hint: string }

export type ParsedTemplate = { ok: true; nodes: TemplateNode[] } | { ok: false; problem: TemplateProblem };

const PATH = /^[a-z][a-z0-9_]*(?:\.[A-Za-z0-9_]+)*$/;

type Tag = { kind: 'text'; v: string } | { kind: 'tag'; body: string; at: number };

function tokenize(text: string): Tag[] | TemplateProblem {
  const out: Tag[] = [];
  let buf = '';
  let i = 0;
  while (i < text.length) {
    const c = text[i];
    if (c === '{' && text[i + 1] === '{') { buf += '{'; i += 2; continue; }
    if (c === '}' && text[i + 1] === '}') { buf += '}'; i += 2; continue; }
    if (c === '}') return problem(i, 'a "}" without an opening "{"', 'write "}}" for a literal brace, or add the missing "{"');
    if (c !== '{') { buf += c; i += 1; continue; }
    const close = findClose(text, i + 1);
    if (close < 0) return problem(i, 'a "{" that is never closed', 'close the placeholder with "}", e.g. {gebuehr}, or write "{{" for a literal brace');
    if (buf) out.push({ kind: 'text', v: buf });
    buf = '';
    out.push({ kind: 'tag', body: text.slice(i + 1, close), at: i });
    i = close + 1;
  }
  if (buf) out.push({ kind: 'text', v: buf });
  return out;
}

/** The closing brace of a tag, skipping braces inside FEEL strings ("…"). */
function findClose(text: string, from: number): number {
  let inString = false;
  for (let j = from; j < text.length; j++) {
    const c = text[j];
    if (inString) {
      if (c === '\\') j += 1;
      else if (c === '"') inString = false;
    } else if (c === '"') inString = true;
    else if (c === '{') return -1;
    else if (c === '}') return j;
  }
  return -1;
}

function problem(at: number, message: string, hint: string): TemplateProblem {
  return { code: 'template_syntax', at, message, hint };
}

const isProblem = (x: unknown): x is TemplateProblem => typeof x === 'object' && x !== null && (x as TemplateProblem).code === 'template_syntax';

/** Parses a template text. */
export function parseTemplate(text: string): ParsedTemplate {
  const tokens = tokenize(text);
  if (isProblem(tokens)) return { ok: false, problem: tokens };
  let pos = 0;
  // Parses nodes until {else…} or {end}; returns the stopping tag (or null at the end of text).
  const block = (): { nodes: TemplateNode[]; stop: { word: 'else' | 'elseif' | 'end'; cond: string; at: number } | null } | TemplateProblem => {
    const nodes: TemplateNode[] = [];
    while (pos < tokens.length) {
      const tok = tokens[pos++];
      if (tok.kind === 'text') { nodes.push({ t: 'text', v: tok.v }); continue; }
      const body = tok.body.trim();
      const word = /^(if|else\s+if|else|end|plural)\b/.exec(body)?.[1]?.replace(/\s+/, ' ');
      if (word === 'end') return { nodes, stop: { word: 'end', cond: '', at: tok.at } };
      if (word === 'else') {
        if (body !== 'else') return problem(tok.at, `"{${body}}" is not a tag`, 'write {else} alone, or {else if <condition>}');
        return { nodes, stop: { word: 'else', cond: '', at: tok.at } };
      }
      if (word === 'else if') {
        const cond = body.replace(/^else\s+if\b/, '').trim();
        if (!cond) return problem(tok.at, '{else if} without a condition', 'write {else if <FEEL condition>}, e.g. {else if alter < 16}');
        return { nodes, stop: { word: 'elseif', cond, at: tok.at } };
      }
      if (word === 'if') {
        const cond = body.slice(2).trim();
        if (!cond) return problem(tok.at, '{if} without a condition', 'write {if <FEEL condition>}…{end}, e.g. {if versand_gebuehr > 0}Versand: {versand_gebuehr} €{end}');
        const node = ifNode(cond, tok.at);
        if (isProblem(node)) return node;
        nodes.push(node);
        continue;
      }
      if (word === 'plural') {
        const m = /^plural\s+([^:]+):(.*)$/s.exec(body);
        const forms = m ? parsePluralForms(m[2]) : 'no forms';
        if (!m || !PATH.test(m[1].trim()) || typeof forms === 'string') {
          return problem(tok.at, `"{${body}}" is not a plural form${typeof forms === 'string' ? ` (${forms})` : ''}`,
            'write {plural <name>: <singular> | <plural>}, e.g. {plural gueltigkeit_jahre: Jahr | Jahre}, or name the CLDR categories, e.g. {plural n: one=рік | few=роки | many=років | other=року}');
        }
        nodes.push({ t: 'plural', path: m[1].trim(), forms, at: tok.at });
        continue;
      }
      if (!PATH.test(body)) {
        return problem(tok.at, `"{${tok.body}}" is neither a name nor a tag`,
          'insert a value with {name} or {name.field} (lower-case name), say something conditionally with {if <condition>}…{end}, or write "{{" for a literal brace');
      }
      nodes.push({ t: 'insert', path: body, at: tok.at });
    }
    return { nodes, stop: null };
  };
  const ifNode = (cond: string, at: number): TemplateNode | TemplateProblem => {
    const branches: { cond: string; at: number; body: TemplateNode[] }[] = [];
    let current = { cond, at };
    for (;;) {
      const b = block();
      if (isProblem(b)) return b;
      branches.push({ ...current, body: b.nodes });
      if (b.stop === null) return problem(at, `{if ${cond}} is never closed`, 'end the conditional text with {end}');
      if (b.stop.word === 'end') return { t: 'if', branches, otherwise: [] };
      if (b.stop.word === 'elseif') { current = { cond: b.stop.cond, at: b.stop.at }; continue; }
      const rest = block();
      if (isProblem(rest)) return rest;
      if (rest.stop?.word !== 'end') return problem(at, `{if ${cond}} … {else} is never closed`, 'end the conditional text with {end}');
      return { t: 'if', branches, otherwise: rest.nodes };
    }
  };
  const top = block();
  if (isProblem(top)) return { ok: false, problem: top };
  if (top.stop) {
    const tag = top.stop.word === 'elseif' ? 'else if' : top.stop.word;
    return { ok: false, problem: problem(top.stop.at, `{${tag}} without a matching {if}`, 'start the conditional text with {if <condition>}, or remove the tag') };
  }
  return { ok: true, nodes: top.nodes };
}

/** Every name path a template inserts or pluralises, and every condition, with its offset. */
export function templateParts(nodes: TemplateNode[]): { paths: { path: string; at: number }[]; conditions: { cond: string; at: number }[] } {
  const paths: { path: string; at: number }[] = [];
  const conditions: { cond: string; at: number }[] = [];
  const walk = (list: TemplateNode[]): void => {
    for (const n of list) {
      if (n.t === 'insert' || n.t === 'plural') paths.push({ path: n.path, at: n.at });
      if (n.t === 'if') {
        for (const b of n.branches) { conditions.push({ cond: b.cond, at: b.at }); walk(b.body); }
        walk(n.otherwise);
      }
    }
  };
  walk(nodes);
  return { paths, conditions };
}
