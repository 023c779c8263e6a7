// Scoring: the served model's predicted rating for one (user, item) pair, with the user seen as serving sees
// them (stored history since training, side features, online overlay), and why: the score's largest terms.
import { NotFoundError } from '@suite/shared/errors';
import { getCatalogIndex } from '../features/catalog.ts';
import { buildItemBlock, buildUserBlock, describeFeature } from '../features/feature-space.ts';
import { clipRating, scoreItem, type FmModel } from '../model/fm-model.ts';
import { getItemTable } from '../model/predict.ts';
import { explainScore, nearestRatedItems } from '../model/score-contributions.ts';
import { getRankingBonus } from '../model/top-k.ts';
import { getItemTitles } from '../store/item-repository.ts';
import type { ServiceContext } from './service-context.ts';
import { getUserView, tryGetServingContext, type UserView } from './user-view.ts';

/** How many contributions an answer lists; the rest are summed into one "other features" entry. */
export const TOP_CONTRIBUTIONS = 10;

export interface Contribution {
  /** `user:2`, `item:7`, `genre:Comedy`, `age:25-34`, `rated:50`, `online`, `other features (n)`. */
  feature: string;
  /** The item's title for `item:` and `rated:` features. */
  title?: string | null;
  value: number;
}

export interface ScoreResult {
  userId: number;
  itemId: number;
  /** The predicted rating, clipped to the rating range (a preference in [0, 1] for `ials`). */
  score: number;
  /** What top-K lists order by: the unclipped score plus the item's popularity bonus. */
  rankingScore: number;
  /** beta * ln(1 + training ratings of the item); 0 when the model ranks by the score alone. */
  rankingBonus: number;
  modelVersion: string;
  source: 'model' | 'cold-start';
  /** What `contributions` hold, in a sentence. */
  explanation: string;
  /** FM kinds: the global mean the contributions start from (unclipped score = intercept + their sum). */
  intercept?: number;
  contributions: Contribution[];
}

const round = (x: number) => Number(x.toFixed(4));

export async function scoreFor(ctx: ServiceContext, userId: number, itemId: number): Promise<ScoreResult> {
  const loaded = await ctx.tryModel();
  if (!loaded) throw new NotFoundError('no recommender model is published yet; POST /api/train first');
  const { model, version } = loaded;
  const i = getCatalogIndex(model.catalog).item.get(itemId);
  if (i === undefined) throw new NotFoundError(`item ${itemId} is not in the model`);
  const view = await getUserView(ctx.db, ctx.overlays, model, version, userId);
  // A user the model has nothing on scores the item's constant part (0 for `ials`): the mean, as before.
  const context = tryGetServingContext(model, view);
  const y = scoreItem(
    model,
    context ?? { base: model.params[0] as number, s: new Float64Array(model.k) },
    getItemTable(model),
    i,
  );
  const bonus = getRankingBonus(model, model.rankingPrior)?.[i] ?? 0;
  const why =
    model.kind === 'ials' ? explainIals(model, i, view) : explainFm(model, i, view, context !== undefined);
  return {
    userId,
    itemId,
    score: round(clipRating(model, y)),
    rankingScore: round(y + bonus),
    rankingBonus: round(bonus),
    modelVersion: version,
    source: view.known ? 'model' : 'cold-start',
    ...why,
    contributions: await withTitles(ctx, why.contributions),
  };
}

type Explained = Pick<ScoreResult, 'explanation' | 'intercept' | 'contributions'>;

function explainFm(model: FmModel, i: number, view: UserView, hasUser: boolean): Explained {
  const { layout, catalog } = model;
  const user = hasUser
    ? buildUserBlock(layout, view.facts)
    : { idx: new Int32Array(0), val: new Float64Array(0), explicit: 0 };
  const { intercept, contributions } = explainScore(
    model,
    user,
    buildItemBlock(layout, catalog, i),
    hasUser ? view.overlay : undefined,
  );
  const named: Contribution[] = contributions.slice(0, TOP_CONTRIBUTIONS).map((c) => ({
    feature: c.j < 0 ? 'online' : describeFeature(layout, catalog, c.j),
    value: round(c.value),
  }));
  const rest = contributions.slice(TOP_CONTRIBUTIONS);
  if (rest.length > 0)
    named.push({
      feature: `other features (${rest.length})`,
      value: round(rest.reduce((s, c) => s + c.value, 0)),
    });
  return {
    explanation:
      'Each feature’s linear term plus half of every pairwise term it shares with another feature (the ' +
      `${model.kind} model’s unclipped score is the mean ${intercept.toFixed(2)} plus these); “online” is ` +
      'what ratings since training folded in.',
    intercept: round(intercept),
    contributions: named,
  };
}

function explainIals(model: FmModel, i: number, view: UserView): Explained {
  const near = nearestRatedItems(model, i, view.facts.rated, TOP_CONTRIBUTIONS);
  const ids = model.catalog.itemIds;
  return {
    explanation:
      'An iALS score is one dot product of learned factors, which carry no names, so it splits into no ' +
      'meaningful terms; listed instead: the items this user rated whose factors are nearest this one (cosine).',
    contributions: near.map((n) => ({ feature: `rated:${ids[n.item]}`, value: round(n.cosine) })),
  };
}

async function withTitles(ctx: ServiceContext, list: Contribution[]): Promise<Contribution[]> {
  const idOf = (c: Contribution) => /^(?:item|rated):(\d+)$/.exec(c.feature)?.[1];
  const ids = list
    .map(idOf)
    .filter((x) => x !== undefined)
    .map(Number);
  const titles = await getItemTitles(ctx.db, ids);
  return list.map((c) => {
    const id = idOf(c);
    return id === undefined ? c : { ...c, title: titles.get(Number(id)) ?? null };
  });
}
