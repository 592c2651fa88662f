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

  /**
   * The same update as `step`, with the gradients as flat float32 arrays (what data-parallel
   * training averages in shared memory), computed in JavaScript: bit for bit what `step` computes,
   * since every operation is rounded to float32 as the backend's elementwise ops round it (a
   * float64 result of +, - or * on float32 operands rounds to the correctly rounded float32), in
   * `step`'s order. One pass per variable instead of about ten tensor ops, each with its own
   * dispatch: a supernet update drops from about 21 ms to a few on wasm.
   */
  stepArrays(grads: ReadonlyMap<string, Float32Array>, lr: number): void {
    const [decay, momentum, rate] = [Math.fround(this.weightDecay), Math.fround(this.momentum), Math.fround(lr)];
    const f = Math.fround;
    for (const [name, variable] of this.variables) {
      const grad = grads.get(name);
      if (!grad) continue; // a tensor no subnet of this step used
      const velocity = this.velocities.get(name) as tf.Variable;
      const [w, v] = [variable.dataSync() as Float32Array, velocity.dataSync() as Float32Array];
      if (grad.length !== w.length) throw new RangeError(`a gradient of ${grad.length} values for "${name}", which has ${w.length}`);
      const [nextW, nextV] = [new Float32Array(w.length), new Float32Array(w.length)];
      for (let i = 0; i < w.length; i++) {
        const wi = w[i] as number;
        const g = decay === 0 ? (grad[i] as number) : f((grad[i] as number) + f(wi * decay));
        const vi = f(f((v[i] as number) * momentum) + g);
        const direction = this.nesterov ? f(g + f(vi * momentum)) : vi;
        nextV[i] = vi;
        nextW[i] = f(wi - f(direction * rate));
      }
      assignValues(velocity, nextV);
      assignValues(variable, nextW);
    }
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

function assignValues(variable: tf.Variable, values: Float32Array): void {
  const value = tf.tensor(values, variable.shape);
  variable.assign(value);
  value.dispose();
}
