/**
 * The REST API's types, from its one contract (contract/: the zod schemas the server answers
 * through). Type-only: nothing of the server is bundled, and a change of the contract that a page does
 * not follow fails `npm run typecheck`. The pages import these names from here, never their own copies.
 */
export type * from '../../../contract/index.js';
