/**
 * Materialised paths of the org-unit tree. A path starts with its structure, so paths of
 * different structures never share a prefix: "current:/82/29905/29905-001/".
 */

/** The root path of a structure: "current:/". */
export function rootPath(structure: string): string {
  return `${structure}:/`;
}

/** Builds a unit's path from its parent's path: "current:/82/" + "29905" → "current:/82/29905/". */
export function childPath(parentPath: string, code: string): string {
  return `${parentPath}${code}/`;
}

/** True when `path` is `ancestorPath` itself or lies beneath it. */
export function isWithin(path: string, ancestorPath: string): boolean {
  return path.startsWith(ancestorPath);
}

/** Escapes LIKE wildcards so a path can be used as a prefix pattern. */
export function likePrefix(path: string): string {
  return `${path.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
}

/** The codes along a path, root first: "current:/82/29905/" → ["82", "29905"]. */
export function pathCodes(path: string): string[] {
  const slash = path.indexOf('/');
  return path
    .slice(slash)
    .split('/')
    .filter((s) => s.length > 0);
}
