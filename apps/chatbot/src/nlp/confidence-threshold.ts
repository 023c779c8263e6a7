// The one default out-of-scope threshold, shared by training, the app's CHAT_MIN_CONFIDENCE and the bench.

/**
 * Calibrated confidence below which a message is out of scope. Training used 0.3 and the app and bench 0.35
 * until they were unified; 0.35 is what the app has always served (its config default overrides training's).
 */
export const DEFAULT_MIN_CONFIDENCE = 0.35;
