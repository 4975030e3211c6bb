/** UI strings of the chat page. The conversation itself comes from the definition's texts. */
export type UiLocale = 'de' | 'en';

export const STRINGS = {
  de: {
    title: 'Bürgerservice – Chat',
    disclosure: 'Sie schreiben mit einem KI-Assistenten, nicht mit einem Menschen. Er versteht Ihre Angaben; entschieden wird nach festen Regeln. Sie können jederzeit mit einem Menschen sprechen.',
    human: 'Mit einem Menschen sprechen',
    langSwitch: 'English',
    langSwitchLabel: 'Switch to English',
    chooseHeading: 'Ihr Anliegen',
    chooseIntro: 'Wählen Sie ein Anliegen oder schreiben Sie einfach los.',
    logLabel: 'Gesprächsverlauf',
    inputLabel: 'Ihre Nachricht',
    send: 'Senden',
    you: 'Sie', assistant: 'Assistent', staff: 'Mitarbeiter/in',
    newRequest: 'Neues Anliegen',
    noMatch: 'Ich konnte kein Anliegen zuordnen. Bitte wählen Sie eines aus der Liste.',
    handoffWait: 'Ihr Anliegen liegt jetzt bei einer Mitarbeiterin oder einem Mitarbeiter. Die Antwort erscheint hier.',
    done: 'Das Gespräch ist beendet.',
    error: 'Das hat nicht geklappt: ',
    busy: 'Einen Moment bitte …',
    skip: 'Zum Eingabefeld springen',
    footer: 'Keine Inhalte von Dritten. Ihre Sitzung bleibt nur in diesem Browser-Tab gespeichert.',
  },
  en: {
    title: 'Citizen service – chat',
    disclosure: 'You are writing with an AI assistant, not a person. It understands what you write; decisions follow fixed rules. You can talk to a person at any time.',
    human: 'Talk to a person',
    langSwitch: 'Deutsch',
    langSwitchLabel: 'Auf Deutsch wechseln',
    chooseHeading: 'Your request',
    chooseIntro: 'Pick a request or just start writing.',
    logLabel: 'Conversation',
    inputLabel: 'Your message',
    send: 'Send',
    you: 'You', assistant: 'Assistant', staff: 'Staff',
    newRequest: 'New request',
    noMatch: 'I could not match your request. Please pick one from the list.',
    handoffWait: 'A member of staff now has your request. The answer will appear here.',
    done: 'The conversation has ended.',
    error: 'That did not work: ',
    busy: 'One moment please …',
    skip: 'Skip to the message field',
    footer: 'No third-party content. Your session is kept only in this browser tab.',
  },
} as const;

export type UiStrings = { [K in keyof (typeof STRINGS)['de']]: string };
