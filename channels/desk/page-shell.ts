/**
 * The one shell of the desk's pages: head, header with navigation, the login form; each page
 * brings its title, script, navigation and the sections shown after login.
 */
export interface DeskShell { title: string; script: string; nav: string; sections: string }

export function renderDeskShell(p: DeskShell): string {
  return `<!doctype html>
<html lang="de">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>amtsweg – ${p.title}</title>
<link rel="stylesheet" href="/assets/desk.css">
<script src="${p.script}" defer></script>
</head>
<body>
<a class="skip" href="#main">Zum Inhalt springen</a>
<header><h1>amtsweg – ${p.title}</h1><p id="who" aria-live="polite"></p>
  ${p.nav}
</header>
<main id="main" tabindex="-1">
  <section id="login" aria-labelledby="login-h">
    <h2 id="login-h">Anmelden</h2>
    <form id="login-form">
      <p><label for="user">Benutzername (für Passwort-Anmeldung)</label><input id="user" name="user" autocomplete="username"></p>
      <p><label for="secret">Passwort oder Zugangstoken</label><input id="secret" name="secret" type="password" autocomplete="current-password" required></p>
      <p><button type="submit">Anmelden</button></p>
      <p id="login-error" role="alert"></p>
    </form>
  </section>
${p.sections}
</main>
</body>
</html>`;
}
