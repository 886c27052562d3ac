/**
 * Fills a UI message: `{name}` placeholders, and `{n, plural, one {# day left} other {# days
 * left}}` where a language has plurals (English; Vietnamese has none, so its messages never need
 * the choice). Shared by the web client and the field app.
 */

/** Values of a message's placeholders (numbers, or text already formatted for the language). */
export type MessageVars = Record<string, string | number>;

const PLURAL = /\{(\w+), plural, one \{([^{}]*)\} other \{([^{}]*)\}\}/gu;
const PLACEHOLDER = /\{(\w+)\}/gu;

/** The number a value stands for: "1,234" (English grouping) reads 1234. */
function countOf(value: string | number): number {
  return typeof value === 'number' ? value : Number(value.replace(/,/gu, ''));
}

const pluralRules: Partial<Record<'vi' | 'en', Intl.PluralRules>> = {};

/** The message for `locale` with its choices made (`#` is the count as given) and placeholders filled. */
export function formatMessage(template: string, vars: MessageVars | undefined, locale: 'vi' | 'en'): string {
  if (!vars) return template;
  const chosen = template.replace(PLURAL, (match, name: string, one: string, other: string) => {
    const value = vars[name];
    if (value === undefined) return match;
    pluralRules[locale] ??= new Intl.PluralRules(locale === 'en' ? 'en-US' : 'vi-VN');
    return (pluralRules[locale].select(countOf(value)) === 'one' ? one : other).replaceAll('#', String(value));
  });
  return chosen.replace(PLACEHOLDER, (match, name: string) => (name in vars ? String(vars[name]) : match));
}
