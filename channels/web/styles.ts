/**
 * Styles of the chat page and widget (served as /assets/chat.css), all scoped under `.aw` so a
 * widget never restyles the city's page. Colours come from /assets/theme.css (the branding);
 * logical properties make the Arabic layout mirror by itself; sizes in rem reflow at 200 %
 * zoom; the answer buttons, message field and "talk to a person" stay docked at the bottom.
 */
import type { Branding } from './branding';

export const CHAT_CSS = `
.aw{font-family:system-ui,-apple-system,"Segoe UI",Roboto,Arial,"Noto Sans","Noto Sans Arabic",sans-serif;color:var(--aw-text,#1a1a1a);background:var(--aw-bg,#fff);line-height:1.5;font-size:1rem;box-sizing:border-box}
.aw *,.aw *::before,.aw *::after{box-sizing:border-box}
body.aw-page{margin:0}
.aw[data-mode=page]{margin:0 auto;max-width:52rem;padding:0 1rem}
.aw:not([data-mode=page]){border:1px solid #767676;border-radius:8px;padding:0 1rem;max-width:52rem}
.aw .aw-skip{position:absolute;inset-inline-start:-999rem}.aw .aw-skip:focus{inset-inline-start:1rem;top:.5rem;background:var(--aw-bg,#fff);padding:.5rem;z-index:9}
.aw :focus-visible{outline:3px solid var(--aw-primary,#0b4dad);outline-offset:2px}
.aw .aw-top{border-bottom:1px solid #767676;padding:.75rem 0;display:flex;flex-wrap:wrap;gap:.5rem 1rem;align-items:center}
.aw .aw-brand{display:flex;align-items:center;gap:.75rem;flex:1 1 16rem;min-width:0}
.aw .aw-crest{height:3rem;width:auto;flex:none}
.aw .aw-name{font-size:1.35rem;margin:0;overflow-wrap:anywhere}
.aw .aw-lang{display:flex;gap:.4rem;align-items:center;flex-wrap:wrap}
.aw .aw-lang label{font-size:.9rem}
.aw select{font:inherit;min-height:2.75rem;padding:.3rem .5rem;border:2px solid #555;border-radius:4px;background:var(--aw-bg,#fff);color:var(--aw-text,#1a1a1a)}
.aw .aw-disclosure{flex:1 1 100%;margin:0;background:#eef3fb;color:#1a1a1a;border-inline-start:4px solid var(--aw-primary,#0b4dad);padding:.5rem .75rem}
.aw h2,.aw h3{font-size:1.15rem;margin:1rem 0 .25rem}
.aw button{font:inherit;min-height:2.75rem;padding:.4rem .9rem;border-radius:4px;border:2px solid var(--aw-primary,#0b4dad);background:var(--aw-primary,#0b4dad);color:var(--aw-on-primary,#fff);cursor:pointer}
.aw button:disabled{opacity:.6;cursor:not-allowed}
.aw button.aw-secondary,.aw button.aw-choice{background:var(--aw-bg,#fff);color:var(--aw-primary,#0b4dad)}
.aw button.aw-human{background:var(--aw-human,#1f5130);border-color:var(--aw-human,#1f5130);color:var(--aw-on-primary,#fff)}
.aw button:hover:not(:disabled){text-decoration:underline}
.aw a{color:var(--aw-primary,#0b4dad)}
.aw .aw-services{list-style:none;padding:0;display:flex;flex-wrap:wrap;gap:.5rem;margin:.5rem 0}
.aw .aw-service{margin:.75rem 0 0;padding:.5rem .75rem;border:1px solid #767676;border-radius:6px}
.aw .aw-service p{margin:0}
.aw .aw-service progress{width:100%;height:.5rem;accent-color:var(--aw-primary,#0b4dad)}
.aw .aw-log{padding:0;margin:1rem 0;display:flex;flex-direction:column;gap:.5rem}
.aw .aw-msg{scroll-margin-bottom:18rem;padding:.5rem .75rem;border-radius:6px;max-width:100%;overflow-wrap:anywhere;white-space:pre-wrap;color:#1a1a1a}
.aw .aw-msg.citizen{background:#f1f1f1;align-self:flex-end;max-width:85%}
.aw .aw-msg.assistant{background:#eef3fb}
.aw .aw-msg.staff{background:#e8f4ec;border-inline-start:4px solid #1f5130}
.aw .who{display:block;font-weight:600;font-size:.9rem}
.aw .aw-status{min-height:1.5rem;color:#3d3d3d;margin:.25rem 0;font-weight:600}
.aw .aw-dock{position:sticky;bottom:0;background:var(--aw-bg,#fff);border-top:1px solid #767676;padding:.5rem 0;z-index:2}
.aw .aw-answers{display:flex;flex-wrap:wrap;gap:.5rem;margin-bottom:.5rem;max-height:40vh;overflow-y:auto;padding:2px}
.aw .aw-answers[hidden]{display:none}
.aw .aw-picker{display:flex;flex-wrap:wrap;gap:.5rem;align-items:center}
.aw .aw-picker input{font:inherit;min-height:2.75rem;padding:.3rem .5rem;border:2px solid #555;border-radius:4px}
.aw .aw-many{border:1px solid #767676;border-radius:6px;margin:0;padding:.5rem .75rem;display:flex;flex-wrap:wrap;gap:.25rem 1rem;width:100%}
.aw .aw-many legend{font-weight:600}
.aw .aw-many div{display:flex;align-items:center;gap:.35rem;min-height:2.75rem}
.aw .aw-many input{width:1.4rem;height:1.4rem}
.aw .aw-composer label{display:block;font-weight:600}
.aw .aw-row{display:flex;flex-wrap:wrap;gap:.5rem}
.aw .aw-composer input{flex:1 1 12rem;min-width:0;font:inherit;padding:.5rem;border:2px solid #555;border-radius:4px;min-height:2.75rem}
.aw .aw-actions{display:flex;flex-wrap:wrap;gap:.5rem;margin-top:.5rem}
.aw .aw-vh{position:absolute;width:1px;height:1px;overflow:hidden;clip:rect(0 0 0 0);white-space:nowrap}
.aw .aw-foot{border-top:1px solid #767676;margin-top:1.5rem;padding:.5rem 0 1rem;font-size:.95rem;color:#3d3d3d}
.aw .aw-foot p{margin:.25rem 0}
.aw .aw-links{list-style:none;padding:0;margin:.25rem 0;display:flex;flex-wrap:wrap;gap:.25rem 1.25rem}
.aw .aw-links a{display:inline-block;min-height:1.5rem;padding:.25rem 0}
.aw .aw-k{font-weight:600}
.aw bdi{unicode-bidi:isolate;direction:ltr}
.aw .aw-note{font-size:.85rem}
@media (max-width:40rem){.aw .aw-actions button{flex:1 1 100%}.aw .aw-name{font-size:1.15rem}}
@media (prefers-reduced-motion:no-preference){html{scroll-behavior:smooth}}
`;

/** The branding's colours as CSS variables (served as /assets/theme.css; no inline styles). */
export function themeCss(b: Branding): string {
  const c = b.colors;
  return `.aw{--aw-primary:${c.primary};--aw-on-primary:${c.on_primary};--aw-human:${c.human};--aw-text:${c.text};--aw-bg:${c.background}}\n`;
}
