import { describe, expect, it } from 'vitest';
import { sameOriginNext } from '../../dashboard/src/app/next-path.js';

/** Issue 15, finding 9: after signing in, `next=` is followed only within this origin; anything else goes home. */
describe('where the login page sends the user next', () => {
  const origin = 'https://desk.example.jp';

  it('follows a page of this origin, with its query', () => {
    expect(sameOriginNext('/participants/x/explorer?q=user%3Atanaka', origin)).toBe(
      '/participants/x/explorer?q=user%3Atanaka',
    );
  });

  it.each([
    '//evil.example/x',
    '/\\evil.example',
    'https://evil.example/',
    'javascript:alert(1)',
    '/login?next=/fleet',
    '',
    null,
  ])('goes home for %s', (next) => {
    expect(sameOriginNext(next, origin)).toBeNull();
  });
});
