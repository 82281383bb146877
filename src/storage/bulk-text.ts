/**
 * A large text parameter given as its UTF-8 bytes (a segment's rows), which drivers send as
 * they are. On PGlite this skips the JavaScript side of `PGlite.query`, which measures every
 * string parameter's UTF-8 length in a JavaScript loop, encodes it, and makes six calls into
 * Postgres per statement: an insert of 500 predictions costs ~6 µs a prediction through it and
 * ~2 µs sent as bytes (pglite-wire.ts). node-postgres calls `toPostgres()` on object
 * parameters and sends a Buffer as a binary parameter, which for `text` is its UTF-8 bytes.
 * Either way, the database checks that the bytes are valid UTF-8.
 */
export class BulkText {
  readonly utf8: Uint8Array;

  constructor(utf8: Uint8Array) {
    this.utf8 = utf8;
  }

  /** node-postgres' hook for object parameters. */
  toPostgres(): Buffer {
    const b = this.utf8;
    return Buffer.isBuffer(b) ? b : Buffer.from(b.buffer, b.byteOffset, b.byteLength);
  }
}
