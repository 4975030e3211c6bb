/**
 * Styles of the chat page (served as /assets/chat.css). Colours meet WCAG AA contrast on white;
 * sizes are in rem so the layout reflows at 200 % zoom; focus is always visible.
 */
export const CHAT_CSS = `
:root{font-family:system-ui,-apple-system,"Segoe UI",Roboto,Arial,sans-serif;color:#1a1a1a;background:#fff;line-height:1.5;font-size:100%}
*{box-sizing:border-box}
body{margin:0 auto;max-width:48rem;padding:0 1rem 1rem}
.skip{position:absolute;left:-999rem}.skip:focus{left:1rem;top:.5rem;background:#fff;padding:.5rem;z-index:9}
:focus-visible{outline:3px solid #0b4dad;outline-offset:2px}
.top{border-bottom:1px solid #767676;padding:.5rem 0;display:flex;flex-wrap:wrap;gap:.5rem;align-items:center}
.top h1{font-size:1.4rem;margin:0;flex:1 1 12rem}
.disclosure{flex:1 1 100%;margin:0;background:#eef3fb;border-left:4px solid #0b4dad;padding:.5rem}
button{font:inherit;min-height:2.75rem;padding:.4rem .9rem;border-radius:4px;border:2px solid #0b4dad;background:#0b4dad;color:#fff;cursor:pointer}
button.secondary,#lang{background:#fff;color:#0b4dad}
button.human{background:#1f5130;border-color:#1f5130}
button:hover{text-decoration:underline}
.services{list-style:none;padding:0;display:flex;flex-wrap:wrap;gap:.5rem}
.log{padding:0;margin:1rem 0;display:flex;flex-direction:column;gap:.5rem}
.log .msg{padding:.5rem .75rem;border-radius:6px;max-width:100%;overflow-wrap:anywhere;white-space:pre-wrap}
.log .citizen{background:#f1f1f1;align-self:flex-end}
.log .assistant{background:#eef3fb}
.log .staff{background:#e8f4ec;border-left:4px solid #1f5130}
.log .who{display:block;font-weight:600;font-size:.9rem}
.status{min-height:1.5rem;color:#3d3d3d}
.composer label{display:block;font-weight:600}
.composer .row{display:flex;flex-wrap:wrap;gap:.5rem}
.composer input{flex:1 1 14rem;font:inherit;padding:.5rem;border:2px solid #555;border-radius:4px;min-height:2.75rem}
.visually-hidden{position:absolute;width:1px;height:1px;overflow:hidden;clip:rect(0 0 0 0);white-space:nowrap}
footer{border-top:1px solid #767676;margin-top:2rem;font-size:.9rem;color:#3d3d3d}
@media (prefers-reduced-motion:no-preference){html{scroll-behavior:smooth}}
`;
