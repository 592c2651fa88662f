/**
 * The declared search spaces. The default is the CVPR 2021 lightweight NAS challenge, Track 1:
 * ResNet20 with per-layer widths, stage 1 in {4..16}, stage 2 in {4..32}, stage 3 in {4..64}, in
 * steps of 4, and a 1x1 projection shortcut on every block. The deeper ResNets follow the same
 * rule with more blocks per stage (He et al. 2016, CIFAR ResNets: depth = 6n + 2).
 */
import { InputError } from '../errors/errors.js';
import { resnetSpace, type ResNetSpace } from './space.js';

/** Multiples of `step` from `step` to `max`. */
function steps(step: number, max: number): number[] {
  return Array.from({ length: max / step }, (_, i) => step * (i + 1));
}

/** A CIFAR ResNet of depth 6n + 2 with the challenge's width choices. */
function cifarResNetSpace(depth: number, name: string, description: string): ResNetSpace {
  const blocks = (depth - 2) / 6;
  return resnetSpace({
    name,
    description,
    inputChannels: 3,
    inputSize: 32,
    classes: 100,
    shortcut: 'always',
    stemChoices: steps(4, 16),
    stages: [
      { blocks, stride: 1, choices: steps(4, 16) },
      { blocks, stride: 2, choices: steps(4, 32) },
      { blocks, stride: 2, choices: steps(4, 64) },
    ],
  });
}

export const DEFAULT_SPACE_NAME = 'resnet20-cvpr2021';

export const SPACES: ReadonlyMap<string, ResNetSpace> = new Map(
  [
    cifarResNetSpace(
      20,
      DEFAULT_SPACE_NAME,
      'CVPR 2021 lightweight NAS challenge, Track 1: ResNet20 channel widths (CIFAR-100)',
    ),
    cifarResNetSpace(32, 'resnet32-widths', 'ResNet32 with the Track 1 width rule (5 blocks a stage)'),
    cifarResNetSpace(44, 'resnet44-widths', 'ResNet44 with the Track 1 width rule (7 blocks a stage)'),
    cifarResNetSpace(56, 'resnet56-widths', 'ResNet56 with the Track 1 width rule (9 blocks a stage)'),
  ].map((space) => [space.name, space]),
);

/** The space called `name`, or an error listing the declared names. */
export function getSpace(name: string = DEFAULT_SPACE_NAME): ResNetSpace {
  const space = SPACES.get(name);
  if (!space) {
    throw new InputError(`unknown space "${name}"; declared spaces: ${[...SPACES.keys()].join(', ')}`);
  }
  return space;
}
