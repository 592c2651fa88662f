/**
 * Commander options derived from declared settings. Adding a declared setting to a command is one
 * line:
 *
 * ```ts
 * addSettings(command, [SEED, BATCH_SIZE, withDefault(LR, 0.05)]);
 * ```
 *
 * Each flag parses its text with the setting's kind and refuses what the kind does not allow
 * ("error: option '--lr <rate>' argument '0' is invalid. must be a number above 0 and at most 10
 * (got "0")"; commander names the flag as typed, an old alias included). The action receives the
 * values under the settings' keys (`options.batchSize`). With `applyDefaults: false` absent flags
 * stay undefined (for `run`, whose config file sits between the flags and the defaults) and help
 * still shows the default.
 */
import { InvalidArgumentError, Option, type Command } from 'commander';
import { defaultHelp, flagOf, type Setting } from './setting.js';

export interface AddSettingsOptions {
  /** Put each declared default into the parsed options (default true). */
  readonly applyDefaults?: boolean;
}

/** Adds one option per setting (plus its hidden old spellings) to `command` and returns it. */
export function addSettings(command: Command, settings: readonly Setting[], options: AddSettingsOptions = {}): Command {
  for (const declared of settings) {
    for (const option of settingOptions(declared, options.applyDefaults ?? true)) command.addOption(option);
  }
  return command;
}

/** The option of a setting, followed by a hidden option per alias that fills the same key. */
export function settingOptions(declared: Setting, applyDefaults = true): Option[] {
  const flag = flagOf(declared);
  const main = makeOption(declared, flag, applyDefaults);
  const aliases = (declared.aliases ?? []).map((alias) => {
    const option = makeOption(declared, alias, false).hideHelp();
    // An alias fills the setting's own key: --batch 16 arrives as batchSize 16.
    option.attributeName = () => declared.key;
    return option;
  });
  return [main, ...aliases];
}

function makeOption(declared: Setting, flag: string, applyDefaults: boolean): Option {
  const { kind } = declared;
  if (kind.takesNoValue) {
    const option = new Option(flag, declared.help);
    if (!flag.startsWith('--no-') && applyDefaults && typeof declared.default === 'boolean') option.default(declared.default);
    return option;
  }
  const shown = defaultHelp(declared);
  const applied = applyDefaults && declared.default !== undefined && declared.default !== null;
  const option = new Option(`${flag} ${declared.placeholder}`, applied && declared.defaultText === undefined ? declared.help : `${declared.help}${shown ? ` ${shown}` : ''}`);
  if (kind.choices) option.choices(kind.choices);
  option.argParser((text: string) => {
    const value = kind.parse(text);
    if (value === undefined) throw new InvalidArgumentError(`must be ${kind.allowed} (got "${text}")`);
    return value;
  });
  if (applied) option.default(declared.default);
  return option;
}
