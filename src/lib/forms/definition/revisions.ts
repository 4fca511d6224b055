/**
 * Naming of form revisions (browser-safe): a record names the form revision it was filled under
 * (envelope `formRevision`); the current one is schemas/<form>.schema.json, every other kept one
 * schemas/revisions/<form>@<rev>.schema.json with its compiled validator keyed `<form>@<rev>`.
 */

/** "violation-record", "A/1" -> "violation-record@a-1" (file base name, as revisionSlug writes revisions). */
export function keptFormBase(formId: string, formRevision: string): string {
  return `${formId}@${formRevision.toLowerCase().replace('/', '-')}`;
}

/** Key of a kept form revision's validator and definition: "violation-record@A/1". */
export function formRevisionKey(formId: string, formRevision: string): string {
  return `${formId}@${formRevision}`;
}
