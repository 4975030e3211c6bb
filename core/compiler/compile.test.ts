import { createMachine, initialTransition } from 'xstate';
import { ServiceDefinition } from '../definition/schema';
import { AUSWEIS } from '../session/fixtures';
import { CompileError, compileService, toMermaid } from '.';

const compile = (overrides: Record<string, unknown> = {}) =>
  compileService(ServiceDefinition.parse({ ...AUSWEIS, ...overrides }), { source: 'src', hash: 'h1' });

describe('compileService', () => {
  it('keeps identity and produces plain JSON', () => {
    const c = compile();
    expect(c).toMatchObject({ id: 'personalausweis', version: '2026.2', hash: 'h1', source: 'src' });
    expect(JSON.parse(JSON.stringify(c.machine))).toEqual(c.machine);
    expect(JSON.parse(JSON.stringify(c.steps))).toEqual(c.steps);
  });

  it('gives every step a stable id: its own or a path-derived one', () => {
    const c = compile();
    expect(Object.keys(c.steps ?? {})).toEqual([
      'angaben', 'minderjaehrig', 'minderjaehrig_then_0', 'minderjaehrig_then_1', 'minderjaehrig_then_1_then_0',
      'minderjaehrig_else_0', 's2', 'pruefen', 'buchen', 's5', 's5_then_0', 's6',
    ]);
    expect(c.steps?.minderjaehrig).toEqual({ kind: 'if', id: 'minderjaehrig', cond: 'alter < 16', then: 'minderjaehrig_then_0', else: 'minderjaehrig_else_0' });
    // The end of a branch continues after the if; an if without else falls through.
    expect(c.steps?.minderjaehrig_then_0).toMatchObject({ kind: 'collect', next: 'minderjaehrig_then_1' });
    expect(c.steps?.minderjaehrig_then_1).toMatchObject({ kind: 'if', then: 'minderjaehrig_then_1_then_0', else: 's2' });
    expect(c.steps?.minderjaehrig_else_0).toMatchObject({ kind: 'say', next: 's2' });
  });

  it('builds guarded always transitions, named actions, finals and global events', () => {
    const m = compile().machine as { initial: string; on: Record<string, unknown>; states: Record<string, Record<string, unknown>> };
    expect(m.initial).toBe('angaben');
    expect(m.on).toEqual({ HANDOFF: { target: '.handoff' }, CANCEL: { target: '.cancelled' }, TIMEOUT: { target: '.cancelled' } });
    expect(m.states.angaben.always).toEqual([{ guard: { type: 'slotsComplete', params: { step: 'angaben' } }, target: 'minderjaehrig' }]);
    expect(m.states.minderjaehrig.always).toEqual([
      { guard: { type: 'condition', params: { step: 'minderjaehrig' } }, target: 'minderjaehrig_then_0' },
      { target: 'minderjaehrig_else_0' },
    ]);
    expect(m.states.buchen.entry).toEqual([{ type: 'requestAction', params: { step: 'buchen' } }]);
    expect(m.states.buchen.on).toMatchObject({ EFFECT_FAILED: { target: 'handoff' } });
    expect(m.states.pruefen.on).toMatchObject({ CONFIRM_YES: { target: 'buchen' } });
    for (const final of ['outcome_termin_gebucht', 'outcome_verlust_bescheid', 'handoff', 'cancelled', 'end']) {
      expect(m.states[final].type).toBe('final');
    }
    expect(m.states.outcome_termin_gebucht.entry).toEqual([{ type: 'finishOutcome', params: { outcome: 'termin_gebucht' } }]);
  });

  it('is accepted by XState and settles by its guards', () => {
    const c = compile();
    const machine = createMachine(c.machine as never).provide({
      guards: { slotsComplete: () => true, condition: () => false, summaryConfirmed: () => true, actionDone: () => false },
    } as never);
    const [snapshot, actions] = initialTransition(machine);
    expect(snapshot.value).toBe('buchen');
    expect(actions.map((a) => a.type)).toEqual(['decide', 'say', 'requestAction']);
  });

  it('reports unknown outcomes, unknown slots and duplicate step ids', () => {
    expect(() => compile({ flow: [{ outcome: 'gibt_es_nicht' }] })).toThrow(CompileError);
    expect(() => compile({ flow: [{ outcome: 'gibt_es_nicht' }] })).toThrow(/not declared under outcomes/);
    expect(() => compile({ flow: [{ collect: ['unbekannt'] }, { outcome: 'termin_gebucht' }] })).toThrow(/"unbekannt"/);
    expect(() => compile({ flow: [{ id: 'a', collect: ['plz'] }, { id: 'a', outcome: 'termin_gebucht' }] })).toThrow(/"a" is used twice/);
    expect(() => compile({ flow: [{ id: 'handoff', collect: ['plz'] }] })).toThrow(/reserved/);
  });
});

describe('toMermaid', () => {
  it('renders a stateDiagram-v2 with branches, outcomes and exits', () => {
    const text = toMermaid(compile());
    expect(text.startsWith('stateDiagram-v2\n  [*] --> angaben\n')).toBe(true);
    expect(text).toContain('  minderjaehrig --> minderjaehrig_then_0 : [alter < 16]');
    expect(text).toContain('  minderjaehrig --> minderjaehrig_else_0 : else');
    expect(text).toContain('  s6 --> outcome_termin_gebucht');
    expect(text).toContain('  buchen --> handoff : EFFECT_FAILED');
    expect(text).toContain('  outcome_verlust_bescheid --> [*]');
    expect(text).toContain('  flow_end --> [*]');
    expect(text).not.toMatch(/\bend\b --> /);
  });
});
