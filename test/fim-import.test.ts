/** `amtsweg import fim`: XDatenfelder 2 and 3 files (written for the tests after the standard's structure) to definitions that validate and run. */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { loadServiceSource } from '../catalog';
import { runImportFim } from '../cli/commands/import';
import { CliError } from '../cli/errors';
import { step } from '../core/session';
import { FimError, readXDatenfelder, skeletonOf } from '../fim';

const FIXTURES = join(__dirname, 'fixtures', 'fim');
const read = (f: string): string => readFileSync(join(FIXTURES, f), 'utf8');

describe('import fim', () => {
  it('XDatenfelder 3: groups flattened, types, labels, help, constraints, inline code list, cardinality, FIM ids', () => {
    const schema = readXDatenfelder(read('hundehaltung.xdf3.xml'));
    expect(schema).toMatchObject({ xdf: 3, id: 'S99000001', version: '1.0.0' });
    const { yaml, slots, skipped } = skeletonOf(schema, 'hundehaltung.xdf3.xml');
    expect(slots).toEqual(['familienname', 'telefon', 'anschaffungsdatum', 'anzahl_hunde', 'herkunft']);
    expect(skipped).toEqual([{ field: 'F99000013 Hinweis', reason: 'Feldart label' }]);
    const { service, problems } = loadServiceSource(yaml, join(FIXTURES, 'out.yaml'), { calendar: false });
    expect(problems.filter((p) => p.severity === 'error')).toEqual([]);
    const def = service!.definition;
    expect(def.slots.familienname).toMatchObject({ type: 'text', ask: 'Familienname?', hint: 'Wie im Ausweis, ohne Titel.', min_length: 1, max_length: 120, fim: { id: 'F99000001', version: '1.2.0', schema: 'S99000001' } });
    expect(def.slots.telefon.optional).toBe(true);
    expect(def.slots.anzahl_hunde).toMatchObject({ type: 'integer', min: 1, max: 20 });
    expect(def.slots.herkunft).toMatchObject({ type: 'enum', values: { th: { label: 'Tierheim' }, zu: { label: 'Züchter' }, pr: { label: 'Privat' } } });
    // The skeleton runs: the first question is the first field's label.
    const first = step(service!, null, { type: 'start', sessionId: 'f', referenceDate: '2026-03-01' }, '2026-03-01T09:00:00.000Z');
    expect(first.messages.map((m) => m.text).join(' ')).toContain('Familienname?');
  });

  it('XDatenfelder 2: JSON Präzisierung, currency, 0:* and a referenced code list noted for the designer', () => {
    const schema = readXDatenfelder(read('meldung.xdf2.xml'));
    expect(schema.xdf).toBe(2);
    const { yaml } = skeletonOf(schema, 'meldung.xdf2.xml');
    const { service, problems } = loadServiceSource(yaml, join(FIXTURES, 'out.yaml'), { calendar: false });
    expect(problems.filter((p) => p.severity === 'error')).toEqual([]);
    expect(service!.definition.slots.postleitzahl).toMatchObject({ type: 'text', min_length: 5, max_length: 5, pattern: '[0-9]{5}' });
    expect(service!.definition.slots.gebuehr).toMatchObject({ type: 'money', optional: true });
    expect(yaml).toContain('# NOTE F99000021 Gebühr: FIM allows 0:* values; the slot takes one');
    expect(yaml).toContain('code list urn:de:bund:destatis:bevoelkerungsstatistik:schluessel:staat is not in the file');
  });

  it.each([
    ['<a><b></a>', 'xml', /<\/a> closes <b>/],
    ['<xdf:x xmlns:xdf="urn:other"/>', 'x', /no XDatenfelder namespace/],
    [read('hundehaltung.xdf3.xml').replace('<xdf:identifikation><xdf:id>F99000010</xdf:id><xdf:version>1.0.0</xdf:version></xdf:identifikation>', ''), 'datenfeld', /<datenfeld> at line \d+ has no <identifikation><id>/],
    [read('meldung.xdf2.xml').replace('<xdf:anzahl>0:*</xdf:anzahl>', '<xdf:anzahl>viele</xdf:anzahl>'), 'anzahl', /is not a cardinality; write it as 1:1, 0:1/],
  ])('a broken file gets a clear error naming the element (%#)', (text, element, message) => {
    let err: unknown;
    try { readXDatenfelder(text); } catch (e) { err = e; }
    expect(err).toBeInstanceOf(FimError);
    expect((err as FimError).element).toBe(element);
    expect((err as FimError).message).toMatch(message);
    expect((err as FimError).line).toBeGreaterThan(0);
  });

  it('the command reports file:line:col without a stack trace', () => {
    const file = join(FIXTURES, 'broken.xml');
    expect(() => runImportFim(file, {}, () => undefined)).toThrow(CliError);
    try {
      runImportFim(file, {}, () => undefined);
    } catch (e) {
      expect((e as Error).message).toMatch(/broken\.xml:5:1: not well-formed XML: <\/xdf:stammdatenschema> closes <datenfeld> opened at line 4, column 1; close <datenfeld> first/);
    }
  });
});
