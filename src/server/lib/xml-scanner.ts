/** The XML is not well formed where the scanner needs it to be. */
export class XmlFormatError extends Error {}

/** Local names (prefix dropped) the spreadsheet readers act on; every other element is {@link TAG.other}. */
export const TAG = { other: 0, row: 1, c: 2, v: 3, t: 4, is: 5, r: 6, rPh: 7, si: 8, sheet: 9, Relationship: 10 } as const;
export type Tag = (typeof TAG)[keyof typeof TAG];

/** What a {@link XmlScanner} reports. Positions index the buffer passed along, valid during the call only. */
export interface XmlHandler {
  /** Whether the text up to the next tag is wanted: text is decoded only then. */
  readonly wantsText: boolean;
  /** An opening tag; its attributes are the bytes `[attrStart, attrEnd)`. A self-closing tag is followed by {@link close}. */
  open(tag: Tag, buf: Buffer, attrStart: number, attrEnd: number): void;
  close(tag: Tag): void;
  /**
   * Raw text (entities still escaped), in whole characters: one text may come in several pieces,
   * cut where a chunk ends, so an entity may be split between them.
   */
  text(buf: Buffer, start: number, end: number): void;
}

/**
 * Longest markup (a tag with its attributes, a comment, a CDATA section, a declaration or a
 * processing instruction) the scanner waits for across chunks. Excel writes tags of a few hundred
 * bytes; the cap keeps the re-joining of an unfinished tag with the next chunk linear.
 */
export const MAX_MARKUP_BYTES = 128 * 1024;

const LT = 0x3c;
const GT = 0x3e;
const SLASH = 0x2f;
const BANG = 0x21;
const QUESTION = 0x3f;
const COLON = 0x3a;
const CDATA_OPEN = Buffer.from('<![CDATA[');
const CDATA_CLOSE = Buffer.from(']]>');
const COMMENT_CLOSE = Buffer.from('-->');
const PI_CLOSE = Buffer.from('?>');
const TAG_CLOSE = Buffer.of(GT);

function isNameEnd(byte: number): boolean {
  return byte === 0x20 || byte === 0x09 || byte === 0x0a || byte === 0x0d || byte === SLASH || byte === GT;
}

/** The tag of the element name in `[start, end)`, by its local name. */
function tagOf(buf: Buffer, start: number, end: number): Tag {
  for (let i = start; i < end; i++) if (buf[i] === COLON) start = i + 1;
  const a = buf[start];
  switch (end - start) {
    case 1:
      return a === 0x63 ? TAG.c : a === 0x76 ? TAG.v : a === 0x74 ? TAG.t : a === 0x72 ? TAG.r : TAG.other;
    case 2:
      if (a === 0x69 && buf[start + 1] === 0x73) return TAG.is;
      return a === 0x73 && buf[start + 1] === 0x69 ? TAG.si : TAG.other;
    case 3:
      if (a === 0x72 && buf[start + 1] === 0x6f && buf[start + 2] === 0x77) return TAG.row;
      return a === 0x72 && buf[start + 1] === 0x50 && buf[start + 2] === 0x68 ? TAG.rPh : TAG.other;
    case 5:
      return isName(buf, start, end, 'sheet') ? TAG.sheet : TAG.other;
    case 12:
      return isName(buf, start, end, 'Relationship') ? TAG.Relationship : TAG.other;
    default:
      return TAG.other;
  }
}

/** Where the text in `[start, end)` stops being whole UTF-8 characters: before a sequence the next chunk completes. */
function wholeCharactersEnd(buf: Buffer, start: number, end: number): number {
  for (let i = end - 1; i >= Math.max(start, end - 3); i--) {
    const byte = buf[i]!;
    if (byte < 0x80) return end;
    if (byte >= 0xc0) {
      const length = byte >= 0xf0 ? 4 : byte >= 0xe0 ? 3 : 2;
      return i + length <= end ? end : i;
    }
  }
  return end;
}

