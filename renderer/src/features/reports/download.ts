import type { ReportFile } from '../../stores/reconcile-types.js';

/** Bytes from base64, as the core sends file contents. */
export function base64ToBytes(base64: string): Uint8Array<ArrayBuffer> {
  const binary = atob(base64);
  const bytes = new Uint8Array(binary.length);
  for (let i = 0; i < binary.length; i++) bytes[i] = binary.charCodeAt(i);
  return bytes;
}

/**
 * Saves a file the core wrote through the browser's own download (a Blob behind a temporary
 * link), which works the same in Electron and in browser mode.
 */
export function downloadFile(file: ReportFile, doc: Document = document): void {
  const url = URL.createObjectURL(new Blob([base64ToBytes(file.contentBase64)], { type: file.mimeType }));
  const link = doc.createElement('a');
  link.href = url;
  link.download = file.fileName;
  link.hidden = true;
  doc.body.append(link);
  link.click();
  link.remove();
  // Revoking at once can cancel the download in some engines; a minute later it is long done.
  setTimeout(() => URL.revokeObjectURL(url), 60_000);
}
