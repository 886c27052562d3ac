/**
 * Text PostgreSQL cannot store as it is: U+0000 (refused in `text` and `jsonb`) and half of a
 * UTF-16 surrogate pair (refused in `jsonb`, turned into U+FFFD in `text`). Files bring both, as
 * `&#0;`, `&#xD800;` or Excel's `_x0000_` escapes.
 */
// eslint-disable-next-line no-control-regex -- NUL is one of the characters looked for
const UNSTORABLE = /\u0000|[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;
const UNSTORABLE_ALL = new RegExp(UNSTORABLE.source, 'g');

/** True when `text` holds a character PostgreSQL cannot store (see above). */
export function hasUnstorableCharacter(text: string): boolean {
  return UNSTORABLE.test(text);
}

/** `text` with each character PostgreSQL cannot store replaced by U+FFFD, so it can be quoted in a message. */
export function toStorableText(text: string): string {
  return hasUnstorableCharacter(text) ? text.replace(UNSTORABLE_ALL, '\uFFFD') : text;
}
