/**
 * What an operator reads of an engine error about a policy: the engine's reason without the query it
 * ran. The engine quotes the expanded query (the scoped tables' prelude with its run prefix) after
 * "While processing", in "In scope …" and in "query: …" parts; none of that is the operator's text, and
 * the prelude is not theirs to read. Kept: the error code and its first sentence.
 */
export function engineMessage(error: unknown): string {
  const text = error instanceof Error ? error.message : String(error);
  const firstLine = text.split('\n')[0] ?? '';
  const cut =
    firstLine.split(
      /\s*(?:: While processing|\. While processing|While processing| In scope |, query: |: query: |\(version )/,
    )[0] ?? '';
  const withoutPrefix = cut.replace(/\bscope_[0-9a-f]{16}_/g, '').trim();
  return withoutPrefix.length > 400 ? `${withoutPrefix.slice(0, 400)}…` : withoutPrefix;
}
