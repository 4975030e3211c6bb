/**
 * Two pages BITV 2.0 asks for next to the chat: an explanation in Leichte Sprache (§ 4: what
 * the assistant does, how to reach a person, accessibility) and the Erklärung zur
 * Barrierefreiheit (§ 12). German, as both are German legal forms; the city's name, phone,
 * opening hours and links come from the branding file.
 */
import { brandText, type Branding } from './branding';
import { esc } from './client/markup';

function shell(title: string, b: Branding, body: string): string {
  const name = brandText(b.name, 'de');
  const crest = b.crestFile ? `<img class="aw-crest" src="/assets/crest${b.crestFile.ext}" alt="${esc(brandText(b.crest_alt, 'de') || name)}">` : '';
  return `<!doctype html>
<html lang="de" dir="ltr">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${esc(title)} – ${esc(name)}</title>
<link rel="stylesheet" href="/assets/chat.css">
<link rel="stylesheet" href="/assets/theme.css">
</head>
<body class="aw-page">
<div class="aw aw-info" data-mode="page">
<header class="aw-top"><div class="aw-brand">${crest}<p class="aw-name">${esc(name)}</p></div></header>
<main class="aw-main">
<h1>${esc(title)}</h1>
${body}
<p><a href="/">Zum Chat</a></p>
</main>
<footer class="aw-foot"><ul class="aw-links">
<li><a href="${esc(b.links.impressum)}">Impressum</a></li><li><a href="${esc(b.links.datenschutz)}">Datenschutz</a></li>
<li><a href="${esc(b.links.barrierefreiheit)}">Barrierefreiheit</a></li><li><a href="${esc(b.links.leichte_sprache)}">Leichte Sprache</a></li>
</ul></footer>
</div>
</body>
</html>`;
}

function contactLines(b: Branding): string {
  const lines: string[] = [];
  if (b.phone) lines.push(`<li>Sie können anrufen. Die Telefon-Nummer ist: <a href="tel:${esc(b.phone.replace(/[^+0-9]/g, ''))}">${esc(b.phone)}</a></li>`);
  if (b.email) lines.push(`<li>Sie können eine E-Mail schreiben. Die Adresse ist: <a href="mailto:${esc(b.email)}">${esc(b.email)}</a></li>`);
  if (b.opening_hours) lines.push(`<li>Sie können auch zur Stadt gehen. Die Öffnungs-Zeiten sind: ${esc(brandText(b.opening_hours, 'de'))}</li>`);
  return lines.length > 0 ? `<ul class="aw-easy">${lines.join('')}</ul>` : '';
}

/** The explanation in Leichte Sprache: short sentences, one thought each, hard words explained. */
export function renderEasyLanguagePage(b: Branding): string {
  return shell('Der Chat in Leichter Sprache', b, `
<section class="aw-easy"><h2>Was ist der Chat?</h2>
<p>Die Stadt hat einen Chat im Internet.</p>
<p>Im Chat können Sie der Stadt schreiben.</p>
<p>Zum Beispiel: Sie brauchen einen Termin im Bürger-Büro.</p></section>
<section class="aw-easy"><h2>Wer schreibt Ihnen?</h2>
<p>Ihnen schreibt ein Computer-Programm.</p>
<p>Das Programm heißt: KI-Assistent.</p>
<p>KI ist eine Abkürzung. KI bedeutet: Künstliche Intelligenz.</p>
<p>Der KI-Assistent ist <strong>kein</strong> Mensch.</p></section>
<section class="aw-easy"><h2>Was macht der KI-Assistent?</h2>
<p>Der KI-Assistent stellt Ihnen Fragen.</p>
<p>Zum Beispiel: An welchem Tag haben Sie Zeit?</p>
<p>Sie schreiben die Antwort.</p>
<p>Oder Sie drücken auf einen Knopf mit der Antwort.</p>
<p>Der KI-Assistent liest Ihre Antwort.</p>
<p>Der KI-Assistent entscheidet nichts.</p>
<p>Die Stadt hat feste Regeln. Die Regeln entscheiden.</p>
<p>Am Ende zeigt der Chat alle Ihre Antworten.</p>
<p>Sie prüfen die Antworten.</p>
<p>Dann schreiben Sie: Ja. Oder Sie schreiben: Nein.</p>
<p>Bei Nein können Sie die Antwort ändern.</p></section>
<section class="aw-easy" id="mensch"><h2>Sie möchten mit einem Menschen sprechen?</h2>
<p>Das geht immer.</p>
<p>Drücken Sie auf den Knopf: <strong>Mit einem Menschen sprechen</strong>.</p>
<p>Oder schreiben Sie das Wort: <strong>Mitarbeiter</strong>.</p>
<p>Dann liest ein Mensch von der Stadt Ihre Nachricht.</p>
<p>Die Antwort kommt in den Chat.</p>
${contactLines(b)}</section>
<section class="aw-easy"><h2>Ihre Daten</h2>
<p>Die Stadt braucht manche Angaben von Ihnen.</p>
<p>Zum Beispiel: Ihren Namen.</p>
<p>Die Stadt schützt Ihre Daten.</p>
<p>Die Stadt löscht Ihre Daten nach einer bestimmten Zeit.</p>
<p>Mehr dazu steht hier: <a href="${esc(b.links.datenschutz)}">Datenschutz</a>. Der Text ist nicht in Leichter Sprache.</p></section>
<section class="aw-easy"><h2>Barriere-Freiheit</h2>
<p>Barriere-Freiheit bedeutet: Alle Menschen können den Chat benutzen.</p>
<p>Auch Menschen mit Behinderung.</p>
<p>Sie können den Chat nur mit der Tastatur benutzen.</p>
<p>Sie können den Chat mit einem Vorlese-Programm benutzen.</p>
<p>Sie können die Schrift größer machen.</p>
<p>Etwas geht nicht gut? Dann sagen Sie es der Stadt.</p>
<p>Mehr dazu steht hier: <a href="${esc(b.links.barrierefreiheit)}">Erklärung zur Barriere-Freiheit</a>. Der Text ist nicht in Leichter Sprache.</p></section>`);
}

