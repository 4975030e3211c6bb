import { loadCatalog } from './catalog';
import { Conversation } from './core/session/test-helpers';
const { services } = loadCatalog('definitions');
const svc = (id: string) => services.find((s) => s.id === id)!;
function run(id: string, lines: string[]) {
  const c = new Conversation(svc(id), '2026-11-20');
  console.log(`== ${id}\n  A: ${c.start()}`);
  for (const l of lines) { const a = c.say(l); console.log(`  C: ${l}\n  A: ${a.replace(/\n/g, ' | ')}`); }
  console.log('  slots:', JSON.stringify(Object.fromEntries(Object.entries(c.s.slots).map(([k, v]) => [k, v.value]))), 'values:', JSON.stringify(c.s.values));
}
const script = JSON.parse(process.argv[2]);
for (const [id, lines] of script) run(id, lines);
