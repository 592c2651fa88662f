/**
 * The zoo's custom layers. Importing this module registers each with TensorFlow.js's
 * serialisation, which `tf.loadLayersModel` needs to rebuild a saved zoo model.
 */
export { BatchNorm } from './batch-norm.js';
export { ChannelPad } from './channel-pad.js';
export { ChannelShuffle } from './channel-shuffle.js';
export { ChannelSlice } from './channel-slice.js';
export { ClassTokenPosition } from './class-token.js';
export { GroupedConv2D } from './grouped-conv.js';
export { LayerNorm } from './layer-norm.js';
export { MultiHeadAttention } from './attention.js';
export { Patches } from './patches.js';
export { ResizeNearest } from './resize.js';
export { ShakeShake } from './shake-shake.js';
export { StochasticDepth } from './stochastic-depth.js';
export { TakeToken } from './take-token.js';
export { isStochasticLayer, reseedStochasticLayers, type StochasticLayer } from './seeded.js';
export type { InitSpec } from './init.js';
