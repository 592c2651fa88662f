/**
 * Every zoo architecture by name. Lookup errors list what exists; where two references define
 * different networks under one name (e.g. kuangliu's and weiaicunzai's MobileNetV2), both are
 * registered with the repository owner as suffix and the bare name says which to pick.
 */
import { ZooError } from '../errors/errors.js';
import type { Architecture } from './architecture.js';
import { CIFAR_RESNETS } from './families/cifar-resnet.js';
import { DENSENETS } from './families/densenet.js';
import { DLAS } from './families/dla.js';
import { DPNS } from './families/dpn.js';
import { EFFICIENTNETS } from './families/efficientnet.js';
import { GOOGLENETS } from './families/googlenet.js';
import { INCEPTION_V3S } from './families/inception-v3.js';
import { INCEPTION_V4S } from './families/inception-v4.js';
import { MOBILENETS } from './families/mobilenet.js';
import { MOBILENETV2S } from './families/mobilenetv2.js';
import { NASNETS } from './families/nasnet.js';
import { PNASNETS } from './families/pnasnet.js';
import { PREACT_RESNETS } from './families/preact-resnet.js';
import { REGNETS } from './families/regnet.js';
import { RESIDUAL_ATTENTION_NETS } from './families/residual-attention.js';
import { RESNETS } from './families/resnet.js';
import { RESNEXTS } from './families/resnext.js';
import { SENETS } from './families/senet.js';
import { SHAKE_SHAKES } from './families/shake-shake.js';
import { SHUFFLENETS } from './families/shufflenet.js';
import { SHUFFLENETV2S } from './families/shufflenetv2.js';
import { SQUEEZENETS } from './families/squeezenet.js';
import { STOCHASTIC_DEPTH_RESNETS } from './families/stochastic-depth.js';
import { VGGS } from './families/vgg.js';
import { VITS } from './families/vit.js';
import { WIDE_RESNETS } from './families/wide-resnet.js';
import { XCEPTIONS } from './families/xception.js';

const ALL: Architecture[] = [
  ...CIFAR_RESNETS,
  ...RESNETS,
  ...PREACT_RESNETS,
  ...RESNEXTS,
  ...SENETS,
  ...WIDE_RESNETS,
  ...STOCHASTIC_DEPTH_RESNETS,
  ...DENSENETS,
  ...VGGS,
  ...GOOGLENETS,
  ...MOBILENETS,
  ...MOBILENETV2S,
  ...SHUFFLENETS,
  ...SHUFFLENETV2S,
  ...SQUEEZENETS,
  ...INCEPTION_V3S,
  ...INCEPTION_V4S,
  ...XCEPTIONS,
  ...DLAS,
  ...DPNS,
  ...EFFICIENTNETS,
  ...RESIDUAL_ATTENTION_NETS,
  ...NASNETS,
  ...PNASNETS,
  ...REGNETS,
  ...SHAKE_SHAKES,
  ...VITS,
];

export const ZOO: ReadonlyMap<string, Architecture> = new Map(ALL.map((a) => [a.name, a]));

if (ZOO.size !== ALL.length) throw new Error('two zoo architectures share a name');

/** The architecture called `name`; a ZooError naming the choices otherwise. */
export function getArchitecture(name: string): Architecture {
  const found = ZOO.get(name);
  if (found) return found;
  const variants = [...ZOO.keys()].filter((key) => key.startsWith(`${name}-`));
  if (variants.length > 0) {
    throw new ZooError(`"${name}" has one definition per reference; pick one of: ${variants.join(', ')}`);
  }
  // Suggest names that contain it, or start like it (resnet21 -> resnet20, resnet32, ...).
  const stem = name.replace(/[\d_-].*$/, '');
  const near = [...ZOO.keys()].filter((key) => key.includes(name) || name.includes(key) || (stem.length >= 3 && key.startsWith(stem)));
  const hint = near.length > 0 ? `did you mean ${near.slice(0, 8).join(', ')}?` : `run "evo-nas zoo list" for all ${ZOO.size}`;
  throw new ZooError(`unknown architecture "${name}": ${hint}`);
}
