// evo-nas report views, in the browser: Vega-Lite specs for a run's evaluations, front,
// hypervolume, front widths and supernet curve, the tables, and the comparison of several runs.
// Shared by the self-contained report (data inlined) and the live UI (data fetched). Plain
// browser JavaScript: it needs the globals vega, vegaLite and vegaEmbed, and nothing else.
(function () {
  'use strict';
  const SCHEMA = 'https://vega.github.io/schema/vega-lite/v6.json';
  const EMBED = { renderer: 'svg', actions: { export: true, source: false, compiled: false, editor: false } };
  const percent = (x) => (x === null || x === undefined ? '-' : `${(x * 100).toFixed(2)}%`);
  const grouped = (n) => (n === null || n === undefined ? '-' : Number(n).toLocaleString('en-US'));

  // --- Vega-Lite specs (pure: data in, spec out) ---

  const costTitle = (cost) => (cost === 'macs' ? 'MACs' : 'parameters');

  /** Every evaluation (accuracy against cost, coloured by generation) and the front as a staircase. */
  function scatterSpec(view, options) {
    const x = { field: options.cost, type: 'quantitative', title: costTitle(options.cost), scale: { type: options.log ? 'log' : 'linear', zero: false } };
    const y = { field: 'accuracy', type: 'quantitative', title: 'validation accuracy', axis: { format: '.1%' }, scale: { zero: false } };
    const front = [...view.front].sort((a, b) => a[options.cost] - b[options.cost]);
    return {
      $schema: SCHEMA,
      width: 560,
      height: 340,
      datasets: { evaluations: view.evaluations, front },
      layer: [
        {
          data: { name: 'evaluations' },
          mark: { type: 'point', filled: true, size: 45, opacity: 0.85, cursor: 'pointer' },
          encoding: {
            x,
            y,
            color: { field: 'generation', type: 'quantitative', scale: { scheme: 'viridis' }, title: 'generation' },
            tooltip: [
              { field: 'genome' },
              { field: 'accuracy', format: '.2%' },
              { field: 'params', format: ',' },
              { field: 'macs', title: 'MACs', format: ',' },
              { field: 'generation' },
            ],
          },
        },
        {
          data: { name: 'front' },
          mark: { type: 'line', interpolate: 'step-after', color: '#d62728', strokeWidth: 2 },
          encoding: { x, y },
        },
      ],
    };
  }

  /** Hypervolume of the front after each generation, against evaluations or generations. */
  function hypervolumeSpec(view, options) {
    const field = options.by === 'generation' ? 'generation' : 'evaluations';
    return {
      $schema: SCHEMA,
      width: 560,
      height: 200,
      data: { values: view.generations },
      mark: { type: 'line', point: true },
      encoding: {
        x: { field, type: 'quantitative', title: field },
        y: { field: 'hypervolume', type: 'quantitative', scale: { zero: false }, title: 'hypervolume' },
        tooltip: [{ field: 'generation' }, { field: 'evaluations' }, { field: 'hypervolume', format: '.5f' }, { field: 'front', title: 'front size' }],
      },
    };
  }

  /** The front's widths: one row per architecture (cheapest first), one column per genome position. */
  function heatmapSpec(view) {
    const cells = view.front.flatMap((member, row) =>
      member.widths.map((width, position) => ({
        architecture: `${row + 1}`,
        genome: member.genome,
        layer: (view.layers[position] || { label: `g${position}` }).label,
        role: (view.layers[position] || { role: '' }).role,
        position,
        width,
      })),
    );
    return {
      $schema: SCHEMA,
      width: { step: 22 },
      height: { step: view.front.length > 30 ? 9 : 16 },
      data: { values: cells },
      mark: 'rect',
      encoding: {
        x: { field: 'layer', type: 'ordinal', sort: { field: 'position' }, title: 'genome position' },
        y: { field: 'architecture', type: 'ordinal', sort: null, title: `front architecture (cheapest first by ${costTitle(view.objective)})` },
        color: { field: 'width', type: 'quantitative', scale: { scheme: 'blues' }, title: 'width' },
        tooltip: [{ field: 'genome' }, { field: 'layer' }, { field: 'role' }, { field: 'width' }],
      },
    };
  }

  /** The supernet's training: loss of each subnet kind, and the learning rate, against steps. */
  function curveSpec(view) {
    const losses = view.curve.flatMap((p) =>
      ['largest', 'smallest', 'random'].filter((kind) => p[kind] !== null && p[kind] !== undefined).map((kind) => ({ step: p.step, epoch: p.epoch, kind, loss: p[kind] })),
    );
    return {
      $schema: SCHEMA,
      vconcat: [
        {
          width: 560,
          height: 200,
          data: { values: losses },
          mark: { type: 'line', point: true },
          encoding: {
            x: { field: 'step', type: 'quantitative' },
            y: { field: 'loss', type: 'quantitative', title: 'training loss' },
            color: { field: 'kind', type: 'nominal', title: 'subnet', sort: ['largest', 'random', 'smallest'] },
            tooltip: [{ field: 'kind' }, { field: 'epoch' }, { field: 'step' }, { field: 'loss', format: '.4f' }],
          },
        },
        {
          width: 560,
          height: 120,
          data: { values: view.curve },
          mark: 'line',
          encoding: {
            x: { field: 'step', type: 'quantitative' },
            y: { field: 'lr', type: 'quantitative', title: 'learning rate' },
          },
        },
      ],
    };
  }

  /** One architecture's widths, position by position. */
  function widthsSpec(view, row) {
    const values = row.widths.map((width, position) => ({ layer: (view.layers[position] || { label: `g${position}` }).label, position, width }));
    return {
      $schema: SCHEMA,
      width: { step: 22 },
      height: 140,
      data: { values },
      mark: { type: 'bar', color: '#4c78a8' },
      encoding: {
        x: { field: 'layer', type: 'ordinal', sort: { field: 'position' }, title: 'genome position' },
        y: { field: 'width', type: 'quantitative' },
        tooltip: [{ field: 'layer' }, { field: 'width' }],
      },
    };
  }

  /** Several runs: their fronts as staircases in one chart. */
  function compareFrontsSpec(views, options) {
    const values = views.flatMap((v) => [...v.front].sort((a, b) => a[options.cost] - b[options.cost]).map((m) => ({ ...m, run: v.id })));
    const x = { field: options.cost, type: 'quantitative', title: costTitle(options.cost), scale: { type: options.log ? 'log' : 'linear', zero: false } };
    const y = { field: 'accuracy', type: 'quantitative', axis: { format: '.1%' }, scale: { zero: false }, title: 'validation accuracy' };
    const color = { field: 'run', type: 'nominal' };
    return {
      $schema: SCHEMA,
      width: 560,
      height: 320,
      data: { values },
      layer: [
        { mark: { type: 'line', interpolate: 'step-after' }, encoding: { x, y, color, detail: { field: 'run' } } },
        { mark: { type: 'point', filled: true }, encoding: { x, y, color, tooltip: [{ field: 'run' }, { field: 'genome' }, { field: 'accuracy', format: '.2%' }, { field: options.cost, format: ',' }] } },
      ],
    };
  }

  /** Several runs: hypervolume against evaluations (or generations), one line each. */
  function compareHypervolumeSpec(views, options) {
    const field = options.by === 'generation' ? 'generation' : 'evaluations';
    const values = views.flatMap((v) => v.generations.map((g) => ({ ...g, run: v.id })));
    return {
      $schema: SCHEMA,
      width: 560,
      height: 220,
      data: { values },
      mark: { type: 'line', point: views.length <= 4 },
      encoding: {
        x: { field, type: 'quantitative' },
        y: { field: 'hypervolume', type: 'quantitative', scale: { zero: false } },
        color: { field: 'run', type: 'nominal' },
        tooltip: [{ field: 'run' }, { field: 'generation' }, { field: 'hypervolume', format: '.5f' }],
      },
    };
  }

  // --- tables and downloads ---

  const COLUMNS = ['generation', 'genome', 'hash', 'source', 'accuracy', 'loss', 'params', 'macs', 'ms', 'front'];

  function csvCell(value) {
    const text = value === null || value === undefined ? '' : String(value);
    return /[",\n]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
  }

  /** The evaluations as CSV, one line each after the header. */
  function evaluationsCsv(view) {
    return [COLUMNS.join(','), ...view.evaluations.map((row) => COLUMNS.map((c) => csvCell(row[c])).join(','))].join('\n') + '\n';
  }

  function download(name, type, text) {
    const url = URL.createObjectURL(new Blob([text], { type }));
    const link = document.createElement('a');
    link.href = url;
    link.download = name;
    document.body.appendChild(link);
    link.click();
    link.remove();
    setTimeout(() => URL.revokeObjectURL(url), 1000);
  }

  function element(tag, attributes, children) {
    const node = document.createElement(tag);
    for (const [key, value] of Object.entries(attributes || {})) {
      if (key === 'text') node.textContent = value;
      else if (key.startsWith('on')) node.addEventListener(key.slice(2), value);
      else node.setAttribute(key, value);
    }
    for (const child of children || []) node.append(child);
    return node;
  }

  function table(header, rows, attributes) {
    return element('table', attributes, [
      element('thead', {}, [element('tr', {}, header.map((h) => element('th', { text: h })))]),
      element('tbody', {}, rows.map((row) => element('tr', {}, row.map((cell) => element('td', { text: String(cell) }))))),
    ]);
  }

  function statusLine(view) {
    const s = view.status;
    return `${s.status}${s.pid ? ` (pid ${s.pid})` : ''}${s.reason ? `: ${s.reason}` : ''}`;
  }

  function settingsTable(view) {
    const last = view.generations[view.generations.length - 1];
    const facts = [
      ['run directory', view.runDir],
      ['status', statusLine(view)],
      ['generations', `${view.generations.length} committed of ${view.generationsAsked}`],
      ['evaluations', `${view.evaluations.length} architectures, ${view.failures.length} failed`],
      ['front', `${view.front.length} architectures, hypervolume ${view.hypervolume.toFixed(5)}`],
      ['search time', `${view.searchSeconds.toFixed(2)} s (${last ? (view.searchSeconds / view.generations.length).toFixed(2) : '-'} s a generation)`],
      ['started', view.createdAt],
      ['last written', view.updatedAt],
      ['supernet version', String(view.supernetVersion)],
      ['evo-nas', view.evoNasVersion],
      ...Object.entries(view.config).filter(([, v]) => v !== null).map(([k, v]) => [k, typeof v === 'object' ? JSON.stringify(v) : String(v)]),
    ];
    return table(['setting', 'value'], facts, { class: 'settings' });
  }

  function evaluationsTable(view) {
    const rows = view.evaluations.map((r) => [r.generation, r.genome, percent(r.accuracy), grouped(r.params), grouped(r.macs), r.loss === null ? '-' : r.loss.toFixed(4), r.ms.toFixed(0), r.front ? 'yes' : '']);
    return table(['gen', 'genome', 'accuracy', 'params', 'MACs', 'loss', 'ms', 'front'], rows, { class: 'evaluations' });
  }

  // --- rendering ---

  /** Embeds `spec` into `target`, replacing what was there; returns the Vega view. */
  async function embed(target, spec, state) {
    if (state.views.has(target)) state.views.get(target).finalize();
    const result = await vegaEmbed(target, spec, EMBED);
    state.views.set(target, result.view);
    return result.view;
  }

  function section(root, id, title, children) {
    let node = root.querySelector(`#${id}`);
    if (!node) {
      node = element('section', { id }, [element('h2', { text: title })]);
      root.append(node);
    }
    while (node.childNodes.length > 1) node.lastChild.remove();
    for (const child of children) node.append(child);
    return node;
  }

  /**
   * Draws every view of `views` (RunView objects) into `root`: the detail of the selected run and,
   * with several runs, their comparison. Returns a promise that settles when every chart is drawn.
   */
  async function render(root, views, state) {
    state.views = state.views || new Map();
    state.cost = state.cost || 'params';
    state.by = state.by || 'evaluations';
    state.log = state.log ?? false;
    if (!views.some((v) => v.id === state.selected)) state.selected = views[0] && views[0].id;
    const view = views.find((v) => v.id === state.selected);
    root.dataset.rendered = 'false';
    if (!view) {
      section(root, 'empty', 'No runs', [element('p', { text: 'No run found.' })]);
      root.dataset.rendered = 'true';
      return;
    }
    const rerender = () => render(root, state.allViews, state);
    state.allViews = views;
    const controls = element('div', { class: 'controls' }, [
      views.length > 1
        ? element('label', { text: 'run ' }, [
            element('select', { id: 'run-select', onchange: (e) => ((state.selected = e.target.value), state.onSelect ? state.onSelect() : rerender()) }, views.map((v) => {
              const option = element('option', { value: v.id, text: `${v.id} (${v.strategy}, seed ${v.seed})` });
              if (v.id === view.id) option.selected = true;
              return option;
            })),
          ])
        : '',
      element('label', { text: ' cost ' }, [
        element('select', { id: 'cost-select', onchange: (e) => ((state.cost = e.target.value), rerender()) }, ['params', 'macs'].map((c) => {
          const option = element('option', { value: c, text: costTitle(c) });
          if (c === state.cost) option.selected = true;
          return option;
        })),
      ]),
      element('label', { text: ' log axis ' }, [(() => {
        const box = element('input', { id: 'log-axis', type: 'checkbox', onchange: (e) => ((state.log = e.target.checked), rerender()) });
        box.checked = state.log;
        return box;
      })()]),
    ]);
    const title = `${view.id}: ${view.strategy}, seed ${view.seed}, ${view.space} — ${statusLine(view)}`;
    section(root, 'summary', 'Run', [element('p', { class: 'title', text: title }), controls]);
    const scatter = element('div', { id: 'front-chart' });
    const picked = element('div', { id: 'picked' }, [element('p', { text: 'Click an architecture to see its widths.' })]);
    section(root, 'front', `Every evaluated architecture (${view.evaluations.length}) and the Pareto front (${view.front.length})`, [scatter, picked]);
    const hv = element('div', { id: 'hypervolume-chart' });
    const by = element('select', { id: 'hv-by', onchange: (e) => ((state.by = e.target.value), rerender()) }, ['evaluations', 'generation'].map((b) => {
      const option = element('option', { value: b, text: `against ${b}` });
      if (b === state.by) option.selected = true;
      return option;
    }));
    section(root, 'hypervolume', 'Hypervolume', [by, hv]);
    const heatmap = element('div', { id: 'heatmap-chart' });
    section(root, 'widths', 'Widths of the front', [heatmap]);
    const curve = element('div', { id: 'curve-chart' });
    section(root, 'supernet', 'Supernet training', view.curve.length > 0 ? [curve] : [element('p', { text: 'No supernet training curve stored (a table run, or a store written before curves were kept).' })]);
    section(root, 'settings', 'Settings, status and timings', [settingsTable(view)]);
    const downloads = element('p', {}, [
      element('button', { id: 'download-csv', onclick: () => download(`${view.id}-evaluations.csv`, 'text/csv', evaluationsCsv(view)), text: 'Download CSV' }),
      ' ',
      element('button', { id: 'download-json', onclick: () => download(`${view.id}-evaluations.json`, 'application/json', JSON.stringify(view.evaluations, null, 1)), text: 'Download JSON' }),
    ]);
    section(root, 'table', `All evaluations (${view.evaluations.length})`, [downloads, evaluationsTable(view)]);

    const options = { cost: state.cost, log: state.log, by: state.by };
    const drawn = [];
    drawn.push(
      embed(scatter, scatterSpec(view, options), state).then((vegaView) => {
        vegaView.addEventListener('click', (_event, item) => {
          if (!item || !item.datum || !item.datum.widths) return;
          const row = item.datum;
          const text = element('p', { id: 'picked-genome', text: `${row.genome}: ${percent(row.accuracy)}, ${grouped(row.params)} params, ${grouped(row.macs)} MACs, generation ${row.generation}` });
          const chart = element('div', { id: 'picked-chart' });
          picked.replaceChildren(text, chart);
          return embed(chart, widthsSpec(view, row), state);
        });
      }),
    );
    drawn.push(embed(hv, hypervolumeSpec(view, options), state));
    if (view.front.length > 0) drawn.push(embed(heatmap, heatmapSpec(view), state));
    if (view.curve.length > 0) drawn.push(embed(curve, curveSpec(view), state));
    if (views.length > 1) {
      const fronts = element('div', { id: 'compare-fronts-chart' });
      const hvs = element('div', { id: 'compare-hypervolume-chart' });
      section(root, 'compare', `Runs compared (${views.length})`, [fronts, hvs]);
      drawn.push(embed(fronts, compareFrontsSpec(views, options), state), embed(hvs, compareHypervolumeSpec(views, options), state));
    }
    await Promise.all(drawn);
    root.dataset.rendered = 'true';
    root.dispatchEvent(new Event('rendered'));
  }

  window.EvoNasReport = { render, evaluationsCsv, scatterSpec, hypervolumeSpec, heatmapSpec, curveSpec, compareFrontsSpec, compareHypervolumeSpec };
})();
