/**
 * The content hash of a procedure revision, which a training acknowledgement carries so the matrix can tell
 * which text a trainee read. What is hashed, exactly: the UTF-8 bytes of
 *
 *   "<docNumber>\n<revision>\n<title>\n\n<body>"
 *
 * where <body> is the MDX source after its frontmatter, Unicode-normalised (NFC), with CRLF/CR turned into LF,
 * trailing spaces and tabs removed from every line, runs of blank lines reduced to one, and no blank lines at
 * the start or end. So re-wrapping blank lines or trailing spaces does not change the hash; any change of a
 * character of the text, the number, the revision or the title does. Status, dates and approvals are not
 * hashed: a revision keeps its hash when it takes effect or is signed off. SHA-256 over WebCrypto, in the
 * browser and in Node.
 */

export interface RevisionText {
  docNumber: string;
  revision: string;
  title: string;
  /** The MDX source without its frontmatter. */
  body: string;
}

export function normaliseBody(body: string): string {
  return body
    .normalize('NFC')
    .replace(/\r\n?/g, '\n')
    .split('\n')
    .map((line) => line.replace(/[ \t]+$/, ''))
    .join('\n')
    .replace(/\n{3,}/g, '\n\n')
    .replace(/^\n+|\n+$/g, '');
}

export function canonicalRevisionText(r: RevisionText): string {
  return `${r.docNumber}\n${r.revision}\n${r.title.normalize('NFC')}\n\n${normaliseBody(r.body)}`;
}

/** "sha256:<64 hex digits>" */
export async function revisionContentHash(r: RevisionText): Promise<string> {
  const digest = await crypto.subtle.digest('SHA-256', new TextEncoder().encode(canonicalRevisionText(r)));
  return `sha256:${[...new Uint8Array(digest)].map((b) => b.toString(16).padStart(2, '0')).join('')}`;
}

export const CONTENT_HASH_PATTERN = /^sha256:[0-9a-f]{64}$/;
