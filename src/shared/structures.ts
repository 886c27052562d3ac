/**
 * Administrative structures: the current two-level one, as of 1/7/2025, and the legacy
 * three-level one. Apart from the schemas (`schemas/org-units.ts`) so the web client's first
 * load can check a URL's structure without loading zod.
 */
export const STRUCTURES = ['current', '2025', 'legacy'] as const;
