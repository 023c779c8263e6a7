// Azure Functions Flex Consumption on-demand prices the cost estimate uses: dated, sourced, overridable.
import { readFileSync } from 'node:fs';

/** One dated price list. Amounts in USD. */
export interface FlexPrices {
  /** Date the figures were read from the source. */
  asOf: string;
  source: string;
  region: string;
  /** On-demand execution time: instance memory provisioned while it executes, per GB-second. */
  perGBSecond: number;
  /** Per million executions. */
  perMillionExecutions: number;
  /** Monthly free grant per subscription (on demand only); per-million figures below do not subtract it. */
  freeGBSecondsPerMonth: number;
  freeExecutionsPerMonth: number;
  /** Instance memory sizes the plan offers, MB. */
  instanceSizesMB: number[];
}

/**
 * Flex Consumption, on demand, pay-as-you-go, East US. Unit prices: $0.000026 per GB-s and $0.40 per million
 * executions, as published in "Azure Functions pricing: Consumption vs. Flex Consumption" (modal.com blog,
 * 2025-05-22, quoting azure.microsoft.com/pricing/details/functions). Check the pricing page before relying on
 * them; set FLEX_PRICES_FILE to a JSON file of this shape to use other figures.
 */
export const FLEX_CONSUMPTION_PRICES: FlexPrices = {
  asOf: '2025-05-22',
  source:
    'https://modal.com/blog/azure-function-pricing-guide (quoting https://azure.microsoft.com/pricing/details/functions/)',
  region: 'East US',
  perGBSecond: 0.000026,
  perMillionExecutions: 0.4,
  freeGBSecondsPerMonth: 100_000,
  freeExecutionsPerMonth: 250_000,
  instanceSizesMB: [512, 2048, 4096],
};

/** The price list in force: FLEX_PRICES_FILE when set, else {@link FLEX_CONSUMPTION_PRICES}. */
export function getFlexPrices(env: Record<string, string | undefined> = process.env): FlexPrices {
  const file = env.FLEX_PRICES_FILE;
  if (!file) return FLEX_CONSUMPTION_PRICES;
  return { ...FLEX_CONSUMPTION_PRICES, ...(JSON.parse(readFileSync(file, 'utf8')) as Partial<FlexPrices>) };
}