/**
 * A streaming XML scanner over bytes for the spreadsheet parts: finds tags with `indexOf`, names
 * the few elements that matter without building strings, and decodes only the text the handler
 * wants. Strings made from the bytes are copies, so they never keep a chunk alive. Not a
 * validating parser: a DOCTYPE or entity declarations are not expected in these parts.
 *
 * Linear in its input whatever the input: wanted text is handed over as it comes (the handler caps
 * what it keeps), unwanted text is skipped, and only unfinished markup is carried to the next chunk,
 * at most {@link MAX_MARKUP_BYTES} of it.
 */
export class XmlScanner {
  /** The unfinished end of the previous chunk: markup, or the first bytes of a character. */
  private tail: Buffer | null = null;
  /** Elements open now; the document is complete when its root has opened and closed again. */
  private depth = 0;
  private hasRoot = false;

  constructor(private readonly handler: XmlHandler) {}

  feed(chunk: Buffer): void {
    const buf = this.tail ? Buffer.concat([this.tail, chunk]) : chunk;
    this.tail = null;
    const pos = this.scan(buf);
    if (pos === buf.length) return;
    if (buf.length - pos > MAX_MARKUP_BYTES) throw new XmlFormatError(`markup longer than ${MAX_MARKUP_BYTES} bytes`);
    this.tail = Buffer.from(buf.subarray(pos));
  }

  /** Ends the document: an unfinished tag or an unclosed element there means the XML was cut short. */
  end(): void {
    if ((this.tail && this.tail.includes(LT)) || this.depth !== 0 || !this.hasRoot) throw new XmlFormatError('the document is cut short');
    this.tail = null;
  }

  /** Handles everything complete in `buf`; returns where the unfinished rest starts. */
  private scan(buf: Buffer): number {
    const h = this.handler;
    let pos = 0;
    while (pos < buf.length) {
      const lt = buf.indexOf(LT, pos);
      if (lt < 0) {
        if (!h.wantsText) return buf.length;
        const end = wholeCharactersEnd(buf, pos, buf.length);
        if (end > pos) h.text(buf, pos, end);
        return end;
      }
      if (lt > pos && h.wantsText) h.text(buf, pos, lt);
      const next = buf[lt + 1];
      if (next === BANG || next === QUESTION) {
        const skipped = this.special(buf, lt, next);
        if (skipped < 0) return lt;
        pos = skipped;
        continue;
      }
      const gt = buf.indexOf(GT, lt + 1);
      if (gt < 0) return lt;
      if (next === SLASH) {
        let nameEnd = lt + 2;
        while (nameEnd < gt && !isNameEnd(buf[nameEnd]!)) nameEnd++;
        this.depth -= 1;
        h.close(tagOf(buf, lt + 2, nameEnd));
      } else {
        let nameEnd = lt + 1;
        while (nameEnd < gt && !isNameEnd(buf[nameEnd]!)) nameEnd++;
        const tag = tagOf(buf, lt + 1, nameEnd);
        const isSelfClosing = buf[gt - 1] === SLASH;
        this.hasRoot = true;
        h.open(tag, buf, nameEnd, isSelfClosing ? gt - 1 : gt);
        if (isSelfClosing) h.close(tag);
        else this.depth += 1;
      }
      pos = gt + 1;
    }
    return pos;
  }

  /** A CDATA section (its text is text), a comment, a declaration or a processing instruction: where it ends, or -1 if not in `buf`. */
  private special(buf: Buffer, lt: number, next: number): number {
    if (lt + 9 > buf.length) return -1;
    if (next === BANG && buf.compare(CDATA_OPEN, 0, 9, lt, lt + 9) === 0) {
      const close = buf.indexOf(CDATA_CLOSE, lt + 9);
      if (close < 0) return -1;
      // Raw text in a CDATA section is escaped again, so the handler's entity decoding leaves it as it was.
      if (this.handler.wantsText) {
        const escaped = Buffer.from(escapeXml(buf.toString('utf8', lt + 9, close)));
        this.handler.text(escaped, 0, escaped.length);
      }
      return close + 3;
    }
    const isComment = next === BANG && buf[lt + 2] === 0x2d && buf[lt + 3] === 0x2d;
    const terminator = isComment ? COMMENT_CLOSE : next === QUESTION ? PI_CLOSE : TAG_CLOSE;
    const close = buf.indexOf(terminator, lt + 2);
    return close < 0 ? -1 : close + terminator.length;
  }
}

