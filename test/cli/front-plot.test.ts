import t from 'tap';
import { frontScatter } from '../../src/cli/front-plot.js';

t.test('the front plot marks each architecture, labels the ends of both axes, and switches to a log axis for wide costs', async (t) => {
  const points = [
    { cost: 1000, accuracy: 0.7 },
    { cost: 5000, accuracy: 0.8 },
    { cost: 200_000, accuracy: 0.9 },
  ];
  const lines = frontScatter(points, { costLabel: 'params', width: 30, height: 6 });
  const marks = lines.join('\n').split('●').length - 1;
  t.equal(marks, 3, 'one mark per architecture');
  t.match(lines[0], /^90\.0% │/, 'the best accuracy at the top');
  t.match(lines[5], /^70\.0% │●/, 'the worst at the bottom, cheapest at the left');
  t.ok(lines[0]!.endsWith('●'), 'the most accurate (and costliest) at the right');
  t.match(lines[7], /1k\s+200k$/);
  t.match(lines[8], /params \(log scale\)/);
  t.notMatch(frontScatter(points.slice(0, 2), { costLabel: 'MACs' }).join('\n'), /log scale/, 'a narrow range stays linear');
  t.same(frontScatter([], { costLabel: 'params' }), ['(no front to plot)']);
  t.equal(frontScatter([{ cost: 10, accuracy: 0.5 }], { costLabel: 'params' }).join('').split('●').length - 1, 1, 'a single point');
});
