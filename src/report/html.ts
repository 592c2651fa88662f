/**
 * The self-contained report: one HTML file with the runs' data as JSON and every script inlined
 * (Vega, Vega-Lite, vega-embed and evo-nas's chart code), so it opens from disk with no network.
 */
import { CHART_LIBRARIES, library, libraryLicence, ownAsset } from './assets.js';
import type { RunView } from './run-view.js';

/** JSON safe inside a <script> element: no "</script>" or "<!--" can end or change it. */
export function scriptJson(value: unknown): string {
  return JSON.stringify(value).replace(/</g, '\\u003c').replace(/\u2028/g, '\\u2028').replace(/\u2029/g, '\\u2029');
}

/** Script text safe to inline (the bundles contain no "</script", but a later version might). */
function inlineScript(text: string): string {
  return `<script>${text.replace(/<\/script/gi, '<\\/script')}</script>`;
}

export function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
}

/** The licences of the inlined libraries, as one HTML comment. */
function licenceComment(): string {
  const texts = CHART_LIBRARIES.map((name) => `${name}:\n${libraryLicence(name)}`).join('\n\n');
  return `<!--\nThis file inlines Vega, Vega-Lite and vega-embed, under these licences:\n\n${texts.replace(/--/g, '- -')}\n-->`;
}

export function reportHtml(views: readonly RunView[], generatedAt: string): string {
  const title = views.length === 1 ? `evo-nas report: ${views[0]?.id}` : `evo-nas report: ${views.length} runs`;
  return [
    '<!doctype html>',
    '<html lang="en"><head><meta charset="utf-8">',
    '<meta name="viewport" content="width=device-width, initial-scale=1">',
    `<title>${escapeHtml(title)}</title>`,
    `<style>${ownAsset('style.css')}</style>`,
    licenceComment(),
    '</head><body>',
    `<h1>${escapeHtml(title)}</h1>`,
    `<p class="note">Made by evo-nas report on ${escapeHtml(generatedAt)}. Hover a point for its genome; click one for its widths.</p>`,
    '<main id="report" data-rendered="false"></main>',
    `<script type="application/json" id="evo-nas-data">${scriptJson({ runs: views })}</script>`,
    ...CHART_LIBRARIES.map((name) => inlineScript(library(name))),
    inlineScript(ownAsset('charts.js')),
    inlineScript(ownAsset('report.js')),
    '</body></html>',
    '',
  ].join('\n');
}
