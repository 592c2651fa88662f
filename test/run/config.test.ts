import { writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import t from 'tap';
import { supernetSettingsOf } from '../../src/problems/supernet-problem.js';
import { checkSettings, DEFAULTS, flagName, readConfigFile, resolveConfig, resumeConfig, type RunConfig } from '../../src/run/config.js';
import { tempDir } from '../helpers/tmp.js';

t.test('defaults, then the config file, then flags; derived settings filled in', async (t) => {
  const dir = tempDir(t);
  const file = join(dir, 'run.json');
  writeFileSync(file, JSON.stringify({ population: 30, strategy: 'aging', maxParams: 100000, evaluator: 'table:bench.json' }));
  const config = resolveConfig({ ...readConfigFile(file), ...checkSettings({ population: 24, seed: 7 }, '') });
  t.match(config, { population: 24, strategy: 'aging', maxParams: 100000, seed: 7, generations: DEFAULTS.generations, objective: 'params' });
  t.equal(config.runDir, 'runs/aging-seed7', 'the default run directory names strategy and seed');
  t.equal(config.evaluator, `table:${resolve('bench.json')}`, 'a table path is stored absolute');
  t.same([config.agingCapacity, config.tournamentSize], [48, 12], 'aging keeps twice the population and samples a quarter of it');
  t.equal(flagName('evalTimeoutSeconds'), '--eval-timeout-seconds');
});

t.test('bad settings are refused with the setting, what is allowed and what was given', async (t) => {
  const dir = tempDir(t);
  const write = (name: string, content: string) => {
    const file = join(dir, name);
    writeFileSync(file, content);
    return file;
  };
  const cases: [() => unknown, RegExp][] = [
    [() => checkSettings({ population: 3 }, ''), /^--population must be a whole number ≥ 4 \(got 3\)$/],
    [() => checkSettings({ strategy: 'hill' }, ''), /^--strategy must be one of predictor, nsga2, aging, random \(got "hill"\)$/],
    [() => checkSettings({ crossoverProbability: 2 }, 'config file c.json'), /^config file c\.json: "crossoverProbability" must be a probability from 0 to 1 \(got 2\)$/],
    [() => readConfigFile(write('unknown.json', '{"populaton": 20}')), /: unknown setting "populaton"; known settings: generations, population, .*runDir/],
    ...['__proto__', 'constructor', 'hasOwnProperty', 'toString'].map((key): [() => unknown, RegExp] => [
      () => readConfigFile(write(`${key}.json`, `{"${key}": {"population": 2}}`)),
      new RegExp(`: unknown setting "${key}"; known settings: `),
    ]),
    [() => readConfigFile(write('lr.json', '{"lr": 11}')), /: "lr" must be a number above 0 and at most 10 \(got 11\)$/],
    [() => readConfigFile(write('list.json', '[1]')), /must hold a JSON object of settings/],
    [() => readConfigFile(write('broken.json', '{')), /^cannot read config file .*broken\.json: /],
    [() => readConfigFile(join(dir, 'missing.json')), /^cannot read config file .*missing\.json: ENOENT/],
  ];
  for (const [run, message] of cases) t.throws(run, { name: 'InputError', message });
});

t.test('config keys are data: names Object.prototype has are unknown settings, not crashes or garbled messages', async (t) => {
  const dir = tempDir(t);
  for (const key of ['__proto__', 'hasOwnProperty', 'constructor', 'toString', 'valueOf']) {
    const file = join(dir, `${key}.json`);
    writeFileSync(file, `{"${key}": 1}`);
    t.throws(() => readConfigFile(file), { name: 'InputError', message: new RegExp(`: unknown setting "${key}"; known settings: generations, population, `) }, key);
  }
});

t.test('resuming accepts only the settings that do not change results', async (t) => {
  const stored = resolveConfig({ runDir: 'runs/x', population: 20, seed: 1, evaluator: 'table:/data/a.json' });
  t.match(resumeConfig(stored, { generations: 80, workers: 1, population: 20 }), { generations: 80, workers: 1, population: 20, seed: 1 });
  t.throws(() => resumeConfig(stored, { seed: 2, population: 22 }), {
    name: 'InputError',
    message: /^run directory runs\/x holds a run with other settings: --seed 2 \(the run has 1\); --population 22 \(the run has 20\)\. Resume it with its own settings \(only --generations, --workers/,
  });
  t.throws(() => resumeConfig(stored, { seed: 2 }), {
    message: /\(only --generations, --workers, --eval-timeout-seconds, --eval-attempts, --evaluator/,
  }, 'settings without a flag are named as config-file keys');
});

t.test("the supernet a run trains follows its sampling and distillation settings; a run stored before they existed keeps what it trained with", async (t) => {
  const runDir = 'runs/x';
  t.match(supernetSettingsOf(resolveConfig({ runDir })), { sampling: 'fair', distill: false }, 'defaults: fair sampling, no distillation');
  t.match(supernetSettingsOf(resolveConfig({ ...checkSettings({ distill: true, sampling: 'sandwich' }, ''), runDir })), { sampling: 'sandwich', distill: true });
  const older = Object.fromEntries(Object.entries(resolveConfig({ runDir })).filter(([key]) => key !== 'sampling' && key !== 'distill'));
  t.match(supernetSettingsOf(older as unknown as RunConfig), { sampling: 'sandwich', distill: true }, 'the sandwich rule with distillation, as runs trained then');
});
