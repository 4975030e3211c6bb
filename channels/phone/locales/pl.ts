/** Phone phrases in Polish (the informal form the built-in Polish texts use). */
import type { VoiceKey } from '../texts';

export const VOICE_PL: Record<VoiceKey, string> = {
  humanHint: 'Aby porozmawiać z człowiekiem, w każdej chwili naciśnij 0.',
  notHeard: 'Nie zrozumiałem. Powiedz to jeszcze raz.',
  silenceBye: 'Niestety nic nie słyszę. Zadzwoń jeszcze raz. Do usłyszenia.',
  unknownCall: 'Nie znam tej rozmowy. Zadzwoń ponownie. Do usłyszenia.',
  busy: 'Chwileczkę, jeszcze opracowuję Twoją ostatnią odpowiedź.',
  failure: 'Wystąpił problem techniczny. Spróbuj ponownie później. Do usłyszenia.',
  messageWaiting: 'Masz wiadomość z biura obsługi mieszkańców w sprawie Twojej ostatniej rozmowy.',
  transfer: 'Łączę Cię teraz z pracownikiem urzędu. Twoje dotychczasowe dane są u niego widoczne.',
  transferFailed: 'Niestety nikt nie jest teraz dostępny. Twoja sprawa i Twoje dane są zapisane w biurze obsługi mieszkańców; gdy zadzwonisz ponownie z tego numeru, usłyszysz odpowiedź.',
  noTransfer: 'Nie mogę Cię stąd połączyć bezpośrednio. Twoja sprawa i Twoje dane są zapisane w biurze obsługi mieszkańców; gdy zadzwonisz ponownie z tego numeru, usłyszysz odpowiedź.',
  officeNumber: 'Z biurem obsługi mieszkańców możesz też połączyć się bezpośrednio pod numerem {phone}.',
  officeHours: 'Godziny pracy: {hours}.',
  yesNoKeys: 'Powiedz „tak” albo „nie” albo naciśnij 1 dla „tak” i 2 dla „nie”.',
};
