/**
 * Linear-time trimming helpers. Regexes such as /\s+$/ or /\/+$/ are quadratic on long runs
 * that are not at the end (a 100,000-character line of spaces takes seconds), so the parsers
 * trim with these loops instead.
 */

/** Remove every trailing character that appears in `chars`. */
export function trimEndChars(text: string, chars: string): string {
  let end = text.length;
  while (end > 0 && chars.includes(text.charAt(end - 1))) end--;
  return text.slice(0, end);
}

/** Remove every leading character that appears in `chars`. */
export function trimStartChars(text: string, chars: string): string {
  let start = 0;
  while (start < text.length && chars.includes(text.charAt(start))) start++;
  return text.slice(start);
}
