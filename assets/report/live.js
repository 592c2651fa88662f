// The live UI's runs page: fetches the runs from the evo-nas ui server, draws them with
// charts.js, and polls the stores' stamps every second to redraw when a run commits.
(function () {
  'use strict';
  const root = document.getElementById('report');
  const state = {};
  let stamps = '';
  let busy = false;

  async function getJson(path) {
    const response = await fetch(path, { cache: 'no-store' });
    if (!response.ok) throw new Error(`${path}: ${response.status} ${await response.text()}`);
    return response.json();
  }

  function link(href, text) {
    const a = document.createElement('a');
    a.href = href;
    a.textContent = text;
    return a;
  }

  async function refresh() {
    const [summaries, entries] = await Promise.all([getJson('/api/runs'), getJson('/api/entries')]);
    const nav = document.getElementById('runs-nav');
    nav.replaceChildren(...summaries.map((s) => {
      const a = link(`#${s.id}`, `${s.id} (${s.status.status}, ${s.generations.length}/${s.generationsAsked})`);
      a.addEventListener('click', () => ((state.selected = s.id), refresh()));
      return a;
    }));
    document.getElementById('entries').replaceChildren(...entries.map((e) => {
      const li = document.createElement('li');
      li.append(link(`/entry/${encodeURIComponent(e.id)}`, e.id), ` ${e.genome}, ${(e.metrics.accuracy * 100).toFixed(2)}%, ${e.metrics.params} params`);
      return li;
    }));
    if (!summaries.some((s) => s.id === state.selected)) {
      const asked = decodeURIComponent(location.hash.slice(1));
      state.selected = summaries.some((s) => s.id === asked) ? asked : summaries[0] && summaries[0].id;
    }
    const views = await Promise.all(summaries.map((s) => (s.id === state.selected ? getJson(`/api/runs/${encodeURIComponent(s.id)}`) : s)));
    await window.EvoNasReport.render(root, views, state);
  }

  state.onSelect = () => refresh().catch(report);

  function report(error) {
    root.dataset.rendered = 'error';
    console.error(error);
  }

  async function poll() {
    if (!busy) {
      busy = true;
      try {
        const now = JSON.stringify(await getJson('/api/stamps'));
        if (now !== stamps) {
          stamps = now;
          await refresh();
        }
      } catch (error) {
        report(error);
      } finally {
        busy = false;
      }
    }
    setTimeout(poll, 1000);
  }

  poll();
})();
