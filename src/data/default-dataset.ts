/** The dataset used when none is named: bundled with the package, so every command works offline. */
export const DEFAULT_DATASET = 'fashion-mnist-mini';