/** The Erklärung zur Barrierefreiheit of the chat (BITV 2.0 § 12), with what is known to be missing. */
export function renderAccessibilityPage(b: Branding): string {
  const name = brandText(b.name, 'de');
  const contact = [
    b.email ? `E-Mail: <a href="mailto:${esc(b.email)}">${esc(b.email)}</a>` : '',
    b.phone ? `Telefon: <a href="tel:${esc(b.phone.replace(/[^+0-9]/g, ''))}">${esc(b.phone)}</a>` : '',
  ].filter(Boolean);
  return shell('Erklärung zur Barrierefreiheit', b, `
<p>${esc(name)} ist bemüht, den Chat im Einklang mit der Barrierefreie-Informationstechnik-Verordnung (BITV 2.0) und der Norm EN 301 549 barrierefrei zugänglich zu machen. Diese Erklärung gilt für den Chat auf dieser Website und für das eingebettete Chat-Fenster.</p>
<h2>Stand der Vereinbarkeit mit den Anforderungen</h2>
<p>Der Chat ist mit den Anforderungen der WCAG 2.1 auf Stufe AA weitgehend vereinbar. Grundlage ist eine Selbstbewertung: Bei jeder Änderung prüft ein automatischer Test jede Sprache der Oberfläche mit axe-core in einem echten Browser, bedient den Chat nur mit der Tastatur und misst die Darstellung bei 320 und 390 Pixeln Breite und 200 % Vergrößerung. Eine Prüfung durch eine unabhängige Prüfstelle steht noch aus.</p>
<h2>Nicht barrierefreie Inhalte</h2>
<ul>
<li>Es gibt noch keine Erklärung in Deutscher Gebärdensprache (DGS).</li>
<li>Die Fragen und Antworten der einzelnen Anliegen schreibt die Verwaltung; sie sind nicht in Leichter Sprache. Eine Erklärung des Chats in Leichter Sprache finden Sie <a href="${esc(b.links.leichte_sprache)}">hier</a>.</li>
<li>Nicht jedes Anliegen ist in jeder Sprache der Oberfläche verfasst. Fehlt Ihre Sprache, sagt der Chat das und bietet Deutsch, Englisch oder ein Gespräch mit einem Menschen an.</li>
</ul>
<h2>Barrieren melden: Kontakt zu den Feedback-Verantwortlichen</h2>
<p>Sie möchten uns bestehende Barrieren mitteilen oder Informationen zur Umsetzung der Barrierefreiheit erfragen? Für Ihr Feedback und alle weiteren Informationen wenden Sie sich an ${esc(name)}${contact.length ? `: ${contact.join(', ')}` : ''}. Sie können auch im Chat „Mit einem Menschen sprechen“ wählen.</p>
<h2>Durchsetzungsverfahren</h2>
<p>Wenn Sie auf Ihre Rückmeldung innerhalb von sechs Wochen keine zufriedenstellende Antwort erhalten, können Sie sich an die Durchsetzungs- bzw. Ombudsstelle für barrierefreie Informationstechnik Ihres Bundeslandes wenden.</p>
<section id="betreiber"><h2>Betreiber</h2><p>${esc(name)}. <a href="${esc(b.links.impressum)}">Impressum</a> · <a href="${esc(b.links.datenschutz)}">Datenschutzerklärung</a></p></section>`);
}
