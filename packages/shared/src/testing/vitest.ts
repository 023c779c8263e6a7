// Test helpers that call vitest's it/expect, so they load only inside a vitest run: kept out of
// @suite/shared/testing, which benches import under tsx (see native-import.test.ts).
export { itSurvivesFuzz } from './fuzz-app-test.ts';
