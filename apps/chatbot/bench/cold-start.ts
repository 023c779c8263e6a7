// Cold start (process start -> /api/health, -> first prediction) and Flex Consumption cost of this app's deploy
// package. The plan (requests, target) lives in packages/shared/bench/cold-start-requests.ts. Prints JSON lines.
// Run: npx tsx bench/cold-start.ts   (COLD_START_RUNS, WARM_REQUESTS, DATABASE_URL, FLEX_PRICES_FILE: see there)
import { runColdStartBench } from '../../../packages/shared/bench/cold-start.ts';

await runColdStartBench(['chatbot']);
