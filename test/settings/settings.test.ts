import { Command } from 'commander';
import fc from 'fast-check';
import t from 'tap';
import { RUN_SETTINGS } from '../../src/run/config.js';
import { addSettings, BATCH_SIZE, checkValues, DISTILL, flagOf, LR, SEED, VALIDATION_IMAGES, withDefault, type Setting } from '../../src/settings/index.js';
import { holds } from '../helpers/property.js';

/** Parses `argv` with the settings' options and returns the options, or the error commander printed. */
function parse(settings: readonly Setting[], argv: string[], applyDefaults = true): { options?: Record<string, unknown>; error?: string } {
  let error = '';
  const command = addSettings(new Command('x').exitOverride().configureOutput({ writeErr: (text) => (error += text), writeOut: () => undefined }), settings, { applyDefaults });
  try {
    command.parse(argv, { from: 'user' });
    return { options: command.opts() };
  } catch {
    return { error };
  }
}

t.test('a flag and a config-file key allow the same values: what a flag parses, the check accepts', async (t) => {
  const texts = fc.oneof(fc.constantFrom('0', '1', '4', '10', '10.5', '11', '-1', '0.5', '1e-3', '1,2', 'abc', '', 'nsga2', 'uniform', '32x48', 'auto'), fc.string(), fc.double().map(String), fc.integer().map(String));
  const valued = RUN_SETTINGS.filter((s) => !s.kind.takesNoValue);
  holds(
    t,
    'a flag parses a text exactly when the config-file check accepts it',
    fc.property(fc.constantFrom(...valued), texts, (declared, text) => {
      const parsed = parse([declared], [flagOf(declared), text]);
      const checked = (() => {
        const value = declared.kind.parse(text);
        if (value === undefined) return false;
        checkValues({ [declared.key]: value }, RUN_SETTINGS, 'config file c.json');
        return true;
      })();
      return (parsed.options !== undefined) === checked;
    }),
  );
});

t.test('the --lr bound is the same on the command line and in a config file', async (t) => {
  t.match(parse([LR], ['--lr', '11']).error, /option '--lr <rate>' argument '11' is invalid\. must be a number above 0 and at most 10 \(got "11"\)/);
  t.throws(() => checkValues({ lr: 11 }, [LR], 'config file c.json'), { message: 'config file c.json: "lr" must be a number above 0 and at most 10 (got 11)' });
  t.same(parse([LR], ['--lr', '10']).options, { lr: 10 });
});

t.test('defaults: applied, or only shown in help', async (t) => {
  t.same(parse([SEED, BATCH_SIZE], []).options, { seed: 0, batchSize: 64 });
  t.same(parse([SEED, BATCH_SIZE], [], false).options, {});
  t.same(parse([withDefault(BATCH_SIZE, 128)], []).options, { batchSize: 128 });
  t.same(parse([withDefault(BATCH_SIZE, undefined)], []).options, {});
  const onByDefault = { ...DISTILL, default: true, aliases: [] };
  t.same(parse([onByDefault], []).options, { distill: true }, 'a switch on by default is on');
  t.same(parse([onByDefault], ['--no-distill']).options, { distill: false }, 'and --no-X turns it off');
  t.same(parse([DISTILL], []).options, { distill: false }, 'a switch off by default is off');
  t.same(parse([DISTILL], ['--distill']).options, { distill: true }, 'and --X turns it on');
  t.same(parse([DISTILL], ['--no-distill']).options, { distill: false }, "distillation's old flag still parses");
  const help = addSettings(new Command('x'), [SEED], { applyDefaults: false }).helpInformation();
  t.match(help, /--seed <seed>\s+random seed, 0 to 4294967295 \(default: 0\)/);
});

t.test('an old spelling fills the same key, is hidden from help, and errors name it as typed', async (t) => {
  t.same(parse([BATCH_SIZE, VALIDATION_IMAGES], ['--batch', '16', '--val-images', '8']).options, { batchSize: 16, validationImages: 8 });
  t.match(parse([BATCH_SIZE], ['--batch', '0']).error, /option '--batch <n>' argument '0' is invalid\. must be a whole number ≥ 1/);
  t.match(parse([BATCH_SIZE], ['--batch-size', '0']).error, /option '--batch-size <n>' argument '0' is invalid/);
  const help = addSettings(new Command('x'), [BATCH_SIZE]).helpInformation();
  t.match(help, /--batch-size <n>/);
  t.notMatch(help, /--batch </);
});

t.test('keys are data: names of Object.prototype are unknown settings, not crashes', async (t) => {
  for (const key of ['__proto__', 'constructor', 'hasOwnProperty', 'toString', 'valueOf']) {
    const values = JSON.parse(`{"${key}": 1}`) as Record<string, unknown>;
    t.throws(() => checkValues(values, RUN_SETTINGS, 'config file c.json'), { name: 'InputError', message: new RegExp(`^config file c\\.json: unknown setting "${key}"; known settings: generations, `) }, key);
  }
});
