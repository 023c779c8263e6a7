// Types of schedules.mjs.
export function isSubMinute(ncrontab: string): boolean;
export function toEventBridge(ncrontab: string): string;
export function toUnixCron(ncrontab: string): string;
export function toFcCron(ncrontab: string): string;
