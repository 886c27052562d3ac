/** Indicators page URL of a province (in the province settings area). */
export function indicatorsHref(structure: string, code: string): string {
  return `/provinces/${structure}/${encodeURIComponent(code)}/indicators`;
}
