// Isolation Forest: fitting, scoring and the binary artifact, in flat typed arrays.
export { fitForest } from './fit-forest.ts';
export { meanPathLength, scoreRow, scoreMatrix } from './score-forest.ts';
export { encodeForest, decodeForest, ForestFormatError } from './forest-codec.ts';
export { averagePathLength, heightLimit } from './path-length.ts';
export type { ForestArrays, ForestOptions, Matrix, RandomSource } from './types.ts';
export { DEFAULT_SAMPLE_SIZE, DEFAULT_TREES } from './types.ts';
