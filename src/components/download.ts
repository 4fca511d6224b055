/**
 * Saving a file through the browser's download, shared by the record form (JSON records) and the
 * PDF islands (record PDFs). A blob: URL: nothing leaves the computer.
 */

export function downloadFile(fileName: string, content: string | Uint8Array, type: string): void {
  // A copy of the bytes: a view into a larger (or shared) buffer is not a BlobPart.
  const part = typeof content === 'string' ? content : (content.slice().buffer as ArrayBuffer);
  const url = URL.createObjectURL(new Blob([part], { type }));
  const a = document.createElement('a');
  a.href = url;
  a.download = fileName;
  a.rel = 'noopener';
  a.hidden = true;
  document.body.append(a);
  a.click();
  a.remove();
  setTimeout(() => URL.revokeObjectURL(url), 30_000);
}
