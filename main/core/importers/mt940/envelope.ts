/**
 * MT940/MT942 envelope: splits decoded text into messages made of tag fields. Handles optional
 * SWIFT blocks `{1:…}{2:…}{3:…}{4:` … `-}{5:…}`, a leading SOH byte, `-` / `-XXX` / `$`
 * separator lines, bank header lines before `:20:` (ABN AMRO `ABNANL2A`/`940`, ING `0000 01…`),
 * and messages that simply start at the next `:20:`.
 */
import type { Diagnostic } from '../types.js';
import { splitLines } from '../encoding.js';
import { trimEndChars, trimStartChars } from '../text.js';

/** One tag with its value lines (first = text after `:TAG:`, then continuation lines). */
export interface TagField {
  tag: string;
  lines: string[];
  /** 1-based line of the tag. */
  line: number;
}

/** One MT940/MT942 message (one statement page). */
export interface SwiftMessage {
  fields: TagField[];
  /** 1-based line where the message starts. */
  line: number;
  /** Message type from SWIFT block 2 ('940', '942') when the file has blocks. */
  blockType?: string;
}

const TAG_RE = /^:(\d{2}[A-Z]?):(.*)$/;
const BLOCKS_RE = /^\{1:[^}]*\}(?:\{2:([^}]*)\})?(?:\{3:(?:\{[^}]*\})*\})?(?:\{4:)?/;
const CONTROL_RE = /[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f]/;
const CONTROL_GLOBAL_RE = /[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f]/g;
const ENVELOPE_BYTES = '\u0001\u0003\u001a';

/** Split text into SWIFT messages; reports stray control characters once. */
export function splitMessages(text: string, diagnostics: Diagnostic[]): SwiftMessage[] {
  const messages: SwiftMessage[] = [];
  // Held in an object so TypeScript does not narrow it across the closures below.
  const state: { current: SwiftMessage | null; blockType: string | undefined } = { current: null, blockType: undefined };
  let controlWarned = false;

  const close = (): void => {
    if (state.current && state.current.fields.length > 0) messages.push(state.current);
    state.current = null;
    state.blockType = undefined;
  };
  const open = (lineNo: number): SwiftMessage => {
    const m: SwiftMessage = { fields: [], line: lineNo, ...(state.blockType !== undefined ? { blockType: state.blockType } : {}) };
    state.current = m;
    return m;
  };

  for (const src of splitLines(text)) {
    let raw = src.text;
    if (CONTROL_RE.test(raw)) {
      // SOH/ETX around a message (mBank) or Ctrl-Z at the end are envelope bytes, not data.
      const inner = trimEndChars(trimStartChars(raw, ENVELOPE_BYTES), ENVELOPE_BYTES);
      const stripped = raw.replace(CONTROL_GLOBAL_RE, '');
      if (!controlWarned && CONTROL_RE.test(inner)) {
        controlWarned = true;
        diagnostics.push({
          level: 'warning',
          code: 'control_chars',
          message: `Line ${src.line} contains control characters; they were removed.`,
          line: src.line,
        });
      }
      raw = stripped;
    }
    let line = raw.trimEnd();

    const blocks = BLOCKS_RE.exec(line);
    if (blocks && line.startsWith('{1:')) {
      close();
      const type = /^[IO](\d{3})/.exec(blocks[1] ?? '');
      state.blockType = type?.[1];
      line = line.slice(blocks[0].length);
      if (line.trim() === '') continue;
    }
    const trimmed = line.trim();
    if (trimmed.startsWith('-}') || trimmed === '-' || trimmed === '$' || /^-XXX$/.test(trimmed) || trimmed.startsWith('{5:')) {
      close();
      continue;
    }
    const tag = TAG_RE.exec(line);
    if (tag) {
      const name = tag[1] ?? '';
      let msg: SwiftMessage | null = state.current;
      if (msg !== null && name === '20' && msg.fields.length > 0) {
        const type = msg.blockType;
        close();
        if (type !== undefined) state.blockType = type;
        msg = null;
      }
      if (msg === null) msg = open(src.line);
      msg.fields.push({ tag: name, lines: [tag[2] ?? ''], line: src.line });
      continue;
    }
    const msg = state.current;
    const last = msg?.fields[msg.fields.length - 1];
    if (last) last.lines.push(line);
    // Lines outside a message are bank header noise (ABNANL2A, 940, ":940:", 0000 01INGB…).
  }
  close();
  return messages;
}
