/** The UI's two HTML pages: the runs (live) and one zoo entry classifying test images in the browser. */
import { escapeHtml, scriptJson } from '../report/html.js';
import { CHART_LIBRARIES } from '../report/assets.js';

const head = (title: string) =>
  ['<!doctype html>', '<html lang="en"><head><meta charset="utf-8">', `<title>${escapeHtml(title)}</title>`, '<link rel="stylesheet" href="/assets/style.css">', '</head>'].join('\n');

export function indexPage(): string {
  return [
    head('evo-nas'),
    '<body>',
    '<h1>evo-nas</h1>',
    '<p class="note">Read-only view of the runs and zoo entries under the given folders; it follows running searches as they commit.</p>',
    '<nav id="runs-nav"></nav>',
    '<h2>Zoo entries</h2><ul id="entries"></ul>',
    '<main id="report" data-rendered="false"></main>',
    ...CHART_LIBRARIES.map((name) => `<script src="/assets/${name}"></script>`),
    '<script src="/assets/charts.js"></script>',
    '<script src="/assets/live.js"></script>',
    '</body></html>',
    '',
  ].join('\n');
}

export function entryPage(name: string): string {
  return [
    head(`evo-nas entry ${name}`),
    '<body>',
    '<nav><a href="/">all runs and entries</a></nav>',
    `<h1>${escapeHtml(name)}</h1>`,
    '<p id="entry-facts" class="note"></p>',
    '<p id="entry-status">Loading the model with TensorFlow.js…</p>',
    '<div id="predictions"></div>',
    `<script type="application/json" id="evo-nas-entry">${scriptJson({ name })}</script>`,
    '<script src="/assets/tf.min.js"></script>',
    '<script src="/assets/entry.js"></script>',
    '</body></html>',
    '',
  ].join('\n');
}
