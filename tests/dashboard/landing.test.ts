import { describe, expect, it } from 'vitest';
import { landingPath } from '../../dashboard/src/app/landing.js';

/** Issue 19, item 5: after sign-in each role lands on its home unless `next` is a page that role may open. */
describe('where a role lands after signing in', () => {
  const origin = 'https://desk.example.jp';
  const mine = '11111111-1111-4111-8111-111111111111';
  const theirs = '22222222-2222-4222-8222-222222222222';
  const user = { role: 'participant_user' as const, participantId: mine };
  const operator = { role: 'operator' as const, participantId: null };

  it.each([
    ['/', `/participants/${mine}/devices`],
    ['/fleet', `/participants/${mine}/devices`],
    ['/desk', `/participants/${mine}/devices`],
    ['/deletions', `/participants/${mine}/devices`],
    [`/participants/${theirs}/explorer`, `/participants/${mine}/devices`],
    ['/no-such-page', `/participants/${mine}/devices`],
    [null, `/participants/${mine}/devices`],
    [`/participants/${mine}/explorer?q=user%3Atanaka`, `/participants/${mine}/explorer?q=user%3Atanaka`],
    [`/participants/${mine}/tickets`, `/participants/${mine}/tickets`],
  ])('a participant user with next=%s lands on %s', (next, expected) => {
    expect(landingPath(user, next, origin)).toBe(expected);
  });

  it.each([
    ['/', '/'],
    [null, '/fleet'],
    ['//evil.example/x', '/fleet'],
    ['/desk', '/desk'],
    [`/participants/${theirs}/explorer?q=x`, `/participants/${theirs}/explorer?q=x`],
  ])('an operator with next=%s lands on %s', (next, expected) => {
    expect(landingPath(operator, next, origin)).toBe(expected);
  });
});
