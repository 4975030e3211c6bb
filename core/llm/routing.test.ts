/**
 * The pure router over the example services and catalog.yaml: two concerns are offered as a
 * choice, "abmelden" is no typo of "anmelden", and a message nothing routes is declined as
 * what it is (not offered, off topic) instead of listing every service.
 */
import path from 'node:path';
import { loadCatalog, loadRoutingCatalogue } from '../../catalog';
import { routableService, routeMessage } from './routing';

const definitions = path.join(__dirname, '..', '..', 'definitions');
const services = loadCatalog(definitions).services.map((s) => routableService(s.definition, 'de'));
const { catalogue } = loadRoutingCatalogue(definitions);

function route(text: string): string {
  const d = routeMessage(services, catalogue, text, 'de');
  if ('service' in d) return d.service;
  if ('candidates' in d) return d.candidates.length === services.length ? 'all' : d.candidates.map((c) => c.id).sort().join('|');
  if ('handoff' in d) return 'handoff';
  return d.reason;
}

describe('two concerns in one message are a choice (und9)', () => {
  it.each([
    ['Ich brauche ein Führungszeugnis und muss meinen Hund anmelden', 'fuehrungszeugnis|hundesteuer'],
    ['Ausweis verloren und Termin absagen', 'personalausweis|termin-absagen'],
    ['Ich muss meinen Termin verschieben', 'termin-absagen|terminvereinbarung'],
  ])('%j → %s', (text, want) => {
    expect(route(text)).toBe(want);
  });
  it('a word several services share does not make a second concern', () => {
    expect(route('Hundesteuer anmelden')).toBe('hundesteuer');
    expect(route('Mein Ausweis ist abgelaufen, ich brauche einen Termin')).toBe('personalausweis');
  });
});

describe('deregistering is not offered; "abmelden" is no typo of "anmelden" (und9)', () => {
  it.each(['Ich möchte meinen Hund abmelden', 'Ich ziehe ins Ausland und muss mich abmelden'])('%j', (text) => {
    expect(route(text)).toBe('not_offered');
  });
  it('"anmelden" still registers', () => {
    expect(route('Ich bin umgezogen und muss mich anmelden')).toBe('wohnsitz-anmeldung');
  });
});

describe('a message nothing routes (und9)', () => {
  it.each([['Hallo, ich habe eine Frage', 'all'], ['Können Sie mir helfen?', 'all'], ['Ich möchte einen Angelschein beantragen', 'not_offered'], ['Was gibt es heute in der Mensa zu essen?', 'off_topic']])('%j → %s', (text, want) => {
    expect(route(text)).toBe(want);
  });
});
