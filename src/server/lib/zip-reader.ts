import fs from 'node:fs';
import { Readable } from 'node:stream';
import { crc32, createInflateRaw } from 'node:zlib';

/** The file is not a readable zip archive (or an entry in it is damaged or too large). */
export class ZipFormatError extends Error {}

/** One file in the archive, from the central directory. */
export interface ZipEntry {
  name: string;
  /** 0 stored, 8 deflated: the only two methods office files use. */
  method: number;
  compressedSize: number;
  uncompressedSize: number;
  localHeaderOffset: number;
  /** CRC-32 of the uncompressed bytes, checked once they are read. */
  crc32: number;
}

/** Bytes that can be read at any position: a file on disk or a buffer. */
interface RandomAccess {
  size: number;
  read(position: number, length: number): Promise<Buffer>;
  stream(start: number, length: number): Readable;
  close(): Promise<void>;
}

const EOCD = 0x06054b50;
const ZIP64_LOCATOR = 0x07064b50;
const ZIP64_EOCD = 0x06064b50;
const CENTRAL_ENTRY = 0x02014b50;
const LOCAL_HEADER = 0x04034b50;
/** The end record is 22 bytes plus a comment of at most 65,535. */
const EOCD_SEARCH = 22 + 0xffff;
const STREAM_CHUNK = 256 * 1024;
/** Inflated bytes per chunk: small enough that the reader hands back to the event loop every few milliseconds. */
const INFLATE_CHUNK = 64 * 1024;

async function openFile(path: string): Promise<RandomAccess> {
  const handle = await fs.promises.open(path, 'r');
  const { size } = await handle.stat();
  return {
    size,
    async read(position, length) {
      const buffer = Buffer.alloc(length);
      const { bytesRead } = await handle.read(buffer, 0, length, position);
      return buffer.subarray(0, bytesRead);
    },
    stream: (start, length) =>
      length === 0 ? Readable.from([]) : fs.createReadStream(path, { start, end: start + length - 1, highWaterMark: STREAM_CHUNK }),
    close: () => handle.close(),
  };
}

function openBuffer(buffer: Buffer): RandomAccess {
  return {
    size: buffer.length,
    read: (position, length) => Promise.resolve(buffer.subarray(position, position + length)),
    stream: (start, length) => Readable.from([buffer.subarray(start, start + length)]),
    close: () => Promise.resolve(),
  };
}

/** Sizes and offset of a central entry, taking the 64-bit values from its ZIP64 extra field where the 32-bit ones are saturated. */
function zip64Values(extra: Buffer, values: { uncompressedSize: number; compressedSize: number; localHeaderOffset: number }) {
  for (let at = 0; at + 4 <= extra.length;) {
    const id = extra.readUInt16LE(at);
    const size = extra.readUInt16LE(at + 2);
    if (id === 0x0001) {
      let field = at + 4;
      const take = () => {
        if (field + 8 > at + 4 + size) throw new ZipFormatError('ZIP64 extra field too short');
        const value = Number(extra.readBigUInt64LE(field));
        field += 8;
        return value;
      };
      if (values.uncompressedSize === 0xffffffff) values.uncompressedSize = take();
      if (values.compressedSize === 0xffffffff) values.compressedSize = take();
      if (values.localHeaderOffset === 0xffffffff) values.localHeaderOffset = take();
      return values;
    }
    at += 4 + size;
  }
  return values;
}

/** Where the central directory is and how many entries it has, from the end record (or its ZIP64 form). */
async function centralDirectory(source: RandomAccess): Promise<{ offset: number; size: number; count: number }> {
  const tailStart = Math.max(0, source.size - EOCD_SEARCH);
  const tail = await source.read(tailStart, source.size - tailStart);
  let at = -1;
  for (let i = tail.length - 22; i >= 0; i--) {
    if (tail.readUInt32LE(i) === EOCD) {
      at = i;
      break;
    }
  }
  if (at < 0) throw new ZipFormatError('no end of central directory');
  let count = tail.readUInt16LE(at + 10);
  let size = tail.readUInt32LE(at + 12);
  let offset = tail.readUInt32LE(at + 16);
  if ((count === 0xffff || offset === 0xffffffff) && at >= 20 && tail.readUInt32LE(at - 20) === ZIP64_LOCATOR) {
    const record = await source.read(Number(tail.readBigUInt64LE(at - 12)), 56);
    if (record.length < 56 || record.readUInt32LE(0) !== ZIP64_EOCD) throw new ZipFormatError('bad ZIP64 end record');
    count = Number(record.readBigUInt64LE(32));
    size = Number(record.readBigUInt64LE(40));
    offset = Number(record.readBigUInt64LE(48));
  }
  if (offset + size > source.size) throw new ZipFormatError('central directory beyond the end of the file');
  return { offset, size, count };
}

/**
 * The central directory's entries, encrypted ones left out. Two entries with the same name (compared
 * without case, as OPC compares part names) make the archive ambiguous: readers disagree on which
 * one counts (ExcelJS reads the first, others the last), so it is refused.
 */
