import t from 'tap';
import fc from 'fast-check';
import { dominates, updateArchive, type Individual } from '../../src/search/index.js';
import { holds } from '../helpers/property.js';

const member = (hash: string, objectives: number[], violation = 0): Individual => ({ genome: [], hash, objectives, violation });

t.test('the archive keeps feasible non-dominated members across generations, one per hash', async (t) => {
  let archive = updateArchive([], [member('a', [0.2, 10]), member('b', [0.3, 20]), member('c', [0.1, 30], 0.5)]);
  t.same(archive.map((m) => m.hash), ['a'], 'b is dominated by a; c is infeasible');
  archive = updateArchive(archive, [member('d', [0.1, 20]), member('a', [0, 0])]);
  t.same(archive.map((m) => m.hash), ['d', 'a'], 'sorted by error; an archived hash keeps its first entry');
  archive = updateArchive(archive, [member('e', [0.1, 20])]);
  t.same(archive.map((m) => m.hash), ['d', 'e', 'a'], 'equal objectives from another genome are both kept');
});

t.test('the archive is the non-dominated set of everything fed to it, whatever the batching', async (t) => {
  const membersArb = fc.array(fc.tuple(fc.integer({ min: 0, max: 6 }), fc.integer({ min: 0, max: 6 })), { maxLength: 30 })
    .map((points) => points.map(([a, b], i) => member(`h${i}`, [a, b])));
  holds(t, 'batching does not matter', fc.property(membersArb, fc.integer({ min: 1, max: 5 }), (members, batch) => {
    let archive: Individual[] = [];
    for (let i = 0; i < members.length; i += batch) archive = updateArchive(archive, members.slice(i, i + batch));
    const expected = members.filter((a) => !members.some((b) => dominates(b.objectives, a.objectives)));
    return JSON.stringify(archive) === JSON.stringify(updateArchive([], members)) && archive.length === expected.length;
  }));
});
