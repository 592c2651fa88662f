import fc from 'fast-check';
import t from 'tap';
import { accuracyStandardError, validationImagesOf } from '../../src/search/standard-error.js';
import { holds } from '../helpers/property.js';

t.test('the standard error of an accuracy is the binomial sqrt(p(1-p)/n)', (t) => {
  t.equal(accuracyStandardError(0.86, 1000).toFixed(5), '0.01097', 'about 1.1 points at 86% on 1,000 images (the default evaluation)');
  t.equal(accuracyStandardError(0.5, 2500), 0.01, 'the largest at 50%: 0.5 / sqrt(n)');
  t.equal(accuracyStandardError(1, 1000), 0, 'none when every image is right');
  t.ok(Number.isNaN(accuracyStandardError(0.5, 0)) && Number.isNaN(accuracyStandardError(1.2, 10)), 'undefined without images or for an accuracy outside [0, 1]');
  holds(
    t,
    'symmetric in p and 1-p, at most 0.5/sqrt(n), and shrinking as 1/sqrt(n)',
    // An accuracy is a count of right images over n: p = right / n. (Arbitrary doubles found
    // p = 1e-18, whose 1 - p rounds to 1: a float artefact no evaluation can produce.)
    fc.property(
      fc.integer({ min: 1, max: 1e6 }).chain((n) => fc.tuple(fc.integer({ min: 0, max: n }), fc.constant(n))),
      ([right, n]) => {
        const p = right / n;
        const se = accuracyStandardError(p, n);
        return Math.abs(se - accuracyStandardError(1 - p, n)) < 1e-9 && se <= 0.5 / Math.sqrt(n) + 1e-12 && Math.abs(accuracyStandardError(p, 4 * n) - se / 2) < 1e-12;
      },
    ),
  );
  t.end();
});

t.test('a supernet run measures on its validation images; a table run has no image count', (t) => {
  t.equal(validationImagesOf({ evaluator: null, validationImages: 1000 }), 1000);
  t.equal(validationImagesOf({ evaluator: 'supernet', validationImages: 500 }), 500);
  t.equal(validationImagesOf({ evaluator: 'table:/data/Results_ResNet.json', validationImages: 1000 }), null);
  t.end();
});