function readEntries(directory: Buffer, count: number): ZipEntry[] {
  const entries: ZipEntry[] = [];
  const names = new Set<string>();
  let at = 0;
  for (let i = 0; i < count; i++) {
    if (at + 46 > directory.length || directory.readUInt32LE(at) !== CENTRAL_ENTRY) throw new ZipFormatError('bad central directory entry');
    const flags = directory.readUInt16LE(at + 8);
    const nameLength = directory.readUInt16LE(at + 28);
    const extraLength = directory.readUInt16LE(at + 30);
    const commentLength = directory.readUInt16LE(at + 32);
    const nameEnd = at + 46 + nameLength;
    if (nameEnd + extraLength > directory.length) throw new ZipFormatError('central directory entry beyond its end');
    const values = zip64Values(directory.subarray(nameEnd, nameEnd + extraLength), {
      compressedSize: directory.readUInt32LE(at + 20),
      uncompressedSize: directory.readUInt32LE(at + 24),
      localHeaderOffset: directory.readUInt32LE(at + 42),
    });
    const name = directory.toString('utf8', at + 46, nameEnd);
    if (names.has(name.toLowerCase())) throw new ZipFormatError(`duplicate entry ${name}`);
    names.add(name.toLowerCase());
    // Bit 0: encrypted. Bit 11: UTF-8 names; office files only use ASCII part names, so both decode alike.
    if ((flags & 1) === 0)
      entries.push({ name, method: directory.readUInt16LE(at + 10), crc32: directory.readUInt32LE(at + 16), ...values });
    at = nameEnd + extraLength + commentLength;
  }
  return entries;
}

/** A zip archive opened for random access: its entries by name, each readable as a stream of its bytes. */
export interface ZipArchive {
  entries: ReadonlyMap<string, ZipEntry>;
  /**
   * The entry's uncompressed bytes, chunk by chunk. Throws {@link ZipFormatError} for an entry
   * declared larger than `maxBytes`, an unknown method, a bad header, or data that does not inflate
   * to its declared size and CRC-32 (checked at its end: a consumer must not act on what it read
   * before the last chunk came); zlib's error for damaged data.
   */
  read(entry: ZipEntry, maxBytes: number): AsyncGenerator<Buffer>;
  close(): Promise<void>;
}

/**
 * Opens a zip archive (a path, or the whole file in a buffer) by its central directory, so that
 * its entries can be read in any order: the order an xlsx writer stored them in does not matter.
 * Throws {@link ZipFormatError} when it is not a zip archive; errors of the file itself (missing,
 * unreadable) are thrown as they are.
 */
export async function openZip(source: string | Buffer): Promise<ZipArchive> {
  const access = typeof source === 'string' ? await openFile(source) : openBuffer(source);
  try {
    const { offset, size, count } = await centralDirectory(access);
    const entries = new Map(readEntries(await access.read(offset, size), count).map((e) => [e.name, e]));
    return { entries, read: (entry, maxBytes) => readEntry(access, entry, maxBytes), close: () => access.close() };
  } catch (error) {
    await access.close();
    throw error;
  }
}

async function* readEntry(access: RandomAccess, entry: ZipEntry, maxBytes: number): AsyncGenerator<Buffer> {
  if (entry.uncompressedSize > maxBytes) throw new ZipFormatError(`${entry.name} is larger than ${maxBytes} bytes`);
  const header = await access.read(entry.localHeaderOffset, 30);
  if (header.length < 30 || header.readUInt32LE(0) !== LOCAL_HEADER) throw new ZipFormatError(`bad local header of ${entry.name}`);
  const start = entry.localHeaderOffset + 30 + header.readUInt16LE(26) + header.readUInt16LE(28);
  if (start + entry.compressedSize > access.size) throw new ZipFormatError(`${entry.name} runs past the end of the file`);
  if (entry.method !== 0 && entry.method !== 8) throw new ZipFormatError(`${entry.name}: compression method ${entry.method}`);
  const raw = access.stream(start, entry.compressedSize);
  const data = entry.method === 0 ? raw : raw.pipe(createInflateRaw({ chunkSize: INFLATE_CHUNK }));
  if (data !== raw) raw.on('error', (error) => data.destroy(error));
  let total = 0;
  let crc = 0;
  try {
    for await (const chunk of data as AsyncIterable<Buffer>) {
      total += chunk.length;
      // More than declared: a damaged entry (or a bomb that lies about its size), stopped at once.
      if (total > entry.uncompressedSize) throw new ZipFormatError(`${entry.name} inflates past its declared size`);
      crc = crc32(chunk, crc);
      yield chunk;
    }
  } finally {
    raw.destroy();
    data.destroy();
  }
  if (total !== entry.uncompressedSize) throw new ZipFormatError(`${entry.name} is shorter than its declared size`);
  if (crc !== entry.crc32) throw new ZipFormatError(`${entry.name} fails its CRC-32 check`);
}
