import { detectCommands } from './index';
import type { Command } from './types';

const commands = (text: string) => detectCommands(text, 'de').map((c) => c.command).sort();

describe('detectCommands', () => {
  it.each<[string, Command[]]>([
    ['abbrechen', ['cancel']],
    ['Ich will nicht mehr', ['cancel']],
    ['Bitte abbrechen!', ['cancel']],
    ['stop', ['cancel']],
    ['Stopp!', ['cancel']],
    ['cancel', ['cancel']],
    ['vergiss es', ['cancel']],
    ['Ich möchte mit einem Mitarbeiter sprechen', ['handoff']],
    ['Kann ich mit einem Menschen sprechen?', ['handoff']],
    ['echte Person bitte', ['handoff']],
    ['Sachbearbeiterin bitte', ['handoff']],
    ['human', ['handoff']],
    ['I want to talk to an agent', ['handoff']],
    ['überspringen', ['skip']],
    ['weiß ich nicht', ['skip']],
    ['Das weiss ich nicht', ['skip']],
    ['keine Angabe', ['skip']],
    ['skip', ['skip']],
    ['Korrektur: 13.5.1990', ['correction']],
    ['falsch, es ist der 6.', ['correction', 'no']],
    ['nein, ich meinte den 5.', ['correction', 'no']],
    ['Nein, es ist der 16.', ['correction', 'no']],
    ["actually it's the 6th", ['correction']],
    ['Ich habe mich vertan, es ist 1991', ['correction']],
    ['hilfe', ['help']],
    ['Was muss ich tun?', ['help']],
    ['help', ['help']],
    ['ja', ['yes']],
    ['nein', ['no']],
  ])('%j → %j', (text, expected) => {
    expect(commands(text)).toEqual([...expected].sort());
  });

  it.each([
    'Ich stoppe die Uhr nicht', '13.05.1990', 'Erika Mustermann', 'Rottweiler', '', 'Ich habe einen Hund',
    'Der Bus hält an der Haltestelle, ich komme dann', 'Mein Ausweis läuft ab',
    'Ich möchte einen Antrag stellen, aber ich weiß nicht welchen',
  ])('%j has no command', (text) => {
    expect(detectCommands(text, 'de')).toEqual([]);
  });

  it('returns the evidence', () => {
    expect(detectCommands('Ich möchte bitte mit einer echten Person sprechen', 'de')).toEqual([{ command: 'handoff', evidence: 'echten Person' }]);
  });
});

describe('"cancel" with what is cancelled is the concern, not the command (und9)', () => {
  it.each(['Please cancel booking GE-RT56ZU78', 'I need to cancel my appointment', 'cancel the appointment please'])('%j', (text) => {
    expect(detectCommands(text, 'en').map((c) => c.command)).not.toContain('cancel');
  });
  it('"cancel" alone still cancels', () => {
    expect(detectCommands('cancel', 'en').map((c) => c.command)).toContain('cancel');
  });
});
