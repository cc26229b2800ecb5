/**
 * The REST API's contract: every route's response schema, and the request vocabularies the dashboard
 * shares. Plain zod, no import of the server (see api/README.md, "One contract").
 */
export * from './common.js';
export * from './auth.js';
export * from './participants.js';
export * from './notices.js';
export * from './surveys.js';
export * from './devices.js';
export * from './health.js';
export * from './investigation.js';
export * from './desk.js';
export * from './operations.js';
export * from './retention.js';
export * from './detections.js';
