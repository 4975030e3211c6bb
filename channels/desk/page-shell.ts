/**
 * The one shell of the desk's pages: head, header with navigation and language choice, the login
 * form; each page brings its title, script, navigation and the sections shown after login. Texts
 * come from the desk catalogue (i18n/) in the language staff chose (`?lang=`, default German).
 */
import { DESK_LOCALES, DESK_TEXTS, deskDir, deskText, type DeskKey, type DeskLocale } from './i18n';

export interface DeskShell { locale: DeskLocale; title: string; script: string; nav: string; sections: string; path: string }

/** A desk text escaped for HTML (the catalogue is ours, but escaping is cheap and keeps it safe). */
export function h(locale: DeskLocale, key: DeskKey, vars?: Record<string, string | number>): string {
  return deskText(locale, key, vars).replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');
}

/** A link within the desk that keeps the chosen language. */
export const deskHref = (path: string, locale: DeskLocale): string => (locale === 'de' ? path : `${path}?lang=${locale}`);

function languageForm(locale: DeskLocale, path: string): string {
  const options = DESK_LOCALES.map((l) => `<option value="${l}" lang="${l}"${l === locale ? ' selected' : ''}>${DESK_TEXTS[l].lang_name}</option>`).join('');
  return `<form class="lang" method="get" action="${path}"><label for="desk-lang">${h(locale, 'language')}</label><select id="desk-lang" name="lang">${options}</select> <button type="submit">${h(locale, 'language_apply')}</button></form>`;
}

export function renderDeskShell(p: DeskShell): string {
  const t = (key: DeskKey) => h(p.locale, key);
  return `<!doctype html>
<html lang="${p.locale}" dir="${deskDir(p.locale)}">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>amtsweg – ${p.title}</title>
<link rel="stylesheet" href="/assets/desk.css">
<script src="${p.script}" defer></script>
</head>
<body>
<a class="skip" href="#main">${t('skip')}</a>
<header><h1>amtsweg – ${p.title}</h1><p id="who" aria-live="polite"></p>
  ${p.nav}
  ${languageForm(p.locale, p.path)}
</header>
<main id="main" tabindex="-1">
  <section id="login" aria-labelledby="login-h">
    <h2 id="login-h">${t('login_h')}</h2>
    <form id="login-form">
      <p><label for="user">${t('login_user')}</label><input id="user" name="user" autocomplete="username"></p>
      <p><label for="secret">${t('login_secret')}</label><input id="secret" name="secret" type="password" autocomplete="current-password" required></p>
      <p><button type="submit">${t('login_submit')}</button></p>
      <p id="login-error" role="alert"></p>
    </form>
  </section>
${p.sections}
</main>
</body>
</html>`;
}
