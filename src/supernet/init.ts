/**
 * Initial values for the supernet's tensors, drawn from the project's seeded generator so that a
 * seed gives the same network on every backend. Convs: He et al. 2015 normal with fan-out (as
 * torchvision's ResNet); the head: PyTorch's default uniform(+-1/sqrt(fan-in)) for weight and bias;
 * BN: gamma 1, beta 0, running mean 0, running variance 1.
 */
import type { Rng } from '../random/rng.js';
import type { TensorSpec } from './layout.js';

export function initialValues(spec: TensorSpec, rng: Rng): Float32Array {
  const size = spec.shape.reduce((a, b) => a * b, 1);
  switch (spec.role) {
    case 'conv': {
      const [kh, kw, , out] = spec.shape as [number, number, number, number];
      return normal(size, Math.sqrt(2 / (kh * kw * out)), rng.fork(spec.name));
    }
    case 'dense-weight':
    case 'dense-bias': {
      const bound = 1 / Math.sqrt(spec.fanIn ?? 1);
      const stream = rng.fork(spec.name);
      return Float32Array.from({ length: size }, () => (2 * stream.float() - 1) * bound);
    }
    case 'bn-gamma':
    case 'bn-variance':
      return new Float32Array(size).fill(1);
    case 'bn-beta':
    case 'bn-mean':
      return new Float32Array(size);
  }
}

/** Standard normal draws by Box–Muller, scaled by `std`. */
function normal(size: number, std: number, rng: Rng): Float32Array {
  const out = new Float32Array(size);
  for (let i = 0; i < size; i += 2) {
    const radius = Math.sqrt(-2 * Math.log(1 - rng.float()));
    const angle = 2 * Math.PI * rng.float();
    out[i] = radius * Math.cos(angle) * std;
    if (i + 1 < size) out[i + 1] = radius * Math.sin(angle) * std;
  }
  return out;
}
