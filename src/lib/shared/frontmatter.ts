/** The YAML frontmatter of an MDX source: one pattern for every reader (CRLF sources included). */
import yaml from 'js-yaml';

const FRONTMATTER = /^---\r?\n([\s\S]*?)\r?\n---(?:\r?\n|$)/;

/** The frontmatter text (null when there is none) and the body after it. */
export function splitFrontmatter(source: string): { front: string | null; body: string } {
  const m = FRONTMATTER.exec(source);
  return m ? { front: m[1], body: source.slice(m[0].length) } : { front: null, body: source };
}

/** The frontmatter as data: null when the source has none; throws js-yaml's error on invalid YAML. */
export function readFrontmatter(source: string): Record<string, unknown> | null {
  const { front } = splitFrontmatter(source);
  if (front === null) return null;
  return (yaml.load(front) ?? {}) as Record<string, unknown>;
}
