/**
 * A small appointment service used by the engine tests and the benchmark: four slots (one of
 * them personal), a summary confirmation, a calendar booking and an outcome. Not a test file
 * itself; `answerFor` plays the citizen by looking at what the session waits for.
 */
import { createHash } from 'node:crypto';
import { stringify } from 'yaml';
import { compileService } from '../../core/compiler';
import { ServiceDefinition, type ServiceDefinitionInput } from '../../core/definition/schema';
import type { CompiledService, Pending } from '../../core/session/types';

export interface FixtureOptions {
  /** Replaces calendar.book (e.g. by a slow or failing test action). */
  action?: string;
  service?: string;
  settings?: ServiceDefinitionInput['settings'];
}

/** The fixture definition. */
export function fixtureDefinition(opts: FixtureOptions = {}): ServiceDefinitionInput {
  const action = opts.action ?? 'calendar.book';
  return {
    service: opts.service ?? 'termin_test',
    ...(opts.settings ? { settings: opts.settings } : {}),
    version: '2026.1',
    title: { de: 'Termin im Bürgerbüro (Test)', en: 'Appointment (test)' },
    privacy: { purpose: 'Terminvergabe', basis: 'Art. 6 Abs. 1 lit. e DSGVO', retention: 'P30D' },
    slots: {
      anliegen: {
        type: 'enum',
        ask: 'Worum geht es: Personalausweis oder Reisepass?',
        values: { personalausweis: { label: 'Personalausweis' }, reisepass: { label: 'Reisepass' } },
      },
      standort: {
        type: 'enum',
        ask: 'In welchem BÜRGERcenter: Buer oder Horst?',
        values: { buer: { label: 'Buer' }, horst: { label: 'Horst' } },
      },
      wunschdatum: { type: 'date', ask: 'Ab welchem Tag möchten Sie einen Termin?', valid: 'wunschdatum >= today' },
      email: { type: 'email', ask: 'An welche E-Mail-Adresse dürfen wir die Bestätigung senden?', personal: true, purpose: 'Terminbestätigung' },
    },
    flow: [
      { id: 'daten', collect: ['anliegen', 'standort', 'wunschdatum', 'email'] },
      { id: 'zusammenfassung', confirm: 'summary' },
      { id: 'buchen', action, with: { location: 'standort', concerns: 'anliegen', date: 'wunschdatum', to: 'email' }, result: 'termin' },
      { id: 'fertig', outcome: 'gebucht' },
    ],
    outcomes: {
      gebucht: { kind: 'information', say: 'Ihr Termin: {termin.beginn} im {termin.location_name}, Nummer {termin.booking}.', values: ['termin'] },
    },
  };
}

export function fixtureService(opts: FixtureOptions = {}): CompiledService {
  const input = fixtureDefinition(opts);
  const source = stringify(input);
  const hash = createHash('sha256').update(source).digest('hex');
  return compileService(ServiceDefinition.parse(input), { source, hash });
}

/** Personal answers the encryption test looks for in the database file. */
export const CITIZEN = { email: 'max.mustermann.secret@example.org', date: 'am 24.11.2026' };

/** The citizen's answer to whatever the session waits for. */
export function answerFor(pending: Pending): string {
  if (!pending) return 'hallo';
  switch (pending.kind) {
    case 'slot':
      return ({ anliegen: 'Personalausweis', standort: 'Buer', wunschdatum: CITIZEN.date, email: CITIZEN.email } as Record<string, string>)[pending.slot] ?? 'weiß nicht';
    case 'disambiguate':
      return '1';
    default:
      return 'ja';
  }
}
