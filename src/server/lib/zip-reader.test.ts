import { describe, expect, it } from 'vitest';
import { buildZip } from '../../../tests/zip.ts';
import { openZip, ZipFormatError } from './zip-reader.ts';

async function text(zip: Awaited<ReturnType<typeof openZip>>, name: string, maxBytes = 1024): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const chunk of zip.read(zip.entries.get(name)!, maxBytes)) chunks.push(chunk);
  return Buffer.concat(chunks).toString();
}

/** Offset of the central directory entry of the only file in an archive built by {@link buildZip}. */
function centralEntryOf(zip: Buffer): number {
  return zip.readUInt32LE(zip.length - 22 + 16);
}

describe('openZip', () => {
  it('reads stored and deflated entries in any order', async () => {
    const zip = await openZip(
      buildZip([
        { name: 'b.xml', data: 'thứ hai'.repeat(100) },
        { name: 'a.txt', data: 'một', isStored: true },
      ]),
    );
    expect(await text(zip, 'a.txt')).toBe('một');
    expect(await text(zip, 'b.xml', 10_000)).toBe('thứ hai'.repeat(100));
    await zip.close();
  });

  it('stops an entry declared larger than allowed, and one that inflates past its declared size', async () => {
    const zip = await openZip(buildZip([{ name: 'bomb.xml', data: Buffer.alloc(100_000, 0x20) }]));
    await expect(text(zip, 'bomb.xml', 50_000)).rejects.toThrow(/larger than 50000 bytes/);
    await zip.close();
    const lying = buildZip([{ name: 'bomb.xml', data: Buffer.alloc(100_000, 0x20) }]);
    lying.writeUInt32LE(1000, centralEntryOf(lying) + 24);
    const opened = await openZip(lying);
    await expect(text(opened, 'bomb.xml', 50_000)).rejects.toThrow(/inflates past its declared size/);
    await opened.close();
  });

  it('checks each entry against its CRC-32 and declared size once read', async () => {
    const stored = buildZip([{ name: 'a.txt', data: 'xin chào', isStored: true }]);
    stored.writeUInt8(stored.readUInt8(30 + 'a.txt'.length) ^ 0x01, 30 + 'a.txt'.length);
    const zip = await openZip(stored);
    await expect(text(zip, 'a.txt')).rejects.toThrow(/CRC-32/);
    const short = buildZip([{ name: 'a.txt', data: 'xin chào'.repeat(50) }]);
    short.writeUInt32LE(1000, centralEntryOf(short) + 24);
    await expect(text(await openZip(short), 'a.txt', 10_000)).rejects.toThrow(/shorter than its declared size/);
  });

  it('refuses two entries of the same name, also when only their case differs', async () => {
    await expect(
      openZip(
        buildZip([
          { name: 'a.xml', data: '1' },
          { name: 'a.xml', data: '2' },
        ]),
      ),
    ).rejects.toThrow(/duplicate entry a.xml/);
    await expect(
      openZip(
        buildZip([
          { name: 'xl/a.xml', data: '1' },
          { name: 'XL/A.xml', data: '2' },
        ]),
      ),
    ).rejects.toThrow(/duplicate entry XL\/A.xml/);
  });

  it('takes sizes and offsets from the ZIP64 extra field', async () => {
    const plain = buildZip([{ name: 'a.txt', data: 'xin chào', isStored: true }]);
    const at = centralEntryOf(plain);
    const central = Buffer.from(plain.subarray(at, plain.length - 22));
    const extra = Buffer.alloc(4 + 24);
    extra.writeUInt16LE(0x0001, 0);
    extra.writeUInt16LE(24, 2);
    extra.writeBigUInt64LE(BigInt(central.readUInt32LE(24)), 4);
    extra.writeBigUInt64LE(BigInt(central.readUInt32LE(20)), 12);
    extra.writeBigUInt64LE(0n, 20);
    central.writeUInt32LE(0xffffffff, 20);
    central.writeUInt32LE(0xffffffff, 24);
    central.writeUInt32LE(0xffffffff, 42);
    central.writeUInt16LE(extra.length, 30);
    const directory = Buffer.concat([central, extra]);
    const end = Buffer.from(plain.subarray(plain.length - 22));
    end.writeUInt32LE(directory.length, 12);
    const zip = await openZip(Buffer.concat([plain.subarray(0, at), directory, end]));
    expect(await text(zip, 'a.txt')).toBe('xin chào');
    await zip.close();
  });

  it('leaves encrypted entries out and refuses an unknown compression method', async () => {
    const encrypted = buildZip([{ name: 'secret.txt', data: 'x', isStored: true }]);
    encrypted.writeUInt16LE(0x0801, centralEntryOf(encrypted) + 8);
    expect((await openZip(encrypted)).entries.size).toBe(0);
    const bzip = buildZip([{ name: 'a.txt', data: 'x', isStored: true }]);
    bzip.writeUInt16LE(12, centralEntryOf(bzip) + 10);
    const zip = await openZip(bzip);
    await expect(text(zip, 'a.txt')).rejects.toBeInstanceOf(ZipFormatError);
  });

  it('refuses a file whose central directory is missing or points past its end', async () => {
    await expect(openZip(Buffer.from('not a zip at all'))).rejects.toBeInstanceOf(ZipFormatError);
    const zip = buildZip([{ name: 'a.txt', data: 'x' }]);
    zip.writeUInt32LE(zip.length, zip.length - 22 + 16);
    await expect(openZip(zip)).rejects.toBeInstanceOf(ZipFormatError);
  });
});
