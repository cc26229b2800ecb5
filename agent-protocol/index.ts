export * from './v1/limits.js';
export * from './v1/common.js';
export * from './v1/events.js';
export * from './v1/inventory.js';
export * from './v1/health.js';
export * from './v1/health-checks.js';
export * from './v1/error-codes.js';
export * from './v1/messages.js';
