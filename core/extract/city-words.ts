/**
 * Yes/no and command words in the languages of the city beyond German and English (Turkish,
 * Arabic, Ukrainian, Russian, Polish): exactly the words the built-in texts tell a citizen to
 * write, plus their common variants. Matched as whole words of Unicode letters (the German and
 * English extractors fold to a–z and never see Cyrillic or Arabic script). Yes and no count only
 * as a short answer (up to three words) that starts with them; commands count anywhere.
 */
import type { Command } from './types';
import type { Extraction } from './types';

const YES = ['evet', 'tamam', 'doğru', 'نعم', 'أجل', 'صحيح', 'так', 'да', 'tak', 'zgadza'];
const NO = ['hayır', 'hayir', 'yanlış', 'لا', 'كلا', 'ні', 'нет', 'nie'];

const COMMANDS: { command: Command; words: string[] }[] = [
  { command: 'handoff', words: ['personel', 'görevli', 'görevliyle', 'موظف', 'الموظف', 'працівник', 'працівника', 'людиною', 'сотрудник', 'сотрудника', 'человеком', 'pracownik', 'pracownika', 'człowiekiem'] },
  { command: 'cancel', words: ['iptal', 'إلغاء', 'الغاء', 'скасувати', 'отменить', 'отмена', 'anuluj', 'anulować'] },
  { command: 'skip', words: ['atla', 'تخطي', 'пропустити', 'пропустить', 'pomiń', 'pomin'] },
  { command: 'help', words: ['yardım', 'yardim', 'مساعدة', 'допомога', 'помощь', 'pomoc'] },
  { command: 'correction', words: ['düzeltme', 'duzeltme', 'تصحيح', 'виправлення', 'исправление', 'poprawka'] },
];

interface Word { word: string; start: number; end: number }

/** Lower-cased words of Unicode letters with their positions in `text` (Turkish İ → i). */
function words(text: string): Word[] {
  const out: Word[] = [];
  const re = /[\p{L}\p{M}]+/gu;
  let m: RegExpExecArray | null;
  while ((m = re.exec(text)) !== null) {
    out.push({ word: m[0].toLowerCase().replace(/\u0307/g, '').replace(/[\u064B-\u0652]/g, ''), start: m.index, end: m.index + m[0].length });
  }
  return out;
}

/** A clear yes or no in one of the city's languages, or null (the German/English extractor decides). */
export function cityYesNo(text: string): Extraction<boolean> | null {
  const ws = words(text);
  if (ws.length === 0 || ws.length > 3) return null;
  const first = ws[0];
  const yes = YES.includes(first.word);
  const no = NO.includes(first.word);
  if (!yes && !no) return null;
  // "evet hayır" or "да нет" is not a clear yes; after a no, yes-words are negated ("nie zgadza się").
  if (yes && ws.slice(1).some((w) => NO.includes(w.word))) return { kind: 'none' };
  return { kind: 'value', value: yes, evidence: text.slice(first.start, first.end) };
}

/** Command words of the city's languages found in `text`, each with its evidence. */
export function cityCommands(text: string): { command: Command; evidence: string }[] {
  const ws = words(text);
  const out: { command: Command; evidence: string }[] = [];
  for (const { command, words: list } of COMMANDS) {
    const hit = ws.find((w) => list.includes(w.word));
    if (hit) out.push({ command, evidence: text.slice(hit.start, hit.end) });
  }
  return out;
}
