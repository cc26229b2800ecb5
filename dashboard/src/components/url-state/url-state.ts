import { navigate } from '../../app/router.js';

/**
 * A page's filters live in the address (`?name=…&page=2`), so a filtered view can be shared as a link
 * and survives a reload. Writing replaces the history entry: typing in a search box does not fill the
 * back button with every keystroke.
 */
export function readParams(): URLSearchParams {
  return new URLSearchParams(location.search);
}

/** Sets the given parameters; empty or null ones are removed. Others are left as they are. */
export function writeParams(patch: Record<string, string | number | null | undefined>): void {
  const params = readParams();
  for (const [key, value] of Object.entries(patch)) {
    if (value === null || value === undefined || value === '') params.delete(key);
    else params.set(key, String(value));
  }
  replaceParams(params);
}

export function replaceParams(params: URLSearchParams): void {
  const search = params.toString();
  navigate(location.pathname + (search ? `?${search}` : ''), { replace: true });
}
