import { cityCommands, cityYesNo } from './city-words';
import { detectCommands } from './commands';
import { extractYesNo } from './yes-no';

describe('yes and no in the languages of the city', () => {
  test.each([
    ['Evet', true], ['hayır', false], ['HAYIR', false], ['نعم', true], ['لا', false], ['Так', true], ['ні', false],
    ['Да', true], ['нет', false], ['Tak', true], ['Nie', false], ['nie zgadza się', false], ['Zgadza się', true],
  ])('%s → %s, through the one yes/no extractor', (text, value) => {
    expect(extractYesNo(text)).toEqual({ kind: 'value', value, evidence: expect.any(String) });
  });

  test('a contradiction or a long sentence is no answer', () => {
    expect(extractYesNo('да нет')).toEqual({ kind: 'none' });
    expect(cityYesNo('evet ama yarın değil, başka bir gün')).toBeNull();
  });

  test('German and English still decide their own words', () => {
    expect(extractYesNo('ja')).toMatchObject({ value: true });
    expect(extractYesNo('nein danke')).toMatchObject({ value: false });
  });
});

describe('commands the built-in texts name', () => {
  test.each([
    ['personel', 'handoff'], ['موظف', 'handoff'], ['працівник', 'handoff'], ['сотрудник', 'handoff'], ['pracownik', 'handoff'],
    ['iptal', 'cancel'], ['إلغاء', 'cancel'], ['скасувати', 'cancel'], ['отменить', 'cancel'], ['anuluj', 'cancel'],
    ['Atla', 'skip'], ['تخطي', 'skip'], ['Пропустити', 'skip'], ['пропустить', 'skip'], ['Pomiń', 'skip'],
  ])('%s is %s', (text, command) => {
    expect(detectCommands(text, 'de').map((c) => c.command)).toContain(command);
  });

  test('an ordinary Turkish answer is no command', () => {
    expect(cityCommands('Kimlik kartım için randevu istiyorum')).toEqual([]);
  });
});
