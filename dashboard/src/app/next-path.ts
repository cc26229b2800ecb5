/**
 * Where to go after signing in: the `next=` of the login address, only when it is a page of this
 * origin. "//evil.example/x" starts with "/" yet leaves the origin (history.pushState then throws and
 * the user stayed on the login page; issue 15, finding 9): anything that resolves elsewhere, or to
 * the login page itself, means "go home" (null).
 */
export function sameOriginNext(next: string | null, origin: string): string | null {
  if (!next || !next.startsWith('/')) return null;
  let target: URL;
  try {
    target = new URL(next, origin);
  } catch {
    return null;
  }
  if (target.origin !== origin || target.pathname.startsWith('/login')) return null;
  return target.pathname + target.search + target.hash;
}
