/**
 * The alternative a user would reach for: the same Elman network written with tf.layers — an RNN
 * layer around a γ cell (trainable n and s as layer weights), a dense softmax read-out — trained
 * with model.trainOnBatch. Same initial weights, same batches, same backend as our trainer.
 * Used only by the benchmark; the training worker never imports tfjs-layers.
 */
import * as tf from '@tensorflow/tfjs-core';
import * as tfl from '@tensorflow/tfjs-layers';
import { gammaTf } from '../core/gammaTf';
import { initialWeights } from '../core/init';
import { createRng } from '../core/rng';
import type { Batch } from '../core/taskTypes';
import type { Task } from '../core/tasks/index';
import type { RunConfig } from '../engine/protocol';

/** h_t = γ(x_t·U + h_{t−1}·V + b; n, s), the cell tf.layers.rnn unrolls. */
class GammaCell extends tfl.layers.RNNCell {
  static readonly className = 'GammaCell';
  readonly stateSize: number;
  private kernel?: tfl.LayerVariable;
  private recurrent?: tfl.LayerVariable;
  private bias?: tfl.LayerVariable;
  private gain?: tfl.LayerVariable;
  private saturation?: tfl.LayerVariable;

  constructor(
    private readonly units: number,
    private readonly n0: number,
    private readonly s0: number,
  ) {
    super({});
    this.stateSize = units;
  }

  override build(inputShape: tfl.Shape | tfl.Shape[]): void {
    const shape = (Array.isArray(inputShape[0]) ? inputShape[0] : inputShape) as tfl.Shape;
    const I = shape[shape.length - 1] as number;
    this.kernel = this.addWeight('kernel', [I, this.units], 'float32', tfl.initializers.zeros());
    this.recurrent = this.addWeight('recurrent_kernel', [this.units, this.units], 'float32', tfl.initializers.zeros());
    this.bias = this.addWeight('bias', [this.units], 'float32', tfl.initializers.zeros());
    this.gain = this.addWeight('n', [], 'float32', tfl.initializers.constant({ value: this.n0 }));
    this.saturation = this.addWeight('s', [], 'float32', tfl.initializers.constant({ value: this.s0 }));
    this.built = true;
  }

  override call(inputs: tf.Tensor | tf.Tensor[]): tf.Tensor[] {
    return tf.tidy(() => {
      const [x, h] = inputs as tf.Tensor[];
      const a = tf.add(tf.add(tf.matMul(x, (this.kernel as tfl.LayerVariable).read()), tf.matMul(h, (this.recurrent as tfl.LayerVariable).read())), (this.bias as tfl.LayerVariable).read());
      const out = gammaTf(a, (this.gain as tfl.LayerVariable).read(), (this.saturation as tfl.LayerVariable).read());
      return [out, out];
    });
  }

  override getConfig(): tf.serialization.ConfigDict {
    return { ...super.getConfig(), units: this.units, n0: this.n0, s0: this.s0 };
  }
}

export interface LayersRun {
  /** One trainOnBatch; resolves with the loss once it is read back. */
  step(batch: Batch): Promise<number>;
  dispose(): void;
}

function oneHot(batch: Batch, classes: number, readout: 'last' | 'all'): tf.Tensor {
  const rows = batch.y.length;
  const values = new Float32Array(rows * classes);
  // Unscored steps (−1) get an all-zero row: they add nothing to the cross-entropy.
  for (let i = 0; i < rows; i++) if (batch.y[i] >= 0) values[i * classes + batch.y[i]] = 1;
  return readout === 'last' ? tf.tensor2d(values, [batch.batch, classes]) : tf.tensor3d(values, [batch.batch, batch.steps, classes]);
}

export function createLayersRun(config: RunConfig, task: Task): LayersRun {
  const { inputs: I, steps: T, classes: C, readout } = task.info;
  const N = config.hidden;
  const input = tfl.input({ shape: [T, I] });
  const rnn = tfl.layers.rnn({ cell: new GammaCell(N, config.n0, config.s0), returnSequences: readout === 'all' });
  const dense = tfl.layers.dense({ units: C, activation: 'softmax' });
  const head = readout === 'all' ? tfl.layers.timeDistributed({ layer: dense }) : dense;
  const output = head.apply(rnn.apply(input)) as tfl.SymbolicTensor;
  const model = tfl.model({ inputs: input, outputs: output });
  model.compile({ optimizer: tf.train.adam(config.lr), loss: 'categoricalCrossentropy' });
  // The same starting point as our trainer: core's initial weights from the same seed stream.
  const w = initialWeights(I, N, C, createRng(config.seed).fork('weights'));
  const init = [
    tf.tensor2d(w.U, [I, N]),
    tf.tensor2d(w.V, [N, N]),
    tf.tensor1d(w.b),
    tf.scalar(config.n0),
    tf.scalar(config.s0),
    tf.tensor2d(w.Wo, [N, C]),
    tf.tensor1d(w.bo),
  ];
  model.setWeights(init);
  tf.dispose(init);
  return {
    async step(batch) {
      const x = tf.tensor3d(batch.x, [batch.batch, batch.steps, batch.inputs]);
      const y = oneHot(batch, C, readout);
      try {
        const loss = await model.trainOnBatch(x, y);
        return Array.isArray(loss) ? loss[0] : loss;
      } finally {
        tf.dispose([x, y]);
      }
    },
    dispose() {
      model.dispose();
    },
  };
}
