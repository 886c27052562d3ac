import { crc32, deflateRawSync } from 'node:zlib';

/** One file of a test archive: stored as is, or deflated. */
export interface ZipFile {
  name: string;
  data: string | Buffer;
  isStored?: boolean;
}

interface EntryHeader {
  method: number;
  crc: number;
  compressedSize: number;
  size: number;
  nameLength: number;
}

/** The fields a local header (from byte 4) and a central directory entry (from byte 6) have in the same layout. */
function writeSharedFields(buf: Buffer, at: number, h: EntryHeader): void {
  buf.writeUInt16LE(20, at); // version needed
  buf.writeUInt16LE(0x0800, at + 2); // UTF-8 names
  buf.writeUInt16LE(h.method, at + 4);
  buf.writeUInt32LE(h.crc, at + 10);
  buf.writeUInt32LE(h.compressedSize, at + 14);
  buf.writeUInt32LE(h.size, at + 18);
  buf.writeUInt16LE(h.nameLength, at + 22);
}

/**
 * A minimal zip writer for tests: the files in the order given, each with its local header,
 * then the central directory. Enough to build workbooks no spreadsheet library would write
 * (odd part order, stored parts, hand-written XML).
 */
export function buildZip(files: readonly ZipFile[]): Buffer {
  const locals: Buffer[] = [];
  const centrals: Buffer[] = [];
  let offset = 0;
  for (const file of files) {
    const data = Buffer.isBuffer(file.data) ? file.data : Buffer.from(file.data);
    const body = file.isStored ? data : deflateRawSync(data);
    const name = Buffer.from(file.name);
    const method = file.isStored ? 0 : 8;
    const header = { method, crc: crc32(data), compressedSize: body.length, size: data.length, nameLength: name.length };
    const local = Buffer.alloc(30);
    local.writeUInt32LE(0x04034b50, 0);
    writeSharedFields(local, 4, header);
    const central = Buffer.alloc(46);
    central.writeUInt32LE(0x02014b50, 0);
    central.writeUInt16LE(20, 4);
    writeSharedFields(central, 6, header);
    central.writeUInt32LE(offset, 42);
    locals.push(local, name, body);
    centrals.push(central, name);
    offset += local.length + name.length + body.length;
  }
  const directory = Buffer.concat(centrals);
  const end = Buffer.alloc(22);
  end.writeUInt32LE(0x06054b50, 0);
  end.writeUInt16LE(files.length, 8);
  end.writeUInt16LE(files.length, 10);
  end.writeUInt32LE(directory.length, 12);
  end.writeUInt32LE(offset, 16);
  return Buffer.concat([...locals, directory, end]);
}
