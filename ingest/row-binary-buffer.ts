/**
 * Writes rows in the engine's RowBinary encoding (little-endian numbers, strings as a LEB128 byte length then
 * their UTF-8, maps as a count then key, value pairs) into large chunks, and hands each row out as a view of its
 * chunk: a batch's rows share a few allocations instead of one per row or per value. A row never spans two chunks.
 */
export type RowBinaryKind = 'uuid' | 'uint16' | 'uint32' | 'uint64' | 'time' | 'enum8' | 'string' | 'map';

/** The bytes of a column's default (zero, an empty string or map). */
export const ZERO_WIDTH: Record<RowBinaryKind, number> = {
  uuid: 16,
  uint16: 2,
  uint32: 4,
  uint64: 8,
  time: 8,
  enum8: 1,
  string: 1,
  map: 1,
};

const TWO_TO_32 = 2 ** 32;

export class RowBinaryBuffer {
  private chunk: Buffer;
  private position = 0;
  private rowStart = 0;

  /** `chunkBytes`: each chunk's size (a row larger than that gets a chunk of its own size). */
  constructor(private readonly chunkBytes = 256 * 1024) {
    this.chunk = Buffer.allocUnsafe(chunkBytes);
  }

  startRow(): void {
    this.rowStart = this.position;
  }

  /** The row written since `startRow`, as a view of its chunk. */
  endRow(): Buffer {
    return this.chunk.subarray(this.rowStart, this.position);
  }

  bytes(value: Buffer): void {
    this.reserve(value.length);
    value.copy(this.chunk, this.position);
    this.position += value.length;
  }

  uint8(value: number): void {
    this.reserve(1);
    this.chunk[this.position++] = value;
  }

  /** A non-negative integer up to 2^53 as UInt16, UInt32 or UInt64 (and a time's milliseconds as Int64). */
  number(kind: RowBinaryKind, value: number): void {
    if (kind === 'uint16') {
      this.reserve(2);
      this.position = this.chunk.writeUInt16LE(value, this.position);
    } else if (kind === 'uint32') {
      this.reserve(4);
      this.position = this.chunk.writeUInt32LE(value, this.position);
    } else this.uint64(value);
  }

  uint64(value: number): void {
    this.reserve(8);
    const low = value % TWO_TO_32;
    this.chunk.writeUInt32LE(low, this.position);
    this.chunk.writeUInt32LE((value - low) / TWO_TO_32, this.position + 4);
    this.position += 8;
  }

  /** `count` zero bytes: columns' defaults (zero numbers and UUIDs, empty strings and maps; `ZERO_WIDTH`). */
  zeros(count: number): void {
    this.reserve(count);
    const chunk = this.chunk;
    const end = this.position + count;
    for (let at = this.position; at < end; at += 1) chunk[at] = 0;
    this.position = end;
  }

  string(value: string): void {
    // UTF-8 takes at most 3 bytes per UTF-16 unit (a surrogate pair: 4 for 2), so up to 42 units fit a one-byte length.
    if (value.length <= 42) {
      this.reserve(1 + value.length * 3);
      const written = this.chunk.write(value, this.position + 1, 'utf8');
      this.chunk[this.position] = written;
      this.position += 1 + written;
      return;
    }
    const length = Buffer.byteLength(value, 'utf8');
    this.reserve(10 + length);
    this.varUInt(length);
    this.position += this.chunk.write(value, this.position, 'utf8');
  }

  map(entries: Record<string, string>): void {
    const keys = Object.keys(entries);
    this.reserve(10);
    this.varUInt(keys.length);
    for (const key of keys) {
      this.string(key);
      this.string(entries[key]!);
    }
  }

  private varUInt(value: number): void {
    let rest = value;
    while (rest >= 0x80) {
      this.chunk[this.position++] = (rest & 0x7f) | 0x80;
      rest = Math.floor(rest / 0x80);
    }
    this.chunk[this.position++] = rest;
  }

  /** Room for `bytes` more in the current chunk; else a new chunk, the row begun so far moved into it. */
  private reserve(bytes: number): void {
    if (this.position + bytes <= this.chunk.length) return;
    const begun = this.chunk.subarray(this.rowStart, this.position);
    const next = Buffer.allocUnsafe(Math.max(this.chunkBytes, (begun.length + bytes) * 2));
    begun.copy(next, 0);
    this.chunk = next;
    this.position = begun.length;
    this.rowStart = 0;
  }
}
