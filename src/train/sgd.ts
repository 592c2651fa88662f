/**
 * SGD with momentum, optional Nesterov momentum and coupled weight decay, as PyTorch's torch.optim.SGD
 * defines them (dampening 0):
 *
 *   g = grad + weightDecay * w;  v = momentum * v + g;  w -= lr * (nesterov ? g + momentum * v : v)
 *
 * A class because it owns state with a lifetime: one velocity buffer per variable, which
 * checkpoints save and restore (`state` / `loadState`).
 */
import * as tf from '@tensorflow/tfjs';
import '../nn/quiet.js';
import type { NamedTensor } from '../store/schema.js';

export interface SgdOptions {
  /** Default 0.9. */
  readonly momentum?: number;
  /** Default false. */
  readonly nesterov?: boolean;
  /** Coupled L2 weight decay; default 5e-4. */
  readonly weightDecay?: number;
}

export class Sgd {
  private readonly velocities = new Map<string, tf.Variable>();
  readonly momentum: number;
  readonly nesterov: boolean;
  readonly weightDecay: number;

  constructor(
    private readonly variables: ReadonlyMap<string, tf.Variable>,
    options: SgdOptions = {},
  ) {
    this.momentum = options.momentum ?? 0.9;
    this.nesterov = options.nesterov ?? false;
    this.weightDecay = options.weightDecay ?? 5e-4;
    for (const [name, variable] of variables) {
      // A variable shares its initial value's data; dispose the zeros so only the variable holds it.
      const zeros = tf.zerosLike(variable);
      this.velocities.set(name, tf.variable(zeros, false));
      zeros.dispose();
    }
  }

  /** One update with learning rate `lr`; `grads` maps variable names to gradients (not disposed here). */
  step(grads: ReadonlyMap<string, tf.Tensor>, lr: number): void {
    tf.tidy(() => {
      for (const [name, variable] of this.variables) {
        const grad = grads.get(name);
        if (!grad) continue; // a tensor no subnet of this step used
        const velocity = this.velocities.get(name) as tf.Variable;
        const g = this.weightDecay === 0 ? grad : grad.add(variable.mul(this.weightDecay));
        const v = velocity.mul(this.momentum).add(g);
        velocity.assign(v);
        const direction = this.nesterov ? g.add(v.mul(this.momentum)) : v;
        variable.assign(variable.sub(direction.mul(lr)));
      }
    });
  }

  /** The velocity buffers, named `<variable>.velocity`. */
  state(): NamedTensor[] {
    return [...this.velocities].map(([name, v]) => ({ name: `${name}.velocity`, shape: [...v.shape], data: v.dataSync() as Float32Array }));
  }

  loadState(state: readonly NamedTensor[]): void {
    const byName = new Map(state.map((t) => [t.name, t]));
    for (const [name, velocity] of this.velocities) {
      const saved = byName.get(`${name}.velocity`);
      if (!saved || saved.data.length !== velocity.size) throw new Error(`optimizer state lacks a ${velocity.shape.join('x')} velocity for "${name}"`);
      const value = tf.tensor(saved.data, velocity.shape);
      velocity.assign(value);
      value.dispose();
    }
  }

  dispose(): void {
    for (const velocity of this.velocities.values()) velocity.dispose();
  }
}
