import type { RequestEnding } from './outcome-tally.js';
import type { TransportErrorKind } from './transport-error.js';

/**
 * How one request of a ledger ended, as a 16-bit code: an HTTP status is stored as itself (100-599); the
 * codes below 100 say why there is none.
 */
export const LEDGER_CODE = {
  /** Never due before the run ended (or was stopped). */
  unscheduled: 0,
  /** Due, but not sent: maxInFlight requests were outstanding. */
  dropped: 1,
  /** Sent, no ending recorded (cannot outlive a run that ends normally). */
  pending: 2,
  timeout: 3,
  connection_refused: 4,
  connection_reset: 5,
  other: 6,
  /** Outstanding when the run was stopped. */
  cancelled: 7,
} as const satisfies Record<string, number> & Record<TransportErrorKind, number>;

/** What a ledger holds once the run is over: plain data, cheap to send between processes. */
export interface LedgerSnapshot {
  /** Requests 0 .. count - 1 of the class (by the index its `next(i)` was called with). */
  count: number;
  /** count 16-bit codes (see LEDGER_CODE), little-endian, base64. */
  endings: string;
  /** count 32-bit FNV-1a hashes of the id read from each 2xx answer (0: none read), little-endian, base64. */
  idHashes: string;
}

/**
 * How each request of one traffic class ended, by its index in the class, for reconciliation after a run
 * (was each acknowledged payment really made, once?). Kept compact on purpose: two typed arrays sized for the
 * run, written in O(1) per request, so the open loop's schedule does not notice it (no object, string or
 * promise per request).
 *
 * With `idField`, it also keeps a hash of the id each 2xx answer carries: the value of the first JSON string
 * field of that name in the body, hashed as it streams past (FNV-1a 32, see idHash). The id must lie within one
 * body chunk (an order's does: the answer is about 1 KB); one split across two chunks is not read (hash 0), and
 * its request can only be checked by key.
 */
export class RequestLedger {
  readonly idMarker: Buffer | null;
  #endings: Uint16Array;
  #idHashes: Uint32Array;
  #count = 0;

  constructor(options: { capacity?: number; idField?: string } = {}) {
    const capacity = Math.max(16, options.capacity ?? 1024);
    this.#endings = new Uint16Array(capacity);
    this.#idHashes = new Uint32Array(capacity);
    this.idMarker = options.idField ? Buffer.from(`"${options.idField}":"`) : null;
  }

  /** Makes room for `capacity` requests at once (the run knows how many can fall due). */
  reserve(capacity: number): void {
    if (capacity > this.#endings.length) this.#grow(capacity);
  }

  dropped(index: number): void {
    this.#set(index, LEDGER_CODE.dropped);
  }

  sent(index: number): void {
    this.#set(index, LEDGER_CODE.pending);
  }

  ended(index: number, ending: RequestEnding): void {
    this.#set(index, 'status' in ending ? ending.status : LEDGER_CODE[ending.errorKind]);
  }

  /** Reads the id out of one chunk of a 2xx answer's body; true once it is read (later chunks need no look). */
  readId(index: number, chunk: Buffer): boolean {
    const marker = this.idMarker;
    if (marker === null) return true;
    const at = chunk.indexOf(marker);
    if (at === -1) return false;
    const start = at + marker.length;
    const end = chunk.indexOf(0x22, start);
    if (end === -1) return true;
    this.#idHashes[index] = idHash(chunk, start, end);
    return true;
  }

  /** Records the id of a request's 2xx answer read some other way (a whole body, parsed). */
  recordId(index: number, id: string): void {
    if (index < this.#count) this.#idHashes[index] = idHash(Buffer.from(id));
  }

  ending(index: number): number {
    return index < this.#count ? (this.#endings[index] as number) : LEDGER_CODE.unscheduled;
  }

  idHashOf(index: number): number {
    return index < this.#count ? (this.#idHashes[index] as number) : 0;
  }

  get count(): number {
    return this.#count;
  }

  snapshot(): LedgerSnapshot {
    const bytes = (array: Uint16Array | Uint32Array) =>
      Buffer.from(array.buffer, array.byteOffset, this.#count * array.BYTES_PER_ELEMENT).toString('base64');
    return { count: this.#count, endings: bytes(this.#endings), idHashes: bytes(this.#idHashes) };
  }

  /** The ledger a snapshot describes (in the process that receives it). */
  static from(snapshot: LedgerSnapshot): RequestLedger {
    const ledger = new RequestLedger({ capacity: snapshot.count });
    const endings = Buffer.from(snapshot.endings, 'base64');
    const hashes = Buffer.from(snapshot.idHashes, 'base64');
    for (let i = 0; i < snapshot.count; i++) {
      ledger.#endings[i] = endings.readUInt16LE(i * 2);
      ledger.#idHashes[i] = hashes.readUInt32LE(i * 4);
    }
    ledger.#count = snapshot.count;
    return ledger;
  }

  #set(index: number, code: number): void {
    if (index >= this.#endings.length) this.#grow(Math.max(index + 1, this.#endings.length * 2));
    this.#endings[index] = code;
    if (index >= this.#count) this.#count = index + 1;
  }

  #grow(capacity: number): void {
    const endings = new Uint16Array(capacity);
    endings.set(this.#endings);
    const hashes = new Uint32Array(capacity);
    hashes.set(this.#idHashes);
    this.#endings = endings;
    this.#idHashes = hashes;
  }
}

/**
 * FNV-1a (32 bits) of bytes start .. end - 1; never 0, which means "no id". Equal ids hash equal; two different
 * ids of one request collide once in 4 billion, which is what comparing the id a client was told with the one
 * a database holds can afford.
 */
export function idHash(bytes: Uint8Array, start = 0, end = bytes.length): number {
  let hash = 0x811c9dc5;
  for (let i = start; i < end; i++) hash = Math.imul(hash ^ (bytes[i] as number), 0x01000193) >>> 0;
  return hash === 0 ? 1 : hash;
}

/** True for a code that is an HTTP status (the request was answered). */
export function isHttpStatus(code: number): boolean {
  return code >= 100;
}