function escapeXml(text: string): string {
  return text.replace(/&/g, '&amp;').replace(/</g, '&lt;');
}

function isName(buf: Buffer, start: number, end: number, name: string): boolean {
  if (end - start !== name.length) return false;
  for (let i = 0; i < name.length; i++) if (buf[start + i] !== name.charCodeAt(i)) return false;
  return true;
}

/** Where the next attribute of a tag's `[at, to)` lies, or null when there is none: its name and value (quotes excluded). */
interface AttributeSpan {
  nameStart: number;
  nameEnd: number;
  valueStart: number;
  valueEnd: number;
}

/** Finds the next `name="value"` (or single quotes) in `[at, to)`; never looks past `to`, so a tag costs its own length. */
function nextAttribute(buf: Buffer, at: number, to: number, span: AttributeSpan): boolean {
  while (at < to && buf[at]! <= 0x20) at++;
  span.nameStart = at;
  while (at < to && buf[at] !== 0x3d && buf[at]! > 0x20) at++;
  span.nameEnd = at;
  while (at < to && buf[at] !== 0x22 && buf[at] !== 0x27) at++;
  if (at >= to) return false;
  const quote = buf[at];
  span.valueStart = at + 1;
  // A loop rather than indexOf: it must stop at `to`, and values are a few bytes long.
  for (at = span.valueStart; at < to; at++) {
    if (buf[at] === quote) {
      span.valueEnd = at;
      return true;
    }
  }
  return false;
}

/** Reads one attribute of an opening tag: the position of its value, or -1 when absent. */
export class AttributeReader {
  start = -1;
  end = -1;
  private readonly span: AttributeSpan = { nameStart: 0, nameEnd: 0, valueStart: 0, valueEnd: 0 };

  /** Finds attribute `name` (ASCII, no prefix) in `[from, to)`; sets {@link start}/{@link end} to its value. */
  find(buf: Buffer, from: number, to: number, name: string): boolean {
    this.start = this.end = -1;
    const span = this.span;
    for (let at = from; nextAttribute(buf, at, to, span); at = span.valueEnd + 1) {
      if (isName(buf, span.nameStart, span.nameEnd, name)) {
        this.start = span.valueStart;
        this.end = span.valueEnd;
        return true;
      }
    }
    return false;
  }
}

/** Every attribute of an opening tag in `[from, to)` by its qualified name (`r:id`), values decoded. */
export function attributesOf(buf: Buffer, from: number, to: number): Map<string, string> {
  const attributes = new Map<string, string>();
  const span: AttributeSpan = { nameStart: 0, nameEnd: 0, valueStart: 0, valueEnd: 0 };
  for (let at = from; nextAttribute(buf, at, to, span); at = span.valueEnd + 1) {
    attributes.set(buf.toString('utf8', span.nameStart, span.nameEnd), decodeXmlText(buf.toString('utf8', span.valueStart, span.valueEnd)));
  }
  return attributes;
}

function codePoint(code: number): string {
  if (code > 0x10ffff) throw new XmlFormatError(`character reference ${code} out of range`);
  return String.fromCodePoint(code);
}

const ENTITIES: Record<string, string> = { amp: '&', lt: '<', gt: '>', quot: '"', apos: "'" };

/** XML text with its entities and character references decoded, and Excel's `_xHHHH_` escapes (control characters) too. */
export function decodeXmlText(raw: string): string {
  let text = raw;
  if (text.includes('&')) {
    text = text.replace(/&(?:#x([0-9a-fA-F]+)|#([0-9]+)|(amp|lt|gt|quot|apos));/g, (_m, hex?: string, dec?: string, name?: string) =>
      name ? ENTITIES[name]! : codePoint(hex ? parseInt(hex, 16) : Number(dec)),
    );
  }
  if (text.includes('_x')) text = text.replace(/_x([0-9A-Fa-f]{4})_/g, (_m, hex: string) => String.fromCharCode(parseInt(hex, 16)));
  return text;
}
