/**
 * The browser's entry for signing a procedure revision's approval on /approve/: .p12 reading and
 * detached CMS, no PDF code. Node callers use ../index.ts.
 */
export { readPkcs12 } from '../sign/pkcs12.ts';
export { approveRevision } from '../approvals.ts';
