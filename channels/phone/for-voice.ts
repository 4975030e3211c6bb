/**
 * The rewrite that makes every text of a written channel (built-in messages, the definition's
 * questions) fit a call, per locale: a caller says or presses, never writes or types.
 */
import { voiceLocale, type VoiceLocale } from './texts';

type Rules = [RegExp, string][];

// Order matters: the phrases with the staff word and the number come before the bare verbs.
const RULES: Record<VoiceLocale, Rules> = {
  de: [
    [/schreiben Sie jederzeit „Mitarbeiter“/g, 'sagen Sie jederzeit „Mitarbeiter“ oder drücken Sie die 0'],
    [/[Ss]chreiben Sie dazu „Mitarbeiter“/g, 'sagen Sie dazu „Mitarbeiter“ oder drücken Sie die 0'],
    [/Schreiben Sie „Mitarbeiter“/g, 'Sagen Sie „Mitarbeiter“ oder drücken Sie die 0'],
    [/Bitte antworten Sie mit der Nummer\./g, 'Bitte sagen Sie die Nummer oder drücken Sie die Taste.'],
    [/Sie können jederzeit schreiben:/g, 'Sie können jederzeit sagen:'],
    [/\bSchreiben Sie\b/g, 'Sagen Sie'],
    [/\bschreiben Sie\b/g, 'sagen Sie'],
    [/\bschreiben\b/g, 'sagen'],
    [/\bgeschrieben\b/g, 'gesagt'],
    [/\bIhre Nachricht\b/g, 'Ihre Antwort'],
    [/\bhier bei Ihnen\b/g, 'bei Ihnen'],
  ],
  en: [
    [/write “staff” at any time/g, 'say “staff” or press 0 at any time'],
    [/just write “staff”/g, 'just say “staff” or press 0'],
    [/: write “staff”/g, ': say “staff” or press 0'],
    [/Please answer with the number\./g, 'Please say the number or press the key.'],
    [/\btype the code\b/g, 'say the code'],
    [/\bby writing\b/g, 'by saying'],
    [/\bwrite\b/g, 'say'],
    [/\bWrite\b/g, 'Say'],
    [/\bwriting\b/g, 'speaking'],
  ],
  tr: [
    [/“personel” yazın/g, '“personel” deyin ya da 0 tuşuna basın'],
    [/“personel” yazabilirsiniz/g, '“personel” diyebilirsiniz'],
    [/Lütfen numarasıyla cevap verin\./g, 'Lütfen numarasını söyleyin ya da tuşuna basın.'],
    [/yazabilirsiniz/g, 'söyleyebilirsiniz'],
    [/yazarak/g, 'söyleyerek'],
    [/(?<!\p{L})yazın(?!\p{L})/gu, 'söyleyin'],
    [/(?<!\p{L})girin(?!\p{L})/gu, 'söyleyin'],
  ],
  ar: [
    [/اكتب «موظف»/g, 'قل «موظف» أو اضغط 0'],
    [/يرجى الإجابة بالرقم\./g, 'يرجى قول الرقم أو الضغط على الزر.'],
    [/أن تكتب/g, 'أن تقول'],
    [/بكتابة/g, 'بقول'],
    [/اكتب/g, 'قل'],
    [/كتابة/g, 'ذكر'],
    [/إدخال/g, 'ذكر'],
  ],
  uk: [
    [/напишіть «працівник»/g, 'скажіть «працівник» або натисніть 0'],
    [/Будь ласка, дайте відповідь номером\./g, 'Будь ласка, назвіть номер або натисніть клавішу.'],
    [/Напишіть/g, 'Скажіть'],
    [/напишіть/g, 'скажіть'],
    [/написати/g, 'сказати'],
    [/написавши/g, 'сказавши'],
    [/введіть/g, 'скажіть'],
  ],
  ru: [
    [/напишите «сотрудник»/g, 'скажите «сотрудник» или нажмите 0'],
    [/Пожалуйста, ответьте номером\./g, 'Пожалуйста, назовите номер или нажмите клавишу.'],
    [/Напишите/g, 'Скажите'],
    [/напишите/g, 'скажите'],
    [/написать/g, 'сказать'],
    [/написав/g, 'сказав'],
    [/введите/g, 'скажите'],
  ],
  pl: [
    [/napisz „pracownik”/g, 'powiedz „pracownik” albo naciśnij 0'],
    [/Odpowiedz numerem\./g, 'Powiedz numer albo naciśnij klawisz.'],
    [/Napisz/g, 'Powiedz'],
    [/napisz/g, 'powiedz'],
    [/napisać/g, 'powiedzieć'],
    [/pisząc/g, 'mówiąc'],
    [/[Ww]pisz/g, 'powiedz'],
    [/wpisać/g, 'podać'],
  ],
};

/** Words that ask a caller to write, per locale: none may be left after `forVoice` (tested). */
export const WRITE_WORDS: Record<VoiceLocale, RegExp> = {
  de: /schreib|tippen/i,
  en: /\bwrit(e|ing)\b|\btype\b/i,
  tr: /yaz[ıa]|(?<!\p{L})girin(?!\p{L})/iu,
  ar: /اكتب|كتابة|تكتب|إدخال/,
  uk: /напиш|написа|введіть/i,
  ru: /напиш|написа|введите/i,
  pl: /napis|pisząc|wpis[za]/i,
};

/** A text of any channel, worded for a call ("sagen Sie" / "drücken Sie", never "schreiben"). */
export function forVoice(text: string, locale: string): string {
  let out = text;
  for (const [re, to] of RULES[voiceLocale(locale)]) out = out.replace(re, to);
  return out;
}
