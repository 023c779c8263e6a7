// Research only: the candidates `blocks-cv.ts` compares; the first is the reference every other is paired with.
import {
  APP_SGD,
  blendLearners,
  learner,
  nbFit,
  sgdFit,
  softmaxFit,
  subsetBag,
  svmFit,
  type Learner,
} from './block-learners.ts';
import {
  APP_FEATURES,
  charGrams,
  lengthBin,
  positions,
  punctuationBlock,
  union,
  wordGrams,
  skipBigrams,
  wordPairs,
  type BlockSpec,
  type FeatureOptions,
} from './feature-blocks.ts';
import { stack } from './stacking.ts';
import { charLm } from './char-lm.ts';

const withBlocks = (blocks: BlockSpec[], extra: Partial<FeatureOptions> = {}): FeatureOptions => ({
  ...APP_FEATURES,
  ...extra,
  blocks,
});

const skip1 = (weight: number): BlockSpec => ({ block: skipBigrams(1), weight });
const skip2 = (weight: number): BlockSpec => ({ block: skipBigrams(2), weight });
const pos = (weight: number): BlockSpec => ({ block: positions, weight });
const pairs = (weight: number, all = false): BlockSpec => ({ block: wordPairs(all), weight });

export const BLOCK_CANDIDATES: Record<string, Learner> = {
  'app sgd': learner(APP_FEATURES, APP_SGD),
  'svm c=1': learner(APP_FEATURES, svmFit(1)),
  'app sgd + skip1 0.5': learner(withBlocks([skip1(0.5)]), APP_SGD),
  'app sgd + skip1 0.3': learner(withBlocks([skip1(0.3)]), APP_SGD),
  'app sgd + skip1 0.5 + skip2 0.3': learner(withBlocks([skip1(0.5), skip2(0.3)]), APP_SGD),
  'app sgd + pos 0.3': learner(withBlocks([pos(0.3)]), APP_SGD),
  'app sgd + pos 0.5': learner(withBlocks([pos(0.5)]), APP_SGD),
  'app sgd + word pairs 0.3': learner(withBlocks([pairs(0.3)]), APP_SGD),
  'app sgd + all word pairs 0.3': learner(withBlocks([pairs(0.3, true)]), APP_SGD),
  'app sgd + char3 0.3': learner(withBlocks([{ block: charGrams(3), weight: 0.3 }]), APP_SGD),
  'app sgd + length 0.3': learner(withBlocks([{ block: lengthBin, weight: 0.3 }]), APP_SGD),
  'app sgd + skip1 0.5 + pos 0.3': learner(withBlocks([skip1(0.5), pos(0.3)]), APP_SGD),
  'svm + skip1 0.5': learner(withBlocks([skip1(0.5)]), svmFit(1)),
  'svm + pos 0.3': learner(withBlocks([pos(0.3)]), svmFit(1)),
  'svm + skip1 0.5 + pos 0.3': learner(withBlocks([skip1(0.5), pos(0.3)]), svmFit(1)),
  'softmax lr 0.2 x 20': learner(APP_FEATURES, softmaxFit(0.2, 20)),
  'nb a=0.1': learner(APP_FEATURES, nbFit(0.1)),
  'blend svm + softmax': blendLearners(
    [learner(APP_FEATURES, svmFit(1)), learner(APP_FEATURES, softmaxFit(0.2, 20))],
    [1, 1],
    [0.1, 1],
  ),
  'blend svm + nb 0.3': blendLearners(
    [learner(APP_FEATURES, svmFit(1)), learner(APP_FEATURES, nbFit(0.1))],
    [1, 0.3],
    [0.1, 1],
  ),
  'stack: app sgd, class offsets': stack([learner(APP_FEATURES, APP_SGD)]),
  'stack: app sgd, scale only': stack([learner(APP_FEATURES, APP_SGD)], { offsets: false }),
  'stack: svm, class offsets': stack([learner(APP_FEATURES, svmFit(1))]),
  'stack: app sgd + svm': stack([learner(APP_FEATURES, APP_SGD), learner(APP_FEATURES, svmFit(1))]),
  'stack: app sgd + nb': stack([learner(APP_FEATURES, APP_SGD), learner(APP_FEATURES, nbFit(0.1))]),
  'stack: app sgd + softmax': stack([
    learner(APP_FEATURES, APP_SGD),
    learner(APP_FEATURES, softmaxFit(0.5, 8)),
  ]),
  'stack: app sgd + sgd all word pairs': stack([
    learner(APP_FEATURES, APP_SGD),
    learner(withBlocks([pairs(0.3, true)]), APP_SGD),
  ]),
  'char lm 2': charLm(2),
  'char lm 3': charLm(3),
  'char lm 4': charLm(4),
  'app sgd + 0.05 char lm 3': blendLearners([learner(APP_FEATURES, APP_SGD), charLm(3)], [1, 0.05], [0.1, 1]),
  'app sgd + 0.1 char lm 3': blendLearners([learner(APP_FEATURES, APP_SGD), charLm(3)], [1, 0.1], [0.1, 1]),
  'app sgd + 0.2 char lm 3': blendLearners([learner(APP_FEATURES, APP_SGD), charLm(3)], [1, 0.2], [0.1, 1]),
  'app sgd + 0.4 char lm 3': blendLearners([learner(APP_FEATURES, APP_SGD), charLm(3)], [1, 0.4], [0.1, 1]),
  'stack: app sgd + char lm 3': stack([learner(APP_FEATURES, APP_SGD), charLm(3)]),
  'own blocks, as the app: words+punct 0.7, chars 1': learner(
    withBlocks(
      [
        { block: union(wordGrams(1), wordGrams(2), punctuationBlock), weight: 0.7 },
        { block: union(charGrams(1), charGrams(2)), weight: 1 },
      ],
      { baseWeight: 0 },
    ),
    APP_SGD,
  ),
  'own blocks, binary tf': learner(
    withBlocks(
      [
        { block: union(wordGrams(1), wordGrams(2), punctuationBlock), weight: 0.7 },
        { block: union(charGrams(1), charGrams(2)), weight: 1 },
      ],
      { baseWeight: 0, tf: 'binary' },
    ),
    APP_SGD,
  ),
  'own blocks, five norms (w1 .5 w2 .5 c1 .7 c2 1 p .5)': learner(
    withBlocks(
      [
        { block: wordGrams(1), weight: 0.5 },
        { block: wordGrams(2), weight: 0.5 },
        { block: charGrams(1), weight: 0.7 },
        { block: charGrams(2), weight: 1 },
        { block: punctuationBlock, weight: 0.5 },
      ],
      { baseWeight: 0 },
    ),
    APP_SGD,
  ),
  'own blocks, five norms, c1 .5': learner(
    withBlocks(
      [
        { block: wordGrams(1), weight: 0.5 },
        { block: wordGrams(2), weight: 0.5 },
        { block: charGrams(1), weight: 0.5 },
        { block: charGrams(2), weight: 1 },
        { block: punctuationBlock, weight: 0.5 },
      ],
      { baseWeight: 0 },
    ),
    APP_SGD,
  ),
  'sum: app sgd + 0.5 svm': blendLearners(
    [learner(APP_FEATURES, APP_SGD), learner(APP_FEATURES, svmFit(1))],
    [1, 0.5],
    [1, 1],
  ),
  'sum: app sgd + 1 svm': blendLearners(
    [learner(APP_FEATURES, APP_SGD), learner(APP_FEATURES, svmFit(1))],
    [1, 1],
    [1, 1],
  ),
  'sum: app sgd + 2 svm': blendLearners(
    [learner(APP_FEATURES, APP_SGD), learner(APP_FEATURES, svmFit(1))],
    [1, 2],
    [1, 1],
  ),
  'sum: app sgd + sgd all word pairs': blendLearners(
    [learner(APP_FEATURES, APP_SGD), learner(withBlocks([pairs(0.3, true)]), APP_SGD)],
    [1, 1],
    [1, 1],
  ),
  'sum: app sgd + svm + sgd all word pairs': blendLearners(
    [
      learner(APP_FEATURES, APP_SGD),
      learner(APP_FEATURES, svmFit(1)),
      learner(withBlocks([pairs(0.3, true)]), APP_SGD),
    ],
    [1, 1, 1],
    [1, 1, 1],
  ),
  'sum: app sgd seeds 1+2': blendLearners(
    [
      learner(APP_FEATURES, APP_SGD),
      learner(
        APP_FEATURES,
        sgdFit({ loss: 'hinge', optimizer: 'adagrad', learningRate: 0.05, shrinkMargin: 0.25 }, 14, 2),
      ),
    ],
    [1, 1],
    [1, 1],
  ),
  'stack on 20% held out: app sgd + svm': stack(
    [learner(APP_FEATURES, APP_SGD), learner(APP_FEATURES, svmFit(1))],
    { heldOut: 0.2 },
  ),
  'stack on 10% held out: app sgd + svm': stack(
    [learner(APP_FEATURES, APP_SGD), learner(APP_FEATURES, svmFit(1))],
    { heldOut: 0.1 },
  ),
  'stack 2 folds: app sgd + svm': stack([learner(APP_FEATURES, APP_SGD), learner(APP_FEATURES, svmFit(1))], {
    innerFolds: 2,
  }),
  'bag 5 x 80% app sgd': subsetBag(learner(APP_FEATURES, APP_SGD), 5, 0.8),
};
