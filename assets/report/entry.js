// A zoo entry's page: loads the entry's model/model.json with TensorFlow.js in the browser (CPU
// backend, so the numbers do not depend on a GPU), classifies test images of its dataset fetched
// from the evo-nas ui server, and shows the predictions and the accuracy on them. The results are
// also left in window.evoNasPredictions for tests.
(function () {
  'use strict';
  const { name } = JSON.parse(document.getElementById('evo-nas-entry').textContent);
  const status = document.getElementById('entry-status');
  const COUNT = 32;

  async function getJson(path) {
    const response = await fetch(path, { cache: 'no-store' });
    if (!response.ok) throw new Error(`${path}: ${response.status} ${await response.text()}`);
    return response.json();
  }

  /** One image as a small canvas (grey or RGB), scaled up 3x. */
  function thumbnail(images, index) {
    const [, height, width, channels] = images.shape;
    const canvas = document.createElement('canvas');
    canvas.width = width;
    canvas.height = height;
    canvas.style.width = `${width * 3}px`;
    canvas.style.imageRendering = 'pixelated';
    const context = canvas.getContext('2d');
    const picture = context.createImageData(width, height);
    const start = index * height * width * channels;
    for (let p = 0; p < height * width; p++) {
      for (let c = 0; c < 3; c++) picture.data[p * 4 + c] = images.pixels[start + p * channels + (channels === 1 ? 0 : c)];
      picture.data[p * 4 + 3] = 255;
    }
    context.putImageData(picture, 0, 0);
    return canvas;
  }

  async function main() {
    await tf.setBackend('cpu');
    const entry = await getJson(`/api/entries/${encodeURIComponent(name)}`);
    document.getElementById('entry-facts').textContent =
      `${entry.genome} — searched accuracy ${(entry.metrics.accuracy * 100).toFixed(2)}%, ${entry.metrics.params.toLocaleString('en-US')} params, ` +
      `${entry.metrics.macs.toLocaleString('en-US')} MACs, dataset ${entry.provenance.dataset}`;
    const model = await tf.loadLayersModel(`/entries/${encodeURIComponent(name)}/model/model.json`);
    const images = await getJson(`/api/entries/${encodeURIComponent(name)}/images?count=${COUNT}`);
    const probabilities = tf.tidy(() => model.predict(tf.tensor4d(images.data, images.shape)).softmax().arraySync());
    model.dispose();
    const predicted = probabilities.map((row) => row.indexOf(Math.max(...row)));
    const correct = predicted.filter((p, i) => p === images.labels[i]).length;
    const accuracy = correct / predicted.length;
    status.textContent = `${correct} of ${predicted.length} test images of ${images.dataset} classified correctly in this browser (${(accuracy * 100).toFixed(1)}%), TensorFlow.js ${tf.version.tfjs} on ${tf.getBackend()}.`;
    const rows = predicted.map((p, i) => {
      const row = document.createElement('tr');
      row.className = p === images.labels[i] ? 'right' : 'wrong';
      const cells = [thumbnail(images, i), images.classNames[images.labels[i]], images.classNames[p], `${(probabilities[i][p] * 100).toFixed(1)}%`];
      for (const cell of cells) {
        const td = document.createElement('td');
        td.append(cell);
        row.append(td);
      }
      return row;
    });
    const table = document.createElement('table');
    table.id = 'prediction-table';
    const head = document.createElement('tr');
    for (const h of ['image', 'label', 'predicted', 'probability']) {
      const th = document.createElement('th');
      th.textContent = h;
      head.append(th);
    }
    table.append(head, ...rows);
    document.getElementById('predictions').replaceChildren(table);
    window.evoNasPredictions = { probabilities, predicted, labels: images.labels, accuracy };
    document.body.dataset.done = 'true';
  }

  main().catch((error) => {
    status.textContent = `Could not classify: ${error.message}`;
    document.body.dataset.done = 'error';
    console.error(error);
  });
})();
