import type { DroppedFile } from '../types.js';

/** btoa takes a binary string; 32 KiB at a time keeps String.fromCharCode's argument list small. */
const CHUNK = 0x8000;

/** Bytes as base64, built in chunks so that large files do not overflow the call stack. */
export function bytesToBase64(bytes: Uint8Array): string {
  const parts: string[] = [];
  for (let offset = 0; offset < bytes.length; offset += CHUNK) {
    parts.push(String.fromCharCode(...bytes.subarray(offset, offset + CHUNK)));
  }
  return btoa(parts.join(''));
}

/** A browser file through FileReader: the encoding is native, which matters for files of many MiB. */
function readAsDataUrl(file: Blob): Promise<string> {
  return new Promise((resolve, reject) => {
    const reader = new FileReader();
    reader.onload = () => {
      const url = typeof reader.result === 'string' ? reader.result : '';
      const comma = url.indexOf(',');
      if (!url.startsWith('data:') || comma < 0) reject(new Error('unexpected FileReader result'));
      else resolve(url.slice(comma + 1));
    };
    reader.onerror = () => reject(reader.error ?? new Error('the file could not be read'));
    reader.readAsDataURL(file);
  });
}

/** Reads a dropped or chosen file as base64, in the renderer (no Node). */
export async function readFileBase64(file: DroppedFile): Promise<string> {
  if (typeof FileReader !== 'undefined' && typeof Blob !== 'undefined' && file instanceof Blob && file.size > 0) {
    try {
      return await readAsDataUrl(file);
    } catch {
      // Some hosts lack data URLs for large blobs: fall back to the bytes.
    }
  }
  return bytesToBase64(new Uint8Array(await file.arrayBuffer()));
}
