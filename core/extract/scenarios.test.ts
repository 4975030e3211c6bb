/**
 * The example services must be completable without any LLM: every answer in the scenario files
 * of definitions/ that moves a conversation on must be understood by the extractors alone.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parse } from 'yaml';
import { ServiceDefinition } from '../definition/schema';
import { detectCommands, extractForSlot } from './index';

interface Turn { citizen?: unknown; expect?: { asks?: string; confirms?: string; status?: string } }
interface Scenario { name: string; locale?: string; today?: string; greeting?: { asks?: string }; turns?: Turn[]; values?: Record<string, unknown> }

const dir = join(__dirname, '..', '..', 'definitions');
const files = readdirSync(dir).filter((f) => f.endsWith('.scenarios.yaml'));
const cases: { label: string; run: () => void }[] = [];

for (const file of files) {
  const doc = parse(readFileSync(join(dir, file), 'utf8')) as { service: string; today?: string; scenarios: Scenario[] };
  const parsed = ServiceDefinition.safeParse(parse(readFileSync(join(dir, `${doc.service}.yaml`), 'utf8')));
  if (!parsed.success) continue; // definition problems are the definition tests' business
  const def = parsed.data;
  for (const sc of doc.scenarios ?? []) {
    let asking = sc.greeting?.asks;
    let confirming = false;
    // Values listed for a scenario are the final ones; a corrected answer had another value first.
    const corrects = (sc.turns ?? []).some((t, i, all) => {
      const found = detectCommands(String(t.citizen ?? ''), sc.locale ?? 'de').map((c) => c.command);
      return found.includes('correction') || (found.includes('no') && all[i - 1]?.expect?.confirms !== undefined);
    });
    for (const turn of sc.turns ?? []) {
      const text = String(turn.citizen ?? '');
      const next = turn.expect ?? {};
      const today = String(sc.today ?? doc.today ?? '2026-11-26');
      const locale = sc.locale ?? 'de';
      const commands = detectCommands(text, locale).map((c) => c.command);
      const slotName = asking;
      if (confirming) {
        cases.push({ label: `${doc.service} / ${sc.name} / confirm ${JSON.stringify(text)}`, run: () => {
          expect(commands.some((c) => c === 'yes' || c === 'no')).toBe(true);
        } });
      } else if (slotName && def.slots[slotName] && text && commands.length === 0
        && ((next.asks !== undefined && next.asks !== slotName) || next.confirms !== undefined || next.status === 'completed')) {
        const slot = def.slots[slotName];
        const expected = sc.values?.[slotName];
        cases.push({ label: `${doc.service} / ${sc.name} / ${slotName} ← ${JSON.stringify(text)}`, run: () => {
          const r = extractForSlot(slot, text, { locale, today });
          expect(r.kind).toBe('value');
          if (!corrects && expected !== undefined && expected !== null && r.kind === 'value') expect(r.value).toEqual(expected);
        } });
      }
      asking = next.asks;
      confirming = next.confirms !== undefined;
    }
  }
}

describe('example scenarios are understood without an LLM', () => {
  it('finds scenario files', () => {
    expect(files.length).toBeGreaterThan(0);
    expect(cases.length).toBeGreaterThan(10);
  });
  it.each(cases.map((c) => [c.label, c.run] as const))('%s', (_label, run) => run());
});
