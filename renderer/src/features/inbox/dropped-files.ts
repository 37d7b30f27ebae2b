/** Files out of a drop: plain files as they are, folders walked (a folder of CFDI XML files). */

const fileOfEntry = (entry: FileSystemFileEntry): Promise<File> => new Promise((resolve, reject) => entry.file(resolve, reject));

const readBatch = (reader: FileSystemDirectoryReader): Promise<FileSystemEntry[]> =>
  new Promise((resolve, reject) => reader.readEntries(resolve, reject));

function isFileEntry(entry: FileSystemEntry): entry is FileSystemFileEntry {
  return entry.isFile;
}
function isDirectoryEntry(entry: FileSystemEntry): entry is FileSystemDirectoryEntry {
  return entry.isDirectory;
}

/** Every file under an entry, depth first, in the order the folder lists them. */
async function filesUnder(entry: FileSystemEntry): Promise<File[]> {
  if (isFileEntry(entry)) return [await fileOfEntry(entry)];
  if (!isDirectoryEntry(entry)) return [];
  const reader = entry.createReader();
  const found: File[] = [];
  // readEntries answers in batches (100 in Chromium) until it answers an empty one.
  for (let batch = await readBatch(reader); batch.length > 0; batch = await readBatch(reader)) {
    const sorted = [...batch].sort((a, b) => a.name.localeCompare(b.name));
    for (const child of sorted) found.push(...(await filesUnder(child)));
  }
  return found;
}

/**
 * The files of a drop. Entries must be taken while the drop event runs (the list is emptied
 * afterwards), so this reads them synchronously and walks folders afterwards.
 */
export function takeDroppedFiles(transfer: DataTransfer): Promise<File[]> {
  const files = [...transfer.files];
  const entries = [...transfer.items].map((item) => (item.kind === 'file' && typeof item.webkitGetAsEntry === 'function' ? item.webkitGetAsEntry() : null));
  if (!entries.some((entry) => entry?.isDirectory)) return Promise.resolve(files);
  return (async () => {
    const all: File[] = [];
    for (const [index, entry] of entries.entries()) {
      if (entry) all.push(...(await filesUnder(entry)));
      else if (files[index]) all.push(files[index]);
    }
    return all;
  })();
}

/** True when a drag carries files (not text or a link being dragged inside the page). */
export function carriesFiles(event: DragEvent): boolean {
  const types = event.dataTransfer?.types;
  return types !== undefined && [...types].includes('Files');
}
