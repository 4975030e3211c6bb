/**
 * `amtsweg translate <definition> --to tr`: drafts the definition's missing Turkish texts with the
 * configured LLM into `<service>.tr.translation.yaml` beside it, marked unreviewed (verify refuses
 * it). `amtsweg translate --merge <draft>` copies a reviewed draft into the definition.
 */
import fs from 'node:fs';
import path from 'node:path';
import type { Command } from 'commander';
import { DRAFT_SUFFIX, draftTranslations, draftYaml, mergeDraftFile, TranslationMergeError } from '../../authoring/translate';
import { loadServiceFile } from '../../catalog';
import { LOCALES, type Locale } from '../../core/definition/schema';
import { createLlmClient } from '../../llm/client';
import { llmConfigFromEnv } from '../../llm/config';
import { formatProblems } from '../catalog';
import { CliError, UsageError } from '../errors';

interface TranslateOptions { to?: string; out?: string; merge?: boolean }

/** Drafts or merges; returns the lines to print. */
export async function runTranslate(target: string, opts: TranslateOptions, env: NodeJS.ProcessEnv = process.env): Promise<string[]> {
  if (!fs.existsSync(target)) throw new UsageError(`No such file: ${target}.`);
  if (opts.merge) {
    try {
      const r = mergeDraftFile(target);
      fs.rmSync(target);
      return [`merged ${r.texts} text(s) into ${r.definition}; removed ${target}`, `next: amtsweg verify ${r.definition}`];
    } catch (e) {
      if (e instanceof TranslationMergeError) throw new CliError(`Not merged: ${e.message}.`);
      throw new CliError((e as Error).message);
    }
  }
  const to = opts.to;
  if (!to || !(LOCALES as readonly string[]).includes(to) || to === 'de') {
    throw new UsageError(`Pass the target language with --to, one of ${LOCALES.filter((l) => l !== 'de').join(', ')}.`);
  }
  const { service, problems } = loadServiceFile(target);
  if (!service) throw new CliError(`${target} does not load; fix it first (amtsweg validate ${target}).`, 1, formatProblems(problems));
  const config = llmConfigFromEnv(env);
  if (!config) throw new CliError('No LLM configured: set OPENAI_BASE_URL and AMTSWEG_LLM_MODEL (and OPENAI_API_KEY) to draft translations.');
  const out = opts.out ?? path.join(path.dirname(target), `${service.id}.${to}${DRAFT_SUFFIX}`);
  const draft = await draftTranslations(service.definition, path.relative(path.dirname(out), target) || path.basename(target), to as Locale, createLlmClient(config));
  fs.writeFileSync(out, draftYaml(draft));
  const lines = [`drafted ${draft.texts.length} ${to} text(s) into ${out} (NOT REVIEWED)`];
  for (const n of draft.not_drafted) lines.push(`  not drafted: ${n.path}: ${n.reason}`);
  lines.push('next: a person reviews every text, sets "reviewed: true", then runs amtsweg translate --merge ' + out);
  return lines;
}

export function register(program: Command): void {
  program
    .command('translate')
    .description('draft missing translations of a definition with the configured LLM, for review; or merge a reviewed draft')
    .argument('<file>', 'a definition (*.yaml), or with --merge a draft (*.translation.yaml)')
    .option('--to <locale>', `target language (${LOCALES.filter((l) => l !== 'de').join(', ')})`)
    .option('--out <file>', 'where to write the draft (default: <service>.<locale>.translation.yaml beside the definition)')
    .option('--merge', 'merge a reviewed draft into its definition and remove the draft')
    .addHelpText('after', '\nDrafts are marked "reviewed: false"; amtsweg verify refuses them until a person sets "reviewed: true".\n\nExamples:\n  $ amtsweg translate definitions/terminvereinbarung.yaml --to uk\n  $ amtsweg translate --merge definitions/terminvereinbarung.uk.translation.yaml\n')
    .action(async (file: string, opts: TranslateOptions) => {
      for (const line of await runTranslate(file, opts)) process.stdout.write(`${line}\n`);
    });
}
