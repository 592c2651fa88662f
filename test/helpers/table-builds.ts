/** The flags of a tiny `evo-nas table build`, shared by the local and the queue's tests. */

/** 2 architectures (the smallest and the largest) x 2 seeds, 64 synthetic images, one epoch. */
export const tinyBuild = (runDir: string, out: string, workers: number): string[] => [
  'table', 'build', '--dataset', 'synthetic', '--architectures', '2', '--seeds', '2', '--epochs', '1', '--batch-size', '32',
  '--train-images', '64', '--validation-images', '32', '--no-crop-flip', '--seed', '5', '--workers', String(workers), '--run-dir', runDir, '--out', out,
];
