// Boots the self-contained report: the runs are inlined as JSON in #evo-nas-data.
(function () {
  'use strict';
  const data = JSON.parse(document.getElementById('evo-nas-data').textContent);
  const root = document.getElementById('report');
  const state = {};
  window.EvoNasReport.render(root, data.runs, state).catch((error) => {
    root.dataset.rendered = 'error';
    console.error(error);
  });
})();
