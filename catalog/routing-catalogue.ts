/**
 * The routing catalogue (`catalog.yaml` next to the definitions): referrals for what this
 * assistant does not handle ("Reisepass → Bürgerbüro", "Steuer-ID → Bundeszentralamt für
 * Steuern"), extra words per service (abbreviations: "FZ", "Perso") and off-topic words. One
 * file for every channel's router. A missing file is an empty catalogue; a broken one a problem.
 */
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { parse } from 'yaml';
import { z } from 'zod';
import { LocalizedText, LocalizedWords } from '../core/definition/schema';
import type { RoutingCatalogue } from '../core/llm/routing';

export const CATALOGUE_FILE = 'catalog.yaml';

const Referral = z.object({
  keywords: LocalizedWords,
  say: LocalizedText,
  service: z.string().optional().describe('A service of this catalogue that helps with part of it (e.g. the appointment)'),
}).strict();

const CatalogueFile = z.object({
  aliases: z.record(z.string(), z.array(z.string().min(1))).default({}),
  referrals: z.record(z.string().regex(/^[a-z][a-z0-9_]*$/), Referral).default({}),
  off_topic: LocalizedWords.default({}),
}).strict();

/** Reads `catalog.yaml` of a definitions folder. */
export function loadRoutingCatalogue(dir: string): { catalogue: RoutingCatalogue; problems: string[] } {
  const file = path.join(dir, CATALOGUE_FILE);
  const empty: RoutingCatalogue = { aliases: {}, referrals: {}, offTopic: [] };
  if (!existsSync(file)) return { catalogue: empty, problems: [] };
  let raw: unknown;
  try {
    raw = parse(readFileSync(file, 'utf8'));
  } catch (e) {
    return { catalogue: empty, problems: [`${file}: not valid YAML (${(e as Error).message.split('\n')[0]})`] };
  }
  const parsed = CatalogueFile.safeParse(raw ?? {});
  if (!parsed.success) return { catalogue: empty, problems: parsed.error.issues.map((i) => `${file}: ${i.path.join('.')}: ${i.message}`) };
  const c = parsed.data;
  return {
    catalogue: {
      aliases: c.aliases,
      referrals: Object.fromEntries(Object.entries(c.referrals).map(([id, r]) => [id, { keywords: Object.values(r.keywords).flat().filter((w): w is string => typeof w === 'string'), say: r.say, service: r.service }])),
      offTopic: Object.values(c.off_topic).flat().filter((w): w is string => typeof w === 'string'),
    },
    problems: [],
  };
}
