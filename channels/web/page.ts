import { STRINGS, type UiLocale } from './client/i18n';

/**
 * The chat page shell. Static: the script fills in services and messages. The "talk to a
 * person" button and the AI disclosure are in the HTML itself, so they exist before any script.
 */
export function renderChatPage(locale: UiLocale = 'de'): string {
  const t = STRINGS[locale];
  return `<!doctype html>
<html lang="${locale}">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${t.title}</title>
<link rel="stylesheet" href="/assets/chat.css">
<script src="/assets/chat.js" defer></script>
</head>
<body>
<a class="skip" href="#message" data-i18n="skip">${t.skip}</a>
<header class="top">
  <h1 data-i18n="title">${t.title}</h1>
  <nav aria-label="Sprache / Language"><button type="button" id="lang" lang="${locale === 'de' ? 'en' : 'de'}" aria-label="${t.langSwitchLabel}" data-i18n="langSwitch">${t.langSwitch}</button></nav>
  <p class="disclosure" id="disclosure" data-i18n="disclosure">${t.disclosure}</p>
  <button type="button" id="human" class="human" data-i18n="human">${t.human}</button>
</header>
<main id="main">
  <section id="choose" aria-labelledby="choose-h">
    <h2 id="choose-h" data-i18n="chooseHeading">${t.chooseHeading}</h2>
    <p data-i18n="chooseIntro">${t.chooseIntro}</p>
    <ul id="services" class="services"></ul>
  </section>
  <section aria-labelledby="log-h">
    <h2 id="log-h" class="visually-hidden" data-i18n="logLabel">${t.logLabel}</h2>
    <div id="log" class="log" role="log" aria-live="polite" aria-relevant="additions" aria-labelledby="log-h"></div>
    <p id="status" class="status" role="status"></p>
  </section>
  <form id="composer" class="composer" autocomplete="off">
    <label for="message" data-i18n="inputLabel">${t.inputLabel}</label>
    <div class="row">
      <input id="message" name="message" type="text" maxlength="2000" required>
      <button type="submit" id="send" data-i18n="send">${t.send}</button>
    </div>
  </form>
  <p><button type="button" id="restart" class="secondary" hidden data-i18n="newRequest">${t.newRequest}</button></p>
</main>
<footer><p data-i18n="footer">${t.footer}</p></footer>
</body>
</html>`;
}
