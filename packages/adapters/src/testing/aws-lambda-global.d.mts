// Types of aws-lambda-global.mjs.
import type { AwsLambdaGlobal } from '../aws-lambda.ts';
export const STREAMING: unique symbol;
export const PRELUDE_DELIMITER: Uint8Array;
export function createAwsLambdaGlobal(): AwsLambdaGlobal;
