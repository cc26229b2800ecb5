export * from './windows-event.js';
export * from './mapping-rule.js';
export * from './event-mapping.js';
