// Turns a measured invocation (duration, memory) into GB-seconds and a price per million on Flex Consumption.
import type { FlexPrices } from './flex-consumption-prices.ts';

/** Headroom kept above the measured peak RSS when choosing an instance size. */
export const MEMORY_HEADROOM = 1.25;

/** Smallest instance size (MB) holding `peakRssBytes` with headroom; the largest size when none does. */
export function smallestInstanceMB(peakRssBytes: number, sizesMB: number[]): number {
  const sorted = [...sizesMB].sort((a, b) => a - b);
  const neededMB = (peakRssBytes * MEMORY_HEADROOM) / (1024 * 1024);
  return sorted.find((size) => size >= neededMB) ?? sorted[sorted.length - 1]!;
}

/** Cost of one invocation and of a million, billed as Flex Consumption bills on demand. */
export interface InvocationCost {
  instanceMB: number;
  durationMs: number;
  gbSeconds: number;
  usdPerMillion: number;
  usdPerMillionCompute: number;
  usdPerMillionExecutions: number;
}

/**
 * Flex Consumption bills the instance's provisioned memory (not the memory used) for the time it executes, plus a
 * per-execution charge. This assumes one execution at a time per instance: concurrent executions on one instance
 * share billed time, so this is the upper bound.
 * @example estimateInvocationCost({ durationMs: 12, instanceMB: 512 }, prices).usdPerMillion
 */
export function estimateInvocationCost(
  measured: { durationMs: number; instanceMB: number },
  prices: Pick<FlexPrices, 'perGBSecond' | 'perMillionExecutions'>,
): InvocationCost {
  const gbSeconds = (measured.instanceMB / 1024) * (measured.durationMs / 1000);
  const usdPerMillionCompute = gbSeconds * prices.perGBSecond * 1e6;
  return {
    instanceMB: measured.instanceMB,
    durationMs: measured.durationMs,
    gbSeconds,
    usdPerMillion: usdPerMillionCompute + prices.perMillionExecutions,
    usdPerMillionCompute,
    usdPerMillionExecutions: prices.perMillionExecutions,
  };
}

/** Median of a non-empty list. */
export function median(values: number[]): number {
  if (values.length === 0) return NaN;
  const sorted = [...values].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2 === 1 ? sorted[mid]! : (sorted[mid - 1]! + sorted[mid]!) / 2;
}
