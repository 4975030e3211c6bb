import { brandText, type Branding } from './branding';
import { STRINGS, type UiLocale } from './client/i18n';
import { chatMarkup, dirOf, esc, type PublicBranding } from './client/markup';

/** The branding with its texts in one locale, as the page and /api/branding give it. */
export function publicBranding(b: Branding, locale: UiLocale): PublicBranding {
  const out: PublicBranding = {
    name: brandText(b.name, locale),
    links: { ...b.links },
  };
  if (b.crestFile) out.crest = { url: `/assets/crest${b.crestFile.ext}`, alt: brandText(b.crest_alt, locale) || brandText(b.name, locale) };
  if (b.opening_hours) out.openingHours = brandText(b.opening_hours, locale);
  if (b.phone) out.phone = b.phone;
  if (b.email) out.email = b.email;
  return out;
}

/**
 * The chat page. The markup is complete without script (disclosure, "talk to a person",
 * links); the script fills in services and messages.
 */
export function renderChatPage(locale: UiLocale, branding: Branding): string {
  const b = publicBranding(branding, locale);
  return `<!doctype html>
<html lang="${locale}" dir="${dirOf(locale)}">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${esc(b.name)} – ${esc(STRINGS[locale].chat)}</title>
<link rel="stylesheet" href="/assets/chat.css">
<link rel="stylesheet" href="/assets/theme.css">
<script src="/assets/chat.js" defer></script>
</head>
<body class="aw-page">
<div id="amtsweg-chat" class="aw" data-mode="page" data-lang="${locale}">
${chatMarkup(locale, b, { prefix: '', mode: 'page' })}
</div>
</body>
</html>`;
}
