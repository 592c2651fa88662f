/**
 * What a zoo entry is: a named builder plus where its definition comes from. Each family file
 * (src/zoo/families/) exports a list of these; src/zoo/registry.ts gathers them.
 */
import type { Net, SymbolicTensor } from './net.js';

/** The public PyTorch code an architecture follows, and whose parameter count it must equal. */
export interface Reference {
  /** GitHub owner/name, e.g. `kuangliu/pytorch-cifar`. */
  readonly repo: string;
  /** The model file inside it. */
  readonly file: string;
  /** The constructor called there, e.g. `ResNet18()`. */
  readonly symbol: string;
}

/** Writes the network from `input` to its logits (no softmax) for `classes` classes. */
export type BuildFn = (net: Net, input: SymbolicTensor, classes: number) => SymbolicTensor;

export interface Architecture {
  /** The registry key: lower case, as the reference names it (`resnet20`, `vgg16_bn`). */
  readonly name: string;
  /** The family file it lives in (`resnet`, `densenet`, ...). */
  readonly family: string;
  /** The paper that introduced it, short form ("He et al. 2016"). */
  readonly paper: string;
  /**
   * The code it follows, first; where another reference defines the same network (same
   * parameter count), it follows. The pinned counts name which reference each comes from.
   */
  readonly references: readonly [Reference, ...Reference[]];
  readonly build: BuildFn;
}

export const KUANGLIU = 'kuangliu/pytorch-cifar';
export const WEIAICUNZAI = 'weiaicunzai/pytorch-cifar100';
