/**
 * Built-in texts the citizen gets when a case worker acts on the case (correction, hand-back,
 * closing, follow-up). Kept apart from messages.ts so the locales of both can grow independently;
 * German and English, and the other languages of the city (tr, ar, uk, ru, pl) written by people;
 * a locale without its own texts falls back to German.
 */
import type { Locale } from '../definition/schema';

type Vars = Record<string, string>;

const DE = {
  corrected: 'Eine Mitarbeiterin oder ein Mitarbeiter hat Ihre Angabe „{label}“ geändert auf: {value}. Grund: {reason}',
  handed_back: 'Eine Mitarbeiterin oder ein Mitarbeiter hat Ihr Anliegen geprüft. Ich, der KI-Assistent, mache jetzt mit Ihnen weiter.',
  closed: 'Ihr Anliegen ist von der Sachbearbeitung abgeschlossen. Wenn Sie dazu noch eine Frage haben, schreiben Sie einfach hier; Ihre Nachricht geht wieder an die Sachbearbeitung.',
  follow_up: 'Ihre Nachricht ist bei der Sachbearbeitung eingegangen. Eine Mitarbeiterin oder ein Mitarbeiter meldet sich hier bei Ihnen.',
};

type Key = keyof typeof DE;

const EN: Record<Key, string> = {
  corrected: 'A member of staff changed your answer “{label}” to: {value}. Reason: {reason}',
  handed_back: 'A member of staff has checked your request. I, the AI assistant, will now continue with you.',
  closed: 'Your request has been closed by a member of staff. If you have a question about it, just write here; your message goes back to staff.',
  follow_up: 'Your message has reached staff. A member of staff will reply here.',
};

const TR: Record<Key, string> = {
  corrected: 'Bir görevli “{label}” bilginizi şu şekilde değiştirdi: {value}. Gerekçe: {reason}',
  handed_back: 'Bir görevli talebinizi inceledi. Ben, yapay zekâ asistanı, şimdi sizinle devam ediyorum.',
  closed: 'Talebiniz görevli tarafından kapatıldı. Bu konuda bir sorunuz varsa buraya yazmanız yeterli; mesajınız yeniden görevliye gider.',
  follow_up: 'Mesajınız görevliye ulaştı. Bir görevli size buradan yanıt verecek.',
};

const AR: Record<Key, string> = {
  corrected: 'غيّر أحد الموظفين إجابتك «{label}» إلى: {value}. السبب: {reason}',
  handed_back: 'راجع أحد الموظفين طلبك. أنا، المساعد الذي يعمل بالذكاء الاصطناعي، سأكمل معك الآن.',
  closed: 'أغلق أحد الموظفين طلبك. إذا كان لديك سؤال بشأنه، فاكتب هنا فقط؛ ستصل رسالتك إلى الموظفين مرة أخرى.',
  follow_up: 'وصلت رسالتك إلى الموظفين. سيرد عليك أحدهم هنا.',
};

const UK: Record<Key, string> = {
  corrected: 'Працівник змінив вашу відповідь «{label}» на: {value}. Причина: {reason}',
  handed_back: 'Працівник перевірив ваш запит. Я, помічник на основі штучного інтелекту, тепер продовжу з вами.',
  closed: 'Працівник закрив ваш запит. Якщо у вас є запитання щодо нього, просто напишіть тут — ваше повідомлення знову потрапить до працівника.',
  follow_up: 'Ваше повідомлення отримав працівник. Відповідь з’явиться тут.',
};

const RU: Record<Key, string> = {
  corrected: 'Сотрудник изменил ваш ответ «{label}» на: {value}. Причина: {reason}',
  handed_back: 'Сотрудник проверил ваш запрос. Я, помощник на основе искусственного интеллекта, теперь продолжу с вами.',
  closed: 'Сотрудник закрыл ваш запрос. Если у вас есть вопрос по нему, просто напишите здесь — ваше сообщение снова попадёт к сотруднику.',
  follow_up: 'Ваше сообщение получил сотрудник. Ответ появится здесь.',
};

const PL: Record<Key, string> = {
  corrected: 'Pracownik urzędu zmienił Twoją odpowiedź „{label}” na: {value}. Powód: {reason}',
  handed_back: 'Pracownik urzędu sprawdził Twoją sprawę. Teraz ja, asystent AI, kontynuuję rozmowę z Tobą.',
  closed: 'Pracownik urzędu zamknął Twoją sprawę. Jeśli masz pytanie w tej sprawie, po prostu napisz tutaj; Twoja wiadomość znów trafi do pracownika.',
  follow_up: 'Twoja wiadomość dotarła do pracownika urzędu. Odpowiedź pojawi się tutaj.',
};

const TEXTS: Partial<Record<Locale, Record<Key, string>>> = { de: DE, en: EN, tr: TR, ar: AR, uk: UK, ru: RU, pl: PL };

/** A staff-related built-in text in the citizen's locale (German fallback). */
export function staffText(locale: Locale, key: Key, vars: Vars = {}): string {
  return (TEXTS[locale] ?? DE)[key].replace(/\{([a-z_]+)\}/g, (whole, name: string) => vars[name] ?? whole);
}
